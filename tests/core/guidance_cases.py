"""Small builders for the practice guidance tests: fictional children and records on fixed dates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from dslapp.models import (
    Category,
    Child,
    Concern,
    DslDecision,
    EarlyHelpPlan,
    EarlyHelpReview,
    Goal,
    Judgement,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    ReviewDecision,
)
from dslapp.models.referral import ParentConsent
from dslapp.services import recording
from dslapp.services.children import add_child
from dslapp.store import RecordStore

# A Monday, so working-day arithmetic is easy to follow.
MONDAY = date(2025, 3, 3)


def child(store: RecordStore, forename: str = "Amira", surname: str = "Testchild", **extra: Any) -> Child:
    fields: dict[str, Any] = {"legal_forename": forename, "legal_surname": surname, "dob": date(2016, 5, 1)}
    fields.update(extra)
    made = add_child(store, **fields).value
    return made


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0)


def concern(
    store: RecordStore,
    for_child: Child,
    day: date,
    *,
    categories: list[Category] | None = None,
    decision: DslDecision = DslDecision.MONITOR,
    reasons: str = "Monitoring in school; mum engaged when phoned.",
    **extra: Any,
) -> Concern:
    fields: dict[str, Any] = {
        "child_id": for_child.id,
        "observed_at": at(day),
        "reporter_name": "Ms T. Fictional",
        "reporter_role": "Class teacher",
        "categories": categories or [Category.NEGLECT],
        "what_happened": "Arrived hungry and without a coat.",
        "dsl_decision": decision,
        "decision_reasons": reasons,
        "refer_if": "Any further concern about food, clothing or care at home.",
    }
    fields.update(extra)
    made = recording.record(store, Concern, **fields).value
    return made


def sent_referral(
    store: RecordStore,
    for_child: Child,
    sent_on: date,
    *,
    outcome: ReferralOutcome | None = None,
    outcome_on: date | None = None,
    status: ReferralStatus | None = None,
) -> Referral:
    fields: dict[str, Any] = {
        "child_id": for_child.id,
        "started_on": sent_on,
        "status": status or (ReferralStatus.OUTCOME if outcome else ReferralStatus.SENT),
        "sent_on": sent_on,
        "consent": ParentConsent.TOLD_AGREED,
        "form": {"the_concern": "Neglect over several months."},
    }
    if outcome:
        fields.update(outcome=outcome, outcome_on=outcome_on or sent_on)
    made = recording.record(store, Referral, **fields).value
    return made


def plan(store: RecordStore, for_child: Child, started_on: date, **extra: Any) -> EarlyHelpPlan:
    fields: dict[str, Any] = {
        "child_id": for_child.id,
        "started_on": started_on,
        "goals": [Goal(what_will_change="Amira has breakfast before school every day", baseline=3)],
        "child_view": "I want toast in the morning.",
    }
    fields.update(extra)
    made = recording.record(store, EarlyHelpPlan, **fields).value
    return made


def review(
    store: RecordStore,
    of_plan: EarlyHelpPlan,
    held_on: date,
    overall: Judgement,
    decision: ReviewDecision = ReviewDecision.CONTINUE,
    **extra: Any,
) -> EarlyHelpReview:
    fields: dict[str, Any] = {
        "child_id": of_plan.child_id,
        "plan_id": of_plan.id,
        "held_on": held_on,
        "life_improved": "Amira has breakfast on some days.",
        "overall": overall,
        "decision": decision,
    }
    fields.update(extra)
    made = recording.record(store, EarlyHelpReview, **fields).value
    return made
