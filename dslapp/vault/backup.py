"""Verified backups and restores, and the plain export (so a school is never locked in).

A backup is one file: a zip (stored, not compressed) holding ``casebook.db`` (a SQLCipher copy made
with SQLite's online backup, same data key) and ``vault.keys`` (the key wraps at the time, sealed with the
audit trail's head and the number of records). Nothing in it is plaintext. The casebook's integrity is
checked before every backup, and every backup is verified by opening it before it counts; a restore never
deletes the current database, it keeps it aside, and is finished at the next open if it was interrupted.

Automatic backups (``auto_backup``, run by ``Vault.lock()`` once ``enable_auto_backup`` is called) go
into ``<vault>/backups/`` as ``auto-<UTC time>-<fingerprint>.casebook-backup`` and roll: the newest of
each of the last N days and of each of the last N weeks are kept (``Settings.backups_daily`` /
``backups_weekly``). Older automatic ones are removed only after the new one has been written, read
back and verified, and never when they hold clearly more records than the casebook now does, until the
DSL has said the smaller casebook is expected (``confirm_smaller_casebook``). Backups the user made by hand
are never removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from dslapp.config import FILE_MODE, Settings, ensure_private_dir
from dslapp.errors import BadBackupFile, CannotWriteFile, CasebookError, DiskFull, VaultDamaged
from dslapp.files import atomic_private_write
from dslapp.logs import LogEvent, log
from dslapp.vault import audit, keys
from dslapp.vault.audit import Action
from dslapp.vault.copies import (
    AUTO_PREFIX,
    AUTO_TIME,
    BACKUP_SUFFIX,
    BackupFile,
    backups_folder,
    check_backup,
    list_backups,
    newest_good_backup,
    newest_good_copy,
    read_backup_keyfile,
    unpack_database,
    verify_database,
)
from dslapp.vault.folder import (
    BACKUP_DIR,
    DB_NAME,
    KEYS_NAME,
    REPLACED_PREFIX,
    InstanceLock,
    RestoreJournal,
    swap_in,
    tidy,
    write_restore_journal,
)
from dslapp.vault.sqlcipher import open_database
from dslapp.vault.vault import User, Vault

__all__ = [
    "BACKUP_SUFFIX",
    "BackupFile",
    "BackupInfo",
    "auto_backup",
    "backup",
    "backups_folder",
    "check_backup",
    "confirm_smaller_casebook",
    "enable_auto_backup",
    "export_plain",
    "held_now",
    "list_backups",
    "newest_good_backup",
    "newest_good_copy",
    "prune_backups",
    "read_backup_keyfile",
    "restore",
]

# Audit actions that change nothing a backup holds apart from the access log itself.
_SESSION_ACTIONS = ("unlock", "lock", "view", "list", "search", "backup", "export", "print")
_SMALLER_CONFIRMED = "backups_smaller_confirmed_at"
_EXPORT_DISK_FULL = "The disk is full, so the export could not be written. Nothing has been lost."


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    records: int
    audit_rows: int
    held: tuple[Path, ...] = field(default_factory=tuple)
    """Older automatic backups kept back from the rotation because they hold clearly more records than the
    casebook now does (see ``confirm_smaller_casebook``)."""


def backup(vault: Vault, out: Path) -> BackupInfo:
    """Write a verified backup of ``vault`` to ``out``. Audited. Refused if the casebook fails its integrity
    check (a backup of damaged pages would later push a good backup out)."""
    out = out.expanduser()
    if out.is_dir():
        out = out / f"casebook-{vault.now().strftime('%Y%m%d-%H%M%S')}{BACKUP_SUFFIX}"
    if not out.parent.is_dir():
        raise CannotWriteFile(f"The folder {out.parent} does not exist. Choose another place for the backup.")
    if out.is_symlink():
        raise CannotWriteFile(f"{out.name} is a link to another file, so no backup was written there.")
    if vault.check_pages(full=False):
        raise VaultDamaged(
            "Part of the casebook's database is damaged, so no backup was made (it would hold the damage). "
            "Nothing has been changed."
        )
    try:
        # the copy is made in a folder only this user can enter (SQLite opens files by name, so a link planted
        # beside a shared destination must have nowhere to point), then written to ``out`` through one atomic
        # private write: a random temporary name, never through a link, 0600 before any byte
        with tempfile.TemporaryDirectory(prefix=".casebook-backup-", dir=out.parent) as private:
            os.chmod(private, 0o700)
            staging = Path(private) / DB_NAME
            # the audit row goes in first so the backup contains the record of its own making, and the key file
            # inside is sealed with the trail's head at that moment
            vault.audit(Action.BACKUP, out.name, "")
            vault.reseal_keyfile()
            copy = open_database(staging, vault.data_key, create=True)
            try:
                vault.db.backup_to(copy)
                copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file inside the zip
            finally:
                copy.close()
            info = verify_database(staging, vault.data_key, expect_head=audit.head(vault.db))
            with atomic_private_write(out) as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_STORED) as archive:
                archive.write(staging, DB_NAME)
                archive.writestr(KEYS_NAME, vault.keyfile.model_dump_json(indent=2))
    except PermissionError as exc:
        raise CannotWriteFile(f"DSL Casebook is not allowed to save in {out.parent}. Choose another place.") from exc
    except OSError as exc:
        if exc.errno == 28:
            raise CannotWriteFile("The disk is full, so the backup could not be made. Nothing has been lost.") from exc
        raise CannotWriteFile(f"The backup could not be written to {out}: {exc.strerror or exc}.") from exc
    except DiskFull as exc:
        raise CannotWriteFile("The disk is full, so the backup could not be made. Nothing has been lost.") from exc
    return BackupInfo(out, out.stat().st_size, info.records, info.audit_rows)


def restore(directory: Path, backup_file: Path, passphrase: str, *, user_id: str | None = None) -> Path | None:
    """Replace the vault's database with a verified copy. Returns where the old database was kept.

    ``backup_file`` is a backup file, or a database kept aside by an earlier restore
    (``casebook.db.replaced-*``). Works when the current database is damaged (it is never opened). The
    passphrase must open the backup (its key wraps are those of when it was made). The copy is written and
    checked in full before anything is moved; the swap itself is journalled, so if the program is stopped
    part way the next open finishes it. The replaced database is kept beside the vault as
    ``casebook.db.replaced-<time>``; nothing is deleted.
    """
    backup_file = backup_file.expanduser()
    current_keys_path = directory / KEYS_NAME
    raw_copy = backup_file.is_file() and not zipfile.is_zipfile(backup_file)
    if raw_copy:
        if not current_keys_path.exists():
            raise BadBackupFile(f"{backup_file.name} is not a DSL Casebook backup file.")
        backup_keys = keys.load_keyfile(current_keys_path)
    else:
        backup_keys = read_backup_keyfile(backup_file)
    if current_keys_path.exists():
        current = keys.load_keyfile(current_keys_path)
        if current.vault_id != backup_keys.vault_id:
            raise BadBackupFile("That backup belongs to a different casebook, so it was not restored.")
    data_key, wrap = keys.unwrap_with_passphrase(backup_keys, passphrase, user_id)
    ensure_private_dir(directory)
    lock = InstanceLock(directory)
    lock.acquire()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    incoming = directory / f".restore-{stamp}.db"
    aside_name = f"{REPLACED_PREFIX}{stamp}"
    aside = directory / aside_name
    try:
        tidy(directory)
        try:
            if raw_copy:
                _copy_database(backup_file, incoming)
            else:
                unpack_database(backup_file, incoming)
            verify_database(incoming, data_key, what="backup")
        except VaultDamaged as exc:
            raise BadBackupFile(
                f"{backup_file.name} did not pass its checks ({exc}), so it was not restored. Nothing has been "
                "changed; try an older backup."
            ) from exc
        except OSError as exc:
            raise translate_os_error(exc, "the backup could not be unpacked") from exc
        if not current_keys_path.exists():
            keys.save_keyfile(current_keys_path, backup_keys)
        write_restore_journal(directory, RestoreJournal(incoming.name, aside_name, stamp))
        swap_in(directory, RestoreJournal(incoming.name, aside_name, stamp))
        user = User(wrap.user_id, wrap.name, wrap.role)
        vault = Vault._finish_open(directory, keys.load_keyfile(current_keys_path), user, lock, data_key, None)
        vault.lock()
    finally:
        for leftover in (incoming, *(Path(f"{incoming}{s}") for s in ("-wal", "-shm", "-journal"))):
            leftover.unlink(missing_ok=True)
        lock.release()
    return aside if aside.exists() else None


def _copy_database(source: Path, dest: Path) -> None:
    """Copy a raw database (and its write-ahead log, which may hold its newest commits) to a new private file."""
    for suffix in ("", "-wal"):
        origin = Path(f"{source}{suffix}")
        if suffix and not origin.exists():
            continue
        target = Path(f"{dest}{suffix}")
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
        with os.fdopen(fd, "wb") as handle, open(origin, "rb") as reading:
            shutil.copyfileobj(reading, handle, 1 << 20)
            handle.flush()
            os.fsync(handle.fileno())


def translate_os_error(exc: OSError, doing: str) -> CasebookError:
    if exc.errno == 28:
        return DiskFull(f"The disk is full, so {doing}. Nothing has been changed.")
    if isinstance(exc, PermissionError):
        return CannotWriteFile(f"DSL Casebook is not allowed to write in the casebook's folder, so {doing}.")
    return CannotWriteFile(f"{doing[0].upper()}{doing[1:]} ({exc.strerror or type(exc).__name__}).")


def export_plain(vault: Vault, out: Path) -> Path:
    """An unencrypted SQLite copy of the whole vault (the lock-in exit). Audited.

    The caller re-checks the passphrase first (``dslapp.services.casebook.confirm_passphrase``). The file is
    created readable by this user only; if the export fails, the partial file is removed.
    """
    out = out.expanduser()
    if out.exists() or out.is_symlink():
        raise CannotWriteFile(f"{out} already exists. Choose a new file name.")
    if not out.parent.is_dir():
        raise CannotWriteFile(f"The folder {out.parent} does not exist.")
    try:
        # written in a folder only this user can enter, synced, then linked to ``out``: SQLite opens files by
        # name, and a link must never redirect the plaintext; linking never overwrites an existing file
        with tempfile.TemporaryDirectory(prefix=".casebook-export-", dir=out.parent) as private:
            os.chmod(private, 0o700)
            plain = Path(private) / "casebook.sqlite"
            vault.audit(Action.EXPORT, "vault", "plain SQLite export")
            vault.db.export_plain(plain)
            with open(plain, "rb") as written:
                os.fsync(written.fileno())
            _place_without_overwriting(plain, out)
    except FileExistsError as exc:
        raise CannotWriteFile(f"{out} already exists. Choose a new file name.") from exc
    except PermissionError as exc:
        raise CannotWriteFile(f"DSL Casebook is not allowed to save in {out.parent}. Choose another place.") from exc
    except DiskFull as exc:
        raise CannotWriteFile(_EXPORT_DISK_FULL) from exc
    except OSError as exc:
        if exc.errno == 28:
            raise CannotWriteFile(
                "The disk is full, so the export could not be written. Nothing has been lost."
            ) from exc
        raise CannotWriteFile(f"The export could not be written to {out}: {exc.strerror or exc}.") from exc
    return out


def _place_without_overwriting(source: Path, out: Path) -> None:
    """Give ``source`` the name ``out``, never replacing a file already there (a hard link where the disk has
    them; a USB stick formatted FAT has none, so a rename after checking)."""
    try:
        os.link(source, out)
    except FileExistsError:
        raise
    except OSError:
        if out.exists() or out.is_symlink():
            raise FileExistsError(str(out)) from None
        os.rename(source, out)


# ---- automatic rolling backups ----------------------------------------------------------------


def state_fingerprint(vault: Vault) -> str:
    """Changes whenever a record, amendment, key or draft changes (not on views, unlocks or locks)."""
    placeholders = ",".join("?" * len(_SESSION_ACTIONS))
    seq = vault.db.scalar(
        f"SELECT coalesce(max(seq), 0) FROM audit WHERE action NOT IN ({placeholders})", _SESSION_ACTIONS
    )
    drafts = vault.db.execute("SELECT count(*), coalesce(max(updated_at), '') FROM drafts").fetchone()
    text = f"{vault.vault_id}:{seq}:{drafts[0]}:{drafts[1]}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def auto_backup(vault: Vault, settings: Settings | None = None, *, force: bool = False) -> BackupInfo | None:
    """Make a verified automatic backup into ``<vault>/backups/`` and roll the old ones.

    Returns None (and writes nothing) when the newest automatic backup was made today and nothing but
    views, unlocks and locks has happened since. The copy is verified by opening it (integrity and audit
    checks) before it is zipped, and the zip is read back and its checksums checked; only then are old
    automatic backups pruned. If anything fails, the old ones are all kept.
    """
    settings = settings or Settings.load()
    folder = ensure_private_dir(vault.directory / BACKUP_DIR)
    fingerprint = state_fingerprint(vault)
    now = vault.now().astimezone(UTC)
    newest = next((b for b in list_backups(folder) if b.automatic), None)
    if (
        not force
        and newest is not None
        and newest.fingerprint == fingerprint
        and _local_day(newest.made_at) == _local_day(now)
    ):
        return None
    target = folder / f"{AUTO_PREFIX}{now.strftime(AUTO_TIME)}-{fingerprint}{BACKUP_SUFFIX}"
    info = backup(vault, target)  # the copy inside was opened and verified before it was zipped
    # read the file back: its checksums show the bytes on disk are the verified copy (re-opening it would
    # double the time a lock takes on a large casebook for no extra assurance)
    if not check_backup(target, vault_id=vault.vault_id):
        target.unlink(missing_ok=True)
        raise CannotWriteFile(
            "The automatic backup did not read back correctly from the disk, so it was not kept. "
            "Older backups are safe."
        )
    held = held_backups(vault, info.records)
    removed = prune_backups(folder, settings.backups_daily, settings.backups_weekly, keep=target, hold=held)
    log(LogEvent.BACKUP_MADE, pruned=len(removed))
    return BackupInfo(info.path, info.size, info.records, info.audit_rows, tuple(sorted(held)))


def backup_records(path: Path) -> int | None:
    """How many records a backup holds, from its sealed key file (None for a backup made before seals)."""
    try:
        anchor = read_backup_keyfile(path).anchor
    except CasebookError:
        return None
    return None if anchor is None else anchor.records


def held_backups(vault: Vault, records_now: int) -> set[Path]:
    """Automatic backups that hold clearly more records than the casebook now does (a quarter more, and at least
    five more) and were made after the DSL last said a smaller casebook was expected: never rotated out."""
    confirmed = _confirmed_at(vault)
    held: set[Path] = set()
    for entry in list_backups(vault.directory / BACKUP_DIR):
        if not entry.automatic or (confirmed is not None and entry.made_at <= confirmed):
            continue
        count = backup_records(entry.path)
        if count is not None and count > records_now * 1.25 + 5:
            held.add(entry.path)
    return held


def held_now(vault: Vault) -> set[Path]:
    """The automatic backups held back from the rotation for the casebook as it is now."""
    return held_backups(vault, int(vault.db.scalar("SELECT count(*) FROM records")))


def confirm_smaller_casebook(vault: Vault) -> None:
    """The DSL says the casebook is smaller on purpose (records disposed of under the retention policy): backups
    held back until now may rotate out as usual. Audited."""
    with vault.db.transaction():
        vault.db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (_SMALLER_CONFIRMED, vault.now().astimezone(UTC).isoformat()),
        )
        vault.audit(Action.BACKUP, "backups", "smaller casebook confirmed: older, larger backups may rotate out")


def _confirmed_at(vault: Vault) -> datetime | None:
    value = vault.db.scalar("SELECT value FROM meta WHERE key = ?", (_SMALLER_CONFIRMED,))
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def prune_backups(
    directory: Path, daily: int, weekly: int, *, keep: Path | None = None, hold: set[Path] | None = None
) -> list[Path]:
    """Remove automatic backups other than the newest of each of the last ``daily`` days and ``weekly`` weeks.

    Backups made by hand, and those in ``hold``, are never touched. A backup that no longer opens as a zip with
    its key file does not count towards the days and weeks kept. Returns the files removed.
    """
    daily = max(daily, 1)
    weekly = max(weekly, 0)
    autos = [b for b in list_backups(directory) if b.automatic]
    kept: set[Path] = {keep} if keep is not None else set()
    kept |= hold or set()
    days: list[date] = []
    weeks: list[tuple[int, int]] = []
    for entry in autos:  # newest first
        if not _readable(entry.path):
            continue  # a damaged file must not take the place of a good one
        day = _local_day(entry.made_at)
        if day not in days and len(days) < daily:
            days.append(day)
            kept.add(entry.path)
        iso = day.isocalendar()
        week = (iso.year, iso.week)
        if week not in weeks and len(weeks) < weekly:
            weeks.append(week)
            kept.add(entry.path)
    removed = []
    for entry in autos:
        if entry.path not in kept and _readable(entry.path):
            with contextlib.suppress(FileNotFoundError):
                entry.path.unlink()
            removed.append(entry.path)
    return removed


def _readable(path: Path) -> bool:
    """Opens as a backup zip with a key file that parses (cheap: the database inside is not read)."""
    try:
        read_backup_keyfile(path)
    except CasebookError:
        return False
    return True


def enable_auto_backup(vault: Vault, settings: Settings | None = None) -> None:
    """Make ``vault.lock()`` take an automatic backup first (the UI calls this on unlock; locking on exit
    therefore backs up too). An error in the backup is raised by ``lock()`` after the vault is locked."""
    chosen = settings or Settings.load()

    def hook(locking: Vault) -> None:
        auto_backup(locking, chosen)

    vault.on_lock.append(hook)


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()
