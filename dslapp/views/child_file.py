"""A child's whole CP file: every record about them, grouped by kind (read by ``services.children``)."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from dslapp.models import (
    Action,
    AlertAcknowledgement,
    Attachment,
    Child,
    ChildLink,
    ChronologyEntry,
    Concern,
    CourtOrder,
    EarlyHelpPlan,
    EarlyHelpReview,
    EncompassNotice,
    Escalation,
    Person,
    Professional,
    Record,
    Referral,
    SharingDecision,
    StatusChange,
    StatutoryRecord,
    ThresholdDecision,
    Transfer,
)


@dataclass
class ChildFile:
    """Everything recorded about one child, grouped by kind (the CP file)."""

    child: Child
    people: list[Person] = field(default_factory=list)
    professionals: list[Professional] = field(default_factory=list)
    court_orders: list[CourtOrder] = field(default_factory=list)
    statutory_records: list[StatutoryRecord] = field(default_factory=list)
    concerns: list[Concern] = field(default_factory=list)
    child_links: list[ChildLink] = field(default_factory=list)
    encompass_notices: list[EncompassNotice] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    chronology: list[ChronologyEntry] = field(default_factory=list)
    early_help_plans: list[EarlyHelpPlan] = field(default_factory=list)
    early_help_reviews: list[EarlyHelpReview] = field(default_factory=list)
    threshold_decisions: list[ThresholdDecision] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)
    sharing_decisions: list[SharingDecision] = field(default_factory=list)
    status_changes: list[StatusChange] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    alert_acknowledgements: list[AlertAcknowledgement] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    # attribute name for each kind, in the order the CP file lists them
    SECTIONS: ClassVar[dict[str, str]] = {
        Person.KIND: "people",
        Professional.KIND: "professionals",
        CourtOrder.KIND: "court_orders",
        StatutoryRecord.KIND: "statutory_records",
        Concern.KIND: "concerns",
        ChildLink.KIND: "child_links",
        EncompassNotice.KIND: "encompass_notices",
        Action.KIND: "actions",
        ChronologyEntry.KIND: "chronology",
        EarlyHelpPlan.KIND: "early_help_plans",
        EarlyHelpReview.KIND: "early_help_reviews",
        ThresholdDecision.KIND: "threshold_decisions",
        Referral.KIND: "referrals",
        Escalation.KIND: "escalations",
        SharingDecision.KIND: "sharing_decisions",
        StatusChange.KIND: "status_changes",
        Transfer.KIND: "transfers",
        AlertAcknowledgement.KIND: "alert_acknowledgements",
        Attachment.KIND: "attachments",
    }

    def records(self) -> list[Record]:
        out: list[Record] = [self.child]
        for attr in self.SECTIONS.values():
            out.extend(getattr(self, attr))
        return out

    def as_it_stood(self, day: date, *, leaving_out: Collection[uuid.UUID] = ()) -> ChildFile:
        """The file as it stood on ``day``: dated records after it left out (undated ones, such as the people
        and professionals, kept), and the records ``leaving_out`` names (e.g. the enquiry being printed, so it
        is not listed as its own previous involvement)."""

        def kept(record: Record) -> bool:
            when = record.occurred_on()
            return record.id not in leaving_out and (when is None or when <= day)

        stood = ChildFile(child=self.child)
        for attr in self.SECTIONS.values():
            setattr(stood, attr, [r for r in getattr(self, attr) if kept(r)])
        return stood


@dataclass(frozen=True)
class RecordCounts:
    """The numbers in a child's record tab titles (read with a count query, or counted in a file read whole)."""

    concerns: int = 0
    open_actions: int = 0
    early_help: int = 0
    """Early Help plans, reviews and threshold decisions."""
    referrals: int = 0
    escalations: int = 0
    sharing: int = 0
    attachments: int = 0
    """Attachments not withdrawn."""

    @classmethod
    def of(cls, file: ChildFile) -> RecordCounts:
        return cls(
            concerns=len(file.concerns),
            open_actions=sum(1 for a in file.actions if a.done_on is None),
            early_help=len(file.early_help_plans) + len(file.early_help_reviews) + len(file.threshold_decisions),
            referrals=len(file.referrals),
            escalations=len(file.escalations),
            sharing=len(file.sharing_decisions),
            attachments=sum(1 for a in file.attachments if not a.withdrawn),
        )

    @classmethod
    def of_kinds(cls, kinds: dict[str, int], open_actions: int, withdrawn: int) -> RecordCounts:
        """From the number of records of each kind, the actions not done and the attachments withdrawn."""
        return cls(
            concerns=kinds.get(Concern.KIND, 0),
            open_actions=open_actions,
            early_help=sum(kinds.get(k.KIND, 0) for k in (EarlyHelpPlan, EarlyHelpReview, ThresholdDecision)),
            referrals=kinds.get(Referral.KIND, 0),
            escalations=kinds.get(Escalation.KIND, 0),
            sharing=kinds.get(SharingDecision.KIND, 0),
            attachments=kinds.get(Attachment.KIND, 0) - withdrawn,
        )
