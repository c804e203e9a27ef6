"""A DSL's own continuing professional development, and which learning cards have been shown.

Neither belongs to a child: CPD is about the DSL, and a shown card is remembered so the same learning
is not pushed twice for the same record and moment of decision.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field, model_validator

from dslapp.models.base import PastDate, Record, RequiredShortText, ShortText, Text, join_text

REFRESHER_YEARS = 2


def add_years(day: date, years: int) -> date:
    """``day`` plus whole years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class CpdRecord(Record):
    """Training the DSL attended, and when it needs refreshing (two years by default)."""

    KIND = "cpd_record"
    LABEL = "CPD record"

    training: RequiredShortText
    attended_on: PastDate
    provider: ShortText = ""
    notes: Text = ""
    refresher_due: date | None = Field(default=None, description="When the training lapses (default: two years on).")

    @model_validator(mode="after")
    def _default_refresher(self) -> CpdRecord:
        if self.refresher_due is None:
            # object.__setattr__: validate_assignment would re-run this validator.
            object.__setattr__(self, "refresher_due", add_years(self.attended_on, REFRESHER_YEARS))
        return self

    def occurred_on(self) -> date:
        return self.attended_on

    def search_text(self) -> str:
        return join_text(self.training, self.provider, self.notes)


class LearningCardShown(Record):
    """A learning card was shown for this record at this moment of decision (so it is shown once)."""

    KIND = "learning_card_shown"
    LABEL = "Learning card shown"

    record_id: RequiredShortText
    event: RequiredShortText
    card_id: RequiredShortText
    shown_on: date
    dismissed: bool = False

    def occurred_on(self) -> date:
        return self.shown_on
