"""Statutory plans and statuses in detail: record one, amend one (a conference booked, a social worker changed,
the plan ended: each with a reason, the earlier text kept), list a child's, and the DSL's oversight list of
children with a social worker.

``Child.status`` stays the headline: starting a CIN plan, a CP plan or a period looked after moves it up to
match (as a status change in the chronology); ending one leaves it for the DSL to change.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from dslapp.models import Child, ChildStatus, StatutoryRecord
from dslapp.services.changes import Changes
from dslapp.services.children import change_status
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.store.records import validate
from dslapp.text import dmy
from dslapp.vault.audit import Action as Audit
from dslapp.views import statutory as view


def _changes(record: StatutoryRecord) -> Changes:
    return Changes.of(StatutoryRecord.KIND, child_id=str(record.child_id))


def record_statutory(store: RecordStore, child_id: uuid.UUID | str, **fields: Any) -> Saved[StatutoryRecord]:
    """Save a statutory record for the child; a CIN or CP plan or a period looked after also moves the child's
    headline status up to match (one transaction, so both are saved or neither)."""
    child = store.get_as(Child, child_id)
    record = validate(StatutoryRecord, {**fields, "child_id": child.id})
    step = view.steps_up(child.status, record)
    with store.db.transaction():
        saved = store.add(record)
        result = Saved(saved, _changes(saved))
        if step is not None and record.ended_on is None:  # a past plan, entered for the record, moves nothing
            reason = f"{view.title(saved)} started {dmy(saved.started_on)}"
            result = result.also(change_status(store, child.id, step, saved.started_on, reason).changes)
    return result


def amend_statutory(
    store: RecordStore, record_id: uuid.UUID | str, reason: str, **changes: Any
) -> Saved[StatutoryRecord]:
    """Amend a statutory record (book a review conference, end the plan, ...): the earlier version is kept."""
    current = store.get_as(StatutoryRecord, record_id)
    amended = store.amend(current.id, changes, reason)
    assert isinstance(amended, StatutoryRecord)
    return Saved(amended, _changes(amended))


def statutory_records(store: RecordStore, child_id: uuid.UUID | str) -> list[StatutoryRecord]:
    """The child's statutory records, oldest first."""
    found: list[StatutoryRecord] = store.for_child(child_id, StatutoryRecord)
    return found


@dataclass(frozen=True)
class WithSocialWorker:
    """One line of the DSL's oversight list: a child with an allocated social worker on the day."""

    child_id: str
    name: str
    year_group: str
    status: ChildStatus
    plans: tuple[str, ...]
    social_workers: tuple[str, ...]
    since: date
    next_conference: date | None

    def as_json(self) -> dict[str, Any]:
        return {
            "child_id": self.child_id,
            "name": self.name,
            "year_group": self.year_group,
            "status": self.status.value,
            "plans": list(self.plans),
            "social_workers": list(self.social_workers),
            "since": self.since.isoformat(),
            "next_conference": self.next_conference.isoformat() if self.next_conference else None,
        }


def children_with_social_worker(store: RecordStore, on: date) -> list[WithSocialWorker]:
    """Children with a CIN plan, a CP plan, a section 47 enquiry or a period looked after in force on ``on``
    (the records that bring an allocated social worker), by surname. Audited as a list view."""
    by_child: dict[str, list[StatutoryRecord]] = defaultdict(list)
    for record in store.all_of(StatutoryRecord):
        if record.status_type in view.SOCIAL_WORKER_TYPES and record.in_force(on):
            by_child[str(record.child_id)].append(record)
    out = []
    for child in store.all_of(Child):
        records = by_child.get(str(child.id))
        if not records or child.status in (ChildStatus.CLOSED, ChildStatus.TRANSFERRED):
            continue
        records.sort(key=lambda r: r.started_on)
        conferences = [d for r in records for d in r.review_conferences]
        out.append(
            WithSocialWorker(
                child_id=str(child.id),
                name=child.display_name,
                year_group=child.year_group,
                status=child.status,
                plans=tuple(view.title(r) for r in records),
                social_workers=tuple(dict.fromkeys(r.social_worker for r in records if r.social_worker)),
                since=records[0].started_on,
                next_conference=view.next_on_or_after(conferences, on),
            )
        )
    out.sort(key=lambda r: (r.name.split()[-1].casefold(), r.name.casefold()))
    store.vault.audit(Audit.LIST, "children with a social worker", f"{len(out)} children")
    return out


__all__ = [
    "WithSocialWorker",
    "amend_statutory",
    "children_with_social_worker",
    "record_statutory",
    "statutory_records",
]
