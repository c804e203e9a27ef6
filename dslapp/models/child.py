"""The child, the people around them, and the professionals involved (the CP file's front sheet)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field, ValidationInfo, field_validator, model_validator

from dslapp.models.base import (
    ChildRecord,
    Name,
    OptionalName,
    PastDate,
    Record,
    RequiredShortText,
    SavableStr,
    ShortText,
    Text,
    is_stored,
    join_text,
    utcnow,
)


class ChildStatus(StrEnum):
    UNIVERSAL = "universal"
    EARLY_HELP = "early_help"
    CIN = "cin"
    CP = "cp"
    CLA = "cla"
    CLOSED = "closed"
    TRANSFERRED = "transferred"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    ChildStatus.UNIVERSAL: "Universal",
    ChildStatus.EARLY_HELP: "Early Help",
    ChildStatus.CIN: "Child in Need (CIN)",
    ChildStatus.CP: "Child Protection plan (CP)",
    ChildStatus.CLA: "Child Looked After (CLA)",
    ChildStatus.CLOSED: "Closed",
    ChildStatus.TRANSFERRED: "Transferred",
}


class Designation(StrEnum):
    SEND = "send"
    EHCP = "ehcp"
    FSM = "fsm"
    PUPIL_PREMIUM = "pupil_premium"
    YOUNG_CARER = "young_carer"
    EAL = "eal"
    PREVIOUSLY_LOOKED_AFTER = "previously_looked_after"
    KINSHIP_CARE = "kinship_care"
    PRIVATE_FOSTERING = "private_fostering"


DESIGNATION_LABELS = {
    Designation.SEND: "SEND",
    Designation.EHCP: "EHCP",
    Designation.FSM: "Free school meals",
    Designation.PUPIL_PREMIUM: "Pupil premium",
    Designation.YOUNG_CARER: "Young carer",
    Designation.EAL: "EAL",
    Designation.PREVIOUSLY_LOOKED_AFTER: "Previously looked after",
    Designation.KINSHIP_CARE: "Kinship care",
    Designation.PRIVATE_FOSTERING: "Private fostering",
}


def nhs_number_is_valid(number: str) -> bool:
    """Modulus 11 check digit of an NHS number (10 digits)."""
    if len(number) != 10 or not number.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(number[9])


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Child(Record):
    """A child with a CP file. ``retain_until`` defaults to their 25th birthday (KCSIE guidance)."""

    KIND = "child"
    LABEL = "Child"

    legal_forename: Name
    legal_surname: Name
    known_as: OptionalName = ""
    dob: PastDate
    gender: ShortText = ""
    ethnicity: ShortText = ""
    first_language: ShortText = "English"
    interpreter_needed: bool = False
    religion: ShortText = ""
    disability: ShortText = ""
    upn: ShortText = ""
    nhs_number: ShortText = ""
    address: Text = ""
    year_group: ShortText = ""
    school: ShortText = ""
    gp: ShortText = ""
    designations: list[Designation] = Field(default_factory=list)
    status: ChildStatus = ChildStatus.UNIVERSAL
    status_since: date | None = None
    current_plan: Text = ""
    received_from: ShortText = Field(default="", description="Sending school, when the CP file was transferred in.")
    retain_until: date | None = None

    @field_validator("dob")
    @classmethod
    def _plausible_dob(cls, value: date, info: ValidationInfo) -> date:
        if is_stored(info):
            return value
        today = utcnow().date()
        if value < add_years(today, -26):
            raise ValueError("is more than 25 years ago; records are for children and young people")
        return value

    @field_validator("nhs_number")
    @classmethod
    def _nhs_number(cls, value: str) -> str:
        digits = value.replace(" ", "")
        if digits and not nhs_number_is_valid(digits):
            raise ValueError("is not a valid 10-digit NHS number")
        return digits

    @field_validator("designations")
    @classmethod
    def _unique(cls, value: list[Designation]) -> list[Designation]:
        return list(dict.fromkeys(value))

    @model_validator(mode="after")
    def _default_retention(self) -> Child:
        if self.retain_until is None:
            object.__setattr__(self, "retain_until", add_years(self.dob, 25))
        return self

    @property
    def display_name(self) -> str:
        forename = self.known_as or self.legal_forename
        return f"{forename} {self.legal_surname}"

    @property
    def full_legal_name(self) -> str:
        return f"{self.legal_forename} {self.legal_surname}"

    def age_on(self, day: date) -> int:
        years = day.year - self.dob.year
        if (day.month, day.day) < (self.dob.month, self.dob.day):
            years -= 1
        return years

    def search_text(self) -> str:
        return join_text(self.legal_forename, self.legal_surname, self.known_as, self.upn)


class Person(ChildRecord):
    """A household member or significant adult."""

    KIND = "person"
    LABEL = "Household member or significant adult"

    name: Name
    relationship: RequiredShortText
    parental_responsibility: bool = False
    lives_with_child: bool = False
    dob: PastDate | None = None
    address: Text = ""
    phone: ShortText = ""
    email: ShortText = ""
    notes: Text = ""

    def search_text(self) -> str:
        return join_text(self.name, self.relationship)


class Professional(ChildRecord):
    """Another professional involved with the child (social worker, health visitor, GP, ...)."""

    KIND = "professional"
    LABEL = "Professional involved"

    name: Name
    role: RequiredShortText
    agency: ShortText = ""
    phone: ShortText = ""
    email: ShortText = ""
    key_contact: bool = False

    def search_text(self) -> str:
        return join_text(self.name, self.role, self.agency)


class StatusChange(ChildRecord):
    """A change of the child's status (e.g. Early Help to CIN, CP plan started, case closed)."""

    KIND = "status_change"
    LABEL = "Status change"

    changed_on: PastDate
    from_status: ChildStatus
    to_status: ChildStatus
    reason: Text = ""
    significant: bool = True

    def occurred_on(self) -> date:
        return self.changed_on

    def search_text(self) -> str:
        return self.reason


class OrderType(StrEnum):
    """Court orders and other legal restrictions a school needs to know about (the front sheet)."""

    PROHIBITED_STEPS = "prohibited_steps"
    NON_MOLESTATION = "non_molestation"
    CHILD_ARRANGEMENTS = "child_arrangements"
    SPECIAL_GUARDIANSHIP = "special_guardianship"
    CARE_ORDER = "care_order"
    SUPERVISION_ORDER = "supervision_order"
    OCCUPATION_ORDER = "occupation_order"
    RESTRAINING_ORDER = "restraining_order"
    BAIL_CONDITIONS = "bail_conditions"
    OTHER = "other"

    @property
    def label(self) -> str:
        return ORDER_TYPE_LABELS[self]


ORDER_TYPE_LABELS = {
    OrderType.PROHIBITED_STEPS: "Prohibited steps order",
    OrderType.NON_MOLESTATION: "Non-molestation order",
    OrderType.CHILD_ARRANGEMENTS: "Child arrangements order",
    OrderType.SPECIAL_GUARDIANSHIP: "Special guardianship order",
    OrderType.CARE_ORDER: "Care order (s31)",
    OrderType.SUPERVISION_ORDER: "Supervision order",
    OrderType.OCCUPATION_ORDER: "Occupation order",
    OrderType.RESTRAINING_ORDER: "Restraining order",
    OrderType.BAIL_CONDITIONS: "Bail conditions",
    OrderType.OTHER: "Other order or restriction",
}


class CourtOrder(ChildRecord):
    """A court order or legal restriction about the child or an adult around them: what kind, who it
    restricts, what it forbids, when it runs, and where the school learnt of it. Shown on the front sheet,
    on Today beside the child's name, in the MASH enquiry, and on the referral pack's key contacts, where a
    person who must not collect the child always carries the warning."""

    KIND = "court_order"
    LABEL = "Court order or restriction"

    order_type: OrderType
    other_type: ShortText = Field(default="", description="The order's name, when the type is 'other'.")
    restricts: OptionalName = Field(default="", description="The person the order restricts (empty: none).")
    person_id: SavableStr = Field(default="", description="That person's record in the child's file, if listed.")
    forbids: Text = Field(default="", description="What the order forbids or requires, in its own words.")
    must_not_collect: bool = False
    starts_on: date | None = None
    ends_on: date | None = Field(default=None, description="Empty: until further order.")
    source: ShortText = Field(default="", description="How the school knows (e.g. a copy of the order seen).")

    @model_validator(mode="after")
    def _dates_in_order(self) -> CourtOrder:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("ends_on: the order cannot end before it starts")
        if self.must_not_collect and not self.restricts:
            raise ValueError("restricts: name the person who must not collect the child")
        return self

    @property
    def type_label(self) -> str:
        return self.other_type if self.order_type == OrderType.OTHER and self.other_type else self.order_type.label

    def in_force(self, on: date) -> bool:
        """True on ``on``: started (or no start date known) and not yet ended."""
        return (self.starts_on is None or self.starts_on <= on) and (self.ends_on is None or on <= self.ends_on)

    def occurred_on(self) -> date | None:
        return self.starts_on

    def search_text(self) -> str:
        return join_text(self.type_label, self.restricts, self.forbids, self.source)
