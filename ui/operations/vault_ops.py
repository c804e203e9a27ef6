"""Creating, unlocking and locking casebooks, and building the fictional demo one."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject

from dslapp.config import default_vault_dir
from dslapp.errors import CasebookError, VaultDamaged, check_user_name
from dslapp.logs import LogEvent
from dslapp.logs import log as log_event
from dslapp.vault import backup, keys
from dslapp.vault.vault import User, Vault, is_vault, list_users
from ui import strings
from ui.operations.runner import DbRunner, Done, Failed
from ui.operations.session import Session

# The demo casebook holds fictional data only, so its passphrase is published (README, unlock screen).
DEMO_PASSPHRASE = "demo passphrase, fictional data only"
DEMO_USER = "Ms Demo Example"
DEMO_SCHOOL = "Fictionton Primary Academy"
# Fictional data needs no slow key derivation; keep the demo quick to open.
DEMO_KDF = keys.KdfParams(time_cost=2, memory_cost=16 * 1024, parallelism=1)


def real_vault_dir() -> Path:
    return default_vault_dir()


def demo_vault_dir() -> Path:
    return default_vault_dir().parent / "demo-vault"


def casebook_exists(directory: Path) -> bool:
    return directory.is_dir() and is_vault(directory)


def users_of(directory: Path) -> list[User]:
    """Who can unlock this casebook (names and roles only; read from the key file, no database)."""
    return list_users(directory)


@dataclass(frozen=True)
class Opened:
    vault: Vault
    school: str
    recovery_key: str = ""


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

    def work() -> Opened:
        check_user_name(name)
        kdf = keys.calibrate()  # looked up on the module so tests can make it fast
        vault, recovery_key = Vault.create(directory, name, role, passphrase, school=school, kdf=kdf)
        return Opened(vault, school, recovery_key)

    if on_stage is not None:
        on_stage(strings.SETUP_CALIBRATING)
    runner.submit(work, on_done, on_error)


def open_casebook(
    runner: DbRunner,
    directory: Path,
    passphrase: str,
    *,
    user_id: str | None,
    on_done: Callable[[Opened], None],
    on_error: Failed,
) -> None:
    def work() -> Opened:
        vault = Vault.open(directory, passphrase, user_id=user_id)
        return Opened(vault, vault.school)

    runner.submit(work, on_done, on_error)


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
    def work() -> Opened:
        vault = Vault.open_with_recovery_key(directory, recovery_key, new_passphrase, user_id=user_id)
        return Opened(vault, vault.school)

    runner.submit(work, on_done, on_error)


def lock(session: Session, on_done: Done | None = None) -> None:
    """Forget the vault in the UI now; close it (audit, drop the key, release the lock) on the worker.

    Jobs already queued (a draft being saved) run first: the worker takes jobs in order.
    """
    vault = session.detach()
    if vault is not None:
        # an error here is the automatic backup failing after the vault locked: the type goes to the event log
        session.runner.submit(vault.lock, on_done, lambda error: log_event(LogEvent.BACKUP_FAILED, error=error))


@dataclass(frozen=True)
class PageCheck:
    """The full page check run after unlock: the problems found, and the newest good copy to restore."""

    problems: list[str]
    newest_copy: Path | None


def check_pages_after_unlock(runner: DbRunner, vault: Vault, on_damaged: Callable[[PageCheck], None]) -> None:
    """Check every page of the casebook's file on a thread of its own (unlock stays fast; saves are not held up)
    and call ``on_damaged`` on the GUI thread only if something is wrong."""

    def work() -> PageCheck:
        if not vault.is_open:
            return PageCheck([], None)
        problems = vault.check_pages()
        newest = vault.offering_copy(VaultDamaged()).newest_backup if problems and vault.is_open else None
        return PageCheck(problems, newest)

    def done(result: PageCheck) -> None:
        if result.problems:
            log_event(LogEvent.ERROR, error=VaultDamaged())
            on_damaged(result)

    runner.submit_aside(work, done, lambda _error: None)


def count_held_backups(session: Session, on_done: Callable[[int], None], *, owner: QObject | None = None) -> None:
    """How many automatic backups are held back because they hold far more records than the casebook now does."""
    session.run(lambda store: len(backup.held_now(session_vault(session))), on_done, lambda _e: None, owner=owner)


def confirm_smaller_casebook(
    session: Session, on_done: Done, on_error: Failed, *, owner: QObject | None = None
) -> None:
    """The DSL says the casebook is smaller on purpose: held backups may rotate out (audited)."""
    session.run(lambda store: backup.confirm_smaller_casebook(session_vault(session)), on_done, on_error, owner=owner)


def add_deputy(session: Session, name: str, role: str, passphrase: str, on_done: Done, on_error: Failed) -> None:
    def work(store: object) -> User:
        check_user_name(name, whose="The name")
        return session_vault(session).add_user(name, role, passphrase)

    session.run(work, on_done, on_error)


def change_passphrase(session: Session, current: str, new: str, on_done: Done, on_error: Failed) -> None:
    session.run(lambda _store: session_vault(session).change_passphrase(current, new), on_done, on_error)


def session_vault(session: Session) -> Vault:
    return session.require_store().vault


class Cancelled(CasebookError):
    default_message = strings.DEMO_CANCELLED


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
    """Create the demo casebook full of fictional children, then open it.

    Built in a side folder and moved into place only when complete, so a cancelled or crashed build
    never leaves a half-made demo behind.
    """

    def work() -> Opened:
        from dslapp.demo import build_demo
        from dslapp.store import RecordStore

        partial = directory.with_name(directory.name + ".partial")
        if partial.exists():
            shutil.rmtree(partial)
        vault, _recovery = Vault.create(partial, DEMO_USER, "DSL", DEMO_PASSPHRASE, school=DEMO_SCHOOL, kdf=DEMO_KDF)
        try:

            def report(done: int, total: int) -> bool:
                progress(done, total)
                return not cancel.is_set()

            build_demo(RecordStore(vault), children=children, progress=report)
            if cancel.is_set():
                raise Cancelled()
        except BaseException:
            vault.lock()
            shutil.rmtree(partial, ignore_errors=True)
            raise
        vault.lock()
        partial.rename(directory)
        opened = Vault.open(directory, DEMO_PASSPHRASE)
        return Opened(opened, opened.school)

    runner.submit(work, on_done, on_error)
