"""Learning library, learning cards, supervision, CPD and the child's voice: the UI's path to the services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from dslapp.export.common import ExportResult
from dslapp.guidance.learning_cards import LearningCard
from dslapp.guidance.prompts import Prompt
from dslapp.models import Child, CpdRecord, LearningNote, Record, SupervisionNote
from dslapp.services import child_voice, learning, supervision
from dslapp.services import learning_cards as card_service
from dslapp.services.casebook import Casebook
from dslapp.services.child_voice import VoiceEntry
from dslapp.services.supervision import SessionAction
from ui.operations.results import Wrote
from ui.operations.session import Session

WATCHED_KINDS = (LearningNote.KIND, SupervisionNote.KIND, CpdRecord.KIND, Child.KIND)


@dataclass(frozen=True)
class Library:
    entries: list[LearningNote]
    tags: list[str]


def load_library(session: Session, text: str, tag: str, on_done: Callable[[Library], None], **kw: Any) -> None:
    def work(store: Casebook) -> Library:
        entries = learning.search_entries(store, text) if text.strip() else learning.list_entries(store)
        if tag:
            entries = [e for e in entries if tag.casefold() in (t.casefold() for t in e.tags)]
        return Library(entries, learning.all_tags(store))

    session.run(work, on_done, **kw)


def save_entry(
    session: Session,
    entry_id: str,
    fields: dict[str, Any],
    reason: str,
    on_done: Wrote[LearningNote],
    **kw: Any,
) -> None:
    """Add an entry (``entry_id`` empty) or amend one with ``reason``."""
    if entry_id:
        session.write(lambda store: learning.edit_entry(store, entry_id, reason, **fields), on_done, **kw)
    else:
        session.write(lambda store: learning.add_entry(store, **fields), on_done, **kw)


@dataclass(frozen=True)
class SupervisionData:
    sessions: list[SupervisionNote]
    names: dict[str, str]
    children: list[tuple[str, str]]
    """(id, name) of every open child, for linking a session."""
    actions: list[SessionAction]
    cpd: list[CpdRecord]
    current_cpd: list[CpdRecord]


def load_supervision(session: Session, on_done: Callable[[SupervisionData], None], **kw: Any) -> None:
    def work(store: Casebook) -> SupervisionData:
        kids = store.all_of(Child)
        names = {str(c.id): c.display_name for c in kids}
        return SupervisionData(
            supervision.sessions(store),
            names,
            sorted(names.items(), key=lambda kv: kv[1]),
            supervision.open_actions(store),
            supervision.cpd_log(store),
            supervision.current_cpd(store),
        )

    session.run(work, on_done, **kw)


def record_session(session: Session, fields: dict[str, Any], on_done: Wrote[SupervisionNote], **kw: Any) -> None:
    session.write(lambda store: supervision.record_session(store, **fields), on_done, **kw)


def complete_action(session: Session, note_id: str, index: int, on: date, **kw: Any) -> None:
    session.write(lambda store: supervision.complete_action(store, note_id, index, on), **kw)


def record_cpd(session: Session, fields: dict[str, Any], on_done: Wrote[CpdRecord], **kw: Any) -> None:
    session.write(lambda store: supervision.record_cpd(store, **fields), on_done, **kw)


def export_session_pdf(
    session: Session, note_id: str, out: Path, on_done: Callable[[ExportResult], None], **kw: Any
) -> None:
    from dslapp.services.documents import export_supervision_pdf

    session.run(lambda store: export_supervision_pdf(store, note_id, out), on_done, **kw)


def academic_year(on: date) -> tuple[date, date]:
    """The school year (1 September to 31 August) that ``on`` falls in."""
    start = date(on.year if on.month >= 9 else on.year - 1, 9, 1)
    return start, date(start.year + 1, 8, 31)


def export_governors_pdf(
    session: Session, start: date, end: date, out: Path, on_done: Callable[[ExportResult], None], **kw: Any
) -> None:
    from dslapp.services.governors import export_governors_pdf as export

    session.run(lambda store: export(store, start, end, out), on_done, **kw)


def load_child_supervision(
    session: Session, child_id: str, on_done: Callable[[list[SupervisionNote]], None], **kw: Any
) -> None:
    session.run(lambda store: supervision.supervision_notes_for_child(store, child_id), on_done, **kw)


@dataclass(frozen=True)
class ChildVoice:
    entries: list[VoiceEntry]
    last: date | None
    prompt: Prompt | None
    complete: bool = True
    """False when only the newest were read (the record's first paint): the panel reads the rest when asked."""


def load_child_voice(
    session: Session, child_id: str, on: date, on_done: Callable[[ChildVoice], None], **kw: Any
) -> None:
    def work(store: Casebook) -> ChildVoice:
        last, prompt = child_voice.voice_check(store, child_id, on)
        return ChildVoice(child_voice.child_voice(store, child_id), last, prompt)

    session.run(work, on_done, **kw)


def cards_for_decision(
    session: Session, record: Record, event: str, on: date, on_done: Wrote[list[LearningCard]], **kw: Any
) -> None:
    """Cards to show for ``record`` at ``event`` (each remembered, so shown once)."""
    session.write(lambda store: card_service.cards_to_show(store, record, event, on), on_done, **kw)


def dismiss_card(session: Session, card: LearningCard, **kw: Any) -> None:
    session.write(lambda store: card_service.dismiss_card(store, card), **kw)
