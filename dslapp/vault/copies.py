"""Finding and checking copies of a casebook: backup files, and databases kept aside by a restore.

A backup is one zip (stored, not compressed) holding ``casebook.db`` and ``vault.keys``. Its members are
read with caps on both their declared and their actual size, so a hostile or damaged file is refused in
bounded memory and time (the database is encrypted, so a genuine copy never compresses).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from dslapp.config import FILE_MODE
from dslapp.errors import BadBackupFile, CasebookError, DiskFull, VaultDamaged
from dslapp.vault import audit, keys
from dslapp.vault.folder import BACKUP_DIR, DB_NAME, KEYS_NAME, copies_aside, is_vault
from dslapp.vault.migrate import check_not_newer
from dslapp.vault.sqlcipher import integrity_problems, open_database

BACKUP_SUFFIX = ".casebook-backup"
AUTO_PREFIX = "auto-"
AUTO_NAME = re.compile(r"^auto-(\d{8}T\d{12}Z)-([0-9a-f]{8})" + re.escape(BACKUP_SUFFIX) + "$")
AUTO_TIME = "%Y%m%dT%H%M%S%fZ"

MAX_KEYFILE_BYTES = 1024 * 1024
MAX_DATABASE_BYTES = 64 * 1024**3
_MAX_MEMBERS = 16
_CHUNK = 1 << 20


@dataclass(frozen=True)
class CopyCheck:
    """What a verified copy holds."""

    records: int
    audit_rows: int


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


# ---- reading a backup file safely ---------------------------------------------------------------------


@contextlib.contextmanager
def open_backup(path: Path) -> Iterator[zipfile.ZipFile]:
    """Open a backup file as a zip, with one clear error for every way it can be the wrong thing."""
    try:
        if path.is_dir():
            raise BadBackupFile(f"{path.name} is a folder, not a DSL Casebook backup file.")
        archive = zipfile.ZipFile(path)
    except FileNotFoundError as exc:
        raise BadBackupFile(f"There is no backup file at {path}.") from exc
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise BadBackupFile(f"{path.name} is not a DSL Casebook backup, or it is damaged.") from exc
    with archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        if len(infos) > _MAX_MEMBERS or not {DB_NAME, KEYS_NAME} <= names:
            raise BadBackupFile(f"{path.name} is not a DSL Casebook backup, or it is damaged.")
        yield archive


def _checked_member(archive: zipfile.ZipFile, name: str, limit: int) -> zipfile.ZipInfo:
    info = archive.getinfo(name)
    # an encrypted database does not compress: a member that claims to grow is a damaged or hostile file
    grows = info.compress_type != zipfile.ZIP_STORED and info.file_size > 2 * info.compress_size + _CHUNK
    if info.file_size > limit or grows:
        raise BadBackupFile("This backup file is damaged or not a real backup: a part of it is far too large.")
    return info


def read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """A small member (the key file), read with its size capped."""
    _checked_member(archive, name, limit)
    try:
        with archive.open(name) as member:
            data = member.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise BadBackupFile("This backup file is damaged: a part of it cannot be read.") from exc
    if len(data) > limit:
        raise BadBackupFile("This backup file is damaged or not a real backup: a part of it is far too large.")
    return data


def extract_member(archive: zipfile.ZipFile, name: str, handle: IO[bytes], limit: int = MAX_DATABASE_BYTES) -> int:
    """Stream a member into ``handle`` in 1 MiB pieces, never past its declared size or ``limit``."""
    info = _checked_member(archive, name, limit)
    written = 0
    try:
        with archive.open(name) as member:
            while chunk := member.read(_CHUNK):
                written += len(chunk)
                if written > info.file_size:
                    raise BadBackupFile("This backup file is damaged: a part of it is longer than it says.")
                handle.write(chunk)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as exc:
        raise BadBackupFile("This backup file is damaged: a part of it cannot be read.") from exc
    except OSError as exc:
        if exc.errno == 28:
            raise DiskFull("The disk is full, so the backup could not be unpacked. Nothing has been changed.") from exc
        raise
    return written


def read_backup_keyfile(backup_file: Path) -> keys.KeyFile:
    with open_backup(backup_file) as archive:
        raw = read_member(archive, KEYS_NAME, MAX_KEYFILE_BYTES)
    try:
        return keys.parse_keyfile(raw)
    except CasebookError as exc:
        raise BadBackupFile(f"The key file inside {backup_file.name} is damaged, so it cannot be used.") from exc


def unpack_database(backup_file: Path, dest: Path) -> None:
    """Write the backup's database to ``dest`` (a new private file), checking free space first."""
    with open_backup(backup_file) as archive:
        info = _checked_member(archive, DB_NAME, MAX_DATABASE_BYTES)
        free = shutil.disk_usage(dest.parent).free
        if info.file_size + 16 * _CHUNK > free:
            raise DiskFull("There is not enough free disk space to restore this backup. Nothing has been changed.")
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            extract_member(archive, DB_NAME, handle)
            handle.flush()
            os.fsync(handle.fileno())


# ---- checking a copy ----------------------------------------------------------------------------------


def verify_database(
    path: Path, data_key: bytes, *, what: str = "backup copy", expect_head: tuple[int, str] | None = None
) -> CopyCheck:
    """Open a copy with the key and check its page HMACs and structure, then its audit trail: either that it ends
    where the source's did (``expect_head``: a copy just made) or that its chain is unbroken (a copy to be
    restored). VaultDamaged if not sound. Records are not judged here: a copy keeps whatever the source held."""
    db = open_database(path, data_key)
    try:
        check_not_newer(db)
        if integrity_problems(db):
            raise VaultDamaged(f"The {what} failed its integrity check.")
        records = int(db.scalar("SELECT count(*) FROM records"))
        if expect_head is not None:
            if audit.head(db) != expect_head:
                raise VaultDamaged(f"The {what} does not hold the whole audit trail.")
            return CopyCheck(records, expect_head[0])
        report = audit.verify(db, records=False, history=False)
        if not report.ok:
            raise VaultDamaged(f"The {what}'s audit trail does not verify ({report.problem}).")
        return CopyCheck(records, report.rows)
    finally:
        db.close()


def check_backup(path: Path, data_key: bytes | None = None, *, vault_id: str | None = None) -> bool:
    """True if ``path`` is a whole, readable backup (of vault ``vault_id``, if given).

    Without the data key: the zip's checksums, both members, and a key file that parses. With it, also:
    the database opens, its page checksums (HMACs) and structure are sound and its audit trail verifies.
    """
    try:
        with open_backup(path) as archive:
            for info in archive.infolist():
                _checked_member(archive, info.filename, MAX_DATABASE_BYTES)
            keyfile = keys.parse_keyfile(read_member(archive, KEYS_NAME, MAX_KEYFILE_BYTES))
            if vault_id is not None and keyfile.vault_id != vault_id:
                return False
            if data_key is None:
                return archive.testzip() is None
            scratch = path.with_name(f".verify-{secrets.token_hex(6)}.db")
            try:
                fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
                with os.fdopen(fd, "wb") as handle:
                    extract_member(archive, DB_NAME, handle)
                verify_database(scratch, data_key)
            finally:
                for leftover in (scratch, *(Path(f"{scratch}{s}") for s in ("-wal", "-shm"))):
                    leftover.unlink(missing_ok=True)
    except Exception:  # unreadable, damaged, not a backup, the wrong key: in every case, not a good backup
        return False
    return True


def check_database_copy(path: Path, data_key: bytes) -> bool:
    """True if a raw database copy (one kept aside by a restore) opens with the key and passes its checks.

    It is checked through a scratch copy, so opening it never changes the file kept aside."""
    scratch = path.with_name(f".verify-{secrets.token_hex(6)}.db")
    try:
        shutil.copyfile(path, scratch)
        os.chmod(scratch, FILE_MODE)
        verify_database(scratch, data_key)
    except Exception:
        return False
    finally:
        for leftover in (scratch, *(Path(f"{scratch}{s}") for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)
    return True


# ---- listing --------------------------------------------------------------------------------------------


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
        match = AUTO_NAME.match(path.name)
        if match:
            made_at = datetime.strptime(match.group(1), AUTO_TIME).replace(tzinfo=UTC)
            found.append(BackupFile(path, made_at, True, stat.st_size, match.group(2)))
        else:
            found.append(BackupFile(path, datetime.fromtimestamp(stat.st_mtime, UTC), False, stat.st_size))
    found.sort(key=lambda b: (b.made_at, b.path.name), reverse=True)
    return found


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


def newest_good_copy(directory: Path, data_key: bytes | None = None) -> Path | None:
    """The newest copy that holds this casebook's data and passes its checks: a backup file, or (when the key
    is known, so it can be checked) a database kept aside by a restore, whichever was made last."""
    best: tuple[datetime, Path] | None = None
    backup = newest_good_backup(directory, data_key)
    if backup is not None:
        made = next((b.made_at for b in list_backups(directory) if b.path == backup), None)
        best = (made or datetime.fromtimestamp(backup.stat().st_mtime, UTC), backup)
    if data_key is not None:
        for aside in copies_aside(directory):
            made = datetime.fromtimestamp(aside.stat().st_mtime, UTC)
            if best is not None and made <= best[0]:
                break
            if check_database_copy(aside, data_key):
                best = (made, aside)
                break
    return None if best is None else best[1]
