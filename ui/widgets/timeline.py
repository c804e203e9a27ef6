"""A visual timeline of a child's significant events: a lane per category, markers by severity.

The widget only draws: it takes ``TimelineEvent``s (``dslapp.services.timeline``) and never touches
the database. Zoom runs from years to weeks with the mouse wheel (about the pointer), the + / − buttons
or keys; drag or the scroll bar pans; "Fit" shows everything. Clicking an event emits
``eventActivated(record_id)`` so the window can open the record.

Markers: size and colour by severity (high: large red, medium: orange, low: small blue; colours from a
colour-blind-safe palette, and size carries the meaning too), diamonds for milestones (referrals,
plans, decisions), hollow markers for approximate dates. Successive events in a lane are joined and
the gap in days is written between them when there is room; a lane whose gaps are shrinking is marked
"getting closer together".
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QScrollBar,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from dslapp.models import Severity
from dslapp.services.timeline import MILESTONES, Lane, Timeline, TimelineEvent, timeline_from_events
from dslapp.text import dmy
from ui import strings

LABEL_WIDTH = 210
AXIS_HEIGHT = 40
LANE_HEIGHT = 46
EDGE_REACH = 24
"""Pixels beyond the plot within which an event is still painted (its marker can reach into the plot)."""
BOTTOM_MARGIN = 10
MARKER_GRAIN = 4
"""Markers per pixel that can differ: two copies of one marker closer than this are painted once."""
MIN_PX_PER_DAY = 0.04  # about 25 years across a wide window
MAX_PX_PER_DAY = 48.0  # a week fills about 340 px
ZOOM_STEP = 1.4

SEVERITY_RADIUS = {Severity.HIGH: 8.5, Severity.MEDIUM: 6.5, Severity.LOW: 4.5}
SEVERITY_COLOUR = {
    Severity.HIGH: QColor("#c0392b"),
    Severity.MEDIUM: QColor("#e69f00"),
    Severity.LOW: QColor("#0072b2"),
}
NO_SEVERITY_RADIUS = 5.5
MILESTONE_COLOUR = QColor("#3e4c59")
INK = QColor("#1f2933")
MUTED = QColor("#616e7c")
GRID_MAJOR = QColor("#cbd2d9")
GRID_MINOR = QColor("#e4e7eb")
LANE_STRIPE = QColor("#f5f7fa")
ALERT = QColor("#b42318")
SELECTED = QColor("#1f2933")


@dataclass(frozen=True)
class _Placed:
    event: TimelineEvent
    lane: int
    point: QPointF
    radius: float


class _Canvas(QWidget):
    """The drawing surface; ``TimelineView`` owns the zoom and pan state."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        self.view = view
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._drawn: QPixmap | None = None
        self._drawn_key: tuple[object, ...] = ()
        self._press: QPointF | None = None
        self._press_offset = 0.0
        self._dragged = False

    def sizeHint(self) -> QSize:
        return QSize(900, self.minimumHeight())

    # ---- painting ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """The drawing is kept in a pixmap until what it shows changes (the events, the size, the zoom, the pan or
        the selection): the record's other paints (a splitter moved, a grab, a row selected below) cost a copy."""
        key = self._drawing_key()
        if self._drawn is None or self._drawn_key != key:
            ratio = self.devicePixelRatioF()
            pixmap = QPixmap(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(QColor("white"))
            painter = QPainter(pixmap)
            self.draw(painter)
            painter.end()
            self._drawn, self._drawn_key = pixmap, key
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._drawn)
        painter.end()

    def _drawing_key(self) -> tuple[object, ...]:
        view = self.view
        return (
            view.generation,
            self.width(),
            self.height(),
            self.devicePixelRatioF(),
            view.px_per_day,
            view.offset,
            view.selected_id,
            self.font().key(),
        )

    def draw(self, painter: QPainter) -> None:
        """Draw the whole timeline (axis, lanes, labels) with ``painter``."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        view = self.view
        lanes = view.timeline.lanes
        if not lanes:
            painter.setPen(MUTED)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, strings.TIMELINE_EMPTY)
            return
        plot = self.plot_rect()
        for index, _lane in enumerate(lanes):
            top = AXIS_HEIGHT + index * LANE_HEIGHT
            if index % 2 == 0:
                painter.fillRect(QRectF(0, top, self.width(), LANE_HEIGHT), LANE_STRIPE)
        self._paint_axis(painter, plot)
        painter.save()
        painter.setClipRect(plot.adjusted(-10, 0, 10, 0))
        for index, lane in enumerate(lanes):
            self._paint_lane(painter, index, lane)
        painter.restore()
        self._paint_labels(painter, lanes)

    def plot_rect(self) -> QRectF:
        height = AXIS_HEIGHT + len(self.view.timeline.lanes) * LANE_HEIGHT
        return QRectF(LABEL_WIDTH, AXIS_HEIGHT, max(1, self.width() - LABEL_WIDTH - 16), height - AXIS_HEIGHT)

    def _paint_axis(self, painter: QPainter, plot: QRectF) -> None:
        view = self.view
        first, last = view.visible_range()
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(small)
        bottom = plot.bottom()
        major, minor, label = view.tick_plan()
        # Minor ticks: light lines.
        painter.setPen(QPen(GRID_MINOR, 1))
        for day in _ticks(first, last, minor):
            x = view.x_of(day)
            if plot.left() <= x <= plot.right():
                painter.drawLine(QPointF(x, AXIS_HEIGHT), QPointF(x, bottom))
        # Major ticks: darker lines with labels.
        for day in _ticks(first, last, major):
            x = view.x_of(day)
            if not plot.left() - 1 <= x <= plot.right() + 1:
                continue
            painter.setPen(QPen(GRID_MAJOR, 1))
            painter.drawLine(QPointF(x, AXIS_HEIGHT - 8), QPointF(x, bottom))
            painter.setPen(INK)
            painter.setFont(bold if major == "year" else small)
            painter.drawText(QPointF(x + 3, AXIS_HEIGHT - 12), _tick_label(day, label))
        painter.setFont(small)
        painter.setPen(QPen(GRID_MAJOR, 1))
        painter.drawLine(QPointF(plot.left(), AXIS_HEIGHT), QPointF(plot.right(), AXIS_HEIGHT))
        painter.setPen(MUTED)
        painter.drawText(QPointF(8, AXIS_HEIGHT - 12), strings.TIMELINE_LANES)

    def _paint_lane(self, painter: QPainter, index: int, lane: Lane) -> None:
        view = self.view
        y = AXIS_HEIGHT + index * LANE_HEIGHT + LANE_HEIGHT / 2
        events = self.on_screen(lane.events, with_neighbours=True)  # what is painted costs the screen, not the file
        xs = [view.x_of(e.on) for e in events]
        # Join successive events, and write the gap in days where there is room.
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, small.pointSizeF() * 0.75))
        painter.setFont(small)
        metrics = QFontMetrics(small)
        if len(xs) > 1:  # the events sit on one level line: joining each to the next draws this one line
            painter.setPen(QPen(GRID_MAJOR, 1.2))
            painter.drawLine(QPointF(xs[0], y), QPointF(xs[-1], y))
        painter.setPen(MUTED)
        for number in range(1, len(xs)):
            a, b = xs[number - 1], xs[number]
            if b - a <= 22:  # no room for any label
                continue
            text = strings.TIMELINE_GAP_DAYS.format(days=(events[number].on - events[number - 1].on).days)
            if b - a > metrics.horizontalAdvance(text) + 22:
                painter.drawText(QPointF((a + b) / 2 - metrics.horizontalAdvance(text) / 2, y - 9), text)
        # Years of a heavy child's events put many markers on the same pixel: each distinct marker (pixel, shape,
        # colour, fill, selection) is painted once, where its last copy is painted in date order, so what lies on
        # top is what painting every copy in order would leave there.
        markers: dict[tuple[int, object, bool, bool], TimelineEvent] = {}
        selected_id = view.selected_id
        for event, x in zip(events, xs, strict=True):
            look = (round(x * MARKER_GRAIN), event.severity, event.approximate, event.record_id == selected_id)
            markers.pop(look, None)  # a later copy covers this one
            markers[look] = event
        milestone = lane.key == MILESTONES
        ratio = painter.device().devicePixelRatioF()
        for (grain, _severity, _approximate, selected), event in markers.items():
            _draw_marker(painter, event, grain, y, milestone, selected, ratio)

    def _paint_labels(self, painter: QPainter, lanes: Sequence[Lane]) -> None:
        painter.fillRect(QRectF(0, AXIS_HEIGHT, LABEL_WIDTH - 6, len(lanes) * LANE_HEIGHT), QColor(255, 255, 255, 235))
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        for index, lane in enumerate(lanes):
            top = AXIS_HEIGHT + index * LANE_HEIGHT
            rect = QRectF(8, top + 4, LABEL_WIDTH - 18, LANE_HEIGHT / 2)
            painter.setFont(bold)
            painter.setPen(INK)
            label = QFontMetrics(bold).elidedText(lane.label, Qt.TextElideMode.ElideRight, int(rect.width()))
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            painter.setFont(small)
            count = _event_count(len(lane.events))
            below = QRectF(8, top + LANE_HEIGHT / 2, LABEL_WIDTH - 18, LANE_HEIGHT / 2 - 4)
            if lane.getting_closer:
                painter.setPen(ALERT)
                painter.drawText(
                    below,
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                    strings.TIMELINE_GETTING_CLOSER.format(count=count),
                )
            else:
                painter.setPen(MUTED)
                painter.drawText(below, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, count)
        painter.setPen(QPen(GRID_MAJOR, 1))
        painter.drawLine(QPointF(LABEL_WIDTH - 6, 0), QPointF(LABEL_WIDTH - 6, AXIS_HEIGHT + len(lanes) * LANE_HEIGHT))

    # ---- hit testing and interaction -----------------------------------------------------------

    def on_screen(self, events: Sequence[TimelineEvent], *, with_neighbours: bool = False) -> Sequence[TimelineEvent]:
        """The run of ``events`` (oldest first) within the plot and a marker's reach either side of it, and with
        ``with_neighbours`` the one before and after (the lines to them cross the edge): found by bisection, so
        a lane of 2,000 events costs what is on screen."""
        plot = self.plot_rect()
        first = self.view.day_at(plot.left() - EDGE_REACH)
        last = self.view.day_at(plot.right() + EDGE_REACH)
        low = bisect.bisect_left(events, first, key=_on)
        high = bisect.bisect_right(events, last, key=_on)
        if with_neighbours:
            low, high = max(0, low - 1), min(len(events), high + 1)
        return events[low:high]

    def placed(self) -> list[_Placed]:
        view = self.view
        out = []
        plot = self.plot_rect()
        for index, lane in enumerate(view.timeline.lanes):
            y = AXIS_HEIGHT + index * LANE_HEIGHT + LANE_HEIGHT / 2
            for event in self.on_screen(lane.events):
                x = view.x_of(event.on)
                if plot.left() - 10 <= x <= plot.right() + 10:
                    out.append(_Placed(event, index, QPointF(x, y), _radius(event)))
        return out

    def lane_at(self, pos: QPointF) -> Lane | None:
        index = int((pos.y() - AXIS_HEIGHT) // LANE_HEIGHT)
        lanes = self.view.timeline.lanes
        return lanes[index] if pos.y() >= AXIS_HEIGHT and 0 <= index < len(lanes) else None

    def event_at(self, pos: QPointF) -> TimelineEvent | None:
        best: tuple[float, TimelineEvent] | None = None
        for item in self.placed():
            dx, dy = item.point.x() - pos.x(), item.point.y() - pos.y()
            distance = (dx * dx + dy * dy) ** 0.5
            if distance <= item.radius + 4 and (best is None or distance < best[0]):
                best = (distance, item.event)
        return best[1] if best else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._press_offset = self.view.offset
            self._dragged = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            dx = event.position().x() - self._press.x()
            if abs(dx) > 4:
                self._dragged = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
            if self._dragged:
                self.view.set_offset(self._press_offset - dx)
            return
        hit = self.event_at(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if hit else Qt.CursorShape.ArrowCursor)
        lane = self.lane_at(event.position())
        if hit is not None:
            QToolTip.showText(event.globalPosition().toPoint(), _tooltip(hit), self)
        elif lane is not None and event.position().x() < LABEL_WIDTH:
            QToolTip.showText(event.globalPosition().toPoint(), _lane_tooltip(lane), self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            if not self._dragged:
                hit = self.event_at(event.position())
                if hit is not None:
                    self.view.activate(hit)
            self._press = None
            self._dragged = False
            self.setCursor(Qt.CursorShape.ArrowCursor)
        super().mouseReleaseEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.view.zoom_by(ZOOM_STEP**steps, anchor_x=event.position().x())
            event.accept()
        else:
            super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.view.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.view.zoom_out()
        elif key == Qt.Key.Key_Left:
            self.view.set_offset(self.view.offset - self.plot_rect().width() / 4)
        elif key == Qt.Key.Key_Right:
            self.view.set_offset(self.view.offset + self.plot_rect().width() / 4)
        elif key == Qt.Key.Key_Home:
            self.view.fit()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.view.on_canvas_resized()


class TimelineView(QWidget):
    """Lanes per category, zoomable from years to weeks. Emits ``eventActivated(record_id)`` on a click."""

    eventActivated = Signal(str)

    def __init__(self, events: Sequence[TimelineEvent] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline: Timeline = timeline_from_events(())
        self.px_per_day = 1.0
        self.offset = 0.0
        self.selected_id = ""
        self.generation = 0
        """Counts the timelines shown (the canvas keeps its drawing until this, or its geometry, changes)."""
        self._origin = date.today()
        self._span_days = 1
        self._fitted = True

        self.zoom_out_button = _tool_button("−", strings.TIMELINE_ZOOM_OUT, self.zoom_out)
        self.zoom_in_button = _tool_button("+", strings.TIMELINE_ZOOM_IN, self.zoom_in)
        self.fit_button = _tool_button(strings.TIMELINE_FIT, strings.TIMELINE_FIT_TIP, self.fit)
        self.scale = QLabel()
        self.scale.setObjectName("timelineScale")
        widest = (strings.TIMELINE_MONTHS_SHOWN.format(count=88), strings.TIMELINE_YEARS_SHOWN.format(count=88))
        self.scale.setMinimumWidth(max(self.scale.fontMetrics().horizontalAdvance(text) for text in widest) + 4)
        # (as wide as its longest text: the width asked of the window does not change with the zoom, so showing a
        # chronology lays the record out once, and its timeline is drawn once)
        self.legend = QLabel(strings.TIMELINE_LEGEND)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        toolbar = QHBoxLayout()
        toolbar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            toolbar.addWidget(widget)
        toolbar.addSpacing(8)
        toolbar.addWidget(self.scale)
        toolbar.addStretch(1)
        toolbar.addWidget(self.legend)

        self.canvas = _Canvas(self)
        self.area = QScrollArea()
        self.area.setWidget(self.canvas)
        self.area.setWidgetResizable(True)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setFrameShape(QScrollArea.Shape.StyledPanel)
        self.scrollbar = QScrollBar(Qt.Orientation.Horizontal)
        self.scrollbar.valueChanged.connect(self._scrolled)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(toolbar)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.scrollbar)
        self.set_events(events)

    # ---- data ----------------------------------------------------------------------------------

    def set_events(self, events: Sequence[TimelineEvent]) -> None:
        self.set_timeline(timeline_from_events(events))

    def set_timeline(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.generation += 1
        if timeline.start and timeline.end:
            span = max(1, (timeline.end - timeline.start).days)
            pad = max(14, span // 30)
            self._origin = timeline.start - timedelta(days=pad)
            self._span_days = span + 2 * pad
        else:
            self._origin, self._span_days = date.today() - timedelta(days=365), 365
        self.canvas.setMinimumHeight(AXIS_HEIGHT + max(1, len(timeline.lanes)) * LANE_HEIGHT + BOTTOM_MARGIN)
        for widget in (self.area.viewport(), self.area):  # the scroll bar shown or hidden for the new height now,
            QApplication.sendPostedEvents(widget, QEvent.Type.LayoutRequest)  # not after a first paint too wide
        self.fit()

    # ---- geometry ------------------------------------------------------------------------------

    def plot_width(self) -> float:
        return float(self.canvas.plot_rect().width())

    def x_of(self, day: date) -> float:
        return LABEL_WIDTH + (day - self._origin).days * self.px_per_day - self.offset

    def day_at(self, x: float) -> date:
        days = (x - LABEL_WIDTH + self.offset) / self.px_per_day
        return self._origin + timedelta(days=round(days))

    def visible_range(self) -> tuple[date, date]:
        return self.day_at(LABEL_WIDTH), self.day_at(LABEL_WIDTH + self.plot_width())

    def visible_days(self) -> float:
        return self.plot_width() / self.px_per_day

    def content_width(self) -> float:
        return self._span_days * self.px_per_day

    def scale_label(self) -> str:
        days = self.visible_days()
        if days >= 730:
            return strings.TIMELINE_YEARS_SHOWN.format(count=days / 365.25)
        if days >= 60:
            return strings.TIMELINE_MONTHS_SHOWN.format(count=days / 30.44)
        return strings.TIMELINE_WEEKS_SHOWN.format(count=days / 7)

    def tick_plan(self) -> tuple[str, str, str]:
        """(major tick unit, minor tick unit, major label style) for the current zoom."""
        per_year = self.px_per_day * 365.25
        if per_year < 90:
            return ("year", "year", "year") if per_year >= 36 else ("5years", "year", "year")
        if self.px_per_day * 30.44 < 60:
            return "year", "quarter" if self.px_per_day * 30.44 < 18 else "month", "year"
        if self.px_per_day * 7 < 60:
            return "month", "week" if self.px_per_day * 7 >= 12 else "month", "month"
        return "week", "day", "week"

    # ---- zoom and pan --------------------------------------------------------------------------

    def fit(self) -> None:
        width = max(100.0, self.plot_width())
        self.px_per_day = _clamp(width / self._span_days, MIN_PX_PER_DAY, MAX_PX_PER_DAY)
        self.offset = 0.0
        self._fitted = True
        self._update_scroll()
        self._fitted = True

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def zoom_by(self, factor: float, *, anchor_x: float | None = None) -> None:
        """Zoom keeping the date under ``anchor_x`` (default: the middle of the plot) where it is."""
        if anchor_x is None:
            anchor_x = LABEL_WIDTH + self.plot_width() / 2
        anchor_x = _clamp(anchor_x, LABEL_WIDTH, LABEL_WIDTH + self.plot_width())
        days_at_anchor = (anchor_x - LABEL_WIDTH + self.offset) / self.px_per_day
        new = _clamp(self.px_per_day * factor, self._min_px_per_day(), MAX_PX_PER_DAY)
        if new == self.px_per_day:
            return
        self.px_per_day = new
        self.offset = days_at_anchor * new - (anchor_x - LABEL_WIDTH)
        self._fitted = False
        self._update_scroll()

    def center_on(self, day: date) -> None:
        """Pan so that ``day`` is in the middle of the plot (zoom unchanged)."""
        middle = (day - self._origin).days * self.px_per_day
        self.set_offset(middle - self.plot_width() / 2)

    def _min_px_per_day(self) -> float:
        return min(MIN_PX_PER_DAY * 4, max(MIN_PX_PER_DAY, self.plot_width() / self._span_days))

    def set_offset(self, offset: float) -> None:
        self.offset = _clamp(offset, 0.0, max(0.0, self.content_width() - self.plot_width()))
        self._update_scroll()

    def on_canvas_resized(self) -> None:
        if self._fitted:
            self.fit()
        else:
            self._update_scroll()

    def _update_scroll(self) -> None:
        maximum = max(0.0, self.content_width() - self.plot_width())
        self.offset = _clamp(self.offset, 0.0, maximum)
        self.scrollbar.blockSignals(True)
        self.scrollbar.setRange(0, int(maximum))
        self.scrollbar.setPageStep(int(self.plot_width()))
        self.scrollbar.setSingleStep(max(1, int(self.plot_width() / 20)))
        self.scrollbar.setValue(int(self.offset))
        self.scrollbar.blockSignals(False)
        self.scrollbar.setVisible(maximum >= 1)
        self.zoom_in_button.setEnabled(self.px_per_day < MAX_PX_PER_DAY)
        self.zoom_out_button.setEnabled(self.px_per_day > self._min_px_per_day() + 1e-9)
        self.scale.setText(self.scale_label())
        self.canvas.update()

    def _scrolled(self, value: int) -> None:
        self.offset = float(value)
        self.canvas.update()

    # ---- events --------------------------------------------------------------------------------

    def marker_position(self, record_id: str, lane_key: str | None = None) -> QPointF | None:
        """Where an event's marker is drawn, in canvas coordinates (for tests and keyboard focus)."""
        for item in self.canvas.placed():
            if item.event.record_id == record_id and (
                lane_key is None or self.timeline.lanes[item.lane].key == lane_key
            ):
                return item.point
        return None

    def select(self, record_id: str) -> None:
        """Ring the markers of ``record_id`` (the row selected in the table)."""
        if record_id != self.selected_id:
            self.selected_id = record_id
            self.canvas.update()

    def activate(self, event: TimelineEvent) -> None:
        self.select(event.record_id)
        self.eventActivated.emit(event.record_id)


def _tool_button(text: str, tip: str, slot: object) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setMinimumWidth(32)
    button.clicked.connect(slot)
    return button


def _on(event: TimelineEvent) -> date:
    return event.on


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _radius(event: TimelineEvent) -> float:
    return SEVERITY_RADIUS.get(event.severity, NO_SEVERITY_RADIUS) if event.severity else NO_SEVERITY_RADIUS


_SELECTED_PEN = QPen(SELECTED, 2)
_WHITE = QBrush(QColor("white"))
_MARKER_PENS: dict[int, tuple[QPen, QBrush]] = {}


def _pen_and_brush(colour: QColor) -> tuple[QPen, QBrush]:
    """A marker's outline and fill, made once per colour (a heavy timeline paints a thousand markers)."""
    made = _MARKER_PENS.get(colour.rgba())
    if made is None:
        made = _MARKER_PENS[colour.rgba()] = (QPen(colour.darker(130), 1.4), QBrush(colour))
    return made


SPRITE_HALF = 16
"""Half the side of a marker's stamp: the largest marker with its selection ring fits."""
_SPRITES: dict[tuple[object, ...], QImage] = {}


def _draw_marker(
    painter: QPainter, event: TimelineEvent, grain: int, y: float, milestone: bool, selected: bool, ratio: float
) -> None:
    """Stamp an event's marker centred at ``grain / MARKER_GRAIN`` across and ``y`` down (a whole pixel). Each
    marker (look and quarter-pixel phase) is painted once into a small image with antialiasing and then copied:
    compositing that stamp gives what painting the marker there gives, at a fraction of the cost."""
    pixel, phase = divmod(grain, MARKER_GRAIN)
    key = (_radius(event), event.severity, event.approximate, milestone, selected, phase, ratio)
    sprite = _SPRITES.get(key)
    if sprite is None:
        side = 2 * SPRITE_HALF
        sprite = QImage(
            max(1, round(side * ratio)), max(1, round(side * ratio)), QImage.Format.Format_ARGB32_Premultiplied
        )
        sprite.setDevicePixelRatio(ratio)
        sprite.fill(Qt.GlobalColor.transparent)
        stamp = QPainter(sprite)
        stamp.setRenderHint(QPainter.RenderHint.Antialiasing)
        _paint_marker(stamp, event, QPointF(SPRITE_HALF + phase / MARKER_GRAIN, SPRITE_HALF), milestone, selected)
        stamp.end()
        _SPRITES[key] = sprite
    painter.drawImage(QPointF(pixel - SPRITE_HALF, y - SPRITE_HALF), sprite)


def _paint_marker(painter: QPainter, event: TimelineEvent, point: QPointF, milestone: bool, selected: bool) -> None:
    radius = _radius(event)
    colour = MILESTONE_COLOUR if milestone or event.severity is None else SEVERITY_COLOUR[event.severity]
    if selected:
        painter.setPen(_SELECTED_PEN)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(point, radius + 4, radius + 4)
    pen, brush = _pen_and_brush(colour)
    painter.setPen(pen)
    painter.setBrush(_WHITE if event.approximate else brush)
    if milestone:
        r = radius + 1
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(point.x(), point.y() - r),
                    QPointF(point.x() + r, point.y()),
                    QPointF(point.x(), point.y() + r),
                    QPointF(point.x() - r, point.y()),
                ]
            )
        )
    else:
        painter.drawEllipse(point, radius, radius)


def _event_count(count: int) -> str:
    return (strings.TIMELINE_EVENT if count == 1 else strings.TIMELINE_EVENTS).format(count=count)


def _lane_tooltip(lane: Lane) -> str:
    text = strings.TIMELINE_LANE_TIP.format(lane=lane.label, events=_event_count(len(lane.events)))
    if lane.intervals:
        text += "\n" + strings.TIMELINE_LANE_GAPS.format(gaps=", ".join(str(gap) for gap in lane.intervals))
    if lane.getting_closer:
        text += "\n" + strings.TIMELINE_LANE_CLOSER
    return text


def _tooltip(event: TimelineEvent) -> str:
    parts = [event.when]
    if event.categories:
        parts.append(", ".join(c.label for c in event.categories))
    if event.severity:
        parts.append(strings.TIMELINE_SEVERITY.format(severity=strings.SEVERITY_LABELS[event.severity.value]))
    return " · ".join(parts) + "\n" + event.title + "\n" + strings.TIMELINE_CLICK


def _ticks(first: date, last: date, unit: str) -> list[date]:
    out: list[date] = []
    if unit in ("year", "5years"):
        step = 5 if unit == "5years" else 1
        year = first.year - first.year % step
        while year <= last.year:
            day = date(year, 1, 1)
            if day >= first:
                out.append(day)
            year += step
    elif unit in ("quarter", "month"):
        step = 3 if unit == "quarter" else 1
        year, month = first.year, ((first.month - 1) // step) * step + 1
        while date(year, month, 1) <= last:
            day = date(year, month, 1)
            if day >= first:
                out.append(day)
            month += step
            if month > 12:
                year, month = year + 1, month - 12
    elif unit == "week":
        day = first - timedelta(days=first.weekday())  # Mondays
        while day <= last:
            if day >= first:
                out.append(day)
            day += timedelta(days=7)
    else:  # day
        day = first
        while day <= last:
            out.append(day)
            day += timedelta(days=1)
    return out


def _tick_label(day: date, style: str) -> str:
    if style == "year":
        return str(day.year)
    if style == "month":
        return strings.TIMELINE_MONTH_TICK.format(month=strings.TIMELINE_MONTHS[day.month - 1], year=day.year)
    return dmy(day)
