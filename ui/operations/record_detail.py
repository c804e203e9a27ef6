"""Reading one chronology row's records for the side panel, on the DB worker: the row's record with its amendments
and the few records its view names, and the chronology entry whose wording the row shows (not the whole file)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dslapp.errors import RecordNotFound
from dslapp.services.casebook import Casebook
from dslapp.services.record_detail import RecordDetail, record_detail
from ui.operations.runner import Failed
from ui.operations.session import Session


@dataclass(frozen=True)
class RowDetail:
    """What the side panel shows of a chronology row beside its hints."""

    source: RecordDetail | None
    """The record the row comes from (for a manual entry, the entry itself), with the records its view names."""
    entry: RecordDetail | None = None
    """The entry whose wording the row shows, when that is not ``source`` (a row given the DSL's own wording)."""


def read_row_detail(store: Casebook, record_id: str, entry_id: str = "") -> RowDetail:
    def read(record: str, related: bool) -> RecordDetail | None:
        try:
            return record_detail(store, record, related=related)
        except RecordNotFound:
            return None

    entry = read(entry_id, False) if entry_id and entry_id != record_id else None
    return RowDetail(read(record_id, True), entry)


def load_row_detail(
    session: Session,
    record_id: str,
    entry_id: str,
    on_done: Callable[[RowDetail], None],
    on_error: Failed | None = None,
    **kw: Any,
) -> None:
    """Read a chronology row's records (one small job; not audited: the record is open already)."""
    session.run(lambda store: read_row_detail(store, record_id, entry_id), on_done, on_error, **kw)
