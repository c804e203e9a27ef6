"""The one database worker thread (DESIGN §2, STYLE 4).

Every service call runs here, one at a time and in the order submitted, so the vault's SQLCipher
connection is only ever used by one thread. Results and errors come back to the GUI thread through a
queued Qt signal. Tests can make the runner synchronous: jobs then run at once, on the calling thread.
"""

from __future__ import annotations

import itertools
import logging
import os
import queue
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot

from dslapp.errors import CasebookError
from dslapp.logs import LogEvent
from dslapp.logs import log as log_event
from ui import strings

log = logging.getLogger("dslapp.ui")

ASIDE_NICENESS = 19
"""How far a thread aside (the page check) steps back for the GUI and the database worker, where the system lets
one thread do so (Linux: niceness is per thread)."""


def lower_this_thread() -> None:
    """Give the calling thread the lowest CPU priority, on Linux (elsewhere, and if refused, nothing changes)."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), ASIDE_NICENESS)
        except OSError:
            log.debug("the check thread keeps its priority")


Done = Callable[[Any], None]
Failed = Callable[[CasebookError], None]


@dataclass
class _Job:
    number: int
    work: Callable[[], Any]
    on_done: Done | None
    on_error: Failed | None
    owner: QObject | None
    aside: bool = False


class _Bridge(QObject):
    finished = Signal(object, bool, object)  # job, ok, value or error


class DbRunner(QObject):
    """Runs callables on a single worker thread; ``on_done``/``on_error`` are called on the GUI thread.

    ``owner``: when given and destroyed before the job finishes, its callbacks are skipped (the widget
    that asked is gone). Unexpected exceptions are logged without their message (it might hold case
    text) and reported to the user as a plain "something went wrong".
    """

    error = Signal(str)  # a message for the user when a job has no on_error of its own
    busy_changed = Signal(bool)

    def __init__(self, *, synchronous: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self.raise_unexpected = False  # tests: let an unexpected error fail the test
        self._numbers = itertools.count(1)
        self._pending = 0
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._bridge = _Bridge()
        self._bridge.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._thread: threading.Thread | None = None

    # ---- submitting ----------------------------------------------------------------------------

    def submit(
        self,
        work: Callable[[], Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        job = _Job(next(self._numbers), work, on_done, on_error, owner)
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        if self.synchronous:
            ok, value = self._run(job)
            self._deliver(job, ok, value)
            return
        self._ensure_thread()
        self._queue.put(job)

    def submit_aside(
        self, work: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None
    ) -> None:
        """Run ``work`` on a short-lived thread of its own, not the database worker: for a long read that opens its
        own connection (the page check after unlock), so saves are never held up behind it. It does not count as
        busy, and its thread runs at the lowest priority (``lower_this_thread``). Results come back on the GUI
        thread like ``submit``'s."""
        job = _Job(next(self._numbers), work, on_done, on_error, None, aside=True)
        if self.synchronous:
            ok, value = self._run(job)
            self._deliver(job, ok, value)
            return

        def run() -> None:
            lower_this_thread()
            ok, value = self._run(job)
            self._bridge.finished.emit(job, ok, value)

        threading.Thread(target=run, name="dslapp-check", daemon=True).start()

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def wait(self, timeout: float = 30.0) -> None:
        """Block until every submitted job has run (shutdown and tests). Results are delivered later."""
        if self.synchronous or self._thread is None:
            return
        done = threading.Event()
        self._queue.put(_Job(0, done.set, None, None, None))
        done.wait(timeout)

    def stop(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(10)
            self._thread = None

    # ---- worker side ---------------------------------------------------------------------------

    def _ensure_thread(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._loop, name="dslapp-db", daemon=True)
            self._thread.start()

    def _loop(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            if job.number == 0:  # a wait() marker
                job.work()
                continue
            ok, value = self._run(job)
            self._bridge.finished.emit(job, ok, value)

    def _run(self, job: _Job) -> tuple[bool, Any]:
        try:
            return True, job.work()
        except CasebookError as exc:
            return False, exc
        except Exception as exc:
            if self.raise_unexpected and self.synchronous:
                raise
            # the traceback's frames only: the exception's message could quote case text
            frames = "".join(traceback.format_tb(exc.__traceback__))
            log.error("unexpected %s in a background task\n%s", type(exc).__name__, frames)
            log_event(LogEvent.ERROR, error=exc)  # the file log keeps the type only
            return False, _Unexpected(exc)

    # ---- GUI side ------------------------------------------------------------------------------

    @Slot(object, bool, object)
    def _deliver(self, job: _Job, ok: bool, value: Any) -> None:
        if not job.aside:
            self._pending -= 1
            if self._pending == 0:
                self.busy_changed.emit(False)
        if job.owner is not None and not shiboken6.isValid(job.owner):
            return
        if ok:
            if job.on_done is not None:
                job.on_done(value)
            return
        error: CasebookError = value
        if isinstance(value, _Unexpected) and self.raise_unexpected:
            raise value.original
        if job.on_error is not None:
            job.on_error(error)
        else:
            self.error.emit(str(error))


class _Unexpected(CasebookError):
    """A bug, shown to the user kindly; the details are in the log."""

    def __init__(self, original: BaseException) -> None:
        super().__init__(strings.UNEXPECTED_ERROR)
        self.original = original
