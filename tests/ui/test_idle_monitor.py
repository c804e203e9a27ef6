"""The idle lock's watcher steps aside after each input it sees (issue 16: what the input sets off, such as building
a child's record, is not passed event by event through a Python filter) and watches again a moment later; the
lock counts from the last input seen, so it is never late. Real Qt events on a real widget; the clock injected."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import FakeClock

from ui.locking import IdleMonitor


class _Counted(IdleMonitor):
    """The monitor, counting the events it is given."""

    calls = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.calls += 1
        return super().eventFilter(watched, event)


class _Seen(QWidget):
    """Counts the events a filter on the application sees (a stand-in for the monitor's cost)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.count += 1
        return False


def test_the_watcher_steps_aside_after_input_and_the_lock_is_never_late(qtbot: QtBot) -> None:
    clock = FakeClock()
    monitor = _Counted(300, clock=clock, check_every_ms=3_600_000, blind_ms=200)
    fired: list[bool] = []
    monitor.idle.connect(lambda: fired.append(True))
    box = QLineEdit()
    qtbot.addWidget(box)
    box.show()
    monitor.start()
    try:
        assert monitor.watching
        QApplication.processEvents()
        assert monitor.calls > 0  # installed: it is given every event
        clock.advance(100)
        qtbot.keyClick(box, Qt.Key.Key_A)  # seen: the count restarts here
        assert monitor.idle_for == 0
        assert not monitor.watching  # stepped aside: what the key sets off is not filtered

        # work the input set off: many widgets built and laid out, none of it through the monitor
        app = QApplication.instance()
        assert app is not None
        seen = _Seen()
        app.installEventFilter(seen)
        before = monitor.calls
        page = QWidget()
        qtbot.addWidget(page)
        column = QVBoxLayout(page)
        for n in range(50):
            column.addWidget(QLabel(f"Row {n}"))
        page.show()
        QApplication.processEvents()
        app.removeEventFilter(seen)
        assert seen.count > 50 and monitor.calls == before

        clock.advance(10)
        qtbot.keyClick(box, Qt.Key.Key_B)  # during the pause: not seen
        assert monitor.idle_for == 10
        qtbot.waitUntil(lambda: monitor.watching, timeout=3000)  # watching again a moment later
        clock.advance(300 - 10 - 1)
        monitor.check()
        assert fired == []
        clock.advance(1)  # 300 s after the last key seen: locked then, never later
        monitor.check()
        assert fired == [True]

        qtbot.keyClick(box, Qt.Key.Key_C)  # seen again once watching: the count restarts
        assert monitor.idle_for == 0 and not monitor.watching
    finally:
        monitor.stop()
    assert not monitor.watching
    qtbot.wait(300)
    assert not monitor.watching  # stopped (locked): the pause's end does not install it again
    clock.advance(5)
    qtbot.keyClick(box, Qt.Key.Key_D)
    assert monitor.idle_for == 5
