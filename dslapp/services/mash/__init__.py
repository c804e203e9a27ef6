"""The MASH enquiry: start it pre-filled from the case, edit it, check it, send it, track what happened.

Flow (DOMAIN.md, "A MASH enquiry"): ``start_enquiry`` saves a draft ``Referral`` pre-filled from the
child's file; the editor autosaves; ``completeness`` lists what is missing or thin, each gap naming its
field so the editor can jump to it; ``mark_sent`` → ``mark_acknowledged`` (optional) →
``record_outcome``; ``disagree_with_outcome`` starts an escalation under the Case Resolution Protocol.

Autosave (a design choice): keystroke-level autosaves go to ``services.drafts`` (encrypted in the vault,
committed at once, offered back after a lock or crash) under one draft per enquiry, and are applied to
the ``Referral`` as a single amendment ("Draft updated") when the DSL saves (``update_enquiry``), or
automatically just before the enquiry is marked as sent. Amending the record on every autosave would
bury the amendment history (each amendment keeps the full previous text) under hundreds of versions;
this way the history shows each deliberate save, and nothing typed is lost.

Consent: parents should normally be told and asked; where telling them could increase the risk (for
example suspected sexual abuse within the family, fabricated or induced illness, domestic abuse) they
need not be, but the reason must be recorded. A draft may be saved without the reason; an enquiry
cannot be marked as sent without it (``ConsentReasonNeeded``).

Every step is an amendment of the ``Referral`` with a dated reason, so it is audited (``amend``) and
the earlier state is kept; sent enquiries and outcomes appear in the chronology and in Today.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dslapp.errors import ConsentReasonNeeded, InvalidRecord, ReferralStepNotAllowed
from dslapp.models import Child, Escalation, Referral, ReferralOutcome, ReferralStatus
from dslapp.models.referral import DisagreementType, SentVia
from dslapp.services import drafts
from dslapp.services.changes import Changes
from dslapp.services.children import open_child_file
from dslapp.services.escalation import escalate_referral_outcome
from dslapp.services.mash.common import dmy, enquiry_changes, vault_today
from dslapp.services.mash.completeness import (
    Gap,
    GapKind,
    completeness,
    consent_problem,
    field_value,
    is_complete,
)
from dslapp.services.mash.form import CONSENT_FIELDS, EnquiryForm, current_enquiry_form
from dslapp.services.mash.prefill import MAX_TRIED, ROLE_NAMES, prefill_enquiry, role_name, suggested_answers
from dslapp.services.recording import record as record_new
from dslapp.store import RecordStore
from dslapp.text import quote_for_message

AUTOSAVE_KIND = "mash_enquiry"
DRAFT_UPDATED = "Draft updated"

SENT_VIA_LABELS = {SentVia.ONLINE_FORM: "online form", SentVia.PHONE: "phone", SentVia.EMAIL: "email"}


# ---- starting and editing ------------------------------------------------------------------------


def start_enquiry(
    store: RecordStore,
    child_id: uuid.UUID | str,
    *,
    started_on: date | None = None,
    form: EnquiryForm | None = None,
) -> tuple[Referral, Changes]:
    """Save a new draft MASH enquiry for the child, pre-filled from their file (``prefill_enquiry``,
    which includes the full Early Help history). Consent is left unanswered for the DSL.
    """
    form = form or current_enquiry_form()
    child = store.get_as(Child, child_id)
    today = vault_today(store)
    answers = prefill_enquiry(store, open_child_file(store, child.id, audit=False), today=today)
    referral, _ = record_new(
        store,
        Referral,
        child_id=child.id,
        started_on=started_on or today,
        request_type=form.request_type,
        form=answers,
        status=ReferralStatus.DRAFT,
    )
    return referral, enquiry_changes(referral)


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
    known = set(form.keys) | set(referral.form) | set(CONSENT_FIELDS)
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in known:
            raise InvalidRecord(f"MASH enquiry: there is no question called {quote_for_message(key)} on this form.")
        if key in ("parents_aware", "parents_agreed"):
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
    row = store.db.execute(
        "SELECT body FROM drafts WHERE id = ? AND kind = ?", (_draft_id(referral_id), AUTOSAVE_KIND)
    ).fetchone()
    if row is None:
        return {}
    data = json.loads(row[0])
    return dict(data) if isinstance(data, dict) else {}


def discard_pending_edits(store: RecordStore, referral_id: uuid.UUID | str) -> None:
    drafts.discard_draft(store, _draft_id(referral_id))


def _with_edits(referral: Referral, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The amendment (changed attributes) that applies ``fields`` to ``referral``."""
    changes: dict[str, Any] = {}
    form = dict(referral.form)
    for key, value in fields.items():
        if key in CONSENT_FIELDS:
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
) -> tuple[Referral, Changes]:
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
        return referral, Changes()
    if referral.status != ReferralStatus.DRAFT and not (reason and reason.strip()):
        raise InvalidRecord(
            "This enquiry has already been sent: say why you are changing it (the version that was sent is kept)."
        )
    with store.db.transaction():
        amended = store.amend(referral.id, changes, reason or DRAFT_UPDATED)
        discard_pending_edits(store, referral.id)
    assert isinstance(amended, Referral)
    return amended, enquiry_changes(amended)


# ---- status: sent, acknowledged, outcome ---------------------------------------------------------


def _check_date(store: RecordStore, day: date, what: str, *, not_before: date | None = None, after: str = "") -> None:
    if day > vault_today(store):
        raise InvalidRecord(f"MASH enquiry: the date {what} cannot be in the future.")
    if not_before is not None and day < not_before:
        raise InvalidRecord(f"MASH enquiry: the date {what} cannot be before {after} ({dmy(not_before)}).")


def _amend(store: RecordStore, referral: Referral, changes: dict[str, Any], reason: str) -> Referral:
    amended = store.amend(referral.id, changes, reason)
    assert isinstance(amended, Referral)
    return amended


def mark_sent(
    store: RecordStore,
    referral_id: uuid.UUID | str,
    sent_on: date,
    sent_via: SentVia,
    reference: str = "",
    *,
    chase_on: date | None = None,
) -> tuple[Referral, Changes]:
    """Record that the enquiry was sent: when, how (online form, phone, email) and the reference.

    Any autosaved answers are saved first ("Draft updated"). Refused (``ConsentReasonNeeded``) if the
    parents were not told, or consent was not sought or given, and no reason is recorded. Gaps in
    the rest of the form do not stop it: an urgent enquiry phoned through must still be recorded.
    """
    referral = store.get_as(Referral, referral_id)
    if referral.status != ReferralStatus.DRAFT:
        raise ReferralStepNotAllowed(f"This enquiry was already marked as sent on {dmy(referral.sent_on)}.")
    _check_date(store, sent_on, "it was sent")
    if pending_edits(store, referral.id):
        referral, _ = update_enquiry(store, referral.id)
    problem = consent_problem(referral)
    if problem:
        raise ConsentReasonNeeded(f"{problem} The enquiry has not been marked as sent.")
    via = SentVia(sent_via)
    reason = f"Sent to the MASH on {dmy(sent_on)} by {SENT_VIA_LABELS[via]}"
    reason += f" (reference {reference.strip()})." if reference.strip() else "."
    amended = _amend(
        store,
        referral,
        {
            "status": ReferralStatus.SENT.value,
            "sent_on": sent_on.isoformat(),
            "sent_via": via.value,
            "reference": reference.strip(),
            "chase_on": chase_on.isoformat() if chase_on else None,
        },
        reason,
    )
    return amended, enquiry_changes(amended)


def mark_acknowledged(
    store: RecordStore, referral_id: uuid.UUID | str, acknowledged_on: date, *, reference: str | None = None
) -> tuple[Referral, Changes]:
    """Record that the MASH acknowledged the enquiry (optionally giving its reference now)."""
    referral = store.get_as(Referral, referral_id)
    if referral.status == ReferralStatus.DRAFT or referral.sent_on is None:
        raise ReferralStepNotAllowed("This enquiry has not been sent yet: mark it as sent first.")
    if referral.status != ReferralStatus.SENT:
        raise ReferralStepNotAllowed("This enquiry has already been acknowledged or has an outcome.")
    _check_date(store, acknowledged_on, "it was acknowledged", not_before=referral.sent_on, after="it was sent")
    changes: dict[str, Any] = {
        "status": ReferralStatus.ACKNOWLEDGED.value,
        "acknowledged_on": acknowledged_on.isoformat(),
    }
    reason = f"Acknowledged by the MASH on {dmy(acknowledged_on)}"
    if reference is not None and reference.strip() and reference.strip() != referral.reference:
        changes["reference"] = reference.strip()
        reason += f" (reference {reference.strip()})"
    amended = _amend(store, referral, changes, reason + ".")
    return amended, enquiry_changes(amended)


def record_outcome(
    store: RecordStore,
    referral_id: uuid.UUID | str,
    outcome: ReferralOutcome,
    outcome_on: date,
    notes: str = "",
    *,
    reason: str | None = None,
) -> tuple[Referral, Changes]:
    """Record the MASH's decision and its date (with notes: who, what happens next).

    An outcome already recorded can be corrected only with a ``reason`` (the earlier one is kept).
    """
    referral = store.get_as(Referral, referral_id)
    if referral.status == ReferralStatus.DRAFT or referral.sent_on is None:
        raise ReferralStepNotAllowed("This enquiry has not been sent yet: mark it as sent first.")
    if referral.status == ReferralStatus.OUTCOME and not (reason and reason.strip()):
        raise ReferralStepNotAllowed(
            "This enquiry already has an outcome. To correct it, say why (the earlier outcome is kept)."
        )
    outcome = ReferralOutcome(outcome)
    _check_date(store, outcome_on, "of the outcome", not_before=referral.sent_on, after="the enquiry was sent")
    if outcome == ReferralOutcome.OTHER and not notes.strip():
        raise InvalidRecord("MASH enquiry: the outcome is 'Other', so say in the notes what was decided.")
    text = reason.strip() if reason and reason.strip() else f"Outcome recorded: {outcome.label} on {dmy(outcome_on)}."
    amended = _amend(
        store,
        referral,
        {
            "status": ReferralStatus.OUTCOME.value,
            "outcome": outcome.value,
            "outcome_on": outcome_on.isoformat(),
            "outcome_notes": notes.strip(),
        },
        text,
    )
    return amended, enquiry_changes(amended)


def disagree_with_outcome(
    store: RecordStore,
    referral_id: uuid.UUID | str,
    *,
    summary: str,
    with_whom: str = "",
    raised_on: date | None = None,
    disagreement: DisagreementType = DisagreementType.THRESHOLD,
) -> tuple[Escalation, Changes]:
    """Challenge the MASH's decision: start an escalation linked to the enquiry, through the escalation
    service (stage 1 of the Case Resolution Protocol; "with whom" and the respond-by date default to
    that stage's settings)."""
    referral = store.get_as(Referral, referral_id)
    if referral.outcome is None or referral.status != ReferralStatus.OUTCOME:
        raise ReferralStepNotAllowed("Record the MASH's decision first; then you can challenge it.")
    raised_on = raised_on or vault_today(store)
    _check_date(store, raised_on, "of the escalation", not_before=referral.outcome_on, after="the outcome")
    if not summary.strip():
        raise InvalidRecord("Escalation: say what you disagree with and why.")
    escalation, changes = escalate_referral_outcome(
        store, referral.id, raised_on, summary, disagreement=disagreement, with_whom=with_whom
    )
    return escalation, changes | enquiry_changes(referral)


__all__ = [
    "AUTOSAVE_KIND",
    "MAX_TRIED",
    "ROLE_NAMES",
    "EnquiryEditor",
    "Gap",
    "GapKind",
    "apply_edits",
    "autosave_enquiry",
    "completeness",
    "consent_problem",
    "disagree_with_outcome",
    "discard_pending_edits",
    "dmy",
    "field_value",
    "is_complete",
    "latest_enquiry",
    "mark_acknowledged",
    "mark_sent",
    "open_enquiry",
    "pending_edits",
    "prefill_enquiry",
    "record_outcome",
    "role_name",
    "start_enquiry",
    "suggested_answers",
    "update_enquiry",
]
