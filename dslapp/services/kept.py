"""State derived from each child's records, kept in the vault between sessions (migration 0008).

Today's findings and the caseload's counts are worked out per child. Each child's row is removed by a trigger
in the same transaction as any record of that child is written, so a row present reflects the records as they
are; rows are written here only outside another transaction, and a full disk or a busy file only means they
are worked out again at the next unlock (they are derived state, never evidence).
"""

from __future__ import annotations

import json
from datetime import date

from dslapp.errors import CannotWriteFile, DiskFull, VaultInUse
from dslapp.store import RecordStore
from dslapp.store.findings import KeptFinding

_ROSTER, _EVERY_CHILD = "roster", "*"
_BULK_SHARE = 20
"""When more than one child in this many must be worked out (a first unlock, a new day, a large merge), reading
every child at once is cheaper than reading them one at a time."""


def read_all_at_once(stale: int, children: int) -> bool:
    """Whether ``stale`` children of ``children`` are better worked out by reading the whole casebook."""
    return stale * _BULK_SHARE > max(children, _BULK_SHARE)


def roster(store: RecordStore) -> list[str]:
    """Every child's id: kept as one row (removed by a trigger when a child is added or disposed of), so an
    unlock reads one row rather than looking for every child among the records."""
    kept = store.kept_findings(_ROSTER, "").get(_EVERY_CHILD)
    if kept is not None:
        return [str(child_id) for child_id in json.loads(kept.body)]
    ids = store.child_ids()
    keep_rows(store, _ROSTER, "", [KeptFinding(_EVERY_CHILD, date.min, date.max, json.dumps(ids))])
    return ids


def keep_rows(store: RecordStore, what: str, fingerprint: str, rows: list[KeptFinding]) -> None:
    """Keep these rows for the next unlock (see the module's note on when they are not kept)."""
    if store.db.in_transaction or not rows:
        return
    try:
        store.keep_findings(what, fingerprint, rows)
    except (DiskFull, CannotWriteFile, VaultInUse):
        return


__all__ = ["KeptFinding", "keep_rows", "read_all_at_once", "roster"]
