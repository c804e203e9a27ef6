"""The page every exported document shares.

A4 (landscape for the chronology); the protective marking OFFICIAL-SENSITIVE at the top and bottom of
every page; the child's name, date of birth and the period covered in every header; "Page X of Y" and
who generated the document, and when, in every footer. Dates dd/mm/yyyy, times 24-hour.

"Page X of Y" needs the page count before the first page is finished: ``NumberedCanvas`` keeps each
page's drawing until the end and draws the header and footer of every page once the total is known
(one pass, no second build).

``build_parts_pdf`` lays out a document in parts (the referral pack, the MASH enquiry): each part starts
on a new page with its own header and orientation, the numbering runs over the whole document, and the
PDF outline (bookmarks) has an entry per part and per heading that asks for one. ``watermark`` marks
every page of a part (DRAFT); ``header_note`` replaces "Period: …" in the header.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from dslapp.export.fonts import BOLD, REGULAR, register_fonts
from dslapp.export.text import Wrapper, has_rtl, visual
from dslapp.text import dmy, for_display

MARKING = "OFFICIAL-SENSITIVE"
MARGIN = 28.0  # 10 mm
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE = colors.HexColor("#9aa5b1")

# Vertical layout, measured down from the top edge and up from the bottom edge.
MARKING_TOP = 17.0
TITLE_TOP = 36.0
NAME_TOP = 52.0
HEADER_RULE = 59.0
FOOTER_RULE = 38.0
FOOTER_TEXT = 27.0
MARKING_BOTTOM = 12.0

Decorate = Callable[[Canvas, float, float], None]
"""Draws extra furniture on a page (e.g. the chronology's column headings): (canvas, width, height)."""


def dmy_hm(moment: datetime) -> str:
    local = moment.astimezone() if moment.tzinfo else moment
    return f"{local:%d/%m/%Y} at {local:%H:%M}"


@dataclass(frozen=True)
class PageInfo:
    """What every page's header and footer say."""

    title: str
    child_name: str
    """Empty for a document about no one child (supervision, governors' summary): ``subtitle`` shows instead."""
    dob: date | None
    date_range: str
    generated_by: str
    generated_on: datetime
    school: str = ""
    marking: str = MARKING
    legend: str = ""
    """A short line in the footer (e.g. what the chronology's impact markers mean)."""
    landscape: bool = True
    header_note: str = ""
    """Shown at the right of the child's line instead of "Period: …" (e.g. an enquiry's status)."""
    watermark: str = ""
    """Drawn large and faint across every page (e.g. "DRAFT")."""
    subtitle: str = ""

    @property
    def pagesize(self) -> tuple[float, float]:
        size: tuple[float, float] = landscape(A4) if self.landscape else A4
        return size


@dataclass(frozen=True)
class HeaderRun:
    """One piece of header text: drawn at ``x`` (its left edge, or its right edge when ``right``), with its
    baseline ``down`` points below the top of the page."""

    text: str
    font: str
    size: float
    x: float
    down: float
    right: bool = False

    def width(self) -> float:
        return float(stringWidth(self.text, self.font, self.size))


NAME_SIZE = 11.0
NAME_SIZES = (11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0)
"""Sizes tried for the child's name on one line with the date of birth."""
WRAPPED_NAME_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0)
"""Sizes tried for a name too long for one line, on two lines (date of birth and status on the right)."""
DETAIL_SIZE = 9.0
TWO_LINE_TOPS = (46.3, 55.6)
"""Baselines of the two header lines a long name takes, between the title line and the header rule."""
GAP = 14.0
ELLIPSIS = "…"


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text``, cut with an ellipsis if it is wider than ``width`` (header text that cannot shrink further)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + ELLIPSIS, font, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def _shrunk(text: str, font: str, sizes: Sequence[float], width: float) -> tuple[str, float]:
    """The largest of ``sizes`` at which ``text`` fits ``width``; at the smallest, cut to fit."""
    for size in sizes:
        if stringWidth(text, font, size) <= width:
            return text, size
    return _fit(text, font, sizes[-1], width), sizes[-1]


def _name_lines(name: str, font: str, size: float, width: float) -> list[str]:
    """A name wrapped to ``width``: between words, then after hyphens (a double-barrelled name breaks as
    "Smith-" / "Jones"), and between letters only for a part wider than a whole line."""
    if has_rtl(name):
        return Wrapper(font, size).wrap(name, width)
    pieces: list[tuple[str, str]] = []
    for number, word in enumerate(name.split()):
        for index, part in enumerate(re.findall(r"[^-]+-*|-+", word)):
            pieces.append((" " if number and not index else "", part))
    lines: list[str] = []
    current = ""
    for joiner, part in pieces:
        candidate = f"{current}{joiner}{part}" if current else part
        if not current or stringWidth(candidate, font, size) <= width:
            current = candidate
        else:
            lines.append(current)
            current = part
    if current:
        lines.append(current)
    out: list[str] = []
    for line in lines:
        out.extend(Wrapper(font, size).wrap(line, width) if stringWidth(line, font, size) > width else [line])
    return out


def header_runs(info: PageInfo) -> list[HeaderRun]:
    """Where each piece of the header goes, so that no two overlap whatever the name's length.

    The title (left) and school (right) share the first line; the school shrinks, then is cut, if both do
    not fit. The child's name, date of birth and status note (right) share the second line while they fit,
    the name shrinking a little first; a longer name takes two lines on the left (wrapping between words
    and after hyphens, smaller still), with the date of birth and the note stacked on the right.
    """
    width, _height = info.pagesize
    avail = width - 2 * MARGIN
    right = width - MARGIN
    runs: list[HeaderRun] = []
    title, title_size = _shrunk(visual(info.title), BOLD, (12.5, 12.0, 11.0, 10.0), avail * 0.7)
    runs.append(HeaderRun(title, BOLD, title_size, MARGIN, TITLE_TOP))
    if info.school:
        room = avail - stringWidth(title, BOLD, title_size) - GAP
        school, school_size = _shrunk(visual(info.school), REGULAR, (8.5, 8.0, 7.5, 7.0, 6.5), room)
        runs.append(HeaderRun(school, REGULAR, school_size, right, TITLE_TOP, right=True))
    if not info.child_name:
        runs.append(
            HeaderRun(_fit(visual(info.subtitle), REGULAR, DETAIL_SIZE, avail), REGULAR, DETAIL_SIZE, MARGIN, NAME_TOP)
        )
        return runs
    note_text = visual(info.header_note or f"Period: {info.date_range}")
    note, note_size = _shrunk(note_text, REGULAR, (DETAIL_SIZE, 8.5, 8.0, 7.5, 7.0), avail * 0.45)
    note_width = stringWidth(note, REGULAR, note_size)
    dob = f"Date of birth: {dmy(info.dob)}" if info.dob is not None else ""
    dob_width = stringWidth(dob, REGULAR, DETAIL_SIZE)
    name = visual(info.child_name)
    room = avail - note_width - GAP - (dob_width + GAP if dob else 0)
    for size in NAME_SIZES:
        name_width = stringWidth(name, BOLD, size)
        if name_width <= room:
            runs.append(HeaderRun(name, BOLD, size, MARGIN, NAME_TOP))
            if dob:
                runs.append(HeaderRun(dob, REGULAR, DETAIL_SIZE, MARGIN + name_width + GAP, NAME_TOP))
            runs.append(HeaderRun(note, REGULAR, note_size, right, NAME_TOP, right=True))
            return runs
    # Two lines: the name on the left; the date of birth above the note on the right.
    room = avail - max(note_width, dob_width) - GAP
    lines: list[str] = []
    for size in WRAPPED_NAME_SIZES:
        lines = _name_lines(for_display(info.child_name), BOLD, size, room)
        if len(lines) <= 2:
            break
    if len(lines) > 2:
        lines = [lines[0], _fit(" ".join(lines[1:]), BOLD, size, room)]
    for line, down in zip(lines, TWO_LINE_TOPS, strict=False):
        runs.append(HeaderRun(line, BOLD, size, MARGIN, down))
    top, bottom = TWO_LINE_TOPS
    if dob:
        runs.append(HeaderRun(dob, REGULAR, DETAIL_SIZE, right, top, right=True))
    runs.append(HeaderRun(note, REGULAR, note_size, right, bottom if dob else top, right=True))
    return runs


def draw_furniture(canvas: Canvas, info: PageInfo, page: int, total: int, extra: Decorate | None = None) -> None:
    """Marking, header and footer of one page."""
    width, height = info.pagesize
    right = width - MARGIN
    canvas.saveState()
    # Protective marking, top and bottom.
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 9.5)
    canvas.drawCentredString(width / 2, height - MARKING_TOP, info.marking)
    canvas.drawCentredString(width / 2, MARKING_BOTTOM, info.marking)
    # Header: title and school, then the child, date of birth and period covered (``header_runs``).
    for run in header_runs(info):
        canvas.setFont(run.font, run.size)
        canvas.setFillColor(MUTED if run.font == REGULAR and run.down == TITLE_TOP else INK)
        if run.right:
            canvas.drawRightString(run.x, height - run.down, run.text)
        else:
            canvas.drawString(run.x, height - run.down, run.text)
    canvas.setFillColor(INK)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, height - HEADER_RULE, right, height - HEADER_RULE)
    # Footer: who generated it and when, the legend, the page number.
    canvas.line(MARGIN, FOOTER_RULE, right, FOOTER_RULE)
    canvas.setFont(REGULAR, 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN, FOOTER_TEXT, f"Generated by {visual(info.generated_by)} on {dmy_hm(info.generated_on)}")
    if info.legend:
        canvas.drawCentredString(width / 2, FOOTER_TEXT, info.legend)
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 8)
    canvas.drawRightString(right, FOOTER_TEXT, f"Page {page} of {total}")
    if extra is not None:
        extra(canvas, width, height)
    if info.watermark:
        draw_watermark(canvas, info.watermark, width, height)
    canvas.restoreState()


WATERMARK = colors.HexColor("#b42318")


def draw_watermark(canvas: Canvas, text: str, width: float, height: float) -> None:
    """``text`` large, faint and diagonal across the page, and small beside the marking at the top."""
    canvas.saveState()
    canvas.setFillColor(WATERMARK)
    canvas.setFont(BOLD, 9.5)
    canvas.drawString(MARGIN, height - MARKING_TOP, text)
    canvas.drawRightString(width - MARGIN, height - MARKING_TOP, text)
    canvas.setFillAlpha(0.09)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(35 if width < height else 25)
    size = min(width, height) / 4.2
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(0, -size / 3, text)
    canvas.restoreState()


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that holds every page until ``save`` and then draws each page's furniture with the total.

    Every string it draws directly, and the document's title, author and bookmarks, go through
    ``for_display`` (as the text helpers do for wrapped text and paragraphs): no bidirectional override
    typed into a record reaches the PDF.
    """

    def __init__(
        self, *args: Any, furniture: Callable[[Canvas, int, int], None], pages_after: int = 0, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self.pages_after = pages_after
        """Pages another step appends after this document (a pack's attachments): counted in "of Y"."""
        self._pages: list[dict[str, Any]] = []
        self.page_count = 0

    def drawString(self, x: float, y: float, text: str, *args: Any, **kwargs: Any) -> None:
        super().drawString(x, y, for_display(text), *args, **kwargs)

    def drawRightString(self, x: float, y: float, text: str, *args: Any, **kwargs: Any) -> None:
        super().drawRightString(x, y, for_display(text), *args, **kwargs)

    def drawCentredString(self, x: float, y: float, text: str, *args: Any, **kwargs: Any) -> None:
        super().drawCentredString(x, y, for_display(text), *args, **kwargs)

    def setTitle(self, title: str | None) -> None:
        super().setTitle(for_display(title) if title else title)

    def setAuthor(self, author: str | None) -> None:
        super().setAuthor(for_display(author) if author else author)

    def setSubject(self, subject: str | None) -> None:
        super().setSubject(for_display(subject) if subject else subject)

    def addOutlineEntry(self, title: str, key: str, level: int = 0, closed: bool | None = None) -> None:
        super().addOutlineEntry(for_display(title), key, level, closed)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._furniture(self, number, total + self.pages_after)
            super().showPage()
        self.page_count = total  # after the loop: each saved page state carries the old value
        super().save()


def build_pdf(
    story: Sequence[Flowable],
    info: PageInfo,
    *,
    body_top: float = HEADER_RULE + 4,
    extra: Decorate | None = None,
) -> tuple[bytes, int]:
    """Lay out ``story`` on marked, numbered pages, in memory. Returns (PDF bytes, page count).

    ``body_top`` is where the flowing content starts, measured down from the top edge (leave room for
    anything ``extra`` draws under the header).
    """
    register_fonts()
    width, height = info.pagesize
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=info.pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=body_top,
        bottomMargin=FOOTER_RULE + 4,
        title=f"{info.title} ({info.marking})",
        author=info.generated_by,
        creator="DSL Casebook",
        subject=info.marking,
        initialFontName=REGULAR,  # otherwise every page also carries an unused Helvetica
        initialFontSize=8,
        initialLeading=10,
    )
    frame = Frame(
        MARGIN,
        FOOTER_RULE + 4,
        width - 2 * MARGIN,
        height - body_top - FOOTER_RULE - 4,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    canvases: list[NumberedCanvas] = []

    def furniture(canvas: Canvas, page: int, total: int) -> None:
        draw_furniture(canvas, info, page, total, extra)

    def make_canvas(*args: Any, **kwargs: Any) -> NumberedCanvas:
        canvas = NumberedCanvas(*args, furniture=furniture, **kwargs)
        canvases.append(canvas)
        return canvas

    doc.build(list(story), canvasmaker=partial(make_canvas))
    pages = canvases[-1].page_count if canvases else 0
    return buffer.getvalue(), pages


# ---- documents in parts (the referral pack; the MASH enquiry with its section bookmarks) ----------


@dataclass(frozen=True)
class OutlineMark:
    page: int
    key: str
    title: str
    level: int
    part: str = ""
    """Set on the mark that starts a part."""


@dataclass
class PageIndex:
    """Where each part and bookmark landed, filled in while the story is laid out and complete by the
    time page furniture is drawn (so a contents list can give page numbers in a single pass)."""

    starts: dict[str, int]
    marks: list[OutlineMark]


def record_bookmark(canvas: Canvas, key: str, title: str, level: int = 0, part: str = "") -> None:
    """Note an outline entry for the page being drawn (a no-op outside ``build_parts_pdf``)."""
    index = getattr(canvas, "page_index", None)
    if isinstance(index, PageIndex):
        page = canvas.getPageNumber()
        index.marks.append(OutlineMark(page, key, title, level, part))
        if part:
            index.starts.setdefault(part, page)


class Bookmark(Flowable):  # type: ignore[misc]
    """Zero-size marker: an outline entry (PDF bookmark) for the page it lands on. (A heading that may
    move to the next page should record its own bookmark when drawn: see ``record_bookmark``.)"""

    def __init__(self, key: str, title: str, level: int = 0, *, part: str = "") -> None:
        super().__init__()
        self.key = key
        self.title = title
        self.level = level
        self.part = part
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        record_bookmark(self.canv, self.key, self.title, self.level, self.part)


Overlay = Callable[[Canvas, int, PageIndex], None]
"""Draws on page ``n`` once every page's place is known: (canvas, page number, index)."""


@dataclass(frozen=True)
class PagePart:
    """One part of a document: its pages' header and orientation, and its content."""

    key: str
    title: str
    """The outline (bookmark) entry for the part."""
    info: PageInfo
    story: Sequence[Flowable]
    body_top: float = HEADER_RULE + 4
    extra: Decorate | None = None
    overlay: Overlay | None = None


@dataclass(frozen=True)
class BuiltPdf:
    data: bytes
    pages: int
    starts: dict[str, int]
    """First page of each part, by key."""
    outline: tuple[OutlineMark, ...]


def build_parts_pdf(
    parts: Sequence[PagePart], *, title: str, author: str, after: tuple[str, int] | None = None
) -> BuiltPdf:
    """Lay out several parts, each starting on a new page with its own header (and orientation: a
    landscape chronology inside a portrait pack), numbered "Page X of Y" over the whole document, with a
    PDF outline entry per part (and per ``Bookmark`` in the stories).

    ``after`` is (key, pages) of a section another step appends (a pack's attachments): its pages are
    counted in every "of Y" and its first page is ``starts[key]``, for a contents list."""
    after_key, pages_after = after if after else ("", 0)
    from reportlab.platypus import NextPageTemplate, PageBreak

    if not parts:
        raise ValueError("a document needs at least one part")
    register_fonts()
    index = PageIndex(starts={}, marks=[])
    templates = []
    story: list[Flowable] = []
    for number, part in enumerate(parts):
        width, height = part.info.pagesize
        frame = Frame(
            MARGIN,
            FOOTER_RULE + 4,
            width - 2 * MARGIN,
            height - part.body_top - FOOTER_RULE - 4,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=f"{part.key}-body",
        )
        templates.append(PageTemplate(id=part.key, frames=[frame], pagesize=part.info.pagesize))
        if number:
            story.extend([NextPageTemplate(part.key), PageBreak()])
        story.append(Bookmark(f"part-{part.key}", part.title, 0, part=part.key))
        story.extend(part.story)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=parts[0].info.pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=parts[0].body_top,
        bottomMargin=FOOTER_RULE + 4,
        title=f"{title} ({parts[0].info.marking})",
        author=author,
        creator="DSL Casebook",
        subject=parts[0].info.marking,
        initialFontName=REGULAR,
        initialFontSize=8,
        initialLeading=10,
    )
    doc.addPageTemplates(templates)
    by_key = {part.key: part for part in parts}
    canvases: list[NumberedCanvas] = []

    def part_of(page: int) -> PagePart:
        current = parts[0]
        for mark in index.marks:
            if mark.part and mark.page <= page:
                current = by_key[mark.part]
        return current

    def furniture(canvas: Canvas, page: int, total: int) -> None:
        if pages_after:
            index.starts.setdefault(after_key, total - pages_after + 1)
        part = part_of(page)
        draw_furniture(canvas, part.info, page, total, part.extra)
        if part.overlay is not None:
            part.overlay(canvas, page, index)
        for mark in index.marks:
            if mark.page == page:
                canvas.bookmarkPage(mark.key)
                canvas.addOutlineEntry(mark.title, mark.key, level=mark.level, closed=mark.level > 0)
        if page == 1:
            canvas.showOutline()

    def make_canvas(*args: Any, **kwargs: Any) -> NumberedCanvas:
        canvas = NumberedCanvas(*args, furniture=furniture, pages_after=pages_after, **kwargs)
        canvas.page_index = index
        canvases.append(canvas)
        return canvas

    doc.build(story, canvasmaker=partial(make_canvas))
    pages = canvases[-1].page_count if canvases else 0
    return BuiltPdf(buffer.getvalue(), pages, dict(index.starts), tuple(index.marks))
