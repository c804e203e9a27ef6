"""Verified backups and restores, and the plain export (so a school is never locked in).

A backup is one file: a zip (stored, not compressed) holding ``casebook.db`` (a SQLCipher copy made
with SQLite's online backup, same data key) and ``vault.keys`` (the key wraps at the time). Nothing
in it is plaintext. Every backup is verified by opening it and checking its integrity before it
counts; a restore never deletes the current database, it moves it aside.

Automatic backups (``auto_backup``, run by ``Vault.lock()`` once ``enable_auto_backup`` is called) go
into ``<vault>/backups/`` as ``auto-<UTC time>-<fingerprint>.casebook-backup`` and roll: the newest of
each of the last N days and of each of the last N weeks are kept (``Settings.backups_daily`` /
``backups_weekly``). Older automatic ones are removed only after the new one has been written, read
back and verified. Backups the user made by hand are never removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from dslapp.config import FILE_MODE, Settings, ensure_private_dir
from dslapp.errors import CannotWriteFile, CasebookError, DiskFull, VaultDamaged
from dslapp.logs import LogEvent, log
from dslapp.vault import audit, keys
from dslapp.vault.audit import Action
from dslapp.vault.migrate import check_not_newer
from dslapp.vault.sqlcipher import DatabaseError, integrity_ok, open_database, translate_error
from dslapp.vault.vault import BACKUP_DIR, DB_NAME, KEYS_NAME, Vault, _InstanceLock, is_vault

BACKUP_SUFFIX = ".casebook-backup"
AUTO_PREFIX = "auto-"
_AUTO_NAME = re.compile(r"^auto-(\d{8}T\d{12}Z)-([0-9a-f]{8})" + re.escape(BACKUP_SUFFIX) + "$")
_AUTO_TIME = "%Y%m%dT%H%M%S%fZ"
# Audit actions that change nothing a backup holds apart from the access log itself.
_SESSION_ACTIONS = ("unlock", "lock", "view", "list", "search", "backup", "export", "print")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    records: int
    audit_rows: int


def backup(vault: Vault, out: Path) -> BackupInfo:
    """Write a verified backup of ``vault`` to ``out``. Audited."""
    out = out.expanduser()
    if out.is_dir():
        out = out / f"casebook-{vault.now().strftime('%Y%m%d-%H%M%S')}{BACKUP_SUFFIX}"
    if not out.parent.is_dir():
        raise CannotWriteFile(f"The folder {out.parent} does not exist. Choose another place for the backup.")
    staging = out.with_name(f".{out.name}.db-partial")
    partial = out.with_name(f".{out.name}.partial")
    try:
        # the audit row goes in first so the backup contains the record of its own making
        vault.audit(Action.BACKUP, out.name, "")
        copy = open_database(staging, vault.data_key, create=True)
        try:
            vault.db.backup_to(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file inside the zip
        finally:
            copy.close()
        info = _verify_db(staging, vault.data_key)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_STORED) as archive:
            archive.write(staging, DB_NAME)
            archive.writestr(KEYS_NAME, vault.keyfile.model_dump_json(indent=2))
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, out)
    except PermissionError as exc:
        raise CannotWriteFile(f"DSL Casebook is not allowed to save in {out.parent}. Choose another place.") from exc
    except OSError as exc:
        if exc.errno == 28:
            raise CannotWriteFile("The disk is full, so the backup could not be made. Nothing has been lost.") from exc
        raise CannotWriteFile(f"The backup could not be written to {out}: {exc.strerror or exc}.") from exc
    except (DiskFull, DatabaseError) as exc:
        if isinstance(exc, DiskFull) or isinstance(translate_error(exc), DiskFull):
            raise CannotWriteFile("The disk is full, so the backup could not be made. Nothing has been lost.") from exc
        raise
    finally:
        for leftover in (staging, partial, *(Path(f"{staging}{s}") for s in ("-wal", "-shm", "-journal"))):
            leftover.unlink(missing_ok=True)
    return BackupInfo(out, out.stat().st_size, info[0], info[1])


def _verify_db(path: Path, data_key: bytes) -> tuple[int, int]:
    """Open a copy with the key and check page HMACs, structure and the audit chain."""
    db = open_database(path, data_key)
    try:
        check_not_newer(db)
        if not integrity_ok(db):
            raise VaultDamaged("The backup copy failed its integrity check, so it was not kept. Please try again.")
        report = audit.verify(db)
        if not report.ok:
            raise VaultDamaged(f"The backup copy's audit trail does not verify ({report.problem}).")
        return int(db.scalar("SELECT count(*) FROM records")), report.rows
    finally:
        db.close()


def read_backup_keyfile(backup_file: Path) -> keys.KeyFile:
    try:
        with zipfile.ZipFile(backup_file) as archive:
            raw = archive.read(KEYS_NAME)
            archive.getinfo(DB_NAME)
    except FileNotFoundError as exc:
        raise CasebookError(f"There is no backup file at {backup_file}.") from exc
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise CasebookError(f"{backup_file.name} is not a DSL Casebook backup, or it is damaged.") from exc
    try:
        return keys.KeyFile.model_validate_json(raw)
    except ValueError as exc:
        raise CasebookError(f"The key file inside {backup_file.name} is damaged.") from exc


def restore(directory: Path, backup_file: Path, passphrase: str, *, user_id: str | None = None) -> Path | None:
    """Replace the vault's database with a verified backup. Returns where the old database was moved.

    Works when the current database is damaged (it is never opened). The passphrase must open the
    backup (its key wraps are those of when it was made). The replaced database is kept beside the
    vault as ``casebook.db.replaced-<time>``; nothing is deleted.
    """
    backup_keys = read_backup_keyfile(backup_file)
    current_keys_path = directory / KEYS_NAME
    if current_keys_path.exists():
        current = keys.load_keyfile(current_keys_path)
        if current.vault_id != backup_keys.vault_id:
            raise CasebookError("That backup belongs to a different casebook, so it was not restored.")
    data_key, user = keys.unwrap_with_passphrase(backup_keys, passphrase, user_id)
    ensure_private_dir(directory)
    lock = _InstanceLock(directory)
    lock.acquire()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    incoming = directory / f".restore-{stamp}.db"
    moved_aside: Path | None = None
    try:
        fd = os.open(incoming, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(backup_file) as archive:
            handle.write(archive.read(DB_NAME))
            handle.flush()
            os.fsync(handle.fileno())
        _verify_db(incoming, data_key)
        live = directory / DB_NAME
        if live.exists():
            moved_aside = directory / f"{DB_NAME}.replaced-{stamp}"
            os.replace(live, moved_aside)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{live}{suffix}")
                if side.exists():
                    os.replace(side, Path(f"{moved_aside}{suffix}"))
        os.replace(incoming, live)
        if not current_keys_path.exists():
            keys.save_keyfile(current_keys_path, backup_keys)
        db = open_database(live, data_key)
        try:
            db.execute("PRAGMA journal_mode = WAL")
            audit.append(db, f"{user.name} ({user.role})", Action.RESTORE, backup_file.name, "")
        finally:
            db.close()
    finally:
        incoming.unlink(missing_ok=True)
        lock.release()
    return moved_aside


def export_plain(vault: Vault, out: Path) -> Path:
    """An unencrypted SQLite copy of the whole vault (the lock-in exit). Audited.

    The caller re-checks the passphrase first (``dslapp.vault.vault.confirm_passphrase``). The file is
    created readable by this user only; if the export fails, the partial file is removed.
    """
    out = out.expanduser()
    if out.exists():
        raise CannotWriteFile(f"{out} already exists. Choose a new file name.")
    if not out.parent.is_dir():
        raise CannotWriteFile(f"The folder {out.parent} does not exist.")
    try:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except PermissionError as exc:
        raise CannotWriteFile(f"DSL Casebook is not allowed to save in {out.parent}. Choose another place.") from exc
    except OSError as exc:
        raise CannotWriteFile(f"The export could not be written to {out}: {exc.strerror or exc}.") from exc
    os.close(fd)
    try:
        vault.audit(Action.EXPORT, "vault", "plain SQLite export")
        vault.db.export_plain(out)
    except DiskFull as exc:
        out.unlink(missing_ok=True)
        raise CannotWriteFile("The disk is full, so the export could not be written. Nothing has been lost.") from exc
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return out


# ---- automatic rolling backups ----------------------------------------------------------------


@dataclass(frozen=True)
class BackupFile:
    """One backup file found in a folder (not yet verified)."""

    path: Path
    made_at: datetime
    """When it was made (UTC): from the name of an automatic backup, else the file's modification time."""
    automatic: bool
    size: int
    fingerprint: str = ""
    """For automatic backups: a digest of the vault's state of change when it was made."""


def backups_folder(directory: Path) -> Path:
    """``directory``'s ``backups`` folder if ``directory`` is a vault, else ``directory`` itself."""
    if is_vault(directory) or (directory / BACKUP_DIR).is_dir():
        return directory / BACKUP_DIR
    return directory


def list_backups(directory: Path) -> list[BackupFile]:
    """Backup files in a vault's backups folder (or in the folder given), newest first."""
    folder = backups_folder(directory)
    found: list[BackupFile] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        if not path.name.endswith(BACKUP_SUFFIX) or path.name.startswith("."):
            continue
        try:
            stat = path.stat()
        except OSError:
            continue
        if not path.is_file():
            continue
        match = _AUTO_NAME.match(path.name)
        if match:
            made_at = datetime.strptime(match.group(1), _AUTO_TIME).replace(tzinfo=UTC)
            found.append(BackupFile(path, made_at, True, stat.st_size, match.group(2)))
        else:
            found.append(BackupFile(path, datetime.fromtimestamp(stat.st_mtime, UTC), False, stat.st_size))
    found.sort(key=lambda b: (b.made_at, b.path.name), reverse=True)
    return found


def check_backup(path: Path, data_key: bytes | None = None, *, vault_id: str | None = None) -> bool:
    """True if ``path`` is a whole, readable backup (of vault ``vault_id``, if given).

    Without the data key: the zip's checksums, both members, and a key file that parses. With it, also:
    the database opens, its page checksums (HMACs) and structure are sound and its audit trail verifies.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            if archive.testzip() is not None:
                return False
            names = set(archive.namelist())
            if not {DB_NAME, KEYS_NAME} <= names:
                return False
            keyfile = keys.KeyFile.model_validate_json(archive.read(KEYS_NAME))
            if vault_id is not None and keyfile.vault_id != vault_id:
                return False
            if data_key is None:
                return True
            scratch = path.with_name(f".verify-{secrets.token_hex(6)}.db")
            try:
                fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
                with os.fdopen(fd, "wb") as handle, archive.open(DB_NAME) as member:
                    while chunk := member.read(1 << 20):
                        handle.write(chunk)
                _verify_db(scratch, data_key)
            finally:
                for leftover in (scratch, *(Path(f"{scratch}{s}") for s in ("-wal", "-shm"))):
                    leftover.unlink(missing_ok=True)
    except Exception:  # unreadable, damaged, not a backup, the wrong key: in every case, not a good backup
        return False
    return True


def newest_good_backup(directory: Path, data_key: bytes | None = None) -> Path | None:
    """The newest backup in a vault's backups folder that passes ``check_backup`` (None if there is none).

    ``directory`` is the vault folder (or a folder of backups). When the vault's key file can be read, only
    backups of this vault count. Give the data key, when it is known, for the full check.
    """
    vault_id: str | None = None
    with contextlib.suppress(CasebookError, OSError):
        vault_id = keys.load_keyfile(directory / KEYS_NAME).vault_id
    for candidate in list_backups(directory):
        if check_backup(candidate.path, data_key, vault_id=vault_id):
            return candidate.path
    return None


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
    target = folder / f"{AUTO_PREFIX}{now.strftime(_AUTO_TIME)}-{fingerprint}{BACKUP_SUFFIX}"
    info = backup(vault, target)  # the copy inside was opened and verified before it was zipped
    # read the file back: its checksums show the bytes on disk are the verified copy (re-opening it would
    # double the time a lock takes on a large casebook for no extra assurance)
    if not check_backup(target, vault_id=vault.vault_id):
        target.unlink(missing_ok=True)
        raise CannotWriteFile(
            "The automatic backup did not read back correctly from the disk, so it was not kept. "
            "Older backups are safe."
        )
    removed = prune_backups(folder, settings.backups_daily, settings.backups_weekly, keep=target)
    log(LogEvent.BACKUP_MADE, pruned=len(removed))
    return info


def prune_backups(directory: Path, daily: int, weekly: int, *, keep: Path | None = None) -> list[Path]:
    """Remove automatic backups other than the newest of each of the last ``daily`` days and ``weekly`` weeks.

    Backups made by hand are never touched. Returns the files removed.
    """
    daily = max(daily, 1)
    weekly = max(weekly, 0)
    autos = [b for b in list_backups(directory) if b.automatic]
    kept: set[Path] = {keep} if keep is not None else set()
    days: list[date] = []
    weeks: list[tuple[int, int]] = []
    for entry in autos:  # newest first
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
        if entry.path not in kept:
            with contextlib.suppress(FileNotFoundError):
                entry.path.unlink()
            removed.append(entry.path)
    return removed


def enable_auto_backup(vault: Vault, settings: Settings | None = None) -> None:
    """Make ``vault.lock()`` take an automatic backup first (the UI calls this on unlock; locking on exit
    therefore backs up too). An error in the backup is raised by ``lock()`` after the vault is locked."""
    chosen = settings or Settings.load()

    def hook(locking: Vault) -> None:
        auto_backup(locking, chosen)

    vault.on_lock.append(hook)


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()
