"""The DSL's day: what needs doing, each item one click from the child."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from dslapp.models import Action, Child, CourtOrder, EarlyHelpPlan, Referral, Transfer
from dslapp.models.early_help import PlanStatus
from dslapp.services.alerts import all_rules
from dslapp.services.staff_reports import SECTION as STAFF_SECTION
from dslapp.services.staff_reports import today_items as staff_today_items
from dslapp.services.supervision import today_rules
from dslapp.store import RecordStore
from dslapp.views.court_orders import banner
from dslapp.views.today import SECTION_RULES, SECTIONS, TodayItem

REVIEW_DUE_SOON = timedelta(days=7)
REFERRAL_CHASE_AFTER_DAYS = 3
TRANSFER_RECEIPT_SCHOOL_DAYS = 5


# Other areas add rules here: each takes the store and the day and yields items for "alerts".
AlertRule = Callable[[RecordStore, date], Iterable[TodayItem]]
ALERT_RULES: list[AlertRule] = []


def add_school_days(start: date, days: int) -> date:
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def today(store: RecordStore, on: date) -> dict[str, list[TodayItem]]:
    """Everything due or overdue on ``on``, grouped by section (see SECTIONS)."""
    names = {str(c.id): c.display_name for c in store.all_of(Child)}
    out: dict[str, list[TodayItem]] = {key: [] for key in SECTIONS}

    def item(section: str, rec: Any, title: str, due: date | None, overdue: bool) -> None:
        child_id = str(rec.child_id)
        out[section].append(TodayItem(section, child_id, names.get(child_id, ""), str(rec.id), title, due, overdue))

    out[STAFF_SECTION].extend(staff_today_items(store))
    for action in store.all_of(Action):
        if action.done_on is None:
            if action.due < on:
                item("overdue_actions", action, action.what, action.due, True)
            elif action.due <= on + REVIEW_DUE_SOON:
                item("actions_due", action, action.what, action.due, False)
    for plan in store.all_of(EarlyHelpPlan):
        if plan.status == PlanStatus.OPEN and plan.next_review and plan.next_review <= on + REVIEW_DUE_SOON:
            item("reviews_due", plan, "Early Help review", plan.next_review, plan.next_review < on)
    for referral in store.all_of(Referral):
        if referral.awaiting_outcome and referral.sent_on:
            chase = referral.chase_on or add_school_days(referral.sent_on, REFERRAL_CHASE_AFTER_DAYS)
            title = f"{referral.request_type} sent {referral.sent_on:%d/%m/%Y}: outcome awaited"
            item("referrals_awaiting", referral, title, chase, chase < on)
    for transfer in store.all_of(Transfer):
        if transfer.awaiting_receipt and transfer.sent_on:
            due = add_school_days(transfer.sent_on, TRANSFER_RECEIPT_SCHOOL_DAYS)
            item("transfers_awaiting", transfer, f"CP file sent to {transfer.other_school}", due, due < on)
    for rule in [*ALERT_RULES, *all_rules(), *today_rules()]:
        out["alerts"].extend(rule(store, on))
    banners = _order_banners(store, on)
    for key, items in out.items():
        if banners:
            items[:] = [replace(i, banner=banners[i.child_id]) if i.child_id in banners else i for i in items]
        if key != STAFF_SECTION:  # concerns from staff keep their own order: urgent, then newest, first
            items.sort(key=lambda i: (i.due or date.max, i.child_name))
    return out


def _order_banners(store: RecordStore, on: date) -> dict[str, str]:
    """The court-order line shown beside each child's name on Today, for children with an order in force."""
    by_child: dict[str, list[CourtOrder]] = {}
    for order in store.all_of(CourtOrder):
        by_child.setdefault(str(order.child_id), []).append(order)
    out: dict[str, str] = {}
    for child_id, orders in by_child.items():
        shown = banner(orders, on)
        if shown is not None:
            out[child_id] = shown.text
    return out


__all__ = ["ALERT_RULES", "SECTIONS", "SECTION_RULES", "AlertRule", "TodayItem", "add_school_days", "today"]
