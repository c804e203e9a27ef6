"""Device keys and team data keys.

Each device has an Ed25519 key (signs its change files) and an X25519 key (receives new team keys). Their
private halves live only inside the device's encrypted casebook. A team data key (ChaCha20-Poly1305) opens
every change file of its epoch; removing a device starts a new epoch whose key is sent, in a signed keys
file, sealed separately to each remaining device's X25519 key, so the removed device never sees it.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from dslapp.errors import TeamFileRejected

TEAM_KEY_BYTES = 32
KEYS_FORMAT = 1


@dataclass(frozen=True)
class DeviceKeys:
    """A device's private keys (hex), as kept in its encrypted casebook."""

    device_id: str
    sign_private: str
    box_private: str

    @classmethod
    def new(cls, device_id: str | None = None) -> DeviceKeys:
        return cls(
            device_id or str(uuid.uuid4()),
            _raw_private(Ed25519PrivateKey.generate()).hex(),
            _raw_private(X25519PrivateKey.generate()).hex(),
        )

    @property
    def signing_key(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(self.sign_private))

    @property
    def sign_public(self) -> str:
        return _raw_public(self.signing_key.public_key()).hex()

    @property
    def box_public(self) -> str:
        key = X25519PrivateKey.from_private_bytes(bytes.fromhex(self.box_private))
        return _raw_public(key.public_key()).hex()


@dataclass(frozen=True)
class TeamKey:
    key_id: str
    epoch: int
    key: str
    """hex"""

    @classmethod
    def new(cls, epoch: int) -> TeamKey:
        return cls(uuid.uuid4().hex[:16], epoch, os.urandom(TEAM_KEY_BYTES).hex())

    @property
    def raw(self) -> bytes:
        return bytes.fromhex(self.key)


def _raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())


def _raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _box_key(shared: bytes, context: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"dsl-casebook team key " + context).derive(
        shared
    )


def keys_file(team_id: str, key: TeamKey, author: DeviceKeys, recipients: dict[str, str]) -> bytes:
    """A signed keys file giving ``key`` to each recipient (device id -> X25519 public key, hex)."""
    wraps: dict[str, dict[str, str]] = {}
    for device_id, box_public in sorted(recipients.items()):
        ephemeral = X25519PrivateKey.generate()
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(bytes.fromhex(box_public)))
        context = f"{team_id}:{key.key_id}:{device_id}".encode()
        nonce = os.urandom(12)
        sealed = ChaCha20Poly1305(_box_key(shared, context)).encrypt(nonce, key.raw, context)
        wraps[device_id] = {
            "ephemeral": _raw_public(ephemeral.public_key()).hex(),
            "nonce": nonce.hex(),
            "sealed": sealed.hex(),
        }
    body: dict[str, Any] = {
        "format": KEYS_FORMAT,
        "team_id": team_id,
        "key_id": key.key_id,
        "epoch": key.epoch,
        "author": author.device_id,
        "wraps": wraps,
    }
    signature = author.signing_key.sign(_canonical(body)).hex()
    return json.dumps({**body, "signature": signature}, sort_keys=True, indent=1).encode("utf-8")


@dataclass(frozen=True)
class KeysFile:
    team_id: str
    key_id: str
    epoch: int
    author: str
    body: dict[str, Any]
    signature: bytes


def parse_keys_file(data: bytes) -> KeysFile:
    try:
        raw = json.loads(data)
        signature = bytes.fromhex(raw.pop("signature"))
        parsed = KeysFile(
            str(raw["team_id"]), str(raw["key_id"]), int(raw["epoch"]), str(raw["author"]), raw, signature
        )
        if not isinstance(raw["wraps"], dict):
            raise ValueError("wraps")
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise TeamFileRejected("it is not a readable keys file (damaged or cut short)") from exc
    return parsed


def open_keys_file(parsed: KeysFile, author_public: str, me: DeviceKeys) -> TeamKey | None:
    """The key it carries for this device; None if it has none for us (we were removed before it)."""
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(author_public)).verify(
            parsed.signature, _canonical(parsed.body)
        )
    except (InvalidSignature, ValueError) as exc:
        raise TeamFileRejected("its signature does not match the device it claims to come from") from exc
    wrap = parsed.body["wraps"].get(me.device_id)
    if wrap is None:
        return None
    context = f"{parsed.team_id}:{parsed.key_id}:{me.device_id}".encode()
    try:
        private = X25519PrivateKey.from_private_bytes(bytes.fromhex(me.box_private))
        shared = private.exchange(X25519PublicKey.from_public_bytes(bytes.fromhex(wrap["ephemeral"])))
        raw = ChaCha20Poly1305(_box_key(shared, context)).decrypt(
            bytes.fromhex(wrap["nonce"]), bytes.fromhex(wrap["sealed"]), context
        )
    except (InvalidTag, ValueError, KeyError, TypeError) as exc:
        raise TeamFileRejected("the key it carries for this laptop does not open") from exc
    return TeamKey(parsed.key_id, parsed.epoch, raw.hex())
