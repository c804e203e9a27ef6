"""Neglect: "persistent" is not a reason to wait (DOMAIN.md, learning 2).

Three rules, with their numbers, phrases and words in ``resources/guidance/practice.toml`` (``[neglect]``):

- a neglect concern with a decision not to refer shows the learning and needs the reasoning recorded;
- a cumulative pattern of neglect *indicator* concerns (the Neglect or Attendance category, or hunger,
  hygiene, clothing, untreated health needs, lateness and absence, a young carer's responsibilities in
  what was seen or heard, whichever category was ticked) is flagged: 3 within 90 days, or the slow drip
  of 4 within 183 days. It counts across the whole case: a plan, a referral or an acting decision on one
  concern does not silence it; only the DSL's review of the pattern itself (an acknowledgement of the
  alert) does, until another indicator concern follows;
- a decision not to refer while the child has such a pattern needs "what would make you refer?"
  (``Concern.refer_if``) as well as the reasons.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Protocol

from dslapp.guidance.config import GuidanceConfig, NeglectIndicators, resolve
from dslapp.guidance.prompts import ActionCode, Prompt, PromptAction, PromptCode, dmy, fill
from dslapp.models import (
    AlertAcknowledgement,
    Category,
    Concern,
    DslDecision,
    EarlyHelpPlan,
    Referral,
    ReferralStatus,
)
from dslapp.models.early_help import PlanStatus

RULE_ID = "cumulative_neglect"
"""The rule id of the pattern alert (``guidance.alerts.RuleId.CUMULATIVE_NEGLECT``)."""


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
    @property
    def what_happened(self) -> str: ...


@dataclass(frozen=True)
class DraftConcern:
    """A concern as it stands in a form, not yet saved (what the decision box checks)."""

    id: uuid.UUID
    observed_at: datetime
    categories: tuple[Category, ...]
    dsl_decision: DslDecision
    child_words: str = ""
    what_happened: str = ""


def is_neglect(concern: ConcernLike) -> bool:
    return Category.NEGLECT in concern.categories


# ---- indicators -----------------------------------------------------------------------------------------


_TOKENS = re.compile(r"[\w']+|[.;:!?,\n]")
_CLAUSE_BREAKS = frozenset({".", ";", ":", "!", "?", ",", "\n", "but"})
_SEEN_LIMIT = 250_000
"""Texts whose indicators are remembered (about 30 MB at most), more than the large-school caseload has."""


def _tokens(text: str) -> list[str]:
    """Words (apostrophes kept: "isn't") and clause punctuation, in lower case."""
    return _TOKENS.findall(text.replace("\u2019", "'").casefold())


@dataclass(frozen=True)
class _Phrase:
    indicator: str
    words: tuple[str, ...]
    prefix: bool
    """The last word matches any word starting with it (the phrase ended in ``*``)."""

    def at(self, tokens: list[str], i: int) -> bool:
        n = len(self.words)
        if i + n > len(tokens):
            return False
        for j, word in enumerate(self.words):
            token = tokens[i + j]
            last = j == n - 1
            if not (token == word or (last and self.prefix and token.startswith(word))):
                return False
        return True


@dataclass(frozen=True)
class _Matcher:
    """The phrases of one indicator settings table, indexed by their first word (built once per table).

    Texts are split into words, so matching is whole-word by construction ("Hungarian" is not "hungry"),
    and each word costs one dictionary look-up: fast enough to read a whole caseload for Today."""

    order: tuple[str, ...]
    by_first: dict[str, tuple[_Phrase, ...]]
    wild: tuple[_Phrase, ...]
    """One-word phrases ending in ``*`` ("unwash*"), tried against every word with ``startswith``."""
    prefixes: tuple[str, ...]
    negations: dict[str, tuple[tuple[str, ...], ...]]
    """Negations (as words) by their first word."""
    reach: int
    seen: dict[bytes, tuple[str, ...]] = field(default_factory=dict, compare=False)

    def __hash__(self) -> int:
        return id(self)

    def negated(self, tokens: list[str], i: int) -> bool:
        """A negation within ``reach`` words before word ``i``, in the same part of the sentence."""
        window = tokens[max(0, i - self.reach) : i] if self.reach else []
        for k in range(len(window) - 1, -1, -1):
            if window[k] in _CLAUSE_BREAKS:
                window = window[k + 1 :]
                break
        for k, word in enumerate(window):
            for negation in self.negations.get(word, ()):
                if len(negation) == 1 or tuple(window[k : k + len(negation)]) == negation:
                    return True
        return False

    def match(self, text: str) -> tuple[str, ...]:
        """The indicators ``text`` shows, remembered by a digest of the text (Today reads every concern of the
        caseload each time; a digest keeps the memory small, the texts themselves are not held)."""
        key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
        seen = self.seen.get(key)
        if seen is None:
            if len(self.seen) >= _SEEN_LIMIT:
                self.seen.clear()
            seen = self.seen[key] = self._match(text)
        return seen

    def _match(self, text: str) -> tuple[str, ...]:
        tokens = _tokens(text)
        by_first, prefixes = self.by_first, self.prefixes
        starts = [i for i, t in enumerate(tokens) if t in by_first or (prefixes and t.startswith(prefixes))]
        found: set[str] = set()
        for i in starts:
            token = tokens[i]
            hits = [p.indicator for p in by_first.get(token, ()) if p.indicator not in found and p.at(tokens, i)]
            hits += [p.indicator for p in self.wild if p.indicator not in found and token.startswith(p.words[0])]
            if hits and not self.negated(tokens, i):
                found.update(hits)
        return tuple(name for name in self.order if name in found)


@cache
def _matcher(phrases: tuple[tuple[str, tuple[str, ...]], ...], negations: tuple[str, ...], reach: int) -> _Matcher:
    by_first: dict[str, list[_Phrase]] = {}
    wild: list[_Phrase] = []
    for name, words in phrases:
        for phrase in words:
            split = tuple(_tokens(phrase.rstrip("*")))
            if not split:
                continue
            entry = _Phrase(name, split, phrase.endswith("*"))
            if entry.prefix and len(split) == 1:
                wild.append(entry)
            else:
                by_first.setdefault(split[0], []).append(entry)
    negation_index: dict[str, list[tuple[str, ...]]] = {}
    for negation in negations:
        split = tuple(_tokens(negation))
        if split:
            negation_index.setdefault(split[0], []).append(split)
    return _Matcher(
        tuple(name for name, _ in phrases),
        {k: tuple(v) for k, v in by_first.items()},
        tuple(wild),
        tuple(p.words[0] for p in wild),
        {k: tuple(v) for k, v in negation_index.items()},
        reach,
    )


_MATCHERS: dict[int, tuple[NeglectIndicators, _Matcher]] = {}


def _matcher_for(settings: NeglectIndicators) -> _Matcher:
    held = _MATCHERS.get(id(settings))
    if held is None or held[0] is not settings:
        phrases = tuple((k, tuple(v)) for k, v in settings.phrases.items())
        held = (settings, _matcher(phrases, settings.negations, settings.negation_reach))
        _MATCHERS[id(settings)] = held
    return held[1]


def matched_phrases(text: str, settings: NeglectIndicators) -> list[str]:
    """The indicators (names from ``[neglect.indicators.phrases]``) whose phrases ``text`` uses, not negated."""
    return list(_matcher_for(settings).match(text))


def indicators(concern: ConcernLike, config: GuidanceConfig | None = None) -> list[str]:
    """What makes ``concern`` a neglect indicator: the counting categories ticked (their labels), then the
    indicators found in what was seen or heard and the child's own words. Empty when it is not one."""
    settings = resolve(config).neglect.indicators
    found = [c.label for c in concern.categories if c in settings.categories]
    text = f"{concern.what_happened}\n{concern.child_words}"
    found += [name for name in matched_phrases(text, settings) if name not in found]
    return found


def is_indicator(concern: ConcernLike, config: GuidanceConfig | None = None) -> bool:
    settings = resolve(config).neglect.indicators
    if any(c in settings.categories for c in concern.categories):
        return True  # no need to read the text
    return bool(matched_phrases(f"{concern.what_happened}\n{concern.child_words}", settings))


# ---- the decision not to refer ------------------------------------------------------------------------


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
    """A child's neglect indicator concerns from the start of the pattern up to the day it is seen on."""

    concerns: tuple[ConcernLike, ...]
    days: int
    """The period of the window that formed the pattern (the short one, or the slow drip)."""
    window_count: int
    """How many concerns that window needs."""

    @property
    def first(self) -> date:
        return self.concerns[0].observed_at.date()

    @property
    def last(self) -> date:
        return self.concerns[-1].observed_at.date()

    @property
    def count(self) -> int:
        return len(self.concerns)


def indicator_concerns(
    concerns: Iterable[ConcernLike], on: date, config: GuidanceConfig | None = None
) -> list[ConcernLike]:
    """The neglect indicator concerns observed on or before ``on``, oldest first."""
    cfg = resolve(config)
    found = [c for c in concerns if c.observed_at.date() <= on and is_indicator(c, cfg)]
    return sorted(found, key=lambda c: (c.observed_at, str(c.id)))


def cumulative_neglect(
    concerns: Sequence[ConcernLike],
    on: date,
    config: GuidanceConfig | None = None,
) -> NeglectPattern | None:
    """The live neglect pattern for one child on ``on``, or None.

    A pattern forms when at least ``count`` indicator concerns (default 3) fall within one period of
    ``days`` calendar days counting both ends (default 90: the first and last at most 89 days apart), or
    at least ``slow_count`` (default 4) within ``slow_days`` (default 183). It is live while the last
    concern of a forming window is at most ``lookback_days`` before ``on``, and it then holds every
    indicator concern from the start of the earliest live window up to ``on``: whatever was done in
    between (a plan, a referral, an acting decision) does not split or end it.
    """
    cfg = resolve(config)
    rule = cfg.neglect.cumulative
    found = indicator_concerns(concerns, on, cfg)
    best: tuple[int, int, int] | None = None  # (start index, days, count) of the earliest live window
    for count, days in ((rule.count, rule.days), (rule.slow_count, rule.slow_days)):
        span = timedelta(days=days - 1)
        start = 0
        for end in range(len(found)):
            last_day = found[end].observed_at.date()
            while last_day - found[start].observed_at.date() > span:
                start += 1
            if end - start + 1 >= count and (on - last_day).days <= rule.lookback_days:
                if best is None or start < best[0]:
                    best = (start, days, count)
                break  # later windows of this size start no earlier
    if best is None:
        return None
    start, days, count = best
    return NeglectPattern(tuple(found[start:]), days, count)


@dataclass(frozen=True)
class LastStep:
    """The latest thing the DSL did that bears on the pattern, and the concerns since."""

    text: str
    on: date | None
    since: int


def _count_since(pattern: NeglectPattern, after: datetime | date) -> int:
    if isinstance(after, datetime):
        return sum(1 for c in pattern.concerns if c.observed_at > after)
    return sum(1 for c in pattern.concerns if c.observed_at.date() > after)


def last_step(
    pattern: NeglectPattern,
    referrals: Sequence[Referral],
    plans: Sequence[EarlyHelpPlan],
    acknowledgements: Sequence[AlertAcknowledgement],
    on: date,
    config: GuidanceConfig | None = None,
) -> LastStep:
    """What the DSL did last (a plan started, a referral sent or ended, the pattern reviewed), in words,
    with the number of indicator concerns since. On the same day a review of the pattern counts last."""
    cfg = resolve(config)
    words = cfg.neglect.messages
    steps: list[tuple[date, int, str, datetime | date]] = []
    for plan in plans:
        if plan.started_on <= on:
            template = words.last_plan_open if plan.status == PlanStatus.OPEN else words.last_plan
            steps.append(
                (plan.started_on, 0, fill(template, date=dmy(plan.started_on), since="{since}"), plan.started_on)
            )
    for referral in referrals:
        if referral.status == ReferralStatus.DRAFT or referral.sent_on is None or referral.sent_on > on:
            continue
        kind = referral.request_type
        steps.append(
            (
                referral.sent_on,
                1,
                fill(words.last_referral, request_type=kind, date=dmy(referral.sent_on), since="{since}"),
                referral.sent_on,
            )
        )
        if referral.outcome is not None and referral.outcome_on is not None and referral.outcome_on <= on:
            text = fill(
                words.last_outcome,
                request_type=kind,
                date=dmy(referral.outcome_on),
                outcome=referral.outcome.label,
                since="{since}",
            )
            steps.append((referral.outcome_on, 2, text, referral.outcome_on))
    by_id = {str(c.id): c for c in pattern.concerns}
    for ack in acknowledgements:
        if ack.rule_id != RULE_ID or ack.acknowledged_on > on:
            continue
        anchor = by_id.get(ack.key.rsplit(":", 1)[-1])
        # Concerns after the one the review covered are new; without it, those after the review's day.
        after: datetime | date = anchor.observed_at if anchor is not None else ack.acknowledged_on
        steps.append(
            (ack.acknowledged_on, 3, fill(words.last_review, date=dmy(ack.acknowledged_on), since="{since}"), after)
        )
    if not steps:
        return LastStep(words.last_none, None, pattern.count)
    day, _, template, after = max(steps, key=lambda s: (s[0], s[1]))
    since = _count_since(pattern, after)
    if since == 0:
        counted = words.since_none
    elif since == 1:
        counted = words.since_one
    else:
        counted = fill(words.since_many, count=since)
    return LastStep(fill(template, since=counted), day, since)


def cumulative_neglect_prompt(
    pattern: NeglectPattern,
    child_name: str = "",
    config: GuidanceConfig | None = None,
    last: LastStep | None = None,
) -> Prompt:
    cfg = resolve(config)
    messages = cfg.neglect.messages
    values = {
        "count": pattern.count,
        "days": pattern.days,
        "name": child_name or "This child",
        "first": dmy(pattern.first),
        "last": dmy(pattern.last),
        "window": fill(messages.window, count=pattern.window_count, days=pattern.days),
        "last_action": (last.text if last is not None else messages.last_none),
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


# ---- the decision box: "what would make you refer?" -------------------------------------------------------


def decision_pattern(
    earlier: Iterable[ConcernLike], concern: ConcernLike, config: GuidanceConfig | None = None
) -> NeglectPattern | None:
    """The child's neglect pattern as it stands when ``concern`` is decided, when that decision is not to
    refer; None otherwise. ``earlier`` is the child's other concerns (``concern`` itself is left out of it
    and counted as it now stands, so a form can ask before saving)."""
    cfg = resolve(config)
    if not is_decision_not_to_refer(concern.dsl_decision, cfg):
        return None
    others = [c for c in earlier if c.id != concern.id]
    return cumulative_neglect([*others, concern], concern.observed_at.date(), cfg)


def refer_if_required_message(
    pattern: NeglectPattern | None, concern: ConcernLike, refer_if: str, child_name: str,
    config: GuidanceConfig | None = None,
) -> str:  # fmt: skip
    """The kind message when a decision not to refer, with a pattern, is saved without "what would make you
    refer?" (empty when none is needed)."""
    if pattern is None or refer_if.strip():
        return ""
    cfg = resolve(config)
    return fill(
        cfg.neglect.messages.refer_if_required,
        name=child_name or "This child",
        count=pattern.count,
        first=dmy(pattern.first),
        decision=concern.dsl_decision.label,
    )


def earlier_in_pattern(pattern: NeglectPattern, concern: ConcernLike) -> list[ConcernLike]:
    """The pattern's concerns other than ``concern``: what the decision box lists."""
    return [c for c in pattern.concerns if c.id != concern.id]


def decision_pattern_text(pattern: NeglectPattern, concern: ConcernLike, config: GuidanceConfig | None = None) -> str:
    """One line for the decision box: how many earlier indicator concerns, and their dates."""
    earlier = earlier_in_pattern(pattern, concern)
    dates = ", ".join(dmy(c.observed_at.date()) for c in earlier)
    return fill(resolve(config).neglect.messages.decision_pattern, count=len(earlier), dates=dates)


__all__ = [
    "RULE_ID",
    "ConcernLike",
    "DraftConcern",
    "LastStep",
    "NeglectPattern",
    "check_neglect_decision",
    "cumulative_neglect",
    "cumulative_neglect_prompt",
    "decision_pattern",
    "decision_pattern_text",
    "earlier_in_pattern",
    "indicator_concerns",
    "indicators",
    "is_decision_not_to_refer",
    "is_indicator",
    "is_neglect",
    "last_step",
    "matched_phrases",
    "reasoning_required_message",
    "refer_if_required_message",
]
