"""Reads and writes the desktop app needs that combine several services in one call.

Plain Python (no Qt): the caseload with per-child counts, a child's history (the audit rows about the
child and every record in their file), and saving a concern together with its follow-up actions.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date

from dslapp.models import ChildStatus
from dslapp.services.children import ChildSummary, list_children
from dslapp.services.today import today
from dslapp.store import RecordStore, queries

CLOSED_STATUSES = frozenset({ChildStatus.CLOSED, ChildStatus.TRANSFERRED})
# Today sections whose items count as an alert on the caseload (overdue or a practice alert).
_ALERT_SECTIONS = frozenset({"staff_concerns", "overdue_actions", "alerts"})


@dataclass(frozen=True)
class CaseloadRow:
    """One child on the caseload, with what the DSL filters and sorts by."""

    child: ChildSummary
    concerns: int
    last_concern: date | None
    categories: frozenset[str]
    alerts: int
    open_actions: int

    @property
    def is_open(self) -> bool:
        return self.child.status not in CLOSED_STATUSES


def caseload(store: RecordStore, on: date) -> list[CaseloadRow]:
    """Every child, with counts of concerns, the categories raised, open actions and alerts on ``on``.

    The per-child counts are kept (in ``store.derived``) and read again only for children whose records changed.
    """
    children = list_children(store)
    stats = store.derived.get(_CASELOAD)
    if not isinstance(stats, _CaseloadStats):
        stats = store.derived[_CASELOAD] = _CaseloadStats()
    stats.bring_up_to(store)
    alerts: dict[str, int] = {}
    for section, items in today(store, on).items():
        for item in items:
            if section in _ALERT_SECTIONS or item.overdue:
                alerts[item.child_id] = alerts.get(item.child_id, 0) + 1
    out = []
    for child in children:
        count, last, categories = stats.concerns.get(child.id, (0, None, frozenset()))
        out.append(
            CaseloadRow(
                child=child,
                concerns=count,
                last_concern=last,
                categories=categories,
                alerts=alerts.get(child.id, 0),
                open_actions=stats.open_actions.get(child.id, 0),
            )
        )
    return out


_CASELOAD = "caseload"


@dataclass
class _CaseloadStats:
    """Each child's concern count, latest concern, categories and open actions, and the store generation read."""

    concerns: dict[str, tuple[int, date | None, frozenset[str]]] = field(default_factory=dict)
    open_actions: dict[str, int] = field(default_factory=dict)
    generation: int = -1

    def bring_up_to(self, store: RecordStore) -> None:
        changed = [c for c, gen in store.touched.items() if c is not None and gen > self.generation]
        first, self.generation = self.generation < 0, store.generation
        if first or len(changed) > 50:
            self.concerns = {row[0]: _concern_row(row) for row in queries.concern_stats(store.db)}
            self.open_actions = queries.open_action_counts(store.db)
            return
        for child_id in changed:
            self.concerns.pop(child_id, None)
            self.open_actions.pop(child_id, None)
            for row in queries.concern_stats(store.db, child_id):
                self.concerns[child_id] = _concern_row(row)
            self.open_actions.update(queries.open_action_counts(store.db, child_id))


def _concern_row(row: tuple[str, int, str | None, str | None]) -> tuple[int, date | None, frozenset[str]]:
    _child_id, number, latest, cats = row
    categories: set[str] = set()
    for chunk in (cats or "").split("|"):
        if chunk:
            categories.update(json.loads(chunk))
    return number, date.fromisoformat(latest) if latest else None, frozenset(categories)


@dataclass(frozen=True)
class HistoryItem:
    """One audit row about a child or a record in their file."""

    seq: int
    at: str
    user: str
    action: str
    object_id: str
    kind: str
    detail: str


def child_history(store: RecordStore, child_id: uuid.UUID | str) -> list[HistoryItem]:
    """Who did what to this child's file, newest first: views, records created and amended, exports."""
    rows = queries.history_rows(store.db, child_id)
    return [HistoryItem(r[0], r[1], r[2], r[3], r[4], r[6], r[5]) for r in rows]
