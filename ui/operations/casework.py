"""Reading and recording casework: Today, the caseload, a child's file, concerns, actions and drafts."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from dslapp.export.common import ExportResult
from dslapp.models import Action, Child, Concern, Record, StaffReportTriage
from dslapp.models.base import Amendment
from dslapp.models.supervision import SupervisionNote
from dslapp.services import (
    attachments,
    bundle,
    casebook,
    concerns,
    documents,
    family,
    front_sheet,
    recording,
    staff_reports,
    supervision,
    ui_support,
)
from dslapp.services import children as children_service
from dslapp.services import drafts as draft_service
from dslapp.services import today as today_service
from dslapp.services.casebook import Casebook, SearchHit
from dslapp.services.children import ChildFile, ChildSummary, list_children, open_child_file, refresh_child_file
from dslapp.services.drafts import Draft
from dslapp.services.family import ChildHousehold
from dslapp.services.front_sheet import FrontSheet
from dslapp.services.today import TodayItem
from dslapp.services.ui_support import CaseloadRow, HistoryItem
from ui.operations.results import Saved, Wrote
from ui.operations.runner import Done, Failed
from ui.operations.session import Session

CONCERN_DRAFT = "concern"


def load_today(session: Session, on: date, on_done: Callable[[dict[str, list[TodayItem]]], None], **kw: Any) -> None:
    session.run(lambda store: today_service.today(store, on), on_done, **kw)


def load_caseload(
    session: Session, on: date, on_done: Callable[[list[CaseloadRow]], None], *, audit: bool = True, **kw: Any
) -> None:
    session.run(lambda store: ui_support.caseload(store, on, audit=audit), on_done, **kw)


def search(session: Session, text: str, on_done: Callable[[list[SearchHit]], None], **kw: Any) -> None:
    session.run(lambda store: store.search(text, limit=500), on_done, **kw)


@dataclass(frozen=True)
class OpenedChild:
    """A child's whole file as the record tabs show it (read in one job, when a record tab is first opened)."""

    file: ChildFile
    history: list[HistoryItem]
    amended: dict[str, list[Amendment]]
    generation: int = -1
    """The store's write count when this was read (``refresh_record`` reads only what was written since)."""


@dataclass(frozen=True)
class Refreshed:
    """The record on screen brought up to date: its front sheet, and its whole file if that had been read."""

    front: FrontSheet
    opened: OpenedChild | None


@dataclass(frozen=True)
class OpenedFront:
    """The record as it first paints, read in one job: the front sheet, and what the Overview's household and
    supervision notes cards show."""

    front: FrontSheet
    household: ChildHousehold
    supervision_notes: list[SupervisionNote]


def open_front(
    session: Session, child_id: str, on: date, on_done: Callable[[OpenedFront], None], *, audit: bool = True, **kw: Any
) -> None:
    """Open (and audit the viewing of) a child's record as it first paints: the front sheet, the tab counts and
    the Overview's panels, without the concerns, actions and chronology entries, with the child's household and
    supervision notes (one job, so the Overview paints whole). ``audit=False`` when the record already shown is
    read again because of the user's own change to it: no new viewing."""

    def work(store: Casebook) -> OpenedFront:
        front = front_sheet.read_front_sheet(store, child_id, on, audit=audit)
        household = family.household_for_child(store, child_id, on)
        return OpenedFront(front, household, supervision.supervision_notes_for_child(store, child_id))

    session.run(work, on_done, **kw)


def open_child(
    session: Session, child_id: str, on_done: Callable[[OpenedChild], None], *, audit: bool = True, **kw: Any
) -> None:
    """Read a child's whole file with its history (audited as a view unless ``audit`` is False: the record tabs of
    a record whose opening ``open_front`` has audited)."""

    def work(store: Casebook) -> OpenedChild:
        generation = store.generation
        child_file = open_child_file(store, child_id, audit=audit)
        history = ui_support.child_history(store, child_id)
        amended_ids = {h.object_id for h in history if h.action == "amend"}
        amended = {rid: store.amendments(rid) for rid in amended_ids}
        return OpenedChild(child_file, history, amended, generation)

    session.run(work, on_done, **kw)


def _refreshed_file(store: Casebook, opened: OpenedChild) -> OpenedChild:
    child_id = str(opened.file.child.id)
    generation = store.generation
    fresh = refresh_child_file(store, opened.file, opened.generation)
    if fresh is None:
        fresh = open_child_file(store, child_id, audit=False)
    history = ui_support.child_history(store, child_id)
    written = store.touched_records.get(child_id, {})
    amended = {
        h.object_id: (
            store.amendments(h.object_id)
            if written.get(h.object_id, -1) > opened.generation or h.object_id not in opened.amended
            else opened.amended[h.object_id]
        )
        for h in history
        if h.action == "amend"
    }
    return OpenedChild(fresh, history, amended, generation)


def refresh_record(
    session: Session,
    front: FrontSheet,
    opened: OpenedChild | None,
    on: date,
    on_done: Callable[[Refreshed], None],
    **kw: Any,
) -> None:
    """The record already on screen brought up to date after a change to it, reading only the records written
    since it was read (one job; no new viewing is audited): the front sheet and panels, and the whole file when
    a record tab has read it. Falls back to reading them whole when it must."""

    def work(store: Casebook) -> Refreshed:
        fresh = front_sheet.refresh_front_sheet(store, front, on)
        return Refreshed(fresh, _refreshed_file(store, opened) if opened is not None else None)

    session.run(work, on_done, **kw)


def record_concern(
    session: Session,
    fields: dict[str, Any],
    actions: Sequence[dict[str, Any]],
    draft_id: str | None,
    on_done: Wrote[Concern],
    on_error: Failed,
    *,
    on: date | None = None,
    original: Path | None = None,
) -> None:
    """Save a concern in one write job. With ``on``, the learning cards for the decision come back in the same job
    (``Saved.cards``); with ``original``, the scan of the paper form is attached as the concern's original in the
    same transaction. The dialog shows no prompts after saving (the neglect learning is in the decision box while
    typing, the pattern on Today and the child's file), so none are computed here."""
    work: Callable[[Casebook], Saved[Concern]]
    if original is not None:
        scan = original
        work = lambda store: attachments.save_concern_with_original(  # noqa: E731
            store, scan, on=on, actions=actions, draft_id=draft_id, **fields
        )
    elif on is None:
        work = lambda store: concerns.save_concern(store, actions=actions, draft_id=draft_id, **fields)  # noqa: E731
    else:
        day = on
        work = lambda store: concerns.save_concern_with_cards(  # noqa: E731
            store, on=day, actions=actions, draft_id=draft_id, **fields
        )
    session.write(work, on_done, on_error)


def load_concerns(session: Session, child_id: str, on_done: Callable[[list[Concern]], None], **kw: Any) -> None:
    """The child's concerns, oldest first (for a dialog opened before the record's tabs read the whole file)."""
    session.run(lambda store: store.for_child(child_id, Concern), on_done, **kw)


def load_neglect_history(
    session: Session, child_id: str, on_done: Callable[[concerns.NeglectHistory], None], **kw: Any
) -> None:
    """The child's concerns for the decision box, which shows the neglect pattern before saving."""
    session.run(lambda store: concerns.neglect_history(store, child_id), on_done, **kw)


def amend_concern(
    session: Session, concern_id: str, reason: str, changes: dict[str, Any], on_done: Wrote[Concern], on_error: Failed
) -> None:
    """Amend a concern through the concern service, which applies the neglect-reasoning rule."""
    session.write(
        lambda store: concerns.save_concern_amendment(store, concern_id, reason, **changes), on_done, on_error
    )


def mark_action_done(
    session: Session, action: Action, on: date, reason: str, on_done: Wrote[Record], on_error: Failed
) -> None:
    session.write(lambda store: recording.amend(store, action.id, reason, done_on=on.isoformat()), on_done, on_error)


def amendments(session: Session, record_id: str, on_done: Callable[[list[Amendment]], None]) -> None:
    session.run(lambda store: store.amendments(record_id), on_done)


def get_record(session: Session, record_id: str, on_done: Callable[[Record], None], on_error: Failed) -> None:
    session.run(lambda store: store.get(record_id), on_done, on_error)


# ---- drafts ----------------------------------------------------------------------------------------


def save_draft(
    session: Session,
    data: dict[str, Any],
    child_id: str | None,
    draft_id: str,
    on_done: Done | None = None,
    on_error: Failed | None = None,
) -> None:
    session.run(
        lambda store: draft_service.save_draft(store, CONCERN_DRAFT, data, child_id=child_id, draft_id=draft_id),
        on_done,
        on_error or (lambda _e: None),
    )


def list_drafts(session: Session, on_done: Callable[[list[Draft]], None]) -> None:
    session.run(lambda store: draft_service.list_drafts(store, CONCERN_DRAFT), on_done)


def discard_draft(session: Session, draft_id: str, on_done: Done | None = None) -> None:
    session.run(lambda store: draft_service.discard_draft(store, draft_id), on_done)


def new_draft_id() -> str:
    return str(uuid.uuid4())


def load_followable_referrals(
    session: Session, child_id: str, on_done: Callable[[list[tuple[str, str]]], None], **kw: Any
) -> None:
    """The child's sent referrals a new concern can be linked to (id, label), newest first."""
    session.run(lambda store: concerns.followable_referrals(store, child_id), on_done, **kw)


def load_children(session: Session, on_done: Callable[[list[ChildSummary]], None], **kw: Any) -> None:
    session.run(list_children, on_done, **kw)


def add_child(session: Session, fields: dict[str, Any], on_done: Wrote[Child], on_error: Failed) -> None:
    session.write(lambda store: children_service.add_child(store, **fields), on_done, on_error)


def export_bundle(
    session: Session, passphrase: str, child_id: str, out: Path, on_done: Done, on_error: Failed, *, owner: QObject
) -> None:
    """A child's case bundle (plain JSON) after the passphrase is re-entered; audited by the core."""

    def work(store: Casebook) -> Path:
        casebook.confirm_passphrase(store, passphrase)
        bundle.export_bundle(store, child_id, out)
        return out

    session.run(work, on_done, on_error, owner=owner)


# ---- concerns from staff (issue 19) ---------------------------------------------------------------------------


def open_staff_report(session: Session, record_id: str, on_done: Callable[[StaffInbox], None], **kw: Any) -> None:
    """A concern from staff, with the children it could be matched to (audited as a view)."""

    def work(store: Casebook) -> StaffInbox:
        item = staff_reports.open_staff_report(store, record_id)
        return StaffInbox(item, list_children(store, include_closed=False))

    session.run(work, on_done, **kw)


@dataclass(frozen=True)
class StaffInbox:
    item: staff_reports.InboxItem
    children: list[ChildSummary]


def triage_staff_report(
    session: Session,
    record_id: str,
    fields: dict[str, Any],
    on_done: Wrote[StaffReportTriage],
    on_error: Failed,
    **kw: Any,
) -> None:
    session.write(lambda store: staff_reports.triage(store, record_id, **fields), on_done, on_error, **kw)


# ---- the blank concern form for staff (no case data) --------------------------------------------------


def blank_form_bytes(session: Session, on_done: Callable[[bytes], None], on_error: Failed, **kw: Any) -> None:
    """The school's blank concern form as PDF bytes, for the print preview (never written to disk)."""
    session.run(documents.blank_concern_form_bytes, on_done, on_error, **kw)


def record_blank_form_print(session: Session, on_done: Done | None = None) -> None:
    session.run(documents.record_blank_form_print, on_done)


def export_blank_form(
    session: Session, out: Path, on_done: Callable[[ExportResult], None], on_error: Failed, **kw: Any
) -> None:
    """Write the blank concern form to ``out`` (audited as an export; no passphrase again: no case data)."""
    session.run(lambda store: documents.export_blank_concern_form(store, out), on_done, on_error, **kw)
