"""Key hierarchy (DESIGN §3).

A random 256-bit *data key* is the raw SQLCipher key. It is stored only wrapped (AES-256-GCM):
once per user under a key derived from their passphrase with Argon2id (parameters calibrated on this
machine and stored beside the salt), and once under a printed *recovery key*. Changing a passphrase
or adding a deputy DSL only rewraps the data key; the database is never re-encrypted.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
import unicodedata
import uuid
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from dslapp.config import write_private_file
from dslapp.errors import KeyFileDamaged, WrongPassphrase, WrongRecoveryKey
from dslapp.vault.keyfile import KEYFILE_FORMAT as KEYFILE_FORMAT  # the format, re-exported for existing callers
from dslapp.vault.keyfile import MAX_MEMORY_KIB as MAX_MEMORY_KIB
from dslapp.vault.keyfile import MAX_PARALLELISM as MAX_PARALLELISM
from dslapp.vault.keyfile import MAX_TIME_COST as MAX_TIME_COST
from dslapp.vault.keyfile import Anchor as Anchor
from dslapp.vault.keyfile import KdfParams as KdfParams
from dslapp.vault.keyfile import KeyFile as KeyFile
from dslapp.vault.keyfile import UserWrap as UserWrap
from dslapp.vault.keyfile import Wrap as Wrap
from dslapp.vault.keyfile import load_keyfile as load_keyfile
from dslapp.vault.keyfile import parse_keyfile as parse_keyfile

DATA_KEY_BYTES = 32
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: it is read off paper
_RECOVERY_GROUPS = 8
_RECOVERY_GROUP_LEN = 4  # 32 characters x 5 bits = 160 bits


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def calibrate(target_seconds: float = 0.6, memory_kib: int = 64 * 1024, parallelism: int = 2) -> KdfParams:
    """Pick Argon2id parameters that take about ``target_seconds`` on this machine.

    Memory is fixed (64 MiB: costly for GPU attackers, fine on a school laptop); passes rise until
    one derivation takes at least the target. Never below 3 passes (OWASP's floor at 64 MiB).
    """
    time_cost = 1
    salt = secrets.token_bytes(16)
    while True:
        params = KdfParams(time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism)
        started = time.perf_counter()
        params.derive(b"calibration", salt)
        elapsed = time.perf_counter() - started
        if elapsed >= target_seconds or time_cost >= 64:
            return params.model_copy(update={"time_cost": max(time_cost, 3)})
        # jump most of the way there, then step
        estimate = int(time_cost * target_seconds / max(elapsed, 1e-3))
        time_cost = max(time_cost + 1, min(estimate, 64))


def normalise_passphrase(passphrase: str) -> bytes:
    # NFC so the same passphrase typed on different keyboards/OSes gives the same bytes
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _aad(vault_id: str, who: str) -> bytes:
    # binds each wrap to its vault and user, so wraps cannot be swapped between them
    return f"dsl-casebook:{vault_id}:{who}".encode()


def _seal(wrapping_key: bytes, data_key: bytes, salt: bytes, aad: bytes) -> Wrap:
    nonce = os.urandom(12)
    ciphertext = AESGCM(wrapping_key).encrypt(nonce, data_key, aad)
    return Wrap(salt=_b64(salt), nonce=_b64(nonce), ciphertext=_b64(ciphertext))


def _open(wrapping_key: bytes, wrap: Wrap, aad: bytes) -> bytes | None:
    try:
        key = AESGCM(wrapping_key).decrypt(_unb64(wrap.nonce), _unb64(wrap.ciphertext), aad)
    except (InvalidTag, ValueError):
        return None
    return key if len(key) == DATA_KEY_BYTES else None


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def new_recovery_key() -> str:
    chars = [secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_GROUPS * _RECOVERY_GROUP_LEN)]
    groups = ["".join(chars[i : i + _RECOVERY_GROUP_LEN]) for i in range(0, len(chars), _RECOVERY_GROUP_LEN)]
    return "-".join(groups)


def normalise_recovery_key(text: str) -> str:
    """Accept the key as printed, in any case, with or without dashes and spaces.

    WrongRecoveryKey if anything else is in it (a letter from another alphabet, say): the key is only ever
    the letters and digits printed on the sheet."""
    kept = "".join(ch for ch in text.upper() if not (ch.isspace() or ch in "-‐‑‒–—"))
    if not kept or any(ch not in _RECOVERY_ALPHABET for ch in kept):
        raise WrongRecoveryKey(
            "A recovery key has only the capital letters A to Z (without I and O) and the digits 2 to 9, "
            "in 8 groups of 4. Check it against the printed sheet and try again."
        )
    return kept


def _recovery_wrapping_key(recovery_key: str, salt: bytes) -> bytes:
    # 160 random bits need no slow KDF; HKDF just turns them into an AES key
    material = normalise_recovery_key(recovery_key).encode("ascii")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"dsl-casebook recovery").derive(material)


def wrap_for_user(
    vault_id: str, data_key: bytes, name: str, role: str, passphrase: str, kdf: KdfParams, user_id: str | None = None
) -> UserWrap:
    user_id = user_id or str(uuid.uuid4())
    salt = os.urandom(16)
    wrapping_key = kdf.derive(normalise_passphrase(passphrase), salt)
    return UserWrap(
        user_id=user_id,
        name=name,
        role=role,
        kdf=kdf,
        wrap=_seal(wrapping_key, data_key, salt, _aad(vault_id, user_id)),
    )


def wrap_for_recovery(vault_id: str, data_key: bytes, recovery_key: str) -> Wrap:
    salt = os.urandom(16)
    return _seal(_recovery_wrapping_key(recovery_key, salt), data_key, salt, _aad(vault_id, "recovery"))


def new_keyfile(data_key: bytes, name: str, role: str, passphrase: str, kdf: KdfParams) -> tuple[KeyFile, str]:
    """A key file for a new vault with its first user; returns it and the recovery key (show once)."""
    vault_id = str(uuid.uuid4())
    recovery_key = new_recovery_key()
    keyfile = KeyFile(
        vault_id=vault_id,
        created_at=datetime.now(UTC),
        users=[wrap_for_user(vault_id, data_key, name, role, passphrase, kdf)],
        recovery=wrap_for_recovery(vault_id, data_key, recovery_key),
    )
    return keyfile, recovery_key


def unwrap_with_passphrase(keyfile: KeyFile, passphrase: str, user_id: str | None = None) -> tuple[bytes, UserWrap]:
    """The data key and the user whose passphrase opened it; :class:`WrongPassphrase` otherwise."""
    candidates = [u for u in keyfile.users if user_id is None or u.user_id == user_id]
    secret = normalise_passphrase(passphrase)
    for user in candidates:
        wrapping_key = user.kdf.derive(secret, _unb64(user.wrap.salt))
        data_key = _open(wrapping_key, user.wrap, _aad(keyfile.vault_id, user.user_id))
        if data_key is not None:
            return data_key, user
    raise WrongPassphrase()


def unwrap_with_recovery_key(keyfile: KeyFile, recovery_key: str) -> bytes:
    wrap = keyfile.recovery
    try:
        salt = _unb64(wrap.salt)
    except ValueError as exc:
        raise KeyFileDamaged() from exc
    data_key = _open(_recovery_wrapping_key(recovery_key, salt), wrap, _aad(keyfile.vault_id, "recovery"))
    if data_key is None:
        raise WrongRecoveryKey()
    return data_key


# ---- the seal -------------------------------------------------------------------------------------------


def _seal_key(data_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"dsl-casebook key-file seal").derive(data_key)


def _sealed_text(keyfile: KeyFile) -> bytes:
    anchor = keyfile.anchor.model_dump(mode="json") if keyfile.anchor else None
    users = [[u.user_id, u.name, u.role] for u in keyfile.users]
    return json.dumps([keyfile.vault_id, users, anchor], ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def seal_keyfile(keyfile: KeyFile, data_key: bytes, *, anchor: Anchor | None) -> KeyFile:
    """The key file at the current format, with the given anchor, sealed under the data key."""
    updated = keyfile.model_copy(update={"format": KEYFILE_FORMAT, "anchor": anchor, "seal": ""})
    mac = hmac.new(_seal_key(data_key), _sealed_text(updated), hashlib.sha256).hexdigest()
    return updated.model_copy(update={"seal": mac})


def seal_ok(keyfile: KeyFile, data_key: bytes) -> bool:
    """True if the key file's names, roles and anchor are as the app last sealed them (False if unsealed)."""
    if not keyfile.seal:
        return False
    expected = hmac.new(_seal_key(data_key), _sealed_text(keyfile), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, keyfile.seal)


def save_keyfile(path: Path, keyfile: KeyFile) -> None:
    write_private_file(path, keyfile.model_dump_json(indent=2).encode("utf-8"))
