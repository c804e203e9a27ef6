"""Carrying out a disposal decision: the one place records are ever deleted (the database refuses any delete
without an open decision for the child in the same transaction; migration 0002)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from dslapp.store.attachments import remove_child_files
from dslapp.vault.sqlcipher import Database

DecisionRow = tuple[str, str, str, str, str, str, str]
"""(disposal id, child id, retain until, decided at, decided by, recorded by, reason)."""


@contextlib.contextmanager
def overwriting_freed_pages(db: Database) -> Iterator[None]:
    """``secure_delete`` on for the block (freed pages are overwritten, not left holding old text); afterwards the
    full-text index is merged so deleted words leave its segments, and the write-ahead log is emptied."""
    previous = db.scalar("PRAGMA secure_delete")
    db.execute("PRAGMA secure_delete = ON")
    try:
        yield
        with contextlib.suppress(Exception):
            db.execute("INSERT INTO search (search) VALUES ('optimize')")
        with contextlib.suppress(Exception):
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.execute(f"PRAGMA secure_delete = {int(previous or 0)}")


def remove_child_records(db: Database, decision: DecisionRow, completed_at: Callable[[], str]) -> int:
    """Record the decision, delete the child's records, amendments, search entries, drafts, transfer details and
    attached files, and mark the decision carried out. Inside the caller's transaction (which audits). Returns
    records removed."""
    key = decision[1]
    db.execute(
        "INSERT INTO disposals (id, child_id, retain_until, decided_at, decided_by, recorded_by, reason) "
        "VALUES (?,?,?,?,?,?,?)",
        decision,
    )
    rowids = [(int(r[0]),) for r in db.execute("SELECT rowid FROM records WHERE child_id = ?", (key,))]
    db.execute("DELETE FROM transfer_packs WHERE child_id = ?", (key,))
    db.execute("DELETE FROM amendments WHERE record_id IN (SELECT id FROM records WHERE child_id = ?)", (key,))
    db.executemany("DELETE FROM search WHERE rowid = ?", rowids)
    db.execute("DELETE FROM search WHERE child_id = ?", (key,))
    db.execute("DELETE FROM drafts WHERE child_id = ?", (key,))
    remove_child_files(db, key)
    removed = int(db.execute("DELETE FROM records WHERE child_id = ?", (key,)).rowcount)
    db.execute(
        "UPDATE disposals SET records_removed = ?, completed_at = ? WHERE id = ?",
        (removed, completed_at(), decision[0]),
    )
    return removed


def disposal_rows(db: Database) -> list[tuple[Any, ...]]:
    """Every disposal decision, oldest first: (id, child id, retain until, decided at, decided by, recorded by,
    reason, records removed, completed at)."""
    return [
        tuple(r)
        for r in db.execute(
            "SELECT id, child_id, retain_until, decided_at, decided_by, recorded_by, reason, records_removed, "
            "completed_at FROM disposals ORDER BY decided_at"
        ).fetchall()
    ]
