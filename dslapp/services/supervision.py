"""The DSL's supervision and reflection log, and their own CPD log.

A supervision session names the children discussed; each appears in that child's record as a
supervision note (:func:`supervision_notes_for_child`). Session actions with due dates and CPD
refreshers about to lapse appear on Today (:func:`today_rules`, called by ``services.today``).
"""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dslapp.errors import InvalidRecord
from dslapp.models import Child, CpdRecord, SupervisionNote
from dslapp.models.cpd import add_years
from dslapp.models.supervision import FollowUp
from dslapp.services import recording
from dslapp.services.changes import Changes
from dslapp.services.learning import LearningSettings, learning_settings
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.views.today import TodayItem

TODAY_SECTION = "alerts"
SUPERVISION_ACTION_RULE = "supervision_action_due"
CPD_REFRESHER_RULE = "cpd_refresher_due"
KNOWLEDGE_REFRESH_RULE = "knowledge_refresh_due"


# ---- supervision sessions ------------------------------------------------------------------------------


def _check_children(store: RecordStore, child_ids: Iterable[uuid.UUID | str]) -> list[str]:
    ids = list(dict.fromkeys(str(c) for c in child_ids))
    for child_id in ids:
        store.get_as(Child, child_id)  # RecordNotFound for a wrong link
    return ids


def record_session(
    store: RecordStore,
    *,
    held_on: date,
    supervisor: str,
    child_ids: Sequence[uuid.UUID | str] = (),
    reflections: str = "",
    do_differently: str = "",
    actions: Sequence[FollowUp | dict[str, Any]] = (),
) -> Saved[SupervisionNote]:
    """Record a supervision session. Each linked child gets it in their record as a supervision note."""
    ids = _check_children(store, child_ids)
    note = recording.record(
        store,
        SupervisionNote,
        held_on=held_on,
        supervisor=supervisor,
        child_ids=ids,
        reflections=reflections,
        do_differently=do_differently,
        actions=[a.model_dump() if isinstance(a, FollowUp) else a for a in actions],
    ).value
    return Saved(note, _changes(ids))


def _changes(child_ids: Iterable[str]) -> Changes:
    out = Changes.of(SupervisionNote.KIND)
    for child_id in child_ids:
        out = out | Changes.of(SupervisionNote.KIND, child_id=child_id)
    return out


def amend_session(store: RecordStore, note_id: uuid.UUID | str, reason: str, **changes: Any) -> Saved[SupervisionNote]:
    """Amend a session (the earlier text is kept). Changing ``child_ids`` relinks both ways."""
    before = store.get_as(SupervisionNote, note_id)
    if "child_ids" in changes:
        changes["child_ids"] = _check_children(store, changes["child_ids"])
    if "actions" in changes:
        changes["actions"] = [a.model_dump(mode="json") if isinstance(a, FollowUp) else a for a in changes["actions"]]
    amended = recording.amend(store, note_id, reason, **changes).value
    assert isinstance(amended, SupervisionNote)
    touched = {str(c) for c in before.child_ids} | {str(c) for c in amended.child_ids}
    return Saved(amended, _changes(sorted(touched)))


def sessions(store: RecordStore) -> list[SupervisionNote]:
    """Every supervision session, newest first."""
    return sorted(store.all_of(SupervisionNote), key=lambda n: (n.held_on, n.created_at), reverse=True)


def supervision_notes_for_child(store: RecordStore, child_id: uuid.UUID | str) -> list[SupervisionNote]:
    """The sessions in which this child was discussed, newest first (the child's supervision notes)."""
    wanted = str(child_id)
    return [n for n in sessions(store) if wanted in {str(c) for c in n.child_ids}]


def children_discussed(store: RecordStore, note: SupervisionNote) -> list[Child]:
    """The children a session links to (the other direction of the link)."""
    out = []
    for child_id in note.child_ids:
        try:
            out.append(store.get_as(Child, child_id))
        except Exception:
            continue
    return out


@dataclass(frozen=True)
class SessionAction:
    note_id: str
    held_on: date
    supervisor: str
    index: int
    action: FollowUp


def open_actions(store: RecordStore) -> list[SessionAction]:
    """Supervision actions not yet done, soonest due first."""
    out = [
        SessionAction(str(n.id), n.held_on, n.supervisor, i, a)
        for n in store.all_of(SupervisionNote)
        for i, a in enumerate(n.actions)
        if a.done_on is None
    ]
    return sorted(out, key=lambda s: (s.action.due or date.max, s.held_on))


def complete_action(store: RecordStore, note_id: uuid.UUID | str, index: int, on: date) -> Saved[SupervisionNote]:
    note = store.get_as(SupervisionNote, note_id)
    if not 0 <= index < len(note.actions):
        raise InvalidRecord("That action is not on this supervision note.")
    actions = [a.model_dump(mode="json") for a in note.actions]
    actions[index]["done_on"] = on.isoformat()
    return amend_session(store, note_id, "Action done", actions=actions)


# ---- CPD ---------------------------------------------------------------------------------------------------


def record_cpd(
    store: RecordStore,
    *,
    training: str,
    attended_on: date,
    provider: str = "",
    notes: str = "",
    refresher_due: date | None = None,
    settings: LearningSettings | None = None,
) -> Saved[CpdRecord]:
    """Record training attended; the refresher falls due two years on unless given."""
    years = (settings or learning_settings()).cpd_refresher_years
    return recording.record(
        store,
        CpdRecord,
        training=training,
        attended_on=attended_on,
        provider=provider,
        notes=notes,
        refresher_due=refresher_due or add_years(attended_on, years),
    )


def cpd_log(store: RecordStore) -> list[CpdRecord]:
    """Training attended, newest first."""
    return sorted(store.all_of(CpdRecord), key=lambda r: r.attended_on, reverse=True)


def current_cpd(store: RecordStore) -> list[CpdRecord]:
    """The latest record of each training (a refresher supersedes the earlier one of the same name)."""
    latest: dict[str, CpdRecord] = {}
    for record in sorted(store.all_of(CpdRecord), key=lambda r: r.attended_on):
        latest[record.training.casefold()] = record
    return sorted(latest.values(), key=lambda r: r.refresher_due or date.max)


def cpd_reminder_due(record: CpdRecord, on: date, reminder_days: int) -> bool:
    """True from ``reminder_days`` before the refresher is due (inclusive), and after it has lapsed."""
    if record.refresher_due is None:
        return False
    return on >= record.refresher_due - timedelta(days=reminder_days)


# ---- Today -------------------------------------------------------------------------------------------------


def _item(
    rule_id: str, record_id: str, title: str, due: date | None, on: date, child_id: str = "", name: str = ""
) -> TodayItem:
    return TodayItem(TODAY_SECTION, child_id, name, record_id, title, due, bool(due and due < on), rule_id)


def supervision_today(store: RecordStore, on: date, settings: LearningSettings | None = None) -> list[TodayItem]:
    """Supervision actions due within the window (or overdue)."""
    window = timedelta(days=(settings or learning_settings()).supervision_action_days)
    out = []
    names: dict[str, str] = {}
    for entry in open_actions(store):
        due = entry.action.due
        if due is None or due > on + window:
            continue
        note = store.get_as(SupervisionNote, entry.note_id)
        child_id = str(note.child_ids[0]) if len(note.child_ids) == 1 else ""
        if child_id and child_id not in names:
            names[child_id] = store.get_as(Child, child_id).display_name
        title = f"Supervision action ({entry.held_on:%d/%m/%Y}): {entry.action.what}"
        out.append(_item(SUPERVISION_ACTION_RULE, entry.note_id, title, due, on, child_id, names.get(child_id, "")))
    return out


def cpd_today(store: RecordStore, on: date, settings: LearningSettings | None = None) -> list[TodayItem]:
    """CPD refreshers due within ``cpd_reminder_days`` (or lapsed)."""
    days = (settings or learning_settings()).cpd_reminder_days
    out = []
    for record in current_cpd(store):
        if cpd_reminder_due(record, on, days) and record.refresher_due is not None:
            lapsed = record.refresher_due < on
            verb = "lapsed" if lapsed else "due"
            title = f"CPD refresher {verb}: {record.training} (attended {record.attended_on:%d/%m/%Y})"
            out.append(_item(CPD_REFRESHER_RULE, str(record.id), title, record.refresher_due, on))
    return out


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months (a day the month lacks becomes its last day: 31/01 + 1 month is 28/02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def knowledge_refresh_today(store: RecordStore, on: date, settings: LearningSettings | None = None) -> list[TodayItem]:
    """A reminder when the DSL's last recorded CPD (any kind) is more than ``knowledge_refresh_months`` old:
    KCSIE 2025 asks for knowledge and skills to be refreshed at least annually, between the two-yearly
    training. Nothing is shown until the first CPD is recorded."""
    months = (settings or learning_settings()).knowledge_refresh_months
    attended = [r.attended_on for r in store.all_of(CpdRecord) if r.attended_on <= on]
    if not attended:
        return []
    last = max(attended)
    due = add_months(last, months)
    if on < due:
        return []
    title = f"Safeguarding knowledge update due: nothing recorded since {last:%d/%m/%Y} (at least annually)"
    return [_item(KNOWLEDGE_REFRESH_RULE, f"knowledge_refresh:{last.isoformat()}", title, due, on)]


def today_rules() -> list[Callable[[RecordStore, date], Iterable[TodayItem]]]:
    """The rules Today runs for supervision actions, CPD refreshers and the annual knowledge update."""
    return [
        lambda store, on: supervision_today(store, on),
        lambda store, on: cpd_today(store, on),
        lambda store, on: knowledge_refresh_today(store, on),
    ]


__all__ = [
    "CPD_REFRESHER_RULE",
    "SUPERVISION_ACTION_RULE",
    "SessionAction",
    "amend_session",
    "children_discussed",
    "complete_action",
    "cpd_log",
    "cpd_reminder_due",
    "cpd_today",
    "current_cpd",
    "knowledge_refresh_today",
    "open_actions",
    "record_cpd",
    "record_session",
    "sessions",
    "supervision_notes_for_child",
    "supervision_today",
    "today_rules",
]
