"""The blank concern form for staff, as a two-page A4 PDF to print and fill in by hand.

Page 1: the child, when and where, what was seen or heard, the child's exact words, action taken, who was
told, the reporter. Page 2: the body map outlines (the same vector outlines as every other body map) with a
table to describe each numbered mark, who to tell (the DSL and deputies, and how to reach them), the local
contacts, and a box for the DSL. Writing lines are spaced for handwriting (8 mm) and printed light grey.

Pure: a ``BlankConcernForm`` view model in, PDF bytes out; ``dslapp.services.documents`` writes and audits.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from dslapp.export.body_map import draw_views, views_width
from dslapp.export.fonts import BOLD, REGULAR, register_fonts
from dslapp.export.page import INK, MUTED
from dslapp.export.text import Wrapper
from dslapp.text import dmy
from dslapp.views import concern_form as form
from dslapp.views.concern_form import BlankConcernForm

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 36.0
WIDTH = PAGE_WIDTH - 2 * MARGIN
LINE_GAP = 22.7  # 8 mm between writing lines
WRITING = colors.HexColor("#7b8794")
BOX = colors.HexColor("#52606d")
SHADE = colors.HexColor("#eef1f4")
LABEL_SIZE = 8.5
HINT_SIZE = 7.5
PAGES = 2


class _Page:
    """A cursor down one page: each block draws itself below the last."""

    def __init__(self, canvas: Canvas, page: int, info: BlankConcernForm) -> None:
        self.canvas = canvas
        self.y = PAGE_HEIGHT - MARGIN
        self.hints = Wrapper(REGULAR, HINT_SIZE)
        self._furniture(page, info)

    def _furniture(self, page: int, info: BlankConcernForm) -> None:
        c = self.canvas
        c.setFillColor(INK)
        c.setFont(BOLD, 8)
        c.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 20, form.MARKING)
        c.drawCentredString(PAGE_WIDTH / 2, 14, form.MARKING)
        c.setFont(REGULAR, 7.5)
        c.setFillColor(MUTED)
        c.drawString(MARGIN, 26, f"{info.school} · blank form printed {dmy(info.printed_on)}")
        c.drawRightString(PAGE_WIDTH - MARGIN, 26, f"Page {page} of {PAGES}")
        self.y = PAGE_HEIGHT - 34

    def heading(self, text: str, size: float = 11.0) -> None:
        self.y -= size + 4
        self.canvas.setFillColor(INK)
        self.canvas.setFont(BOLD, size)
        self.canvas.drawString(MARGIN, self.y, text)
        self.y -= 4

    def hint(self, text: str, width: float = WIDTH, left: float = MARGIN) -> None:
        self.canvas.setFillColor(MUTED)
        self.canvas.setFont(REGULAR, HINT_SIZE)
        for line in self.hints.wrap(text, width):
            self.y -= HINT_SIZE + 2
            self.canvas.drawString(left, self.y, line)
        self.y -= 2

    def fields(self, fields: Sequence[tuple[str, float]], height: float = 34.0) -> None:
        """A row of labelled boxes to write in, ``fields`` giving each label and its share of the width."""
        c = self.canvas
        top = self.y - 4
        x = MARGIN
        c.setStrokeColor(BOX)
        c.setLineWidth(0.6)
        for label, share in fields:
            width = WIDTH * share
            c.rect(x, top - height, width, height, stroke=1, fill=0)
            c.setFillColor(MUTED)
            c.setFont(REGULAR, LABEL_SIZE - 1)
            c.drawString(x + 4, top - 10, label)
            x += width
        self.y = top - height

    def writing(self, heading: str, hint: str, lines: int) -> None:
        """A heading, a hint and ``lines`` writing lines inside a box."""
        c = self.canvas
        self.y -= 8
        top = self.y
        c.setFillColor(INK)
        c.setFont(BOLD, LABEL_SIZE + 1)
        c.drawString(MARGIN + 4, top - 12, heading)
        c.setFillColor(MUTED)
        c.setFont(REGULAR, HINT_SIZE)
        hint_lines = self.hints.wrap(hint, WIDTH - 8)
        for index, line in enumerate(hint_lines):
            c.drawString(MARGIN + 4, top - 22 - index * (HINT_SIZE + 2), line)
        first = top - 22 - (len(hint_lines) - 1) * (HINT_SIZE + 2) - LINE_GAP
        c.setStrokeColor(WRITING)
        c.setLineWidth(0.5)
        for index in range(lines):
            y = first - index * LINE_GAP
            c.line(MARGIN + 6, y, MARGIN + WIDTH - 6, y)
        bottom = first - (lines - 1) * LINE_GAP - 8
        c.setStrokeColor(BOX)
        c.setLineWidth(0.6)
        c.rect(MARGIN, bottom, WIDTH, top - bottom, stroke=1, fill=0)
        self.y = bottom


def _page_one(canvas: Canvas, info: BlankConcernForm) -> None:
    page = _Page(canvas, 1, info)
    page.heading(form.TITLE, 15)
    canvas.setFont(BOLD, 10)
    canvas.setFillColor(MUTED)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, page.y + 4, info.school)
    page.y -= 2
    page.hint(form.INSTRUCTIONS)
    page.fields(form.CHILD_FIELDS)
    page.fields(form.WHEN_FIELDS)
    for heading, hint, lines in form.SECTIONS:
        page.writing(heading, hint, lines)
    page.y -= 8
    page.fields(form.REPORTER_FIELDS)
    page.fields(((form.SIGNATURE, 1.0),), height=30)


def _page_two(canvas: Canvas, info: BlankConcernForm) -> None:
    page = _Page(canvas, 2, info)
    page.heading(form.BODY_MAP_HEADING, 13)
    page.hint(form.BODY_MAP_HINT)
    # a long list of deputies takes room from the outlines, so the DSL's box stays on the page
    map_height = max(180.0, 300.0 - 30.0 * max(0, len(info.leads) - 4))
    top = page.y - 6
    bottom = top - map_height - 16
    width = views_width(map_height, gap=60.0)
    draw_views(canvas, [], MARGIN + (WIDTH - width) / 2, bottom, map_height, gap=60.0)
    page.y = bottom - 6
    _marks_table(page)
    _who_to_tell(page, info)
    page.y -= 6
    page.fields(form.DSL_FIELDS, height=30)
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, LABEL_SIZE)
    canvas.drawString(MARGIN, page.y + 30 + 4, form.FOR_THE_DSL)


def _marks_table(page: _Page) -> None:
    c = page.canvas
    row = 22.0
    wrapper = Wrapper(BOLD, HINT_SIZE)
    headings = [wrapper.wrap(label, WIDTH * share - 6) for label, share in form.MARK_COLUMNS]
    head = max(len(lines) for lines in headings) * (HINT_SIZE + 2) + 6
    top = page.y
    c.setFillColor(SHADE)
    c.rect(MARGIN, top - head, WIDTH, head, stroke=0, fill=1)
    x = MARGIN
    c.setFillColor(INK)
    c.setFont(BOLD, HINT_SIZE)
    for lines, (_label, share) in zip(headings, form.MARK_COLUMNS, strict=True):
        for index, line in enumerate(lines):
            c.drawString(x + 3, top - 10 - index * (HINT_SIZE + 2), line)
        x += WIDTH * share
    bottom = top - head - form.MARK_ROWS * row
    c.setStrokeColor(BOX)
    c.setLineWidth(0.6)
    c.rect(MARGIN, bottom, WIDTH, top - bottom, stroke=1, fill=0)
    c.setLineWidth(0.4)
    for index in range(form.MARK_ROWS + 1):
        y = top - head - index * row
        c.line(MARGIN, y, MARGIN + WIDTH, y)
    x = MARGIN
    for _label, share in form.MARK_COLUMNS[:-1]:
        x += WIDTH * share
        c.line(x, top, x, bottom)
    page.y = bottom


def _who_to_tell(page: _Page, info: BlankConcernForm) -> None:
    c = page.canvas
    page.y -= 10
    top = page.y
    half = WIDTH / 2 - 6
    c.setFillColor(INK)
    c.setFont(BOLD, LABEL_SIZE + 1)
    c.drawString(MARGIN, top - 10, form.WHO_TO_TELL)
    c.drawString(MARGIN + half + 12, top - 10, form.LOCAL_CONTACTS)
    y = top - 24
    wrapper = Wrapper(REGULAR, LABEL_SIZE)
    for lead in info.leads:
        c.setFillColor(INK)
        c.setFont(BOLD, LABEL_SIZE)
        for line in Wrapper(BOLD, LABEL_SIZE).wrap(f"{lead.name}, {lead.role}", half):
            c.drawString(MARGIN, y, line)
            y -= LABEL_SIZE + 3
        c.setFont(REGULAR, LABEL_SIZE)
        if lead.reach:
            for line in wrapper.wrap(lead.reach, half):
                c.drawString(MARGIN, y, line)
                y -= LABEL_SIZE + 3
        else:
            c.setFillColor(MUTED)
            c.drawString(MARGIN, y, form.REACH_BLANK)
            c.setStrokeColor(WRITING)
            c.setLineWidth(0.5)
            c.line(MARGIN + wrapper.width(form.REACH_BLANK) + 4, y - 1, MARGIN + half, y - 1)
            y -= LABEL_SIZE + 3
        y -= 3
    right_y = top - 24
    right = MARGIN + half + 12
    c.setFillColor(INK)
    c.setFont(BOLD, LABEL_SIZE)
    c.drawString(right, right_y, form.EMERGENCY)
    right_y -= LABEL_SIZE + 6
    for contact in info.contacts:
        c.setFillColor(INK)
        c.setFont(BOLD, LABEL_SIZE)
        for line in Wrapper(BOLD, LABEL_SIZE).wrap(contact.service, half):
            c.drawString(right, right_y, line)
            right_y -= LABEL_SIZE + 2
        c.setFont(REGULAR, LABEL_SIZE)
        phone = contact.phone + (f" ({info.placeholder_note})" if contact.placeholder else "")
        detail = f"{phone}. {contact.when}" if contact.when else phone
        for line in wrapper.wrap(detail, half):
            c.drawString(right, right_y, line)
            right_y -= LABEL_SIZE + 2
        right_y -= 4
    page.y = min(y, right_y)


def render_blank_concern_form(info: BlankConcernForm) -> tuple[bytes, int]:
    """The form as PDF bytes and its page count (pure: no vault, no disk)."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(f"{form.TITLE}: {info.school}")
    canvas.setAuthor(info.school)
    canvas.setSubject(form.TITLE)
    _page_one(canvas, info)
    canvas.showPage()
    _page_two(canvas, info)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue(), PAGES
