"""Staff mode's calls into the core (issue 19). No casebook is open on a staff computer: these are quick file
operations (seal, write one small file, read acknowledgements), run on the GUI thread."""

from __future__ import annotations

from typing import Any

from dslapp.services.staff_mode import Receipt, StaffMode, Submitted, account_from
from dslapp.team.staff_drop import StaffConfig

__all__ = ["Receipt", "StaffConfig", "StaffMode", "Submitted", "deliver_waiting", "receipts", "submit"]


def submit(mode: StaffMode, fields: dict[str, Any]) -> Submitted:
    """Seal and send (or keep sealed in the outbox). StaffConcernIncomplete says what is missing."""
    return mode.submit(account_from(fields))


def deliver_waiting(mode: StaffMode) -> int:
    return mode.deliver_waiting()


def receipts(mode: StaffMode) -> list[Receipt]:
    return mode.receipts()
