"""Retention and disposal of CP files (KCSIE: commonly until the child's 25th birthday, longer where needed).

Every child has a retention date (``Child.retain_until``: their 25th birthday unless a DSL records a
different date, with a reason, as an amendment). ``past_retention`` is the review list. Disposal is
never an accident: ``dispose`` is an explicit decision, refused before the retention date, that removes
the child's records, their amendment history, their search index rows, drafts and transfer-pack rows in
one transaction, and keeps a disposal row (the child's id, the retention date, who decided, when and
why: no names) and an audit row. The database itself refuses any other delete (migration 0002).

What disposal cannot reach: copies made before it (backups, exported bundles, PDFs, plain exports).
Automatic backups roll off within the configured number of days and weeks; copies elsewhere are the
school's to find and destroy.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from dslapp.errors import DisposalNotAllowed, InvalidRecord
from dslapp.models import Child, ChildStatus, Transfer
from dslapp.models.child import add_years
from dslapp.services.changes import Changes
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.store import disposal as disposal_store

DISPOSE_ACTION = "dispose"
"""The audit action of a disposal (the audit trail keeps it for good)."""
MAX_RETENTION_YEARS = 100
"""A retention date may be set up to this many years after birth (inquiries may ask for 75)."""


@dataclass(frozen=True)
class RetentionItem:
    """One child on the retention review list."""

    child_id: str
    display_name: str
    dob: date
    retain_until: date
    status: ChildStatus


@dataclass(frozen=True)
class Disposal:
    """The lasting record of a disposal decision (no names: the child is known only by id)."""

    id: str
    child_id: str
    retain_until: date | None
    decided_at: datetime
    decided_by: str
    recorded_by: str
    reason: str
    records_removed: int
    completed_at: datetime | None


def retention_date(child: Child) -> date:
    """The date until which the child's file is kept (their 25th birthday unless set otherwise)."""
    return child.retain_until or add_years(child.dob, 25)


def set_retention(store: RecordStore, child_id: uuid.UUID | str, until: date, reason: str) -> Saved[Child]:
    """Record a different retention date for a child, as an amendment that keeps the old date and the reason."""
    if not reason or not reason.strip():
        raise InvalidRecord("Say why the retention date is changing: the reason is kept with the record.")
    child = store.get_as(Child, child_id)
    if until < child.dob:
        raise InvalidRecord("The retention date cannot be before the child's date of birth.")
    if until > add_years(child.dob, MAX_RETENTION_YEARS):
        raise InvalidRecord(f"The retention date cannot be more than {MAX_RETENTION_YEARS} years after birth.")
    if until == retention_date(child):
        return Saved(child, Changes())
    amended = store.amend(child.id, {"retain_until": until.isoformat()}, reason.strip())
    assert isinstance(amended, Child)
    return Saved(amended, Changes.of(Child.KIND, child_id=str(child.id)))


def past_retention(store: RecordStore, on: date) -> list[RetentionItem]:
    """Children whose retention date is before ``on``, earliest first: the disposal review list. Audited."""
    items = []
    for child in store.all_of(Child):
        until = retention_date(child)
        if until < on:
            items.append(RetentionItem(str(child.id), child.display_name, child.dob, until, child.status))
    items.sort(key=lambda i: (i.retain_until, i.display_name.casefold()))
    store.vault.audit("list", "retention", f"{len(items)} children past their retention date")
    return items


def dispose(store: RecordStore, child_id: uuid.UUID | str, reason: str, decided_by: str) -> Saved[Disposal]:
    """Carry out a decision to dispose of a child's CP file, after its retention date. Audited.

    Removes, in one transaction, the child's records of every kind, their amendments, full-text index rows,
    drafts and transfer-pack rows; keeps a disposal row and an audit row. Refused before the retention
    date and while a transfer of the file is awaiting receipt.
    """
    if not reason or not reason.strip():
        raise InvalidRecord("Record why the file is being disposed of: the reason is kept for good.")
    if not decided_by or not decided_by.strip():
        raise InvalidRecord("Record who decided to dispose of the file.")
    child = store.get_as(Child, child_id)
    today = store.vault.now().astimezone().date()
    until = retention_date(child)
    if until >= today:
        raise DisposalNotAllowed(
            f"This CP file must be kept until {until:%d/%m/%Y}, so it cannot be disposed of yet. "
            "If the retention date is wrong, change it first, with a reason."
        )
    waiting = [t for t in store.for_child(child.id, Transfer) if t.awaiting_receipt]
    if waiting:
        raise DisposalNotAllowed(
            "A transfer of this CP file is still awaiting receipt, so it cannot be disposed of. "
            "Record the receipt first."
        )
    db = store.db
    key = str(child.id)
    disposal_id = str(uuid.uuid4())
    decided_at = store.vault.now()
    decision = (
        disposal_id,
        key,
        until.isoformat(),
        decided_at.isoformat(),
        decided_by.strip(),
        store.vault.user.label,
        reason.strip(),
    )
    completed: list[datetime] = []

    def now() -> str:
        completed.append(store.vault.now())
        return completed[-1].isoformat()

    with disposal_store.overwriting_freed_pages(db), db.transaction():
        removed = disposal_store.remove_child_records(db, decision, now)
        store.note_changed(key)
        store.vault.audit(DISPOSE_ACTION, key, f"disposal {disposal_id}: {removed} records removed")
    completed_at = completed[-1]
    disposal = Disposal(
        disposal_id,
        key,
        until,
        decided_at,
        decided_by.strip(),
        store.vault.user.label,
        reason.strip(),
        removed,
        completed_at,
    )
    return Saved(disposal, Changes.of(Child.KIND, child_id=key))


def disposals(store: RecordStore) -> list[Disposal]:
    """Every disposal decision carried out in this casebook, oldest first."""
    rows = disposal_store.disposal_rows(store.db)
    return [
        Disposal(
            str(r[0]),
            str(r[1]),
            date.fromisoformat(r[2]) if r[2] else None,
            datetime.fromisoformat(r[3]),
            str(r[4]),
            str(r[5]),
            str(r[6]),
            int(r[7] or 0),
            datetime.fromisoformat(r[8]) if r[8] else None,
        )
        for r in rows
    ]
