"""What the unlock window needs before any casebook is open: whether one exists, and who can unlock it.

Kept apart from ``services.casebook`` so the window appears without loading the record store and the models (and
reads only the vault's layout and key file: no database, no cryptography).
"""

from __future__ import annotations

from pathlib import Path

from dslapp.vault.keyfile import User, list_users
from dslapp.vault.layout import is_vault


def casebook_exists(directory: Path) -> bool:
    return directory.is_dir() and is_vault(directory)


def users_of(directory: Path) -> list[User]:
    """Who can unlock this casebook (names and roles only; read from the key file, no database)."""
    return list_users(directory)
