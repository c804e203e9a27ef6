"""Form-like building blocks for the MASH enquiry and the referral pack (A4 portrait).

A section is a dark band with its number and heading; each answer is a box with its label in a shaded
strip and the answer below; short answers sit two or three to a row. Long answers wrap and split
between lines across pages (the continuation is labelled "(continued)"), so nothing is ever cut.
An empty answer says "Not provided" (in red where the form requires it), never a blank box.

Text is wrapped with ``text.Wrapper`` (cached word widths; Arabic shaped; long words broken) and drawn
with one text object per box, like the chronology's rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from dslapp.export.fonts import BOLD, REGULAR, register_fonts
from dslapp.export.page import INK, MUTED, record_bookmark
from dslapp.export.text import Line as Line  # re-exported: the MASH form imports it from here
from dslapp.export.text import Wrapper, para, visual, write_lines

BODY_SIZE = 9.0
BODY_LEADING = 11.6
LABEL_SIZE = 7.6
LABEL_LEADING = 9.6
PAD_X = 5.0
PAD_Y = 4.0
BAND_HEIGHT = 18.0
MIN_SPLIT_LINES = 2
KEEP_WHOLE_LINES = 6
"""A box of up to this many lines is never split: it moves to the next page whole."""

BAND = colors.HexColor("#243b53")
BAND_TEXT = colors.white
SUB_BAND = colors.HexColor("#d9e2ec")
LABEL_FILL = colors.HexColor("#eef1f4")
BORDER = colors.HexColor("#9aa5b1")
MISSING = colors.HexColor("#b42318")
ACCENT = colors.HexColor("#b42318")
NOT_PROVIDED = "Not provided"
CHECKED = "☒"
UNCHECKED = "☐"


class Fonts:
    """Wrappers shared by every box of one document (word widths are cached per wrapper)."""

    def __init__(self) -> None:
        register_fonts()
        self.body = Wrapper(REGULAR, BODY_SIZE)
        self.bold_body = Wrapper(BOLD, BODY_SIZE)
        self.label = Wrapper(BOLD, LABEL_SIZE)
        self._wrappers: dict[tuple[str, float], Wrapper] = {}

    def wrapper(self, font: str, size: float) -> Wrapper:
        found = self._wrappers.get((font, size))
        if found is None:
            found = self._wrappers[(font, size)] = Wrapper(font, size)
        return found

    def lines(self, text: str, width: float, *, colour: Any = INK, bold: bool = False) -> list[Line]:
        wrapper = self.bold_body if bold else self.body
        font = BOLD if bold else REGULAR
        return [(font, BODY_SIZE, colour, line) for line in wrapper.wrap(text, width - 2 * PAD_X)]

    def answer(self, text: str, width: float, *, required: bool = False) -> list[Line]:
        """An answer's lines, or "Not provided" (red if the answer is required)."""
        lines = self.lines(text, width)
        return lines or [(REGULAR, BODY_SIZE, MISSING if required else MUTED, NOT_PROVIDED)]

    def label_lines(self, text: str, width: float) -> list[str]:
        return self.label.wrap(text, width - 2 * PAD_X)


def yes_no(value: bool | None) -> str:
    """Tick boxes as printed: ☒ Yes ☐ No (or empty when not answered)."""
    if value is None:
        return ""
    return f"{CHECKED if value else UNCHECKED} Yes     {UNCHECKED if value else CHECKED} No"


def _label_height(lines: Sequence[str]) -> float:
    return len(lines) * LABEL_LEADING + 2 * 2.5


def _draw_lines(canvas: Canvas, x: float, top: float, lines: Sequence[Line], leading: float) -> None:
    text = canvas.beginText()
    text.setTextOrigin(x, top)
    write_lines(text, lines, leading)
    canvas.drawText(text)


def _draw_label(canvas: Canvas, x: float, top: float, width: float, lines: Sequence[str], fill: Any) -> float:
    """The shaded label strip at ``top``; returns its height."""
    height = _label_height(lines)
    canvas.setFillColor(fill)
    canvas.rect(x, top - height, width, height, stroke=0, fill=1)
    _draw_lines(
        canvas, x + PAD_X, top - 2.5 - LABEL_LEADING + 2.3, [(BOLD, LABEL_SIZE, INK, t) for t in lines], LABEL_LEADING
    )
    return height


class FieldBox(Flowable):  # type: ignore[misc]
    """A full-width answer: label strip, then the answer's lines. Splits between lines."""

    def __init__(
        self,
        label: str,
        lines: list[Line],
        width: float,
        fonts: Fonts,
        *,
        border: Any = BORDER,
        label_fill: Any = LABEL_FILL,
        min_lines: int = 1,
    ) -> None:
        super().__init__()
        self.label = label
        self.lines = lines
        self.width = width
        self.fonts = fonts
        self.border = border
        self.label_fill = label_fill
        self.min_lines = min_lines
        self.label_lines = fonts.label_lines(label, width)
        self.label_height = _label_height(self.label_lines)
        self.height = self.label_height + max(len(lines), min_lines) * BODY_LEADING + 2 * PAD_Y

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self.height <= avail_height:
            return [self]
        if len(self.lines) <= KEEP_WHOLE_LINES:
            return []
        fit = int((avail_height - self.label_height - 2 * PAD_Y) // BODY_LEADING)
        fit = min(fit, len(self.lines) - MIN_SPLIT_LINES)
        if fit < MIN_SPLIT_LINES:
            return []
        # Do not leave a blank line at the foot of the first part or the top of the next.
        head, tail = self.lines[:fit], self.lines[fit:]
        while tail and not tail[0][3]:
            tail = tail[1:]
        options = {"border": self.border, "label_fill": self.label_fill}
        return [
            FieldBox(self.label, head, self.width, self.fonts, **options),
            FieldBox(f"{self.label} (continued)", tail, self.width, self.fonts, **options),
        ]

    def draw(self) -> None:
        canvas: Canvas = self.canv
        top = self.height
        label_height = _draw_label(canvas, 0, top, self.width, self.label_lines, self.label_fill)
        _draw_lines(canvas, PAD_X, top - label_height - PAD_Y - BODY_LEADING + 2.6, self.lines, BODY_LEADING)
        canvas.setStrokeColor(self.border)
        canvas.setLineWidth(0.6 if self.border is BORDER else 1.2)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.setLineWidth(0.4)
        canvas.line(0, top - label_height, self.width, top - label_height)


@dataclass(frozen=True)
class Cell:
    label: str
    lines: list[Line]
    width: float
    min_lines: int = 1


class FieldRow(Flowable):  # type: ignore[misc]
    """Short answers side by side, each a labelled box; all boxes in the row share its height."""

    def __init__(self, cells: Sequence[Cell], fonts: Fonts) -> None:
        super().__init__()
        self.cells = list(cells)
        self.width = sum(c.width for c in cells)
        self.label_lines = [fonts.label_lines(c.label, c.width) for c in cells]
        self.label_height = max(_label_height(lines) for lines in self.label_lines)
        rows = max(max(len(c.lines), c.min_lines) for c in cells)
        self.height = self.label_height + rows * BODY_LEADING + 2 * PAD_Y

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return [self] if self.height <= avail_height else []

    def draw(self) -> None:
        canvas: Canvas = self.canv
        top = self.height
        x = 0.0
        canvas.setFillColor(LABEL_FILL)
        canvas.rect(0, top - self.label_height, self.width, self.label_height, stroke=0, fill=1)
        for cell, labels in zip(self.cells, self.label_lines, strict=True):
            _draw_lines(
                canvas,
                x + PAD_X,
                top - 2.5 - LABEL_LEADING + 2.3,
                [(BOLD, LABEL_SIZE, INK, t) for t in labels],
                LABEL_LEADING,
            )
            _draw_lines(
                canvas, x + PAD_X, top - self.label_height - PAD_Y - BODY_LEADING + 2.6, cell.lines, BODY_LEADING
            )
            x += cell.width
        canvas.setStrokeColor(BORDER)
        canvas.setLineWidth(0.6)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.setLineWidth(0.4)
        canvas.line(0, top - self.label_height, self.width, top - self.label_height)
        x = 0.0
        for cell in self.cells[:-1]:
            x += cell.width
            canvas.line(x, 0, x, top)


class SectionHeading(Flowable):  # type: ignore[misc]
    """A section's band: "3  The child" in white on dark blue (or a lighter band for a sub-heading).

    Never left alone at the foot of a page: with less than ``MIN_FOLLOW`` below it, it moves to the next
    page (on its own, so a long answer after it still starts straight after it). With ``bookmark``
    (key, title, level) it adds the PDF outline entry for the page it is drawn on.
    """

    MIN_FOLLOW = 62.0

    def __init__(
        self,
        heading: str,
        width: float,
        *,
        number: int | None = None,
        sub: bool = False,
        bookmark: tuple[str, str, int] | None = None,
    ) -> None:
        super().__init__()
        self.heading = heading
        self.number = number
        self.sub = sub
        self.width = width
        self.bookmark = bookmark
        self.space = 4.0 if sub else 9.0
        self.band = 15.0 if sub else BAND_HEIGHT
        self.height = self.band + self.space

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_height < self.height + self.MIN_FOLLOW:
            return self.width, avail_height + 1  # "does not fit": split() then sends it to the next page
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        canvas: Canvas = self.canv
        if self.bookmark is not None:
            record_bookmark(canvas, *self.bookmark)
        canvas.setFillColor(SUB_BAND if self.sub else BAND)
        canvas.rect(0, 0, self.width, self.band, stroke=0, fill=1)
        canvas.setFillColor(INK if self.sub else BAND_TEXT)
        size = 9.0 if self.sub else 10.5
        canvas.setFont(BOLD, size)
        baseline = (self.band - size) / 2 + 2
        x = PAD_X + 1
        if self.number is not None:
            number = f"{self.number}"
            canvas.drawString(x, baseline, number)
            x += max(canvas.stringWidth(number, BOLD, size) + 8, 18)
        canvas.drawString(x, baseline, visual(self.heading))


class TextLines(Flowable):  # type: ignore[misc]
    """Lines drawn as given (titles, notes), each with its own font, size and colour."""

    def __init__(
        self, lines: Sequence[Line], width: float, *, leading_factor: float = 1.28, space_after: float = 0
    ) -> None:
        super().__init__()
        self.lines = list(lines)
        self.width = width
        self.leadings = [size * leading_factor for _, size, _, _ in lines]
        self.space_after = space_after
        self.height = sum(self.leadings) + space_after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        y = self.height
        for (font, size, colour, text), leading in zip(self.lines, self.leadings, strict=True):
            y -= leading
            canvas.setFont(font, size)
            canvas.setFillColor(colour)
            canvas.drawString(0, y + (leading - size) / 2, text)


def wrapped(
    fonts: Fonts, text: str, width: float, *, size: float = BODY_SIZE, bold: bool = False, colour: Any = INK
) -> list[Line]:
    """``text`` wrapped to ``width`` (no box padding) as drawable lines."""
    font = BOLD if bold else REGULAR
    return [(font, size, colour, line) for line in fonts.wrapper(font, size).wrap(text, width)]


def cells_in_rows(cells: Sequence[Cell], columns: int, width: float, fonts: Fonts) -> list[FieldRow]:
    """Short answers laid out ``columns`` to a row; a last, shorter row is stretched to the full width."""
    rows = []
    for start in range(0, len(cells), columns):
        chunk = cells[start : start + columns]
        cell_width = width / len(chunk)
        rows.append(
            FieldRow(
                [Cell(c.label, c.lines, cell_width, c.min_lines) for c in chunk],
                fonts,
            )
        )
    return rows


# ---- tables (goals, progress, contacts) ----------------------------------------------------------

_CELL = ParagraphStyle("form-cell", fontName=REGULAR, fontSize=8.2, leading=10.2, textColor=INK)
_HEAD = ParagraphStyle("form-head", parent=_CELL, fontName=BOLD, fontSize=7.6, leading=9.4)
_EMPTY = ParagraphStyle("form-empty", parent=_CELL, textColor=MUTED)


WARN_FILL = colors.HexColor("#fde8e6")


def table(
    headings: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], *, warn_rows: Sequence[int] = ()
) -> Table:
    """A simple boxed table with a shaded heading row repeated on every page; empty cells show "—".
    ``warn_rows`` (0-based indexes into ``rows``) are shaded as warnings."""
    register_fonts()
    data: list[list[Paragraph]] = [[Paragraph(para(h), _HEAD) for h in headings]]
    for row in rows:
        data.append([Paragraph(para(text), _CELL) if text.strip() else Paragraph("—", _EMPTY) for text in row])
    out = Table(data, colWidths=list(widths), repeatRows=1)
    out.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, BORDER),
                ("BOX", (0, 0), (-1, -1), 0.6, BORDER),
                # the cells are Paragraphs; without this each row still names Helvetica (never embedded)
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                *[("BACKGROUND", (0, row + 1), (-1, row + 1), WARN_FILL) for row in warn_rows],
            ]
        )
    )
    return out
