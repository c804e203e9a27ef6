"""Neglect: "persistent" is not a reason to wait (DOMAIN.md, learning 2).

Two rules, with their numbers and words in ``resources/guidance/practice.toml`` (``[neglect]``):

- a neglect concern with a decision not to refer shows the learning and needs the reasoning recorded;
- a cumulative pattern (3 or more neglect concerns within 90 days, with no referral or Early Help plan
  since the first of them) is flagged.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from dslapp.guidance.config import GuidanceConfig, resolve
from dslapp.guidance.prompts import ActionCode, Prompt, PromptAction, PromptCode, dmy, fill
from dslapp.models import Category, Concern, DslDecision, EarlyHelpPlan, Referral, ReferralStatus


class ConcernLike(Protocol):
    """What the pattern rule reads of a concern: a ``Concern`` fits, and so does a lighter projection."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def observed_at(self) -> datetime: ...
    @property
    def categories(self) -> Sequence[Category]: ...
    @property
    def dsl_decision(self) -> DslDecision: ...
    @property
    def child_words(self) -> str: ...


def is_neglect(concern: ConcernLike) -> bool:
    return Category.NEGLECT in concern.categories


def is_decision_not_to_refer(decision: DslDecision, config: GuidanceConfig | None = None) -> bool:
    """A decision has been made (not pending) and it is not one of the acting decisions."""
    return decision != DslDecision.PENDING and decision not in resolve(config).neglect.acting_decisions


def check_neglect_decision(concern: Concern, config: GuidanceConfig | None = None) -> list[Prompt]:
    """The learning and the reasoning requirement for a neglect concern the DSL decided not to refer.

    Returns one prompt (``required`` while ``decision_reasons`` is empty), or none when the concern is not
    about neglect, no decision has been made yet, or the decision acts on it (MASH enquiry, police,
    informing the social worker, Early Help).
    """
    cfg = resolve(config)
    if not is_neglect(concern) or not is_decision_not_to_refer(concern.dsl_decision, cfg):
        return []
    messages = cfg.neglect.messages
    return [
        Prompt(
            code=PromptCode.NEGLECT_NOT_REFERRED,
            title=messages.decision_title,
            message=messages.decision,
            learning=cfg.learning.persistent,
            actions=(PromptAction(ActionCode.RECORD_REASONS, cfg.early_help.actions.record_reasons),),
            field="decision_reasons",
            required=not concern.decision_reasons.strip(),
        )
    ]


def reasoning_required_message(concern: Concern, config: GuidanceConfig | None = None) -> str:
    """The kind message shown when such a decision is saved without reasoning (empty when none is needed)."""
    cfg = resolve(config)
    if any(p.required for p in check_neglect_decision(concern, cfg)):
        return fill(cfg.neglect.messages.reasoning_required, decision=concern.dsl_decision.label)
    return ""


# ---- the cumulative pattern ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NeglectPattern:
    """Neglect concerns within one period of ``days`` days, with nothing done since the first."""

    concerns: tuple[ConcernLike, ...]
    days: int

    @property
    def first(self) -> date:
        return self.concerns[0].observed_at.date()

    @property
    def last(self) -> date:
        return self.concerns[-1].observed_at.date()

    @property
    def count(self) -> int:
        return len(self.concerns)


def action_dates(
    concerns: Iterable[ConcernLike],
    referrals: Iterable[Referral],
    plans: Iterable[EarlyHelpPlan],
    config: GuidanceConfig | None = None,
) -> list[date]:
    """Days on which a referral was sent, an Early Help plan started, or a concern was referred on."""
    cfg = resolve(config)
    days = [r.sent_on for r in referrals if r.status != ReferralStatus.DRAFT and r.sent_on is not None]
    days += [p.started_on for p in plans]
    days += [c.observed_at.date() for c in concerns if c.dsl_decision in cfg.neglect.acting_decisions]
    return days


def cumulative_neglect(
    concerns: Sequence[ConcernLike],
    referrals: Sequence[Referral],
    plans: Sequence[EarlyHelpPlan],
    on: date,
    config: GuidanceConfig | None = None,
) -> NeglectPattern | None:
    """The latest live cumulative-neglect pattern for one child on ``on``, or None.

    A pattern is at least ``count`` neglect concerns (default 3) whose dates all fall within one period of
    ``days`` calendar days counting both ends (default 90: the first and last at most 89 days apart), on or
    before ``on``, with no referral sent, no Early Help plan started and no concern given an acting decision
    (MASH enquiry, police, social worker, Early Help) since the first of them, that day included.
    Patterns whose last concern is more than ``lookback_days`` before ``on`` are not live.
    """
    cfg = resolve(config)
    rule = cfg.neglect.cumulative
    neglect = sorted((c for c in concerns if is_neglect(c) and c.observed_at.date() <= on), key=lambda c: c.observed_at)
    if len(neglect) < rule.count:
        return None
    acted = [d for d in action_dates(concerns, referrals, plans, cfg) if d <= on]
    if acted:
        # Anything done on or after a concern's day counts for it, so only later concerns can form a pattern.
        latest_action = max(acted)
        neglect = [c for c in neglect if c.observed_at.date() > latest_action]
    span = timedelta(days=rule.days - 1)
    best: NeglectPattern | None = None
    start = 0
    for end in range(len(neglect)):
        last_day = neglect[end].observed_at.date()
        while last_day - neglect[start].observed_at.date() > span:
            start += 1
        if end - start + 1 >= rule.count and (on - last_day).days <= rule.lookback_days:
            best = NeglectPattern(tuple(neglect[start : end + 1]), rule.days)  # the latest window wins
    return best


def cumulative_neglect_prompt(
    pattern: NeglectPattern, child_name: str = "", config: GuidanceConfig | None = None
) -> Prompt:
    cfg = resolve(config)
    messages = cfg.neglect.messages
    values = {
        "count": pattern.count,
        "days": pattern.days,
        "name": child_name or "This child",
        "first": dmy(pattern.first),
        "last": dmy(pattern.last),
    }
    return Prompt(
        code=PromptCode.CUMULATIVE_NEGLECT,
        title=fill(messages.pattern_title, **values),
        message=fill(messages.pattern, **values),
        learning=cfg.learning.persistent,
        actions=(
            PromptAction(ActionCode.THRESHOLD_TOOL, messages.pattern_action_threshold),
            PromptAction(ActionCode.DRAFT_MASH_ENQUIRY, messages.pattern_action_mash),
        ),
    )


__all__ = [
    "ConcernLike",
    "NeglectPattern",
    "action_dates",
    "check_neglect_decision",
    "cumulative_neglect",
    "cumulative_neglect_prompt",
    "is_decision_not_to_refer",
    "is_neglect",
    "reasoning_required_message",
]
