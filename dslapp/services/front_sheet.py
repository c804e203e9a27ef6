"""A child's record as it first paints: the front sheet (the child, the people and professionals, orders, plans,
links), the numbers in the tab titles, and the Overview's two panels (the child's voice, practice alerts with the
latest Levels of Need decision), without reading the thousands of concerns, actions and chronology entries a
long-open file holds (DESIGN §6: open what is seen first; the record tabs read the whole file when opened).

After a save to the child, ``refresh_front_sheet`` reads only the records written since the sheet was read and
recomputes the panels from what it holds (``overview_panels`` is pure), so a save costs what changed. Opening is
audited as a view of the child's record; bringing the sheet on screen up to date is not.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dslapp.errors import RecordNotFound
from dslapp.guidance.alerts import AlertItem, CaseRecords, ConcernFacts, alerts_for_cases, history_days, sort_into
from dslapp.guidance.config import GuidanceConfig, resolve
from dslapp.guidance.prompts import Prompt
from dslapp.models import (
    Action,
    AlertAcknowledgement,
    Attachment,
    Child,
    ChronologyEntry,
    Concern,
    DslDecision,
    EarlyHelpPlan,
    EarlyHelpReview,
    EncompassNotice,
    Escalation,
    Record,
    Referral,
    StatutoryRecord,
    ThresholdDecision,
)
from dslapp.services.alerts import acknowledged, concern_facts
from dslapp.services.child_voice import VoiceEntry, VoiceSource, voice_entries, voice_prompt
from dslapp.services.learning import LearningSettings
from dslapp.store import RecordStore, queries
from dslapp.vault.audit import Action as Audit
from dslapp.views.child_file import ChildFile, RecordCounts

LEFT_OUT: tuple[type[Record], ...] = (Concern, Action, ChronologyEntry)
"""The kinds a long-open file holds thousands of: not read for the front sheet (concerns are read as facts)."""
_RULE_KINDS = (
    Referral,
    EarlyHelpPlan,
    EarlyHelpReview,
    Escalation,
    AlertAcknowledgement,
    StatutoryRecord,
    EncompassNotice,
)


@dataclass(frozen=True)
class OverviewPanels:
    """What the Overview shows beside the front sheet: the child's own words (newest first) with when they were
    last recorded and the prompt if that is too long ago, and the practice alerts with the latest threshold
    decision."""

    voice: list[VoiceEntry]
    voice_last: date | None
    voice_prompt: Prompt | None
    alerts: list[AlertItem]
    threshold: ThresholdDecision | None


@dataclass(frozen=True)
class FrontSheet:
    file: ChildFile
    """The child's file without its concerns, actions and chronology entries (see ``LEFT_OUT``)."""
    concerns: tuple[ConcernFacts, ...]
    """Every concern about the child, as the rules read them, in the order they happened."""
    counts: RecordCounts
    panels: OverviewPanels
    generation: int
    """The store's write count when this was read (a refresh reads only what was written since)."""


def _fact_order(facts: ConcernFacts) -> tuple[str, str]:
    return (facts.observed_at.isoformat(), str(facts.id))


def facts_of(concern: Concern) -> ConcernFacts:
    """The fields of ``concern`` the rules read (as ``alerts.concern_facts`` reads them from the stored body)."""
    return ConcernFacts(
        id=concern.id,
        child_id=concern.child_id,
        observed_at=concern.observed_at,
        categories=tuple(concern.categories),
        dsl_decision=concern.dsl_decision or DslDecision.PENDING,
        child_words=concern.child_words or "",
        what_happened=concern.what_happened or "",
    )


def overview_panels(
    file: ChildFile,
    concerns: Sequence[ConcernFacts],
    on: date,
    config: GuidanceConfig | None = None,
    settings: LearningSettings | None = None,
) -> OverviewPanels:
    """The Overview's panels from records already read (pure): the same alerts as ``practice_alerts`` for the
    child and the same voice as ``child_voice``, without reading any concern again."""
    cfg = resolve(config)
    child = file.child
    words = [
        VoiceEntry(f.observed_at.date(), VoiceSource.CONCERN, str(f.id), f.child_words)
        for f in concerns
        if f.child_words.strip()
    ]
    others: list[Record] = [*file.early_help_plans, *file.early_help_reviews, *file.referrals]
    voice = sorted([*words, *voice_entries(others)], key=lambda e: e.on, reverse=True)
    days = [e.on for e in voice if e.on <= on]
    last = max(days) if days else None
    since = on - timedelta(days=history_days(cfg))
    case = CaseRecords(child)
    sort_into(case, (f for f in concerns if since <= f.observed_at.date() <= on))
    sort_into(case, (r for r in file.records() if isinstance(r, _RULE_KINDS)))
    alerts = acknowledged(alerts_for_cases([case], on, cfg), file.alert_acknowledgements, on)
    decisions = file.threshold_decisions
    threshold = max(decisions, key=lambda d: (d.decided_on, d.created_at)) if decisions else None
    return OverviewPanels(
        voice, last, voice_prompt(last, on, child.known_as or child.legal_forename, settings), alerts, threshold
    )


def record_counts(store: RecordStore, child_id: uuid.UUID | str) -> RecordCounts:
    """The numbers in the record's tab titles, counted by the database (a few index lookups)."""
    child = str(child_id)
    return RecordCounts.of_kinds(
        queries.kind_counts(store.db, child),
        queries.open_action_counts(store.db, child).get(child, 0),
        queries.flagged_count(store.db, child, Attachment.KIND, "withdrawn"),
    )


def read_front_sheet(store: RecordStore, child_id: uuid.UUID | str, on: date, *, audit: bool = True) -> FrontSheet:
    """Open the child's record as it first paints (audited as a view of the child's record unless ``audit`` is
    False: the record already on screen, read again after the user's own change)."""
    generation = store.generation
    child = store.get_as(Child, child_id)
    file = ChildFile(child=child)
    for record in store.for_child_except(child.id, *LEFT_OUT):
        attr = ChildFile.SECTIONS.get(record.KIND)
        if attr:
            getattr(file, attr).append(record)
    facts = tuple(sorted(concern_facts(store, date.min, date.max, child_id=child.id), key=_fact_order))
    if audit:
        store.vault.audit(Audit.VIEW, str(child.id), "child record")
    return FrontSheet(file, facts, record_counts(store, child.id), overview_panels(file, facts, on), generation)


def refresh_front_sheet(store: RecordStore, front: FrontSheet, on: date) -> FrontSheet:
    """``front`` as it stands now, reading again only the records written since it was read (not audited); read
    whole when it must be (a disposal, say)."""
    child_id = str(front.file.child.id)
    generation = store.generation
    written = store.touched_records.get(child_id, {})
    if store.touched.get(child_id, -1) > max(written.values(), default=-1):
        return read_front_sheet(store, child_id, on, audit=False)
    changed = [record_id for record_id, at in written.items() if at > front.generation]
    if not changed:
        return front
    try:
        records = [store.get(record_id) for record_id in changed]
    except RecordNotFound:
        return read_front_sheet(store, child_id, on, audit=False)
    file, facts = updated(front.file, front.concerns, records)
    return FrontSheet(file, facts, record_counts(store, child_id), overview_panels(file, facts, on), generation)


def updated(
    file: ChildFile, concerns: Sequence[ConcernFacts], records: Iterable[Record]
) -> tuple[ChildFile, tuple[ConcernFacts, ...]]:
    """The front sheet and concern facts with ``records`` (new versions, or new ones) in place (pure)."""
    sections = set(ChildFile.SECTIONS.values())
    fresh = ChildFile(child=file.child, **{attr: list(getattr(file, attr)) for attr in sections})
    facts = {str(f.id): f for f in concerns}
    touched: set[str] = set()
    for record in records:
        if isinstance(record, Child):
            fresh.child = record
        elif isinstance(record, Concern):
            facts[str(record.id)] = facts_of(record)
        elif not isinstance(record, LEFT_OUT) and (attr := ChildFile.SECTIONS.get(record.KIND)) is not None:
            held: list[Record] = getattr(fresh, attr)
            held[:] = [r for r in held if r.id != record.id]
            held.append(record)
            touched.add(attr)
    for attr in touched:
        getattr(fresh, attr).sort(key=_stored_order)
    return fresh, tuple(sorted(facts.values(), key=_fact_order))


def _stored_order(record: Record) -> tuple[str, str]:
    """The order ``store.for_child`` gives: by the day it happened (none first), then when it was recorded."""
    occurred = record.occurred_on()
    return (occurred.isoformat() if occurred else "", record.created_at.isoformat())
