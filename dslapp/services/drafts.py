"""Drafts of unfinished forms, autosaved into the (encrypted) vault and offered back after a lock or crash."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dslapp.store import RecordStore, queries


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
    body = json.dumps(data, ensure_ascii=False, default=str)
    queries.upsert_draft(
        store.db, (draft_id, kind, child_id, store.vault.now().isoformat(), store.vault.user.name, body)
    )
    return draft_id


def list_drafts(store: RecordStore, kind: str | None = None) -> list[Draft]:
    return [
        Draft(r[0], r[1], r[2], datetime.fromisoformat(r[3]), r[4], json.loads(r[5]))
        for r in queries.draft_rows(store.db, kind)
    ]


def discard_draft(store: RecordStore, draft_id: str) -> None:
    """Remove a draft once it has been saved as a record, or the user chose to discard it."""
    queries.delete_draft(store.db, draft_id)
