"""Attachments: originals and documents (a scanned concern form, a letter, conference minutes, another agency's
report) kept in the child's file. The record holds what the file is; its bytes are kept in the vault beside
it (``store.attachments``), never as a loose file."""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum

from pydantic import Field

from dslapp.models.base import ChildRecord, ShortText, Text, join_text


class MediaType(StrEnum):
    PDF = "application/pdf"
    PNG = "image/png"
    JPEG = "image/jpeg"
    HEIC = "image/heic"

    @property
    def label(self) -> str:
        return MEDIA_LABELS[self]

    @property
    def is_image(self) -> bool:
        return self is not MediaType.PDF


MEDIA_LABELS = {
    MediaType.PDF: "PDF document",
    MediaType.PNG: "PNG image",
    MediaType.JPEG: "JPEG photo or scan",
    MediaType.HEIC: "HEIC photo",
}

SHA256_PATTERN = r"^[0-9a-f]{64}$"


class Attachment(ChildRecord):
    """A file attached to a child's record, or to one of their records (a concern, a review, a referral).

    ``file_name`` is what the file was called where it came from: shown, never used as a path. The bytes kept
    are hashed in ``stored_sha256``; when location details were taken out of a photo, ``original_sha256`` is the
    hash of the file as it was given (the two differ, and ``changes_made`` says what was changed).
    A wrong attachment is withdrawn by an amendment with a reason: its bytes stay, for the evidence trail.
    """

    KIND = "attachment"
    LABEL = "Attachment"

    attached_to: uuid.UUID | None = Field(
        default=None, description="The concern, review or referral it belongs to; none for the child's own file."
    )
    original_of: bool = Field(default=False, description="The original of that record (e.g. a scanned concern form).")
    title: ShortText = ""
    file_name: ShortText = ""
    media_type: MediaType
    size: int = Field(ge=0)
    stored_sha256: str = Field(pattern=SHA256_PATTERN)
    original_sha256: str = Field(pattern=SHA256_PATTERN)
    changes_made: Text = ""
    attached_on: date
    withdrawn: bool = False
    withdrawn_reason: Text = ""
    in_referral_pack: bool = False
    in_transfer_pack: bool = True

    def occurred_on(self) -> date | None:
        return self.attached_on

    def search_text(self) -> str:
        return join_text(self.title, self.file_name)

    @property
    def shown_name(self) -> str:
        return self.title or self.file_name or self.media_type.label
