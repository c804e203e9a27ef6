"""The starter learning library shipped with the app (``resources/learning/library.toml``), read once.

Written for this app (the sources named are fictional). Each starter entry has a fixed id derived from its key,
so learning cards can link to it and seeding a vault twice never duplicates (``services.learning`` seeds).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import StringConstraints

from dslapp import settings_files
from dslapp.settings_files import FileModel

LIBRARY_FILE = "library.toml"
WHAT = "learning library"
STARTER_AUTHOR = "DSL Casebook starter library"
_NAMESPACE = uuid.UUID("6f1c8a52-3b0e-4c55-9a57-4d1f2e8b7c10")


@dataclass(frozen=True)
class StarterEntry:
    key: str
    title: str
    source: str
    published_on: date | None
    key_messages: str
    questions: str
    tags: tuple[str, ...]

    @property
    def id(self) -> uuid.UUID:
        return entry_id(self.key)

    @property
    def summary(self) -> str:
        """The first key message (what a learning card shows)."""
        return next((line.strip() for line in self.key_messages.splitlines() if line.strip()), "")


class LibraryEntry(FileModel):
    """One ``[[entry]]`` of ``library.toml`` as read (unknown keys are errors)."""

    key: Annotated[str, StringConstraints(min_length=1)]
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    source: str = ""
    published_on: date | None = None
    key_messages: str = ""
    questions: str = ""
    tags: tuple[str, ...] = ()


class LibraryFile(FileModel):
    entry: tuple[LibraryEntry, ...] = ()


def entry_id(key: str) -> uuid.UUID:
    """The fixed id a starter entry has in every vault."""
    return uuid.uuid5(_NAMESPACE, key)


def load_library(*overrides: Path) -> tuple[StarterEntry, ...]:
    """The shipped library, or the one in the last of ``overrides`` (a list of entries replaces the list)."""
    library = settings_files.load(LibraryFile, WHAT, shipped=(f"learning/{LIBRARY_FILE}",), overrides=overrides)
    return tuple(
        StarterEntry(
            key=raw.key,
            title=raw.title.strip(),
            source=raw.source.strip(),
            published_on=raw.published_on,
            key_messages=raw.key_messages.strip(),
            questions=raw.questions.strip(),
            tags=raw.tags,
        )
        for raw in library.entry
    )


@cache
def starter_entries() -> tuple[StarterEntry, ...]:
    """The starter learning library shipped with the app (read once)."""
    return load_library()


def starter_entry(key: str) -> StarterEntry | None:
    return next((e for e in starter_entries() if e.key == key), None)
