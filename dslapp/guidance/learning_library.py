"""The starter learning library shipped with the app (``resources/learning/library.toml``), read once.

Written for this app (the sources named are fictional). Each starter entry has a fixed id derived from its key,
so learning cards can link to it and seeding a vault twice never duplicates (``services.learning`` seeds).
"""

from __future__ import annotations

import tomllib
import uuid
from dataclasses import dataclass
from datetime import date
from functools import cache

from dslapp.errors import CasebookError
from dslapp.paths import resource_files

LIBRARY_FILE = "library.toml"
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


def entry_id(key: str) -> uuid.UUID:
    """The fixed id a starter entry has in every vault."""
    return uuid.uuid5(_NAMESPACE, key)


@cache
def starter_entries() -> tuple[StarterEntry, ...]:
    """The starter learning library shipped with the app (read once)."""
    text = (resource_files() / "learning").joinpath(LIBRARY_FILE).read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CasebookError(f"The learning library ({LIBRARY_FILE}) could not be read: {exc}.") from exc
    out = []
    for raw in data.get("entry", []):
        out.append(
            StarterEntry(
                key=str(raw["key"]),
                title=str(raw["title"]).strip(),
                source=str(raw.get("source", "")).strip(),
                published_on=raw.get("published_on"),
                key_messages=str(raw.get("key_messages", "")).strip(),
                questions=str(raw.get("questions", "")).strip(),
                tags=tuple(str(t) for t in raw.get("tags", [])),
            )
        )
    return tuple(out)


def starter_entry(key: str) -> StarterEntry | None:
    return next((e for e in starter_entries() if e.key == key), None)
