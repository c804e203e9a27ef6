"""Reads and writes the desktop app needs that combine several services in one call.

Plain Python (no Qt): the caseload with per-child counts, a child's history (the audit rows about the
child and every record in their file), and saving a concern together with its follow-up actions.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dslapp import __version__
from dslapp.errors import RecordNotFound
from dslapp.models import Action, Child, ChildStatus, Concern
from dslapp.services.children import ChildSummary, caseload_order, child_summary
from dslapp.services.kept import KeptFinding, keep_rows, read_all_at_once, roster
from dslapp.services.today import today
from dslapp.store import RecordStore, queries
from dslapp.vault.audit import Action as Audit

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


def caseload(store: RecordStore, on: date, *, audit: bool = True) -> list[CaseloadRow]:
    """Every child, with counts of concerns, the categories raised, open actions and alerts on ``on``; audited as
    a list view (``audit=False``: the list on screen brought up to date after the user's own change).

    Each child's row is kept (in ``store.derived`` while the casebook is open, and in the vault between
    sessions) and worked out again only when that child's records change; a change that only adds concerns or
    actions updates the counts from the new records alone.
    """
    stats = store.derived.get(_CASELOAD)
    if not isinstance(stats, _CaseloadStats):
        stats = store.derived[_CASELOAD] = _CaseloadStats()
    stats.bring_up_to(store)
    if stats.ordered is None:
        stats.ordered = sorted(stats.summaries.values(), key=caseload_order)
    children = stats.ordered
    if audit:
        store.vault.audit(Audit.LIST, "children", f"{len(children)} children")
    alerts: dict[str, int] = {}
    for section, items in today(store, on).items():
        for item in items:
            if section in _ALERT_SECTIONS or item.overdue:
                alerts[item.child_id] = alerts.get(item.child_id, 0) + 1
    out = []
    for child in children:
        count, last, categories = stats.concerns.get(child.id, _NO_CONCERNS)
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
_KEPT_FORMAT = 2
"""Part of the kept rows' fingerprint: 2 since the summary is kept as ``ChildSummary.as_json`` writes it."""
_NO_CONCERNS: tuple[int, date | None, frozenset[str]] = (0, None, frozenset())

ConcernStats = tuple[int, date | None, frozenset[str]]


@dataclass
class _CaseloadStats:
    """Each child's summary, concern count, latest concern, categories and open actions, and the store generation
    they reflect."""

    summaries: dict[str, ChildSummary] = field(default_factory=dict)
    concerns: dict[str, ConcernStats] = field(default_factory=dict)
    open_actions: dict[str, int] = field(default_factory=dict)
    generation: int = -1
    ordered: list[ChildSummary] | None = None
    """The summaries in the caseload's order (None until asked for, and again once a child's row changes)."""

    def bring_up_to(self, store: RecordStore) -> None:
        since, self.generation = self.generation, store.generation
        if since < 0:
            self.ordered = None
            self._from_vault(store)
            return
        changed = [c for c, gen in store.touched.items() if c is not None and gen > since]
        if not changed:
            return
        self.ordered = None
        if read_all_at_once(len(changed), len(self.summaries)):
            self._read_all(store, set(changed))
        else:
            for child_id in changed:
                self._child_again(store, child_id, since)
        self._keep(store, changed)

    def _from_vault(self, store: RecordStore) -> None:
        kept = store.kept_findings(_CASELOAD, _fingerprint())
        missing = []
        for child_id in roster(store):
            found = kept.get(child_id)
            if found is None:
                missing.append(child_id)
            else:
                self._take(child_id, json.loads(found.body))
        if read_all_at_once(len(missing), len(self.summaries) + len(missing)):
            self._read_all(store, set(missing))
        else:
            for child_id in missing:
                self._read_child(store, child_id)
        self._keep(store, missing)

    def _read_all(self, store: RecordStore, wanted: set[str]) -> None:
        """Every child's row from three queries over the whole casebook, taken for ``wanted`` children."""
        summaries = {s.id: s for s in map(child_summary, queries.child_summary_rows(store.db)) if s.id in wanted}
        concerns = {row[0]: _concern_row(row) for row in queries.concern_stats(store.db) if row[0] in wanted}
        actions = queries.open_action_counts(store.db)
        for child_id in wanted:
            self._forget(child_id)
            if child_id in summaries:
                self.summaries[child_id] = summaries[child_id]
                if child_id in concerns:
                    self.concerns[child_id] = concerns[child_id]
                if actions.get(child_id):
                    self.open_actions[child_id] = actions[child_id]

    def _read_child(self, store: RecordStore, child_id: str) -> None:
        self._forget(child_id)
        rows = queries.child_summary_rows(store.db, child_id)
        if not rows:
            return  # no longer in the casebook
        self.summaries[child_id] = child_summary(rows[0])
        for row in queries.concern_stats(store.db, child_id):
            self.concerns[child_id] = _concern_row(row)
        self.open_actions.update(queries.open_action_counts(store.db, child_id))

    def _child_again(self, store: RecordStore, child_id: str, since: int) -> None:
        """Bring one child's row up to date: from the records written since ``since`` when they are all new
        concerns, new actions or other new records; read again whole otherwise (an amendment, a disposal)."""
        written = {rid: gen for rid, gen in store.touched_records.get(child_id, {}).items() if gen > since}
        if child_id not in self.summaries or store.touched.get(child_id, 0) > max(written.values(), default=0):
            self._read_child(store, child_id)  # new to this list, or changed without a record named (disposal)
            return
        try:
            records = [store.get(rid) for rid in written]
        except RecordNotFound:  # written in a transaction that was rolled back
            self._read_child(store, child_id)
            return
        if any(r.version > 1 and isinstance(r, Concern | Action) for r in records):
            self._read_child(store, child_id)  # an amended concern or action may no longer count as it did
            return
        for record in records:
            if isinstance(record, Child):
                self.summaries[child_id] = child_summary(queries.child_summary_rows(store.db, child_id)[0])
            elif isinstance(record, Concern):
                count, last, categories = self.concerns.get(child_id, _NO_CONCERNS)
                day = record.observed_at.date()
                self.concerns[child_id] = (
                    count + 1,
                    day if last is None or day > last else last,
                    categories | {c.value for c in record.categories},
                )
            elif isinstance(record, Action) and record.done_on is None:
                self.open_actions[child_id] = self.open_actions.get(child_id, 0) + 1

    def _forget(self, child_id: str) -> None:
        self.summaries.pop(child_id, None)
        self.concerns.pop(child_id, None)
        self.open_actions.pop(child_id, None)

    def _take(self, child_id: str, kept: dict[str, Any]) -> None:
        self.summaries[child_id] = ChildSummary.from_json(kept["summary"])
        if kept["concerns"]:
            last = kept["last_concern"]
            self.concerns[child_id] = (
                kept["concerns"],
                date.fromisoformat(last) if last else None,
                frozenset(kept["categories"]),
            )
        if kept["open_actions"]:
            self.open_actions[child_id] = kept["open_actions"]

    def _keep(self, store: RecordStore, child_ids: Iterable[str]) -> None:
        rows = []
        for child_id in child_ids:
            summary = self.summaries.get(child_id)
            if summary is None:
                continue
            count, last, categories = self.concerns.get(child_id, _NO_CONCERNS)
            body = {
                "summary": summary.as_json(),
                "concerns": count,
                "last_concern": last.isoformat() if last else None,
                "categories": sorted(categories),
                "open_actions": self.open_actions.get(child_id, 0),
            }
            rows.append(KeptFinding(child_id, date.min, date.max, json.dumps(body, ensure_ascii=False)))
        keep_rows(store, _CASELOAD, _fingerprint(), rows)


def _fingerprint() -> str:
    return f"{_KEPT_FORMAT}|{__version__}"


def _concern_row(row: tuple[str, int, str | None, str | None]) -> ConcernStats:
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
