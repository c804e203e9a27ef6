"""The DSL's day: what needs doing, each item one click from the child."""

from __future__ import annotations

import hashlib
import heapq
import json
import uuid
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timedelta
from typing import Any

from dslapp import __version__
from dslapp.errors import RecordNotFound
from dslapp.guidance.alerts import AlertItem, CaseRecords, ConcernFacts, alerts_for_cases, history_days, sort_into
from dslapp.guidance.config import GuidanceConfig, resolve
from dslapp.models import (
    Action,
    AlertAcknowledgement,
    Child,
    Concern,
    CourtOrder,
    EarlyHelpPlan,
    EarlyHelpReview,
    EncompassNotice,
    Escalation,
    Referral,
    StatutoryRecord,
    Transfer,
)
from dslapp.models.early_help import PlanStatus
from dslapp.services.alerts import acknowledged, all_rules, concern_facts, facts_of, practice_alerts
from dslapp.services.kept import KeptFinding, keep_rows, read_all_at_once, roster
from dslapp.services.staff_reports import SECTION as STAFF_SECTION
from dslapp.services.staff_reports import today_items as staff_today_items
from dslapp.services.supervision import today_rules
from dslapp.store import RecordStore
from dslapp.store.records import child_order
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
    """Everything due or overdue on ``on``, grouped by section (see SECTIONS).

    Each child's items are kept (in ``store.derived`` while the casebook is open, and in the vault between
    sessions) until that child's records change or a date passes at which they can change; only those children
    are read again. :func:`recompute_today` gives the same answer from scratch.
    """
    cfg = resolve(None)
    cache = store.derived.get(_CACHE)
    if not isinstance(cache, _TodayCache) or cache.config is not cfg:
        cache = store.derived[_CACHE] = _TodayCache(cfg, _fingerprint(cfg))
    cache.bring_up_to(store, on)
    if cache.merged is None:
        cache.merged = _merge(cache.children.values())
    return _compose(store, on, cache.merged)


def child_alerts(store: RecordStore, child_id: uuid.UUID | str, on: date) -> list[AlertItem]:
    """One child's practice alerts on ``on``, as ``alerts.practice_alerts`` gives them for the child: Today's
    findings for that child when they are current (nothing read), else worked out for this child alone."""
    cfg = resolve(None)
    key = str(child_id)
    cache = store.derived.get(_CACHE)
    held = None
    if isinstance(cache, _TodayCache) and cache.config is cfg and cache.generation >= store.touched.get(key, -1):
        kept = cache.children.get(key)
        held = kept if kept is not None and kept.on <= on < kept.until else None
        if held is None:
            held = _one_child(store, key, on, cfg, cache.held)
    else:
        held = _one_child(store, key, on, cfg)
    found = held.items.get("alerts", []) if held is not None else []
    return [replace(a, banner="") for a in found if isinstance(a, AlertItem)]


def recompute_today(store: RecordStore, on: date) -> dict[str, list[TodayItem]]:
    """:func:`today` computed from every record, keeping nothing: what the kept per-child findings must equal."""
    cfg = resolve(None)
    return _compose(store, on, _merge(_every_child(store, on, cfg).values()))


# ---- one child at a time ------------------------------------------------------------------------------------

_CACHE = "today"
_PER_CHILD_KINDS: tuple[type[Any], ...] = (
    Action, EarlyHelpPlan, Referral, Transfer, CourtOrder, EarlyHelpReview, Escalation, AlertAcknowledgement,
    StatutoryRecord, EncompassNotice,
)  # fmt: skip


@dataclass
class ChildRecords:
    """The records of one child that Today reads: the alert rules' case, and the section kinds besides."""

    case: CaseRecords
    actions: list[Action] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    orders: list[CourtOrder] = field(default_factory=list)
    later_concerns: list[date] = field(default_factory=list)
    """Days of concerns dated after the day shown (they join the rules' reading on that day)."""

    def add(self, record: Any) -> None:
        if isinstance(record, Action):
            self.actions.append(record)
        elif isinstance(record, Transfer):
            self.transfers.append(record)
        elif isinstance(record, CourtOrder):
            self.orders.append(record)
        else:
            sort_into(self.case, (record,))


@dataclass(frozen=True)
class ChildToday:
    """One child's Today items on ``on``, which hold for every day up to (not including) ``until``."""

    child_id: str
    items: dict[str, list[TodayItem]]
    on: date
    until: date
    banner: str = ""


def child_today(records: ChildRecords, on: date, config: GuidanceConfig) -> ChildToday:
    """One child's items on ``on`` (every section), and the next day on which they can change."""
    case = records.case
    child_id, name = str(case.child.id), case.child.display_name
    out: dict[str, list[TodayItem]] = {}
    orders = banner(records.orders, on)
    shown = orders.text if orders is not None else ""

    def item(section: str, rec: Any, title: str, due: date | None, overdue: bool) -> None:
        out.setdefault(section, []).append(
            TodayItem(section, child_id, name, str(rec.id), title, due, overdue, banner=shown)
        )

    for action in records.actions:
        if action.done_on is None:
            if action.due < on:
                item("overdue_actions", action, action.what, action.due, True)
            elif action.due <= on + REVIEW_DUE_SOON:
                item("actions_due", action, action.what, action.due, False)
    for plan in case.plans:
        if plan.status == PlanStatus.OPEN and plan.next_review and plan.next_review <= on + REVIEW_DUE_SOON:
            item("reviews_due", plan, "Early Help review", plan.next_review, plan.next_review < on)
    for referral in case.referrals:
        if referral.awaiting_outcome and referral.sent_on:
            chase = referral.chase_on or add_school_days(referral.sent_on, REFERRAL_CHASE_AFTER_DAYS)
            title = f"{referral.request_type} sent {referral.sent_on:%d/%m/%Y}: outcome awaited"
            item("referrals_awaiting", referral, title, chase, chase < on)
    for transfer in records.transfers:
        if transfer.awaiting_receipt and transfer.sent_on:
            due = add_school_days(transfer.sent_on, TRANSFER_RECEIPT_SCHOOL_DAYS)
            item("transfers_awaiting", transfer, f"CP file sent to {transfer.other_school}", due, due < on)
    alerts = acknowledged(alerts_for_cases([_as_of(case, on)], on, config), case.acknowledgements, on)
    if alerts:
        out["alerts"] = [replace(a, banner=shown) if shown else a for a in alerts]
    return ChildToday(child_id, out, on, _next_change(records, on, config), shown)


def _as_of(case: CaseRecords, on: date) -> CaseRecords:
    """The case as the rules read it on ``on``: concerns up to that day only."""
    if all(c.observed_at.date() <= on for c in case.concerns):
        return case
    return replace(case, concerns=[c for c in case.concerns if c.observed_at.date() <= on])


def _next_change(records: ChildRecords, on: date, config: GuidanceConfig) -> date:
    """The first day after ``on`` on which this child's items can differ: every rule compares the day shown with
    a date in the child's records, moved by one of a few fixed numbers of days (a week ahead, a few school days,
    the configured periods), so the items can only change on such a day."""
    days: set[date] = set(records.later_concerns)
    for record in (
        records.case.child, *records.actions, *records.transfers, *records.orders, *records.case.referrals,
        *records.case.plans, *records.case.reviews, *records.case.escalations, *records.case.acknowledgements,
    ):  # fmt: skip
        for value in vars(record).values():
            if isinstance(value, datetime):
                days.add(value.date())
            elif isinstance(value, date):
                days.add(value)
    days.update(c.observed_at.date() for c in records.case.concerns)
    ordered = sorted(days)
    following = date.max
    for k in _offsets(config):  # the earliest day d with d + k after ``on``, for each k
        i = bisect_right(ordered, on - timedelta(days=k))
        if i < len(ordered):
            following = min(following, ordered[i] + timedelta(days=k))
    return following


def _offsets(config: GuidanceConfig) -> frozenset[int]:
    alerts, cumulative = config.alerts, config.neglect.cumulative
    periods = {
        history_days(config), cumulative.days, cumulative.slow_days, cumulative.lookback_days,
        alerts.nfa_concerns_continue.days, alerts.nfa_concerns_continue.lookback_days,
        alerts.cp_plan_new_concern.days, alerts.child_voice_not_recorded.days,
    }  # fmt: skip
    soon = REVIEW_DUE_SOON.days
    school_days = 2 * max(REFERRAL_CHASE_AFTER_DAYS, TRANSFER_RECEIPT_SCHOOL_DAYS) + 1
    return frozenset({*range(school_days + 2), -soon, -soon + 1, *periods, *(p + 1 for p in periods)})


def _concern_window(on: date, config: GuidanceConfig) -> date:
    return on - timedelta(days=history_days(config))


def _sort_concerns(records: ChildRecords, facts: Iterable[ConcernFacts], on: date) -> None:
    for concern in facts:
        if concern.observed_at.date() <= on:
            records.case.concerns.append(concern)
        else:
            records.later_concerns.append(concern.observed_at.date())


def _one_child(
    store: RecordStore, child_id: str, on: date, config: GuidanceConfig, held: _HeldInputs | None = None
) -> ChildToday | None:
    """Work out one child's items (None: the child is no longer in the casebook), reading their records, or with
    ``held``, only the records written since they were last read."""
    window = _concern_window(on, config)
    inputs = held.get(store, child_id, window) if held is not None else None
    if inputs is None:
        inputs = _read_inputs(store, child_id, window)
        if inputs is None:
            return None
        if held is not None:
            held.put(child_id, inputs)
    records = ChildRecords(CaseRecords(inputs.child))
    _sort_concerns(records, (facts for _, facts in inputs.concerns), on)
    for _, record in inputs.others:
        records.add(record)
    return child_today(records, on, config)


@dataclass
class _Inputs:
    """One child's records as Today reads them, each list in the order the store gives it."""

    child: Child
    window: date
    """Concerns from this day on were read."""
    concerns: list[tuple[str, ConcernFacts]]
    """(the day it happened, as stored) and the concern's facts: by day, then as written."""
    others: list[tuple[tuple[str, str], Any]]
    """((the day it happened or "", when created), record) of the section kinds: by day, then when created."""
    generation: int


def _read_inputs(store: RecordStore, child_id: str, window: date) -> _Inputs | None:
    try:
        child = store.get_as(Child, child_id)
    except RecordNotFound:
        return None
    concerns = [
        (facts.observed_at.date().isoformat(), facts)
        for facts in concern_facts(store, window, date.max, child_id=child_id)
    ]
    others = [(child_order(r), r) for r in store.for_child(child_id, *_PER_CHILD_KINDS)]
    return _Inputs(child, window, concerns, others, store.generation)


_HELD_CHILDREN = 8


@dataclass
class _HeldInputs:
    """The inputs of the children worked out one at a time most recently (a DSL's saves are for one child at a
    time), brought up to date from the new records alone when nothing was amended."""

    children: dict[str, _Inputs] = field(default_factory=dict)

    def put(self, child_id: str, inputs: _Inputs) -> None:
        self.children.pop(child_id, None)
        self.children[child_id] = inputs
        while len(self.children) > _HELD_CHILDREN:
            self.children.pop(next(iter(self.children)))

    def get(self, store: RecordStore, child_id: str, window: date) -> _Inputs | None:
        inputs = self.children.pop(child_id, None)
        if inputs is None or inputs.window != window or not _add_new_records(store, child_id, inputs):
            return None
        self.put(child_id, inputs)
        return inputs


def _add_new_records(store: RecordStore, child_id: str, inputs: _Inputs) -> bool:
    """Add the records written for this child since ``inputs`` were read; False when that is not enough (a record
    was amended or its write rolled back, or the child's records changed without one being named, as in a
    disposal)."""
    written = {rid: gen for rid, gen in store.touched_records.get(child_id, {}).items() if gen > inputs.generation}
    if store.touched.get(child_id, -1) > max(written.values(), default=inputs.generation):
        return False
    for record_id in sorted(written, key=written.__getitem__):
        try:
            record = store.get(record_id)
        except RecordNotFound:  # written in a transaction that was rolled back: read the child again
            return False
        if record.version != 1:
            return False
        if isinstance(record, Concern):
            day = record.observed_at.date()
            if day >= inputs.window:  # as the window's query reads them: by day, a new record after that day's
                at = bisect_right([d for d, _ in inputs.concerns], day.isoformat())
                inputs.concerns.insert(at, (day.isoformat(), facts_of(record_id, child_id, record.body())))
        elif isinstance(record, _PER_CHILD_KINDS):
            key = child_order(record)
            inputs.others.insert(bisect_right([k for k, _ in inputs.others], key), (key, record))
    inputs.generation = store.generation
    return True


def _every_child(store: RecordStore, on: date, config: GuidanceConfig) -> dict[str, ChildToday]:
    """Every child's items, reading each kind once for the whole caseload."""
    children = {str(c.id): ChildRecords(CaseRecords(c)) for c in store.all_of(Child)}
    grouped: dict[str, list[ConcernFacts]] = defaultdict(list)
    for facts in concern_facts(store, _concern_window(on, config), date.max):
        grouped[str(facts.child_id)].append(facts)
    for child_id, found in grouped.items():
        if child_id in children:
            _sort_concerns(children[child_id], found, on)
    for kind in _PER_CHILD_KINDS:
        for record in store.all_of(kind):
            held = children.get(str(record.child_id))
            if held is not None:
                held.add(record)
    return {child_id: child_today(records, on, config) for child_id, records in children.items()}


@dataclass
class _TodayCache:
    """Each child's items as last worked out, and the store generation they reflect."""

    config: GuidanceConfig
    fingerprint: str
    children: dict[str, ChildToday] = field(default_factory=dict)
    generation: int = -1
    held: _HeldInputs = field(default_factory=lambda: _HeldInputs())
    merged: _Merged | None = None
    """``children`` merged into Today's sections (None until asked for, and again once a child's items change)."""

    def bring_up_to(self, store: RecordStore, on: date) -> None:
        if self.generation < 0:  # just unlocked: what was kept in the vault, and only the rest worked out
            self.generation = store.generation
            self.children = self._from_vault(store, on)
            self.merged = None
            return
        changed = {
            child_id for child_id, generation in store.touched.items()
            if child_id is not None and generation > self.generation
        }  # fmt: skip
        merged = self.merged
        if merged is None or not (merged.valid_from <= on < merged.valid_until):  # some child's items may expire
            changed.update(c for c, held in self.children.items() if not (held.on <= on < held.until))
        self.generation = store.generation
        if not changed:
            return
        self.merged = None
        if read_all_at_once(len(changed), len(self.children)):
            self.children = _every_child(store, on, self.config)
            _keep(store, self.fingerprint, (self.children[c] for c in changed if c in self.children))
            return
        fresh = []
        for child_id in changed:
            held = _one_child(store, child_id, on, self.config, self.held)
            if held is None:
                self.children.pop(child_id, None)
            else:
                self.children[child_id] = fresh_held = held
                fresh.append(fresh_held)
        _keep(store, self.fingerprint, fresh)

    def _from_vault(self, store: RecordStore, on: date) -> dict[str, ChildToday]:
        kept = store.kept_findings(_KEPT, self.fingerprint)
        children: dict[str, ChildToday] = {}
        missing: list[str] = []
        for child_id in roster(store):
            found = kept.get(child_id)
            if found is not None and found.on <= on < found.until:
                children[child_id] = _from_kept(found)
            else:
                missing.append(child_id)
        if read_all_at_once(len(missing), len(children) + len(missing)):
            worked = _every_child(store, on, self.config)  # kept rows still win: they hold what was worked out
            fresh = [worked[c] for c in missing if c in worked]
            children.update((held.child_id, held) for held in fresh)
        else:
            fresh = [held for held in (_one_child(store, c, on, self.config) for c in missing) if held is not None]
            children.update((held.child_id, held) for held in fresh)
        _keep(store, self.fingerprint, fresh)
        return children


# ---- kept in the vault between sessions (migration 0008) -------------------------------------------------

_KEPT = "today"
_KEPT_FORMAT = 2
"""Part of every kept row's fingerprint: change it when a rule or an item's shape changes within a version, so
rows an older build kept are worked out again rather than trusted. Format 2: items as short lists (an unlock
reads every row, and the bytes read are most of its cost)."""


def _fingerprint(config: GuidanceConfig) -> str:
    """Which rules and settings made a kept row: rows made under another fingerprint are not trusted."""
    text = f"{_KEPT_FORMAT}|{__version__}|{config.model_dump_json()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _keep(store: RecordStore, fingerprint: str, children: Iterable[ChildToday]) -> None:
    rows = [KeptFinding(c.child_id, c.on, c.until, json.dumps(_to_json(c), ensure_ascii=False)) for c in children]
    keep_rows(store, _KEPT, fingerprint, rows)


_ITEM_FIELDS = tuple(f.name for f in fields(TodayItem))[2:]
_ALERT_FIELDS = tuple(f.name for f in fields(AlertItem))[2:]
"""An item's fields after ``section`` and ``child_id``, in order: a kept item is a list of them."""
_DUE, _RECORD_ID, _RULE_ID, _IDS, _KEY, _ACKNOWLEDGED = (
    _ALERT_FIELDS.index(name) + 1 for name in ("due", "record_id", "rule_id", "record_ids", "key", "acknowledged_on")
)


def _to_json(held: ChildToday) -> dict[str, Any]:
    """A child's Today as kept: each item a list of its fields in order, without what the row already says (the
    section, the child) or what follows from the rest (an alert's key and first record id, when they are the
    usual ones); :func:`_item_from_row` gives back an equal item."""
    return {
        "banner": held.banner,
        "items": {section: [_item_row(i, held.child_id) for i in items] for section, items in held.items.items()},
    }


def _item_row(item: TodayItem, child_id: str) -> list[Any]:
    alert = isinstance(item, AlertItem)
    kind: Any = 1 if alert else 0
    if item.child_id != child_id:
        kind = [kind, item.child_id]  # never expected: kept all the same
    row: list[Any] = [kind, *(getattr(item, name) for name in (_ALERT_FIELDS if alert else _ITEM_FIELDS))]
    row[_DUE] = item.due.isoformat() if item.due else None
    if isinstance(item, AlertItem):
        ids = item.record_ids
        row[_IDS] = list(ids[1:]) if ids[:1] == (item.record_id,) else [None, *ids]
        row[_KEY] = None if item.key == _usual_key(item) else item.key
        row[_ACKNOWLEDGED] = item.acknowledged_on.isoformat() if item.acknowledged_on else None
    return row


def _usual_key(item: TodayItem) -> str:
    return f"{item.rule_id}:{item.child_id}:{item.record_id}"


def _item_from_row(section: str, child_id: str, row: list[Any]) -> TodayItem:
    kind = row[0]
    if isinstance(kind, list):
        kind, child_id = kind
    if row[_DUE]:
        row[_DUE] = date.fromisoformat(row[_DUE])
    if not kind:
        return TodayItem(section, child_id, *row[1:])
    ids = row[_IDS]
    row[_IDS] = tuple(ids[1:]) if ids[:1] == [None] else (row[_RECORD_ID], *ids)
    if row[_KEY] is None:
        row[_KEY] = f"{row[_RULE_ID]}:{child_id}:{row[_RECORD_ID]}"
    if row[_ACKNOWLEDGED]:
        row[_ACKNOWLEDGED] = date.fromisoformat(row[_ACKNOWLEDGED])
    return AlertItem(section, child_id, *row[1:])


def _from_kept(found: KeptFinding) -> ChildToday:
    data = json.loads(found.body)
    child_id = found.child_id
    items = {
        section: [_item_from_row(section, child_id, row) for row in listed] for section, listed in data["items"].items()
    }
    return ChildToday(child_id, items, found.on, found.until, data["banner"])


def _order(item: TodayItem) -> tuple[date, str, str]:
    return (item.due or date.max, item.child_name, item.child_id)


@dataclass(frozen=True)
class _Merged:
    """Every child's items by section with the child's banner on them, each section in Today's order (concerns
    from staff keep their own), and the banners; kept while no child's items change."""

    sections: dict[str, list[TodayItem]]
    banners: dict[str, str]
    valid_from: date = date.min
    valid_until: date = date.max
    """Every child's items hold on the days ``valid_from`` .. ``valid_until`` - 1 (the latest ``on`` and the
    earliest ``until`` of them all): on those days no unchanged child need be looked at again."""
    alerts: list[list[TodayItem]] = field(default_factory=list, compare=False)
    """The last alerts composed from these: [the casebook-wide alerts before, after, all of them in order]."""

    def alerts_around(self, first: list[TodayItem], last: list[TodayItem]) -> list[TodayItem]:
        """The children's alerts with the casebook-wide ``first`` and ``last`` in Today's order: merged again only
        when those differ from the last time (a Today again, with nothing changed, costs a copy)."""
        kept = self.alerts
        if not kept or kept[0] != first or kept[1] != last:
            kept[:] = [first, last, _in_order(first, self.sections["alerts"], last)]
        return list(kept[2])


def _merge(children: Iterable[ChildToday]) -> _Merged:
    sections: dict[str, list[TodayItem]] = {key: [] for key in SECTIONS}
    banners: dict[str, str] = {}
    valid_from, valid_until = date.min, date.max
    for held in children:
        for section, items in held.items.items():
            sections[section].extend(items)
        if held.banner:
            banners[held.child_id] = held.banner
        valid_from, valid_until = max(valid_from, held.on), min(valid_until, held.until)
    for key, items in sections.items():
        items[:] = _with_banners(items, banners)
        if key != STAFF_SECTION:  # concerns from staff keep their own order: urgent, then newest, first
            items.sort(key=_order)
    return _Merged(sections, banners, valid_from, valid_until)


def _with_banners(items: Iterable[TodayItem], banners: dict[str, str]) -> list[TodayItem]:
    return [replace(i, banner=banners[i.child_id]) if i.child_id in banners and not i.banner else i for i in items]


def _in_order(first: list[TodayItem], middle: list[TodayItem], last: list[TodayItem]) -> list[TodayItem]:
    """``first + middle + last`` in Today's order, as one stable sort gives it (``middle`` is in order already)."""
    return list(heapq.merge(sorted(first, key=_order), middle, sorted(last, key=_order), key=_order))


def _compose(store: RecordStore, on: date, merged: _Merged) -> dict[str, list[TodayItem]]:
    """Today from each child's items and the rules over the whole casebook (other areas' rules, supervision, the
    concerns from staff), in the order one stable sort of them all, in that order, would give."""
    banners = merged.banners
    first = _with_banners((i for rule in ALERT_RULES for i in rule(store, on)), banners)
    others = [*(r for r in all_rules() if r is not practice_alerts), *today_rules()]
    last = _with_banners((i for rule in others for i in rule(store, on)), banners)
    staff = _with_banners(staff_today_items(store), banners)  # not one child's: a concern from staff may be unmatched
    out: dict[str, list[TodayItem]] = {}
    for key, items in merged.sections.items():
        if key == STAFF_SECTION:
            out[key] = [*items, *staff]
        elif key == "alerts":
            out[key] = merged.alerts_around(first, last)
        else:
            out[key] = list(items)
    return out


__all__ = [
    "ALERT_RULES",
    "SECTIONS",
    "SECTION_RULES",
    "AlertRule",
    "ChildRecords",
    "ChildToday",
    "TodayItem",
    "add_school_days",
    "child_alerts",
    "child_today",
    "recompute_today",
    "today",
]
