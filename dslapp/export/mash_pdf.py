"""The MASH enquiry as a PDF: a form a Front Door social worker can read at a glance.

A4 portrait; the sections of ``resources/mash/enquiry_form.toml`` in order, each a numbered band, every
field with its label (an empty one says "Not provided"); OFFICIAL-SENSITIVE at the top and bottom of
every page; the child's name and date of birth, and the enquiry's status, in every header; "Page X of
Y"; the referrer's declaration with name, role, date and a signature line; a PDF outline entry per
section. A draft with required answers missing is marked DRAFT on every page and starts with the list
of what is missing (whatever its status), so an incomplete enquiry cannot be mistaken for a complete one.

What is printed is ``services.mash.printed_enquiry``: the answers the form leaves empty are filled from the
child's file, and each such answer's label says "from the child's file".

Answers saved under keys that the form in use leaves out are printed under "Other information", so
switching to another local authority's form never hides what was written.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, KeepTogether, Spacer

from dslapp.export.body_map import BodyMapFigure, concerns_with_marks
from dslapp.export.chronology_pdf import header_name
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
)
from dslapp.export.page import INK as INK_COLOUR
from dslapp.export.page import MARGIN, MUTED, PageInfo, PagePart, build_parts_pdf
from dslapp.models import Child, Concern, Referral, ReferralStatus
from dslapp.text import dmy
from dslapp.views.mash_enquiry import SENT_VIA_LABELS, Gap, completeness, is_complete, printed_value
from dslapp.views.mash_form import EnquiryForm, FormField, FormSection

WIDTH = A4[0] - 2 * MARGIN
DRAFT = "DRAFT"
OTHER_INFORMATION = "Other information"
FROM_FILE = "from the child's file"
FROM_FILE_NOTE = (
    "Answers labelled “from the child's file” were not written on the form: they are filled from the child's "
    "file as it stood when the enquiry was sent (or today, for a draft)."
)
DECLARATION = "Referrer's declaration"
BODY_MAPS = "Body maps"
MASH_MAP_HEIGHT = 140.0


def is_draft_copy(referral: Referral, gaps: Sequence[Gap]) -> bool:
    """A printed enquiry is marked DRAFT while a required answer is missing, whatever its status: a sent enquiry
    the file cannot complete either must not pass for a complete one."""
    return not is_complete(gaps)


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


def _gaps_box(referral: Referral, gaps: Sequence[Gap], form: EnquiryForm, fonts: Fonts) -> list[Flowable]:
    missing = [g for g in gaps if g.blocking]
    others = [g for g in gaps if not g.blocking]
    intro = "This enquiry is incomplete and has not been sent. Before sending it, complete:"
    if referral.status != ReferralStatus.DRAFT:
        intro = "This enquiry was sent incomplete: neither the form nor the child's file gives:"
    lines = wrapped(
        fonts,
        intro,
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


def _answer_lines(
    referral: Referral, spec: FormField, width: float, fonts: Fonts, from_file: Collection[str] = ()
) -> list[Cell]:
    text = printed_value(referral, spec.key)  # the consent case in its own words ("Told, and refused consent")
    # Red "Not provided" flags a required answer missing (the copy is marked DRAFT whatever its status).
    label = f"{spec.label} ({FROM_FILE})" if spec.key in from_file else spec.label
    return [Cell(label, fonts.answer(text, width, required=spec.required), width)]


def _section(
    referral: Referral,
    section: FormSection,
    number: int,
    fonts: Fonts,
    *,
    key_prefix: str,
    level: int,
    from_file: Collection[str] = (),
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
        if spec.kind in ("line", "consent") and section.columns > 1:
            short.extend(_answer_lines(referral, spec, column, fonts, from_file))
            continue
        flush()
        cell = _answer_lines(referral, spec, WIDTH, fonts, from_file)[0]
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


def _body_maps(referral: Referral, concerns: Sequence[Concern], *, key_prefix: str, level: int) -> list[Flowable]:
    marked = concerns_with_marks(concerns, referral.concern_ids)
    if not marked:
        return []
    story: list[Flowable] = [SectionHeading(BODY_MAPS, WIDTH, bookmark=(f"{key_prefix}-body-maps", BODY_MAPS, level))]
    for concern in marked:
        heading = f"Body map for the concern of {dmy(concern.observed_at)}: marks"
        story.append(BodyMapFigure(concern.body_marks, WIDTH, map_height=MASH_MAP_HEIGHT, heading=heading))
        story.append(Spacer(1, 6))
    return story


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
    from_file: Collection[str] = (),
    concerns: Sequence[Concern] = (),
) -> list[Flowable]:
    """The enquiry's content as flowables (for its own PDF and inside the referral pack). ``from_file`` names
    the answers filled from the child's file rather than typed (their labels say so); the body maps of
    ``concerns`` behind the enquiry (``referral.concern_ids``) follow its sections."""
    fonts = fonts or Fonts()
    story = _title_block(referral, form, school, fonts)
    if any(form.has(key) for key in from_file):
        story.append(Spacer(1, 4))
        story.append(TextLines(wrapped(fonts, FROM_FILE_NOTE, WIDTH, size=8.0, colour=MUTED), WIDTH))
    if is_draft_copy(referral, gaps):
        story.extend(_gaps_box(referral, gaps, form, fonts))
    for number, section in enumerate(form.sections, start=1):
        story.extend(
            _section(referral, section, number, fonts, key_prefix=key_prefix, level=level, from_file=from_file)
        )
    story.extend(_body_maps(referral, concerns, key_prefix=key_prefix, level=level))
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
    form: EnquiryForm,
    gaps: Sequence[Gap] | None = None,
    from_file: Collection[str] = (),
    concerns: Sequence[Concern] = (),
) -> tuple[bytes, int]:
    """The enquiry as PDF bytes (pure: no vault, no disk). Returns (bytes, page count)."""
    gaps = list(gaps) if gaps is not None else completeness(referral, form=form)
    draft = is_draft_copy(referral, gaps)
    signed_on = referral.sent_on or generated_on.astimezone().date()
    story = enquiry_story(
        referral, form, gaps, school=school, signed_on=signed_on, level=0, from_file=from_file, concerns=concerns
    )
    info = enquiry_info(
        referral, child, form, generated_by=generated_by, generated_on=generated_on, school=school, draft=draft
    )
    built = build_parts_pdf([PagePart("enquiry", form.title, info, story)], title=form.title, author=generated_by)
    return built.data, built.pages


__all__ = [
    "enquiry_info",
    "enquiry_story",
    "is_draft_copy",
    "render_mash_pdf",
    "status_note",
]
