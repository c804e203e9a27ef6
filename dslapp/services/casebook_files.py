"""What the unlock window needs before any casebook is open: whether one exists, and who can unlock it.

Kept apart from ``services.casebook`` so the window appears without loading the record store and the models.
"""

from __future__ import annotations

from pathlib import Path

from dslapp.vault.vault import User, is_vault, list_users


def casebook_exists(directory: Path) -> bool:
    return directory.is_dir() and is_vault(directory)


def users_of(directory: Path) -> list[User]:
    """Who can unlock this casebook (names and roles only; read from the key file, no database)."""
    return list_users(directory)
