"""Court orders and restrictions as every place shows them: the front sheet, Today's child line, the MASH
enquiry and the referral pack's key contacts.

One rule runs through all of them: a person an order in force says must not collect the child is never
listed without the warning (``warnings_for``), whether they are matched by their record in the child's file
or by name. Pure: records and a date in, text out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from dslapp.models import CourtOrder, Person
from dslapp.text import dmy

MUST_NOT_COLLECT = "Must not collect the child"
NOT_TO_COLLECT = "Must not collect"
"""The short form, beside the child's name on Today (where the child is already named)."""
WARNING_MARK = "⚠"


def in_force(orders: Iterable[CourtOrder], on: date) -> list[CourtOrder]:
    """The orders in force on ``on``, by start date (undated first)."""
    current = [o for o in orders if o.in_force(on)]
    return sorted(current, key=lambda o: (o.starts_on or date.min, o.created_at))


def period(order: CourtOrder) -> str:
    """ "From 01/02/2026 until 01/02/2027", "From 01/02/2026, until further order", "Dates not known"."""
    start = f"From {dmy(order.starts_on)}" if order.starts_on else ""
    end = f"until {dmy(order.ends_on)}" if order.ends_on else "until further order"
    if not start:
        return f"Start date not recorded, {end}" if order.ends_on else "Dates not recorded"
    return f"{start} {end}" if order.ends_on else f"{start}, {end}"


def restricts_person(order: CourtOrder, person: Person) -> bool:
    """True when ``order`` names ``person``: by their record, or (an order recorded before the person was,
    or imported) by the same name."""
    if order.person_id:
        return order.person_id == str(person.id)
    return bool(order.restricts) and order.restricts.casefold().split() == person.name.casefold().split()


def warning(order: CourtOrder) -> str:
    """The warning beside a restricted person: "Must not collect the child (non-molestation order, until …)"."""
    until = f", until {dmy(order.ends_on)}" if order.ends_on else ""
    what = order.type_label[:1].lower() + order.type_label[1:] if order.type_label else ""
    if order.must_not_collect:
        return f"{WARNING_MARK} {MUST_NOT_COLLECT} ({what}{until})"
    return f"{WARNING_MARK} Restricted by a {what}{until}"


def warnings_for(person: Person, orders: Iterable[CourtOrder], on: date) -> list[str]:
    """Every warning an order in force on ``on`` puts beside ``person`` (must-not-collect first)."""
    found = [o for o in in_force(orders, on) if restricts_person(o, person)]
    return [warning(o) for o in sorted(found, key=lambda o: not o.must_not_collect)]


def unlisted(orders: Iterable[CourtOrder], people: Sequence[Person], on: date) -> list[CourtOrder]:
    """Orders in force restricting someone not in the child's list of people (they must still be shown)."""
    return [o for o in in_force(orders, on) if o.restricts and not any(restricts_person(o, p) for p in people)]


def describe(order: CourtOrder) -> str:
    """One order in full, as the MASH enquiry and the front sheet give it."""
    parts = [order.type_label]
    if order.restricts:
        parts[0] += f" restricting {order.restricts}"
    parts[0] += f". {period(order)}."
    if order.forbids:
        forbids = order.forbids.strip()
        parts.append(forbids if forbids[-1:] in ".!?" else forbids + ".")
    if order.must_not_collect:
        parts.append(f"{MUST_NOT_COLLECT}.")
    if order.source:
        parts.append(f"Source: {order.source.strip().rstrip('.')}.")
    return " ".join(parts)


def orders_text(orders: Iterable[CourtOrder], on: date) -> str:
    """Every order in force on ``on``, one a line (the MASH enquiry's answer)."""
    return "\n".join(describe(o) for o in in_force(orders, on))


@dataclass(frozen=True)
class Banner:
    """The short line shown beside the child's name (Today): who must not collect them, and other orders."""

    text: str
    must_not_collect: bool


def banner(orders: Iterable[CourtOrder], on: date) -> Banner | None:
    """The child's order banner on ``on``, or None when no order is in force."""
    current = in_force(orders, on)
    if not current:
        return None
    barred = [o.restricts for o in current if o.must_not_collect]
    if barred:
        names = ", ".join(dict.fromkeys(barred))
        others = len(current) - sum(1 for o in current if o.must_not_collect)
        extra = f" · {others} other order{'s' if others != 1 else ''}" if others else ""
        return Banner(f"{WARNING_MARK} {NOT_TO_COLLECT}: {names}{extra}", True)
    kinds = ", ".join(dict.fromkeys(o.type_label for o in current))
    return Banner(f"{WARNING_MARK} {kinds}", False)


__all__ = [
    "MUST_NOT_COLLECT",
    "NOT_TO_COLLECT",
    "WARNING_MARK",
    "Banner",
    "banner",
    "describe",
    "in_force",
    "orders_text",
    "period",
    "restricts_person",
    "unlisted",
    "warning",
    "warnings_for",
]
