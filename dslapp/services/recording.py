"""Recording and amending any record: validated, committed with its audit row, never overwritten."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from dslapp.models import ChildRecord, Record
from dslapp.services.changes import Changes
from dslapp.store import RecordStore
from dslapp.store.records import validate

R = TypeVar("R", bound=Record)


def _changes(record: Record) -> Changes:
    child_id = str(record.child_id) if isinstance(record, ChildRecord) else None
    return Changes.of(record.KIND, child_id=child_id)


def record(store: RecordStore, cls: type[R], **fields: Any) -> tuple[R, Changes]:
    """Validate and save a new record of kind ``cls``. Raises InvalidRecord naming the bad field."""
    saved = store.add(validate(cls, fields))
    return saved, _changes(saved)


def amend(store: RecordStore, record_id: uuid.UUID | str, reason: str, **changes: Any) -> tuple[Record, Changes]:
    """Amend a record: the previous text is kept with who, when and ``reason``."""
    amended = store.amend(record_id, changes, reason)
    return amended, _changes(amended)
