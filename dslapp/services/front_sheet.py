"""A child's record as it first paints: the front sheet (the child, the people and professionals, orders, plans,
links), the numbers in the tab titles, and the Overview's two panels (the child's voice, practice alerts with the
latest Levels of Need decision), without reading the thousands of concerns, actions and chronology entries a
long-open file holds (DESIGN §6: open what is seen first; the record tabs read the whole file when opened).

The child's words are read newest first and only as far as the panel shows (``newest_voice``); the practice alerts
come from Today's findings for the child, kept per child (``today.child_alerts``). After a save to the child,
``refresh_front_sheet`` reads only the records written since the sheet was read, so a save costs what changed.
Opening is audited as a view of the child's record; bringing the sheet on screen up to date is not.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from dslapp.errors import RecordNotFound
from dslapp.guidance.alerts import AlertItem
from dslapp.guidance.prompts import Prompt
from dslapp.models import (
    Action,
    Attachment,
    Child,
    ChronologyEntry,
    Concern,
    Record,
    ThresholdDecision,
)
from dslapp.services.child_voice import VoiceEntry, VoiceSource, voice_entries, voice_prompt
from dslapp.services.children import with_records
from dslapp.services.today import child_alerts
from dslapp.store import RecordStore, queries
from dslapp.vault.audit import Action as Audit
from dslapp.views.child_file import ChildFile, RecordCounts

LEFT_OUT: tuple[type[Record], ...] = (Concern, Action, ChronologyEntry)
"""The kinds a long-open file holds thousands of: not read for the front sheet (the newest concerns are read for
the child's words)."""


@dataclass(frozen=True)
class OverviewPanels:
    """What the Overview shows beside the front sheet: the child's own words (newest first) with when they were
    last recorded and the prompt if that is too long ago, and the practice alerts with the latest threshold
    decision."""

    voice: list[VoiceEntry]
    """The newest :data:`VOICE_FIRST` (or more, with every entry of the last day shown)."""
    voice_last: date | None
    voice_prompt: Prompt | None
    alerts: list[AlertItem]
    threshold: ThresholdDecision | None
    voice_complete: bool = True
    """False when older words were not read (the panel offers to show them all)."""


@dataclass(frozen=True)
class FrontSheet:
    file: ChildFile
    """The child's file without its concerns, actions and chronology entries (see ``LEFT_OUT``)."""
    counts: RecordCounts
    panels: OverviewPanels
    generation: int
    """The store's write count when this was read (a refresh reads only what was written since)."""


VOICE_FIRST = 50
"""The child's words shown when the record opens: the newest (the panel reads the rest when asked)."""


def newest_voice(store: RecordStore, file: ChildFile, on: date) -> tuple[list[VoiceEntry], date | None, bool]:
    """The newest :data:`VOICE_FIRST` times the child's words were recorded (every one of the last day shown), the
    last day up to ``on`` they were, and whether that is all of them: reading the child's concerns newest first
    and stopping there, rather than every concern of a file open for years."""
    others = voice_entries([*file.early_help_plans, *file.early_help_reviews, *file.referrals])
    words: list[VoiceEntry] = []
    complete = True
    for record_id, body in store.newest_bodies(Concern.KIND, file.child.id):
        data = json.loads(body)
        said = str(data.get("child_words") or "")
        if not said.strip():
            continue
        day = datetime.fromisoformat(data["observed_at"]).date()
        if len(words) >= VOICE_FIRST and day < words[-1].on and any(e.on <= on for e in words):
            complete = False  # older than every word shown, and the last recorded day is known
            break
        words.append(VoiceEntry(day, VoiceSource.CONCERN, record_id, said))
    voice = sorted([*words, *others], key=lambda e: e.on, reverse=True)
    days = [e.on for e in voice if e.on <= on]
    shown = voice if complete else [e for e in voice if e.on >= words[-1].on]
    return shown, max(days) if days else None, complete


def overview_panels(store: RecordStore, file: ChildFile, on: date) -> OverviewPanels:
    """The Overview's panels: the child's newest words (``newest_voice``) and the practice alerts as
    ``practice_alerts`` gives them, from Today's findings for the child (``today.child_alerts``)."""
    child = file.child
    voice, last, complete = newest_voice(store, file, on)
    alerts = child_alerts(store, child.id, on)
    decisions = file.threshold_decisions
    threshold = max(decisions, key=lambda d: (d.decided_on, d.created_at)) if decisions else None
    prompt = voice_prompt(last, on, child.known_as or child.legal_forename)
    return OverviewPanels(voice, last, prompt, alerts, threshold, complete)


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
    if audit:
        store.vault.audit(Audit.VIEW, str(child.id), "child record")
    return FrontSheet(file, record_counts(store, child.id), overview_panels(store, file, on), generation)


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
    file = updated(front.file, records)
    return FrontSheet(file, record_counts(store, child_id), overview_panels(store, file, on), generation)


def updated(file: ChildFile, records: Iterable[Record]) -> ChildFile:
    """The front sheet with ``records`` (new versions, or new ones) in place (pure); concerns, actions and chronology
    entries stay out of it."""
    return with_records(file, (r for r in records if not isinstance(r, LEFT_OUT)))
