"""Learning cards: the relevant learning, shown briefly at the moment of decision.

Each rule is a plain function over a record and an event that names the library entries worth showing
(by their stable starter keys). :func:`select_cards` is pure; :func:`cards_to_show` also leaves out cards
already shown for the same record and event and remembers the new ones (a ``LearningCardShown`` record),
so the DSL sees each card once per record and moment, and can dismiss it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dslapp.guidance.learning_library import StarterEntry, starter_entry
from dslapp.models import (
    Category,
    Child,
    ChildStatus,
    Concern,
    DslDecision,
    EarlyHelpPlan,
    EarlyHelpReview,
    Escalation,
    Judgement,
    Record,
    Referral,
    ReferralOutcome,
    ReviewDecision,
)
from dslapp.models.early_help import PlanStatus


class LearningEvent:
    """Stable codes for the moments of decision the UI reports."""

    CONCERN_DECIDED = "concern_decided"
    """A DSL decision was recorded on a concern (the neglect rule reads the decision)."""
    EH_REVIEW_RECORDED = "eh_review_recorded"
    REFERRAL_OUTCOME = "referral_outcome"
    ESCALATION_CONSIDERED = "escalation_considered"
    CHRONOLOGY_EXPORTED = "chronology_exported"
    CASE_CLOSED = "case_closed"


class CardId:
    """What each card is about (stable; recorded in ``LearningCardShown.card_id``)."""

    NEGLECT_NOT_REFERRED = "neglect_closed_without_referral"
    EH_NO_IMPROVEMENT = "eh_review_no_improvement"
    REFERRAL_NFA = "referral_nfa"
    ESCALATION = "escalation_considered"
    CHRONOLOGY = "chronology_exported"
    CASE_CLOSED = "case_closed"


@dataclass(frozen=True)
class LearningCard:
    card_id: str
    event: str
    record_id: str
    entry_key: str
    entry_id: uuid.UUID
    """The full library entry (``LearningNote`` id) the card links to."""
    title: str
    summary: str
    source: str


CardRule = Callable[[Record, str], list[tuple[str, str]]]
"""(record, event) -> [(card id, library entry key), ...]."""


def neglect_closed_without_referral(record: Record, event: str) -> list[tuple[str, str]]:
    """A neglect concern given a decision that is not a referral (monitor, support, Early Help, NFA)."""
    if event != LearningEvent.CONCERN_DECIDED or not isinstance(record, Concern):
        return []
    if Category.NEGLECT not in record.categories:
        return []
    if record.dsl_decision == DslDecision.PENDING or record.dsl_decision.is_referral:
        return []
    return [(CardId.NEGLECT_NOT_REFERRED, "persistent"), (CardId.NEGLECT_NOT_REFERRED, "cumulative_harm")]


def eh_review_no_improvement(record: Record, event: str) -> list[tuple[str, str]]:
    """An Early Help review that found no change, or things worse."""
    if event != LearningEvent.EH_REVIEW_RECORDED or not isinstance(record, EarlyHelpReview):
        return []
    if record.overall not in (Judgement.NO_CHANGE, Judgement.WORSE):
        return []
    return [(CardId.EH_NO_IMPROVEMENT, "life_improved")]


def referral_nfa(record: Record, event: str) -> list[tuple[str, str]]:
    """A referral came back with no further action."""
    if event != LearningEvent.REFERRAL_OUTCOME or not isinstance(record, Referral):
        return []
    if record.outcome != ReferralOutcome.NO_FURTHER_ACTION:
        return []
    return [(CardId.REFERRAL_NFA, "challenge")]


def escalation_considered(record: Record, event: str) -> list[tuple[str, str]]:
    """The DSL is starting (or considering) an escalation about a referral or a case."""
    if event != LearningEvent.ESCALATION_CONSIDERED or not isinstance(record, Escalation | Referral | Child):
        return []
    return [(CardId.ESCALATION, "challenge")]


def chronology_exported(record: Record, event: str) -> list[tuple[str, str]]:
    if event != LearningEvent.CHRONOLOGY_EXPORTED or not isinstance(record, Child):
        return []
    return [(CardId.CHRONOLOGY, "chronology"), (CardId.CHRONOLOGY, "cumulative_harm")]


def case_closed(record: Record, event: str) -> list[tuple[str, str]]:
    """A child's case closed, an Early Help plan closed, or a review decided to close or step down."""
    if event != LearningEvent.CASE_CLOSED:
        return []
    closing = (
        (isinstance(record, Child) and record.status == ChildStatus.CLOSED)
        or (isinstance(record, EarlyHelpPlan) and record.status != PlanStatus.OPEN)
        or (isinstance(record, EarlyHelpReview) and record.decision in (ReviewDecision.CLOSE, ReviewDecision.STEP_DOWN))
    )
    if not closing:
        return []
    return [(CardId.CASE_CLOSED, "closure"), (CardId.CASE_CLOSED, "child_voice")]


RULES: tuple[CardRule, ...] = (
    neglect_closed_without_referral,
    eh_review_no_improvement,
    referral_nfa,
    escalation_considered,
    chronology_exported,
    case_closed,
)


def _card(record: Record, event: str, card_id: str, entry: StarterEntry) -> LearningCard:
    return LearningCard(
        card_id=card_id,
        event=event,
        record_id=str(record.id),
        entry_key=entry.key,
        entry_id=entry.id,
        title=entry.title,
        summary=entry.summary,
        source=entry.source,
    )


def select_cards(record: Record, event: str, rules: Sequence[CardRule] = RULES) -> list[LearningCard]:
    """The cards the rules choose for ``record`` at ``event`` (pure: nothing read or remembered)."""
    out: list[LearningCard] = []
    seen: set[str] = set()
    for rule in rules:
        for card_id, key in rule(record, event):
            entry = starter_entry(key)
            if entry is None or key in seen:
                continue
            seen.add(key)
            out.append(_card(record, event, card_id, entry))
    return out


__all__ = [
    "RULES",
    "CardId",
    "LearningCard",
    "LearningEvent",
    "select_cards",
]
