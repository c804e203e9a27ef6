"""CP file transfer between schools (KCSIE: separately from the pupil file, securely, receipt confirmed).

The sending DSL exports a *transfer pack*: the child's case bundle, compressed and encrypted with
AES-256-GCM under a key derived with Argon2id from a one-time passphrase the app generates (24
characters, 120 random bits), plus a covering letter PDF for the receiving DSL. The passphrase goes by a
separate route (a phone call), never with the pack. The child's record is kept at the sending school,
marked transferred, with an outgoing Transfer record that Today chases after 5 school days.

The receiving school's app imports the pack: the child with their full history, marked as received from
the sending school, and an incoming Transfer record. It shows a *receipt code* (three groups of four
letters, an HMAC of the pack id under a key derived from the pack's passphrase) that only someone who
could open the pack can produce. The receiving DSL reads it back to the sender, whose app checks it and
closes the transfer.

Pack file layout::

    MAGIC (26 bytes) | header length (4 bytes, big-endian) | header (JSON) | AES-256-GCM ciphertext + tag

The header holds no personal data (format, version, pack id, KDF parameters and salt, nonce). Everything
before the ciphertext is the GCM associated data, so changing any byte of the header, or of the
ciphertext, makes opening fail.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import struct
import uuid
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from dslapp.errors import (
    AlreadyImported,
    CannotWriteFile,
    InvalidRecord,
    MalformedBundle,
    ReceiptNotPossible,
    TransferPackUnreadable,
    WrongReceiptCode,
)
from dslapp.models import Child, ChildStatus, Transfer, TransferDirection
from dslapp.services.bundle import (
    MAX_BUNDLE_READ_BYTES,
    CaseBundle,
    build_bundle,
    bundle_from_json,
    import_bundle,
    load_bundle_json,
    read_input_file,
    write_user_file,
)
from dslapp.services.changes import Changes
from dslapp.services.children import change_status
from dslapp.services.results import Saved
from dslapp.services.transfer_letter import covering_letter_pdf
from dslapp.store import RecordStore, queries
from dslapp.store.records import validate
from dslapp.vault.audit import Action as Audit
from dslapp.vault.keys import KdfParams, normalise_passphrase

PACK_MAGIC = b"DSL-CASEBOOK-TRANSFER-PACK"
PACK_FORMAT = "dsl-casebook/transfer-pack"
PACK_VERSION = 2
"""2 added ``contents_bytes`` to the header; packs of version 1 (which declare no size) still open."""
PACK_SUFFIX = ".dsltransfer"
METHOD = "Encrypted transfer pack (DSL Casebook)"

PACK_KDF = KdfParams(time_cost=3, memory_cost=64 * 1024, parallelism=1)
"""Argon2id for the pack key: about 0.2 s here. The passphrase is 120 random bits, so the KDF is a margin,
not the main defence. Tests make it tiny."""

MAX_HEADER_BYTES = 4096
MAX_CONTENTS_BYTES = MAX_BUNDLE_READ_BYTES + 64 * 1024
"""The most a pack's contents (the bundle, plus who sent it to whom) may inflate to, declared or not."""
MAX_PACK_BYTES = MAX_CONTENTS_BYTES + 1024 * 1024
"""A pack is never much larger than its contents (zlib adds a few bytes a block to what it cannot shrink)."""
# Limits on the KDF parameters a pack may ask for, so a hostile file cannot make the app use hundreds of MB
# (PACK_KDF asks for 64 MiB; this leaves room to double it).
_KDF_LIMITS = {"time_cost": 16, "memory_cost": 128 * 1024, "parallelism": 8}

_PASSPHRASE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 symbols, no 0/O or 1/I: it is read aloud
_PASSPHRASE_GROUPS = 6
_PASSPHRASE_GROUP_LEN = 4  # 24 characters x 5 bits = 120 bits
_RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # letters only
_RECEIPT_GROUPS = 3
_RECEIPT_GROUP_LEN = 4  # 12 letters, about 55 bits


class PackHeader(BaseModel):
    """The clear part of a transfer pack (no personal data)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    format: Literal["dsl-casebook/transfer-pack"] = "dsl-casebook/transfer-pack"
    version: int = Field(default=PACK_VERSION, ge=1)
    pack_id: uuid.UUID
    kdf: KdfParams
    salt: str
    cipher: Literal["AES-256-GCM"] = "AES-256-GCM"
    nonce: str
    compression: Literal["zlib"] = "zlib"
    contents_bytes: int | None = Field(default=None, ge=0)
    """How many bytes the contents inflate to (from version 2). Opening refuses a pack that declares more
    than MAX_CONTENTS_BYTES before deriving any key, and stops inflating one byte past what it declares."""

    @field_validator("kdf")
    @classmethod
    def _bounded(cls, value: KdfParams) -> KdfParams:
        if value.algorithm != "argon2id":
            raise ValueError("uses an unknown key derivation")
        for name, limit in _KDF_LIMITS.items():
            if getattr(value, name) > limit:
                raise ValueError("asks for more memory or time than this app allows")
        return value


class PackContents(BaseModel):
    """The encrypted part: who sent it to whom, and the case bundle."""

    model_config = ConfigDict(extra="forbid")
    pack_id: uuid.UUID
    from_school: str = Field(min_length=1, max_length=300)
    from_dsl: str = Field(default="", max_length=300)
    to_school: str = Field(min_length=1, max_length=300)
    to_dsl: str = Field(default="", max_length=300)
    sent_on: date
    sending_transfer_id: uuid.UUID
    bundle: dict[str, Any]


@dataclass(frozen=True)
class TransferPack:
    """What ``export_transfer`` made. Show ``passphrase`` once and tell the DSL to send it separately."""

    pack_path: Path
    letter_path: Path
    passphrase: str
    pack_id: str
    sha256: str
    child: Child
    transfer: Transfer
    changes: Changes


@dataclass(frozen=True)
class OpenedPack:
    """A transfer pack decrypted and validated, not yet imported."""

    header: PackHeader
    contents: PackContents
    bundle: CaseBundle
    receipt_code: str


# ---- passphrases, keys and codes ------------------------------------------------------------------


def new_pack_passphrase() -> str:
    chars = [secrets.choice(_PASSPHRASE_ALPHABET) for _ in range(_PASSPHRASE_GROUPS * _PASSPHRASE_GROUP_LEN)]
    return "-".join("".join(chars[i : i + _PASSPHRASE_GROUP_LEN]) for i in range(0, len(chars), _PASSPHRASE_GROUP_LEN))


def normalise_pack_passphrase(text: str) -> str:
    """Accept the passphrase as read out: any case, with or without dashes or spaces."""
    return "".join(ch for ch in text.upper() if ch.isascii() and ch.isalnum())


def normalise_receipt_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isascii() and ch.isalpha())


def format_receipt_code(code: str) -> str:
    code = normalise_receipt_code(code)
    return "-".join(code[i : i + _RECEIPT_GROUP_LEN] for i in range(0, len(code), _RECEIPT_GROUP_LEN))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _pack_keys(passphrase: str, salt: bytes, kdf: KdfParams) -> tuple[bytes, bytes]:
    """(encryption key, receipt key), both from one Argon2id derivation, kept apart with HKDF."""
    secret = normalise_passphrase(normalise_pack_passphrase(passphrase))
    master = kdf.derive(secret, salt)

    def expand(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)

    return expand(b"dsl-casebook transfer pack encryption"), expand(b"dsl-casebook transfer receipt")


def _receipt_code(receipt_key: bytes, pack_id: uuid.UUID) -> str:
    digest = hmac.new(receipt_key, b"dsl-casebook receipt:" + pack_id.bytes, hashlib.sha256).digest()
    number = int.from_bytes(digest, "big")
    letters = []
    for _ in range(_RECEIPT_GROUPS * _RECEIPT_GROUP_LEN):
        number, index = divmod(number, len(_RECEIPT_ALPHABET))
        letters.append(_RECEIPT_ALPHABET[index])
    return format_receipt_code("".join(letters))


def _receipt_check(code: str) -> str:
    return hashlib.sha256(b"dsl-casebook receipt check:" + normalise_receipt_code(code).encode("ascii")).hexdigest()


# ---- the pack file --------------------------------------------------------------------------------


def new_pack_header(pack_id: uuid.UUID, kdf: KdfParams, contents_bytes: int | None = None) -> PackHeader:
    """A header with a fresh random salt and nonce, declaring the contents' size."""
    return PackHeader(
        pack_id=pack_id,
        kdf=kdf,
        salt=_b64(secrets.token_bytes(16)),
        nonce=_b64(secrets.token_bytes(12)),
        contents_bytes=contents_bytes,
    )


def seal_pack(contents: PackContents, passphrase: str, kdf: KdfParams) -> tuple[bytes, str]:
    """The pack file's bytes, and the receipt code its receiver's app will show."""
    plain = contents.model_dump_json().encode("utf-8")
    return seal_pack_json(plain, new_pack_header(contents.pack_id, kdf, len(plain)), passphrase)


def seal_pack_json(plain: bytes | Iterable[bytes], header: PackHeader, passphrase: str) -> tuple[bytes, str]:
    """Compress and encrypt ``plain`` (the contents as JSON, whole or in chunks) under ``header``:
    (pack bytes, receipt code).

    ``seal_pack`` calls this with a model's JSON; the hostile-file tests seal hostile JSON with it, in chunks
    so that a compression bomb is never held whole.
    """
    header_bytes = header.model_dump_json().encode("utf-8")
    prefix = PACK_MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes
    enc_key, receipt_key = _pack_keys(passphrase, _unb64(header.salt), header.kdf)
    squeezer = zlib.compressobj(6)
    chunks = [plain] if isinstance(plain, bytes) else plain
    compressed = b"".join([*(squeezer.compress(chunk) for chunk in chunks), squeezer.flush()])
    ciphertext = AESGCM(enc_key).encrypt(_unb64(header.nonce), compressed, prefix)
    return prefix + ciphertext, _receipt_code(receipt_key, header.pack_id)


def read_pack_header(data: bytes) -> tuple[PackHeader, bytes, bytes]:
    """Split a pack into (header, associated data, ciphertext); TransferPackUnreadable if it is not one."""
    if not data.startswith(PACK_MAGIC):
        raise TransferPackUnreadable("This file is not a DSL Casebook transfer pack.")
    start = len(PACK_MAGIC)
    if len(data) < start + 4:
        raise TransferPackUnreadable("This transfer pack is damaged: it is cut short. Ask for it to be sent again.")
    (length,) = struct.unpack(">I", data[start : start + 4])
    end = start + 4 + length
    if length > MAX_HEADER_BYTES or end > len(data):
        raise TransferPackUnreadable("This transfer pack is damaged: its header is not readable.")
    try:
        raw = json.loads(data[start + 4 : end])
    except (ValueError, UnicodeDecodeError) as exc:
        raise TransferPackUnreadable("This transfer pack is damaged: its header is not readable.") from exc
    if isinstance(raw, dict) and isinstance(raw.get("version"), int) and raw["version"] > PACK_VERSION:
        raise TransferPackUnreadable(
            "This transfer pack was made by a newer version of DSL Casebook. Please update the app."
        )
    try:
        header = PackHeader.model_validate(raw)
        salt, nonce = _unb64(header.salt), _unb64(header.nonce)
    except (ValidationError, ValueError) as exc:
        raise TransferPackUnreadable("This transfer pack is damaged: its header is not readable.") from exc
    if not 16 <= len(salt) <= 64 or len(nonce) != 12 or (header.version >= 2 and header.contents_bytes is None):
        raise TransferPackUnreadable("This transfer pack is damaged: its header is not readable.")
    return header, data[:end], data[end:]


def open_pack_bytes(data: bytes, passphrase: str) -> OpenedPack:
    """Decrypt, decompress and validate a pack. Touches no vault.

    A hostile pack is refused in bounded memory: by its size, by the size its header declares (before any
    key is derived), by how far it really inflates (never past the declared size or MAX_CONTENTS_BYTES),
    and by the shape of the JSON inside (``load_bundle_json``).
    """
    if len(data) > MAX_PACK_BYTES:
        raise TransferPackUnreadable(_too_large())
    header, prefix, ciphertext = read_pack_header(data)
    if header.contents_bytes is not None and header.contents_bytes > MAX_CONTENTS_BYTES:
        raise TransferPackUnreadable(_too_large())
    if not normalise_pack_passphrase(passphrase):
        raise TransferPackUnreadable("Enter the one-time passphrase the sending school gave you for this pack.")
    enc_key, receipt_key = _pack_keys(passphrase, _unb64(header.salt), header.kdf)
    try:
        compressed = AESGCM(enc_key).decrypt(_unb64(header.nonce), ciphertext, prefix)
    except (InvalidTag, ValueError) as exc:
        raise TransferPackUnreadable() from exc
    del ciphertext
    plain = _inflate(compressed, header.contents_bytes)
    del compressed
    raw = load_bundle_json(plain, "What is inside this transfer pack")
    del plain
    try:
        if not isinstance(raw, dict) or any(key not in PackContents.model_fields for key in raw):
            raise ValueError("not the contents of a transfer pack")  # (checked first: one error, not one a key)
        contents = PackContents.model_validate(raw)
    except (ValidationError, ValueError) as exc:
        raise MalformedBundle(
            "This transfer pack opened, but what is inside is not a CP file this version can read. Nothing was added."
        ) from exc
    if contents.pack_id != header.pack_id:
        raise TransferPackUnreadable("This transfer pack is damaged: its parts do not belong together.")
    bundle = bundle_from_json(contents.bundle)
    return OpenedPack(header, contents, bundle, _receipt_code(receipt_key, header.pack_id))


def _too_large() -> str:
    return (
        f"This transfer pack is larger than any CP file can be (the most this app opens is "
        f"{MAX_CONTENTS_BYTES // (1024 * 1024)} MB), so it was not opened. Ask the sending school to check it."
    )


def _inflate(compressed: bytes, declared: int | None) -> bytes:
    """Decompress, producing at most one byte more than the declared size (or MAX_CONTENTS_BYTES)."""
    limit = MAX_CONTENTS_BYTES if declared is None else declared
    inflater = zlib.decompressobj()
    try:
        plain = inflater.decompress(compressed, limit + 1)
    except zlib.error as exc:
        raise MalformedBundle(
            "This transfer pack opened, but what is inside is not a CP file this version can read. Nothing was added."
        ) from exc
    if len(plain) > limit:
        if declared is None:
            raise TransferPackUnreadable(_too_large())
        raise TransferPackUnreadable("This transfer pack is damaged: it holds more than its header says.")
    if not inflater.eof or inflater.unconsumed_tail or (declared is not None and len(plain) != declared):
        raise TransferPackUnreadable("This transfer pack is damaged: what is inside is incomplete.")
    return plain


def open_transfer_pack(pack_file: Path, passphrase: str) -> OpenedPack:
    """Read and open a pack file (before any vault is touched)."""
    data = read_input_file(pack_file, MAX_PACK_BYTES, "a transfer pack")
    if data is None:
        raise TransferPackUnreadable(_too_large())
    return open_pack_bytes(data, passphrase)


# ---- sending ----------------------------------------------------------------------------------------


def _today(store: RecordStore) -> date:
    return store.vault.now().astimezone().date()


def _clean(value: str, what: str, *, required: bool) -> str:
    value = (value or "").strip()
    if required and not value:
        raise InvalidRecord(f"Give the {what}.")
    if len(value) > 300 or any(ord(ch) < 32 for ch in value):
        raise InvalidRecord(f"The {what} must be one line of at most 300 characters.")
    return value


def _bundle_for_transfer(store: RecordStore, child_id: str) -> CaseBundle:
    """The child's bundle as the receiver should see it: without this school's own transfers awaiting receipt
    (they are the sender's to chase, and the receiver's Today would chase them too)."""
    bundle = build_bundle(store, child_id, transfer=True)
    pending = {str(t.id) for t in bundle.transfers if t.awaiting_receipt}
    if not pending:
        return bundle
    return bundle.model_copy(
        update={
            "transfers": [t for t in bundle.transfers if str(t.id) not in pending],
            "amendments": {k: v for k, v in bundle.amendments.items() if k not in pending},
        }
    )


def export_transfer(
    store: RecordStore,
    child_id: uuid.UUID | str,
    out_dir: Path,
    to_school: str,
    to_dsl: str = "",
    *,
    from_school: str | None = None,
    kdf: KdfParams | None = None,
) -> TransferPack:
    """Write an encrypted transfer pack and its covering letter into ``out_dir``; record the transfer.

    The child's record is kept here, marked transferred. Returns the one-time passphrase: show it once and
    tell the DSL to give it to the receiving DSL by a separate route (a phone call), never with the pack.
    """
    to_school = _clean(to_school, "receiving school's name", required=True)
    to_dsl = _clean(to_dsl, "receiving DSL's name", required=False)
    sender_name = from_school if from_school is not None else store.vault.school
    sender = _clean(sender_name, "sending school's name", required=False)
    if not sender:
        raise InvalidRecord(
            "This casebook has no school name, so the receiving school would not know who sent the file. "
            "Give your school's name."
        )
    out_dir = out_dir.expanduser()
    if not out_dir.is_dir():
        raise CannotWriteFile(f"The folder {out_dir} does not exist. Choose a folder to save the transfer pack in.")
    child = store.get_as(Child, child_id)
    today = _today(store)
    pack_id = uuid.uuid4()
    transfer_id = uuid.uuid4()
    bundle = _bundle_for_transfer(store, str(child.id))
    contents = PackContents(
        pack_id=pack_id,
        from_school=sender,
        from_dsl=store.vault.user.name,
        to_school=to_school,
        to_dsl=to_dsl,
        sent_on=today,
        sending_transfer_id=transfer_id,
        bundle=bundle.model_dump(mode="json"),
    )
    passphrase = new_pack_passphrase()
    data, receipt_code = seal_pack(contents, passphrase, kdf or PACK_KDF)
    digest = hashlib.sha256(data).hexdigest()
    stem = f"CP-file-transfer-{pack_id.hex[:8]}"
    pack_path = out_dir / f"{stem}{PACK_SUFFIX}"
    letter_path = out_dir / f"{stem}-covering-letter.pdf"
    letter = covering_letter_pdf(
        child=child,
        bundle=bundle,
        from_school=sender,
        from_dsl=store.vault.user.label,
        to_school=to_school,
        to_dsl=to_dsl,
        sent_on=today,
        pack_name=pack_path.name,
        pack_size=len(data),
        pack_sha256=digest,
        generated_on=store.vault.now(),
    )
    written: list[Path] = []
    try:
        write_user_file(pack_path, data)
        written.append(pack_path)
        write_user_file(letter_path, letter)
        written.append(letter_path)
        with store.db.transaction():
            transfer = store.add(
                validate(
                    Transfer,
                    {
                        "id": transfer_id,
                        "child_id": child.id,
                        "direction": TransferDirection.OUTGOING,
                        "other_school": to_school,
                        "other_dsl": to_dsl,
                        "sent_on": today,
                        "method": METHOD,
                        "notes": f"Transfer pack {pack_id}. The one-time passphrase was given to the DSL to send "
                        "separately.",
                    },
                )
            )
            queries.add_transfer_pack(
                store.db,
                str(pack_id),
                "outgoing",
                str(transfer.id),
                str(child.id),
                store.vault.now().isoformat(),
                _receipt_check(receipt_code),
            )
            reason = f"CP file transferred to {to_school}"
            child = change_status(store, child.id, ChildStatus.TRANSFERRED, today, reason).value
            store.vault.audit(Audit.EXPORT, str(child.id), f"CP file transfer pack {pack_id}")
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    changes = Changes.of(Child.KIND, Transfer.KIND, "status_change", child_id=str(child.id))
    return TransferPack(pack_path, letter_path, passphrase, str(pack_id), digest, child, transfer, changes)


def record_receipt(
    store: RecordStore, transfer_id: uuid.UUID | str, receipt_code: str, received_by: str
) -> Saved[Transfer]:
    """Check the receipt code the receiving DSL read back and close the transfer (an audited amendment)."""
    transfer = store.get_as(Transfer, transfer_id)
    if transfer.direction != TransferDirection.OUTGOING:
        raise ReceiptNotPossible("That transfer is one this school received, so there is no receipt to record.")
    if transfer.received_on is not None:
        by = f" by {transfer.receipt_by}" if transfer.receipt_by else ""
        raise ReceiptNotPossible(
            f"Receipt of this CP file was already confirmed on {transfer.received_on:%d/%m/%Y}{by}."
        )
    received_by = _clean(received_by, "name of the DSL who received the file", required=True)
    check = queries.outgoing_receipt_check(store.db, str(transfer.id))
    if check is None:
        raise ReceiptNotPossible(
            "This transfer was not sent as a DSL Casebook transfer pack, so there is no receipt code to check."
        )
    code = normalise_receipt_code(receipt_code)
    if len(code) != _RECEIPT_GROUPS * _RECEIPT_GROUP_LEN or not hmac.compare_digest(_receipt_check(code), check):
        raise WrongReceiptCode()
    amended = store.amend(
        transfer.id,
        {
            "received_on": _today(store).isoformat(),
            "receipt_by": received_by,
            "receipt_code": format_receipt_code(code),
        },
        f"Receipt confirmed by {received_by} with the receipt code",
    )
    assert isinstance(amended, Transfer)
    return Saved(amended, Changes.of(Transfer.KIND, child_id=str(transfer.child_id)))


# ---- receiving ----------------------------------------------------------------------------------------


def import_opened_pack(store: RecordStore, opened: OpenedPack) -> tuple[Child, str]:
    """Add the child from an opened pack, marked as received from the sending school; returns the receipt code."""
    pack_id = str(opened.header.pack_id)
    seen = queries.incoming_pack_seen_at(store.db, pack_id)
    if seen is not None:
        raise AlreadyImported(
            f"This transfer pack was already imported (on {seen[:10]}). Its receipt code is {opened.receipt_code}."
        )
    contents = opened.contents
    today = _today(store)
    with store.db.transaction():
        child = import_bundle(store, opened.bundle).value
        amended = child
        if child.received_from != contents.from_school:
            changed = store.amend(
                child.id, {"received_from": contents.from_school}, f"CP file received from {contents.from_school}"
            )
            assert isinstance(changed, Child)
            amended = changed
        transfer = store.add(
            validate(
                Transfer,
                {
                    "child_id": child.id,
                    "direction": TransferDirection.INCOMING,
                    "other_school": contents.from_school,
                    "other_dsl": contents.from_dsl,
                    "sent_on": contents.sent_on,
                    "method": METHOD,
                    "received_on": today,
                    "receipt_by": store.vault.user.name,
                    "receipt_code": opened.receipt_code,
                    "notes": f"Transfer pack {pack_id}.",
                },
            )
        )
        queries.add_transfer_pack(
            store.db,
            pack_id,
            "incoming",
            str(transfer.id),
            str(child.id),
            store.vault.now().isoformat(),
            _receipt_check(opened.receipt_code),
        )
        store.vault.audit(Audit.IMPORT, str(child.id), f"CP file transfer pack {pack_id}")
    return amended, opened.receipt_code


def import_transfer(store: RecordStore, pack_file: Path, passphrase: str) -> tuple[Child, str]:
    """Open a transfer pack and add the child with their full history; returns (child, receipt code).

    All or nothing: a wrong passphrase, a changed or damaged file, or an invalid bundle adds nothing.
    """
    return import_opened_pack(store, open_transfer_pack(pack_file, passphrase))
