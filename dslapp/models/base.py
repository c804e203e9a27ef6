"""What every record shares: a UUID, who created it and when, a version, and its amendments."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

from dslapp.text import LONE_SURROGATE_MESSAGE, has_lone_surrogate, name_problem

# A little slack for laptops whose clock is a few minutes out.
_CLOCK_SLACK = timedelta(hours=12)


def utcnow() -> datetime:
    return datetime.now(UTC)


def is_stored(info: ValidationInfo) -> bool:
    """True when validating a record read back from the vault or a bundle.

    Checks that depend on today's date (not in the future, plausible DOB) apply to new entries only:
    a record that was valid when saved must always read back, years later.
    """
    return bool(info.context and info.context.get("stored"))


STORED = {"stored": True}


def _not_future_date(value: date, info: ValidationInfo) -> date:
    if not is_stored(info) and value > (utcnow() + _CLOCK_SLACK).date():
        raise ValueError("cannot be in the future")
    return value


def local_now() -> datetime:
    """Wall-clock time on this laptop, to the second (concern times are what the DSL sees on the clock)."""
    return datetime.now().replace(microsecond=0)


def _as_local(value: datetime) -> datetime:
    return value.astimezone().replace(tzinfo=None) if value.tzinfo else value


def _not_future_datetime(value: datetime, info: ValidationInfo) -> datetime:
    """Times of events are naive local wall-clock times; aware ones are converted."""
    value = _as_local(value)
    if not is_stored(info) and value > local_now() + _CLOCK_SLACK:
        raise ValueError("cannot be in the future")
    return value


PastDate = Annotated[date, AfterValidator(_not_future_date)]
PastDateTime = Annotated[datetime, AfterValidator(_not_future_datetime)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
RequiredText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
RequiredShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Score = Annotated[int, Field(ge=0, le=10)]
MAX_VERSION = 1_000_000
"""More amendments than any record will ever have; keeps a version from a file within what the database and
the history check can hold (a bundle claiming version 10**9 once took a test worker's memory)."""


def _check_name(value: str, info: ValidationInfo) -> str:
    """A new name must have something a reader can see, and no NUL (names already saved always read back)."""
    if value and not is_stored(info):
        problem = name_problem(value)
        if problem:
            raise ValueError(problem)
    return value


Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), AfterValidator(_check_name)
]
"""A person's name (a child's, a parent's, a professional's, a reporter's): required, and refused when it is
empty once control and invisible characters (zero-width spaces, byte order marks, bidirectional marks...)
are taken out, or holds a NUL."""
OptionalName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300), AfterValidator(_check_name)]
"""A name that may be left empty; when given, the same rules as :data:`Name`."""


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return has_lone_surrogate(value)
    if isinstance(value, list | tuple | set | frozenset):
        return any(_has_lone_surrogate(item) for item in value)
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    return False


class Model(BaseModel):
    """Strict-ish base for everything stored: unknown fields are errors, text is trimmed, and text that
    cannot be saved (a lone surrogate) is refused here, with the field named, not by the database later."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)

    @field_validator("*", mode="before")
    @classmethod
    def _savable_text(cls, value: Any, info: ValidationInfo) -> Any:
        # Before the field's own parsing, so every kind of field (plain text, lists, free-form dicts) gives the
        # same message. JSON (a record read back from the vault) cannot hold a lone surrogate: its parser
        # refuses one, so that path is not checked twice.
        if info.mode == "python" and _has_lone_surrogate(value):
            raise ValueError(LONE_SURROGATE_MESSAGE)
        return value


class Amendment(Model):
    """One change to a record: the body as it was before, and who changed it, when and why."""

    version: int = Field(ge=2, le=MAX_VERSION, description="The record version this amendment created.")
    at: datetime
    by: RequiredShortText
    reason: RequiredText
    previous: dict[str, Any] = Field(description="The record's fields before this amendment.")


class Record(Model):
    """Base of every record kind. ``KIND`` names its rows in the store."""

    KIND: ClassVar[str] = ""
    LABEL: ClassVar[str] = ""

    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    created_at: datetime = Field(default_factory=utcnow)
    created_by: ShortText = ""
    version: int = Field(default=1, ge=1, le=MAX_VERSION)

    def occurred_on(self) -> date | None:
        """The date this record sorts by in a child's history (None if it has no date)."""
        return None

    def search_text(self) -> str:
        """Text indexed for full-text search (empty: not searchable)."""
        return ""

    def body(self) -> dict[str, Any]:
        """The stored fields (metadata columns excluded)."""
        return self.model_dump(mode="json", exclude={"id", "created_at", "created_by", "version"})


class ChildRecord(Record):
    """A record that belongs to one child."""

    child_id: uuid.UUID


def join_text(*parts: object) -> str:
    return "\n".join(str(p) for p in parts if p)
