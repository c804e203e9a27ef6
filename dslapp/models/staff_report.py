"""Concerns from staff (issue 19): what a member of staff reported, sealed on their computer, as the team took it in;
the DSL's triage of it; and the team's reporting key that opens them.

The staff member's account (:class:`StaffAccount`) is kept exactly as sent: a :class:`StaffReport` is never
amended. What the DSL decides about it (which child, a concern recorded from it) is a separate
:class:`StaffReportTriage` record, and the concern the DSL records links back through ``from_staff_report``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from pydantic import Field

from dslapp.models.base import (
    Model,
    Name,
    PastDateTime,
    Record,
    RequiredShortText,
    RequiredText,
    SavableStr,
    ShortText,
    Text,
    join_text,
)
from dslapp.models.concern import MAX_BODY_MARKS, BodyMark


class StaffAccount(Model):
    """What a member of staff gives in staff mode: exactly these fields, and nothing about other children."""

    reporter_name: Name
    reporter_role: ShortText = ""
    child_name: Name
    year_group: ShortText = ""
    date_of_birth: date | None = None
    observed_at: datetime
    where: ShortText = ""
    what_happened: RequiredText = Field(description="What they saw or heard: facts, not opinion.")
    child_words: Text = Field(default="", description="The child's own words, exactly as said.")
    action_taken: Text = Field(default="", description="What the member of staff did.")
    told_others: Text = Field(default="", description="Who else they told.")
    urgent: bool = Field(default=False, description="They think the child may be at risk of harm today.")
    body_map: list[BodyMark] = Field(default_factory=list, max_length=MAX_BODY_MARKS)
    """Marks placed on the body map, exactly as the concern form's body map records them."""


class ReportingKey(Record):
    """The team's reporting key pair. Its private half lives only in the team's casebooks (it travels to every
    member inside the team's encrypted change files, like any record); staff computers hold the public half.
    A new key (rotation) is one more record: concerns sealed to an older key still open."""

    KIND = "reporting_key"
    LABEL = "Reporting key"

    key_id: RequiredShortText
    reporting_id: RequiredShortText = Field(description="The school's reporting id, kept across rotations.")
    box_private: RequiredShortText
    sign_private: RequiredShortText
    staff_secret: RequiredShortText = Field(description="Authenticates reports as made with this school's config.")
    created_on: date


class StaffReport(Record):
    """A concern a member of staff sent, as taken in: the account exactly as sent. Never amended."""

    KIND = "staff_report"
    LABEL = "Concern from staff"
    IMMUTABLE: ClassVar[bool] = True

    report_id: RequiredShortText
    receipt: RequiredShortText
    key_id: RequiredShortText
    sent_at: datetime
    received_at: datetime
    sealed_sha256: RequiredShortText
    account: StaffAccount

    def occurred_on(self) -> date:
        return self.sent_at.date()

    def search_text(self) -> str:
        a = self.account
        return join_text(a.child_name, a.where, a.what_happened, a.child_words, a.action_taken, a.told_others)


class TriageOutcome(StrEnum):
    MATCHED = "matched"
    NEW_CHILD = "new_child"
    UNMATCHED = "unmatched"

    @property
    def label(self) -> str:
        return TRIAGE_LABELS[self]


TRIAGE_LABELS = {
    TriageOutcome.MATCHED: "Matched to a child on the caseload",
    TriageOutcome.NEW_CHILD: "A new child added to the caseload",
    TriageOutcome.UNMATCHED: "Kept unmatched while the child's identity is confirmed",
}


class StaffReportTriage(Record):
    """The DSL's triage of a concern from staff: which child it is about and what they decided. The newest triage
    of a report is in force; earlier ones stay as the history of the decision."""

    KIND = "staff_report_triage"
    LABEL = "Triage of a concern from staff"

    staff_report_id: SavableStr
    outcome: TriageOutcome
    child_id: uuid.UUID | None = None
    concern_id: SavableStr = ""
    decision: Text = Field(default="", description="The DSL's decision and reasons.")
    decided_at: PastDateTime
    decided_by: RequiredShortText

    def occurred_on(self) -> date:
        return self.decided_at.date()

    def search_text(self) -> str:
        return self.decision
