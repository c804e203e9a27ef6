"""Early Help plans and reviews: start, review (asking how life has improved for the child), revise, close,
and step up with a MASH enquiry draft pre-filled from the case.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dslapp.errors import InvalidRecord
from dslapp.guidance import early_help as guide
from dslapp.guidance.config import GuidanceConfig, resolve
from dslapp.guidance.mash_form import early_help_history
from dslapp.guidance.prompts import dmy, fill
from dslapp.models import (
    Child,
    ChildStatus,
    Concern,
    EarlyHelpPlan,
    EarlyHelpReview,
    Goal,
    Referral,
    ReferralStatus,
    ThresholdDecision,
)
from dslapp.models.early_help import PlanStatus
from dslapp.services.changes import Changes
from dslapp.services.children import change_status, open_child_file
from dslapp.services.mash import prefill_enquiry
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.store.records import validate
from dslapp.views import links

# Statuses from which starting a plan moves the child to "Early Help" (never down from CIN, CP or CLA).
_STEP_INTO_EARLY_HELP = frozenset({ChildStatus.UNIVERSAL, ChildStatus.CLOSED})


@dataclass(frozen=True)
class Reviewed:
    """A saved review and the plan as it now stands (the review guide's prompts travel in ``Saved``)."""

    review: EarlyHelpReview
    plan: EarlyHelpPlan


def _open_plan(store: RecordStore, plan_id: uuid.UUID | str, config: GuidanceConfig) -> EarlyHelpPlan:
    plan = store.get_as(EarlyHelpPlan, plan_id)
    if plan.status == PlanStatus.CLOSED:
        raise InvalidRecord(fill(config.early_help.errors.plan_closed, closed_on=dmy(plan.closed_on)))
    return plan


def _goal_data(goals: Sequence[Goal | dict[str, Any]]) -> list[dict[str, Any]]:
    return [g.model_dump(mode="json") if isinstance(g, Goal) else dict(g) for g in goals]


def plan_starters(store: RecordStore, child_id: uuid.UUID | str) -> list[tuple[str, str]]:
    """(id, label) of the child's records a new plan can name as what started it, newest first."""
    return links.plan_starters(store.for_child(child_id, Concern, ThresholdDecision, Referral))


def start_plan(
    store: RecordStore,
    child_id: uuid.UUID | str,
    *,
    update_status: bool = True,
    config: GuidanceConfig | None = None,
    **fields: Any,
) -> Saved[EarlyHelpPlan]:
    """Start an Early Help plan. ``next_review`` defaults to 6 weeks after ``started_on`` (at most 12).

    Needs at least one goal. A child whose status is universal (or closed) moves to Early Help.
    """
    cfg = resolve(config)
    child = store.get_as(Child, child_id)
    if not fields.get("goals"):
        raise InvalidRecord(cfg.early_help.errors.goals_required)
    fields["goals"] = _goal_data(fields["goals"])
    plan = validate(EarlyHelpPlan, {**fields, "child_id": child.id, "status": PlanStatus.OPEN.value})
    starters = store.for_child(child.id, Concern, ThresholdDecision, Referral)
    if plan.started_from_id is not None and plan.started_from_id not in {r.id for r in starters}:
        raise InvalidRecord(
            "This plan names a record that is not in this child's file as what started it. Choose one of the "
            "child's concerns, decisions or referral outcomes, or leave it empty."
        )
    if plan.next_review is None:
        plan = validate(
            EarlyHelpPlan,
            {**plan.model_dump(mode="json"), "next_review": guide.next_review_default(plan.started_on, cfg)},
        )
    guide.check_next_review(plan.started_on, plan.next_review, cfg)
    changes = Changes.of(EarlyHelpPlan.KIND, child_id=str(child.id))
    with store.db.transaction():
        saved = store.add(plan)
        if update_status and child.status in _STEP_INTO_EARLY_HELP:
            status_changes = change_status(
                store,
                child.id,
                ChildStatus.EARLY_HELP,
                plan.started_on,
                f"Early Help plan started {dmy(plan.started_on)}",
            ).changes
            changes = changes | status_changes
    return Saved(saved, changes)


def _move_next_review(store: RecordStore, plan: EarlyHelpPlan, next_review: date | None, reason: str) -> EarlyHelpPlan:
    if plan.next_review == next_review:
        return plan
    data = {**plan.model_dump(mode="json"), "next_review": next_review.isoformat() if next_review else None}
    try:
        validate(EarlyHelpPlan, data, stored=True)
    except InvalidRecord:
        # The plan model caps next_review at 48 weeks after the plan started (see the report to the
        # lead); a long-running plan keeps its date and the review carries the new one.
        return plan
    amended = store.amend(plan.id, {"next_review": data["next_review"]}, reason)
    assert isinstance(amended, EarlyHelpPlan)
    return amended


def review_plan(
    store: RecordStore,
    plan_id: uuid.UUID | str,
    *,
    config: GuidanceConfig | None = None,
    **fields: Any,
) -> Saved[Reviewed]:
    """Save an Early Help review and move the plan's next review date; return the guide's prompts.

    The first question, how life has improved for the child, must be answered. ``next_review`` defaults
    to 6 weeks after ``held_on`` and may be at most 12 weeks after it; a decision to close or step down
    needs no next review. The prompts: "and what is different for the child?" when the answer is only
    about services; no change / worse / two reviews in a row without improvement, each offering to revise
    the targets or draft a MASH enquiry; and, when closing, what has improved for the child.
    """
    cfg = resolve(config)
    errors = cfg.early_help.errors
    plan = _open_plan(store, plan_id, cfg)
    if not str(fields.get("life_improved") or "").strip():
        raise InvalidRecord(errors.life_improved_required)
    if "child_id" in fields and str(fields["child_id"]) != str(plan.child_id):
        raise InvalidRecord(errors.not_this_childs_plan)
    review = validate(EarlyHelpReview, {**fields, "child_id": plan.child_id, "plan_id": plan.id})
    if review.held_on < plan.started_on:
        raise InvalidRecord(
            fill(errors.review_before_plan, held_on=dmy(review.held_on), started_on=dmy(plan.started_on))
        )
    goal_ids = {g.goal_id for g in plan.goals}
    if any(p.goal_id not in goal_ids for p in review.goal_progress):
        raise InvalidRecord(errors.unknown_goal)
    ending = review.decision in guide.ENDING_DECISIONS
    if review.next_review is None and not ending:
        review = validate(
            EarlyHelpReview,
            {**review.model_dump(mode="json"), "next_review": guide.next_review_default(review.held_on, cfg)},
        )
    guide.check_next_review(review.held_on, review.next_review, cfg)

    earlier = [r for r in store.for_child(plan.child_id, EarlyHelpReview) if r.plan_id == plan.id]
    child = store.get_as(Child, plan.child_id)
    prompts = guide.life_improved_prompts(review.life_improved, child.known_as or child.legal_forename, cfg)
    prompts += guide.review_outcome_prompts(plan, earlier, review, cfg)

    with store.db.transaction():
        saved = store.add(review)
        if review.next_review is not None:
            plan = _move_next_review(
                store, plan, review.next_review, f"Next review set at the Early Help review on {dmy(review.held_on)}"
            )
    changes = Changes.of(EarlyHelpReview.KIND, EarlyHelpPlan.KIND, child_id=str(plan.child_id))
    return Saved(Reviewed(review=saved, plan=plan), changes, tuple(prompts))


AMENDABLE_REVIEW_FIELDS = frozenset({"life_improved", "child_voice", "decision_reasons"})
"""What a review's amendment may change: its words. The date, judgement and decision are what the meeting
decided; a different decision is a new review."""


def amend_review(
    store: RecordStore,
    review_id: uuid.UUID | str,
    reason: str,
    *,
    config: GuidanceConfig | None = None,
    **changes: str,
) -> Saved[EarlyHelpReview]:
    """Amend a saved review's words (the original kept, with the reason). "How has life improved for the
    child?" must still be answered; the prompts say so again when the new answer still describes services."""
    cfg = resolve(config)
    unknown = set(changes) - AMENDABLE_REVIEW_FIELDS
    if unknown:
        raise InvalidRecord(
            f"An Early Help review's amendment changes only its words, not {', '.join(sorted(unknown))}."
        )
    if "life_improved" in changes and not str(changes["life_improved"] or "").strip():
        raise InvalidRecord(cfg.early_help.errors.life_improved_required)
    current = store.get_as(EarlyHelpReview, review_id)
    amended = store.amend(current.id, dict(changes), reason)
    assert isinstance(amended, EarlyHelpReview)
    child = store.get_as(Child, amended.child_id)
    prompts = guide.life_improved_prompts(amended.life_improved, child.known_as or child.legal_forename, cfg)
    return Saved(amended, Changes.of(EarlyHelpReview.KIND, child_id=str(amended.child_id)), tuple(prompts))


def revise_goals(
    store: RecordStore,
    plan_id: uuid.UUID | str,
    goals: Sequence[Goal | dict[str, Any]],
    reason: str,
    *,
    config: GuidanceConfig | None = None,
) -> Saved[EarlyHelpPlan]:
    """Replace the plan's goals (the previous goals are kept in the amendment history with ``reason``)."""
    cfg = resolve(config)
    plan = _open_plan(store, plan_id, cfg)
    if not goals:
        raise InvalidRecord(cfg.early_help.errors.goals_required)
    amended = store.amend(plan.id, {"goals": _goal_data(goals)}, reason)
    assert isinstance(amended, EarlyHelpPlan)
    return Saved(amended, Changes.of(EarlyHelpPlan.KIND, child_id=str(plan.child_id)))


def close_plan(
    store: RecordStore,
    plan_id: uuid.UUID | str,
    closed_on: date,
    what_improved: str,
    *,
    update_status: bool = True,
    config: GuidanceConfig | None = None,
) -> Saved[EarlyHelpPlan]:
    """Close a plan, saying what has improved for the child (required).

    A child on Early Help with no other open plan moves back to universal support.
    """
    cfg = resolve(config)
    errors = cfg.early_help.errors
    plan = _open_plan(store, plan_id, cfg)
    if not what_improved or not what_improved.strip():
        raise InvalidRecord(errors.close_needs_improvement)
    if closed_on < plan.started_on:
        raise InvalidRecord(fill(errors.close_before_start, closed_on=dmy(closed_on), started_on=dmy(plan.started_on)))
    changes = Changes.of(EarlyHelpPlan.KIND, child_id=str(plan.child_id))
    with store.db.transaction():
        amended = store.amend(
            plan.id,
            {
                "status": PlanStatus.CLOSED.value,
                "closed_on": closed_on.isoformat(),
                "closing_summary": what_improved.strip(),
                "next_review": None,
            },
            f"Early Help plan closed {dmy(closed_on)}",
        )
        child = store.get_as(Child, plan.child_id)
        others_open = any(
            p.status == PlanStatus.OPEN and p.id != plan.id for p in store.for_child(child.id, EarlyHelpPlan)
        )
        if update_status and child.status == ChildStatus.EARLY_HELP and not others_open:
            status_changes = change_status(
                store, child.id, ChildStatus.UNIVERSAL, closed_on, f"Early Help plan closed {dmy(closed_on)}"
            ).changes
            changes = changes | status_changes
    assert isinstance(amended, EarlyHelpPlan)
    return Saved(amended, changes)


def mash_form_from_case(
    store: RecordStore, child_id: uuid.UUID | str, on: date, config: GuidanceConfig | None = None
) -> dict[str, str]:
    """A MASH enquiry's answers from the child's file, under the keys of ``resources/mash/enquiry_form.toml``.

    Uses the MASH enquiry's pre-fill (``services.mash.prefill_enquiry``: child details, household and
    parental responsibility, professionals, recent concerns and the child's words, what has been tried, the
    latest threshold decision, ...) and writes ``early_help`` (the full history, review by review, including
    how life improved for the child at each) in the words of ``config``.
    """
    cfg = resolve(config)
    child_file = open_child_file(store, child_id, audit=False)
    answers = prefill_enquiry(store, child_file, today=on)
    history = early_help_history(child_file.early_help_plans, child_file.early_help_reviews, cfg)
    if history:
        answers["early_help"] = history
    return answers


def draft_mash_enquiry_from_case(
    store: RecordStore,
    child_id: uuid.UUID | str,
    *,
    on: date | None = None,
    save: bool = False,
    config: GuidanceConfig | None = None,
) -> Referral:
    """A draft MASH enquiry (status draft) pre-filled from the case, for the DSL to check and complete.

    Not saved unless ``save`` is true. The "start a MASH enquiry draft" action goes through
    ``dslapp.services.mash.start_enquiry``, which saves the same pre-fill as one audited draft (then
    ``Changes.of(Referral.KIND, child_id=...)`` is what changed). Drafts are not in the chronology until sent.
    """
    cfg = resolve(config)
    day = on or store.vault.now().astimezone().date()
    child = store.get_as(Child, child_id)
    referral = validate(
        Referral,
        {
            "child_id": child.id,
            "started_on": day,
            "request_type": cfg.mash_form.request_type,
            "form": mash_form_from_case(store, child.id, day, cfg),
            "status": ReferralStatus.DRAFT.value,
        },
    )
    return store.add(referral) if save else referral


__all__ = [
    "Reviewed",
    "close_plan",
    "draft_mash_enquiry_from_case",
    "mash_form_from_case",
    "plan_starters",
    "review_plan",
    "revise_goals",
    "start_plan",
]
