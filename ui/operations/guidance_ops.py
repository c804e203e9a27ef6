"""Practice guidance from the desktop: Early Help plans and reviews, Levels of Need, escalation,
information-sharing decisions and a child's practice alerts. Each call runs a service on the DB worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dslapp.guidance.alerts import AlertItem
from dslapp.models import (
    AlertAcknowledgement,
    EarlyHelpPlan,
    Escalation,
    Referral,
    SharingDecision,
    ThresholdDecision,
)
from dslapp.models.referral import DisagreementType
from dslapp.services import early_help, escalation, mash, recording, thresholds
from dslapp.services.alerts import acknowledge_alert
from dslapp.services.early_help import Reviewed
from ui.operations.results import Wrote
from ui.operations.runner import Failed
from ui.operations.session import Session


@dataclass(frozen=True)
class OverviewGuidance:
    """What the child's Overview shows from the guidance: alerts and the latest threshold decision."""

    alerts: list[AlertItem]
    threshold: ThresholdDecision | None


def acknowledge(
    session: Session, alert: AlertItem, note: str, on: date, on_done: Wrote[AlertAcknowledgement], on_error: Failed
) -> None:
    """Record the DSL's note on an alert (audited); the alert stays visible, marked acknowledged."""
    session.write(lambda store: acknowledge_alert(store, alert, note, on), on_done, on_error)


def load_plan_starters(
    session: Session, child_id: str, on_done: Callable[[list[tuple[str, str]]], None], **kw: Any
) -> None:
    """The child's concerns, decisions and referral outcomes a new plan can name as what started it."""
    session.run(lambda store: early_help.plan_starters(store, child_id), on_done, **kw)


def start_plan(
    session: Session, child_id: str, fields: dict[str, Any], on_done: Wrote[EarlyHelpPlan], on_error: Failed
) -> None:
    session.write(lambda store: early_help.start_plan(store, child_id, **fields), on_done, on_error)


def review_plan(
    session: Session, plan_id: str, fields: dict[str, Any], on_done: Wrote[Reviewed], on_error: Failed
) -> None:
    """Save a review; ``on_done`` gets the review guide's prompts with the saved review and plan."""
    session.write(lambda store: early_help.review_plan(store, plan_id, **fields), on_done, on_error)


def revise_goals(
    session: Session,
    plan_id: str,
    goals: Sequence[dict[str, Any]],
    reason: str,
    on_done: Wrote[EarlyHelpPlan],
    on_error: Failed,
) -> None:
    session.write(lambda store: early_help.revise_goals(store, plan_id, goals, reason), on_done, on_error)


def close_plan(
    session: Session, plan_id: str, closed_on: date, what_improved: str, on_done: Wrote[EarlyHelpPlan], on_error: Failed
) -> None:
    session.write(lambda store: early_help.close_plan(store, plan_id, closed_on, what_improved), on_done, on_error)


def start_mash_draft(session: Session, child_id: str, on_done: Wrote[Referral], on_error: Failed) -> None:
    """Save a draft MASH enquiry pre-filled from the case (services.mash.start_enquiry)."""
    session.write(lambda store: mash.start_enquiry(store, child_id), on_done, on_error)


def record_threshold_decision(
    session: Session, child_id: str, fields: dict[str, Any], on_done: Wrote[ThresholdDecision], on_error: Failed
) -> None:
    session.write(lambda store: thresholds.record_threshold_decision(store, child_id, **fields), on_done, on_error)


def start_escalation(
    session: Session,
    child_id: str,
    disagreement: DisagreementType,
    raised_on: date,
    summary: str,
    with_whom: str,
    on_done: Wrote[Escalation],
    on_error: Failed,
) -> None:
    session.write(
        lambda store: escalation.start_escalation(
            store, child_id, disagreement, raised_on, summary, with_whom=with_whom
        ),
        on_done,
        on_error,
    )


def step_up_escalation(
    session: Session,
    escalation_id: str,
    on: date,
    summary: str,
    with_whom: str,
    on_done: Wrote[Escalation],
    on_error: Failed,
) -> None:
    session.write(
        lambda store: escalation.step_up(store, escalation_id, on, summary, with_whom=with_whom), on_done, on_error
    )


def record_escalation_response(
    session: Session,
    escalation_id: str,
    on: date,
    outcome: str,
    resolved: bool,
    on_done: Wrote[Escalation],
    on_error: Failed,
) -> None:
    session.write(
        lambda store: escalation.record_response(store, escalation_id, on, outcome, resolved=resolved),
        on_done,
        on_error,
    )


def record_sharing_decision(
    session: Session, fields: dict[str, Any], on_done: Wrote[SharingDecision], on_error: Failed
) -> None:
    session.write(lambda store: recording.record(store, SharingDecision, **fields), on_done, on_error)
