"""The store's other tables and summary queries: drafts, caseload counts, a child's history. SQL in, rows out.

Services call these instead of writing SQL themselves (DESIGN §2: only ``dslapp.store`` holds SQL).
"""

from __future__ import annotations

import uuid
from typing import Any

from dslapp.vault.sqlcipher import Database

DraftRow = tuple[str, str, str | None, str, str, str]
"""(id, kind, child id, updated at, updated by, body JSON)."""


def upsert_draft(db: Database, row: DraftRow) -> None:
    """Create or replace a draft, committed at once."""
    with db.transaction():
        db.execute(
            "INSERT INTO drafts (id, kind, child_id, updated_at, updated_by, body) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET child_id = excluded.child_id, updated_at = excluded.updated_at, "
            "updated_by = excluded.updated_by, body = excluded.body",
            row,
        )


def draft_rows(db: Database, kind: str | None = None) -> list[DraftRow]:
    """Drafts, newest first (of ``kind`` if given)."""
    sql = "SELECT id, kind, child_id, updated_at, updated_by, body FROM drafts"
    params: list[Any] = []
    if kind:
        sql += " WHERE kind = ?"
        params.append(kind)
    sql += " ORDER BY updated_at DESC"
    return [(str(r[0]), str(r[1]), r[2], str(r[3]), str(r[4]), str(r[5])) for r in db.execute(sql, params)]


def delete_draft(db: Database, draft_id: str) -> None:
    """Drafts are not evidence: one is removed once saved as a record, or when the DSL discards it."""
    with db.transaction():
        db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))


def child_summary_rows(db: Database, child_id: str | None = None) -> list[tuple[Any, ...]]:
    """(id, legal forename, legal surname, known as, dob, status, year group, designations JSON) of every child
    (or of one)."""
    where, params = (" AND id = ?", (child_id,)) if child_id is not None else ("", ())
    return [
        tuple(r)
        for r in db.execute(
            "SELECT id, json_extract(body, '$.legal_forename'), json_extract(body, '$.legal_surname'), "
            "json_extract(body, '$.known_as'), json_extract(body, '$.dob'), json_extract(body, '$.status'), "
            "json_extract(body, '$.year_group'), json_extract(body, '$.designations') "
            f"FROM records WHERE kind = 'child'{where}",
            params,
        ).fetchall()
    ]


def concern_stats(db: Database, child_id: str | None = None) -> list[tuple[str, int, str | None, str | None]]:
    """Per child (or for one): (child id, number of concerns, latest date, the categories of each as JSON joined
    by '|')."""
    where, params = ("AND child_id = ? ", (child_id,)) if child_id is not None else ("", ())
    rows = db.execute(
        "SELECT child_id, count(*), max(occurred_on), group_concat(json_extract(body, '$.categories'), '|') "
        f"FROM records WHERE kind = 'concern' {where}GROUP BY child_id",
        params,
    )
    return [(str(r[0]), int(r[1]), r[2], r[3]) for r in rows]


def open_action_counts(db: Database, child_id: str | None = None) -> dict[str, int]:
    """Per child (or for one): how many actions are not yet done."""
    where, params = ("AND child_id = ? ", (child_id,)) if child_id is not None else ("", ())
    rows = db.execute(
        "SELECT child_id, count(*) FROM records WHERE kind = 'action' "
        f"AND json_extract(body, '$.done_on') IS NULL {where}GROUP BY child_id",
        params,
    )
    return {str(r[0]): int(r[1]) for r in rows}


def kind_counts(db: Database, child_id: str) -> dict[str, int]:
    """How many records of each kind a child has (one query over the child's index)."""
    rows = db.execute("SELECT kind, count(*) FROM records WHERE child_id = ? GROUP BY kind", (child_id,))
    return {str(r[0]): int(r[1]) for r in rows}


def flagged_count(db: Database, child_id: str, kind: str, flag: str) -> int:
    """How many of a child's records of ``kind`` have the body field ``flag`` set true (withdrawn attachments)."""
    if not flag.isidentifier():
        raise ValueError("field names only")
    return int(
        db.scalar(
            f"SELECT count(*) FROM records WHERE child_id = ? AND kind = ? AND json_extract(body, '$.{flag}') = 1",
            (child_id, kind),
        )
    )


def history_rows(db: Database, child_id: uuid.UUID | str) -> list[tuple[int, str, str, str, str, str, str]]:
    """The audit rows about a child or their records, newest first: (seq, at, user, action, object, detail, kind)."""
    child = str(child_id)
    rows = db.execute(
        "SELECT a.seq, a.at, a.user, a.action, a.object, a.detail, coalesce(r.kind, '') FROM audit a "
        "LEFT JOIN records r ON r.id = a.object "
        "WHERE a.object = ? OR r.child_id = ? ORDER BY a.seq DESC",
        (child, child),
    )
    return [(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]), str(r[6])) for r in rows]


def record_exists(db: Database, record_id: str) -> bool:
    return db.scalar("SELECT 1 FROM records WHERE id = ?", (record_id,)) is not None


def draft_body(db: Database, draft_id: str, kind: str) -> str | None:
    """One draft's body JSON (None if there is no such draft)."""
    value = db.scalar("SELECT body FROM drafts WHERE id = ? AND kind = ?", (draft_id, kind))
    return None if value is None else str(value)


def referrer_contact(db: Database, user_name: str) -> tuple[str, str]:
    """The phone and email ``user_name`` gave on their last MASH enquiry (only those two values are read)."""
    row = db.execute(
        "SELECT json_extract(body, '$.form.referrer_phone'), json_extract(body, '$.form.referrer_email') "
        "FROM records WHERE kind = 'referral' AND created_by = ? "
        "AND coalesce(json_extract(body, '$.form.referrer_phone'), '') != '' ORDER BY created_at DESC LIMIT 1",
        (user_name,),
    ).fetchone()
    return (str(row[0] or ""), str(row[1] or "")) if row else ("", "")


def add_transfer_pack(
    db: Database, pack_id: str, direction: str, transfer_id: str, child_id: str, at: str, receipt_check: str
) -> None:
    """Remember a transfer pack sent or taken in (inside the caller's transaction)."""
    db.execute(
        "INSERT INTO transfer_packs (pack_id, direction, transfer_id, child_id, created_at, receipt_check) "
        "VALUES (?,?,?,?,?,?)",
        (pack_id, direction, transfer_id, child_id, at, receipt_check),
    )


def outgoing_receipt_check(db: Database, transfer_id: str) -> str | None:
    value = db.scalar(
        "SELECT receipt_check FROM transfer_packs WHERE transfer_id = ? AND direction = 'outgoing'", (transfer_id,)
    )
    return None if value is None else str(value)


def incoming_pack_seen_at(db: Database, pack_id: str) -> str | None:
    value = db.scalar("SELECT created_at FROM transfer_packs WHERE pack_id = ? AND direction = 'incoming'", (pack_id,))
    return None if value is None else str(value)


def ids_starting(db: Database, kind: str, prefix: str) -> list[str]:
    """Ids of records of ``kind`` that start with ``prefix`` (at most two: enough to tell one from many)."""
    rows = db.execute("SELECT id FROM records WHERE kind = ? AND id LIKE ? || '%' LIMIT 2", (kind, prefix.lower()))
    return [str(r[0]) for r in rows]


def records_of_child(db: Database, child_id: str) -> int:
    return int(db.scalar("SELECT count(*) FROM records WHERE child_id = ?", (child_id,)))
