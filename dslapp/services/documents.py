"""Documents leaving the casebook: load what a document needs, have ``dslapp.export`` draw it, then the one
export tail (password → AES-256 → written privately → audited → result), and audits for prints.

The document builders in ``dslapp.export`` are pure (view models in, PDF bytes out); everything that touches
the vault or the disk is here.
"""

from __future__ import annotations

import time as clock
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dslapp.errors import CasebookError, EnquiryNotOfThisChild, RecordNotFound
from dslapp.export.attached_pages import AttachedFile
from dslapp.export.chronology_pdf import render_chronology_pages
from dslapp.export.common import ExportResult, Progress, check_progress
from dslapp.export.concern_form_pdf import render_blank_concern_form
from dslapp.export.mash_pdf import is_draft_copy, render_mash_pdf
from dslapp.export.pack_pdf import render_referral_pack
from dslapp.export.protect import check_password, encrypt_pdf
from dslapp.export.supervision_pdf import render_supervision_pdf
from dslapp.guidance.config import GuidanceConfig, resolve
from dslapp.models import Category, Child, MediaType, Record, Referral, SupervisionNote
from dslapp.services import attachments, supervision
from dslapp.services.bundle import write_user_file
from dslapp.services.children import ChildFile, open_child_file
from dslapp.services.chronology import Chronology, build_chronology, marks_for
from dslapp.services.mash import (
    Gap,
    completeness,
    current_enquiry_form,
    field_value,
    latest_enquiry,
    printed_enquiry,
)
from dslapp.store import RecordStore, queries
from dslapp.vault.audit import Action
from dslapp.views.concern_form import BlankConcernForm, FormContact, SafeguardingLead
from dslapp.views.mash_enquiry import filled_keys, role_name
from dslapp.views.mash_form import EnquiryForm


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


# ---- a supervision record -------------------------------------------------------------------------------------


def export_supervision_pdf(
    store: RecordStore, note_id: uuid.UUID | str, out: Path, *, password: str | None = None
) -> ExportResult:
    """Export one supervision session to ``out``. Audited as ``export``."""
    started = clock.perf_counter()
    if password is not None:
        check_password(password)
    note = store.get_as(SupervisionNote, note_id)
    data, pages = render_supervision_pdf(
        note,
        supervision.children_discussed(store, note),
        generated_by=store.vault.user.label,
        generated_on=store.vault.now(),
        school=store.vault.school,
    )
    return deliver_pdf(
        store,
        data,
        out,
        password=password,
        object_id=str(note.id),
        what="supervision record PDF",
        pages=pages,
        entries=1,
        started=started,
    )


# ---- the blank concern form for staff ----------------------------------------------------------------------

FORM_CONTACTS = ("front_door", "out_of_hours", "police", "lado")
"""The local contacts the blank concern form prints, in this order (from the school's local contacts)."""
BLANK_FORM_OBJECT = "blank-concern-form"


def blank_concern_form(store: RecordStore, config: GuidanceConfig | None = None) -> BlankConcernForm:
    """The form's content: the school, its DSL and deputies (with the phone and email each last gave on an
    enquiry, where they have), and the local contacts in force. No case data."""
    local = resolve(config).local
    users = sorted(store.vault.users(), key=lambda u: (u.role.strip().casefold() != "dsl", u.name.casefold()))
    leads = []
    for user in users:
        phone, email = queries.referrer_contact(store.db, user.name)
        leads.append(SafeguardingLead(user.name, role_name(user.role), " · ".join(p for p in (phone, email) if p)))
    by_key = {contact.key: contact for contact in local.contacts}
    contacts = tuple(
        FormContact(c.service, c.phone, c.when, c.placeholder) for k in FORM_CONTACTS if (c := by_key.get(k))
    )
    return BlankConcernForm(
        school=store.vault.school,
        leads=tuple(leads),
        contacts=contacts,
        printed_on=store.vault.now(),
        placeholder_note=local.placeholder_note,
    )


def blank_concern_form_bytes(store: RecordStore) -> bytes:
    """The blank form's PDF as bytes, for the print preview (audited only if printed)."""
    return render_blank_concern_form(blank_concern_form(store))[0]


def export_blank_concern_form(store: RecordStore, out: Path) -> ExportResult:
    """Write the school's blank concern form to ``out``. It holds no case data, so it is never encrypted and
    needs no passphrase again; it is still audited as an export."""
    started = clock.perf_counter()
    data, pages = render_blank_concern_form(blank_concern_form(store))
    return deliver_pdf(
        store,
        data,
        out,
        password=None,
        object_id=BLANK_FORM_OBJECT,
        what="blank concern form PDF (no case data)",
        pages=pages,
        started=started,
    )


def record_blank_form_print(store: RecordStore) -> None:
    """Audit a printed blank concern form."""
    record_print(store, BLANK_FORM_OBJECT, "blank concern form (no case data)")


# ---- the MASH enquiry -------------------------------------------------------------------------------------


def find_enquiry(store: RecordStore, referral_or_child_id: uuid.UUID | str) -> Referral:
    """The enquiry with this id, or the child's latest enquiry when given a child's id."""
    record: Record = store.get(referral_or_child_id)
    if isinstance(record, Referral):
        return record
    if isinstance(record, Child):
        found = latest_enquiry(store, record.id)
        if found is None:
            raise RecordNotFound("No MASH enquiry has been started for this child yet. Start one first.")
        return found
    raise RecordNotFound()


def export_mash_pdf(
    store: RecordStore,
    referral_or_child_id: uuid.UUID | str,
    out: Path,
    *,
    password: str | None = None,
    progress: Progress | None = None,
    form: EnquiryForm | None = None,
) -> ExportResult:
    """Export a MASH enquiry (given its id, or a child's id for their latest enquiry) to ``out`` as a PDF.

    Exports what is saved (the editor saves its autosaved answers first). An unsent draft with required
    answers missing is marked DRAFT on every page. With ``password`` the file is AES-256 encrypted; a
    password under 8 characters raises ``WeakPdfPassword`` before any work. Audited as ``export``.
    """
    started = clock.perf_counter()
    if password is not None:
        check_password(password)
    check_progress(progress, 0, 3)
    enquiry = _render_enquiry(store, referral_or_child_id, form or current_enquiry_form())
    referral, form, gaps, data, pages = enquiry.referral, enquiry.form, enquiry.gaps, enquiry.data, enquiry.pages
    check_progress(progress, 1, 3)
    check_progress(progress, 2, 3)
    draft = " marked DRAFT," if is_draft_copy(referral, gaps) else ""
    result = deliver_pdf(
        store,
        data,
        out,
        password=password,
        object_id=str(referral.child_id),
        what=f"MASH enquiry PDF (referral {referral.id}),{draft}",
        pages=pages,
        entries=sum(1 for spec in form.fields() if field_value(referral, spec.key)),
        started=started,
    )
    check_progress(progress, 3, 3)
    return result


@dataclass(frozen=True)
class _RenderedEnquiry:
    referral: Referral
    form: EnquiryForm
    gaps: list[Gap]
    data: bytes
    pages: int


def _render_enquiry(store: RecordStore, referral_or_child_id: uuid.UUID | str, form: EnquiryForm) -> _RenderedEnquiry:
    """The enquiry drawn as it is saved, its empty answers filled from the child's file (``printed_enquiry``),
    with its gaps (from the child's whole file) marking a DRAFT copy."""
    saved = find_enquiry(store, referral_or_child_id)
    child_file = open_child_file(store, saved.child_id, audit=False)
    child = child_file.child
    referral = printed_enquiry(store, saved, child_file)
    gaps = completeness(referral, child_file, form=form)
    data, pages = render_mash_pdf(
        referral,
        child,
        generated_by=store.vault.user.label,
        generated_on=store.vault.now(),
        school=store.vault.school,
        form=form,
        gaps=gaps,
        from_file=filled_keys(saved, referral),
        concerns=child_file.concerns,
    )
    return _RenderedEnquiry(referral, form, gaps, data, pages)


def record_enquiry_print(store: RecordStore, referral_or_child_id: uuid.UUID | str) -> None:
    """Audit a printed enquiry."""
    referral = find_enquiry(store, referral_or_child_id)
    record_print(store, str(referral.child_id), f"MASH enquiry (referral {referral.id})")


# ---- the referral pack ------------------------------------------------------------------------------------


def domain_titles() -> dict[str, str]:
    """The Levels of Need domains as the school's guidance settings name them (the pack's defaults otherwise)."""
    try:
        return {d.key: d.title for d in resolve(None).levels_of_need.domains}
    except CasebookError:
        return {}


def export_referral_pack(
    store: RecordStore,
    child_id: uuid.UUID | str,
    out: Path,
    *,
    password: str | None = None,
    progress: Progress | None = None,
    referral_id: uuid.UUID | str | None = None,
    form: EnquiryForm | None = None,
) -> ExportResult:
    """Export the child's referral pack to ``out`` as one PDF (see ``dslapp.export.pack_pdf`` for its parts).

    The enquiry is ``referral_id`` if given, else the child's most recently started one. With
    ``password`` the file is AES-256 encrypted (a password under 8 characters raises
    ``WeakPdfPassword`` before any work). ``progress(done, total)`` follows the chronology's rows;
    returning False raises ``ExportCancelled`` and nothing is written or audited. Audited as ``export``.
    """
    started = clock.perf_counter()
    if password is not None:
        check_password(password)
    child_file = open_child_file(store, child_id, audit=False)
    child = child_file.child
    referral: Referral | None
    if referral_id is not None:
        referral = store.get_as(Referral, referral_id)
        if referral.child_id != child.id:
            raise EnquiryNotOfThisChild()
    else:
        referrals = sorted(child_file.referrals, key=lambda r: (r.started_on, r.created_at))
        referral = referrals[-1] if referrals else None
    chronology = build_chronology(store, child.id, child_file=child_file)
    total = len(chronology.rows) + 2
    check_progress(progress, 0, total)
    data, pages = _render_pack(
        store,
        child_file,
        chronology,
        referral,
        form or current_enquiry_form(),
        (lambda done, _total: progress(done, total)) if progress is not None else None,
    )
    check_progress(progress, total - 1, total)
    enquiry = f"enquiry {referral.id}" if referral is not None else "no enquiry"
    ticked = [a.stored_sha256 for a in child_file.attachments if a.in_referral_pack and not a.withdrawn]
    if ticked:
        enquiry += "; attachments sha256 " + ", ".join(ticked)
    result = deliver_pdf(
        store,
        data,
        out,
        password=password,
        object_id=str(child.id),
        what=f"referral pack PDF: {len(chronology.rows)} chronology entries, {enquiry}",
        pages=pages,
        entries=len(chronology.rows),
        started=started,
    )
    check_progress(progress, total, total)
    return result


def record_pack_print(store: RecordStore, child_id: uuid.UUID | str, pages: int) -> None:
    """Audit a printed referral pack."""
    record_print(store, str(child_id), f"referral pack: {pages} pages")


# ---- printing: the PDF built in memory (never written to disk), audited only if printed --------------------


def enquiry_pdf_bytes(store: RecordStore, referral_or_child_id: uuid.UUID | str) -> bytes:
    """The enquiry's PDF as bytes, for the print preview."""
    return _render_enquiry(store, referral_or_child_id, current_enquiry_form()).data


def pack_pdf_bytes(store: RecordStore, child_id: uuid.UUID | str, referral_id: uuid.UUID | str) -> bytes:
    """The referral pack's PDF as bytes, for the print preview."""
    child_file = open_child_file(store, child_id, audit=False)
    chronology = build_chronology(store, child_file.child.id, child_file=child_file)
    referral = store.get_as(Referral, referral_id)
    return _render_pack(store, child_file, chronology, referral, current_enquiry_form(), None)[0]


def _render_pack(
    store: RecordStore,
    child_file: ChildFile,
    chronology: Chronology,
    referral: Referral | None,
    form: EnquiryForm,
    progress: Progress | None,
) -> tuple[bytes, int]:
    user = store.vault.user
    printed = printed_enquiry(store, referral, child_file) if referral is not None else None
    data, pages, _starts = render_referral_pack(
        child_file,
        chronology,
        printed,
        generated_by=user.label,
        generated_on=store.vault.now(),
        user_name=user.name,
        user_role=user.role,
        school=store.vault.school,
        form=form,
        domain_titles=domain_titles(),
        review_marks=marks_for(child_file.early_help_reviews),
        progress=progress,
        from_file=filled_keys(referral, printed) if referral is not None and printed is not None else frozenset(),
        attachments=pack_attachments(store, child_file),
    )
    return data, pages


def pack_attachments(store: RecordStore, child_file: ChildFile) -> list[AttachedFile]:
    """The child's attachments ticked for the referral pack (not withdrawn), oldest first, with checked bytes."""
    chosen = [a for a in child_file.attachments if a.in_referral_pack and not a.withdrawn]
    data = attachments.files_for(store, chosen)
    return [
        AttachedFile(
            title=a.shown_name,
            file_name=a.file_name,
            media_label=a.media_type.label,
            is_pdf=a.media_type is MediaType.PDF,
            is_drawable=a.media_type in (MediaType.PNG, MediaType.JPEG),
            attached_on=a.attached_on,
            sha256=a.stored_sha256,
            data=data[str(a.id)],
        )
        for a in chosen
    ]
