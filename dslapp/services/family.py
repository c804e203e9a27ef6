"""Households and linked children.

A household links siblings once: children join or leave it by amendment (with a reason; who was in it when is
kept), never by deleting anything. The household view shows each child's status, open plans and recent
concerns so the DSL sees the whole family; opening it is audited for each child shown.

A concern about one child can name another child of the school (a sibling, a child in the same incident, the
child alleged to have caused harm, a witness). The link is saved on the other child's file with a short extract
written for that file (amendable like any record); their exports show it as "another child in school" with
the extract, and nothing else of the first child.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from dslapp.errors import InvalidRecord
from dslapp.models import Child, ChildLink, Concern, EarlyHelpPlan, Household, StatutoryRecord
from dslapp.services.changes import Changes
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.store.records import validate
from dslapp.vault.audit import Action as Audit
from dslapp.views.family import HouseholdMember, member, ordered


def _household_changes(household: Household) -> Changes:
    return Changes(frozenset({Household.KIND}), frozenset(str(c) for c in household.member_ids))


def create_household(
    store: RecordStore, name: str, child_ids: Sequence[uuid.UUID | str], notes: str = ""
) -> Saved[Household]:
    """Link children who live together (audited as a create)."""
    children = [store.get_as(Child, c) for c in child_ids]
    household = validate(Household, {"name": name, "member_ids": [c.id for c in children], "notes": notes})
    saved = store.add(household)
    return Saved(saved, _household_changes(saved))


def add_to_household(
    store: RecordStore, household_id: uuid.UUID | str, child_id: uuid.UUID | str, reason: str
) -> Saved[Household]:
    """A child joins the household (an amendment with ``reason``)."""
    household = store.get_as(Household, household_id)
    child = store.get_as(Child, child_id)
    if child.id in household.member_ids:
        raise InvalidRecord(f"{child.display_name} is already in this household.")
    members = [str(c) for c in [*household.member_ids, child.id]]
    amended = store.amend(household.id, {"member_ids": members}, reason)
    assert isinstance(amended, Household)
    return Saved(amended, _household_changes(amended) | Changes.of(child_id=str(child.id)))


def remove_from_household(
    store: RecordStore, household_id: uuid.UUID | str, child_id: uuid.UUID | str, reason: str
) -> Saved[Household]:
    """A child leaves the household (an amendment with ``reason``; the earlier membership is kept)."""
    household = store.get_as(Household, household_id)
    wanted = uuid.UUID(str(child_id))
    if wanted not in household.member_ids:
        raise InvalidRecord("That child is not in this household.")
    members = [str(c) for c in household.member_ids if c != wanted]
    amended = store.amend(household.id, {"member_ids": members}, reason)
    assert isinstance(amended, Household)
    return Saved(amended, _household_changes(household))


def households_of(store: RecordStore, child_id: uuid.UUID | str) -> list[Household]:
    """The households the child is in now (usually one)."""
    wanted = uuid.UUID(str(child_id))
    return [h for h in store.all_of(Household) if wanted in h.member_ids]


def household_view(store: RecordStore, household_id: uuid.UUID | str, on: date) -> list[HouseholdMember]:
    """Each child of the household with their status, open plans and recent concerns, eldest first.

    Audited as a view of each child's record (the DSL sees a summary of each file)."""
    household = store.get_as(Household, household_id)
    members = []
    for child_id in household.member_ids:
        child = store.get_as(Child, child_id)
        records: list[Any] = store.for_child(child.id, StatutoryRecord, EarlyHelpPlan, Concern)
        members.append(member(child, records, on))
    with store.db.transaction():
        for child_id in household.member_ids:
            store.vault.audit(Audit.VIEW, str(child_id), f"household view ({household.id})")
    return ordered(members)


@dataclass(frozen=True)
class ChildHousehold:
    """The household shown on a child's record: the household (None when the child is in none) and its
    children, eldest first."""

    household: Household | None
    members: tuple[HouseholdMember, ...] = ()


def household_for_child(store: RecordStore, child_id: uuid.UUID | str, on: date) -> ChildHousehold:
    """The child's household as their record shows it (the first, when a child is in more than one)."""
    found = households_of(store, child_id)
    if not found:
        return ChildHousehold(None)
    return ChildHousehold(found[0], tuple(household_view(store, found[0].id, on)))


def join_household(
    store: RecordStore, child_id: uuid.UUID | str, other_id: uuid.UUID | str, name: str, reason: str
) -> Saved[Household]:
    """Put ``other_id`` in ``child_id``'s household, making one (called ``name``) when the child has none."""
    found = households_of(store, child_id)
    if found:
        return add_to_household(store, found[0].id, other_id, reason)
    return create_household(store, name, [child_id, other_id], notes=reason)


def link_child_to_concern(
    store: RecordStore,
    concern_id: uuid.UUID | str,
    child_id: uuid.UUID | str,
    *,
    relationship: str,
    extract: str,
    linked_on: date | None = None,
) -> Saved[ChildLink]:
    """Name another child of the school in a concern: the link, with ``extract`` (what that child's file needs
    to know, written for it), is saved on that child's file."""
    concern = store.get_as(Concern, concern_id)
    child = store.get_as(Child, child_id)
    if child.id == concern.child_id:
        raise InvalidRecord("Link to another child: choose a child other than the one the concern is about.")
    link = validate(
        ChildLink,
        {
            "child_id": child.id,
            "relationship": relationship,
            "extract": extract,
            "linked_on": linked_on or concern.observed_at.date(),
            "other_child_id": concern.child_id,
            "concern_id": concern.id,
        },
    )
    saved = store.add(link)
    return Saved(saved, Changes.of(ChildLink.KIND, child_id=str(child.id)))


def amend_child_link(store: RecordStore, link_id: uuid.UUID | str, reason: str, **changes: Any) -> Saved[ChildLink]:
    """Amend a link's extract or relationship (the earlier text is kept); what it links to cannot change."""
    current = store.get_as(ChildLink, link_id)
    for fixed in ("other_child_id", "concern_id"):
        changes.pop(fixed, None)
    amended = store.amend(current.id, changes, reason)
    assert isinstance(amended, ChildLink)
    return Saved(amended, Changes.of(ChildLink.KIND, child_id=str(amended.child_id)))


def links_from_concern(store: RecordStore, concern_id: uuid.UUID | str) -> list[ChildLink]:
    """The other children a concern names (for the DSL's own screen of that concern, never its exports)."""
    return store.find(ChildLink, concern_id=str(concern_id))


def children_named_in(store: RecordStore, concern_id: uuid.UUID | str) -> list[tuple[str, str]]:
    """(name, relationship) of each other child a concern names, for the DSL's own view of that concern."""
    out = []
    for link in links_from_concern(store, concern_id):
        child = store.get_as(Child, link.child_id)
        out.append((child.display_name, link.relationship.label))
    return out


def child_links(store: RecordStore, child_id: uuid.UUID | str) -> list[ChildLink]:
    """The links on the child's own file, oldest first."""
    found: list[ChildLink] = store.for_child(child_id, ChildLink)
    return found


__all__ = [
    "ChildHousehold",
    "add_to_household",
    "amend_child_link",
    "child_links",
    "children_named_in",
    "create_household",
    "household_for_child",
    "household_view",
    "households_of",
    "join_household",
    "link_child_to_concern",
    "links_from_concern",
    "remove_from_household",
]
