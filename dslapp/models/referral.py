"""MASH enquiries (referrals) and escalations."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

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


class Referral(ChildRecord):
    """A MASH enquiry / Request for Support and what happened to it."""

    KIND = "referral"
    LABEL = "MASH enquiry"

    started_on: date
    request_type: ShortText = "MASH enquiry"
    form: dict[SavableStr, SavableStr] = Field(default_factory=dict, description="Section key → text of the enquiry.")
    parents_aware: bool | None = None
    parents_agreed: bool | None = None
    consent_not_sought_reason: Text = ""
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

    @model_validator(mode="after")
    def _status_needs_dates(self) -> Referral:
        if self.status != ReferralStatus.DRAFT and self.sent_on is None:
            raise ValueError("sent_on: give the date the enquiry was sent")
        if self.status == ReferralStatus.OUTCOME and (self.outcome is None or self.outcome_on is None):
            raise ValueError("outcome: record the outcome and its date")
        if self.status != ReferralStatus.DRAFT and self.parents_aware is False and not self.consent_not_sought_reason:
            raise ValueError("consent_not_sought_reason: say why parents were not told")
        return self

    @property
    def awaiting_outcome(self) -> bool:
        return self.status in (ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED)

    def occurred_on(self) -> date:
        return self.sent_on or self.started_on

    def search_text(self) -> str:
        return join_text(*self.form.values(), self.outcome_notes, self.reference)


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
