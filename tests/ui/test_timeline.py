"""The timeline widget: lanes per category, zoom from years to weeks, click opens the event.

The widget takes timeline events only (no database); events here are fictional.
"""

from __future__ import annotations

import ast
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import ui.widgets.timeline as timeline_module
from dslapp.models import Category, Severity
from dslapp.services.timeline import MILESTONES, TimelineEvent
from ui.widgets.timeline import MAX_PX_PER_DAY, TimelineView


def _events() -> list[TimelineEvent]:
    events = []
    day = date(2022, 1, 10)
    for index, gap in enumerate([0, 120, 100, 80, 45, 20, 10]):
        day += timedelta(days=gap)
        severity = (Severity.LOW, Severity.MEDIUM, Severity.HIGH)[min(2, index // 3)]
        events.append(
            TimelineEvent(
                f"neglect-{index}", "concern", day, (Category.NEGLECT,), severity, "No coat", f"{day:%d/%m/%Y}"
            )
        )
    for index, day in enumerate([date(2022, 5, 2), date(2023, 1, 9)]):
        events.append(
            TimelineEvent(f"emotional-{index}", "concern", day, (Category.EMOTIONAL,), Severity.MEDIUM, "Upset", "")
        )
    events.append(TimelineEvent("referral-1", "referral", date(2023, 2, 1), (), None, "MASH enquiry sent", ""))
    events.append(
        TimelineEvent("before", "chronology_entry", date(2019, 1, 1), (), None, "Before school", "2019", True)
    )
    return events


@pytest.fixture
def view(qtbot: QtBot) -> TimelineView:
    widget = TimelineView(_events())
    qtbot.addWidget(widget)
    widget.resize(1100, 320)
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    return widget


def test_lanes_per_category_and_the_closer_together_pattern(view: TimelineView) -> None:
    keys = [lane.key for lane in view.timeline.lanes]
    assert keys == [MILESTONES, "emotional_abuse", "neglect"]
    neglect = view.timeline.lane(Category.NEGLECT)
    assert neglect is not None and neglect.getting_closer
    assert neglect.intervals == (120, 100, 80, 45, 20, 10)


def test_fit_shows_years_and_zoom_reaches_weeks(view: TimelineView, qtbot: QtBot) -> None:
    assert view.visible_days() > 3 * 365  # everything, 2019 to 2023
    first, last = view.visible_range()
    assert first <= date(2019, 1, 1) and last >= date(2023, 2, 1)
    fitted = view.px_per_day
    qtbot.mouseClick(view.zoom_in_button, Qt.MouseButton.LeftButton)
    assert view.px_per_day > fitted
    for _ in range(40):
        view.zoom_in()
    assert view.px_per_day == MAX_PX_PER_DAY
    assert view.visible_days() <= 31  # weeks
    assert "weeks" in view.scale_label()
    assert not view.zoom_in_button.isEnabled()
    qtbot.mouseClick(view.fit_button, Qt.MouseButton.LeftButton)
    assert view.px_per_day == pytest.approx(fitted)
    assert view.offset == 0


def test_mouse_wheel_zooms_about_the_pointer(view: TimelineView) -> None:
    anchor = view.marker_position("neglect-3", "neglect")
    assert anchor is not None
    before = view.day_at(anchor.x())
    wheel = QWheelEvent(
        anchor,
        view.canvas.mapToGlobal(anchor),
        QPoint(0, 0),
        QPoint(0, 360),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    fitted = view.px_per_day
    QApplication.sendEvent(view.canvas, wheel)
    assert view.px_per_day > fitted * 2
    assert abs((view.day_at(anchor.x()) - before).days) <= 2  # the date under the pointer stays put
    assert view.scrollbar.isVisible() or view.scrollbar.maximum() > 0


def test_clicking_an_event_emits_its_record_id(view: TimelineView, qtbot: QtBot) -> None:
    point = view.marker_position("neglect-5", "neglect")
    assert point is not None
    with qtbot.waitSignal(view.eventActivated, timeout=1000) as signal:
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert signal.args == ["neglect-5"]
    assert view.selected_id == "neglect-5"
    # Clicking empty space emits nothing.
    with qtbot.assertNotEmitted(view.eventActivated):
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=QPoint(300, 20))
    # A milestone can be opened too.
    milestone = view.marker_position("referral-1")
    assert milestone is not None
    assert view.canvas.event_at(QPointF(milestone)) is not None


def test_it_renders_to_an_image(view: TimelineView, tmp_path: Path) -> None:
    out = tmp_path / "timeline.png"
    assert view.grab().save(str(out))
    image = QImage(str(out))
    assert image.width() >= 1000 and image.height() >= 200
    # Red (high severity) markers are drawn somewhere in the neglect lane.
    reds = sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixelColor(x, y).red() > 170 and image.pixelColor(x, y).green() < 90
    )
    assert reds > 10


def test_an_empty_timeline_says_so(qtbot: QtBot) -> None:
    widget = TimelineView([])
    qtbot.addWidget(widget)
    widget.resize(600, 200)
    assert widget.timeline.lanes == ()
    assert not widget.grab().isNull()


def test_the_widget_never_touches_the_database() -> None:
    tree = ast.parse(Path(timeline_module.__file__).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module} | {
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    assert not any(name.startswith(("dslapp.store", "dslapp.vault", "sqlcipher3")) for name in imported)


def test_a_lane_of_two_thousand_events_paints_only_what_is_on_screen(qtbot: QtBot) -> None:
    """Zoomed in on a few weeks of a heavy child's timeline, what is painted and hit-tested is the run of events on
    screen (and the one either side, whose joining lines cross the edge), found without walking the lane."""
    start = date(2021, 1, 4)
    events = [
        TimelineEvent(f"c{n}", "concern", start + timedelta(days=n), (Category.NEGLECT,), Severity.LOW, "Late", "")
        for n in range(2000)
    ]
    widget = TimelineView(events)
    qtbot.addWidget(widget)
    widget.resize(1100, 320)
    widget.show()
    qtbot.waitExposed(widget)
    widget.zoom_by(MAX_PX_PER_DAY)  # a few weeks across
    widget.center_on(date(2022, 6, 1))
    QApplication.processEvents()
    canvas = widget.canvas
    lane = widget.timeline.lane(Category.NEGLECT)
    assert lane is not None
    first, last = widget.visible_range()
    shown = canvas.on_screen(lane.events, with_neighbours=True)
    assert 2 < len(shown) < 120
    assert shown[0].on < first and shown[-1].on > last  # the lines to the neighbours off screen are drawn
    assert [p.event for p in canvas.placed()] == [
        e for e in lane.events if canvas.plot_rect().left() - 10 <= widget.x_of(e.on) <= canvas.plot_rect().right() + 10
    ]  # the same events a walk of the whole lane finds
    image = QImage(canvas.size(), QImage.Format.Format_ARGB32)
    canvas.render(image)  # the culled paint runs (a fault in it raises here)


def _crowded() -> list[TimelineEvent]:
    """Years of a heavy child's events: 1,200 concerns over four years in two lanes, three each Monday in each."""
    start = date(2021, 1, 4)
    events = []
    for n in range(1200):
        category = (Category.NEGLECT, Category.EMOTIONAL)[n % 2]
        severity = (Severity.LOW, Severity.MEDIUM, Severity.HIGH)[n // 12 % 3]
        on = start + timedelta(days=n // 6 * 7)  # the six of a week on its Monday
        events.append(TimelineEvent(f"c{n}", "concern", on, (category,), severity, "Late", ""))
    events.append(TimelineEvent("referral-1", "referral", date(2023, 2, 1), (), None, "MASH enquiry sent", ""))
    return events


def test_a_crowded_timeline_paints_each_distinct_marker_once_and_every_lane(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where many markers fall on the same pixels, each distinct one (its place to a quarter pixel, shape, colour,
    fill, selection) is drawn once, the last copy in date order (the one on top); every lane is still drawn."""
    widget = TimelineView(_crowded())
    qtbot.addWidget(widget)
    widget.resize(900, 320)
    widget.show()
    qtbot.waitExposed(widget)
    canvas = widget.canvas
    drawn: list[tuple[str, int, float]] = []
    stamp = timeline_module._draw_marker

    def counted(painter, event, grain, y, milestone, selected, ratio):  # type: ignore[no-untyped-def]
        drawn.append((event.record_id, grain, y))
        stamp(painter, event, grain, y, milestone, selected, ratio)

    monkeypatch.setattr(timeline_module, "_draw_marker", counted)
    image = QImage(canvas.size(), QImage.Format.Format_RGB32)
    canvas.render(image)

    expected: list[tuple[str, int]] = []
    for lane in widget.timeline.lanes:
        last: dict[tuple[object, ...], str] = {}
        for event in canvas.on_screen(lane.events, with_neighbours=True):
            look = (round(widget.x_of(event.on) * timeline_module.MARKER_GRAIN), event.severity, event.approximate)
            last.pop(look, None)
            last[look] = event.record_id
        expected.extend((record_id, look[0]) for look, record_id in last.items())  # type: ignore[misc]
    assert [(record_id, grain) for record_id, grain, _y in drawn] == expected
    assert len(drawn) < len(widget.timeline.events) / 2  # many fell on the same pixels
    lanes_drawn = {y for _record, _grain, y in drawn}
    assert len(lanes_drawn) == len(widget.timeline.lanes) == 3  # milestones, emotional abuse, neglect

    # each lane shows its markers: the severity colours in every concern lane, the milestone colour in its own
    for index, lane in enumerate(widget.timeline.lanes):
        y = timeline_module.AXIS_HEIGHT + index * timeline_module.LANE_HEIGHT + timeline_module.LANE_HEIGHT // 2
        colours = {image.pixelColor(x, y).name() for x in range(timeline_module.LABEL_WIDTH, image.width())}
        wanted = (
            {timeline_module.MILESTONE_COLOUR.name()}
            if lane.key == MILESTONES
            else {c.name() for c in timeline_module.SEVERITY_COLOUR.values()}
        )
        assert wanted <= colours, lane.key


def test_the_drawing_is_kept_until_what_it_shows_changes(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    widget = TimelineView(_crowded())
    qtbot.addWidget(widget)
    widget.resize(900, 320)
    widget.show()
    qtbot.waitExposed(widget)
    canvas = widget.canvas
    draws: list[int] = []
    draw = type(canvas).draw
    monkeypatch.setattr(type(canvas), "draw", lambda self, painter: (draws.append(1), draw(self, painter))[1])
    canvas.grab()  # drawn now, or kept from when it was shown
    draws.clear()
    first = canvas.grab().toImage()
    assert draws == []  # a repaint copies what was drawn
    widget.select("c600")  # the row selected in the table: its marker ringed
    ringed = canvas.grab().toImage()
    assert len(draws) == 1 and ringed != first
    widget.zoom_in()
    canvas.grab()
    assert len(draws) == 2
    widget.set_events(_events())
    canvas.grab()
    assert len(draws) == 3
    widget.resize(700, 320)
    QApplication.processEvents()
    canvas.grab()
    assert len(draws) == 4
