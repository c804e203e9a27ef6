"""Starting a MASH enquiry, opening it in the editor, autosaving and saving it.

``start_enquiry`` saves a new draft pre-filled from the child's file (``prefill.prefill_enquiry``);
``open_enquiry`` gives the editor the enquiry with any autosaved answers on top, and its gaps;
``update_enquiry`` saves the editor's answers as one amendment.

Autosave (a design choice): keystroke-level autosaves go to ``services.drafts`` (encrypted in the vault,
committed at once, offered back after a lock or crash) under one draft per enquiry, and are applied to
the ``Referral`` as a single amendment ("Draft updated") when the DSL saves (``update_enquiry``), or
automatically just before the enquiry is marked as sent (``status.mark_sent``). Amending the record on
every autosave would bury the amendment history (each amendment keeps the full previous text) under
hundreds of versions; this way the history shows each deliberate save, and nothing typed is lost.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dslapp.errors import InvalidRecord
from dslapp.models import Child, Referral, ReferralStatus
from dslapp.models.referral import LEGACY_CONSENT_KEYS, ParentConsent, consent_from_legacy, legacy_consent
from dslapp.services import drafts
from dslapp.services.changes import Changes
from dslapp.services.children import open_child_file
from dslapp.services.mash.common import enquiry_changes, vault_today
from dslapp.services.mash.completeness import Gap, completeness, field_value
from dslapp.services.mash.form import CONSENT_FIELDS, EnquiryForm, current_enquiry_form
from dslapp.services.mash.prefill import prefill_enquiry
from dslapp.services.recording import record as record_new
from dslapp.services.results import Saved
from dslapp.store import RecordStore, queries
from dslapp.text import quote_for_message
from dslapp.views.links import concerns_behind

AUTOSAVE_KIND = "mash_enquiry"
DRAFT_UPDATED = "Draft updated"


def start_enquiry(
    store: RecordStore,
    child_id: uuid.UUID | str,
    *,
    started_on: date | None = None,
    form: EnquiryForm | None = None,
) -> Saved[Referral]:
    """Save a new draft MASH enquiry for the child, pre-filled from their file (``prefill_enquiry``,
    which includes the full Early Help history), naming the concerns behind it (``concerns_behind``: those
    the DSL decided to refer that no earlier referral names). Consent is left unanswered for the DSL.
    """
    form = form or current_enquiry_form()
    child = store.get_as(Child, child_id)
    today = vault_today(store)
    child_file = open_child_file(store, child.id, audit=False)
    answers = prefill_enquiry(store, child_file, today=today)
    referral = record_new(
        store,
        Referral,
        child_id=child.id,
        started_on=started_on or today,
        request_type=form.request_type,
        form=answers,
        status=ReferralStatus.DRAFT,
        concern_ids=concerns_behind(child_file.records()),
    ).value
    return Saved(referral, enquiry_changes(referral))


def latest_enquiry(store: RecordStore, child_id: uuid.UUID | str) -> Referral | None:
    """The child's most recently started enquiry (draft or sent), or None."""
    referrals: list[Referral] = store.for_child(child_id, Referral)
    if not referrals:
        return None
    return max(referrals, key=lambda r: (r.started_on, r.created_at))


def _draft_id(referral_id: uuid.UUID | str) -> str:
    return f"{AUTOSAVE_KIND}:{referral_id}"


def _clean(fields: Mapping[str, Any], form: EnquiryForm, referral: Referral) -> dict[str, Any]:
    """Check the keys and types of edited answers."""
    known = set(form.keys) | set(referral.form) | set(CONSENT_FIELDS) | set(LEGACY_CONSENT_KEYS)
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in known:
            raise InvalidRecord(f"MASH enquiry: there is no question called {quote_for_message(key)} on this form.")
        if key == "consent":
            if value is not None and value not in {c.value for c in ParentConsent}:
                raise InvalidRecord("MASH enquiry: choose what the parents were told and said, or leave it unanswered.")
            out[key] = None if value is None else str(value)
        elif key in ("parents_aware", "parents_agreed"):  # an autosave kept from before the consent cases
            if value is not None and not isinstance(value, bool):
                raise InvalidRecord(f"MASH enquiry: {key.replace('_', ' ')} must be yes, no or not answered.")
            out[key] = value
        else:
            if value is None:
                value = ""
            if not isinstance(value, str):
                raise InvalidRecord(f"MASH enquiry: the answer to {quote_for_message(key)} must be text.")
            out[key] = value
    return out


def autosave_enquiry(
    store: RecordStore, referral_id: uuid.UUID | str, fields: Mapping[str, Any], *, form: EnquiryForm | None = None
) -> None:
    """Keep the editor's unsaved answers (encrypted, committed at once) until the DSL saves.

    Later autosaves add to earlier ones; ``update_enquiry`` applies them all as one amendment.
    """
    referral = store.get_as(Referral, referral_id)
    cleaned = _clean(fields, form or current_enquiry_form(), referral)
    pending = pending_edits(store, referral_id)
    pending.update(cleaned)
    drafts.save_draft(store, AUTOSAVE_KIND, pending, child_id=str(referral.child_id), draft_id=_draft_id(referral.id))


def pending_edits(store: RecordStore, referral_id: uuid.UUID | str) -> dict[str, Any]:
    """Autosaved answers not yet saved to the enquiry (empty if none)."""
    body = queries.draft_body(store.db, _draft_id(referral_id), AUTOSAVE_KIND)
    if body is None:
        return {}
    data = json.loads(body)
    return dict(data) if isinstance(data, dict) else {}


def discard_pending_edits(store: RecordStore, referral_id: uuid.UUID | str) -> None:
    drafts.discard_draft(store, _draft_id(referral_id))


def _with_edits(referral: Referral, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The amendment (changed attributes) that applies ``fields`` to ``referral``."""
    changes: dict[str, Any] = {}
    form = dict(referral.form)
    fields = _without_legacy_keys(referral, fields)
    for key, value in fields.items():
        if key == "consent":
            changes[key] = ParentConsent(value) if value else None
        elif key in CONSENT_FIELDS or key == "consent_notes":
            changes[key] = value.strip() if isinstance(value, str) else value
        else:
            text = str(value).strip()
            if text:
                form[key] = text
            else:
                form.pop(key, None)
    if form != referral.form:
        changes["form"] = form
    return {k: v for k, v in changes.items() if k == "form" or getattr(referral, k) != v}


def _without_legacy_keys(referral: Referral, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Edits naming the old consent fields (``parents_aware``...), read on top of the record as it is."""
    out = {k: v for k, v in fields.items() if k not in LEGACY_CONSENT_KEYS}
    if len(out) == len(fields):
        return out
    aware, agreed, reason = legacy_consent(
        referral.consent, referral.not_told_reason, referral.without_consent_reason, referral.consent_notes
    )
    aware = fields.get("parents_aware", aware)
    agreed = fields.get("parents_agreed", agreed)
    reason = str(fields.get("consent_not_sought_reason", reason) or "")
    mapped = consent_from_legacy(aware, agreed, reason)
    notes = mapped.pop("consent_notes")
    if notes:
        mapped["consent_notes"] = notes
    mapped["consent"] = mapped["consent"].value if mapped["consent"] is not None else None
    return {**mapped, **out}


def apply_edits(referral: Referral, fields: Mapping[str, Any]) -> Referral:
    """``referral`` as it would be with ``fields`` applied (not saved; for previews and checks)."""
    return referral.model_copy(update=_with_edits(referral, fields))


@dataclass(frozen=True)
class EnquiryEditor:
    """What the editor shows: the enquiry with any autosaved answers applied, and its gaps."""

    referral: Referral
    form: EnquiryForm
    unsaved: dict[str, Any] = field(default_factory=dict)
    gaps: tuple[Gap, ...] = ()

    def value(self, key: str) -> str:
        return field_value(self.referral, key)


def open_enquiry(store: RecordStore, referral_id: uuid.UUID | str, *, form: EnquiryForm | None = None) -> EnquiryEditor:
    """The enquiry for editing: saved answers, autosaved ones on top, and what is missing or thin."""
    form = form or current_enquiry_form()
    referral = store.get_as(Referral, referral_id)
    unsaved = pending_edits(store, referral.id)
    shown = apply_edits(referral, unsaved) if unsaved else referral
    child_file = open_child_file(store, referral.child_id, audit=False)
    return EnquiryEditor(shown, form, unsaved, tuple(completeness(shown, child_file, form=form)))


def update_enquiry(
    store: RecordStore,
    referral_id: uuid.UUID | str,
    fields: Mapping[str, Any] | None = None,
    *,
    reason: str | None = None,
    form: EnquiryForm | None = None,
) -> Saved[Referral]:
    """Save the editor's answers (``fields`` on top of any autosaved ones) as one amendment.

    While the enquiry is a draft the reason defaults to "Draft updated". Once it has been sent, a
    change needs the DSL's reason (the sent version is kept in the amendment history).
    """
    referral = store.get_as(Referral, referral_id)
    edits = pending_edits(store, referral.id)
    if fields:
        edits.update(_clean(fields, form or current_enquiry_form(), referral))
    changes = _with_edits(referral, edits)
    if not changes:
        discard_pending_edits(store, referral.id)
        return Saved(referral, Changes())
    if referral.status != ReferralStatus.DRAFT and not (reason and reason.strip()):
        raise InvalidRecord(
            "This enquiry has already been sent: say why you are changing it (the version that was sent is kept)."
        )
    with store.db.transaction():
        amended = store.amend(referral.id, changes, reason or DRAFT_UPDATED)
        discard_pending_edits(store, referral.id)
    assert isinstance(amended, Referral)
    return Saved(amended, enquiry_changes(amended))


__all__ = [
    "AUTOSAVE_KIND",
    "DRAFT_UPDATED",
    "EnquiryEditor",
    "apply_edits",
    "autosave_enquiry",
    "discard_pending_edits",
    "latest_enquiry",
    "open_enquiry",
    "pending_edits",
    "start_enquiry",
    "update_enquiry",
]
