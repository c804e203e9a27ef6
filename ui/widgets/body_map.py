"""The body map: front and back outlines (drawn from ``dslapp.views.body_map``, the same definition the PDFs
use) where the DSL clicks to place numbered marks, and a description for each mark.

``BodyMapCanvas`` draws the outlines and marks (read-only in the record pane, clickable in the dialogs);
``BodyMapEditor`` puts the canvas beside the list of marks, each with its type, size, colour, shape and the
child's explanation in their own words. Marks travel as plain dicts (the fields of ``BodyMark``), so a
draft keeps them exactly as typed.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dslapp.models.concern import MAX_BODY_MARKS, BodyMark, BodyView, MarkType
from dslapp.views import body_map
from ui import strings, theme
from ui.widgets.common import field_label, text_label

CAPTION_HEIGHT = 18.0
GAP = 18.0
MARK_RADIUS = 9.0
MARK_COLOUR = "#b42318"
SIDE_INSET = body_map.SIDE_INSET


def outline_path(ops: Sequence[body_map.PathOp]) -> QPainterPath:
    """A Qt path from the shared path data (in the outline's own units, y down)."""
    path = QPainterPath()
    for step in ops:
        if step.op == "M":
            path.moveTo(*step.points[0])
        elif step.op == "C":
            (x1, y1), (x2, y2), (x3, y3) = step.points
            path.cubicTo(x1, y1, x2, y2, x3, y3)
        elif step.op == "Z":
            path.closeSubpath()
    return path


_OUTLINES = {view: [outline_path(shape) for shape in body_map.outline(view)] for view in body_map.VIEWS}
_DETAILS = {view: outline_path(body_map.details(view)) for view in body_map.VIEWS}


@dataclass(frozen=True)
class _Placement:
    """Where one view's outline is drawn in the widget: top left and scale (points per outline unit)."""

    view: BodyView
    left: float
    top: float
    scale: float

    def to_widget(self, x: float, y: float) -> QPointF:
        return QPointF(self.left + x * body_map.WIDTH * self.scale, self.top + y * body_map.HEIGHT * self.scale)

    def to_fraction(self, point: QPointF) -> tuple[float, float]:
        return (
            (point.x() - self.left) / (body_map.WIDTH * self.scale),
            (point.y() - self.top) / (body_map.HEIGHT * self.scale),
        )


def placements(width: float, height: float) -> list[_Placement]:
    """Front then back, side by side, as large as ``width`` × ``height`` allows, centred."""
    scale = min(
        (height - CAPTION_HEIGHT - 8) / body_map.HEIGHT,
        (width - GAP - 8) / (2 * body_map.WIDTH),
    )
    scale = max(scale, 0.05)
    view_width = body_map.WIDTH * scale
    left = (width - (2 * view_width + GAP)) / 2
    return [_Placement(view, left + i * (view_width + GAP), 4.0, scale) for i, view in enumerate(body_map.VIEWS)]


def paint_map(painter: QPainter, width: float, height: float, marks: Sequence[dict[str, Any]]) -> None:
    """The outlines, their captions and the numbered marks, fitted to ``width`` × ``height``."""
    colours = theme.colours()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    caption_font = QFont(painter.font())
    caption_font.setPointSizeF(8.5)
    for place in placements(width, height):
        painter.save()
        painter.translate(place.left, place.top)
        painter.scale(place.scale, place.scale)
        pen = QPen(QColor("#33404d"), 1.6 / place.scale)
        painter.setPen(pen)
        painter.setBrush(QColor("#ffffff"))
        for shape in _OUTLINES[place.view]:
            painter.drawPath(shape)
        painter.setPen(QPen(QColor("#9aa5b1"), 1.0 / place.scale))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(_DETAILS[place.view])
        painter.restore()
        view_width = body_map.WIDTH * place.scale
        caption_top = place.top + body_map.HEIGHT * place.scale + 2
        painter.setFont(caption_font)
        painter.setPen(QColor(colours.text))
        caption = QRectF(place.left, caption_top, view_width, CAPTION_HEIGHT)
        painter.drawText(caption, Qt.AlignmentFlag.AlignCenter, strings.BODY_MAP_VIEW_LABELS[place.view.value])
        painter.setPen(QColor(colours.muted))
        reader_left, reader_right = body_map.side_labels(place.view)
        sides = caption.adjusted(view_width * SIDE_INSET, 0, -view_width * SIDE_INSET, 0)
        painter.drawText(sides, Qt.AlignmentFlag.AlignLeft, strings.BODY_MAP_SIDE_LETTERS[reader_left])
        painter.drawText(sides, Qt.AlignmentFlag.AlignRight, strings.BODY_MAP_SIDE_LETTERS[reader_right])
        mark_font = QFont(painter.font())
        mark_font.setBold(True)
        mark_font.setPointSizeF(7.5)
        painter.setFont(mark_font)
        for mark in marks:
            if mark.get("view") != place.view.value:
                continue
            centre = place.to_widget(float(mark["x"]), float(mark["y"]))
            painter.setPen(QPen(QColor("#ffffff"), 1.2))
            painter.setBrush(QColor(MARK_COLOUR))
            painter.drawEllipse(centre, MARK_RADIUS, MARK_RADIUS)
            painter.setPen(QColor("#ffffff"))
            box = QRectF(centre.x() - MARK_RADIUS, centre.y() - MARK_RADIUS, 2 * MARK_RADIUS, 2 * MARK_RADIUS)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(mark["number"]))


def map_image_html(marks: Sequence[dict[str, Any]], width: int = 300, height: int = 330) -> str:
    """The map with its marks as an ``<img>`` (a PNG inside the HTML), for the read-only record pane."""
    ratio = 2.0
    image = QImage(int(width * ratio), int(height * ratio), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor(theme.colours().surface))
    painter = QPainter(image)
    try:
        paint_map(painter, width, height, marks)
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # PySide6 takes the format as str; its stubs say bytes
    encoded = base64.b64encode(bytes(data.data())).decode("ascii")
    return f'<img src="data:image/png;base64,{encoded}" width="{width}" height="{height}">'


class BodyMapCanvas(QWidget):
    """Front and back outlines with numbered marks. When ``editable``, a click on an outline emits
    ``placed(view, x, y)`` with the spot as fractions of the outline's box."""

    placed = Signal(str, float, float)

    def __init__(self, *, editable: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editable = editable
        self.marks: list[dict[str, Any]] = []
        self.setObjectName("BodyMapCanvas")
        self.setAccessibleName(strings.BODY_MAP_ACCESSIBLE)
        self.setMinimumSize(260, 300)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        if editable:
            self.setCursor(Qt.CursorShape.CrossCursor)

    def sizeHint(self) -> QSize:
        return QSize(300, 340)

    def set_marks(self, marks: Sequence[dict[str, Any]]) -> None:
        self.marks = [dict(mark) for mark in marks]
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            paint_map(painter, self.width(), self.height(), self.marks)
        finally:
            painter.end()

    def spot(self, point: QPointF) -> tuple[BodyView, float, float] | None:
        """The view and fractional position under ``point``, if it is on an outline."""
        for place in placements(self.width(), self.height()):
            x, y = place.to_fraction(point)
            if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
                continue
            inside = QPointF(x * body_map.WIDTH, y * body_map.HEIGHT)
            if any(shape.contains(inside) for shape in _OUTLINES[place.view]):
                return place.view, round(x, 4), round(y, 4)
        return None

    def point_for(self, view: BodyView, x: float, y: float) -> QPointF:
        """Where a mark at (``x``, ``y``) on ``view`` is drawn (tests click here)."""
        place = next(p for p in placements(self.width(), self.height()) if p.view == view)
        return place.to_widget(x, y)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.editable or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        found = self.spot(event.position())
        if found is not None:
            view, x, y = found
            self.placed.emit(view.value, x, y)
        event.accept()


class MarkRow(QFrame):
    """One mark's description: type, size, colour, shape, and the child's explanation."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, mark: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.number = int(mark["number"])
        self.view = str(mark["view"])
        self.mark_x = float(mark["x"])
        self.mark_y = float(mark["y"])
        grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        title = strings.BODY_MAP_MARK_TITLE.format(
            number=self.number, view=strings.BODY_MAP_VIEW_LABELS.get(self.view, self.view)
        )
        self.title = text_label(title, "SectionTitle")
        self.mark_type = QComboBox()
        for kind in MarkType:
            self.mark_type.addItem(strings.BODY_MAP_TYPES[kind.value], kind.value)
        self.mark_type.setCurrentIndex(max(0, self.mark_type.findData(mark.get("mark_type", "bruise"))))
        self.size_cm = QDoubleSpinBox()
        self.size_cm.setRange(0.0, 200.0)
        self.size_cm.setDecimals(1)
        self.size_cm.setSingleStep(0.5)
        self.size_cm.setSpecialValueText(strings.BODY_MAP_SIZE_UNKNOWN)
        size = mark.get("size_cm")
        self.size_cm.setValue(float(size) if size is not None else 0.0)
        self.colour = QLineEdit(str(mark.get("colour", "")))
        self.colour.setPlaceholderText(strings.BODY_MAP_COLOUR_HINT)
        self.shape = QLineEdit(str(mark.get("shape", "")))
        self.shape.setPlaceholderText(strings.BODY_MAP_SHAPE_HINT)
        self.explanation = QLineEdit(str(mark.get("child_explanation", "")))
        self.explanation.setPlaceholderText(strings.BODY_MAP_EXPLANATION_HINT)
        self.remove = QPushButton(strings.BODY_MAP_REMOVE_SHORT)
        self.remove.setAccessibleName(strings.BODY_MAP_REMOVE.format(number=self.number))
        self.remove.setToolTip(strings.BODY_MAP_REMOVE.format(number=self.number))
        self.remove.setAutoDefault(False)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        grid.addWidget(self.title, 0, 0)
        grid.addWidget(self.remove, 0, 1, Qt.AlignmentFlag.AlignRight)
        pairs = (
            ((strings.BODY_MAP_TYPE, self.mark_type), (strings.BODY_MAP_SIZE, self.size_cm)),
            ((strings.BODY_MAP_COLOUR, self.colour), (strings.BODY_MAP_SHAPE, self.shape)),
        )
        for index, pair in enumerate(pairs):
            for column, (label, widget) in enumerate(pair):
                grid.addWidget(field_label(label, widget), 1 + 2 * index, column)
                grid.addWidget(widget, 2 + 2 * index, column)
        grid.addWidget(field_label(strings.BODY_MAP_EXPLANATION, self.explanation), 5, 0, 1, 2)
        grid.addWidget(self.explanation, 6, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.mark_type.currentIndexChanged.connect(self.changed)
        self.size_cm.valueChanged.connect(self.changed)
        for edit in (self.colour, self.shape, self.explanation):
            edit.textChanged.connect(self.changed)

    def value(self) -> dict[str, Any]:
        size = self.size_cm.value()
        return {
            "number": self.number,
            "view": self.view,
            "x": self.mark_x,
            "y": self.mark_y,
            "mark_type": self.mark_type.currentData(),
            "size_cm": size if size > 0 else None,
            "colour": self.colour.text().strip(),
            "shape": self.shape.text().strip(),
            "child_explanation": self.explanation.text().strip(),
        }


class BodyMapEditor(QWidget):
    """The canvas beside the list of marks. ``marks()`` gives the fields of each ``BodyMark``."""

    changed = Signal()

    def __init__(self, *, stacked: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[MarkRow] = []
        layout: QBoxLayout = QVBoxLayout(self) if stacked else QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10 if stacked else 16)
        self.canvas = BodyMapCanvas(editable=True)
        self.canvas.setFixedSize(300, 340)
        self.canvas.placed.connect(self.add_mark)
        layout.addWidget(self.canvas, 0, Qt.AlignmentFlag.AlignHCenter if stacked else Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.setSpacing(6)
        self.hint = text_label(strings.BODY_MAP_HINT, "Hint", wrap=True)
        right.addWidget(self.hint)
        self.empty = text_label(strings.BODY_MAP_NONE, "Hint")
        right.addWidget(self.empty)
        self.list_holder = QWidget()
        self.list_layout = QVBoxLayout(self.list_holder)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(6)
        self.list_layout.addStretch(1)
        self.list_scroll = QScrollArea()
        self.list_scroll.setWidgetResizable(True)
        self.list_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.list_scroll.setWidget(self.list_holder)
        self.list_scroll.setMinimumHeight(300)
        right.addWidget(self.list_scroll, 1)
        layout.addLayout(right, 1)

    def add_mark(self, view: str, x: float, y: float) -> MarkRow | None:
        if len(self.rows) >= MAX_BODY_MARKS:
            return None
        number = max((row.number for row in self.rows), default=0) + 1
        row = self._add_row({"number": number, "view": view, "x": x, "y": y})
        self._refresh()
        row.colour.setFocus()
        self.list_scroll.ensureWidgetVisible(row)
        return row

    def _add_row(self, mark: dict[str, Any]) -> MarkRow:
        row = MarkRow(mark)
        row.changed.connect(self._row_changed)
        row.remove_requested.connect(self._remove)
        self.rows.append(row)
        self.list_layout.insertWidget(self.list_layout.count() - 1, row)
        row.show()
        return row

    def _remove(self, row: MarkRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self._refresh()

    def _row_changed(self) -> None:
        self.changed.emit()

    def _refresh(self) -> None:
        self.empty.setVisible(not self.rows)
        self.canvas.set_marks(self.marks())
        self.changed.emit()

    def marks(self) -> list[dict[str, Any]]:
        return [row.value() for row in self.rows]

    def set_marks(self, marks: Sequence[dict[str, Any]]) -> None:
        for row in list(self.rows):
            self.rows.remove(row)
            row.setParent(None)
            row.deleteLater()
        for mark in marks:
            if isinstance(mark, dict) and {"number", "view", "x", "y"} <= set(mark):
                self._add_row(mark)
        self.empty.setVisible(not self.rows)
        self.canvas.set_marks(self.marks())


def marks_key_html(marks: Sequence[BodyMark], esc: Callable[[Any], str]) -> str:
    """The marks' descriptions as an HTML list (escaped with ``esc``), as the PDFs word them."""
    items = "".join(f"<li>{esc(mark.description())}</li>" for mark in sorted(marks, key=lambda m: m.number))
    return f"<ul>{items}</ul>" if items else ""
