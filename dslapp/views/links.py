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
from dataclasses import dataclass

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
    for field in LINK_FIELDS.get(record.KIND, ()):
        value = getattr(record, field, None)
        values = value if isinstance(value, list) else [value]
        out.extend((field, str(v)) for v in values if isinstance(v, uuid.UUID))
    return out


@dataclass(frozen=True)
class Links:
    """Every link among a set of records whose two ends are both in the set."""

    links: tuple[Link, ...]

    def following(self, record_id: str) -> list[Link]:
        """The links from ``record_id`` to the earlier records it follows."""
        return [link for link in self.links if link.from_id == record_id]

    def led_to(self, record_id: str) -> list[Link]:
        """The links to ``record_id`` from the later records it led to."""
        return [link for link in self.links if link.to_id == record_id]

    def __len__(self) -> int:
        return len(self.links)


def links_of(records: Iterable[Record]) -> Links:
    """The links among ``records`` (a link to a record not among them is left out)."""
    records = list(records)
    known = {str(r.id) for r in records}
    found = []
    for record in records:
        for field, target in linked_ids(record):
            if target in known and target != str(record.id):
                found.append(Link(str(record.id), target, field))
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


def has_outcome(record: Record) -> bool:
    """True for a referral whose outcome is recorded (a link to it means its outcome)."""
    return isinstance(record, Referral) and record.outcome is not None and record.outcome_on is not None


__all__ = ["LINK_FIELDS", "Link", "Links", "describe", "foreign_links", "has_outcome", "linked_ids", "links_of"]
