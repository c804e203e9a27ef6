"""Where a MASH enquiry has got to: sent, acknowledged, the outcome, and disagreeing with the outcome.

``mark_sent`` → ``mark_acknowledged`` (optional) → ``record_outcome``; ``disagree_with_outcome``
starts an escalation under the Case Resolution Protocol (``services.escalation``). Each step is an
amendment of the ``Referral`` with a dated reason, so it is audited and the earlier state is kept;
sent enquiries and outcomes appear in the chronology and in Today. An enquiry cannot be marked as sent
without the consent answers ``completeness.consent_problem`` asks for (``ConsentReasonNeeded``).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from dslapp.errors import ConsentReasonNeeded, InvalidRecord, ReferralStepNotAllowed
from dslapp.models import Escalation, Referral, ReferralOutcome, ReferralStatus
from dslapp.models.referral import DisagreementType, SentVia
from dslapp.services.escalation import escalate_referral_outcome
from dslapp.services.mash.common import dmy, enquiry_changes, vault_today
from dslapp.services.mash.completeness import consent_problem
from dslapp.services.mash.editing import pending_edits, update_enquiry
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.views.mash_enquiry import SENT_VIA_LABELS


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
) -> Saved[Referral]:
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
        referral = update_enquiry(store, referral.id).value
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
    return Saved(amended, enquiry_changes(amended))


def mark_acknowledged(
    store: RecordStore, referral_id: uuid.UUID | str, acknowledged_on: date, *, reference: str | None = None
) -> Saved[Referral]:
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
    return Saved(amended, enquiry_changes(amended))


def record_outcome(
    store: RecordStore,
    referral_id: uuid.UUID | str,
    outcome: ReferralOutcome,
    outcome_on: date,
    notes: str = "",
    *,
    reason: str | None = None,
) -> Saved[Referral]:
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
    return Saved(amended, enquiry_changes(amended))


def disagree_with_outcome(
    store: RecordStore,
    referral_id: uuid.UUID | str,
    *,
    summary: str,
    with_whom: str = "",
    raised_on: date | None = None,
    disagreement: DisagreementType = DisagreementType.THRESHOLD,
) -> Saved[Escalation]:
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
    result = escalate_referral_outcome(
        store, referral.id, raised_on, summary, disagreement=disagreement, with_whom=with_whom
    )
    return result.also(enquiry_changes(referral))


__all__ = ["SENT_VIA_LABELS", "disagree_with_outcome", "mark_acknowledged", "mark_sent", "record_outcome"]
