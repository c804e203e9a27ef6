"""Statutory plans and statuses as the front sheet, the chronology and the oversight list show them.

Pure: records and a date in, text out. ``Child.status`` stays the headline (what the caseload list and the
older rules read); these records hold the detail, and starting a CIN plan, a CP plan or a period looked
after moves the headline up to match (``implied_status``), never down: stepping down is the DSL's decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from dslapp.models import ChildStatus, StatutoryRecord, StatutoryType
from dslapp.text import dmy

IMPLIED_STATUS = {
    StatutoryType.CIN_PLAN: ChildStatus.CIN,
    StatutoryType.CP_PLAN: ChildStatus.CP,
    StatutoryType.LOOKED_AFTER: ChildStatus.CLA,
}
"""The headline status a statutory record implies while it is in force."""

STATUS_RANK = {ChildStatus.CIN: 1, ChildStatus.CP: 2, ChildStatus.CLA: 3}
"""How strong a headline is: a new record moves the headline only upwards (looked after is the strongest)."""

SOCIAL_WORKER_TYPES = frozenset(
    {StatutoryType.CIN_PLAN, StatutoryType.CP_PLAN, StatutoryType.S47_ENQUIRY, StatutoryType.LOOKED_AFTER}
)
"""The records that mean the child has an allocated social worker (DfE's "children with a social worker")."""


def implied_status(record: StatutoryRecord) -> ChildStatus | None:
    return IMPLIED_STATUS.get(record.status_type)


def steps_up(current: ChildStatus, record: StatutoryRecord) -> ChildStatus | None:
    """The headline status to move to when ``record`` starts, or None to leave ``current`` as it is."""
    implied = implied_status(record)
    if implied is None or current in (ChildStatus.CLOSED, ChildStatus.TRANSFERRED):
        return None
    return implied if STATUS_RANK[implied] > STATUS_RANK.get(current, 0) else None


def in_force(records: Iterable[StatutoryRecord], on: date) -> list[StatutoryRecord]:
    """Those in force on ``on``, oldest first."""
    return sorted((r for r in records if r.in_force(on)), key=lambda r: (r.started_on, r.created_at))


def ended(records: Iterable[StatutoryRecord], on: date) -> list[StatutoryRecord]:
    """Those ended by ``on``, most recently ended first."""
    done = [r for r in records if r.ended_on is not None and r.ended_on < on]
    return sorted(done, key=lambda r: (r.ended_on or date.min, r.created_at), reverse=True)


def next_on_or_after(days: Iterable[date], on: date) -> date | None:
    upcoming = [d for d in days if d >= on]
    return min(upcoming) if upcoming else None


def _dates(days: Iterable[date]) -> str:
    return ", ".join(dmy(d) for d in days)


def title(record: StatutoryRecord) -> str:
    """ "Child Protection plan (neglect)", "Child Looked After (s31 care order)"."""
    label = record.status_type.label
    if record.status_type == StatutoryType.CP_PLAN and record.cp_category is not None:
        return f"{label} ({record.cp_category.label.lower()})"
    if record.legal_basis:
        return f"{label} ({record.legal_basis})"
    return label


def period(record: StatutoryRecord) -> str:
    if record.ended_on is None:
        return f"since {dmy(record.started_on)}"
    return f"{dmy(record.started_on)} to {dmy(record.ended_on)}"


def detail_lines(record: StatutoryRecord, on: date) -> list[str]:
    """Everything the front sheet shows of one record, one fact a line, after its title and period."""
    lines = []
    worker = ", ".join(p for p in (record.social_worker, record.social_worker_contact) if p)
    if worker:
        authority = f" ({record.local_authority})" if record.local_authority else ""
        lines.append(f"Social worker: {worker}{authority}")
    elif record.local_authority:
        lines.append(f"Local authority: {record.local_authority}")
    if record.review_conferences:
        upcoming = next_on_or_after(record.review_conferences, on)
        nxt = f" (next {dmy(upcoming)})" if upcoming else ""
        lines.append(f"Review conferences: {_dates(record.review_conferences)}{nxt}")
    if record.core_groups:
        upcoming = next_on_or_after(record.core_groups, on)
        nxt = f" (next {dmy(upcoming)})" if upcoming else ""
        lines.append(f"Core groups: {_dates(record.core_groups)}{nxt}")
    if record.placing_authority:
        lines.append(f"Placing authority: {record.placing_authority}")
    if record.virtual_school:
        lines.append(f"Virtual school: {record.virtual_school}")
    if record.designated_teacher:
        lines.append(f"Designated teacher: {record.designated_teacher}")
    if record.pep_dates:
        upcoming = next_on_or_after(record.pep_dates, on)
        nxt = f" (next {dmy(upcoming)})" if upcoming else ""
        lines.append(f"PEP meetings: {_dates(record.pep_dates)}{nxt}")
    if record.ended_on is not None and record.end_reason:
        lines.append(f"Ended: {record.end_reason}")
    if record.notes:
        lines.append(record.notes)
    return lines


def describe(record: StatutoryRecord, on: date) -> str:
    """One record as a paragraph (the referral pack's front sheet)."""
    head = f"{title(record)}, {period(record)}."
    rest = " ".join(line if line[-1:] in ".!?" else line + "." for line in detail_lines(record, on))
    return f"{head} {rest}".strip()


def statutory_event(record: StatutoryRecord) -> str:
    """The chronology row of the record's start."""
    parts = [f"{title(record)} started."]
    if record.social_worker:
        parts.append(f"Social worker: {record.social_worker}.")
    if record.placing_authority:
        parts.append(f"Placing authority: {record.placing_authority}.")
    return " ".join(parts)


def statutory_ended_event(record: StatutoryRecord) -> str:
    """The chronology row of its end."""
    reason = record.end_reason.strip()
    ending = f"{title(record)} ended."
    return f"{ending} {reason if reason[-1:] in '.!?' else reason + '.'}" if reason else ending


__all__ = [
    "IMPLIED_STATUS",
    "SOCIAL_WORKER_TYPES",
    "STATUS_RANK",
    "describe",
    "detail_lines",
    "ended",
    "implied_status",
    "in_force",
    "next_on_or_after",
    "period",
    "statutory_ended_event",
    "statutory_event",
    "steps_up",
    "title",
]
