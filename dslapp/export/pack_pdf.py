"""The referral pack: what a DSL sends with a MASH enquiry or takes to a case conference, as one PDF.

Parts, each starting on a new page and each an entry in the PDF outline (bookmarks):

1. Cover sheet: the child, the date, who prepared it, and the contents with page numbers.
2. The MASH enquiry (the form, with an outline entry per section).
3. The chronology of significant events.
4. The current Early Help plan and its latest reviews.
5. The latest threshold (Levels of Need) decision and its reasoning.
6. Key contacts: household and significant adults (anyone a court order says must not collect the child
   carries the warning), court orders and restrictions in force, professionals, the school.

Page layout: the pack is A4 portrait, except the chronology, whose six columns need A4 landscape; the
page template switches orientation for that part (viewers and printers rotate those pages), so each
part keeps the layout it has on its own. Every page has the same furniture: OFFICIAL-SENSITIVE at top
and bottom, the child's name and date of birth in the header, "Page X of Y" counted over the whole pack.

Only this child's records are read; a test builds the demo caseload and checks that no other child's
name appears anywhere in the pack. The pack is built in memory and, with a password, AES-256 encrypted
before anything touches the disk.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from dslapp.export.attached_pages import AttachedFile, append_section, attachment_section
from dslapp.export.chronology_pdf import chronology_section, header_name
from dslapp.export.common import Progress
from dslapp.export.fonts import BOLD, REGULAR
from dslapp.export.form_layout import (
    BORDER,
    LABEL_FILL,
    Cell,
    FieldBox,
    FieldRow,
    Fonts,
    SectionHeading,
    TextLines,
    cells_in_rows,
    table,
    wrapped,
)
from dslapp.export.mash_pdf import enquiry_story, is_draft_copy, status_note
from dslapp.export.page import INK, MARGIN, MUTED, PageIndex, PageInfo, PagePart, build_parts_pdf, dmy_hm
from dslapp.models import EarlyHelpPlan, EarlyHelpReview, Referral, ReferralStatus, ThresholdDecision
from dslapp.models.early_help import LEVEL_LABELS, PlanStatus
from dslapp.text import dmy
from dslapp.views import statutory
from dslapp.views.child_file import ChildFile
from dslapp.views.chronology import Chronology
from dslapp.views.court_orders import MUST_NOT_COLLECT, in_force, period, unlisted, warning, warnings_for
from dslapp.views.mash_enquiry import completeness, role_name
from dslapp.views.mash_form import EnquiryForm

TITLE = "Referral pack"
WIDTH = A4[0] - 2 * MARGIN
LATEST_REVIEWS = 3

PART_TITLES = {
    "cover": "Cover sheet",
    "enquiry": "MASH enquiry",
    "chronology": "Chronology of significant events",
    "early_help": "Early Help plan and reviews",
    "threshold": "Threshold decision",
    "contacts": "Key contacts",
}
ATTACHMENTS_TITLE = "Attachments"
"""The files ticked for the pack, after its parts (appended, not laid out with them)."""


# ---- the cover sheet -----------------------------------------------------------------------------


class ContentsBox(Flowable):  # type: ignore[misc]
    """The contents list. Its page numbers are only known once the whole pack is laid out, so the box
    is drawn now and its lines are drawn by ``overlay`` when each page's furniture is (one pass)."""

    LINE = 17.0

    def __init__(self, entries: Sequence[tuple[str, str, str]], width: float) -> None:
        super().__init__()
        self.entries = list(entries)  # (part key, title, note)
        self.width = width
        self.height = 20 + len(entries) * self.LINE + 8
        self.page = 0
        self.origin = (0.0, 0.0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        self.page = canvas.getPageNumber()
        self.origin = canvas.absolutePosition(0, 0)
        canvas.setFillColor(LABEL_FILL)
        canvas.rect(0, self.height - 16, self.width, 16, stroke=0, fill=1)
        canvas.setStrokeColor(BORDER)
        canvas.setLineWidth(0.6)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 9)
        canvas.drawString(6, self.height - 11.5, "Contents")

    def overlay(self, canvas: Canvas, page: int, index: PageIndex) -> None:
        if page != self.page:
            return
        x0, y0 = self.origin
        y = y0 + self.height - 20 - self.LINE + 5
        right = x0 + self.width - 8
        for number, (key, title, note) in enumerate(self.entries, start=1):
            start = index.starts.get(key)
            label = f"{number}.  {title}"
            canvas.setFillColor(INK)
            canvas.setFont(BOLD, 10)
            canvas.drawString(x0 + 8, y, label)
            after = x0 + 8 + canvas.stringWidth(label, BOLD, 10)
            if note:
                canvas.setFont(REGULAR, 8.5)
                canvas.setFillColor(MUTED)
                canvas.drawString(after + 6, y, note)
                after += 6 + canvas.stringWidth(note, REGULAR, 8.5)
            page_text = f"page {start}" if start else ""
            canvas.setFillColor(INK)
            canvas.setFont(REGULAR, 10)
            canvas.drawRightString(right, y, page_text)
            # dotted leader
            leader_end = right - canvas.stringWidth(page_text, REGULAR, 10) - 6
            canvas.setStrokeColor(BORDER)
            canvas.setDash(1, 2.5)
            if leader_end > after + 8:
                canvas.line(after + 6, y + 1, leader_end, y + 1)
            canvas.setDash()
            y -= self.LINE


def _cover_story(
    child_file: ChildFile,
    referral: Referral | None,
    contents: ContentsBox,
    fonts: Fonts,
    *,
    prepared_by: str,
    role: str,
    school: str,
    prepared_on: datetime,
) -> list[Flowable]:
    child = child_file.child
    today = prepared_on.astimezone().date()
    title = [(BOLD, 22.0, INK, TITLE)]
    title.extend(wrapped(fonts, header_name(child), WIDTH, size=15.0, bold=True))
    title.extend(
        wrapped(
            fonts,
            "Prepared to accompany a MASH enquiry or for a child protection conference. "
            "It contains information about this child only.",
            WIDTH,
            size=9.0,
            colour=MUTED,
        )
    )
    story: list[Flowable] = [Spacer(1, 6), TextLines(title, WIDTH, space_after=10)]
    status = child.status.label
    if child.status_since:
        status += f" since {dmy(child.status_since)}"
    story.append(SectionHeading("The child", WIDTH))
    story.extend(
        _answers(
            [
                ("Legal name", child.full_legal_name),
                ("Known as", child.known_as),
                ("Date of birth", f"{dmy(child.dob)} (age {child.age_on(today)})"),
                ("School and year group", ", ".join(p for p in (child.school or school, child.year_group) if p)),
                ("UPN", child.upn),
                ("Current status", status),
            ],
            3,
            fonts,
        )
    )
    story.append(SectionHeading("This pack", WIDTH))
    enquiry = status_note(referral) if referral is not None else "No MASH enquiry recorded"
    story.extend(
        _answers(
            [
                ("Prepared by", prepared_by),
                ("Role", role),
                ("School", school),
                ("Date prepared", dmy_hm(prepared_on)),
                ("MASH enquiry", enquiry),
                ("MASH reference", referral.reference if referral else ""),
            ],
            3,
            fonts,
        )
    )
    story.extend([Spacer(1, 10), contents, Spacer(1, 10)])
    story.append(
        FieldBox(
            "Handling",
            fonts.lines(
                "OFFICIAL-SENSITIVE. This pack holds personal and sensitive information about one child. Share it "
                "only with people who need it to keep the child safe, send it only by a secure route, store it "
                "securely, and do not copy it into other documents. Each part starts on a new page; the "
                "chronology pages are landscape.",
                WIDTH,
            ),
            WIDTH,
            fonts,
        )
    )
    return story


# ---- Early Help ----------------------------------------------------------------------------------


def _message(text: str, fonts: Fonts) -> list[Flowable]:
    return [Spacer(1, 6), TextLines(wrapped(fonts, text, WIDTH, colour=MUTED), WIDTH)]


def current_plan(child_file: ChildFile) -> EarlyHelpPlan | None:
    """The open Early Help plan started most recently, else the most recent plan."""
    plans = sorted(child_file.early_help_plans, key=lambda p: (p.started_on, p.created_at))
    open_plans = [p for p in plans if p.status == PlanStatus.OPEN]
    if open_plans:
        return open_plans[-1]
    return plans[-1] if plans else None


def _answers(answers: Sequence[tuple[str, str]], columns: int, fonts: Fonts) -> list[FieldRow]:
    """Short answers (label, text), ``columns`` to a row across the page."""
    width = WIDTH / columns
    cells = [Cell(label, fonts.answer(text, width), width) for label, text in answers]
    return cells_in_rows(cells, columns, WIDTH, fonts)


def _box(label: str, text: str, fonts: Fonts) -> FieldBox:
    return FieldBox(label, fonts.answer(text, WIDTH), WIDTH, fonts)


def _early_help_story(
    child_file: ChildFile, fonts: Fonts, review_marks: Mapping[str, str] | None = None
) -> list[Flowable]:
    plan = current_plan(child_file)
    if plan is None:
        return [SectionHeading("Early Help", WIDTH), *_message("No Early Help plan is recorded for this child.", fonts)]
    reviews = sorted(
        (r for r in child_file.early_help_reviews if r.plan_id == plan.id), key=lambda r: (r.held_on, r.created_at)
    )
    heading = "Current Early Help plan" if plan.status == PlanStatus.OPEN else "Most recent Early Help plan (closed)"
    status = "Open" if plan.status == PlanStatus.OPEN else f"Closed {dmy(plan.closed_on)}"
    story: list[Flowable] = [SectionHeading(heading, WIDTH)]
    story.extend(
        _answers(
            [
                ("Started", dmy(plan.started_on)),
                ("Status", status),
                ("Lead practitioner", plan.lead_practitioner),
                ("Next review", dmy(plan.next_review)),
            ],
            4,
            fonts,
        )
    )
    story.append(_box("Team Around the Family", ", ".join(plan.taf_members), fonts))
    story.append(_box("What are we worried about?", plan.worries, fonts))
    story.append(_box("What is working well?", plan.working_well, fonts))
    story.append(_box("The child's view", plan.child_view, fonts))
    story.append(_box("The family's view", plan.family_view, fonts))
    if plan.status == PlanStatus.CLOSED:
        story.append(_box("What improved for the child when the plan closed", plan.closing_summary, fonts))
    latest_scores = {p.goal_id: p for p in reviews[-1].goal_progress} if reviews else {}
    story.append(SectionHeading("Goals (SMART)", WIDTH))
    if plan.goals:
        rows = []
        for goal in plan.goals:
            latest = latest_scores.get(goal.goal_id)
            rows.append(
                [
                    goal.what_will_change,
                    goal.who_does_what,
                    dmy(goal.by_when),
                    goal.how_we_will_know,
                    f"{goal.baseline}/10",
                    f"{latest.score}/10" if latest else "",
                ]
            )
        story.append(
            table(
                ["What will change", "Who does what", "By when", "How we will know", "At start", "Latest"],
                rows,
                [144, 124, 60, 115, 48, 48],
            )
        )
    else:
        story.extend(_message("No goals are recorded in this plan.", fonts))
    goal_names = {g.goal_id: g.what_will_change for g in plan.goals}
    shown = list(reversed(reviews))[:LATEST_REVIEWS]
    story.append(SectionHeading(f"Latest reviews ({len(shown)} of {len(reviews)}, newest first)", WIDTH))
    if not shown:
        story.extend(_message("This plan has not been reviewed yet.", fonts))
    for review in shown:
        story.extend(_review_story(review, goal_names, fonts, (review_marks or {}).get(str(review.id), "")))
    if len(reviews) > len(shown):
        story.extend(_message(f"{len(reviews) - len(shown)} earlier review(s) are in the chronology.", fonts))
    earlier = [p for p in child_file.early_help_plans if p.id != plan.id]
    if earlier:
        listed = "; ".join(
            f"started {dmy(p.started_on)}" + (f", closed {dmy(p.closed_on)}" if p.closed_on else "")
            for p in sorted(earlier, key=lambda p: p.started_on)
        )
        story.extend(_message(f"Other Early Help plans: {listed} (see the chronology).", fonts))
    return story


def _review_story(
    review: EarlyHelpReview, goal_names: dict[uuid.UUID, str], fonts: Fonts, mark: str = ""
) -> list[Flowable]:
    story: list[Flowable] = [SectionHeading(f"Review held {dmy(review.held_on)}", WIDTH, sub=True)]
    story.extend(
        _answers(
            [
                ("Held on", dmy(review.held_on)),
                ("Overall for the child", review.overall.label),
                ("Decision", review.decision.label),
                ("Next review", dmy(review.next_review)),
            ],
            4,
            fonts,
        )
    )
    story.append(_box("Who attended", ", ".join(review.attendees), fonts))
    question = "How has life improved for the child?"
    story.append(_box(f"{question} ({mark.rstrip('.')})" if mark else question, review.life_improved, fonts))
    story.append(_box("The child's voice", review.child_voice, fonts))
    story.append(_box("Reasons for the decision", review.decision_reasons, fonts))
    if review.goal_progress:
        rows = [
            [goal_names.get(p.goal_id, "(goal no longer in the plan)"), f"{p.score}/10", p.evidence]
            for p in review.goal_progress
        ]
        story.append(Spacer(1, 4))
        story.append(table(["Goal", "Progress", "Evidence"], rows, [220, 55, 264]))
    return story


# ---- threshold decision --------------------------------------------------------------------------


DOMAIN_TITLES = {
    "child_development": "The child's developmental needs",
    "parenting_capacity": "Parenting capacity",
    "family_environment": "Family and environment",
}
"""The Levels of Need domains, unless the school's guidance settings name them otherwise."""


def _threshold_story(child_file: ChildFile, fonts: Fonts, titles: Mapping[str, str]) -> list[Flowable]:
    decisions = sorted(child_file.threshold_decisions, key=lambda d: (d.decided_on, d.created_at))
    if not decisions:
        return [
            SectionHeading("Levels of Need", WIDTH),
            *_message("No threshold (Levels of Need) decision is recorded for this child.", fonts),
        ]
    latest: ThresholdDecision = decisions[-1]
    story: list[Flowable] = [SectionHeading("Latest Levels of Need decision", WIDTH)]
    story.extend(
        _answers(
            [
                ("Decided on", dmy(latest.decided_on)),
                ("Level of need", LEVEL_LABELS[latest.level]),
                ("Decided by", latest.decided_by),
                ("Consulted", latest.consulted),
            ],
            4,
            fonts,
        )
    )
    keys = list(titles) + [k for k in latest.evidence if k not in titles]
    for key in keys:
        items = latest.evidence.get(key, [])
        label = f"Evidence: {titles.get(key, key.replace('_', ' ').capitalize())}"
        story.append(_box(label, "\n".join(f"• {item}" for item in items), fonts))
    story.append(_box("Reasoning", latest.reasoning, fonts))
    earlier = list(reversed(decisions[:-1]))
    if earlier:
        story.append(SectionHeading("Earlier decisions", WIDTH))
        rows = [[dmy(d.decided_on), LEVEL_LABELS[d.level], d.decided_by, d.reasoning] for d in earlier]
        story.append(table(["Decided on", "Level", "Decided by", "Reasoning"], rows, [60, 110, 90, 279]))
    return story


# ---- key contacts --------------------------------------------------------------------------------


def _yes(value: bool) -> str:
    return "Yes" if value else "No"


def _statutory_story(child_file: ChildFile, fonts: Fonts, on: date) -> list[Flowable]:
    """Statutory plans and statuses in force, with the dates the school contributes to, and those ended."""
    story: list[Flowable] = [SectionHeading("Statutory plans and status", WIDTH)]
    current = statutory.in_force(child_file.statutory_records, on)
    if current:
        rows = [[statutory.title(r), statutory.period(r), "\n".join(statutory.detail_lines(r, on))] for r in current]
        story.append(table(["Plan or status", "Dates", "Details"], rows, [150, 96, 293]))
    else:
        story.extend(_message("No statutory plan or status is in force.", fonts))
    earlier = statutory.ended(child_file.statutory_records, on)
    if earlier:
        rows = [[statutory.title(r), statutory.period(r), r.end_reason] for r in earlier]
        story.append(SectionHeading("Ended", WIDTH, sub=True))
        story.append(table(["Plan or status", "Dates", "Why it ended"], rows, [150, 96, 293]))
    return story


def _contacts_story(
    child_file: ChildFile,
    referral: Referral | None,
    fonts: Fonts,
    *,
    user_name: str,
    user_role: str,
    school: str,
    on: date,
) -> list[Flowable]:
    story: list[Flowable] = [SectionHeading("Household and significant adults", WIDTH)]
    people = sorted(child_file.people, key=lambda p: (not p.lives_with_child, not p.parental_responsibility))
    orders = child_file.court_orders
    rows: list[list[str]] = []
    warn_rows: list[int] = []
    for person in people:
        # A person an order says must not collect the child is never listed without the warning.
        warnings = warnings_for(person, orders, on)
        if warnings:
            warn_rows.append(len(rows))
        rows.append(
            [
                "\n".join([person.name, *warnings]),
                person.relationship,
                _yes(person.parental_responsibility),
                _yes(person.lives_with_child),
                "\n".join(x for x in (person.phone, person.email) if x),
                "" if person.lives_with_child else person.address,
            ]
        )
    for order in unlisted(orders, people, on):
        warn_rows.append(len(rows))
        rows.append([f"{order.restricts}\n{warning(order)}", "Named in a court order", "", "", "", ""])
    if rows:
        story.append(
            table(
                ["Name", "Relationship", "Parental responsibility", "Lives with the child", "Phone / email", "Address"],
                rows,
                [122, 72, 74, 46, 108, 117],
                warn_rows=warn_rows,
            )
        )
    else:
        story.extend(_message("No household members or significant adults are recorded.", fonts))
    story.append(SectionHeading("Court orders and restrictions", WIDTH))
    current = in_force(orders, on)
    if current:
        order_rows = [
            [
                order.type_label,
                order.restricts,
                "\n".join(x for x in (order.forbids, MUST_NOT_COLLECT + "." if order.must_not_collect else "") if x),
                period(order),
                order.source,
            ]
            for order in current
        ]
        story.append(
            table(
                ["Order", "Restricts", "What it forbids", "Dates", "Source"],
                order_rows,
                [92, 88, 170, 94, 95],
                warn_rows=[n for n, order in enumerate(current) if order.must_not_collect],
            )
        )
    else:
        story.extend(_message("No court orders or restrictions in force are recorded.", fonts))
    story.extend(_statutory_story(child_file, fonts, on))
    story.append(SectionHeading("Professionals involved", WIDTH))
    pros = sorted(child_file.professionals, key=lambda p: (not p.key_contact, p.name))
    if pros:
        rows = [[p.name, p.role, p.agency, p.phone, p.email, "Yes" if p.key_contact else ""] for p in pros]
        story.append(
            table(["Name", "Role", "Agency", "Phone", "Email", "Key contact"], rows, [95, 90, 110, 75, 124, 45])
        )
    else:
        story.extend(_message("No other professionals are recorded.", fonts))
    form = referral.form if referral is not None else {}
    story.append(SectionHeading("The school", WIDTH))
    child = child_file.child
    story.extend(
        _answers(
            [
                ("Designated Safeguarding Lead", form.get("referrer_name") or user_name),
                ("Role", form.get("referrer_role") or role_name(user_role)),
                ("School", form.get("referrer_school") or school),
                ("Phone", form.get("referrer_phone", "")),
                ("Secure email", form.get("referrer_email", "")),
                ("Child's GP", child.gp),
            ],
            3,
            fonts,
        )
    )
    return story


# ---- the pack ------------------------------------------------------------------------------------


def render_referral_pack(
    child_file: ChildFile,
    chronology: Chronology,
    referral: Referral | None,
    *,
    generated_by: str,
    generated_on: datetime,
    user_name: str,
    user_role: str,
    school: str = "",
    form: EnquiryForm,
    domain_titles: Mapping[str, str] | None = None,
    review_marks: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    from_file: Collection[str] = (),
    attachments: Sequence[AttachedFile] = (),
) -> tuple[bytes, int, dict[str, int]]:
    """The pack as PDF bytes (pure: no vault, no disk). Returns (bytes, pages, first page of each part).

    ``domain_titles`` names the Levels of Need domains as the school's guidance settings do; ``review_marks``
    (review id → mark) are the guidance's marks on Early Help reviews, shown beside their answer; ``from_file``
    names the enquiry's answers filled from the child's file (``services.mash.printed_enquiry``); ``attachments``
    (the files ticked for the pack) follow the last part, listed in the contents and in every "Page X of Y"."""
    fonts = Fonts()
    child = child_file.child

    def info(part: str, *, landscape: bool = False, **extra: str) -> PageInfo:
        return PageInfo(
            title=f"{TITLE} · {PART_TITLES.get(part, ATTACHMENTS_TITLE)}",
            child_name=header_name(child),
            dob=child.dob,
            date_range=chronology.range_label,
            generated_by=generated_by,
            generated_on=generated_on,
            school=school,
            landscape=landscape,
            header_note=extra.get("header_note", f"Prepared {dmy(generated_on.astimezone())}"),
            watermark=extra.get("watermark", ""),
            legend=extra.get("legend", ""),
        )

    count = len(chronology.rows)
    gaps = completeness(referral, child_file, form=form) if referral is not None else []
    draft = referral is not None and is_draft_copy(referral, gaps)
    enquiry_note = "(none recorded)"
    if referral is not None:
        enquiry_note = f"({status_note(referral)})"
        if draft:
            sent = referral.status != ReferralStatus.DRAFT
            enquiry_note = f"(DRAFT: incomplete; {status_note(referral)})" if sent else "(DRAFT: incomplete, not sent)"
    contents_entries = [
        ("enquiry", PART_TITLES["enquiry"], enquiry_note),
        ("chronology", PART_TITLES["chronology"], f"({count} entr{'y' if count == 1 else 'ies'})"),
        ("early_help", PART_TITLES["early_help"], ""),
        ("threshold", PART_TITLES["threshold"], ""),
        ("contacts", PART_TITLES["contacts"], ""),
    ]
    attached, attached_pages = attachment_section(attachments)
    if attachments:
        contents_entries.append(("attachments", ATTACHMENTS_TITLE, f"({len(attachments)})"))
    contents = ContentsBox(contents_entries, WIDTH)
    parts: list[PagePart] = [
        PagePart(
            "cover",
            PART_TITLES["cover"],
            info("cover"),
            _cover_story(
                child_file,
                referral,
                contents,
                fonts,
                prepared_by=user_name,
                role=role_name(user_role),
                school=school,
                prepared_on=generated_on,
            ),
            overlay=contents.overlay,
        )
    ]
    if referral is not None:
        signed_on = referral.sent_on or generated_on.astimezone().date()
        enquiry = enquiry_story(
            referral,
            form,
            gaps,
            school=school,
            signed_on=signed_on,
            key_prefix="pack-enquiry",
            level=1,
            fonts=fonts,
            from_file=from_file,
            concerns=child_file.concerns,
        )
        enquiry_info = info("enquiry", header_note=status_note(referral), watermark="DRAFT" if draft else "")
    else:
        enquiry = [
            SectionHeading(PART_TITLES["enquiry"], WIDTH),
            *_message("No MASH enquiry has been recorded for this child.", fonts),
        ]
        enquiry_info = info("enquiry")
    parts.append(PagePart("enquiry", PART_TITLES["enquiry"], enquiry_info, enquiry))
    section = chronology_section(chronology, progress=progress)
    parts.append(
        PagePart(
            "chronology",
            PART_TITLES["chronology"],
            info("chronology", landscape=True, header_note=f"Period: {chronology.range_label}", legend=section.legend),
            section.story,
            body_top=section.body_top,
            extra=section.decorate,
        )
    )
    parts.append(
        PagePart(
            "early_help",
            PART_TITLES["early_help"],
            info("early_help"),
            _early_help_story(child_file, fonts, review_marks),
        )
    )
    parts.append(
        PagePart(
            "threshold",
            PART_TITLES["threshold"],
            info("threshold"),
            _threshold_story(child_file, fonts, {**DOMAIN_TITLES, **(domain_titles or {})}),
        )
    )
    parts.append(
        PagePart(
            "contacts",
            PART_TITLES["contacts"],
            info("contacts"),
            _contacts_story(
                child_file,
                referral,
                fonts,
                user_name=user_name,
                user_role=user_role,
                school=school,
                on=generated_on.astimezone().date(),
            ),
        )
    )
    after = ("attachments", attached_pages) if attached_pages else None
    built = build_parts_pdf(parts, title=f"{TITLE}: {header_name(child)}", author=generated_by, after=after)
    if not attached_pages:
        return built.data, built.pages, built.starts
    total = built.pages + attached_pages
    data = append_section(
        built.data,
        attached,
        info=info("attachments"),
        first_page=built.pages + 1,
        total=total,
        outline=ATTACHMENTS_TITLE,
    )
    return data, total, built.starts
