"""Small pieces every part of the MASH enquiry uses: dates as the DSL writes them, today by the vault's
clock, and what a saved enquiry changed."""

from __future__ import annotations

from datetime import date, datetime

from dslapp.models import Referral
from dslapp.services.changes import Changes
from dslapp.store import RecordStore


def dmy(day: date | datetime | None) -> str:
    """A date as the DSL writes it, dd/mm/yyyy ("" for none)."""
    return day.strftime("%d/%m/%Y") if day else ""


def vault_today(store: RecordStore) -> date:
    """Today's date, local time, by the vault's clock."""
    return store.vault.now().astimezone().date()


def enquiry_changes(referral: Referral) -> Changes:
    """What saving ``referral`` changed: that child's enquiries."""
    return Changes.of(Referral.KIND, child_id=str(referral.child_id))


__all__ = ["dmy", "enquiry_changes", "vault_today"]
