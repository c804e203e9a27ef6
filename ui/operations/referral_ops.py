"""MASH enquiries from the UI: start, open, autosave, save, mark sent / acknowledged / outcome, disagree,
and export (the enquiry PDF and the referral pack, each saving the editor's autosaved answers first)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from dslapp.models import Escalation, Referral, ReferralOutcome
from dslapp.models.referral import SentVia
from dslapp.services import documents, mash
from dslapp.services.casebook import Casebook
from ui.operations.chronology import Exporter, ExportProgress
from ui.operations.results import Wrote
from ui.operations.runner import Done, Failed
from ui.operations.session import Session


def start_enquiry(session: Session, child_id: str, on_done: Wrote[Referral], on_error: Failed) -> None:
    session.write(lambda store: mash.start_enquiry(store, child_id), on_done, on_error)


def open_enquiry(
    session: Session, referral_id: str, on_done: Callable[[tuple[mash.EnquiryEditor, dict[str, str]]], None], **kw: Any
) -> None:
    """The editor's view of the enquiry, with any suggested answers for questions it leaves empty."""

    def work(store: Casebook) -> tuple[mash.EnquiryEditor, dict[str, str]]:
        editor = mash.open_enquiry(store, referral_id)
        return editor, mash.suggested_answers(store, editor.referral)

    session.run(work, on_done, **kw)


def autosave(
    session: Session,
    referral_id: str,
    fields: dict[str, Any],
    on_done: Callable[[list[mash.Gap]], None] | None = None,
    on_error: Failed | None = None,
) -> None:
    """Keep the unsaved answers (encrypted draft); returns the gaps of the enquiry as now edited."""

    def work(store: Casebook) -> list[mash.Gap]:
        mash.autosave_enquiry(store, referral_id, fields)
        return list(mash.open_enquiry(store, referral_id).gaps)

    session.run(work, on_done, on_error or (lambda _e: None))


def save(
    session: Session,
    referral_id: str,
    fields: dict[str, Any],
    reason: str | None,
    on_done: Wrote[Referral],
    on_error: Failed,
) -> None:
    session.write(lambda store: mash.update_enquiry(store, referral_id, fields, reason=reason), on_done, on_error)


def mark_sent(
    session: Session,
    referral_id: str,
    sent_on: date,
    via: SentVia,
    reference: str,
    on_done: Wrote[Referral],
    on_error: Failed,
) -> None:
    session.write(lambda store: mash.mark_sent(store, referral_id, sent_on, via, reference), on_done, on_error)


def mark_acknowledged(
    session: Session, referral_id: str, on: date, reference: str, on_done: Wrote[Referral], on_error: Failed
) -> None:
    session.write(
        lambda store: mash.mark_acknowledged(store, referral_id, on, reference=reference or None), on_done, on_error
    )


def record_outcome(
    session: Session,
    referral_id: str,
    outcome: ReferralOutcome,
    on: date,
    notes: str,
    reason: str | None,
    on_done: Wrote[Referral],
    on_error: Failed,
) -> None:
    session.write(
        lambda store: mash.record_outcome(store, referral_id, outcome, on, notes, reason=reason), on_done, on_error
    )


def disagree(
    session: Session,
    referral_id: str,
    summary: str,
    with_whom: str,
    on: date,
    on_done: Wrote[Escalation],
    on_error: Failed,
) -> None:
    session.write(
        lambda store: mash.disagree_with_outcome(
            store, referral_id, summary=summary, with_whom=with_whom, raised_on=on
        ),
        on_done,
        on_error,
    )


def _save_pending(store: Casebook, referral_id: str) -> None:
    if mash.pending_edits(store, referral_id):
        mash.update_enquiry(store, referral_id)


def export_enquiry(referral_id: str) -> Exporter:
    def start(
        session: Session, out: Path, password: str | None, progress: ExportProgress, on_done: Done, on_error: Failed
    ) -> None:
        def work(store: Casebook) -> Any:
            _save_pending(store, referral_id)
            return documents.export_mash_pdf(store, referral_id, out, password=password, progress=progress)

        session.run(work, on_done, on_error)

    return start


def export_pack(child_id: str, referral_id: str) -> Exporter:
    def start(
        session: Session, out: Path, password: str | None, progress: ExportProgress, on_done: Done, on_error: Failed
    ) -> None:
        def work(store: Casebook) -> Any:
            _save_pending(store, referral_id)
            return documents.export_referral_pack(
                store, child_id, out, password=password, progress=progress, referral_id=referral_id
            )

        session.run(work, on_done, on_error)

    return start


# ---- printing: the PDF is built in memory on the worker, shown in the print preview, audited if printed --


def enquiry_print_bytes(
    session: Session, referral_id: str, on_done: Callable[[bytes], None], on_error: Failed, **kw: Any
) -> None:
    """The enquiry's PDF as bytes (never written to disk), after saving any autosaved answers."""

    def work(store: Casebook) -> bytes:
        _save_pending(store, referral_id)
        return documents.enquiry_pdf_bytes(store, referral_id)

    session.run(work, on_done, on_error, **kw)


def pack_print_bytes(
    session: Session,
    child_id: str,
    referral_id: str,
    on_done: Callable[[bytes], None],
    on_error: Failed,
    **kw: Any,
) -> None:
    """The referral pack's PDF as bytes (never written to disk), after saving any autosaved answers."""

    def work(store: Casebook) -> bytes:
        _save_pending(store, referral_id)
        return documents.pack_pdf_bytes(store, child_id, referral_id)

    session.run(work, on_done, on_error, **kw)


def record_enquiry_print(session: Session, referral_id: str, on_done: Done | None = None) -> None:
    session.run(lambda store: documents.record_enquiry_print(store, referral_id), on_done)


def record_pack_print(session: Session, child_id: str, pages: int, on_done: Done | None = None) -> None:
    session.run(lambda store: documents.record_pack_print(store, child_id, pages), on_done)
