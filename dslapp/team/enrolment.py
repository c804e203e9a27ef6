"""Enrolment: a one-time code and the file in the team folder that it opens.

The code is 6 groups of 4 characters from the recovery key's alphabet (no 0/O, 1/I): the first group names
the enrolment file, the other five (100 bits) are the secret. The file holds what the new device needs (its
device keys, the team keys, the device list) sealed with ChaCha20-Poly1305 under a key derived from the code
with Argon2id; its clear header (team, expiry, salt, Argon2 cost) is the associated data, so the expiry cannot
be extended. The code is shown once and kept nowhere.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from dslapp.errors import EnrolmentExpired, WrongEnrolmentCode

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
GROUPS = 6
GROUP_LEN = 4
FORMAT = 1
MAX_TIME_COST = 256
MAX_MEMORY_KIB = 1024 * 1024


@dataclass(frozen=True)
class Cost:
    """Argon2id cost: passes, memory in KiB, lanes."""

    time_cost: int
    memory_cost: int
    parallelism: int


def new_code() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LEN))
    return "-".join(chars[i : i + GROUP_LEN] for i in range(0, len(chars), GROUP_LEN))


def normalise_code(text: str) -> str:
    kept = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(kept) != GROUPS * GROUP_LEN or any(ch not in ALPHABET for ch in kept):
        raise WrongEnrolmentCode(
            "An enrolment code is 6 groups of 4 capital letters and digits (no 0, 1, I or O), as the DSL read it "
            "out. Check it and try again."
        )
    return kept


def file_tag(code: str) -> str:
    """The enrolment file's name (without folder or suffix) for this code."""
    return normalise_code(code)[:GROUP_LEN]


def _derive(code: str, salt: bytes, cost: Cost) -> bytes:
    return hash_secret_raw(
        normalise_code(code).encode("ascii"),
        salt,
        time_cost=cost.time_cost,
        memory_cost=cost.memory_cost,
        parallelism=cost.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _aad(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def seal(code: str, team_id: str, expires_at: datetime, cost: Cost, content: dict[str, Any]) -> bytes:
    salt = os.urandom(16)
    header: dict[str, Any] = {
        "format": FORMAT,
        "team_id": team_id,
        "expires_at": expires_at.isoformat(),
        "salt": salt.hex(),
        "kdf": {"t": cost.time_cost, "m": cost.memory_cost, "p": cost.parallelism},
    }
    nonce = os.urandom(12)
    plain = json.dumps(content, separators=(",", ":")).encode("utf-8")
    sealed = ChaCha20Poly1305(_derive(code, salt, cost)).encrypt(nonce, plain, _aad(header))
    return json.dumps({"header": header, "nonce": nonce.hex(), "sealed": sealed.hex()}, indent=1).encode("utf-8")


def expiry(data: bytes) -> datetime | None:
    """When an enrolment file stops working (None if it cannot be read)."""
    try:
        return datetime.fromisoformat(json.loads(data)["header"]["expires_at"])
    except (ValueError, KeyError, TypeError):
        return None


def open_sealed(data: bytes, code: str, now: datetime) -> tuple[str, dict[str, Any]]:
    """(team id, content) of an enrolment file; WrongEnrolmentCode or EnrolmentExpired otherwise."""
    try:
        raw = json.loads(data)
        header = raw["header"]
        kdf = header["kdf"]
        cost = Cost(int(kdf["t"]), int(kdf["m"]), int(kdf["p"]))
        salt = bytes.fromhex(header["salt"])
        nonce = bytes.fromhex(raw["nonce"])
        sealed = bytes.fromhex(raw["sealed"])
        expires_at = datetime.fromisoformat(header["expires_at"])
        team_id = str(header["team_id"])
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise WrongEnrolmentCode("The invitation file in the team folder is damaged. Ask for a new code.") from exc
    if not (
        1 <= cost.time_cost <= MAX_TIME_COST and 8 <= cost.memory_cost <= MAX_MEMORY_KIB and 1 <= cost.parallelism <= 16
    ):
        raise WrongEnrolmentCode("The invitation file in the team folder is damaged. Ask for a new code.")
    try:
        plain = ChaCha20Poly1305(_derive(code, salt, cost)).decrypt(nonce, sealed, _aad(header))
    except InvalidTag as exc:
        raise WrongEnrolmentCode() from exc
    if now >= expires_at:
        raise EnrolmentExpired()
    content = json.loads(plain)
    if not isinstance(content, dict):
        raise WrongEnrolmentCode("The invitation file in the team folder is damaged. Ask for a new code.")
    return team_id, content
