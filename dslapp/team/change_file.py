"""The change file: one device's numbered, immutable batch of events, encrypted and signed.

Layout (all lengths big-endian)::

    MAGIC (8 bytes) | header length (4) | header (JSON) | ciphertext length (4) | ciphertext | signature (64)

The header (format, team, device, sequence number, key epoch and key id, nonce) is in clear so a reader knows
which key opens the file; it holds no case data. The ciphertext is ChaCha20-Poly1305 under the team data key
with everything before it as associated data, so a header moved onto another file fails to open. The Ed25519
signature by the writing device covers every byte before it: a member can read everyone's files but cannot
write one in another device's name.
"""

from __future__ import annotations

import json
import os
import struct
import zlib
from dataclasses import asdict, dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from dslapp.errors import TeamFileRejected

MAGIC = b"DSLTEAM1"
FORMAT = 1
SIGNATURE_BYTES = 64
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PAYLOAD_BYTES = 256 * 1024 * 1024
_HEADER_KEYS = {"format", "team_id", "device_id", "seq", "epoch", "key_id", "nonce"}


@dataclass(frozen=True)
class Header:
    format: int
    team_id: str
    device_id: str
    seq: int
    epoch: int
    key_id: str
    nonce: str

    def encoded(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True)
class Parsed:
    """A change file split into its parts, not yet checked beyond its shape."""

    header: Header
    signed: bytes
    aad: bytes
    ciphertext: bytes
    signature: bytes


def seal(header: Header, events: list[dict[str, Any]], team_key: bytes, signing_key: Ed25519PrivateKey) -> bytes:
    """The bytes of a change file holding ``events``."""
    head = header.encoded()
    aad = MAGIC + struct.pack(">I", len(head)) + head
    plain = zlib.compress(json.dumps({"events": events}, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    ciphertext = ChaCha20Poly1305(team_key).encrypt(bytes.fromhex(header.nonce), plain, aad)
    signed = aad + struct.pack(">I", len(ciphertext)) + ciphertext
    return signed + signing_key.sign(signed)


def new_nonce() -> str:
    return os.urandom(12).hex()


def parse(data: bytes) -> Parsed:
    """Split a change file; TeamFileRejected if it is not one, is cut short or has bytes added."""
    if len(data) > MAX_FILE_BYTES:
        raise TeamFileRejected("it is far larger than any change file")
    if not data.startswith(MAGIC):
        raise TeamFileRejected("it is not a team change file")
    try:
        (head_len,) = struct.unpack_from(">I", data, len(MAGIC))
        head_end = len(MAGIC) + 4 + head_len
        (ct_len,) = struct.unpack_from(">I", data, head_end)
    except struct.error as exc:
        raise TeamFileRejected("it is cut short (incomplete)") from exc
    ct_start = head_end + 4
    if len(data) < ct_start + ct_len + SIGNATURE_BYTES:
        raise TeamFileRejected("it is cut short (incomplete)")
    if len(data) > ct_start + ct_len + SIGNATURE_BYTES:
        raise TeamFileRejected("it has extra bytes after its end")
    try:
        raw = json.loads(data[len(MAGIC) + 4 : head_end])
        if not isinstance(raw, dict) or set(raw) != _HEADER_KEYS:
            raise ValueError("header fields")
        header = Header(**raw)
        if not all(isinstance(getattr(header, k), int) for k in ("format", "seq", "epoch")):
            raise ValueError("header numbers")
        if not all(isinstance(getattr(header, k), str) for k in ("team_id", "device_id", "key_id", "nonce")):
            raise ValueError("header texts")
        if len(bytes.fromhex(header.nonce)) != 12:
            raise ValueError("nonce")
    except (ValueError, TypeError, RecursionError) as exc:
        raise TeamFileRejected("its header is damaged") from exc
    if header.format > FORMAT:
        raise TeamFileRejected("it was written by a newer version of DSL Casebook (update this laptop)")
    signed = data[: ct_start + ct_len]
    return Parsed(header, signed, data[:head_end], data[ct_start : ct_start + ct_len], data[ct_start + ct_len :])


def check_signature(parsed: Parsed, public_key: bytes) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(parsed.signature, parsed.signed)
    except (InvalidSignature, ValueError) as exc:
        raise TeamFileRejected("its signature does not match the device it claims to come from") from exc


def open_events(parsed: Parsed, team_key: bytes) -> list[dict[str, Any]]:
    """The events inside a file whose signature has been checked."""
    try:
        plain = ChaCha20Poly1305(team_key).decrypt(bytes.fromhex(parsed.header.nonce), parsed.ciphertext, parsed.aad)
    except InvalidTag as exc:
        raise TeamFileRejected("it does not open with the team's key (changed or damaged)") from exc
    try:
        inflater = zlib.decompressobj()
        text = inflater.decompress(plain, MAX_PAYLOAD_BYTES)
        if inflater.unconsumed_tail:
            raise ValueError("too large")
        content = json.loads(text)
        events = content["events"]
        if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
            raise ValueError("events")
    except (ValueError, KeyError, TypeError, zlib.error, RecursionError) as exc:
        raise TeamFileRejected("its content is damaged") from exc
    return events
