"""The body map in PDFs: the front and back outlines (``dslapp.views.body_map``) drawn as reportlab vector
paths, the numbered marks on them, and beside them a key with each mark's description.

``BodyMapFigure`` is a flowable: the chronology puts one straight after the row of a concern with marks,
the MASH enquiry and the referral pack after the concern's account, and the blank concern form draws the
outlines with no marks for staff to mark by hand.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from dslapp.export.fonts import BOLD, REGULAR, register_fonts
from dslapp.export.page import INK, MUTED
from dslapp.export.text import Wrapper
from dslapp.models.concern import BodyMark, BodyView, Concern
from dslapp.views.body_map import (
    HEIGHT,
    SIDE_INSET,
    VIEW_CAPTIONS,
    VIEWS,
    WIDTH,
    PathOp,
    details,
    marks_on,
    outline,
    side_labels,
)

OUTLINE = colors.HexColor("#33404d")
DETAIL = colors.HexColor("#9aa5b1")
MARK_FILL = colors.HexColor("#b42318")
FRAME = colors.HexColor("#b8c2cc")
MARK_RADIUS = 5.2
CAPTION_SIZE = 7.5
KEY_SIZE = 8.0
KEY_LEADING = 10.2
PAD = 6.0
GAP = 14.0
CAPTION_SPACE = 13.0
KEY_HEADING = "Body map: marks"


def draw_outline(canvas: Canvas, view: BodyView, left: float, bottom: float, height: float) -> None:
    """``view``'s outline fitted to ``height`` points with its bottom left corner at (``left``, ``bottom``)."""
    scale = height / HEIGHT
    canvas.saveState()
    canvas.setLineJoin(1)
    canvas.setLineCap(1)
    canvas.setStrokeColor(OUTLINE)
    canvas.setFillColor(colors.white)
    canvas.setLineWidth(0.9)
    for shape in outline(view):
        canvas.drawPath(_path(canvas, shape, left, bottom, height, scale), stroke=1, fill=1)
    canvas.setStrokeColor(DETAIL)
    canvas.setLineWidth(0.5)
    canvas.drawPath(_path(canvas, details(view), left, bottom, height, scale), stroke=1, fill=0)
    canvas.restoreState()


def _path(canvas: Canvas, ops: Sequence[PathOp], left: float, bottom: float, height: float, scale: float) -> object:
    path = canvas.beginPath()

    def at(point: tuple[float, float]) -> tuple[float, float]:
        return left + point[0] * scale, bottom + height - point[1] * scale

    for step in ops:
        if step.op == "M":
            path.moveTo(*at(step.points[0]))
        elif step.op == "C":
            (x1, y1), (x2, y2), (x3, y3) = (at(p) for p in step.points)
            path.curveTo(x1, y1, x2, y2, x3, y3)
        elif step.op == "Z":
            path.close()
    return path


def draw_marks(canvas: Canvas, marks: Sequence[BodyMark], left: float, bottom: float, height: float) -> None:
    """Numbered dots for ``marks`` (all on one view) over an outline drawn at the same place and size."""
    width = height * WIDTH / HEIGHT
    canvas.saveState()
    for mark in marks:
        x = left + mark.x * width
        y = bottom + height - mark.y * height
        canvas.setFillColor(MARK_FILL)
        canvas.setStrokeColor(colors.white)
        canvas.setLineWidth(0.6)
        canvas.circle(x, y, MARK_RADIUS, stroke=1, fill=1)
        canvas.setFillColor(colors.white)
        label = str(mark.number)
        canvas.setFont(BOLD, 6.0 if len(label) < 2 else 5.2)
        canvas.drawCentredString(x, y - 2.1, label)
    canvas.restoreState()


def draw_views(
    canvas: Canvas, marks: Sequence[BodyMark], left: float, bottom: float, height: float, gap: float = GAP
) -> float:
    """Front and back side by side, captions under each; returns the width used. ``height`` excludes captions."""
    register_fonts()
    width = height * WIDTH / HEIGHT
    top = bottom + CAPTION_SPACE
    for index, view in enumerate(VIEWS):
        x = left + index * (width + gap)
        draw_outline(canvas, view, x, top, height)
        draw_marks(canvas, marks_on(marks, view), x, top, height)
        reader_left, reader_right = side_labels(view)
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, CAPTION_SIZE)
        canvas.drawCentredString(x + width / 2, bottom + 2, VIEW_CAPTIONS[view])
        canvas.setFillColor(MUTED)
        canvas.setFont(REGULAR, CAPTION_SIZE - 1)
        inset = width * SIDE_INSET
        canvas.drawString(x + inset, bottom + 2, reader_left[0])
        canvas.drawRightString(x + width - inset, bottom + 2, reader_right[0])
    return 2 * width + gap


def views_width(height: float, gap: float = GAP) -> float:
    return 2 * height * WIDTH / HEIGHT + gap


class BodyMapFigure(Flowable):  # type: ignore[misc]
    """The outlines with their marks on the left and the key on the right, in a thin frame; ``width`` wide.

    A key too long for the rest of the page continues on the next (the outlines stay with its first part)."""

    def __init__(
        self,
        marks: Sequence[BodyMark],
        width: float,
        *,
        map_height: float = 150.0,
        heading: str = KEY_HEADING,
        key_lines: list[tuple[str, str]] | None = None,
        show_map: bool = True,
    ) -> None:
        super().__init__()
        register_fonts()
        self.marks = list(marks)
        self.width = width
        self.map_height = map_height
        self.heading = heading
        self.show_map = show_map
        self.map_width = views_width(map_height) if show_map else 0.0
        if key_lines is None:
            wrapper = Wrapper(REGULAR, KEY_SIZE)
            key_width = self.key_width
            key_lines = [(BOLD, heading)]
            for mark in sorted(self.marks, key=lambda m: m.number):
                key_lines.extend((REGULAR, line) for line in wrapper.wrap(mark.description(), key_width))
        self.key_lines = key_lines
        figure = (map_height + CAPTION_SPACE) if show_map else 0.0
        self.height = max(figure, len(self.key_lines) * KEY_LEADING) + 2 * PAD

    @property
    def key_left(self) -> float:
        return PAD + (self.map_width + 2 * PAD if self.show_map else 0.0)

    @property
    def key_width(self) -> float:
        return self.width - self.key_left - PAD

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self.height <= avail_height:
            return [self]
        figure = (self.map_height + CAPTION_SPACE) if self.show_map else 0.0
        if figure + 2 * PAD > avail_height:
            return []
        fit = int((avail_height - 2 * PAD) // KEY_LEADING)
        if fit < 2:
            return []
        first = BodyMapFigure(
            self.marks, self.width, map_height=self.map_height, key_lines=self.key_lines[:fit], show_map=self.show_map
        )
        rest = [(BOLD, f"{self.heading} (continued)"), *self.key_lines[fit:]]
        second = BodyMapFigure(self.marks, self.width, map_height=self.map_height, key_lines=rest, show_map=False)
        second.map_width = self.map_width  # keep the key in the same column as the first part
        second.show_map = False
        return [first, second]

    def draw(self) -> None:
        canvas: Canvas = self.canv
        canvas.setStrokeColor(FRAME)
        canvas.setLineWidth(0.4)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        if self.show_map:
            draw_views(canvas, self.marks, PAD, self.height - PAD - self.map_height - CAPTION_SPACE, self.map_height)
        text = canvas.beginText()
        text.setTextOrigin(self.key_left_drawn, self.height - PAD - KEY_SIZE)
        text.setFillColor(INK)
        for font, line in self.key_lines:
            text.setFont(font, KEY_SIZE, KEY_LEADING)
            text.textLine(line)
        canvas.drawText(text)

    @property
    def key_left_drawn(self) -> float:
        return PAD + (self.map_width + 2 * PAD if self.map_width else 0.0)


def concerns_with_marks(concerns: Sequence[Concern], ids: Collection[uuid.UUID]) -> list[Concern]:
    """Those of ``concerns`` named in ``ids`` that have marks on their body map, oldest first."""
    wanted = set(ids)
    return sorted((c for c in concerns if c.id in wanted and c.body_marks), key=lambda c: c.observed_at)
