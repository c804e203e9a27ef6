"""The bytes of attached files, kept inside the encrypted database beside their attachment records."""

from __future__ import annotations

from dslapp.vault.sqlcipher import Database


def add_file(db: Database, record_id: str, child_id: str, sha256: str, data: bytes) -> None:
    """Keep a file's bytes (inside the caller's transaction, which adds its record and audits)."""
    db.execute(
        "INSERT INTO attachment_files (record_id, child_id, sha256, size, data) VALUES (?,?,?,?,?)",
        (record_id, child_id, sha256, len(data), data),
    )


def file_bytes(db: Database, record_id: str) -> tuple[str, bytes] | None:
    """(SHA-256 recorded when it was kept, the bytes) of an attachment's file, or None if there is none."""
    row = db.execute("SELECT sha256, data FROM attachment_files WHERE record_id = ?", (record_id,)).fetchone()
    return None if row is None else (str(row[0]), bytes(row[1]))


def remove_child_files(db: Database, child_id: str) -> int:
    """Delete a child's attached files under a disposal decision (the caller's transaction has it open)."""
    return int(db.execute("DELETE FROM attachment_files WHERE child_id = ?", (child_id,)).rowcount)


def files_of_child(db: Database, child_id: str) -> int:
    return int(db.scalar("SELECT count(*) FROM attachment_files WHERE child_id = ?", (child_id,)))
