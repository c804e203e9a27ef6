"""Recording concerns and the DSL's decision, with the practice prompts that belong to that moment.

A neglect concern with a decision not to refer cannot be saved without the DSL's reasoning
("persistent" is not a reason to wait); the learning comes back as a prompt either way. Any decision not to
refer while the child has a neglect pattern (``guidance.neglect``) also needs "what would make you refer?"
(``Concern.refer_if``), on concerns typed or amended here (an amendment that leaves the decision alone is not
held to it). Bundle imports are historical records and import as written; Today's alerts count them all.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from dslapp.errors import InvalidRecord
from dslapp.guidance import neglect
from dslapp.guidance.config import GuidanceConfig, resolve
from dslapp.guidance.learning_cards import LearningEvent
from dslapp.guidance.prompts import Prompt
from dslapp.models import Action, AlertAcknowledgement, Child, Concern, DslDecision, EarlyHelpPlan, Referral
from dslapp.services.changes import Changes
from dslapp.services.drafts import discard_draft
from dslapp.services.learning_cards import cards_to_show
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.store.records import validate
from dslapp.views.links import followable


def _case_for_pattern(
    store: RecordStore, child_id: uuid.UUID | str
) -> tuple[list[Concern], list[Referral], list[EarlyHelpPlan], list[AlertAcknowledgement]]:
    records = store.for_child(child_id, Concern, Referral, EarlyHelpPlan, AlertAcknowledgement)
    return (
        [r for r in records if isinstance(r, Concern)],
        [r for r in records if isinstance(r, Referral)],
        [r for r in records if isinstance(r, EarlyHelpPlan)],
        [r for r in records if isinstance(r, AlertAcknowledgement)],
    )


def concern_prompts(store: RecordStore, concern: Concern, config: GuidanceConfig | None = None) -> list[Prompt]:
    """Prompts for a concern as it stands: the neglect-decision learning, and the neglect pattern it is part
    of, if any (counted across the whole case, whatever was done before)."""
    cfg = resolve(config)
    prompts = neglect.check_neglect_decision(concern, cfg)
    if neglect.is_indicator(concern, cfg):
        concerns, referrals, plans, acks = _case_for_pattern(store, concern.child_id)
        concerns = [c for c in concerns if c.id != concern.id] + [concern]
        on = concern.observed_at.date()
        pattern = neglect.cumulative_neglect(concerns, on, cfg)
        if pattern is not None and concern.id in {c.id for c in pattern.concerns}:
            child = store.get_as(Child, concern.child_id)
            last = neglect.last_step(pattern, referrals, plans, acks, on, cfg)
            prompts.append(neglect.cumulative_neglect_prompt(pattern, child.display_name, cfg, last))
    return prompts


@dataclass(frozen=True)
class NeglectHistory:
    """A child's concerns as the decision box reads them, to show the neglect pattern before saving."""

    child_name: str
    concerns: tuple[neglect.ConcernLike, ...]

    def pattern_for(
        self, concern: neglect.ConcernLike, config: GuidanceConfig | None = None
    ) -> neglect.NeglectPattern | None:
        """The pattern a decision not to refer on ``concern`` (as it now stands in the form) would meet."""
        return neglect.decision_pattern(self.concerns, concern, config)


def neglect_history(store: RecordStore, child_id: uuid.UUID | str) -> NeglectHistory:
    """The child's concerns (read only, not audited as a view: nothing is shown but dates) for the decision
    box of the concern form, which works out the neglect pattern as the DSL types."""
    child = store.get_as(Child, child_id)
    concerns, _, _, _ = _case_for_pattern(store, child.id)
    return NeglectHistory(child.display_name, tuple(concerns))


def followable_referrals(store: RecordStore, child_id: uuid.UUID | str) -> list[tuple[str, str]]:
    """(id, label) of the child's sent referrals a new concern can be linked to ("following"), newest first."""
    return followable(store.for_child(child_id, Referral))


def _check_follows(store: RecordStore, concern: Concern) -> None:
    """A concern can follow only a referral of the same child."""
    if concern.follows_id is None:
        return
    referrals: list[Referral] = store.for_child(concern.child_id, Referral)
    if not any(r.id == concern.follows_id for r in referrals):
        raise InvalidRecord(
            "This concern is linked to a referral that is not in this child's file. Choose one of the child's "
            "referrals, or leave the link empty."
        )


def _require_reasoning(concern: Concern, config: GuidanceConfig) -> None:
    message = neglect.reasoning_required_message(concern, config)
    if message:
        raise InvalidRecord(message)


def _require_refer_if(store: RecordStore, concern: Concern, config: GuidanceConfig) -> None:
    """A decision not to refer while the child has a neglect pattern needs "what would make you refer?".

    Applies to concerns typed or amended (decision fields changed) here; concerns imported in a bundle
    are historical records and import as they were written (Today's pattern alert still counts them).
    """
    if not neglect.is_decision_not_to_refer(concern.dsl_decision, config) or concern.refer_if.strip():
        return
    history = neglect_history(store, concern.child_id)
    pattern = history.pattern_for(concern, config)
    message = neglect.refer_if_required_message(pattern, concern, concern.refer_if, history.child_name, config)
    if message:
        raise InvalidRecord(message)


DECISION_FIELDS = frozenset({"dsl_decision", "decision_reasons", "refer_if"})
"""An amendment touching any of these is a decision, and meets the decision rules."""


def save_concern(
    store: RecordStore,
    *,
    actions: Sequence[Mapping[str, Any]] = (),
    draft_id: str | None = None,
    config: GuidanceConfig | None = None,
    **fields: Any,
) -> Saved[Concern]:
    """Validate and save a record of concern with its follow-up ``actions``, in one transaction that also
    drops the draft it was typed in. The one place a concern is created.

    Raises InvalidRecord (with the learning, kindly worded) when it is a neglect concern with a decision
    not to refer and no reasoning. Nothing is saved then, and the draft is kept.
    """
    cfg = resolve(config)
    concern = validate(Concern, fields)
    store.get_as(Child, concern.child_id)  # a concern must belong to a child in this casebook
    _check_follows(store, concern)
    _require_reasoning(concern, cfg)
    _require_refer_if(store, concern, cfg)
    planned = [validate(Action, {**a, "child_id": concern.child_id, "source_id": str(concern.id)}) for a in actions]
    with store.db.transaction():
        saved = store.add(concern)
        for action in planned:
            store.add(action)
        if draft_id:
            discard_draft(store, draft_id)
    kinds = (Concern.KIND, Action.KIND) if planned else (Concern.KIND,)
    return Saved(saved, Changes.of(*kinds, child_id=str(saved.child_id)))


def save_concern_with_cards(
    store: RecordStore,
    *,
    on: date,
    actions: Sequence[Mapping[str, Any]] = (),
    draft_id: str | None = None,
    config: GuidanceConfig | None = None,
    **fields: Any,
) -> Saved[Concern]:
    """:func:`save_concern`, and in the same call the learning cards for the decision (each remembered as shown on
    ``on``), so the desktop app's Save is one job on the database worker."""
    saved = save_concern(store, actions=actions, draft_id=draft_id, config=config, **fields)
    cards = cards_to_show(store, saved.value, LearningEvent.CONCERN_DECIDED, on)
    return replace(saved.also(cards.changes), cards=tuple(cards.value))


def record_concern(
    store: RecordStore,
    *,
    actions: Sequence[Mapping[str, Any]] = (),
    draft_id: str | None = None,
    config: GuidanceConfig | None = None,
    **fields: Any,
) -> Saved[Concern]:
    """:func:`save_concern`, returning also the prompts for the DSL."""
    cfg = resolve(config)
    saved = save_concern(store, actions=actions, draft_id=draft_id, config=cfg, **fields)
    return saved.with_prompts(concern_prompts(store, saved.value, cfg))


def save_concern_amendment(
    store: RecordStore,
    concern_id: uuid.UUID | str,
    reason: str,
    *,
    config: GuidanceConfig | None = None,
    **changes: Any,
) -> Saved[Concern]:
    """Amend a concern (the original is kept with ``reason``), applying the same neglect rule as recording
    one. The one place a concern is changed, whichever screen or command asks."""
    cfg = resolve(config)
    current = store.get_as(Concern, concern_id)
    data = current.model_dump(mode="json")
    data.update(changes)
    proposed = validate(Concern, data, stored=True)
    _check_follows(store, proposed)
    _require_reasoning(proposed, cfg)
    if DECISION_FIELDS & changes.keys():
        _require_refer_if(store, proposed, cfg)
    amended = store.amend(current.id, dict(changes), reason)
    assert isinstance(amended, Concern)
    return Saved(amended, Changes.of(Concern.KIND, child_id=str(amended.child_id)))


def amend_concern(
    store: RecordStore,
    concern_id: uuid.UUID | str,
    reason: str,
    *,
    config: GuidanceConfig | None = None,
    **changes: Any,
) -> Saved[Concern]:
    """:func:`save_concern_amendment`, returning also the prompts for the DSL."""
    cfg = resolve(config)
    saved = save_concern_amendment(store, concern_id, reason, config=cfg, **changes)
    return saved.with_prompts(concern_prompts(store, saved.value, cfg))


def record_dsl_decision(
    store: RecordStore,
    concern_id: uuid.UUID | str,
    decision: DslDecision,
    reasons: str,
    *,
    outcome: str | None = None,
    config: GuidanceConfig | None = None,
) -> Saved[Concern]:
    """The DSL's decision on a concern staff passed on, with the reasons (recorded as an amendment)."""
    changes: dict[str, Any] = {"dsl_decision": decision.value, "decision_reasons": reasons}
    if outcome is not None:
        changes["outcome"] = outcome
    return amend_concern(store, concern_id, f"DSL decision recorded: {decision.label}", config=config, **changes)


__all__ = [
    "DECISION_FIELDS",
    "NeglectHistory",
    "amend_concern",
    "concern_prompts",
    "followable_referrals",
    "neglect_history",
    "record_concern",
    "record_dsl_decision",
    "save_concern",
    "save_concern_amendment",
]
