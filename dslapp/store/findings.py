"""Kept findings (migration 0008): what the practice rules found for each child, kept between sessions.

Rows are removed by triggers whenever a record of that child is written, so a row that is present was worked
out from the child's records as they are now; the caller still checks the day and its ``fingerprint`` (the
rules' version and settings) before trusting it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dslapp.vault.sqlcipher import Database


@dataclass(frozen=True)
class KeptFinding:
    child_id: str
    on: date
    until: date
    """The findings hold for every day from ``on`` up to, not including, ``until``."""
    body: str
    """JSON, as the service that worked it out wrote it."""


def kept_findings(db: Database, what: str, fingerprint: str) -> dict[str, KeptFinding]:
    """Every child's kept ``what`` made under ``fingerprint`` (rows made under another are ignored)."""
    rows = db.execute(
        "SELECT child_id, on_day, until_day, body FROM kept_findings WHERE what = ? AND fingerprint = ?",
        (what, fingerprint),
    )
    return {
        str(r[0]): KeptFinding(str(r[0]), date.fromisoformat(r[1]), date.fromisoformat(r[2]), str(r[3])) for r in rows
    }


def kept_finding(db: Database, what: str, child_id: str, fingerprint: str) -> KeptFinding | None:
    """One child's kept ``what`` made under ``fingerprint`` (None when there is none, or it was made under another)."""
    row = db.execute(
        "SELECT on_day, until_day, body FROM kept_findings WHERE what = ? AND child_id = ? AND fingerprint = ?",
        (what, child_id, fingerprint),
    ).fetchone()
    if row is None:
        return None
    return KeptFinding(child_id, date.fromisoformat(row[0]), date.fromisoformat(row[1]), str(row[2]))


def keep_findings(db: Database, what: str, fingerprint: str, findings: Iterable[KeptFinding]) -> None:
    """Keep (or replace) these children's ``what``, in one transaction."""
    rows = [(f.child_id, what, fingerprint, f.on.isoformat(), f.until.isoformat(), f.body) for f in findings]
    if not rows:
        return
    with db.transaction():
        db.executemany(
            "INSERT OR REPLACE INTO kept_findings (child_id, what, fingerprint, on_day, until_day, body) "
            "VALUES (?,?,?,?,?,?)",
            rows,
        )


def child_ids(db: Database) -> list[str]:
    """The id of every child in the casebook."""
    return [str(r[0]) for r in db.execute("SELECT id FROM records WHERE kind = 'child'")]
