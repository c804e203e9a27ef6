"""Creating, unlocking and locking casebooks, and building the fictional demo one."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from dslapp.config import Settings, default_vault_dir
from dslapp.errors import VaultDamaged, check_user_name
from dslapp.logs import LogEvent
from dslapp.logs import log as log_event
from dslapp.services import casebook_files
from ui import strings
from ui.operations.runner import DbRunner, Done, Failed
from ui.operations.session import Session

# The demo casebook holds fictional data only, so its passphrase is published (README, unlock screen).
DEMO_PASSPHRASE = "demo passphrase, fictional data only"
DEMO_USER = "Ms Demo Example"
DEMO_SCHOOL = "Fictionton Primary Academy"

if TYPE_CHECKING:
    from dslapp.services.casebook import Casebook, Opened, PageCheck, User


def _casebook() -> ModuleType:
    """The casebook services, loaded on first use (on the worker, while the passphrase is typed): they bring in
    the record store and every model, which the unlock window does not need to appear."""
    return importlib.import_module("dslapp.services.casebook")


def real_vault_dir() -> Path:
    return default_vault_dir()


def demo_vault_dir() -> Path:
    return default_vault_dir().parent / "demo-vault"


def casebook_exists(directory: Path) -> bool:
    return casebook_files.casebook_exists(directory)


def users_of(directory: Path) -> list[User]:
    """Who can unlock this casebook (names and roles only; read from the key file, no database)."""
    return casebook_files.users_of(directory)


def create_casebook(
    runner: DbRunner,
    directory: Path,
    *,
    name: str,
    role: str,
    school: str,
    passphrase: str,
    on_done: Callable[[Opened], None],
    on_error: Failed,
    on_stage: Callable[[str], None] | None = None,
) -> None:
    """Calibrate Argon2 for this laptop and create the casebook (both on the worker thread)."""
    if on_stage is not None:
        on_stage(strings.SETUP_CALIBRATING)
    runner.submit(
        lambda: _casebook().create(directory, name=name, role=role, school=school, passphrase=passphrase),
        on_done,
        on_error,
    )


def open_casebook(
    runner: DbRunner,
    directory: Path,
    passphrase: str,
    *,
    user_id: str | None,
    on_done: Callable[[Opened], None],
    on_error: Failed,
) -> None:
    runner.submit(lambda: _casebook().unlock(directory, passphrase, user_id=user_id), on_done, on_error)


def open_with_recovery_key(
    runner: DbRunner,
    directory: Path,
    recovery_key: str,
    new_passphrase: str,
    *,
    user_id: str | None,
    on_done: Callable[[Opened], None],
    on_error: Failed,
) -> None:
    runner.submit(
        lambda: _casebook().unlock_with_recovery_key(directory, recovery_key, new_passphrase, user_id=user_id),
        on_done,
        on_error,
    )


def restore_and_open(
    runner: DbRunner,
    directory: Path,
    backup_file: Path,
    passphrase: str,
    *,
    user_id: str | None,
    on_done: Callable[[Opened], None],
    on_error: Failed,
) -> None:
    """Restore the offered copy (the damaged file is kept aside), then unlock."""

    def work() -> Opened:
        opened: Opened = _casebook().restore_and_unlock(directory, backup_file, passphrase, user_id=user_id)
        log_event(LogEvent.RESTORE_DONE)
        return opened

    runner.submit(work, on_done, on_error)


def enable_auto_backup(opened: Opened, settings: Settings) -> None:
    """Rolling encrypted backups whenever the casebook is locked (and so on exit)."""
    _casebook().enable_auto_backup(opened.casebook, settings)


def backup_made_at(path: Path) -> str:
    """When a backup was made, as the DSL reads it ("3 December 2026 at 14:05"), or its name if not known."""
    made = _casebook().backup_made_at(path)
    if made is None:
        return path.name
    local = made.astimezone()
    return strings.BACKUP_MADE_AT.format(day=local.day, made=local)


def lock(session: Session, on_done: Done | None = None) -> None:
    """Forget the vault in the UI now; close it (audit, drop the key, release the lock) on the worker.

    Jobs already queued (a draft being saved) run first: the worker takes jobs in order.
    """
    opened = session.detach()
    if opened is not None:
        # an error here is the automatic backup failing after the vault locked: the type goes to the event log
        session.runner.submit(
            lambda: _casebook().lock(opened), on_done, lambda error: log_event(LogEvent.BACKUP_FAILED, error=error)
        )


def check_pages_after_unlock(runner: DbRunner, opened: Casebook, on_damaged: Callable[[PageCheck], None]) -> None:
    """Check every page of the casebook's file on a thread of its own (unlock stays fast; saves are not held up)
    and call ``on_damaged`` on the GUI thread only if something is wrong."""

    def work() -> PageCheck:
        found: PageCheck = _casebook().check_pages(opened)
        return found

    def done(result: PageCheck) -> None:
        if result.problems:
            log_event(LogEvent.ERROR, error=VaultDamaged())
            on_damaged(result)

    runner.submit_aside(work, done, lambda _error: None)


def count_held_backups(session: Session, on_done: Callable[[int], None], *, owner: QObject | None = None) -> None:
    """How many automatic backups are held back because they hold far more records than the casebook now does."""
    session.run(lambda store: _casebook().held_backups(store), on_done, lambda _e: None, owner=owner)


def confirm_smaller_casebook(
    session: Session, on_done: Done, on_error: Failed, *, owner: QObject | None = None
) -> None:
    """The DSL says the casebook is smaller on purpose: held backups may rotate out (audited)."""
    session.run(lambda store: _casebook().confirm_smaller_casebook(store), on_done, on_error, owner=owner)


def add_deputy(session: Session, name: str, role: str, passphrase: str, on_done: Done, on_error: Failed) -> None:
    def work(store: Casebook) -> User:
        check_user_name(name, whose="The name")
        added: User = _casebook().add_deputy(store, name, role, passphrase)
        return added

    session.run(work, on_done, on_error)


def change_passphrase(session: Session, current: str, new: str, on_done: Done, on_error: Failed) -> None:
    session.run(lambda store: _casebook().change_passphrase(store, current, new), on_done, on_error)


def back_up_now(session: Session, settings: Settings, on_done: Done, on_error: Failed, *, owner: QObject) -> None:
    """A verified automatic backup now: on_done gets its file name and how many backups are held back."""
    session.run(lambda store: _casebook().back_up_now(store, settings), on_done, on_error, owner=owner)


def export_plain(
    session: Session, passphrase: str, out: Path, on_done: Done, on_error: Failed, *, owner: QObject
) -> None:
    """The whole casebook unencrypted, after the passphrase is re-entered (audited by the core)."""
    session.run(lambda store: _casebook().export_plain(store, passphrase, out), on_done, on_error, owner=owner)


def build_demo_casebook(
    runner: DbRunner,
    directory: Path,
    *,
    progress: Callable[[int, int], None],
    cancel: threading.Event,
    on_done: Callable[[Opened], None],
    on_error: Failed,
    children: int = 40,
) -> None:
    """Create the demo casebook full of fictional children, then open it (a cancelled build leaves nothing)."""

    def report(done: int, total: int) -> bool:
        progress(done, total)
        return not cancel.is_set()

    def work() -> Opened:
        # loaded only when a demo is built: the demo's stories are not needed to show the unlock window
        from dslapp.demo import casebook as demo_casebook

        return demo_casebook.build_demo_casebook(
            directory,
            user=DEMO_USER,
            school=DEMO_SCHOOL,
            passphrase=DEMO_PASSPHRASE,
            children=children,
            progress=report,
        )

    runner.submit(work, on_done, on_error)
