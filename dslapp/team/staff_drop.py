"""Sealed concerns from staff (issue 19): the staff configuration, the sealed drop file, receipts and
acknowledgements. Pure parts only: bytes and models in, bytes and models out.

A drop file is a small JSON envelope (format, the school's reporting id, the reporting key id) around a libsodium
sealed box (PyNaCl ``SealedBox``: X25519 + XSalsa20-Poly1305 with a fresh key per file) to the team's public
reporting key. Only a casebook holding the private key opens it; the staff computer that wrote it cannot. Inside:
a random report id (a replayed copy is refused by it), the envelope's labels again (a relabelled file is refused),
the time sent, the account, and an HMAC under the staff secret in the configuration (a file made by someone who
has only the public key, not the school's configuration, is refused as forged).

An acknowledgement carries the receipt code and the time taken in, signed with the reporting key's Ed25519 key so
staff mode can trust it; nothing else flows back.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from nacl.exceptions import BadSignatureError, CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.signing import SigningKey, VerifyKey
from pydantic import Field, ValidationError

from dslapp.errors import StaffConfigUnusable, TeamFileRejected
from dslapp.files import write_private_file
from dslapp.models import ReportingKey, StaffAccount
from dslapp.models.base import Model, ShortText

FORMAT = 1
KIND = "dsl-casebook staff concern"
REPORTS = "reports"
ACKS = "acks"
SUFFIX = ".concern"
ACK_SUFFIX = ".ack"
MAX_DROP_BYTES = 4 * 1024 * 1024


# ---- the staff configuration ------------------------------------------------------------------------------


class TeamContact(Model):
    name: ShortText
    role: ShortText = ""
    phone: ShortText = ""
    where: ShortText = ""


class RollEntry(Model):
    """One child on the optional roll carried to staff mode: name and year group only.

    Hook for the school-roll import (built separately): fill ``StaffConfig.roll`` from the casebook's roll when
    exporting the configuration (``services.staff_reports.export_staff_config(..., roll=...)``)."""

    name: ShortText
    year_group: ShortText = ""


class StaffConfig(Model):
    """What IT deploys beside the program on staff computers. Nothing in it opens a concern."""

    format: int = FORMAT
    school: ShortText = ""
    reporting_id: ShortText
    key_id: ShortText
    public_key: ShortText
    """X25519, hex: concerns are sealed to it."""
    verify_key: ShortText
    """Ed25519, hex: acknowledgements are signed with its private half."""
    staff_secret: ShortText
    team: list[TeamContact] = Field(default_factory=list)
    roll: list[RollEntry] = Field(default_factory=list)
    drop_folder: str = ""
    """Where sealed concerns go (the team folder, or any folder the school shares); may be overridden locally."""
    paper_form: str = ""
    """Where the blank concern form is kept, if the school has one to hand (shown in staff mode's help)."""


def read_config(path: Path) -> StaffConfig:
    try:
        return StaffConfig.model_validate_json(path.read_bytes())
    except (OSError, ValidationError, ValueError) as exc:
        raise StaffConfigUnusable() from exc


def config_bytes(config: StaffConfig) -> bytes:
    return (json.dumps(config.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# ---- keys -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewKey:
    key_id: str
    box_private: str
    sign_private: str
    staff_secret: str


def new_key() -> NewKey:
    return NewKey(
        uuid.uuid4().hex[:16],
        bytes(PrivateKey.generate()).hex(),
        bytes(SigningKey.generate()).hex(),
        os.urandom(32).hex(),
    )


def public_key(key: ReportingKey) -> str:
    return bytes(PrivateKey(bytes.fromhex(key.box_private)).public_key).hex()


def verify_key(key: ReportingKey) -> str:
    return bytes(SigningKey(bytes.fromhex(key.sign_private)).verify_key).hex()


# ---- receipts ---------------------------------------------------------------------------------------------


def receipt_code(report_id: str) -> str:
    """Ten letters and digits from the report id: enough to tell reports apart, nothing about their content."""
    digest = hashlib.sha256(b"dsl-casebook receipt:" + report_id.encode()).digest()
    text = base64.b32encode(digest).decode("ascii")[:10]
    return f"{text[:5]}-{text[5:]}"


# ---- sealing ----------------------------------------------------------------------------------------------


def _canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _mac(secret: str, content: dict[str, Any]) -> str:
    return hmac.new(bytes.fromhex(secret), _canonical(content), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Sealed:
    report_id: str
    receipt: str
    data: bytes

    @property
    def file_name(self) -> str:
        return self.report_id + SUFFIX


def seal(config: StaffConfig, account: StaffAccount, sent_at: datetime) -> Sealed:
    """The drop file for ``account``: only a casebook holding the reporting key's private half opens it."""
    report_id = uuid.uuid4().hex
    content = {
        "format": FORMAT,
        "report_id": report_id,
        "reporting_id": config.reporting_id,
        "key_id": config.key_id,
        "sent_at": sent_at.isoformat(),
        "account": account.model_dump(mode="json"),
    }
    plain = _canonical({**content, "mac": _mac(config.staff_secret, content)})
    sealed = SealedBox(PublicKey(bytes.fromhex(config.public_key))).encrypt(plain)
    envelope = {
        "format": FORMAT,
        "kind": KIND,
        "reporting_id": config.reporting_id,
        "key_id": config.key_id,
        "sealed": base64.b64encode(sealed).decode("ascii"),
    }
    return Sealed(report_id, receipt_code(report_id), json.dumps(envelope, indent=1).encode("utf-8"))


@dataclass(frozen=True)
class Envelope:
    reporting_id: str
    key_id: str
    sealed: bytes


def envelope(data: bytes) -> Envelope:
    """The outer labels of a drop file; TeamFileRejected if it is not one."""
    if len(data) > MAX_DROP_BYTES:
        raise TeamFileRejected("it is far larger than any concern from staff")
    try:
        raw = json.loads(data)
        if not isinstance(raw, dict) or raw.get("kind") != KIND:
            raise ValueError("kind")
        if int(raw["format"]) > FORMAT:
            raise TeamFileRejected("it was written by a newer version of DSL Casebook (update this laptop)")
        return Envelope(str(raw["reporting_id"]), str(raw["key_id"]), base64.b64decode(raw["sealed"], validate=True))
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise TeamFileRejected("it is not a concern from staff (damaged or not one of ours)") from exc


@dataclass(frozen=True)
class Opened:
    report_id: str
    receipt: str
    key_id: str
    sent_at: datetime
    account: StaffAccount
    sha256: str


def open_sealed(data: bytes, key: ReportingKey) -> Opened:
    """Open and check a drop file with the reporting key it names (the caller looked it up)."""
    outer = envelope(data)
    try:
        plain = SealedBox(PrivateKey(bytes.fromhex(key.box_private))).decrypt(outer.sealed)
    except (CryptoError, ValueError) as exc:
        raise TeamFileRejected("it does not open with the team's reporting key (changed, damaged or forged)") from exc
    try:
        content = json.loads(plain)
        mac = content.pop("mac")
        if not isinstance(mac, str):
            raise ValueError("mac")
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise TeamFileRejected("its content is damaged") from exc
    if not hmac.compare_digest(mac, _mac(key.staff_secret, content)):
        raise TeamFileRejected("it was not made with this school's staff configuration (forged)")
    if content.get("key_id") != outer.key_id or content.get("reporting_id") != outer.reporting_id:
        raise TeamFileRejected("its outer label does not match its content (changed)")
    try:
        account = StaffAccount.model_validate(content["account"], context={"stored": True})
        sent_at = datetime.fromisoformat(str(content["sent_at"]))
        report_id = str(content["report_id"])
    except (ValidationError, ValueError, KeyError, TypeError) as exc:
        raise TeamFileRejected("its content is not a valid concern") from exc
    return Opened(report_id, receipt_code(report_id), outer.key_id, sent_at, account, hashlib.sha256(data).hexdigest())


# ---- acknowledgements -------------------------------------------------------------------------------------


def acknowledgement(receipt: str, received_at: datetime, key: ReportingKey) -> bytes:
    body = {"receipt": receipt, "received_at": received_at.isoformat(timespec="minutes"), "key_id": key.key_id}
    signature = SigningKey(bytes.fromhex(key.sign_private)).sign(_canonical(body)).signature.hex()
    return json.dumps({**body, "signature": signature}, indent=1).encode("utf-8")


def read_acknowledgement(data: bytes, config: StaffConfig, receipt: str) -> datetime | None:
    """The time the team took the concern in, if ``data`` is a genuine acknowledgement of ``receipt``."""
    try:
        raw = json.loads(data)
        signature = bytes.fromhex(raw.pop("signature"))
        if raw.get("receipt") != receipt:
            return None
        VerifyKey(bytes.fromhex(config.verify_key)).verify(_canonical(raw), signature)
        return datetime.fromisoformat(str(raw["received_at"]))
    except (ValueError, KeyError, TypeError, AttributeError, BadSignatureError, RecursionError):
        return None


# ---- the drop folder --------------------------------------------------------------------------------------


def reports_folder(drop: Path) -> Path:
    return drop / REPORTS


def acks_folder(drop: Path) -> Path:
    return drop / REPORTS / ACKS


def ack_path(drop: Path, receipt: str) -> Path:
    return acks_folder(drop) / f"{receipt}{ACK_SUFFIX}"


def drop_files(drop: Path) -> list[Path]:
    try:
        return sorted(
            p
            for p in reports_folder(drop).iterdir()
            if p.is_file() and not p.name.startswith(".") and not p.name.endswith(".tmp") and SUFFIX in p.name
        )
    except OSError:
        return []


def deliver(drop: Path, name: str, data: bytes) -> bool:
    """Put a sealed file into the drop folder (temporary name, then rename). False if the folder is not there."""
    if not drop.is_dir():
        return False
    try:
        reports_folder(drop).mkdir(exist_ok=True)
        write_private_file(reports_folder(drop) / name, data)
    except OSError:
        return False
    return True
