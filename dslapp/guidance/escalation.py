"""Escalation under the Case Resolution Protocol (DOMAIN.md, learning 3).

Each stage of a disagreement is one Escalation record (stage 1 with the social worker, stage 2 with
their team manager, ...), so every step appears in the chronology. Stages, whom each is with, and the
timescale for a response (in working days) are in ``resources/guidance/practice.toml``
(``[escalation]``).

Steps of one disagreement are linked by child, disagreement type and the referral they concern (the
Escalation model has no link to the step before it).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from dslapp.errors import InvalidRecord
from dslapp.guidance.config import EscalationStage, GuidanceConfig, resolve
from dslapp.guidance.prompts import ActionCode, Prompt, PromptAction, PromptCode, dmy, fill
from dslapp.models import Escalation
from dslapp.models.referral import DisagreementType


def add_working_days(start: date, days: int, closed_days: Iterable[date] = ()) -> date:
    """The day ``days`` working days after ``start`` (weekends and ``closed_days`` skipped)."""
    closed = set(closed_days)
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in closed:
            days -= 1
    return current


def stages(config: GuidanceConfig | None = None) -> tuple[EscalationStage, ...]:
    return resolve(config).escalation.stages


def stage(number: int, config: GuidanceConfig | None = None) -> EscalationStage:
    for item in stages(config):
        if item.stage == number:
            return item
    raise InvalidRecord(f"There is no stage {number} in the escalation protocol.")


def next_stage(number: int, config: GuidanceConfig | None = None) -> EscalationStage | None:
    """The stage after ``number`` (None at the final stage)."""
    later = [s for s in stages(config) if s.stage == number + 1]
    return later[0] if later else None


def respond_by(stage_number: int, raised_on: date, config: GuidanceConfig | None = None) -> date:
    """When a response is due: the stage's working-day timescale counted from the day it was raised."""
    cfg = resolve(config)
    days = stage(stage_number, cfg).respond_within_working_days
    return add_working_days(raised_on, days, cfg.calendar.closed_days)


def disagreement_types(config: GuidanceConfig | None = None) -> dict[DisagreementType, str]:
    """Each type of disagreement with its label, in protocol order."""
    labels = resolve(config).escalation.disagreement_types
    return {t: labels[t] for t in DisagreementType}


# ---- the state of a step --------------------------------------------------------------------------


def awaiting_response(escalation: Escalation) -> bool:
    """No response recorded and not resolved."""
    return escalation.responded_on is None and not escalation.outcome.strip() and escalation.resolved_on is None


def same_disagreement(a: Escalation, b: Escalation) -> bool:
    if a.follows_id == str(b.id) or b.follows_id == str(a.id):
        return True
    return a.child_id == b.child_id and a.disagreement == b.disagreement and a.referral_id == b.referral_id


def steps_of(escalation: Escalation, escalations: Iterable[Escalation]) -> list[Escalation]:
    """The steps of the same disagreement, by stage (and date)."""
    steps = [e for e in escalations if same_disagreement(e, escalation)]
    if escalation.id not in {e.id for e in steps}:
        steps.append(escalation)
    return sorted(steps, key=lambda e: (e.raised_on, e.stage, e.created_at))


def later_step(escalation: Escalation, escalations: Iterable[Escalation]) -> Escalation | None:
    """A higher stage of the same disagreement raised on or after this step, if any."""
    later = [
        e
        for e in escalations
        if e.id != escalation.id
        and same_disagreement(e, escalation)
        and e.stage > escalation.stage
        and e.raised_on >= escalation.raised_on
    ]
    return min(later, key=lambda e: e.stage) if later else None


def response_overdue(escalation: Escalation, on: date, escalations: Iterable[Escalation] = ()) -> bool:
    """The respond-by date has passed (before ``on``) with no response, and no later stage was raised."""
    return (
        escalation.respond_by is not None
        and escalation.respond_by < on
        and awaiting_response(escalation)
        and later_step(escalation, escalations) is None
    )


def next_stage_prompt(
    escalation: Escalation, on: date, escalations: Iterable[Escalation] = (), config: GuidanceConfig | None = None
) -> Prompt | None:
    """When a stage's timescale has passed with no response: suggest the next stage (None otherwise)."""
    cfg = resolve(config)
    if not response_overdue(escalation, on, escalations):
        return None
    following = next_stage(escalation.stage, cfg)
    messages = cfg.escalation.messages
    if following is None:
        return Prompt(
            code=PromptCode.ESCALATION_NEXT_STAGE,
            title=stage(escalation.stage, cfg).title,
            message=fill(messages.final_stage, protocol=cfg.escalation.protocol_name),
            learning=cfg.learning.challenge,
        )
    return Prompt(
        code=PromptCode.ESCALATION_NEXT_STAGE,
        title=fill(messages.next_stage_title, next_stage=following.title),
        message=fill(
            messages.next_stage,
            with_whom=escalation.with_whom,
            respond_by=dmy(escalation.respond_by),
            next_stage=following.title,
            advice=following.advice,
        ),
        learning=cfg.learning.challenge,
        actions=(PromptAction(ActionCode.ESCALATE, following.title),),
    )


__all__ = [
    "add_working_days",
    "awaiting_response",
    "disagreement_types",
    "later_step",
    "next_stage",
    "next_stage_prompt",
    "respond_by",
    "response_overdue",
    "same_disagreement",
    "stage",
    "stages",
    "steps_of",
]
