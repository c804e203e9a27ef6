"""The team casebook from the app: merge on unlock, on a timer and on demand, on the DB worker; the status line.

A DSL never waits for a merge: it runs as one more job on the worker, and what it took in reaches Today and any
open record through the session's usual change notifications.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from ui.operations.runner import Failed
from ui.operations.session import Session

if TYPE_CHECKING:
    from dslapp.services.casebook import Casebook
    from dslapp.services.results import Saved
    from dslapp.services.team import SyncReport, TeamStatus
    from ui.operations.results import Wrote

MERGE_EVERY_MS = 5 * 60 * 1000
"""How often an unlocked casebook in a team merges on its own."""


def _team() -> ModuleType:
    """The team service, loaded on first use (the unlock window does not need it to appear)."""
    return importlib.import_module("dslapp.services.team")


def load_status(session: Session, on_done: Callable[[TeamStatus], None], *, owner: QObject | None = None) -> None:
    session.run(lambda store: _team().status(store), on_done, lambda _error: None, owner=owner)


def _merge(store: Casebook) -> Saved[SyncReport | None]:
    result: Saved[SyncReport | None] = _team().sync_if_in_team(store)
    return result


def merge_now(
    session: Session,
    on_done: Wrote[SyncReport | None] | None = None,
    on_error: Failed | None = None,
    *,
    owner: QObject | None = None,
) -> None:
    """Write this laptop's changes to the team folder and take in everyone else's (nothing if not in a team)."""
    session.write(_merge, on_done, on_error, owner=owner)


def merge_quietly(session: Session) -> None:
    """The merge on unlock and on the timer: a problem (the folder not there while offline) is shown in Settings →
    Team, not as an interruption."""
    if session.is_open:
        session.write(_merge, None, _ignore)


def _ignore(_error: Any) -> None:
    return None
