"""Escalation under the Case Resolution Protocol: raise a disagreement, step it up, record responses.

Each stage is its own Escalation record (so each appears in the chronology); the respond-by date of a
stage comes from its working-day timescale in ``resources/guidance/practice.toml``.
"""

from __future__ import annotations

import uuid
from datetime import date

from dslapp.errors import InvalidRecord
from dslapp.guidance import escalation as guide
from dslapp.guidance.config import GuidanceConfig, resolve
from dslapp.guidance.prompts import dmy, fill
from dslapp.models import Child, Escalation, Referral
from dslapp.models.referral import DisagreementType
from dslapp.services.changes import Changes
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.store.records import validate


def _changes(child_id: uuid.UUID) -> Changes:
    return Changes.of(Escalation.KIND, child_id=str(child_id))


def start_escalation(
    store: RecordStore,
    child_id: uuid.UUID | str,
    disagreement: DisagreementType,
    raised_on: date,
    summary: str,
    *,
    with_whom: str = "",
    stage: int = 1,
    referral_id: uuid.UUID | str = "",
    respond_by: date | None = None,
    config: GuidanceConfig | None = None,
) -> Saved[Escalation]:
    """Record a disagreement at ``stage`` (usually 1, the social worker).

    ``with_whom`` defaults to the stage's "with whom" from the settings; ``respond_by`` defaults to the
    stage's timescale in working days from ``raised_on`` (give it to record a date agreed with them).
    """
    cfg = resolve(config)
    child = store.get_as(Child, child_id)
    if referral_id:
        referral = store.get_as(Referral, referral_id)
        if referral.child_id != child.id:
            raise InvalidRecord(cfg.escalation.messages.not_this_child)
    step = guide.stage(stage, cfg)
    escalation = validate(
        Escalation,
        {
            "child_id": child.id,
            "raised_on": raised_on,
            "disagreement": DisagreementType(disagreement).value,
            "stage": step.stage,
            "with_whom": with_whom or step.with_whom,
            "summary": summary,
            "respond_by": respond_by or guide.respond_by(step.stage, raised_on, cfg),
            "referral_id": str(referral_id) if referral_id else "",
        },
    )
    saved = store.add(escalation)
    return Saved(saved, _changes(child.id))


def escalate_referral_outcome(
    store: RecordStore,
    referral_id: uuid.UUID | str,
    raised_on: date,
    summary: str,
    *,
    disagreement: DisagreementType = DisagreementType.THRESHOLD,
    with_whom: str = "",
    respond_by: date | None = None,
    config: GuidanceConfig | None = None,
) -> Saved[Escalation]:
    """Challenge the outcome of a MASH enquiry the DSL disagrees with (stage 1, linked to the referral).

    ``dslapp.services.mash.disagree_with_outcome`` calls this with keywords.
    """
    cfg = resolve(config)
    referral = store.get_as(Referral, referral_id)
    if referral.outcome is None:
        raise InvalidRecord(cfg.escalation.messages.referral_has_no_outcome)
    return start_escalation(
        store,
        referral.child_id,
        disagreement,
        raised_on,
        summary,
        with_whom=with_whom,
        referral_id=referral.id,
        respond_by=respond_by,
        config=cfg,
    )


def _current_step(store: RecordStore, escalation_id: uuid.UUID | str, config: GuidanceConfig) -> Escalation:
    current = store.get_as(Escalation, escalation_id)
    messages = config.escalation.messages
    if current.resolved_on is not None:
        raise InvalidRecord(fill(messages.already_resolved, resolved_on=dmy(current.resolved_on)))
    later = guide.later_step(current, store.for_child(current.child_id, Escalation))
    if later is not None:
        raise InvalidRecord(fill(messages.superseded, stage=later.stage))
    return current


def step_up(
    store: RecordStore,
    escalation_id: uuid.UUID | str,
    on: date,
    summary: str,
    *,
    with_whom: str = "",
    config: GuidanceConfig | None = None,
) -> Saved[Escalation]:
    """Move a disagreement to its next stage: a new step with the next stage's "with whom" and respond-by.

    The step it replaces is marked "not resolved at stage N" (unless a response is already recorded).
    """
    cfg = resolve(config)
    current = _current_step(store, escalation_id, cfg)
    following = guide.next_stage(current.stage, cfg)
    if following is None:
        raise InvalidRecord(fill(cfg.escalation.messages.final_stage, protocol=cfg.escalation.protocol_name))
    step = validate(
        Escalation,
        {
            "child_id": current.child_id,
            "raised_on": on,
            "disagreement": current.disagreement.value,
            "stage": following.stage,
            "with_whom": with_whom or following.with_whom,
            "summary": summary,
            "respond_by": guide.respond_by(following.stage, on, cfg),
            "referral_id": current.referral_id,
            "follows_id": str(current.id),
        },
    )
    with store.db.transaction():
        saved = store.add(step)
        if guide.awaiting_response(current):
            note = fill(cfg.escalation.messages.stepped_up, stage=current.stage, next_stage=following.stage, on=dmy(on))
            store.amend(current.id, {"outcome": note}, f"Moved to stage {following.stage} on {dmy(on)}")
    return Saved(saved, _changes(current.child_id))


def record_response(
    store: RecordStore,
    escalation_id: uuid.UUID | str,
    on: date,
    outcome: str,
    *,
    resolved: bool = False,
    config: GuidanceConfig | None = None,
) -> Saved[Escalation]:
    """Record what was said or agreed at this stage, and whether that resolves the disagreement.

    An unresolved response stops the overdue alert; the DSL can then step up if they still disagree.
    """
    cfg = resolve(config)
    current = _current_step(store, escalation_id, cfg)
    if not outcome or not outcome.strip():
        raise InvalidRecord(cfg.escalation.messages.outcome_required)
    text = fill(cfg.escalation.messages.response, on=dmy(on), outcome=outcome.strip())
    if current.outcome.strip():
        text = f"{current.outcome.strip()}\n{text}"
    changes: dict[str, str] = {"outcome": text, "responded_on": on.isoformat()}
    if resolved:
        changes["resolved_on"] = on.isoformat()
    reason = f"Response recorded {dmy(on)}" + (" (resolved)" if resolved else "")
    amended = store.amend(current.id, dict(changes), reason)
    assert isinstance(amended, Escalation)
    return Saved(amended, _changes(current.child_id))


def escalation_steps(store: RecordStore, escalation_id: uuid.UUID | str) -> list[Escalation]:
    """Every step of the same disagreement, in order."""
    current = store.get_as(Escalation, escalation_id)
    return guide.steps_of(current, store.for_child(current.child_id, Escalation))


__all__ = [
    "escalate_referral_outcome",
    "escalation_steps",
    "record_response",
    "start_escalation",
    "step_up",
]
