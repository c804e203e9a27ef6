"""Clipboard hygiene: case text copied from the app is cleared after a delay (default 30 s).

Only text the app itself put there is cleared: if the user has since copied something else, it is
left alone. The timer is injectable so tests need not wait.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QClipboard


class Cancellable(Protocol):
    def cancel(self) -> None: ...


TimerFactory = Callable[[float, Callable[[], None]], Cancellable]


class _QtTimer:
    def __init__(self, seconds: float, callback: Callable[[], None], parent: QObject | None) -> None:
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(callback)
        self._timer.start(int(seconds * 1000))

    def cancel(self) -> None:
        self._timer.stop()


class ClipboardGuard(QObject):
    def __init__(
        self,
        clipboard: QClipboard,
        clear_after_seconds: float = 30,
        timer_factory: TimerFactory | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clipboard = clipboard
        self.clear_after_seconds = clear_after_seconds
        self._timer_factory = timer_factory or (lambda s, cb: _QtTimer(s, cb, self))
        self._copied: str | None = None
        self._timer: Cancellable | None = None

    def copy(self, text: str) -> None:
        """Put case text on the clipboard and schedule its removal."""
        if self._timer is not None:
            self._timer.cancel()
        self._clipboard.setText(text)
        self._copied = text
        self._timer = self._timer_factory(self.clear_after_seconds, self.clear_now)

    @property
    def holding(self) -> bool:
        return self._copied is not None

    def clear_now(self) -> None:
        """Clear what we copied (on the timer, on lock and on quit), unless the user replaced it."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._copied is not None and self._clipboard.text() == self._copied:
            self._clipboard.clear()
        self._copied = None
