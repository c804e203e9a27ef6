"""The school roll and its column mapping, kept inside the encrypted vault (the ``meta`` table).

The roll is replaced as a whole by each import (it is a copy of the school's MIS, not evidence), so it needs
no table of its own: one JSON value per key, written in the caller's transaction.
"""

from __future__ import annotations

from dslapp.vault.sqlcipher import Database

ROLL_KEY = "school_roll"
MAPPING_KEY = "school_roll_columns"


def _get(db: Database, key: str) -> str | None:
    value = db.scalar("SELECT value FROM meta WHERE key = ?", (key,))
    return None if value is None else str(value)


def _put(db: Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def roll_json(db: Database) -> str | None:
    """The roll as last imported (JSON), or None before the first import."""
    return _get(db, ROLL_KEY)


def put_roll_json(db: Database, value: str) -> None:
    """Replace the roll (inside the caller's transaction, which audits)."""
    _put(db, ROLL_KEY, value)


def mapping_json(db: Database) -> str | None:
    """The school's remembered column mapping (JSON), or None."""
    return _get(db, MAPPING_KEY)


def put_mapping_json(db: Database, value: str) -> None:
    """Remember the column mapping (inside the caller's transaction)."""
    _put(db, MAPPING_KEY, value)
