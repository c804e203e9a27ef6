"""MASH enquiries (referrals) and escalations."""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import Field, model_validator

from dslapp.models.base import ChildRecord, RequiredShortText, RequiredText, SavableStr, ShortText, Text, join_text


class ReferralStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    OUTCOME = "outcome"


class SentVia(StrEnum):
    ONLINE_FORM = "online_form"
    PHONE = "phone"
    EMAIL = "email"


class ReferralOutcome(StrEnum):
    NO_FURTHER_ACTION = "no_further_action"
    EARLY_HELP = "early_help"
    SINGLE_ASSESSMENT = "single_assessment"
    STRATEGY_S47 = "strategy_s47"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "no_further_action": "No further action",
            "early_help": "Early Help",
            "single_assessment": "Single assessment / CIN",
            "strategy_s47": "Strategy discussion / s47",
            "other": "Other",
        }[self.value]


class ParentConsent(StrEnum):
    """What the parents or carers were told about an enquiry and what they said, as recorded.

    Each case is its own value, so a refusal can never read as "not told" (issue 14): told and agreed; told and
    refused (the enquiry went ahead without consent, with why); told but consent not sought (with why); not
    told (with why: telling them could increase the risk).
    """

    TOLD_AGREED = "told_agreed"
    TOLD_REFUSED = "told_refused"
    TOLD_NOT_ASKED = "told_not_asked"
    NOT_TOLD = "not_told"

    @property
    def label(self) -> str:
        return CONSENT_LABELS[self]


CONSENT_LABELS = {
    ParentConsent.TOLD_AGREED: "Told, and agreed to the enquiry",
    ParentConsent.TOLD_REFUSED: "Told, and refused consent",
    ParentConsent.TOLD_NOT_ASKED: "Told; consent not sought",
    ParentConsent.NOT_TOLD: "Not told",
}

LEGACY_CONSENT_KEYS = ("parents_aware", "parents_agreed", "consent_not_sought_reason")
"""The consent fields of records saved before the cases were modelled apart (read by ``consent_from_legacy``)."""


def consent_from_legacy(aware: bool | None, agreed: bool | None, reason: str) -> dict[str, Any]:
    """The consent fields for an old record's ``parents_aware``, ``parents_agreed`` and its one reason, read
    as they were recorded: not aware → not told (the reason is why); aware and refused → told and refused (the
    reason is why the enquiry went ahead); aware, agreement unanswered → told, consent not sought; a reason
    that fits none of these is kept as a consent note, never dropped."""
    reason = (reason or "").strip()
    out: dict[str, Any] = {"consent": None, "not_told_reason": "", "without_consent_reason": "", "consent_notes": ""}
    if aware is False:
        out.update(consent=ParentConsent.NOT_TOLD, not_told_reason=reason)
    elif agreed is False:
        out.update(consent=ParentConsent.TOLD_REFUSED, without_consent_reason=reason)
    elif agreed is True:
        out.update(consent=ParentConsent.TOLD_AGREED, consent_notes=reason)
    elif aware is True:
        out.update(consent=ParentConsent.TOLD_NOT_ASKED, without_consent_reason=reason)
    else:
        out.update(consent_notes=reason)
    return out


def legacy_consent(
    consent: ParentConsent | None, reason_not_told: str, reason_without: str, notes: str
) -> tuple[bool | None, bool | None, str]:
    """The old (aware, agreed, reason) answers for a consent case: how an edit naming the old fields (an autosave
    kept from before the change) is applied on top of a record (``consent_from_legacy`` reads them back)."""
    if consent == ParentConsent.TOLD_AGREED:
        return True, True, notes
    if consent == ParentConsent.TOLD_REFUSED:
        return True, False, reason_without
    if consent == ParentConsent.TOLD_NOT_ASKED:
        return True, None, reason_without
    if consent == ParentConsent.NOT_TOLD:
        return False, None, reason_not_told
    return None, None, notes


class Referral(ChildRecord):
    """A MASH enquiry / Request for Support and what happened to it."""

    KIND = "referral"
    LABEL = "MASH enquiry"

    started_on: date
    request_type: ShortText = "MASH enquiry"
    form: dict[SavableStr, SavableStr] = Field(default_factory=dict, description="Section key → text of the enquiry.")
    consent: ParentConsent | None = Field(default=None, description="What the parents were told and said.")
    not_told_reason: Text = Field(default="", description="Why the parents were not told (consent: not_told).")
    without_consent_reason: Text = Field(
        default="", description="Why the enquiry went ahead without consent (told_refused or told_not_asked)."
    )
    consent_notes: Text = Field(default="", description="Anything else recorded about consent.")
    concern_ids: list[uuid.UUID] = Field(default_factory=list, description="The concerns behind this enquiry.")
    status: ReferralStatus = ReferralStatus.DRAFT
    sent_on: date | None = None
    sent_via: SentVia | None = None
    reference: ShortText = ""
    acknowledged_on: date | None = None
    outcome: ReferralOutcome | None = None
    outcome_on: date | None = None
    outcome_notes: Text = ""
    chase_on: date | None = None
    significant: bool = True

    @model_validator(mode="before")
    @classmethod
    def _legacy_consent(cls, data: Any) -> Any:
        """Records saved before the consent cases were modelled apart read as they were recorded."""
        if isinstance(data, dict) and any(k in data for k in LEGACY_CONSENT_KEYS):
            data = dict(data)
            aware = data.pop("parents_aware", None)
            agreed = data.pop("parents_agreed", None)
            reason = data.pop("consent_not_sought_reason", "")
            data.update(consent_from_legacy(aware, agreed, reason if isinstance(reason, str) else ""))
        return data

    @model_validator(mode="after")
    def _status_needs_dates(self) -> Referral:
        if self.status != ReferralStatus.DRAFT and self.sent_on is None:
            raise ValueError("sent_on: give the date the enquiry was sent")
        if self.status == ReferralStatus.OUTCOME and (self.outcome is None or self.outcome_on is None):
            raise ValueError("outcome: record the outcome and its date")
        if self.status != ReferralStatus.DRAFT and self.consent == ParentConsent.NOT_TOLD and not self.not_told_reason:
            raise ValueError("not_told_reason: say why parents were not told")
        return self

    @property
    def awaiting_outcome(self) -> bool:
        return self.status in (ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED)

    def occurred_on(self) -> date:
        return self.sent_on or self.started_on

    def search_text(self) -> str:
        return join_text(
            *self.form.values(),
            self.not_told_reason,
            self.without_consent_reason,
            self.consent_notes,
            self.outcome_notes,
            self.reference,
        )


class DisagreementType(StrEnum):
    THRESHOLD = "threshold"
    ROLES = "roles"
    INFORMATION_SHARING = "information_sharing"
    SERVICES = "services"
    PLAN_PROGRESS = "plan_progress"
    STEP_UP_DOWN_CLOSURE = "step_up_down_closure"


ESCALATION_STAGES = {
    1: "Stage 1: resolve it together",
    2: "Stage 2: manager to manager",
    3: "Stage 3: senior managers",
    4: "Stage 4: the safeguarding partnership",
}
"""Short names of the stages for records and documents; the school's own stage names, people and timescales
are guidance settings (``resources/guidance/practice.toml``, ``[[escalation.stages]]``)."""


class Escalation(ChildRecord):
    """A step under the Case Resolution Protocol: a disagreement raised, with whom, and the outcome."""

    KIND = "escalation"
    LABEL = "Escalation"

    raised_on: date
    disagreement: DisagreementType
    stage: int = Field(default=1, ge=1, le=4)
    with_whom: RequiredShortText
    summary: RequiredText
    respond_by: date | None = None
    outcome: Text = ""
    responded_on: date | None = Field(default=None, description="When they last responded at this stage.")
    resolved_on: date | None = None
    referral_id: SavableStr = ""
    follows_id: SavableStr = Field(default="", description="The earlier stage of the same disagreement.")
    significant: bool = True

    def occurred_on(self) -> date:
        return self.raised_on

    def search_text(self) -> str:
        return join_text(self.summary, self.outcome, self.with_whom)


class ConsentState(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    NOT_SOUGHT = "not_sought"
    NOT_NEEDED = "not_needed"


class SharingDecision(ChildRecord):
    """An information-sharing decision, recorded whether or not information was shared."""

    KIND = "sharing_decision"
    LABEL = "Information-sharing decision"

    decided_on: date
    what: RequiredText
    with_whom: RequiredShortText
    lawful_basis: ShortText = ""
    consent: ConsentState = ConsentState.NOT_SOUGHT
    reasons: RequiredText
    shared: bool

    def occurred_on(self) -> date:
        return self.decided_on

    def search_text(self) -> str:
        return join_text(self.what, self.with_whom, self.reasons)
