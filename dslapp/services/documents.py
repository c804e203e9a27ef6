"""Documents leaving the casebook: load what a document needs, have ``dslapp.export`` draw it, then the one
export tail (password → AES-256 → written privately → audited → result), and audits for prints.

The document builders in ``dslapp.export`` are pure (view models in, PDF bytes out); everything that touches
the vault or the disk is here.
"""

from __future__ import annotations

import time as clock
import uuid
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from dslapp.export.chronology_pdf import render_chronology_pages
from dslapp.export.common import ExportResult, Progress, check_progress
from dslapp.export.protect import check_password, encrypt_pdf
from dslapp.models import Category
from dslapp.services.bundle import write_user_file
from dslapp.services.chronology import build_chronology
from dslapp.store import RecordStore
from dslapp.vault.audit import Action


def deliver_pdf(
    store: RecordStore,
    data: bytes,
    out: Path,
    *,
    password: str | None,
    object_id: str,
    what: str,
    pages: int,
    entries: int = 0,
    started: float | None = None,
) -> ExportResult:
    """The one export tail: encrypt with ``password`` (AES-256) if given, write ``out`` privately and atomically,
    audit the export of ``object_id`` (``what`` says what it was, never case text), and say what was written."""
    begun = clock.perf_counter() if started is None else started
    if password is not None:
        data = encrypt_pdf(data, password)
    write_user_file(out, data)
    protection = "password-protected" if password is not None else "not password-protected"
    store.vault.audit(Action.EXPORT, object_id, f"{what}, {pages} pages, {protection}")
    return ExportResult(
        path=out,
        entries=entries,
        pages=pages,
        size=len(data),
        encrypted=password is not None,
        seconds=clock.perf_counter() - begun,
    )


def record_print(store: RecordStore, object_id: str, what: str) -> None:
    """Audit a printed document (the app calls this when its print dialog is accepted)."""
    store.vault.audit(Action.PRINT, object_id, what)


# ---- the chronology ----------------------------------------------------------------------------------------


def export_chronology_pdf(
    store: RecordStore,
    child_id: uuid.UUID | str,
    out: Path,
    *,
    password: str | None = None,
    since: date | None = None,
    until: date | None = None,
    categories: Sequence[Category] | None = None,
    source: str | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Export a child's chronology (significant entries, oldest first) to ``out`` as a PDF.

    With ``password`` the file is AES-256 encrypted (it opens only with that password); without, it is
    unencrypted and the caller should have warned the user. ``progress(done, total)`` is called as entries
    are drawn; returning False raises ``ExportCancelled`` and nothing is written or audited. A path that
    cannot be written raises ``CannotWriteFile``; a password under 8 characters ``WeakPdfPassword``
    (checked before any work). A successful export is audited as ``export`` of the child.
    """
    started = clock.perf_counter()
    if password is not None:
        check_password(password)
    chronology = build_chronology(store, child_id, since=since, until=until, categories=categories, source=source)
    total = len(chronology.rows) + 1
    check_progress(progress, 0, total)
    data, pages = render_chronology_pages(
        chronology,
        store.vault.user.label,
        store.vault.now(),
        school=store.vault.school,
        progress=(lambda done, _total: progress(done, total)) if progress is not None else None,
    )
    check_progress(progress, total, total)
    return deliver_pdf(
        store,
        data,
        out,
        password=password,
        object_id=str(chronology.child.id),
        what=f"chronology PDF: {len(chronology.rows)} entries",
        pages=pages,
        entries=len(chronology.rows),
        started=started,
    )


def record_chronology_print(store: RecordStore, child_id: uuid.UUID | str, entries: int) -> None:
    """Audit a printed chronology."""
    record_print(store, str(child_id), f"chronology: {entries} entries")
