"""Verified backups and restores, and the plain export (so a school is never locked in).

A backup is one file: a zip (stored, not compressed) holding ``casebook.db`` (a SQLCipher copy made
with SQLite's online backup, same data key) and ``vault.keys`` (the key wraps at the time). Nothing
in it is plaintext. Every backup is verified by opening it and checking its integrity before it
counts; a restore never deletes the current database, it moves it aside.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dslapp.config import FILE_MODE, ensure_private_dir
from dslapp.errors import CannotWriteFile, CasebookError, VaultDamaged
from dslapp.vault import audit, keys
from dslapp.vault.audit import Action
from dslapp.vault.migrate import check_not_newer
from dslapp.vault.sqlcipher import integrity_ok, open_database
from dslapp.vault.vault import DB_NAME, KEYS_NAME, Vault, _InstanceLock

BACKUP_SUFFIX = ".casebook-backup"


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
    finally:
        staging.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)
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
    """An unencrypted SQLite copy of the whole vault (the lock-in exit). Audited. Caller re-checks the passphrase."""
    if out.exists():
        raise CannotWriteFile(f"{out} already exists. Choose a new file name.")
    if not out.parent.is_dir():
        raise CannotWriteFile(f"The folder {out.parent} does not exist.")
    vault.audit(Action.EXPORT, "vault", "plain SQLite export")
    vault.db.export_plain(out)
    return out
