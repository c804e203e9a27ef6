"""The school roll: pupils as the school's management information system (MIS) exports them.

A roll pupil is not a record of the CP file: the roll is a copy of the MIS kept (encrypted, inside the
vault) so a child can be found by name while a concern is typed, and so children who do have a file can
be kept up to date. Only pupils the DSL chooses become children with files.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field

from dslapp.models.base import Model, ShortText, Text


class RollField(StrEnum):
    """What a column of the MIS export can hold."""

    UPN = "upn"
    LEGAL_FORENAME = "legal_forename"
    LEGAL_SURNAME = "legal_surname"
    PREFERRED_FORENAME = "preferred_forename"
    DOB = "dob"
    YEAR_GROUP = "year_group"
    GENDER = "gender"
    ADDRESS = "address"
    CONTACT_NAME = "contact_name"
    CONTACT_RELATIONSHIP = "contact_relationship"
    CONTACT_PHONE = "contact_phone"

    @property
    def label(self) -> str:
        return ROLL_FIELD_LABELS[self]


ROLL_FIELD_LABELS = {
    RollField.UPN: "UPN",
    RollField.LEGAL_FORENAME: "Legal forename",
    RollField.LEGAL_SURNAME: "Legal surname",
    RollField.PREFERRED_FORENAME: "Preferred forename",
    RollField.DOB: "Date of birth",
    RollField.YEAR_GROUP: "Year group",
    RollField.GENDER: "Gender",
    RollField.ADDRESS: "Address",
    RollField.CONTACT_NAME: "Contact's name",
    RollField.CONTACT_RELATIONSHIP: "Contact's relationship",
    RollField.CONTACT_PHONE: "Contact's phone",
}

REQUIRED_ROLL_FIELDS = (RollField.LEGAL_FORENAME, RollField.LEGAL_SURNAME, RollField.DOB)
"""A roll row needs these to be a pupil the app can match; the UPN is used when the export has it."""


class RollPupil(Model):
    """One pupil of the roll, as read from one row of the export."""

    row: int = Field(ge=1, description="The row of the file it came from (the header is row 1).")
    upn: ShortText = ""
    legal_forename: ShortText
    legal_surname: ShortText
    preferred_forename: ShortText = ""
    dob: date
    year_group: ShortText = ""
    gender: ShortText = ""
    address: Text = ""
    contact_name: ShortText = ""
    contact_relationship: ShortText = ""
    contact_phone: ShortText = ""

    @property
    def key(self) -> str:
        """Stable within one roll: the UPN, else names and date of birth."""
        if self.upn:
            return f"upn:{self.upn.upper()}"
        return f"name:{self.legal_forename.casefold()}|{self.legal_surname.casefold()}|{self.dob.isoformat()}"

    @property
    def display_name(self) -> str:
        return f"{self.preferred_forename or self.legal_forename} {self.legal_surname}"


class SchoolRoll(Model):
    """The roll as last imported: when, from which columns, and its pupils."""

    imported_on: date
    pupils: list[RollPupil] = Field(default_factory=list)
