"""Links between a child's records: what led to what (pure: records in, links out).

A referral names the concerns behind it (``Referral.concern_ids``); a Levels of Need decision the concerns it
weighed (``ThresholdDecision.concern_ids``); an Early Help plan the concern or decision that started it
(``EarlyHelpPlan.started_from_id``); a later concern the referral outcome it follows (``Concern.follows_id``).
The chronology shows them ("Led to …", "Following …"), the record views list them, the case bundle carries
them (its import refuses a link to a record outside the child's file), and practice rules can ask, for
example, what followed an outcome of "no further action".
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from dslapp.models import Concern, EarlyHelpPlan, Record, Referral, ThresholdDecision
from dslapp.text import dmy

LINK_FIELDS: dict[str, tuple[str, ...]] = {
    Referral.KIND: ("concern_ids",),
    ThresholdDecision.KIND: ("concern_ids",),
    EarlyHelpPlan.KIND: ("started_from_id",),
    Concern.KIND: ("follows_id",),
}
"""Per record kind, the fields that name an earlier record of the same child."""


@dataclass(frozen=True)
class Link:
    """``from_id`` (the later record) names ``to_id`` (the earlier one that led to it), through ``field``."""

    from_id: str
    to_id: str
    field: str


def linked_ids(record: Record) -> list[tuple[str, str]]:
    """(field, record id) for every earlier record ``record`` names, in the order recorded."""
    out: list[tuple[str, str]] = []
    for name in LINK_FIELDS.get(record.KIND, ()):
        value = getattr(record, name, None)
        values = value if isinstance(value, list) else [value]
        out.extend((name, str(v)) for v in values if isinstance(v, uuid.UUID))
    return out


@dataclass(frozen=True)
class Links:
    """Every link among a set of records whose two ends are both in the set."""

    links: tuple[Link, ...]
    _from: dict[str, list[Link]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _to: dict[str, list[Link]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # indexed once: a heavy child's chronology asks about every one of thousands of rows
        for link in self.links:
            self._from.setdefault(link.from_id, []).append(link)
            self._to.setdefault(link.to_id, []).append(link)

    def following(self, record_id: str) -> list[Link]:
        """The links from ``record_id`` to the earlier records it follows."""
        return list(self._from.get(record_id, ()))

    def led_to(self, record_id: str) -> list[Link]:
        """The links to ``record_id`` from the later records it led to."""
        return list(self._to.get(record_id, ()))

    def __len__(self) -> int:
        return len(self.links)

    def involves(self, record_id: str) -> bool:
        """True when ``record_id`` follows or led to another record."""
        return record_id in self._from or record_id in self._to


def links_of(records: Iterable[Record] | dict[str, Record]) -> Links:
    """The links among ``records`` (a link to a record not among them is left out); ``records`` may be given
    as a mapping of id (as text) to record."""
    by_id = records if isinstance(records, dict) else {str(r.id): r for r in records}
    found = []
    for own, record in by_id.items():
        if record.KIND not in LINK_FIELDS:
            continue
        for name, target in linked_ids(record):
            if target in by_id and target != own:
                found.append(Link(own, target, name))
    return Links(tuple(found))


def foreign_links(records: Iterable[Record]) -> list[tuple[Record, str]]:
    """(record, id) for each link naming a record that is not among ``records`` (another child's, or none)."""
    records = list(records)
    known = {str(r.id) for r in records}
    return [(record, target) for record in records for _, target in linked_ids(record) if target not in known]


def describe(record: Record, *, outcome: bool = False) -> str:
    """A record as a link names it: "concern of 02/03/2026", "MASH enquiry sent 04/03/2026", ..."""
    if isinstance(record, Concern):
        return f"concern of {dmy(record.observed_at)}"
    if isinstance(record, Referral):
        sent = f"sent {dmy(record.sent_on)}" if record.sent_on else f"started {dmy(record.started_on)}"
        if outcome and record.outcome is not None and record.outcome_on is not None:
            return f"outcome of the {record.request_type} {sent} ({record.outcome.label}, {dmy(record.outcome_on)})"
        return f"{record.request_type} {sent}"
    if isinstance(record, EarlyHelpPlan):
        return f"Early Help plan started {dmy(record.started_on)}"
    if isinstance(record, ThresholdDecision):
        return f"Levels of Need decision of {dmy(record.decided_on)}"
    day = record.occurred_on()
    return f"{record.LABEL.lower()} of {dmy(day)}" if day else record.LABEL.lower()


def describe_all(records: Iterable[Record], *, outcome: bool = False) -> str:
    """Several records as a link names them, joined with "; " (two concerns of one day are told apart by
    their times: "concern of 14/04/2026 at 08:50; concern of 14/04/2026 at 10:05")."""
    records = list(records)
    base = [describe(r, outcome=outcome) for r in records]
    labels = [
        f"{label} at {record.observed_at:%H:%M}" if isinstance(record, Concern) and base.count(label) > 1 else label
        for label, record in zip(base, records, strict=True)
    ]
    return "; ".join(labels)


def _in_order(records: Iterable[Record]) -> list[Record]:
    return sorted(records, key=lambda r: (r.occurred_on() or r.created_at.date(), str(r.id)))


def link_lines(record: Record, records: Iterable[Record]) -> list[str]:
    """What a record view shows of its links: "Following: …" and "Led to: …" (empty when it has none)."""
    by_id = {str(r.id): r for r in records}
    by_id.setdefault(str(record.id), record)
    links = links_of(by_id.values())
    own = str(record.id)
    earlier = _in_order(by_id[link.to_id] for link in links.following(own))
    later = _in_order(by_id[link.from_id] for link in links.led_to(own))
    out = []
    if earlier:
        out.append(f"Following: {describe_all(earlier, outcome=True)}.")
    if later:
        out.append(f"Led to: {describe_all(later)}.")
    return out


FOLLOWABLE_LIMIT = 8
"""How many of a child's latest referrals a new concern may be linked to."""


def followable(records: Iterable[Record]) -> list[tuple[str, str]]:
    """(id, label) of the referrals a new concern can follow: sent ones, newest first (a label names the
    outcome when there is one: "Outcome of the MASH enquiry sent 04/03/2026 (No further action, 11/03/2026)")."""
    sent = [r for r in records if isinstance(r, Referral) and r.sent_on is not None]
    sent.sort(key=lambda r: (r.outcome_on or r.sent_on or r.started_on, str(r.id)), reverse=True)
    out = []
    for referral in sent[:FOLLOWABLE_LIMIT]:
        label = describe(referral, outcome=True)
        out.append((str(referral.id), label[:1].upper() + label[1:]))
    return out


STARTER_LIMIT = 12
"""How many recent concerns, decisions and outcomes a new plan may name as what started it."""


def plan_starters(records: Iterable[Record]) -> list[tuple[str, str]]:
    """(id, label) of what can start an Early Help plan, newest first: concerns, Levels of Need decisions and
    referral outcomes ("Outcome of the MASH enquiry sent … (Early Help, …)")."""
    found: list[Record] = [
        r for r in records if isinstance(r, Concern | ThresholdDecision) or (isinstance(r, Referral) and has_outcome(r))
    ]

    def when(record: Record) -> tuple[object, str]:
        day = record.outcome_on if isinstance(record, Referral) else record.occurred_on()
        return (day or record.created_at.date(), str(record.id))

    found.sort(key=when, reverse=True)
    out = []
    for record in found[:STARTER_LIMIT]:
        label = describe(record, outcome=True)
        out.append((str(record.id), label[:1].upper() + label[1:]))
    return out


_REFERRING = frozenset({"mash_enquiry", "police", "inform_social_worker"})


def concerns_behind(records: Iterable[Record]) -> list[uuid.UUID]:
    """The concerns a new referral is made on: those the DSL decided to refer (MASH enquiry, police, social
    worker) that no earlier referral names, oldest first; else the latest concern no referral names."""
    records = list(records)
    cited = {c for r in records if isinstance(r, Referral) for c in r.concern_ids}
    open_concerns = sorted(
        (r for r in records if isinstance(r, Concern) and r.id not in cited), key=lambda c: (c.observed_at, str(c.id))
    )
    referred = [c.id for c in open_concerns if c.dsl_decision.value in _REFERRING]
    if referred:
        return referred
    return [open_concerns[-1].id] if open_concerns else []


def has_outcome(record: Record) -> bool:
    """True for a referral whose outcome is recorded (a link to it means its outcome)."""
    return isinstance(record, Referral) and record.outcome is not None and record.outcome_on is not None


__all__ = [
    "FOLLOWABLE_LIMIT",
    "LINK_FIELDS",
    "STARTER_LIMIT",
    "Link",
    "Links",
    "concerns_behind",
    "describe",
    "describe_all",
    "followable",
    "foreign_links",
    "has_outcome",
    "link_lines",
    "linked_ids",
    "links_of",
    "plan_starters",
]
