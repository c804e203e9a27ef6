"""Append-only, hash-chained audit trail (DESIGN §3).

Each row's hash covers its own fields and the previous row's hash, so changing or removing a row
breaks the chain from that row on. Rows hold ids and actions, never case text.

Records are part of the chain: every write of a record stores a *seal* (a digest of the version's stored
body) in ``record_seals``, and the audit row written in the same transaction carries a digest of those
seals inside its own hash. ``verify`` recomputes everything, so a record edited, added or removed behind
the app's back is found, as is a chain cut short below the *anchor* kept in ``vault.keys``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from dslapp.vault.keys import Anchor
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
    SEAL = "seal"
    INTEGRITY = "integrity"
    """A check found something wrong (the key file edited, the trail cut short): kept in the trail for good."""
    TEAM = "team"
    """The team casebook: started, joined, a device invited or removed, change files written or taken in."""


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
    seal: str = ""


@dataclass(frozen=True)
class RecordSeal:
    """One version of one record, as stored: its digest goes into the audit chain."""

    record_id: str
    version: int
    child_id: str | None
    digest: str


@dataclass(frozen=True)
class AuditReport:
    ok: bool
    rows: int
    first_bad_seq: int | None = None
    problem: str = ""
    problems: tuple[str, ...] = field(default_factory=tuple)
    """Every problem found, first one first (``problem`` is the first)."""
    records_checked: int = 0


def row_hash(seq: int, at: str, user: str, action: str, obj: str, detail: str, prev_hash: str, seal: str = "") -> str:
    fields: list[object] = [seq, at, user, action, obj, detail, prev_hash]
    if seal:  # rows from before record seals keep the hash they were written with
        fields.append(seal)
    canonical = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def body_digest(record_id: str, version: int, body: str) -> str:
    """The digest of one stored version of a record (its body exactly as stored)."""
    return hashlib.sha256(f"{record_id}\n{version}\n{body}".encode()).hexdigest()


def seals_digest(seals: Sequence[tuple[str, int, str]]) -> str:
    """The digest an audit row carries for the record versions written with it."""
    ordered = sorted((str(r), int(v), str(d)) for r, v, d in seals)
    return hashlib.sha256(json.dumps(ordered, separators=(",", ":")).encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def append(
    db: Database, user: str, action: str, obj: str = "", detail: str = "", clock: Callable[[], str] = _now
) -> AuditEvent:
    """Append one row. Call inside the transaction that makes the change being audited.

    Record versions written earlier in the same transaction (``db.pending_seals``) are sealed into this row.
    """
    with db.transaction():
        # seq continues from the highest ever issued, so rows removed from the end leave a visible gap
        issued = db.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'audit'")
        seq = 1 if issued is None else int(issued) + 1
        last = db.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        prev_hash = GENESIS if last is None else str(last[0])
        at = clock()
        pending = db.take_pending_seals()
        seal = ""
        if pending:
            db.executemany(
                "INSERT INTO record_seals (record_id, version, child_id, digest, audit_seq) VALUES (?,?,?,?,?)",
                [(p.record_id, p.version, p.child_id, p.digest, seq) for p in pending],
            )
            seal = seals_digest([(p.record_id, p.version, p.digest) for p in pending])
        digest = row_hash(seq, at, user, action, obj, detail, prev_hash, seal)
        db.execute(
            "INSERT INTO audit (seq, at, user, action, object, detail, prev_hash, hash, seal) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            (seq, at, user, action, obj, detail, prev_hash, digest, seal),
        )
    return AuditEvent(seq, at, user, action, obj, detail, prev_hash, digest, seal)


def seal_unsealed_records(db: Database, user: str, clock: Callable[[], str] = _now) -> int:
    """Seal every record version not yet sealed (records saved before seals existed). Returns how many."""
    with db.transaction():
        rows = db.execute(
            "SELECT id, version, child_id, body FROM records r WHERE NOT EXISTS "
            "(SELECT 1 FROM record_seals s WHERE s.record_id = r.id AND s.version = r.version)"
        ).fetchall()
        if not rows:
            return 0
        for record_id, version, child_id, body in rows:
            db.add_pending_seal(
                RecordSeal(record_id, int(version), child_id, body_digest(record_id, int(version), body))
            )
        amended = db.execute(
            "SELECT a.record_id, a.version - 1, r.child_id, a.previous_body FROM amendments a "
            "JOIN records r ON r.id = a.record_id WHERE NOT EXISTS (SELECT 1 FROM record_seals s "
            "WHERE s.record_id = a.record_id AND s.version = a.version - 1)"
        ).fetchall()
        for record_id, version, child_id, body in amended:
            db.add_pending_seal(
                RecordSeal(record_id, int(version), child_id, body_digest(record_id, int(version), body))
            )
        append(db, user, Action.SEAL, "records", f"{len(rows)} records saved before sealing", clock)
    return len(rows)


def _seal_of(record_id: str, version: int, child_id: str | None, body: str) -> RecordSeal:
    return RecordSeal(record_id, version, child_id, body_digest(record_id, version, body))


def head(db: Database) -> tuple[int, str]:
    """The newest row's sequence number and hash (0 and the genesis hash for an empty trail)."""
    row = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def _seal_column(db: Database) -> str:
    """``seal``, or an empty string for a copy made before record seals (schema version 4 and older)."""
    columns = {str(r[1]) for r in db.execute("PRAGMA table_info(audit)")}
    return "seal" if "seal" in columns else "''"


def events(db: Database, obj: str | None = None, limit: int | None = None) -> list[AuditEvent]:
    sql = f"SELECT seq, at, user, action, object, detail, prev_hash, hash, {_seal_column(db)} FROM audit"
    params: list[object] = []
    if obj is not None:
        sql += " WHERE object = ?"
        params.append(obj)
    sql += " ORDER BY seq"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [AuditEvent(*tuple(row)) for row in db.execute(sql, params).fetchall()]


def verify(db: Database, anchor: Anchor | None = None, *, records: bool = True, history: bool = True) -> AuditReport:
    """Walk the chain, check it against the anchor kept in ``vault.keys`` and every record against its seal.

    Reports the first row that was changed, removed or inserted out of order, rows removed from the end, and
    (with ``records``) every record added, changed or removed behind the app's back. With ``history``, problems
    found at an earlier unlock (``integrity`` rows, such as a key file edited outside the app) are reported too.
    """
    expected_seq = 1
    prev_hash = GENESIS
    count = 0
    hashes: dict[int, str] = {}
    row_seals: dict[int, str] = {}
    earlier: list[str] = []
    first_bad: int | None = None
    problems: list[str] = []

    def problem(seq: int | None, text: str) -> None:
        nonlocal first_bad
        if first_bad is None and seq is not None:
            first_bad = seq
        problems.append(text)

    chain_ok = True
    for row in db.execute(
        f"SELECT seq, at, user, action, object, detail, prev_hash, hash, {_seal_column(db)} FROM audit ORDER BY seq"
    ):
        seq, at, user, action, obj, detail, stored_prev, stored_hash, seal = tuple(row)
        count += 1
        if chain_ok:
            if seq != expected_seq:
                problem(expected_seq, f"row {expected_seq} is missing")
                chain_ok = False
            elif stored_prev != prev_hash:
                problem(seq, f"row {seq} does not follow row {seq - 1}")
                chain_ok = False
            elif row_hash(seq, at, user, action, obj, detail, stored_prev, seal) != stored_hash:
                problem(seq, f"row {seq} has been changed")
                chain_ok = False
        hashes[int(seq)] = str(stored_hash)
        if seal:
            row_seals[int(seq)] = str(seal)
        if history and action == Action.INTEGRITY:
            earlier.append(f"at {at[:10]}: {detail}")
        prev_hash = stored_hash
        expected_seq = int(seq) + 1
    last_seq = expected_seq - 1
    issued = db.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'audit'")
    if chain_ok and issued is not None and int(issued) > last_seq:
        problem(last_seq + 1, f"rows {last_seq + 1} to {issued} have been removed")
    if anchor is not None:
        if anchor.audit_seq > last_seq:
            problem(
                last_seq + 1,
                f"rows {last_seq + 1} to {anchor.audit_seq} have been removed from the end (vault.keys recorded "
                f"{anchor.audit_seq} rows): the trail was cut short or the casebook replaced by an older copy",
            )
        elif anchor.audit_seq and hashes.get(anchor.audit_seq) != anchor.audit_hash:
            problem(anchor.audit_seq, f"row {anchor.audit_seq} is not the one recorded in vault.keys")
    checked = 0
    if records and _has_seals(db):
        checked = _verify_records(db, row_seals, problem)
    for text in earlier:
        problem(None, f"found {text}")
    if problems:
        return AuditReport(False, count, first_bad, problems[0], tuple(problems), checked)
    return AuditReport(True, count, records_checked=checked)


def _has_seals(db: Database) -> bool:
    return bool(db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'record_seals'"))


def _verify_records(db: Database, row_seals: dict[int, str], problem: Callable[[int | None, str], None]) -> int:
    """Check every record and amendment against its seal, and every seal group against its audit row."""
    groups: dict[int, list[tuple[str, int, str]]] = {}
    latest: dict[tuple[str, int], tuple[int, str]] = {}
    newest_version: dict[str, tuple[int, str | None]] = {}
    for record_id, version, child_id, digest, audit_seq in db.execute(
        "SELECT record_id, version, child_id, digest, audit_seq FROM record_seals"
    ):
        groups.setdefault(int(audit_seq), []).append((record_id, int(version), digest))
        key = (record_id, int(version))
        if key not in latest or latest[key][0] < audit_seq:
            latest[key] = (int(audit_seq), digest)
        if record_id not in newest_version or newest_version[record_id][0] < version:
            newest_version[record_id] = (int(version), child_id)
    for seq in sorted(set(groups) | set(row_seals)):
        if seq not in row_seals:
            problem(seq, f"record seals point at audit row {seq}, which carries none")
        elif seq not in groups or seals_digest(groups[seq]) != row_seals[seq]:
            problem(seq, f"the record seals written with audit row {seq} have been changed")
    present: set[str] = set()
    checked = 0
    for record_id, version, body in db.execute("SELECT id, version, body FROM records"):
        checked += 1
        present.add(record_id)
        sealed = latest.get((record_id, int(version)))
        if sealed is None:
            problem(None, f"record {record_id} (version {version}) was added or changed outside the app")
        elif sealed[1] != body_digest(record_id, int(version), body):
            problem(sealed[0], f"record {record_id} (version {version}) has been changed outside the app")
    for record_id, version, previous in db.execute("SELECT record_id, version, previous_body FROM amendments"):
        sealed = latest.get((record_id, int(version) - 1))
        if sealed is not None and sealed[1] != body_digest(record_id, int(version) - 1, previous):
            problem(
                sealed[0],
                f"the earlier wording of record {record_id} (version {version - 1}) was changed outside the app",
            )
    disposed = {str(r[0]) for r in db.execute("SELECT child_id FROM disposals WHERE completed_at IS NOT NULL")}
    for record_id, (_, child_id) in newest_version.items():
        if record_id not in present and (child_id is None or child_id not in disposed):
            problem(None, f"record {record_id} has been removed outside the app")
    return checked
