"""CP file transfers between schools (KCSIE: within 5 school days, receipt confirmed)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from dslapp.models.base import ChildRecord, OptionalName, RequiredShortText, ShortText, Text, join_text


class TransferDirection(StrEnum):
    OUTGOING = "outgoing"
    INCOMING = "incoming"


class Transfer(ChildRecord):
    KIND = "transfer"
    LABEL = "CP file transfer"

    direction: TransferDirection
    other_school: RequiredShortText
    other_dsl: OptionalName = ""
    sent_on: date | None = None
    method: ShortText = ""
    received_on: date | None = None
    receipt_by: OptionalName = ""
    receipt_code: ShortText = ""
    notes: Text = ""
    significant: bool = True

    @property
    def awaiting_receipt(self) -> bool:
        return self.direction == TransferDirection.OUTGOING and self.sent_on is not None and self.received_on is None

    def occurred_on(self) -> date | None:
        return self.sent_on or self.received_on

    def search_text(self) -> str:
        return join_text(self.other_school, self.other_dsl, self.notes)
