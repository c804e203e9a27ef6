"""Court orders and restrictions on the child's front sheet: record one, amend one (with a reason; the earlier
text is kept), list the child's.

An order may name a person in the child's file (``person_id``): their name is then taken from that record, so
the warning follows them wherever they are listed. An order never ends by being deleted: amend its end date.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from dslapp.errors import InvalidRecord
from dslapp.models import Child, CourtOrder, Person
from dslapp.services.changes import Changes
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.store.records import validate


def _changes(order: CourtOrder) -> Changes:
    return Changes.of(CourtOrder.KIND, child_id=str(order.child_id))


def _with_person(store: RecordStore, child_id: uuid.UUID, fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` with the restricted person's name taken from their record, checked to be this child's."""
    person_id = str(fields.get("person_id") or "").strip()
    if not person_id:
        return {**fields, "person_id": ""}
    person = store.get(person_id)
    if not isinstance(person, Person) or person.child_id != child_id:
        raise InvalidRecord("Court order: the person it restricts must be one of this child's people.")
    return {**fields, "person_id": str(person.id), "restricts": person.name}


def record_court_order(store: RecordStore, child_id: uuid.UUID | str, **fields: Any) -> Saved[CourtOrder]:
    """Save a court order or restriction for the child (audited as a create)."""
    child = store.get_as(Child, child_id)
    order = validate(CourtOrder, {**_with_person(store, child.id, fields), "child_id": child.id})
    saved = store.add(order)
    return Saved(saved, _changes(saved))


def amend_court_order(store: RecordStore, order_id: uuid.UUID | str, reason: str, **changes: Any) -> Saved[CourtOrder]:
    """Amend an order (e.g. its end date, or what it forbids): the earlier version is kept with ``reason``."""
    current = store.get_as(CourtOrder, order_id)
    if "person_id" in changes:
        changes = _with_person(store, current.child_id, changes)
    amended = store.amend(current.id, changes, reason)
    assert isinstance(amended, CourtOrder)
    return Saved(amended, _changes(amended))


def court_orders(store: RecordStore, child_id: uuid.UUID | str) -> list[CourtOrder]:
    """The child's orders, by start date (undated first)."""
    orders: list[CourtOrder] = store.for_child(child_id, CourtOrder)
    return sorted(orders, key=lambda o: (o.starts_on or date.min, o.created_at))


__all__ = ["amend_court_order", "court_orders", "record_court_order"]
