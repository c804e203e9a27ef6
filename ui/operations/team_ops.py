"""The team casebook from the app: merge on unlock, on a timer and on demand, on the DB worker; the status line.

A DSL never waits for a merge: it runs as one more job on the worker, and what it took in reaches Today and any
open record through the session's usual change notifications.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from ui.operations.runner import DbRunner, Failed
from ui.operations.session import Session

if TYPE_CHECKING:
    from dslapp.services.casebook import Casebook, Opened
    from dslapp.services.results import Saved
    from dslapp.services.team import Invitation, SyncReport, TeamStatus
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


# ---- Settings → Team: start, invite, remove; the setup wizard: join ------------------------------------------


def start_team(
    session: Session,
    folder: Path,
    passphrase: str,
    on_done: Wrote[TeamStatus],
    on_error: Failed,
    *,
    owner: QObject | None = None,
) -> None:
    """Make this casebook the team's first device, once the passphrase has been typed again."""
    session.write(lambda store: _team().start_team(store, folder, passphrase), on_done, on_error, owner=owner)


def invite(session: Session, on_done: Wrote[Invitation], on_error: Failed, *, owner: QObject | None = None) -> None:
    """A one-time enrolment code for a deputy's laptop (shown once, kept nowhere)."""
    session.write(lambda store: _team().invite(store), on_done, on_error, owner=owner)


def remove_device(
    session: Session,
    device_id: str,
    on_done: Wrote[TeamStatus],
    on_error: Failed,
    *,
    owner: QObject | None = None,
) -> None:
    """Remove a member's laptop (or a lost one) from the team; audited by the core."""
    session.write(lambda store: _team().remove_device(store, device_id), on_done, on_error, owner=owner)


def join_team(
    runner: DbRunner,
    directory: Path,
    *,
    folder: Path,
    code: str,
    name: str,
    role: str,
    passphrase: str,
    on_done: Callable[[Opened], None],
    on_error: Failed,
) -> None:
    """Create this laptop's casebook from the team folder with an enrolment code (on the worker: it calibrates
    Argon2 and merges); handed back as a newly created casebook, with this copy's own recovery key."""

    def work() -> Opened:
        joined = _team().join_team(directory, folder, code, name=name, role=role, passphrase=passphrase)
        opened: Opened = importlib.import_module("dslapp.services.casebook").Opened(
            joined.casebook, joined.casebook.vault.school, joined.recovery_key
        )
        return opened

    runner.submit(work, on_done, on_error)
