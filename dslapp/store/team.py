"""The team casebook's tables (migration 0006): SQL in, plain values out.

Nothing here decides anything: ``dslapp.services.team`` reads and writes through these methods inside its own
transactions, which also append the audit rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dslapp.vault.audit import AuditEvent
from dslapp.vault.vault import Vault


@dataclass(frozen=True)
class DeviceRow:
    device_id: str
    name: str
    role: str
    sign_public: str
    box_public: str
    added_hlc: str
    removed_after: int | None


@dataclass(frozen=True)
class KeyRow:
    key_id: str
    epoch: int
    key: str


@dataclass(frozen=True)
class EventRow:
    event_id: str
    device_id: str
    seq: int
    hlc: str
    kind: str
    subject: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class UnsentRecord:
    record_id: str
    kind: str
    created_at: str
    created_by: str
    original_body: str
    """The body as first recorded (version 1)."""


@dataclass(frozen=True)
class UnsentAmendment:
    record_id: str
    version: int
    at: str
    by: str
    reason: str
    before: str
    after: str


class TeamStore:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.db = vault.db

    # ---- this device's settings ----------------------------------------------------------------

    def get(self, key: str) -> str | None:
        value = self.db.scalar("SELECT value FROM team_meta WHERE key = ?", (key,))
        return None if value is None else str(value)

    def put(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO team_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def set_casebook_setting(self, key: str, value: str) -> None:
        """A casebook-wide setting (the ``meta`` table) a team register mirrors, such as the school's name."""
        self.db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # ---- devices and keys ------------------------------------------------------------------------

    def add_device(self, row: DeviceRow) -> bool:
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO team_devices (device_id, name, role, sign_public, box_public, added_hlc, "
            "removed_after) VALUES (?,?,?,?,?,?,?)",
            (row.device_id, row.name, row.role, row.sign_public, row.box_public, row.added_hlc, row.removed_after),
        )
        return bool(cursor.rowcount)

    def name_device(self, device_id: str, name: str, role: str) -> None:
        self.db.execute("UPDATE team_devices SET name = ?, role = ? WHERE device_id = ?", (name, role, device_id))

    def remove_device(self, device_id: str, removed_after: int) -> None:
        self.db.execute(
            "UPDATE team_devices SET removed_after = ? WHERE device_id = ? AND removed_after IS NULL",
            (removed_after, device_id),
        )

    def devices(self) -> list[DeviceRow]:
        rows = self.db.execute(
            "SELECT device_id, name, role, sign_public, box_public, added_hlc, removed_after FROM team_devices "
            "ORDER BY added_hlc, device_id"
        )
        return [DeviceRow(*tuple(r)) for r in rows]

    def device(self, device_id: str) -> DeviceRow | None:
        return next((d for d in self.devices() if d.device_id == device_id), None)

    def add_key(self, key: KeyRow) -> bool:
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO team_keys (key_id, epoch, key) VALUES (?,?,?)", (key.key_id, key.epoch, key.key)
        )
        return bool(cursor.rowcount)

    def team_keys(self) -> list[KeyRow]:
        return [KeyRow(*tuple(r)) for r in self.db.execute("SELECT key_id, epoch, key FROM team_keys ORDER BY epoch")]

    def key(self, key_id: str) -> KeyRow | None:
        row = self.db.execute("SELECT key_id, epoch, key FROM team_keys WHERE key_id = ?", (key_id,)).fetchone()
        return None if row is None else KeyRow(*tuple(row))

    def newest_key(self) -> KeyRow | None:
        row = self.db.execute("SELECT key_id, epoch, key FROM team_keys ORDER BY epoch DESC, key_id DESC").fetchone()
        return None if row is None else KeyRow(*tuple(row))

    # ---- events ------------------------------------------------------------------------------------

    def add_event(self, event: EventRow) -> bool:
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO team_events (event_id, device_id, seq, hlc, kind, subject, payload) "
            "VALUES (?,?,?,?,?,?,?)",
            (
                event.event_id,
                event.device_id,
                event.seq,
                event.hlc,
                event.kind,
                event.subject,
                json.dumps(event.payload, ensure_ascii=False, separators=(",", ":")),
            ),
        )
        return bool(cursor.rowcount)

    def events_about(self, subject: str, kind: str | None = None) -> list[EventRow]:
        sql = "SELECT event_id, device_id, seq, hlc, kind, subject, payload FROM team_events WHERE subject = ?"
        params: list[Any] = [subject]
        if kind is not None:
            sql += " AND kind = ?"
            params.append(kind)
        return [_event(r) for r in self.db.execute(sql + " ORDER BY hlc, event_id", params)]

    def all_events(self) -> list[EventRow]:
        rows = self.db.execute(
            "SELECT event_id, device_id, seq, hlc, kind, subject, payload FROM team_events ORDER BY hlc, event_id"
        )
        return [_event(r) for r in rows]

    def applied(self, device_id: str) -> int:
        return int(self.db.scalar("SELECT seq FROM team_applied WHERE device_id = ?", (device_id,)) or 0)

    def set_applied(self, device_id: str, seq: int) -> None:
        self.db.execute(
            "INSERT INTO team_applied (device_id, seq) VALUES (?, ?) "
            "ON CONFLICT (device_id) DO UPDATE SET seq = excluded.seq",
            (device_id, seq),
        )

    # ---- this device's outgoing files ---------------------------------------------------------------

    def add_outbox(self, seq: int, name: str, content: bytes) -> None:
        self.db.execute("INSERT INTO team_outbox (seq, name, content) VALUES (?,?,?)", (seq, name, content))

    def outbox_names(self) -> list[tuple[int, str]]:
        return [(int(r[0]), str(r[1])) for r in self.db.execute("SELECT seq, name FROM team_outbox ORDER BY seq")]

    def outbox_file(self, seq: int) -> bytes:
        return bytes(self.db.scalar("SELECT content FROM team_outbox WHERE seq = ?", (seq,)))

    def last_outbox_seq(self) -> int:
        return int(self.db.scalar("SELECT max(seq) FROM team_outbox") or 0)

    # ---- what the team knows of this casebook's records -------------------------------------------

    def mark_record(self, record_id: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO team_records (record_id) VALUES (?)", (record_id,))

    def mark_amendment(self, record_id: str, version: int, event_id: str) -> None:
        self.db.execute(
            "INSERT INTO team_amendments (record_id, version, event_id) VALUES (?,?,?)", (record_id, version, event_id)
        )

    def applied_amendment_events(self, record_id: str) -> set[str]:
        rows = self.db.execute("SELECT event_id FROM team_amendments WHERE record_id = ?", (record_id,))
        return {str(r[0]) for r in rows}

    def record_exists(self, record_id: str) -> bool:
        return self.db.scalar("SELECT 1 FROM records WHERE id = ?", (record_id,)) is not None

    def unsent_records(self) -> list[UnsentRecord]:
        rows = self.db.execute(
            "SELECT r.id, r.kind, r.created_at, r.created_by, "
            "coalesce((SELECT previous_body FROM amendments a WHERE a.record_id = r.id AND a.version = 2), r.body) "
            "FROM records r WHERE NOT EXISTS (SELECT 1 FROM team_records t WHERE t.record_id = r.id) ORDER BY r.rowid"
        )
        return [UnsentRecord(*(str(v) for v in tuple(r))) for r in rows]

    def count_unsent(self) -> int:
        records = self.db.scalar(
            "SELECT count(*) FROM records r WHERE NOT EXISTS (SELECT 1 FROM team_records t WHERE t.record_id = r.id)"
        )
        amendments = self.db.scalar(
            "SELECT count(*) FROM amendments a WHERE NOT EXISTS (SELECT 1 FROM team_amendments t "
            "WHERE t.record_id = a.record_id AND t.version = a.version)"
        )
        return int(records or 0) + int(amendments or 0)

    def unsent_amendments(self) -> list[UnsentAmendment]:
        rows = self.db.execute(
            "SELECT a.record_id, a.version, a.at, a.by, a.reason, a.previous_body, "
            "coalesce((SELECT n.previous_body FROM amendments n WHERE n.record_id = a.record_id "
            "AND n.version = a.version + 1), r.body) "
            "FROM amendments a JOIN records r ON r.id = a.record_id WHERE NOT EXISTS "
            "(SELECT 1 FROM team_amendments t WHERE t.record_id = a.record_id AND t.version = a.version) "
            "ORDER BY r.rowid, a.version"
        )
        return [
            UnsentAmendment(str(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]), str(r[6])) for r in rows
        ]

    # ---- registers ------------------------------------------------------------------------------------

    def register(self, name: str) -> tuple[str, str, str] | None:
        """(value, stamp, device) of a shared setting, or None if never set."""
        row = self.db.execute("SELECT value, hlc, device_id FROM team_registers WHERE name = ?", (name,)).fetchone()
        return None if row is None else (str(row[0]), str(row[1]), str(row[2]))

    def set_register(self, name: str, value: str, hlc: str, device_id: str) -> None:
        self.db.execute(
            "INSERT INTO team_registers (name, value, hlc, device_id) VALUES (?,?,?,?) ON CONFLICT (name) DO UPDATE "
            "SET value = excluded.value, hlc = excluded.hlc, device_id = excluded.device_id",
            (name, value, hlc, device_id),
        )

    def registers(self) -> dict[str, str]:
        return {str(r[0]): str(r[1]) for r in self.db.execute("SELECT name, value FROM team_registers")}

    # ---- audit trails ----------------------------------------------------------------------------------

    def own_audit_since(self, seq: int, limit: int = 100_000) -> list[AuditEvent]:
        rows = self.db.execute(
            "SELECT seq, at, user, action, object, detail, prev_hash, hash, seal FROM audit WHERE seq > ? "
            "ORDER BY seq LIMIT ?",
            (seq, limit),
        )
        return [AuditEvent(*tuple(r)) for r in rows]

    def count_own_audit_since(self, seq: int) -> int:
        return int(self.db.scalar("SELECT count(*) FROM audit WHERE seq > ?", (seq,)) or 0)

    def add_device_audit(self, device_id: str, rows: Iterable[AuditEvent]) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO team_audit (device_id, seq, at, user, action, object, detail, prev_hash, hash, "
            "seal) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(device_id, r.seq, r.at, r.user, r.action, r.object, r.detail, r.prev_hash, r.hash, r.seal) for r in rows],
        )

    def device_audit(self, device_id: str) -> list[AuditEvent]:
        rows = self.db.execute(
            "SELECT seq, at, user, action, object, detail, prev_hash, hash, seal FROM team_audit WHERE device_id = ? "
            "ORDER BY seq",
            (device_id,),
        )
        return [AuditEvent(*tuple(r)) for r in rows]

    def audited_devices(self) -> list[str]:
        return [str(r[0]) for r in self.db.execute("SELECT DISTINCT device_id FROM team_audit ORDER BY device_id")]


def _event(row: Any) -> EventRow:
    return EventRow(
        str(row[0]), str(row[1]), int(row[2]), str(row[3]), str(row[4]), str(row[5]), json.loads(str(row[6]))
    )
