"""When to lock: idle for the configured time, or the OS session locking.

``IdleMonitor`` is an application-wide event filter while it runs (from unlock to lock): any key press, click,
wheel or pointer movement the user makes (a spontaneous event) counts as activity. Locked, it is not installed, so
events are not passed through Python for nothing (which cost the unlock window tens of milliseconds at start-up).
Unlocked, it steps aside for a moment after each input it sees (``blind_ms``, one second) and is installed again
after it: what the input sets off (opening a child's record builds a page: thousands of layout and paint events)
is not passed event by event through a Python filter. The idle time counts from the last input seen, never from
the end of the pause, so the lock is never late (at most ``blind_ms`` early, against a lock measured in minutes).
A periodic check compares the injected clock with the last activity, so tests move the clock instead of
sleeping. ``SessionLockWatcher``
reports the OS locking the screen where Qt can hear it: the application being suspended or hidden (macOS,
mobile), logind / screensaver signals over D-Bus (Linux desktops), and WTS session notifications (Windows).
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    SLOT,
    QAbstractNativeEventFilter,
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QGuiApplication

Clock = Callable[[], float]

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)


class IdleMonitor(QObject):
    """Emits ``idle`` once after ``timeout_seconds`` with no input (re-armed by any activity)."""

    idle = Signal()

    def __init__(
        self,
        timeout_seconds: float,
        *,
        clock: Clock = time.monotonic,
        check_every_ms: int = 5000,
        blind_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.timeout_seconds = timeout_seconds
        self._clock = clock
        self._last = clock()
        self._fired = False
        self.enabled = False
        self.watching = False
        """The filter installed (False while locked, and for ``blind_ms`` after each input seen)."""
        self._timer = QTimer(self)
        self._timer.setInterval(check_every_ms)
        self._timer.timeout.connect(self.check)
        self._resume = QTimer(self)
        self._resume.setSingleShot(True)
        self._resume.setInterval(blind_ms)
        self._resume.timeout.connect(self._watch)

    def start(self) -> None:
        self.touch()
        self.enabled = True
        self._timer.start()
        self._watch()

    def stop(self) -> None:
        self.enabled = False
        self._timer.stop()
        self._unwatch()

    def _watch(self) -> None:
        self._resume.stop()
        app = QCoreApplication.instance()
        if self.enabled and app is not None:
            app.installEventFilter(self)  # installing again moves it to the front: still one filter
            self.watching = True

    def _unwatch(self) -> None:
        self._resume.stop()
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.watching = False

    def touch(self) -> None:
        self._last = self._clock()
        self._fired = False

    @property
    def idle_for(self) -> float:
        return self._clock() - self._last

    @Slot()
    def check(self) -> None:
        if self.enabled and not self._fired and self.idle_for >= self.timeout_seconds:
            self._fired = True
            self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and event.spontaneous():  # the user's, not Qt's own (a move made up on show)
            self._last = self._clock()
            self._fired = False
            self._unwatch()  # what this input sets off is not filtered; watched again in a moment
            self._resume.start()
        return False


class _WindowsSessionFilter(QAbstractNativeEventFilter):
    WM_WTSSESSION_CHANGE = 0x02B1
    WTS_SESSION_LOCK = 0x7

    def __init__(self, callback: Callable[[], None]) -> None:
        super().__init__()
        self._callback = callback

    def nativeEventFilter(self, event_type: Any, message: Any) -> Any:
        with contextlib.suppress(Exception):
            import ctypes.wintypes

            msg = ctypes.wintypes.MSG.from_address(int(message))
            if msg.message == self.WM_WTSSESSION_CHANGE and msg.wParam == self.WTS_SESSION_LOCK:
                self._callback()
        return False, 0


class SessionLockWatcher(QObject):
    """Emits ``locked`` when the OS session locks (where the platform tells us)."""

    locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._native: _WindowsSessionFilter | None = None
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)
        self._listen_dbus()

    @Slot(Qt.ApplicationState)
    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state in (Qt.ApplicationState.ApplicationSuspended, Qt.ApplicationState.ApplicationHidden):
            self.locked.emit()

    def _listen_dbus(self) -> None:
        if not sys.platform.startswith("linux"):
            return
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return
        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for service, path in (
                ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
                ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
            ):
                session.connect("", path, service, "ActiveChanged", self, SLOT("_screensaver_changed(bool)").encode())
        system = QDBusConnection.systemBus()
        if system.isConnected():
            system.connect(
                "org.freedesktop.login1",
                "",
                "org.freedesktop.login1.Session",
                "Lock",
                self,
                SLOT("_session_lock()").encode(),
            )

    @Slot(bool)
    def _screensaver_changed(self, active: bool) -> None:
        if active:
            self.locked.emit()

    @Slot()
    def _session_lock(self) -> None:
        self.locked.emit()

    def watch_windows_session(self, window_id: int) -> None:
        """Windows: ask for session notifications for our top-level window and filter for the lock."""
        if sys.platform != "win32" or self._native is not None:
            return
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.windll.wtsapi32.WTSRegisterSessionNotification(window_id, 0)
            self._native = _WindowsSessionFilter(self.locked.emit)
            app = QGuiApplication.instance()
            if app is not None:
                app.installNativeEventFilter(self._native)
