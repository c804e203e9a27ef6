"""Attaching originals and documents to a child's file: sealed in the vault, hashed, never deleted.

A file is accepted by what its bytes are (PDF, PNG, JPEG or HEIC), never by its name, which is kept only to be
shown. Location details are taken out of photos before they are kept, without re-encoding the picture (only
the metadata blocks are rewritten): the hash of the file as given and of the file as kept are both recorded,
and the audit row of the attachment names the hash kept. A wrong attachment is withdrawn by an amendment with
a reason; its bytes stay in the vault for the evidence trail until the child's file is disposed of.
"""

from __future__ import annotations

import hashlib
import io
import struct
import uuid
import zlib
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image

from dslapp.errors import AttachmentRefused, InvalidRecord, RecordNotFound
from dslapp.models import Attachment, Child, Concern, EarlyHelpReview, MediaType, Record, Referral
from dslapp.services import concerns
from dslapp.services.bundle import read_input_file, write_user_file
from dslapp.services.changes import Changes
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.store import attachments as files
from dslapp.store.records import validate
from dslapp.text import quote_for_message
from dslapp.vault import keys
from dslapp.vault.audit import Action as Audit
from dslapp.views.links import describe

MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
"""The largest file that can be attached (a long scanned report at a good resolution fits)."""

ATTACHABLE_TO: tuple[type[Record], ...] = (Concern, EarlyHelpReview, Referral)
"""The records a file can belong to (otherwise it belongs to the child's file itself)."""

_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_GPS_IFD = 0x8825
_EXIF_HEADER = b"Exif\x00\x00"
_XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

LOCATION_REMOVED = "Location details (GPS) were taken out of the photo before it was kept; the picture is unchanged."
HEIC_NOT_CHECKED = (
    "Kept exactly as given: this app cannot read inside HEIC photos, so it could not take out location details "
    "or show the photo. Export it to view it in another program."
)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def media_type_of(data: bytes) -> MediaType | None:
    """What the bytes are (by their first bytes, never the file's name), or None if not a kind kept here."""
    if data.startswith(b"%PDF-"):
        return MediaType.PDF
    if data.startswith(_PNG_SIGNATURE):
        return MediaType.PNG
    if data.startswith(b"\xff\xd8\xff"):
        return MediaType.JPEG
    if len(data) >= 12 and data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return MediaType.HEIC
    return None


def _refuse_unreadable(data: bytes, media: MediaType) -> None:
    """Images are checked to open: a damaged or disguised file is refused now, not found out when viewed."""
    if media in (MediaType.PNG, MediaType.JPEG):
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
        except Exception as exc:  # Pillow raises many kinds for a damaged image
            raise AttachmentRefused(
                f"This {media.label} could not be read: it may be damaged. Nothing was attached."
            ) from exc


def _exif_without_location(payload: bytes) -> bytes | None:
    """An EXIF block (starting ``Exif\\0\\0``) without its GPS part; None if it had none."""
    exif = Image.Exif()
    exif.load(payload)
    if _GPS_IFD not in exif:
        return None
    del exif[_GPS_IFD]
    return bytes(exif.tobytes())


def _jpeg_without_location(data: bytes) -> bytes:
    """Rewrite the metadata segments before the picture data; the compressed picture is copied untouched."""
    out = bytearray(data[:2])
    pos = 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker == 0xDA or not (0xC0 <= marker <= 0xFE):  # start of scan (or something odd): copy the rest
            break
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        segment = data[pos : pos + 2 + length]
        payload = segment[4:]
        if marker == 0xE1 and payload.startswith(_EXIF_HEADER):
            cleaned = _exif_without_location(payload)
            if cleaned is not None:
                segment = b"\xff\xe1" + struct.pack(">H", len(cleaned) + 2) + cleaned
        elif marker == 0xE1 and payload.startswith(_XMP_HEADER) and b"GPS" in payload:
            segment = b""  # XMP carrying location: left out (it holds nothing the file needs)
        out += segment
        pos += 2 + length
    out += data[pos:]
    return bytes(out)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def _png_without_location(data: bytes) -> bytes:
    """Rewrite an eXIf chunk without GPS, and leave out XMP text carrying location; image chunks untouched."""
    out = bytearray(_PNG_SIGNATURE)
    pos = len(_PNG_SIGNATURE)
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        chunk = data[pos : pos + 12 + length]
        if kind == b"eXIf":
            cleaned = _exif_without_location(_EXIF_HEADER + body)
            if cleaned is not None:
                chunk = _png_chunk(kind, cleaned[len(_EXIF_HEADER) :])
        elif kind in (b"iTXt", b"tEXt", b"zTXt") and body.startswith(b"XML:com.adobe.xmp") and b"GPS" in body:
            chunk = b""
        out += chunk
        pos += 12 + length
    out += data[pos:]
    return bytes(out)


def without_location(data: bytes, media: MediaType) -> tuple[bytes, str]:
    """The file to keep, and what was changed in it (empty: kept exactly as given)."""
    if media is MediaType.JPEG:
        kept = _jpeg_without_location(data)
    elif media is MediaType.PNG:
        kept = _png_without_location(data)
    elif media is MediaType.HEIC:
        return data, HEIC_NOT_CHECKED
    else:
        return data, ""
    return kept, ("" if kept == data else LOCATION_REMOVED)


def _check_attached_to(store: RecordStore, child: Child, record_id: uuid.UUID | str | None) -> uuid.UUID | None:
    if record_id is None or str(record_id) == "":
        return None
    try:
        target = store.get(record_id)
    except RecordNotFound as exc:
        raise RecordNotFound("The record to attach this file to was not found in this casebook.") from exc
    if not isinstance(target, Concern | EarlyHelpReview | Referral) or str(target.child_id) != str(child.id):
        raise InvalidRecord(
            f"A file can be attached to one of {child.display_name}'s concerns, Early Help reviews or referrals, "
            "or to their file itself."
        )
    return target.id


def attach_file(
    store: RecordStore,
    child_id: uuid.UUID | str,
    data: bytes,
    *,
    file_name: str = "",
    to: uuid.UUID | str | None = None,
    title: str = "",
    original_of: bool = False,
) -> Saved[Attachment]:
    """Keep ``data`` in the vault as an attachment of the child (or of one of their records), in one transaction
    with its record and the audit row naming its SHA-256. Refuses (AttachmentRefused) a file over 25 MB or not
    a PDF, PNG, JPEG or HEIC by its content."""
    child = store.get_as(Child, child_id)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise AttachmentRefused(
            f"This file is {len(data) / 1024 / 1024:.1f} MB; the largest that can be attached is "
            f"{MAX_ATTACHMENT_BYTES // 1024 // 1024} MB. Nothing was attached. A scanner's lower resolution "
            "or a PDF of fewer pages will fit."
        )
    media = media_type_of(data)
    if media is None:
        shown = quote_for_message(file_name, 80) if file_name else "This file"
        raise AttachmentRefused(
            f"{shown} is not a PDF, PNG, JPEG or HEIC file, so it was not attached (the app looks at what a file "
            "holds, not its name). Save it as a PDF first, for example by printing it to PDF."
        )
    _refuse_unreadable(data, media)
    attached_to = _check_attached_to(store, child, to)
    kept, changes_made = without_location(data, media)
    original_hash, kept_hash = sha256(data), sha256(kept)
    attachment = validate(
        Attachment,
        {
            "child_id": str(child.id),
            "attached_to": str(attached_to) if attached_to else None,
            "original_of": bool(original_of and attached_to),
            "title": title,
            "file_name": _shown_file_name(file_name),
            "media_type": media.value,
            "size": len(kept),
            "stored_sha256": kept_hash,
            "original_sha256": original_hash,
            "changes_made": changes_made,
            "attached_on": store.vault.now().astimezone().date().isoformat(),
        },
    )
    detail = f"attachment sha256 {kept_hash}"
    if original_hash != kept_hash:
        detail += f" (as given {original_hash}; location taken out)"
    with store.db.transaction():
        files.add_file(store.db, str(attachment.id), str(child.id), kept_hash, kept)
        saved = store.add(attachment, detail=detail)
    return Saved(saved, Changes.of(Attachment.KIND, child_id=str(child.id)))


def _shown_file_name(name: str) -> str:
    """The last part of a name, on one line: metadata to show, never a path to use."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in base if ch.isprintable())[:300]


def attach_path(
    store: RecordStore,
    child_id: uuid.UUID | str,
    path: Path,
    *,
    to: uuid.UUID | str | None = None,
    title: str = "",
    original_of: bool = False,
) -> Saved[Attachment]:
    """:func:`attach_file` with the bytes of a file the user chose (refused unread if over 25 MB)."""
    from_disk = read_attachment_file(path)
    return attach_file(store, child_id, from_disk, file_name=path.name, to=to, title=title, original_of=original_of)


def read_attachment_file(path: Path) -> bytes:
    """The bytes of a file to attach; AttachmentRefused (unread) when it is over the limit."""
    data = read_input_file(path, MAX_ATTACHMENT_BYTES, "a file to attach")
    if data is None:
        raise AttachmentRefused(
            f"{quote_for_message(path.name, 80)} is larger than {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB, the "
            "largest file that can be attached. Nothing was attached."
        )
    return data


ORIGINAL_TITLE = "Original concern form"


def save_concern_with_original(
    store: RecordStore,
    original: Path,
    *,
    on: date | None = None,
    actions: Sequence[Mapping[str, Any]] = (),
    draft_id: str | None = None,
    **fields: Any,
) -> Saved[Concern]:
    """Record a concern typed from a paper form, with the scan (or photo) of that form attached as its original,
    in one transaction: both are saved, or (the file refused, the concern invalid) neither."""
    data = read_attachment_file(original)  # refused before anything is written
    with store.db.transaction():
        saved = (
            concerns.save_concern(store, actions=actions, draft_id=draft_id, **fields)
            if on is None
            else concerns.save_concern_with_cards(store, on=on, actions=actions, draft_id=draft_id, **fields)
        )
        concern = saved.value
        attached = attach_file(
            store,
            concern.child_id,
            data,
            file_name=original.name,
            to=concern.id,
            title=ORIGINAL_TITLE,
            original_of=True,
        )
    return saved.also(attached.changes)


def describe_record(record: Record) -> str:
    """The record an attachment belongs to, as a link names it ("Concern of 02/03/2026")."""
    text = describe(record)
    return text[:1].upper() + text[1:]


def attachment_targets(records: Sequence[Record]) -> list[tuple[str, str]]:
    """(id, label) of the records among ``records`` a file can be attached to, newest first."""
    chosen = [r for r in records if isinstance(r, Concern | EarlyHelpReview | Referral)]
    chosen.sort(key=lambda r: (r.occurred_on() or r.created_at.date(), r.created_at), reverse=True)
    return [(str(r.id), describe_record(r)) for r in chosen]


def concerns_of(store: RecordStore, child_id: uuid.UUID | str) -> list[Concern]:
    """The child's concerns, oldest first (what a file can be attached to as the original)."""
    return store.for_child(child_id, Concern)


def attachments_of(store: RecordStore, child_id: uuid.UUID | str) -> list[Attachment]:
    """The child's attachments, oldest first (withdrawn ones included, marked)."""
    return store.for_child(child_id, Attachment)


def attachment_bytes(store: RecordStore, attachment_id: uuid.UUID | str) -> tuple[Attachment, bytes]:
    """An attachment and its file's bytes, checked against the hash recorded when it was kept. Audited as a
    view."""
    attachment = store.get_as(Attachment, attachment_id)
    data = _checked_bytes(store, attachment)
    store.vault.audit(Audit.VIEW, str(attachment.id), f"attachment sha256 {attachment.stored_sha256}")
    return attachment, data


def _checked_bytes(store: RecordStore, attachment: Attachment) -> bytes:
    found = files.file_bytes(store.db, str(attachment.id))
    if found is None or sha256(found[1]) != attachment.stored_sha256 or found[0] != attachment.stored_sha256:
        raise AttachmentRefused(
            f"The file of {quote_for_message(attachment.shown_name, 80)} does not match the hash recorded when it "
            "was attached, so it is not shown. Check the casebook (Settings, Check) and speak to your IT support."
        )
    return found[1]


def files_for(store: RecordStore, attachments: list[Attachment]) -> dict[str, bytes]:
    """The checked bytes of several attachments by id, for a pack or bundle being built (audited by its export)."""
    return {str(a.id): _checked_bytes(store, a) for a in attachments}


def withdraw_attachment(store: RecordStore, attachment_id: uuid.UUID | str, reason: str) -> Saved[Attachment]:
    """Mark an attachment withdrawn (attached in error, to the wrong child or record), keeping ``reason``. The
    file stays in the vault for the evidence trail and is left out of packs."""
    if not reason.strip():
        raise InvalidRecord("Say why this attachment is being withdrawn: the file is kept with your reason.")
    current = store.get_as(Attachment, attachment_id)
    if current.withdrawn:
        raise InvalidRecord("This attachment has already been withdrawn.")
    amended = store.amend(
        current.id,
        {"withdrawn": True, "withdrawn_reason": reason.strip(), "in_referral_pack": False, "in_transfer_pack": False},
        reason,
    )
    assert isinstance(amended, Attachment)
    return Saved(amended, Changes.of(Attachment.KIND, child_id=str(amended.child_id)))


def choose_for_packs(
    store: RecordStore,
    attachment_id: uuid.UUID | str,
    *,
    referral_pack: bool | None = None,
    transfer_pack: bool | None = None,
) -> Saved[Attachment]:
    """Tick or untick an attachment for the referral pack and the transfer pack (an amendment, so the history
    shows who chose what to share, and when)."""
    current = store.get_as(Attachment, attachment_id)
    changes: dict[str, bool] = {}
    if referral_pack is not None and referral_pack != current.in_referral_pack:
        changes["in_referral_pack"] = referral_pack
    if transfer_pack is not None and transfer_pack != current.in_transfer_pack:
        changes["in_transfer_pack"] = transfer_pack
    if not changes:
        return Saved(current, Changes())
    if current.withdrawn and any(changes.values()):
        raise InvalidRecord("A withdrawn attachment is not shared in any pack.")
    parts = []
    if "in_referral_pack" in changes:
        parts.append(("included in" if changes["in_referral_pack"] else "left out of") + " the referral pack")
    if "in_transfer_pack" in changes:
        parts.append(("included in" if changes["in_transfer_pack"] else "left out of") + " the transfer pack")
    amended = store.amend(current.id, dict(changes), "Chosen to be " + " and ".join(parts) + ".")
    assert isinstance(amended, Attachment)
    return Saved(amended, Changes.of(Attachment.KIND, child_id=str(amended.child_id)))


def export_attachment(store: RecordStore, attachment_id: uuid.UUID | str, out: Path, passphrase: str) -> Attachment:
    """Write one attachment's file to ``out``, unencrypted, after the signed-in user's passphrase is typed again
    (WrongPassphrase: nothing written). Audited with its hash."""
    keys.unwrap_with_passphrase(store.vault.keyfile, passphrase, store.vault.user.id)
    attachment = store.get_as(Attachment, attachment_id)
    data = _checked_bytes(store, attachment)
    write_user_file(out, data)
    store.vault.audit(Audit.EXPORT, str(attachment.id), f"attachment sha256 {attachment.stored_sha256}")
    return attachment
