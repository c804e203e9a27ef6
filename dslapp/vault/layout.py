"""The vault folder's file names, and whether a folder holds a casebook: what the unlock window asks before any
casebook is open, kept apart from :mod:`dslapp.vault.folder` (its lock and file steps) so the window appears
without loading them (issue 16)."""

from __future__ import annotations

from pathlib import Path

DB_NAME = "casebook.db"
KEYS_NAME = "vault.keys"
LOCK_NAME = "casebook.lock"
BACKUP_DIR = "backups"
RESTORE_JOURNAL = "restore.pending"
ID_NAME = "casebook.id"
"""The casebook's id (a random UUID, no case data), beside the key file so that a key file copied in from
another casebook is recognised before anything is tried."""


def is_vault(directory: Path) -> bool:
    return (directory / KEYS_NAME).exists() or (directory / DB_NAME).exists()
