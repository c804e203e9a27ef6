"""The timeline: a child's significant events by category and severity, for the visual timeline view.

Qt-free, so the widget (``ui/widgets/timeline.py``) only draws. Events come from the chronology (so the
timeline and the chronology never disagree). Each category of concern gets a lane; events without a
category (referrals, plans, threshold decisions, status changes, transfers) share a "Milestones" lane.
For each lane the gaps between successive events are computed, so "getting closer together" (say,
neglect concerns every month where they used to be every term) is a fact the view can point out.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import mean

from dslapp.models import Category, Severity
from dslapp.services.chronology import Chronology, ChronologyRow, KeptRows, build_chronology
from dslapp.store import RecordStore

MILESTONES = "milestones"
MILESTONES_LABEL = "Milestones"
"""Referrals and their outcomes, Early Help plans and reviews, decisions, status changes, transfers."""


@dataclass(frozen=True)
class TimelineEvent:
    record_id: str
    kind: str
    on: date
    categories: tuple[Category, ...]
    severity: Severity | None
    title: str
    when: str
    """The date as the chronology shows it (dd/mm/yyyy, or an approximate period)."""
    approximate: bool = False

    @property
    def lane_keys(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.categories) or (MILESTONES,)


@dataclass(frozen=True)
class Lane:
    key: str
    """A category value, or ``MILESTONES``."""
    label: str
    events: tuple[TimelineEvent, ...]
    """Oldest first."""

    @property
    def category(self) -> Category | None:
        return None if self.key == MILESTONES else Category(self.key)

    @property
    def intervals(self) -> tuple[int, ...]:
        """Days between each event and the one before it in this lane."""
        return intervals(self.events)

    @property
    def getting_closer(self) -> bool:
        """Only said of a category of concern: milestones of different kinds are no pattern."""
        return self.key != MILESTONES and getting_closer(self.intervals)


def intervals(events: Sequence[TimelineEvent]) -> tuple[int, ...]:
    return tuple((b.on - a.on).days for a, b in itertools.pairwise(events))


def getting_closer(gaps: Sequence[int], *, window: int = 2, factor: float = 0.6) -> bool:
    """True when the latest gaps are clearly shorter than the ones before them.

    Compares the mean of the last ``window`` gaps with the mean of the gaps before them: "closer" means
    at most ``factor`` of it (so 90-day gaps becoming 30-day gaps counts; noise does not). Needs at least
    ``window + 1`` gaps (four events for the default).
    """
    if len(gaps) < window + 1:
        return False
    recent = mean(gaps[-window:])
    earlier = mean(gaps[:-window])
    return earlier > 0 and recent <= earlier * factor


@dataclass(frozen=True)
class Timeline:
    events: tuple[TimelineEvent, ...]
    lanes: tuple[Lane, ...]

    @property
    def start(self) -> date | None:
        return self.events[0].on if self.events else None

    @property
    def end(self) -> date | None:
        return self.events[-1].on if self.events else None

    def lane(self, key: str | Category) -> Lane | None:
        wanted = key.value if isinstance(key, Category) else key
        return next((lane for lane in self.lanes if lane.key == wanted), None)


def event_from_row(row: ChronologyRow) -> TimelineEvent:
    return TimelineEvent(
        record_id=row.record_id,
        kind=row.kind,
        on=row.sort_date,
        categories=row.categories,
        severity=row.severity,
        title=_title(row.event),
        when=row.when,
        approximate=row.approximate,
    )


def events_of(rows: Sequence[ChronologyRow]) -> tuple[TimelineEvent, ...]:
    """:func:`event_from_row` of each of ``rows``, in order; of kept rows, from their columns (making no rows).

    Each event is made without the frozen dataclass's ``__init__`` (which sets each field through
    ``object.__setattr__``), by filling its ``__dict__``: an event has no ``__post_init__`` and no slots, so this
    makes the same object, in a third of the time (a heavy child's timeline has thousands of events)."""
    if not isinstance(rows, KeptRows):
        return tuple(event_from_row(row) for row in rows)
    out = []
    new = object.__new__
    for record_id, kind, on, categories, severity, text, when, approximate in zip(
        rows.values("record_id"),
        rows.values("kind"),
        rows.values("sort_date"),
        rows.values("categories"),
        rows.values("severity"),
        rows.values("event"),
        rows.values("when"),
        rows.values("approximate"),
        strict=True,
    ):
        event = new(TimelineEvent)
        made = event.__dict__
        made["record_id"] = record_id
        made["kind"] = kind
        made["on"] = on
        made["categories"] = categories
        made["severity"] = severity
        made["title"] = _title(text)
        made["when"] = when
        made["approximate"] = approximate
        out.append(event)
    return tuple(out)


def _title(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def build_lanes(events: Iterable[TimelineEvent]) -> tuple[Lane, ...]:
    """Milestones first, then categories of concern in their usual order (an event is in each of its lanes)."""
    by_lane: dict[str, list[TimelineEvent]] = {}
    for event in sorted(events, key=lambda e: e.on):
        for key in event.lane_keys:
            by_lane.setdefault(key, []).append(event)
    order = [MILESTONES, *(c.value for c in Category)]
    lanes = []
    for key in order:
        if key in by_lane:
            label = MILESTONES_LABEL if key == MILESTONES else Category(key).label
            lanes.append(Lane(key, label, tuple(by_lane[key])))
    return tuple(lanes)


def timeline_from_events(events: Iterable[TimelineEvent]) -> Timeline:
    ordered = tuple(sorted(events, key=lambda e: e.on))
    return Timeline(ordered, build_lanes(ordered))


def timeline_from_chronology(chronology: Chronology | Iterable[ChronologyRow]) -> Timeline:
    rows = chronology.rows if isinstance(chronology, Chronology) else tuple(chronology)
    return timeline_from_events(event_from_row(row) for row in rows)


def build_timeline(
    store: RecordStore,
    child_id: uuid.UUID | str,
    *,
    since: date | None = None,
    until: date | None = None,
    significant_only: bool = True,
) -> Timeline:
    """The child's timeline (the same events as their chronology)."""
    return timeline_from_chronology(
        build_chronology(store, child_id, since=since, until=until, significant_only=significant_only)
    )
