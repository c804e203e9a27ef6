"""Recording and amending any record: validated, committed with its audit row, never overwritten.

Every write of a record kind goes through the one service that owns that kind's rules. These two
functions are the owner for the plain kinds (chronology entries, actions, people, sharing decisions,
notes...). A concern is handed to the concern service, so the neglect-reasoning rule applies whichever
screen or command writes it; kinds whose changes are named steps with rules of their own (a referral
marked as sent, an escalation stepped up, a plan closed) cannot be amended here at all.
"""

from __future__ import annotations

import uuid
from typing import Any, TypeVar, cast

from dslapp.models import (
    AlertAcknowledgement,
    Child,
    ChildLink,
    ChildRecord,
    Concern,
    CourtOrder,
    EarlyHelpPlan,
    EarlyHelpReview,
    EncompassNotice,
    Escalation,
    Household,
    LearningCardShown,
    Record,
    Referral,
    StatusChange,
    StatutoryRecord,
    ThresholdDecision,
    Transfer,
)
from dslapp.services import concerns
from dslapp.services.changes import Changes
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.store.records import validate

R = TypeVar("R", bound=Record)

STEP_OWNERS: dict[str, str] = {
    Referral.KIND: "dslapp.services.mash",
    Escalation.KIND: "dslapp.services.escalation",
    EarlyHelpPlan.KIND: "dslapp.services.early_help",
    EarlyHelpReview.KIND: "dslapp.services.early_help",
    ThresholdDecision.KIND: "dslapp.services.thresholds",
    Child.KIND: "dslapp.services.children or dslapp.services.retention",
    CourtOrder.KIND: "dslapp.services.court_orders",
    StatutoryRecord.KIND: "dslapp.services.statutory",
    EncompassNotice.KIND: "dslapp.services.encompass",
    Household.KIND: "dslapp.services.family",
    ChildLink.KIND: "dslapp.services.family",
    StatusChange.KIND: "dslapp.services.children",
    Transfer.KIND: "dslapp.services.transfer",
    AlertAcknowledgement.KIND: "dslapp.guidance.alerts",
    LearningCardShown.KIND: "dslapp.guidance.learning_cards",
}
"""Kinds whose amendments are named steps with their own rules: only the named service changes them."""


def _changes(record: Record) -> Changes:
    child_id = str(record.child_id) if isinstance(record, ChildRecord) else None
    return Changes.of(record.KIND, child_id=child_id)


def record(store: RecordStore, cls: type[R], **fields: Any) -> Saved[R]:
    """Validate and save a new record of kind ``cls``. Raises InvalidRecord naming the bad field.

    A concern is saved by the concern service (with its neglect-reasoning rule).
    """
    if cls is Concern:
        return cast(Saved[R], concerns.save_concern(store, **fields))
    added = store.add(validate(cls, fields))
    return Saved(added, _changes(added))


def amend(store: RecordStore, record_id: uuid.UUID | str, reason: str, **changes: Any) -> Saved[Record]:
    """Amend a record: the previous text is kept with who, when and ``reason``.

    A concern is amended by the concern service (with its neglect-reasoning rule); the kinds in
    :data:`STEP_OWNERS` are refused with a TypeError naming their service (a programming error).
    """
    current = store.get(record_id)
    if isinstance(current, Concern):
        return concerns.save_concern_amendment(store, current.id, reason, **changes)
    owner = STEP_OWNERS.get(current.KIND)
    if owner is not None:
        raise TypeError(f"{current.KIND} records are changed only through {owner}, which applies their rules")
    amended = store.amend(current.id, changes, reason)
    return Saved(amended, _changes(amended))
