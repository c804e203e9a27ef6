"""The open casebook as the UI sees it: where it is, whether it is the demo, and the unlocked store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

from dslapp.errors import CasebookError, VaultLocked
from ui.operations.runner import DbRunner, Done, Failed

if TYPE_CHECKING:
    from dslapp.services.casebook import Casebook
    from dslapp.services.results import Saved

T = TypeVar("T")


class Session(QObject):
    """Holds the unlocked vault between unlock and lock. Only jobs on the runner touch it.

    ``changed`` is emitted (on the GUI thread) with the ``Changes`` of every write, so each view
    refreshes only if it cares. ``library_entry_requested`` carries a learning library entry's id
    from a learning card (wherever it is shown) to the workspace, which shows the entry.
    """

    changed = Signal(object)
    opened = Signal()
    closed = Signal()
    library_entry_requested = Signal(str)

    def __init__(self, runner: DbRunner, directory: Path, *, demo: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = runner
        self.directory = directory
        self.demo = demo
        self._store: Casebook | None = None
        self.user_name = ""
        self.user_role = ""
        self.school = ""

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def require_store(self) -> Casebook:
        """The store, captured on the GUI thread when a job is submitted (so a lock queued after it waits)."""
        if self._store is None:
            raise VaultLocked()
        return self._store

    def attach(self, casebook: Casebook, school: str) -> None:
        """Called on the GUI thread once a casebook has been opened on the worker."""
        self._store = casebook
        self.user_name = casebook.vault.user.name
        self.user_role = casebook.vault.user.role
        self.school = school
        self.opened.emit()

    def detach(self) -> Casebook | None:
        """Forget the casebook at once (the UI stops using it); the caller queues locking it."""
        casebook = self._store
        self._store = None
        if casebook is not None:
            self.closed.emit()
        return casebook

    def run(
        self,
        work: Callable[[Casebook], Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        """Run ``work(store)`` on the worker. Raises CasebookError at once if the casebook is locked."""
        store = self.require_store()
        self.runner.submit(lambda: work(store), on_done, on_error, owner=owner)

    def write(
        self,
        work: Callable[[Casebook], Saved[T]],
        on_done: Callable[[Saved[T]], None] | None = None,
        on_error: Failed | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        """Run a service that writes and returns ``Saved``; broadcast its changes, then hand the whole
        result (value, changes and the prompts the service computed) to ``on_done``."""

        def finished(saved: Saved[T]) -> None:
            if not saved.changes.empty:
                self.changed.emit(saved.changes)  # even when the widget that asked has gone
            if on_done is not None and (owner is None or shiboken6.isValid(owner)):
                on_done(saved)

        def failed(error: CasebookError) -> None:
            if on_error is not None and (owner is None or shiboken6.isValid(owner)):
                on_error(error)
            elif on_error is None:
                self.runner.error.emit(str(error))

        self.run(work, finished, failed)
