"""Chronology entries: significant events, with exact dates or approximate periods."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from pydantic import Field, model_validator

from dslapp.models.base import ChildRecord, RequiredText, SavableStr, ShortText, Text, join_text
from dslapp.models.concern import Category


class Impact(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    UNKNOWN = "unknown"


_MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
# Where an approximate period sorts: the start of the school term or season.
_SEASONS = {
    "spring": (1, 1),
    "summer": (4, 15),
    "autumn": (9, 1),
    "winter": (12, 1),
    "early": (1, 1),
    "mid": (6, 1),
    "late": (10, 1),
}


def approximate_date(period: str) -> date:
    """Sort date for a period such as "2018", "March 2019", "Spring 2019" or "Autumn term 2020"."""
    text = period.strip().lower()
    year_match = re.search(r"\b(19|20)\d{2}\b", text)
    if not year_match:
        raise ValueError("an approximate date needs a year, such as 'Spring 2019' or '2018'")
    year = int(year_match.group(0))
    for word in re.findall(r"[a-z]+", text):
        if word in _MONTHS:
            return date(year, _MONTHS[word], 1)
        if word in _SEASONS:
            month, day = _SEASONS[word]
            return date(year, month, day)
    return date(year, 1, 1)


class ChronologyEntry(ChildRecord):
    """A significant event. Built from a source record, or entered by hand (``source_record_id`` empty)."""

    KIND = "chronology_entry"
    LABEL = "Chronology entry"

    on: date | None = Field(default=None, description="The exact date, when known.")
    period: ShortText = Field(default="", description="An approximate period, e.g. 'Spring 2019'.")
    event: RequiredText
    source: ShortText = Field(default="", description="Who told us: the agency or person.")
    category: Category | None = None
    impact: Text = Field(default="", description="The impact on the child.")
    impact_kind: Impact = Impact.UNKNOWN
    action_taken: Text = ""
    recorded_by: ShortText = ""
    source_record_id: SavableStr = ""
    significant: bool = True

    @model_validator(mode="after")
    def _has_a_date(self) -> ChronologyEntry:
        if self.on is None and not self.period:
            raise ValueError("on: give a date or an approximate period")
        if self.on is None:
            approximate_date(self.period)  # raises a clear error when the period has no year
        return self

    def sort_date(self) -> date:
        return self.on if self.on is not None else approximate_date(self.period)

    def when_label(self) -> str:
        on = self.on
        return f"{on.day:02d}/{on.month:02d}/{on.year}" if on is not None else self.period  # as strftime %d/%m/%Y

    def occurred_on(self) -> date:
        return self.sort_date()

    def search_text(self) -> str:
        return join_text(self.event, self.source, self.impact, self.action_taken)
