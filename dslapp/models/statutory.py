"""Statutory involvement in detail (dated records, not one status value) and Operation Encompass notifications.

A child may have several at once (a section 47 enquiry that leads to a Child Protection plan; a child looked
after who is also privately fostered before). Each record has a start date and, once it ends, an end date;
the dates the school contributes to (review conferences, core groups, PEP meetings) are lists kept by
amendment as they are booked.
"""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum

from pydantic import Field, field_validator, model_validator

from dslapp.models.base import (
    ChildRecord,
    OptionalName,
    PastDate,
    PastDateTime,
    RequiredText,
    ShortText,
    Text,
    join_text,
)


class StatutoryType(StrEnum):
    CIN_PLAN = "cin_plan"
    CP_PLAN = "cp_plan"
    S47_ENQUIRY = "s47_enquiry"
    LOOKED_AFTER = "looked_after"
    PREVIOUSLY_LOOKED_AFTER = "previously_looked_after"
    PRIVATE_FOSTERING = "private_fostering"

    @property
    def label(self) -> str:
        return STATUTORY_TYPE_LABELS[self]


STATUTORY_TYPE_LABELS = {
    StatutoryType.CIN_PLAN: "Child in Need plan (s17)",
    StatutoryType.CP_PLAN: "Child Protection plan",
    StatutoryType.S47_ENQUIRY: "Section 47 enquiry",
    StatutoryType.LOOKED_AFTER: "Child Looked After",
    StatutoryType.PREVIOUSLY_LOOKED_AFTER: "Previously looked after",
    StatutoryType.PRIVATE_FOSTERING: "Private fostering arrangement",
}


class CpCategory(StrEnum):
    NEGLECT = "neglect"
    PHYSICAL = "physical_abuse"
    EMOTIONAL = "emotional_abuse"
    SEXUAL = "sexual_abuse"
    MULTIPLE = "multiple"

    @property
    def label(self) -> str:
        return CP_CATEGORY_LABELS[self]


CP_CATEGORY_LABELS = {
    CpCategory.NEGLECT: "Neglect",
    CpCategory.PHYSICAL: "Physical abuse",
    CpCategory.EMOTIONAL: "Emotional abuse",
    CpCategory.SEXUAL: "Sexual abuse",
    CpCategory.MULTIPLE: "Multiple categories",
}


class StatutoryRecord(ChildRecord):
    """One period of statutory involvement: a CIN plan, a CP plan, a section 47 enquiry, a period looked after
    (or previously looked after), or a private fostering arrangement. Ended by amending ``ended_on``."""

    KIND = "statutory_record"
    LABEL = "Statutory plan or status"

    status_type: StatutoryType
    started_on: PastDate
    ended_on: date | None = None
    end_reason: Text = ""
    local_authority: ShortText = ""
    social_worker: OptionalName = ""
    social_worker_contact: ShortText = ""
    cp_category: CpCategory | None = None
    review_conferences: list[date] = Field(default_factory=list, description="Review conferences or meetings.")
    core_groups: list[date] = Field(default_factory=list, description="Core group meetings (CP plans).")
    legal_basis: ShortText = Field(default="", description="For a child looked after: s20, s31 care order, ...")
    placing_authority: ShortText = ""
    virtual_school: ShortText = ""
    designated_teacher: OptionalName = ""
    pep_dates: list[date] = Field(default_factory=list, description="Personal Education Plan meetings.")
    notes: Text = ""

    @field_validator("review_conferences", "core_groups", "pep_dates")
    @classmethod
    def _sorted(cls, value: list[date]) -> list[date]:
        return sorted(set(value))

    @model_validator(mode="after")
    def _dates_in_order(self) -> StatutoryRecord:
        if self.ended_on is not None and self.ended_on < self.started_on:
            raise ValueError("ended_on: it cannot end before it started")
        return self

    def in_force(self, on: date) -> bool:
        """Started by ``on`` and not ended before it."""
        return self.started_on <= on and (self.ended_on is None or on <= self.ended_on)

    def occurred_on(self) -> date:
        return self.started_on

    def search_text(self) -> str:
        return join_text(
            self.status_type.label,
            self.social_worker,
            self.local_authority,
            self.placing_authority,
            self.virtual_school,
            self.notes,
        )


class EncompassNotice(ChildRecord):
    """An Operation Encompass notification from the police for this child: a domestic abuse incident the child
    was present at or part of. One notification naming several children of the school is one of these on
    each child's file, sharing ``notification_id``."""

    KIND = "encompass_notice"
    LABEL = "Operation Encompass notification"

    notification_id: uuid.UUID = Field(default_factory=uuid.uuid4)
    incident_at: PastDateTime
    received_at: PastDateTime
    police_reference: ShortText = ""
    notification: RequiredText = Field(description="What the police notification says.")
    told_in_school: Text = Field(default="", description="Who in school was told (need to know).")
    support_given: Text = Field(default="", description="The support given to the child that morning.")
    significant: bool = True

    def occurred_on(self) -> date:
        return self.incident_at.date()

    def search_text(self) -> str:
        return join_text(self.notification, self.support_given, self.police_reference)


__all__ = [
    "CP_CATEGORY_LABELS",
    "STATUTORY_TYPE_LABELS",
    "CpCategory",
    "EncompassNotice",
    "StatutoryRecord",
    "StatutoryType",
]
