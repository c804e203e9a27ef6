"""Drafts of unfinished forms, autosaved into the (encrypted) vault and offered back after a lock or crash."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dslapp.store import RecordStore


@dataclass(frozen=True)
class Draft:
    id: str
    kind: str
    child_id: str | None
    updated_at: datetime
    updated_by: str
    data: dict[str, Any]


def save_draft(
    store: RecordStore, kind: str, data: dict[str, Any], *, child_id: str | None = None, draft_id: str | None = None
) -> str:
    """Create or replace a draft; returns its id. Committed at once, so a crash loses nothing typed before it."""
    draft_id = draft_id or str(uuid.uuid4())
    with store.db.transaction():
        store.db.execute(
            "INSERT INTO drafts (id, kind, child_id, updated_at, updated_by, body) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET child_id = excluded.child_id, updated_at = excluded.updated_at, "
            "updated_by = excluded.updated_by, body = excluded.body",
            (
                draft_id,
                kind,
                child_id,
                store.vault.now().isoformat(),
                store.vault.user.name,
                json.dumps(data, ensure_ascii=False, default=str),
            ),
        )
    return draft_id


def list_drafts(store: RecordStore, kind: str | None = None) -> list[Draft]:
    sql = "SELECT id, kind, child_id, updated_at, updated_by, body FROM drafts"
    params: list[Any] = []
    if kind:
        sql += " WHERE kind = ?"
        params.append(kind)
    sql += " ORDER BY updated_at DESC"
    return [
        Draft(str(r[0]), str(r[1]), r[2], datetime.fromisoformat(r[3]), str(r[4]), json.loads(r[5]))
        for r in store.db.execute(sql, params)
    ]


def discard_draft(store: RecordStore, draft_id: str) -> None:
    """Remove a draft once it has been saved as a record, or the user chose to discard it."""
    with store.db.transaction():
        store.db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
