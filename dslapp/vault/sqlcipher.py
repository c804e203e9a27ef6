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
from dslapp.errors import CannotWriteFile, DiskFull, UnsafeDriver, VaultDamaged, VaultInUse

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


MIN_DATABASE_BYTES = 1024
"""A casebook database holds at least one 4 KiB page; anything shorter (0 or 1 byte after a power cut or a
sync client's truncation) is a damaged file, never an empty casebook."""

_DAMAGE_WORDS = ("not a database", "malformed", "disk i/o error", "corrupt", "hmac", "error decrypting")


def translate_error(exc: BaseException) -> BaseException:
    """Map a driver error to what a DSL should be told (or return it unchanged)."""
    text = str(exc).lower()
    if "disk is full" in text or "disk full" in text or "no space" in text:
        return DiskFull()
    if any(word in text for word in _DAMAGE_WORDS):
        return VaultDamaged()
    if "unable to open database file" in text or "readonly database" in text:
        return CannotWriteFile(
            "The casebook's file could not be opened for writing (check the folder's permissions). "
            "Nothing has been changed."
        )
    if "database is locked" in text:
        return VaultInUse()
    return exc


@contextlib.contextmanager
def translated_errors() -> Iterator[None]:
    """Raise driver errors as the typed errors of :mod:`dslapp.errors` where a DSL should see them."""
    try:
        yield
    except _driver.DatabaseError as exc:
        translated = translate_error(exc)
        if translated is exc:
            raise
        raise translated from exc


_quietened = False


def _quieten_driver() -> None:
    """SQLCipher logs each failed page check to stderr (20+ lines for one damaged page): a failure is one line.
    The log level is process-wide, so setting it once on a throwaway connection covers every connection."""
    global _quietened
    if _quietened:
        return
    probe = _driver.connect(":memory:")
    try:
        probe.execute("PRAGMA cipher_log_level = NONE")
    finally:
        probe.close()
    _quietened = True


class Cursor:
    """A driver cursor whose reads raise the typed errors too: rows are read lazily, so a damaged page can be met
    while iterating, long after ``execute`` returned."""

    __slots__ = ("_raw",)

    def __init__(self, raw: Any) -> None:
        self._raw = raw

    def __iter__(self) -> Iterator[Any]:
        with translated_errors():
            yield from self._raw

    def fetchone(self) -> Any:
        with translated_errors():
            return self._raw.fetchone()

    def fetchall(self) -> list[Any]:
        with translated_errors():
            return list(self._raw.fetchall())

    def fetchmany(self, size: int = 1) -> list[Any]:
        with translated_errors():
            return list(self._raw.fetchmany(size))

    def close(self) -> None:
        """Finish the statement now (a reader that stops early), rather than when the cursor is collected."""
        self._raw.close()

    @property
    def rowcount(self) -> int:
        return int(self._raw.rowcount)

    @property
    def lastrowid(self) -> Any:
        return self._raw.lastrowid

    @property
    def description(self) -> Any:
        return self._raw.description


class Database:
    """One keyed SQLCipher connection. Not thread-safe: one thread owns it (DESIGN §2)."""

    def __init__(self, raw: Any, path: Path) -> None:
        self._raw = raw
        self.path = path
        self._pending_seals: list[Any] = []

    # Record versions written in the current transaction, waiting for the audit row that seals them
    # (dslapp.vault.audit.append). Cleared when a transaction begins or rolls back; a commit with seals
    # still waiting is refused, so no record is ever saved without its audit row.

    def add_pending_seal(self, seal: Any) -> None:
        self._pending_seals.append(seal)

    def take_pending_seals(self) -> list[Any]:
        taken, self._pending_seals = self._pending_seals, []
        return taken

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        with translated_errors():
            return Cursor(self._raw.execute(sql, params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        with translated_errors():
            return Cursor(self._raw.executemany(sql, rows))

    def executescript(self, sql: str) -> None:
        with translated_errors():
            self._raw.executescript(sql)

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def write_mark(self) -> tuple[int, int]:
        """Changes whenever anything is written to the database: (rows changed through this connection, SQLite's
        data_version, which moves when another connection commits). For caches of what the data says."""
        return int(self._raw.total_changes), int(self.scalar("PRAGMA data_version"))

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
        self._pending_seals = []
        try:
            yield self
            if self._pending_seals:
                raise RuntimeError("records were written without the audit row that seals them")
        except BaseException:
            self._pending_seals = []
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
        with translated_errors():
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
    if create:
        # a database is only ever created as a new file: an existing one, however short, is never "new"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
        os.close(fd)
    else:
        check_not_cut_short(path)
    _quieten_driver()
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


def check_not_cut_short(path: Path) -> None:
    """VaultDamaged if the database file is missing, empty or shorter than one page (nothing is written).

    A database whose pages are all still in its write-ahead log (a crash before the first checkpoint) has a
    short main file and a long ``-wal`` beside it: that one is left for SQLite to read.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise VaultDamaged("The casebook's database file is missing. Nothing has been changed.") from exc
    if size >= MIN_DATABASE_BYTES:
        return
    try:
        wal = Path(f"{path}-wal").stat().st_size
    except OSError:
        wal = 0
    if wal < MIN_DATABASE_BYTES:
        raise VaultDamaged(
            f"The casebook's database file is empty or cut short ({size} bytes), perhaps by a power cut or a "
            "sync program. It has not been opened or changed."
        )


def _tighten_modes(path: Path) -> None:
    if os.name != "posix":
        return
    for suffix in ("", "-wal", "-shm"):
        candidate = Path(f"{path}{suffix}")
        if candidate.exists():
            os.chmod(candidate, FILE_MODE)


def cipher_version(db: Database) -> str:
    return str(db.scalar("PRAGMA cipher_version") or "")


def integrity_problems(db: Database, *, full: bool = False) -> list[str]:
    """What ``cipher_integrity_check`` (every page's HMAC) and ``quick_check`` (or, with ``full``, the slower
    ``integrity_check`` that also reads every index) report; empty when the file is sound."""
    try:
        problems = [str(r[0]) for r in db.execute("PRAGMA cipher_integrity_check").fetchall()]
        check = "integrity_check" if full else "quick_check"
        report = [str(r[0]) for r in db.execute(f"PRAGMA {check}").fetchall()]
    except (VaultDamaged, _driver.DatabaseError) as exc:
        return [type(exc).__name__]
    return problems + [line for line in report if line != "ok"]


def integrity_ok(db: Database, *, full: bool = False) -> bool:
    """``cipher_integrity_check`` (page HMACs) and ``quick_check`` (b-tree structure) both clean."""
    return not integrity_problems(db, full=full)
