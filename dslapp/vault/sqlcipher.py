"""The only module that imports ``sqlcipher3``.

Opens a SQLCipher database with a raw 256-bit key, applies the pragmas of DESIGN §3, refuses a driver
that is not SQLCipher, and turns driver errors into the typed errors of :mod:`dslapp.errors`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as _driver

from dslapp.config import FILE_MODE
from dslapp.errors import DiskFull, UnsafeDriver, VaultDamaged

DatabaseError = _driver.DatabaseError
IntegrityError = _driver.IntegrityError
Row = _driver.Row

# Pragmas applied after the key on every connection (DESIGN §3). temp_store=MEMORY matters most:
# with FILE, large sorts spill plaintext into the temp folder.
_PRAGMAS = (
    "PRAGMA cipher_memory_security = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 5000",
)


def translate_error(exc: BaseException) -> BaseException:
    """Map a driver error to what a DSL should be told (or return it unchanged)."""
    text = str(exc).lower()
    if "disk is full" in text or "disk full" in text or "no space" in text:
        return DiskFull()
    if "not a database" in text or "malformed" in text or "disk i/o error" in text:
        return VaultDamaged()
    return exc


class Database:
    """One keyed SQLCipher connection. Not thread-safe: one thread owns it (DESIGN §2)."""

    def __init__(self, raw: Any, path: Path) -> None:
        self._raw = raw
        self.path = path

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        try:
            return self._raw.execute(sql, params)
        except _driver.DatabaseError as exc:
            translated = translate_error(exc)
            if translated is exc:
                raise
            raise translated from exc

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        try:
            return self._raw.executemany(sql, rows)
        except _driver.DatabaseError as exc:
            translated = translate_error(exc)
            if translated is exc:
                raise
            raise translated from exc

    def executescript(self, sql: str) -> None:
        self._raw.executescript(sql)

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @property
    def in_transaction(self) -> bool:
        return bool(self._raw.in_transaction)

    @contextlib.contextmanager
    def transaction(self, mode: str = "IMMEDIATE") -> Iterator[Database]:
        """One atomic unit: committed (durably, synchronous=FULL) on success, rolled back on error."""
        if self._raw.in_transaction:
            yield self  # nested: the outer transaction decides
            return
        self.execute(f"BEGIN {mode}")
        try:
            yield self
        except BaseException:
            if self._raw.in_transaction:
                self._raw.execute("ROLLBACK")
            raise
        else:
            try:
                self._raw.execute("COMMIT")
            except _driver.DatabaseError as exc:
                if self._raw.in_transaction:
                    self._raw.execute("ROLLBACK")
                translated = translate_error(exc)
                if translated is exc:
                    raise
                raise translated from exc

    def backup_to(self, target: Database) -> None:
        """Copy this database into ``target`` with SQLite's online backup (target must be keyed)."""
        self._raw.backup(target._raw)

    def export_plain(self, dest: Path) -> None:
        """Write an unencrypted SQLite copy (the 'leave the app' export)."""
        self.execute("ATTACH DATABASE ? AS plain KEY ''", (str(dest),))
        try:
            self.execute("SELECT sqlcipher_export('plain')")
        finally:
            self.execute("DETACH DATABASE plain")
        if os.name == "posix":
            os.chmod(dest, FILE_MODE)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._raw.close()


def _key_pragma(key: bytes) -> str:
    if len(key) != 32:
        raise ValueError("SQLCipher data key must be 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def open_database(path: Path, key: bytes, *, create: bool = False) -> Database:
    """Open (or create) the SQLCipher database at ``path`` keyed with the raw 32-byte ``key``.

    Raises :class:`VaultDamaged` when the file cannot be read with a key that is known to be right,
    and :class:`UnsafeDriver` when the driver is not SQLCipher.
    """
    if not create and not path.exists():
        raise VaultDamaged("The casebook's database file is missing. Restore it from your newest backup.")
    if create and not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        os.close(fd)
    raw = _driver.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        raw.execute(_key_pragma(key))
        version = raw.execute("PRAGMA cipher_version").fetchone()
        if not version or not version[0]:
            raise UnsafeDriver()
        try:
            raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except _driver.DatabaseError as exc:
            raise VaultDamaged() from exc
        for pragma in _PRAGMAS:
            raw.execute(pragma)
    except BaseException:
        raw.close()
        raise
    raw.row_factory = _driver.Row
    db = Database(raw, path)
    _tighten_modes(path)
    return db


def _tighten_modes(path: Path) -> None:
    if os.name != "posix":
        return
    for suffix in ("", "-wal", "-shm"):
        candidate = Path(f"{path}{suffix}")
        if candidate.exists():
            os.chmod(candidate, FILE_MODE)


def cipher_version(db: Database) -> str:
    return str(db.scalar("PRAGMA cipher_version") or "")


def integrity_ok(db: Database) -> bool:
    """``cipher_integrity_check`` (page HMACs) and ``quick_check`` (b-tree structure) both clean."""
    try:
        cipher_problems = db.execute("PRAGMA cipher_integrity_check").fetchall()
        quick = db.execute("PRAGMA quick_check").fetchall()
    except (VaultDamaged, _driver.DatabaseError):
        return False
    return not cipher_problems and [tuple(r) for r in quick] == [("ok",)]
