"""Families and linked children: a household linking siblings, and a concern's link to another child.

A household is not any one child's record: it names its members by id and changes only by amendment (a
child joining or leaving), so who was in it when is kept. A link to another child's concern lives on the
linked child's own file, as a short extract the DSL writes for that file: never the other child's record.
"""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from dslapp.models.base import ChildRecord, PastDate, Record, RequiredShortText, Text, join_text

EXTRACT_LIMIT = 2_000
"""An extract is short: what this child's file needs to know, not a copy of the other child's record."""

Extract = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=EXTRACT_LIMIT)]


class Household(Record):
    """Children of the casebook who live together (siblings, step-siblings), linked once for the family view."""

    KIND = "household"
    LABEL = "Household"

    name: RequiredShortText = Field(description="How the DSL knows the household (e.g. an address or family name).")
    member_ids: list[uuid.UUID] = Field(default_factory=list)
    notes: Text = ""

    @field_validator("member_ids")
    @classmethod
    def _unique(cls, value: list[uuid.UUID]) -> list[uuid.UUID]:
        return list(dict.fromkeys(value))

    def search_text(self) -> str:
        return self.name


class LinkRelationship(StrEnum):
    """How this child is connected to a concern recorded about another child."""

    SIBLING = "sibling"
    SAME_INCIDENT = "same_incident"
    ALLEGED_HARMER = "alleged_harmer"
    WITNESS = "witness"

    @property
    def label(self) -> str:
        return LINK_RELATIONSHIP_LABELS[self]


LINK_RELATIONSHIP_LABELS = {
    LinkRelationship.SIBLING: "sibling",
    LinkRelationship.SAME_INCIDENT: "same incident",
    LinkRelationship.ALLEGED_HARMER: "alleged to have caused harm",
    LinkRelationship.WITNESS: "witness",
}


class ChildLink(ChildRecord):
    """This child's link to a concern about another child in the school, with the extract written for this
    child's file. Exports show it as "another child in school (sibling)": the other child's name and record
    stay in their own file (``other_child_id`` and ``concern_id`` are only for the DSL's own screens)."""

    KIND = "child_link"
    LABEL = "Link to a concern about another child"

    relationship: LinkRelationship
    linked_on: PastDate
    extract: Extract
    other_child_id: uuid.UUID | None = None
    concern_id: uuid.UUID | None = None
    significant: bool = True

    def occurred_on(self) -> date:
        return self.linked_on

    def search_text(self) -> str:
        return join_text(self.extract)


__all__ = ["EXTRACT_LIMIT", "LINK_RELATIONSHIP_LABELS", "ChildLink", "Household", "LinkRelationship"]
