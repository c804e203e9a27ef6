"""Opening, creating, locking and protecting a casebook: the use cases the desktop app and the CLI share.

The app holds an open casebook as a ``Casebook`` (the record store over the unlocked vault) and reaches the
vault only through these functions: it never imports ``dslapp.vault`` or ``dslapp.store`` itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from dslapp import passphrase_policy
from dslapp.config import Settings
from dslapp.errors import CasebookError, VaultDamaged, check_user_name
from dslapp.services.casebook_files import casebook_exists, users_of
from dslapp.store import RecordStore
from dslapp.store import SearchHit as SearchHit
from dslapp.vault import audit, backup, keys
from dslapp.vault.copies import BackupFile as BackupFile
from dslapp.vault.vault import User as User
from dslapp.vault.vault import Vault

Casebook = RecordStore
"""An open casebook: the record store over the unlocked vault (``.vault`` is the vault itself)."""

DEMO_KDF = keys.KdfParams(time_cost=2, memory_cost=16 * 1024, parallelism=1)
"""The demo holds fictional data only, so it needs no slow key derivation."""


@dataclass(frozen=True)
class Opened:
    """A casebook just unlocked or created (the recovery key only when it was created: show it once)."""

    casebook: Casebook
    school: str
    recovery_key: str = ""

    @property
    def directory(self) -> Path:
        return self.casebook.vault.directory


def check_new_passphrase(passphrase: str, *avoid: str) -> None:
    """The one passphrase policy (``dslapp.passphrase_policy``) for every new passphrase: raises
    ``WeakPassphrase``. ``avoid`` holds the person's name, school and the like."""
    passphrase_policy.check(passphrase, avoid)


def create(directory: Path, *, name: str, role: str, school: str, passphrase: str) -> Opened:
    """Calibrate Argon2id on this laptop and create the casebook (slow: about a second)."""
    check_user_name(name)
    check_new_passphrase(passphrase, name, school)
    kdf = keys.calibrate()  # looked up on the module so tests can make it fast
    vault, recovery_key = Vault.create(directory, name, role, passphrase, school=school, kdf=kdf)
    return Opened(RecordStore(vault), school, recovery_key)


def create_empty(directory: Path, *, name: str, role: str, school: str, passphrase: str) -> str:
    """``dslapp init``: create the casebook, lock it, and return the recovery key (to be shown once)."""
    opened = create(directory, name=name, role=role, school=school, passphrase=passphrase)
    lock(opened.casebook)
    return opened.recovery_key


def unlock(directory: Path, passphrase: str, *, user_id: str | None = None) -> Opened:
    vault = Vault.open(directory, passphrase, user_id=user_id)
    return Opened(RecordStore(vault), vault.school)


def unlock_with_recovery_key(
    directory: Path, recovery_key: str, new_passphrase: str, *, user_id: str | None = None
) -> Opened:
    check_new_passphrase(new_passphrase)
    vault = Vault.open_with_recovery_key(directory, recovery_key, new_passphrase, user_id=user_id)
    return Opened(RecordStore(vault), vault.school)


def lock(casebook: Casebook) -> None:
    """Run the lock hooks (the automatic backup), audit, drop the key and release the casebook."""
    casebook.vault.lock()


def restore_and_unlock(directory: Path, backup_file: Path, passphrase: str, *, user_id: str | None = None) -> Opened:
    """Restore a verified copy over a damaged casebook (the damaged file is kept aside), then unlock it."""
    restore(directory, backup_file, passphrase, user_id=user_id)
    return unlock(directory, passphrase, user_id=user_id)


# ---- people and passphrases ---------------------------------------------------------------------------------


def add_deputy(casebook: Casebook, name: str, role: str, passphrase: str) -> User:
    check_new_passphrase(passphrase, name, casebook.vault.school)
    return casebook.vault.add_user(name, role, passphrase)


def change_passphrase(casebook: Casebook, current: str, new: str) -> None:
    check_new_passphrase(new, casebook.vault.user.name, casebook.vault.school)
    casebook.vault.change_passphrase(current, new)


def confirm_passphrase(casebook: Casebook, passphrase: str) -> None:
    """Re-check the signed-in user's passphrase before data leaves the vault unencrypted (WrongPassphrase)."""
    keys.unwrap_with_passphrase(casebook.vault.keyfile, passphrase, casebook.vault.user.id)


# ---- backups and the damaged-file checks -----------------------------------------------------------------


def enable_auto_backup(casebook: Casebook, settings: Settings) -> None:
    """Rolling encrypted backups whenever the casebook is locked (and so on exit)."""
    backup.enable_auto_backup(casebook.vault, settings)


def when_locked(casebook: Casebook, hook: Callable[[Casebook], None]) -> None:
    """Call ``hook`` as the casebook locks, while it is still open (an error in it is raised once locked)."""
    casebook.vault.on_lock.append(lambda _vault: hook(casebook))


def auto_backup(casebook: Casebook, settings: Settings) -> backup.BackupInfo | None:
    """The rolling automatic backup (None when nothing changed since today's)."""
    return backup.auto_backup(casebook.vault, settings)


def back_up_to(casebook: Casebook, out: Path) -> backup.BackupInfo:
    """A verified backup file at ``out`` (a file, or a folder to put it in). Audited."""
    return backup.backup(casebook.vault, out)


def restore(directory: Path, backup_file: Path, passphrase: str, *, user_id: str | None = None) -> Path | None:
    """Restore a verified copy; returns where the replaced database was kept (nothing is deleted)."""
    return backup.restore(directory, backup_file, passphrase, user_id=user_id)


def verify(casebook: Casebook) -> audit.AuditReport:
    """``dslapp audit verify``: every page, then the audit chain, its anchor and every record's seal.
    VaultDamaged (naming the newest good copy) if pages are damaged."""
    vault = casebook.vault
    if vault.check_pages():
        raise vault.offering_copy(
            VaultDamaged("Part of the casebook's database is damaged, so its audit trail cannot be checked.")
        )
    return vault.verify_trail()


def back_up_now(casebook: Casebook, settings: Settings) -> tuple[str, int]:
    """A verified automatic backup now, rolled with ``settings``: its file name and how many are held back."""
    info = backup.auto_backup(casebook.vault, settings, force=True)
    return (info.path.name, len(info.held)) if info is not None else ("", 0)


def held_backups(casebook: Casebook) -> int:
    """How many automatic backups are held back because they hold far more records than the casebook now does."""
    return len(backup.held_now(casebook.vault))


def confirm_smaller_casebook(casebook: Casebook) -> None:
    backup.confirm_smaller_casebook(casebook.vault)


def export_plain(casebook: Casebook, passphrase: str, out: Path) -> Path:
    """The whole casebook unencrypted (the lock-in exit), after the passphrase is re-entered. Audited."""
    confirm_passphrase(casebook, passphrase)
    return backup.export_plain(casebook.vault, out)


def backup_made_at(path: Path) -> datetime | None:
    """When the backup at ``path`` was made (UTC), or None when that is not known (a copy kept aside)."""
    return next((b.made_at for b in backup.list_backups(path.parent) if b.path == path), None)


@dataclass(frozen=True)
class PageCheck:
    """The full page check run after unlock: the problems found, and the newest good copy to restore."""

    problems: list[str]
    newest_copy: Path | None


def check_pages(casebook: Casebook) -> PageCheck:
    """Check every page of the casebook's file on a connection of its own (safe on another thread)."""
    vault = casebook.vault
    if not vault.is_open:
        return PageCheck([], None)
    try:
        problems = vault.check_pages()
        newest = vault.offering_copy(VaultDamaged()).newest_backup if problems and vault.is_open else None
    except CasebookError:
        if not vault.is_open:  # locked while checking: nothing to say
            return PageCheck([], None)
        raise
    return PageCheck(problems, newest)


__all__ = [
    "DEMO_KDF",
    "BackupFile",
    "Casebook",
    "Opened",
    "PageCheck",
    "SearchHit",
    "User",
    "add_deputy",
    "auto_backup",
    "back_up_now",
    "back_up_to",
    "backup_made_at",
    "casebook_exists",
    "change_passphrase",
    "check_new_passphrase",
    "check_pages",
    "confirm_passphrase",
    "confirm_smaller_casebook",
    "create",
    "create_empty",
    "enable_auto_backup",
    "export_plain",
    "held_backups",
    "lock",
    "restore",
    "restore_and_unlock",
    "unlock",
    "unlock_with_recovery_key",
    "users_of",
    "verify",
    "when_locked",
]
