"""What every record shares: a UUID, who created it and when, a version, and its amendments."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, ClassVar, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo

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


def happened_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``cls`` that say when something happened (declared ``PastDate`` or ``PastDateTime``,
    optional or not): the dates an import checks against the receiving casebook's today."""
    found = _HAPPENED_FIELDS.get(cls)
    if found is None:
        names = []
        for name, info in cls.model_fields.items():
            metadata = list(info.metadata)
            for arg in get_args(info.annotation):  # ``PastDate | None``
                metadata.extend(getattr(arg, "__metadata__", ()))
            if any(isinstance(m, AfterValidator) and m.func in _HAPPENED_CHECKS for m in metadata):
                names.append(name)
        found = _HAPPENED_FIELDS[cls] = tuple(names)
    return found


_HAPPENED_CHECKS = (_not_future_date, _not_future_datetime)
_HAPPENED_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {}

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
    """Any text in ``value`` (or in the lists and dicts inside it, however deep) holding a lone surrogate."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if has_lone_surrogate(item):
                return True
        elif isinstance(item, list | tuple | set | frozenset):
            pending.extend(item)
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
    return False


def _savable(value: Any) -> Any:
    if _has_lone_surrogate(value):
        raise ValueError(LONE_SURROGATE_MESSAGE)
    return value


# Text that cannot be saved (a lone surrogate: half of a UTF-16 pair, not a character) must be refused at
# validation, with the field named, not by the database insert later. The constrained text types above
# refuse it already (pydantic reads them as Unicode; store.records.explain_validation words that error);
# text and free-form values kept exactly as given use these instead of a bare ``str`` or ``dict``.
SavableStr = Annotated[str, AfterValidator(_savable)]
"""Text kept exactly as given (an id, a form's key or answer), refused when it holds a lone surrogate."""
SavableDict = Annotated[dict[str, Any], AfterValidator(_savable)]
"""A free-form mapping (an earlier version of a record), refused when any text in it holds a lone surrogate."""


class Model(BaseModel):
    """Strict-ish base for everything stored: unknown fields are errors, text is trimmed."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)


class Amendment(Model):
    """One change to a record: the body as it was before, and who changed it, when and why."""

    version: int = Field(ge=2, le=MAX_VERSION, description="The record version this amendment created.")
    at: datetime
    by: RequiredShortText
    reason: RequiredText
    previous: SavableDict = Field(description="The record's fields before this amendment.")


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
