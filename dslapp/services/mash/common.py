"""Small pieces every part of the MASH enquiry uses: today by the vault's clock, what a saved enquiry
changed, and ``dmy`` (the app's one date format, from ``dslapp.text``, re-exported because callers import
it from ``dslapp.services.mash``)."""

from __future__ import annotations

from datetime import date

from dslapp.models import Referral
from dslapp.services.changes import Changes
from dslapp.store import RecordStore
from dslapp.text import dmy


def vault_today(store: RecordStore) -> date:
    """Today's date, local time, by the vault's clock."""
    return store.vault.now().astimezone().date()


def enquiry_changes(referral: Referral) -> Changes:
    """What saving ``referral`` changed: that child's enquiries."""
    return Changes.of(Referral.KIND, child_id=str(referral.child_id))


__all__ = ["dmy", "enquiry_changes", "vault_today"]
