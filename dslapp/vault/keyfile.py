"""The key file's format (``vault.keys``) and reading it: who may unlock a casebook.

What the unlock window needs before a passphrase is typed (the names and roles it lists), kept apart from
:mod:`dslapp.vault.keys` (wrapping and unwrapping the data key with AES-GCM and HKDF, sealing the file) and
:mod:`dslapp.vault.vault` (the open casebook: SQLCipher, the audit trail, backups) so the window appears without
loading them (issue 16). :mod:`dslapp.vault.keys` re-exports the names defined here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dslapp.errors import KeyFileDamaged, VaultTooNew
from dslapp.vault.layout import KEYS_NAME

KEYFILE_FORMAT = 2
"""1: key wraps only. 2: adds the seal (names, roles, database salt and audit anchor under the data key)."""

MAX_TIME_COST = 256
MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB
MAX_PARALLELISM = 16


class KdfParams(BaseModel):
    """Argon2id cost parameters; ``memory_cost`` is in KiB."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    algorithm: str = "argon2id"
    # upper bounds: a key file asking for more is damaged or hostile (it would stall or exhaust the laptop)
    time_cost: int = Field(ge=1, le=MAX_TIME_COST)
    memory_cost: int = Field(ge=8, le=MAX_MEMORY_KIB)
    parallelism: int = Field(ge=1, le=MAX_PARALLELISM)

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        return hash_secret_raw(
            secret,
            salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_cost,
            parallelism=self.parallelism,
            hash_len=32,
            type=Type.ID,
        )


class Wrap(BaseModel):
    """The data key encrypted under one derived key."""

    model_config = ConfigDict(extra="forbid")
    salt: str
    nonce: str
    ciphertext: str


class UserWrap(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user_id: str
    name: str
    role: str
    kdf: KdfParams
    wrap: Wrap


class Anchor(BaseModel):
    """Where the audit trail had reached when the key file was last sealed: a copy kept outside the database, so
    rows removed from its end (or the database swapped for an older copy) are found."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    audit_seq: int = Field(ge=0)
    audit_hash: str
    records: int = Field(ge=0)
    at: datetime


class KeyFile(BaseModel):
    """Contents of ``vault.keys``. Holds no secret in clear.

    Names and roles are here so the unlock screen can list who may sign in; the casebook's own (encrypted)
    users table is what audit rows credit. ``seal`` is an HMAC under a key derived from the data key over the
    vault id, every user's id, name and role, and the anchor, so any edit made without
    the data key is found at the next unlock.
    """

    model_config = ConfigDict(extra="forbid")
    format: int = KEYFILE_FORMAT
    vault_id: str
    created_at: datetime
    users: list[UserWrap]
    recovery: Wrap
    anchor: Anchor | None = None
    seal: str = ""

    def user(self, user_id: str) -> UserWrap:
        for user in self.users:
            if user.user_id == user_id:
                return user
        raise KeyError(user_id)


_MAX_KEYFILE_BYTES = 1024 * 1024


def load_keyfile(path: Path) -> KeyFile:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_MAX_KEYFILE_BYTES + 1)
    except FileNotFoundError as exc:
        raise KeyFileDamaged(
            "The casebook's key file (vault.keys) is missing, so the casebook cannot be unlocked. "
            "Restore vault.keys from a backup of this folder."
        ) from exc
    except IsADirectoryError as exc:
        raise KeyFileDamaged() from exc
    return parse_keyfile(raw)


def parse_keyfile(raw: bytes) -> KeyFile:
    """A key file from its bytes; KeyFileDamaged (with what is wrong, in plain words) or VaultTooNew."""
    if len(raw) > _MAX_KEYFILE_BYTES:
        raise KeyFileDamaged()
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise KeyFileDamaged() from exc
    if isinstance(data, dict) and isinstance(data.get("format"), int) and data["format"] > KEYFILE_FORMAT:
        raise VaultTooNew()
    try:
        return KeyFile.model_validate(data)
    except ValidationError as exc:
        if any("kdf" in error["loc"] for error in exc.errors()):
            raise KeyFileDamaged(
                "The key file (vault.keys) asks for passphrase-checking settings far outside what DSL Casebook "
                "uses, so it may have been edited. It has not been used. Restore vault.keys from a backup."
            ) from exc
        raise KeyFileDamaged() from exc


@dataclass(frozen=True)
class User:
    id: str
    name: str
    role: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role})"


def list_users(directory: Path) -> list[User]:
    """Who can unlock this vault (names and roles are not case data; shown on the unlock screen)."""
    keyfile = load_keyfile(directory / KEYS_NAME)
    return [User(u.user_id, u.name, u.role) for u in keyfile.users]
