"""The chronology tab's work on the DB worker: building the chronology (with its summary, quality hints and
timeline), adding and re-wording entries, and exporting / printing PDFs (chronology, MASH enquiry,
referral pack) with progress that the UI can cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from dslapp.errors import CasebookError
from dslapp.guidance.chronology_quality import Hint, QualityConfig, get_config
from dslapp.models import Category, ChronologyEntry, Record
from dslapp.services import recording
from dslapp.services.casebook import Casebook
from dslapp.services.children import ChildFile
from dslapp.services.chronology import (
    Chronology,
    ChronologyRow,
    ChronologySummary,
    chronology_summary,
    curate_row,
    kept_chronology,
    row_keys,
)
from dslapp.services.timeline import TimelineEvent, events_of
from ui.operations.record_detail import RowDetail, read_row_detail
from ui.operations.results import Wrote
from ui.operations.runner import Done, Failed
from ui.operations.session import Session


@dataclass(frozen=True)
class Filters:
    since: date | None = None
    until: date | None = None
    categories: frozenset[Category] | None = None
    source: str = ""
    significant_only: bool = True

    def kwargs(self) -> dict[str, Any]:
        return {
            "since": self.since,
            "until": self.until,
            "categories": self.categories,
            "source": self.source.strip() or None,
            "significant_only": self.significant_only,
        }


@dataclass(frozen=True)
class ChronologyView:
    """Everything the chronology tab shows, built in one job (the summary when first asked for)."""

    chronology: Chronology
    hints: dict[str, list[Hint]] = field(default_factory=dict)
    """The hints of the rows shown, by row key (only rows that have any)."""
    events: tuple[TimelineEvent, ...] = ()
    filters: Filters = Filters()
    config: QualityConfig | None = None
    """The quality settings the hints were checked against."""
    first: tuple[str, RowDetail] | None = None
    """The key of the row to select first (the one asked for, else the oldest) and what the side panel shows of
    it, read in the same job: the tab paints whole once, not a second time when a second job brings the panel."""

    @cached_property
    def summary(self) -> ChronologySummary:
        """Counts by category per quarter (made when the Summary pane is first seen, not for every view)."""
        return chronology_summary(self.chronology)

    @cached_property
    def _positions(self) -> dict[str, int]:
        """Each shown row's place by its key (made once per view: the job and the tab both ask)."""
        positions: dict[str, int] = {}
        for number, key in enumerate(row_keys(self.chronology.rows)):
            positions.setdefault(key, number)  # the first, as list.index gave
        return positions

    def position_of(self, key: str) -> int | None:
        """Where the row with ``key`` is among the rows shown (None when it is not shown)."""
        return self._positions.get(key)


def load_chronology(
    session: Session,
    child_id: str,
    child_file: ChildFile | None,
    filters: Filters,
    on_done: Callable[[ChronologyView], None],
    *,
    before: ChronologyView | None = None,
    select: str = "",
    **kw: Any,
) -> None:
    """Build the chronology tab's view in one job, from the chronology kept in the vault (its rows and their wording
    hints are read as kept, or brought up to date, never built from every record unless they must be), with the
    side panel's records of the row to select (``select``, a row key, when it is shown; else the first row).

    ``child_file`` and ``before`` are no longer needed (the kept chronology is cheaper to read than either is to
    use); they are still taken, so callers need not change."""

    def work(store: Casebook) -> ChronologyView:
        config = get_config()
        kept = kept_chronology(store, child_id, quality=config)
        chronology = kept.chronology(**filters.kwargs())
        rows = chronology.rows
        view = ChronologyView(chronology, kept.hints_of(rows), events_of(rows), filters, config)
        if not rows:
            return view
        row = rows[(view.position_of(select) if select else None) or 0]
        try:
            return replace(view, first=(row.key, read_row_detail(store, row.record_id, row.entry_id)))
        except CasebookError:  # the panel reads it again in a job of its own, as for any row
            return view

    session.run(work, on_done, **kw)


def add_entry(
    session: Session, child_id: str, fields: dict[str, Any], on_done: Wrote[ChronologyEntry], on_error: Failed
) -> None:
    """A manual entry (an event from another agency, or from before the child joined)."""
    session.write(
        lambda store: recording.record(store, ChronologyEntry, child_id=child_id, **fields), on_done, on_error
    )


def curate(
    session: Session,
    child_id: str,
    row: ChronologyRow,
    wording: dict[str, Any],
    on_done: Wrote[ChronologyEntry],
    on_error: Failed,
) -> None:
    """Give a built row the DSL's own wording (the source record is left as it is)."""
    session.write(lambda store: curate_row(store, child_id, row, **wording), on_done, on_error)


def amend_entry(
    session: Session, entry_id: str, reason: str, changes: dict[str, Any], on_done: Wrote[Record], on_error: Failed
) -> None:
    """Amend a chronology entry: the original wording is kept with who, when and why."""
    session.write(lambda store: recording.amend(store, entry_id, reason, **changes), on_done, on_error)


# ---- exports ---------------------------------------------------------------------------------------


class ExportProgress(QObject):
    """Carries ``progress(done, total)`` from the worker to the GUI thread; ``cancel()`` stops the export."""

    advanced = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def __call__(self, done: int, total: int) -> bool:  # runs on the worker
        self.advanced.emit(done, total)
        return not self._cancel.is_set()


Exporter = Callable[[Session, Path, "str | None", ExportProgress, Done, Failed], None]


def export_chronology(
    child_id: str, filters: Filters | None = None
) -> Callable[[Session, Path, str | None, ExportProgress, Done, Failed], None]:
    def start(
        session: Session, out: Path, password: str | None, progress: ExportProgress, on_done: Done, on_error: Failed
    ) -> None:
        from dslapp.services.documents import export_chronology_pdf

        chosen = filters or Filters()
        session.run(
            lambda store: export_chronology_pdf(
                store,
                child_id,
                out,
                password=password,
                since=chosen.since,
                until=chosen.until,
                categories=sorted(chosen.categories) if chosen.categories is not None else None,
                source=chosen.source.strip() or None,
                progress=progress,
            ),
            on_done,
            on_error,
        )

    return start


def export_mash(child_id: str, referral_id: str | None = None) -> Exporter:
    def start(
        session: Session, out: Path, password: str | None, progress: ExportProgress, on_done: Done, on_error: Failed
    ) -> None:
        from dslapp.services.documents import export_mash_pdf

        session.run(
            lambda store: export_mash_pdf(store, referral_id or child_id, out, password=password, progress=progress),
            on_done,
            on_error,
        )

    return start


def export_pack(child_id: str) -> Exporter:
    def start(
        session: Session, out: Path, password: str | None, progress: ExportProgress, on_done: Done, on_error: Failed
    ) -> None:
        from dslapp.services.documents import export_referral_pack

        session.run(
            lambda store: export_referral_pack(store, child_id, out, password=password, progress=progress),
            on_done,
            on_error,
        )

    return start


def record_print(session: Session, child_id: str, entries: int, on_done: Done | None = None) -> None:
    from dslapp.services.documents import record_chronology_print as audit_print

    session.run(lambda store: audit_print(store, child_id, entries), on_done)
