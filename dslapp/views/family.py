"""Households and linked children as the screens and exports show them (pure: records in, text out).

One rule runs through the exports: a link on child B's file is shown as "another child in school
(sibling)" with the extract the DSL wrote for B's file, and never with child A's name or record.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dslapp.models import (
    Child,
    ChildLink,
    Concern,
    EarlyHelpPlan,
    StatutoryRecord,
)
from dslapp.models.early_help import PlanStatus
from dslapp.text import dmy
from dslapp.views import statutory

OTHER_CHILD = "another child in school"
RECENT_DAYS = 90
"""How far back the household view lists a child's concerns."""


def link_label(link: ChildLink) -> str:
    """ "Another child in school (sibling)": how every export names the other child."""
    return f"{OTHER_CHILD[:1].upper()}{OTHER_CHILD[1:]} ({link.relationship.label})"


def link_event(link: ChildLink) -> str:
    """The chronology row of a link: the label and the extract, as the DSL wrote it for this child's file."""
    extract = link.extract.strip()
    extract = extract if extract[-1:] in '.!?”"' else extract + "."
    return f"Linked to a concern about {OTHER_CHILD} ({link.relationship.label}). {extract}"


@dataclass(frozen=True)
class HouseholdMember:
    """One child of a household as the family view shows them."""

    child_id: str
    name: str
    dob: date
    year_group: str
    status: str
    open_plans: tuple[str, ...]
    recent_concerns: tuple[str, ...]
    """Newest first: "14/11/2026: Neglect, Domestic abuse"."""
    concern_count: int
    """Concerns in the last ``RECENT_DAYS`` days."""


def member(
    child: Child,
    records: Iterable[StatutoryRecord | EarlyHelpPlan | Concern],
    on: date,
    *,
    recent_days: int = RECENT_DAYS,
    shown: int = 3,
) -> HouseholdMember:
    """The family view's line for ``child``: status, plans open on ``on``, and recent concerns."""
    records = list(records)
    plans = [statutory.title(r) for r in statutory.in_force((r for r in records if isinstance(r, StatutoryRecord)), on)]
    plans += ["Early Help plan" for r in records if isinstance(r, EarlyHelpPlan) and r.status == PlanStatus.OPEN]
    since = on - timedelta(days=recent_days)
    concerns = sorted(
        (r for r in records if isinstance(r, Concern) and since <= r.observed_at.date() <= on),
        key=lambda c: c.observed_at,
        reverse=True,
    )
    lines = []
    for concern in concerns[:shown]:
        categories = ", ".join(c.label for c in concern.categories) or "No category"
        lines.append(f"{dmy(concern.observed_at)}: {categories}")
    return HouseholdMember(
        child_id=str(child.id),
        name=child.display_name,
        dob=child.dob,
        year_group=child.year_group,
        status=child.status.label,
        open_plans=tuple(plans),
        recent_concerns=tuple(lines),
        concern_count=len(concerns),
    )


def ordered(members: Sequence[HouseholdMember]) -> list[HouseholdMember]:
    """Eldest first, as a family is usually listed."""
    return sorted(members, key=lambda m: (m.dob, m.name))


__all__ = ["OTHER_CHILD", "RECENT_DAYS", "HouseholdMember", "link_event", "link_label", "member", "ordered"]
