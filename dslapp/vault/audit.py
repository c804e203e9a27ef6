"""Append-only, hash-chained audit trail (DESIGN §3).

Each row's hash covers its own fields and the previous row's hash, so changing or removing a row
breaks the chain from that row on. Rows hold ids and actions, never case text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from dslapp.vault.sqlcipher import Database

GENESIS = "0" * 64


class Action:
    """The audited actions (a plain namespace so values are stable strings in the database)."""

    CREATE = "create"
    AMEND = "amend"
    VIEW = "view"
    LIST = "list"
    SEARCH = "search"
    EXPORT = "export"
    PRINT = "print"
    IMPORT = "import"
    BACKUP = "backup"
    RESTORE = "restore"
    UNLOCK = "unlock"
    LOCK = "lock"
    KEYS = "keys"
    SETUP = "setup"


@dataclass(frozen=True)
class AuditEvent:
    seq: int
    at: str
    user: str
    action: str
    object: str
    detail: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    rows: int
    first_bad_seq: int | None = None
    problem: str = ""


def row_hash(seq: int, at: str, user: str, action: str, obj: str, detail: str, prev_hash: str) -> str:
    canonical = json.dumps([seq, at, user, action, obj, detail, prev_hash], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def append(
    db: Database, user: str, action: str, obj: str = "", detail: str = "", clock: Callable[[], str] = _now
) -> AuditEvent:
    """Append one row. Call inside the transaction that makes the change being audited."""
    with db.transaction():
        # seq continues from the highest ever issued, so rows removed from the end leave a visible gap
        issued = db.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'audit'")
        seq = 1 if issued is None else int(issued) + 1
        last = db.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        prev_hash = GENESIS if last is None else str(last[0])
        at = clock()
        digest = row_hash(seq, at, user, action, obj, detail, prev_hash)
        db.execute(
            "INSERT INTO audit (seq, at, user, action, object, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)",
            (seq, at, user, action, obj, detail, prev_hash, digest),
        )
    return AuditEvent(seq, at, user, action, obj, detail, prev_hash, digest)


def events(db: Database, obj: str | None = None, limit: int | None = None) -> list[AuditEvent]:
    sql = "SELECT seq, at, user, action, object, detail, prev_hash, hash FROM audit"
    params: list[object] = []
    if obj is not None:
        sql += " WHERE object = ?"
        params.append(obj)
    sql += " ORDER BY seq"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [AuditEvent(*tuple(row)) for row in db.execute(sql, params).fetchall()]


def verify(db: Database) -> AuditReport:
    """Walk the chain; report the first row that was changed, removed or inserted out of order."""
    expected_seq = 1
    prev_hash = GENESIS
    count = 0
    for row in db.execute("SELECT seq, at, user, action, object, detail, prev_hash, hash FROM audit ORDER BY seq"):
        seq, at, user, action, obj, detail, stored_prev, stored_hash = tuple(row)
        count += 1
        if seq != expected_seq:
            return AuditReport(False, count, expected_seq, f"row {expected_seq} is missing")
        if stored_prev != prev_hash:
            return AuditReport(False, count, seq, f"row {seq} does not follow row {seq - 1}")
        if row_hash(seq, at, user, action, obj, detail, stored_prev) != stored_hash:
            return AuditReport(False, count, seq, f"row {seq} has been changed")
        prev_hash = stored_hash
        expected_seq += 1
    issued = db.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'audit'")
    if issued is not None and int(issued) >= expected_seq:
        return AuditReport(False, count, expected_seq, f"rows {expected_seq} to {issued} have been removed")
    return AuditReport(True, count)
