"""Operation Encompass: the police's notification, before school starts, that a child was present at a domestic
abuse incident. One quick entry names every child of the school the notification is about; each gets the
notification on their own file (it lands in their chronology), and Today shows each of them that day.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from dslapp.errors import InvalidRecord
from dslapp.models import Child, EncompassNotice
from dslapp.services.changes import Changes
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.store.records import validate


def record_encompass(
    store: RecordStore,
    child_ids: Sequence[uuid.UUID | str],
    *,
    incident_at: datetime,
    received_at: datetime,
    notification: str,
    told_in_school: str = "",
    support_given: str = "",
    police_reference: str = "",
) -> Saved[list[EncompassNotice]]:
    """Save one notification for each child named (one transaction: all of them or none)."""
    ids = list(dict.fromkeys(str(c) for c in child_ids))
    if not ids:
        raise InvalidRecord("Operation Encompass notification: name at least one child the police told you about.")
    children = [store.get_as(Child, c) for c in ids]
    shared = uuid.uuid4()
    fields: dict[str, Any] = {
        "notification_id": shared,
        "incident_at": incident_at,
        "received_at": received_at,
        "notification": notification,
        "told_in_school": told_in_school,
        "support_given": support_given,
        "police_reference": police_reference,
    }
    notices = [validate(EncompassNotice, {**fields, "child_id": child.id}) for child in children]
    with store.db.transaction():
        saved = [store.add(notice) for notice in notices]
    changes = Changes(frozenset({EncompassNotice.KIND}), frozenset(ids))
    return Saved(saved, changes)


def amend_encompass(
    store: RecordStore, notice_id: uuid.UUID | str, reason: str, **changes: Any
) -> Saved[EncompassNotice]:
    """Amend one child's copy (e.g. the support given, written up later): the earlier version is kept."""
    current = store.get_as(EncompassNotice, notice_id)
    for shared in ("notification_id",):
        changes.pop(shared, None)
    amended = store.amend(current.id, changes, reason)
    assert isinstance(amended, EncompassNotice)
    return Saved(amended, Changes.of(EncompassNotice.KIND, child_id=str(amended.child_id)))


__all__ = ["amend_encompass", "record_encompass"]
