"""The MASH enquiry as a PDF: a form a Front Door social worker can read at a glance.

A4 portrait; the sections of ``resources/mash/enquiry_form.toml`` in order, each a numbered band, every
field with its label (an empty one says "Not provided"); OFFICIAL-SENSITIVE at the top and bottom of
every page; the child's name and date of birth, and the enquiry's status, in every header; "Page X of
Y"; the referrer's declaration with name, role, date and a signature line; a PDF outline entry per
section. A draft with required answers missing is marked DRAFT on every page and starts with the list
of what is missing, so an incomplete enquiry cannot be mistaken for the one that was sent.

Answers saved under keys that the form in use leaves out are printed under "Other information", so
switching to another local authority's form never hides what was written.
"""

from __future__ import annotations

import time as clock
import uuid
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, KeepTogether, Spacer

from dslapp.errors import CasebookError, RecordNotFound
from dslapp.export.chronology_pdf import header_name
from dslapp.export.common import ExportResult, Progress, check_progress
from dslapp.export.form_layout import (
    ACCENT,
    Cell,
    FieldBox,
    Fonts,
    Line,
    SectionHeading,
    TextLines,
    cells_in_rows,
    wrapped,
    yes_no,
)
from dslapp.export.page import INK as INK_COLOUR
from dslapp.export.page import MARGIN, PageInfo, PagePart, build_parts_pdf
from dslapp.export.protect import check_password, encrypt_pdf
from dslapp.models import Child, Record, Referral, ReferralStatus
from dslapp.services.mash import (
    SENT_VIA_LABELS,
    Gap,
    completeness,
    field_value,
    is_complete,
    latest_enquiry,
)
from dslapp.services.mash_form import EnquiryForm, FormField, FormSection, current_enquiry_form
from dslapp.store import RecordStore
from dslapp.text import dmy
from dslapp.vault.audit import Action

WIDTH = A4[0] - 2 * MARGIN
DRAFT = "DRAFT"
OTHER_INFORMATION = "Other information"
DECLARATION = "Referrer's declaration"


def is_draft_copy(referral: Referral, gaps: Sequence[Gap]) -> bool:
    """A printed enquiry is marked DRAFT while it is an unsent draft with required answers missing."""
    return referral.status == ReferralStatus.DRAFT and not is_complete(gaps)


def status_note(referral: Referral) -> str:
    """The enquiry's status as the header shows it."""
    if referral.status == ReferralStatus.DRAFT:
        return f"Started {dmy(referral.started_on)} · not yet sent"
    assert referral.sent_on is not None
    note = f"Sent {dmy(referral.sent_on)}"
    if referral.reference:
        note += f" · Ref. {referral.reference}"
    return note


def enquiry_info(
    referral: Referral,
    child: Child,
    form: EnquiryForm,
    *,
    generated_by: str,
    generated_on: datetime,
    school: str = "",
    draft: bool = False,
    title: str | None = None,
) -> PageInfo:
    return PageInfo(
        title=title or form.title,
        child_name=header_name(child),
        dob=child.dob,
        date_range="",
        generated_by=generated_by,
        generated_on=generated_on,
        school=school,
        landscape=False,
        header_note=status_note(referral),
        watermark=DRAFT if draft else "",
    )


def _status_text(referral: Referral) -> str:
    if referral.status == ReferralStatus.DRAFT:
        return "Draft: not yet sent"
    assert referral.sent_on is not None
    via = f" by {SENT_VIA_LABELS[referral.sent_via]}" if referral.sent_via else ""
    text = f"Sent {dmy(referral.sent_on)}{via}"
    if referral.acknowledged_on:
        text += f"; acknowledged {dmy(referral.acknowledged_on)}"
    if referral.outcome and referral.outcome_on:
        text += f"; outcome {dmy(referral.outcome_on)}: {referral.outcome.label}"
    return text


def _title_block(referral: Referral, form: EnquiryForm, school: str, fonts: Fonts) -> list[Flowable]:
    story: list[Flowable] = []
    if form.subtitle:
        lines = wrapped(fonts, form.subtitle, WIDTH, size=10.5, bold=True, colour=INK_COLOUR)
        story.append(TextLines(lines, WIDTH, space_after=5))
    cells = [
        Cell("To", fonts.answer(form.recipient, WIDTH / 2), WIDTH / 2),
        Cell("From", fonts.answer(school, WIDTH / 2), WIDTH / 2),
        Cell("Started", fonts.answer(dmy(referral.started_on), WIDTH / 3), WIDTH / 3),
        Cell("Status", fonts.answer(_status_text(referral), WIDTH / 3), WIDTH / 3),
        Cell("MASH reference", fonts.answer(referral.reference, WIDTH / 3), WIDTH / 3),
    ]
    story.extend(cells_in_rows(cells[:2], 2, WIDTH, fonts))
    story.extend(cells_in_rows(cells[2:], 3, WIDTH, fonts))
    return story


def _gaps_box(gaps: Sequence[Gap], form: EnquiryForm, fonts: Fonts) -> list[Flowable]:
    missing = [g for g in gaps if g.blocking]
    others = [g for g in gaps if not g.blocking]
    lines = wrapped(
        fonts,
        "This enquiry is incomplete and has not been sent. Before sending it, complete:",
        WIDTH - 10,
        bold=True,
        colour=ACCENT,
    )

    def item(gap: Gap) -> list[Line]:
        where = ""
        if form.has(gap.field):
            number = form.section_number(gap.section)
            where = f"{number}. {form.sections[number - 1].heading}: "
        return wrapped(fonts, f"• {where}{gap.message}", WIDTH - 10)

    for gap in missing:
        lines.extend(item(gap))
    if others:
        lines.extend(wrapped(fonts, "Also worth adding:", WIDTH - 10, bold=True))
        for gap in others:
            lines.extend(item(gap))
    return [
        Spacer(1, 8),
        FieldBox("Draft: what is missing", lines, WIDTH, fonts, border=ACCENT),
    ]


def _answer_lines(referral: Referral, spec: FormField, width: float, fonts: Fonts) -> list[Cell]:
    if spec.kind == "yes_no":
        value: bool | None = getattr(referral, spec.key)
        text = yes_no(value)
    else:
        text = field_value(referral, spec.key)
    # Red "Not provided" flags a required answer still to write, which matters on a draft only.
    flag = spec.required and referral.status == ReferralStatus.DRAFT
    return [Cell(spec.label, fonts.answer(text, width, required=flag), width)]


def _section(
    referral: Referral,
    section: FormSection,
    number: int,
    fonts: Fonts,
    *,
    key_prefix: str,
    level: int,
) -> list[Flowable]:
    bookmark = (f"{key_prefix}-{section.key}", f"{number}. {section.heading}", level)
    story: list[Flowable] = [SectionHeading(section.heading, WIDTH, number=number, bookmark=bookmark)]
    short: list[Cell] = []
    column = WIDTH / section.columns

    def flush() -> None:
        if short:
            story.extend(cells_in_rows(short, section.columns, WIDTH, fonts))
            short.clear()

    for spec in section.fields:
        if spec.kind in ("line", "yes_no") and section.columns > 1:
            short.extend(_answer_lines(referral, spec, column, fonts))
            continue
        flush()
        cell = _answer_lines(referral, spec, WIDTH, fonts)[0]
        story.append(FieldBox(cell.label, cell.lines, WIDTH, fonts))
    flush()
    return story


def _other_information(referral: Referral, form: EnquiryForm, fonts: Fonts) -> list[tuple[str, list[Flowable]]]:
    extra = [(k, v) for k, v in referral.form.items() if v.strip() and not form.has(k)]
    if not extra:
        return []
    boxes: list[Flowable] = []
    for key, value in extra:
        label = key.replace("_", " ").strip().capitalize()
        boxes.append(FieldBox(label, fonts.answer(value, WIDTH), WIDTH, fonts))
    return [(OTHER_INFORMATION, boxes)]


def _declaration(
    referral: Referral, form: EnquiryForm, fonts: Fonts, signed_on: date, bookmark: tuple[str, str, int]
) -> list[Flowable]:
    name = referral.form.get("referrer_name", "")
    role = referral.form.get("referrer_role", "")
    school = referral.form.get("referrer_school", "")
    draft = referral.status == ReferralStatus.DRAFT
    story: list[Flowable] = [SectionHeading(DECLARATION, WIDTH, bookmark=bookmark)]
    if form.declaration:
        story.append(FieldBox("Declaration", fonts.lines(form.declaration, WIDTH), WIDTH, fonts))
    third = WIDTH / 3
    story.extend(
        cells_in_rows(
            [
                Cell("Name", fonts.answer(name, third, required=draft), third),
                Cell("Role", fonts.answer(role, third, required=draft), third),
                Cell("School", fonts.answer(school, third), third),
            ],
            3,
            WIDTH,
            fonts,
        )
    )
    story.extend(
        cells_in_rows(
            [
                Cell("Date", fonts.lines(dmy(signed_on), third), third, min_lines=3),
                Cell("Signature", [], 2 * third, min_lines=3),
            ],
            2,
            WIDTH,
            fonts,
        )
    )
    # A signature box is kept with the declaration: it would be no use alone at the top of a page.
    return [KeepTogether(story)]


def enquiry_story(
    referral: Referral,
    form: EnquiryForm,
    gaps: Sequence[Gap],
    *,
    school: str,
    signed_on: date,
    key_prefix: str = "enquiry",
    level: int = 0,
    fonts: Fonts | None = None,
) -> list[Flowable]:
    """The enquiry's content as flowables (for its own PDF and inside the referral pack)."""
    fonts = fonts or Fonts()
    story = _title_block(referral, form, school, fonts)
    if is_draft_copy(referral, gaps):
        story.extend(_gaps_box(gaps, form, fonts))
    for number, section in enumerate(form.sections, start=1):
        story.extend(_section(referral, section, number, fonts, key_prefix=key_prefix, level=level))
    for heading, boxes in _other_information(referral, form, fonts):
        story.append(SectionHeading(heading, WIDTH, bookmark=(f"{key_prefix}-other", heading, level)))
        story.extend(boxes)
    story.extend(_declaration(referral, form, fonts, signed_on, (f"{key_prefix}-declaration", DECLARATION, level)))
    return story


def render_mash_pdf(
    referral: Referral,
    child: Child,
    *,
    generated_by: str,
    generated_on: datetime,
    school: str = "",
    form: EnquiryForm | None = None,
    gaps: Sequence[Gap] | None = None,
) -> tuple[bytes, int]:
    """The enquiry as PDF bytes (pure: no vault, no disk). Returns (bytes, page count)."""
    form = form or current_enquiry_form()
    gaps = list(gaps) if gaps is not None else completeness(referral, form=form)
    draft = is_draft_copy(referral, gaps)
    signed_on = referral.sent_on or generated_on.astimezone().date()
    story = enquiry_story(referral, form, gaps, school=school, signed_on=signed_on, level=0)
    info = enquiry_info(
        referral, child, form, generated_by=generated_by, generated_on=generated_on, school=school, draft=draft
    )
    built = build_parts_pdf([PagePart("enquiry", form.title, info, story)], title=form.title, author=generated_by)
    return built.data, built.pages


def find_enquiry(store: RecordStore, referral_or_child_id: uuid.UUID | str) -> Referral:
    """The enquiry with this id, or the child's latest enquiry when given a child's id."""
    record: Record = store.get(referral_or_child_id)
    if isinstance(record, Referral):
        return record
    if isinstance(record, Child):
        found = latest_enquiry(store, record.id)
        if found is None:
            raise CasebookError("No MASH enquiry has been started for this child yet. Start one first.")
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
    referral = find_enquiry(store, referral_or_child_id)
    child = store.get_as(Child, referral.child_id)
    form = form or current_enquiry_form()
    from dslapp.services.children import open_child_file

    gaps = completeness(referral, open_child_file(store, child.id, audit=False), form=form)
    check_progress(progress, 1, 3)
    data, pages = render_mash_pdf(
        referral,
        child,
        generated_by=store.vault.user.label,
        generated_on=store.vault.now(),
        school=store.vault.school,
        form=form,
        gaps=gaps,
    )
    if password is not None:
        data = encrypt_pdf(data, password)
    check_progress(progress, 2, 3)
    from dslapp.services.bundle import write_user_file

    write_user_file(out, data)
    draft = is_draft_copy(referral, gaps)
    store.vault.audit(
        Action.EXPORT,
        str(child.id),
        f"MASH enquiry PDF (referral {referral.id}): {pages} pages, "
        + ("marked DRAFT, " if draft else "")
        + ("password-protected" if password is not None else "not password-protected"),
    )
    check_progress(progress, 3, 3)
    filled = sum(1 for spec in form.fields() if field_value(referral, spec.key))
    return ExportResult(
        path=out,
        entries=filled,
        pages=pages,
        size=len(data),
        encrypted=password is not None,
        seconds=clock.perf_counter() - started,
    )


def record_print(store: RecordStore, referral: Referral) -> None:
    """Audit a printed enquiry (the UI calls this when its print dialog is accepted)."""
    store.vault.audit(Action.PRINT, str(referral.child_id), f"MASH enquiry (referral {referral.id})")


__all__ = [
    "enquiry_info",
    "enquiry_story",
    "export_mash_pdf",
    "find_enquiry",
    "is_draft_copy",
    "record_print",
    "render_mash_pdf",
    "status_note",
]
