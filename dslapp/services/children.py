"""Children: the caseload list, the child's file, and status changes."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from dslapp.errors import RecordNotFound
from dslapp.models import (
    Child,
    ChildStatus,
    Record,
    StatusChange,
)
from dslapp.services.changes import Changes
from dslapp.services.results import Saved
from dslapp.store import RecordStore, queries
from dslapp.store.records import child_order, validate
from dslapp.vault.audit import Action as Audit
from dslapp.views.child_file import ChildFile as ChildFile  # re-exported: services.children is where callers look


@dataclass(frozen=True)
class ChildSummary:
    """One row of the caseload list."""

    id: str
    legal_forename: str
    legal_surname: str
    known_as: str
    display_name: str
    dob: date
    status: ChildStatus
    year_group: str
    designations: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "legal_forename": self.legal_forename,
            "legal_surname": self.legal_surname,
            "known_as": self.known_as,
            "dob": self.dob.isoformat(),
            "status": self.status.value,
            "year_group": self.year_group,
            "designations": list(self.designations),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChildSummary:
        """The summary :meth:`as_json` wrote (the name shown is worked out again, as for a row read)."""
        forename, surname, known_as = str(data["legal_forename"]), str(data["legal_surname"]), data["known_as"]
        return cls(
            id=str(data["id"]),
            legal_forename=forename,
            legal_surname=surname,
            known_as=known_as,
            display_name=f"{known_as or forename} {surname}",
            dob=date.fromisoformat(data["dob"]),
            status=ChildStatus(data["status"]),
            year_group=data["year_group"],
            designations=tuple(data["designations"]),
        )


def child_summary(row: tuple[Any, ...]) -> ChildSummary:
    """A caseload row from :func:`queries.child_summary_rows`."""
    return ChildSummary.from_json(
        {
            "id": row[0], "legal_forename": row[1], "legal_surname": row[2], "known_as": str(row[3] or ""),
            "dob": row[4], "status": row[5], "year_group": str(row[6] or ""),
            "designations": json.loads(row[7] or "[]"),
        }
    )  # fmt: skip


def caseload_order(child: ChildSummary) -> tuple[str, str, str]:
    """The caseload's order: surname, then forename (then id, so children of the same name keep one order)."""
    return (child.legal_surname.casefold(), child.legal_forename.casefold(), child.id)


def list_children(store: RecordStore, *, include_closed: bool = True) -> list[ChildSummary]:
    """The caseload, sorted by surname then forename. Audited as a list view."""
    children = [
        summary
        for summary in map(child_summary, queries.child_summary_rows(store.db))
        if include_closed or summary.status not in (ChildStatus.CLOSED, ChildStatus.TRANSFERRED)
    ]
    children.sort(key=caseload_order)
    store.vault.audit(Audit.LIST, "children", f"{len(children)} children")
    return children


def open_child_file(store: RecordStore, child_id: uuid.UUID | str, *, audit: bool = True) -> ChildFile:
    """Read a child's whole file. Each opening is audited as a view of the child's record."""
    child = store.get_as(Child, child_id)
    child_file = ChildFile(child=child)
    record: Record
    for record in store.for_child(child.id):
        attr = ChildFile.SECTIONS.get(record.KIND)
        if attr:
            getattr(child_file, attr).append(record)
    if audit:
        store.vault.audit(Audit.VIEW, str(child.id), "child record")
    return child_file


def refresh_child_file(store: RecordStore, child_file: ChildFile, since: int) -> ChildFile | None:
    """``child_file`` (read at store generation ``since``) as it stands now, reading again only the records written
    since; not audited (the file already on screen, brought up to date). None when it must be read whole."""
    child_id = str(child_file.child.id)
    written = store.touched_records.get(child_id, {})
    if since < 0 or store.touched.get(child_id, -1) > max(written.values(), default=-1):
        return None  # removed or changed other than record by record (a disposal)
    changed = [record_id for record_id, generation in written.items() if generation > since]
    if not changed:
        return child_file
    try:
        records = [store.get(record_id) for record_id in changed]
    except RecordNotFound:
        return None
    return with_records(child_file, records)


def with_records(child_file: ChildFile, records: Iterable[Record]) -> ChildFile:
    """``child_file`` with ``records`` (new ones, or new versions of ones it holds) in place, each section in the
    store's order (pure)."""
    sections = set(ChildFile.SECTIONS.values())
    fresh = ChildFile(child=child_file.child, **{attr: list(getattr(child_file, attr)) for attr in sections})
    touched: set[str] = set()
    for record in records:
        if isinstance(record, Child):
            fresh.child = record
            continue
        attr = ChildFile.SECTIONS.get(record.KIND)
        if attr is None:
            continue
        held: list[Record] = getattr(fresh, attr)
        held[:] = [r for r in held if r.id != record.id]
        held.append(record)
        touched.add(attr)
    for attr in touched:
        getattr(fresh, attr).sort(key=child_order)
    return fresh


def add_child(store: RecordStore, **fields: Any) -> Saved[Child]:
    child = store.add(validate(Child, fields))
    return Saved(child, Changes.of(Child.KIND, child_id=str(child.id)))


def change_status(
    store: RecordStore, child_id: uuid.UUID | str, to_status: ChildStatus, on: date, reason: str
) -> Saved[Child]:
    """Record a status change (it feeds the chronology) and amend the child's current status."""
    child = store.get_as(Child, child_id)
    if child.status == to_status:
        return Saved(child, Changes())
    change = validate(
        StatusChange,
        {"child_id": child.id, "changed_on": on, "from_status": child.status, "to_status": to_status, "reason": reason},
    )
    with store.db.transaction():
        store.add(change)
        amended = store.amend(
            child.id,
            {"status": to_status.value, "status_since": on.isoformat()},
            reason or f"Status changed to {to_status.label}",
        )
    assert isinstance(amended, Child)
    return Saved(amended, Changes.of(Child.KIND, StatusChange.KIND, child_id=str(child.id)))
