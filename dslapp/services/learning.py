"""The learning library: learning from practice reviews, the DSL's own notes, and what will change here.

A starter set ships in ``resources/learning/library.toml`` (written for this app; the sources named are
fictional). It is copied into a vault on first use, each starter entry under a fixed id derived from its
key, so learning cards can link to the full entry and seeding twice never duplicates. After that the
entries are ordinary ``LearningNote`` records: amended (never overwritten), tagged, searched.

Settings (how early the CPD reminder comes, how old the child's voice may be before a prompt) live in
``resources/learning/settings.toml``; a school overrides them with ``<config_dir>/learning/settings.toml``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import Field

from dslapp import settings_files
from dslapp.config import config_dir
from dslapp.errors import InvalidRecord
from dslapp.guidance.learning_library import (
    STARTER_AUTHOR,
    StarterEntry,
    entry_id,
    starter_entries,
    starter_entry,
)
from dslapp.models import LearningNote
from dslapp.models.supervision import FollowUp
from dslapp.services import recording
from dslapp.services.changes import Changes
from dslapp.services.results import Saved
from dslapp.settings_files import FileModel
from dslapp.store import RecordStore
from dslapp.store.records import validate

SETTINGS_FILE = "settings.toml"
SETTINGS_WHAT = "learning settings"
_SHIPPED = f"learning/{SETTINGS_FILE}"


# ---- settings ---------------------------------------------------------------------------------------


class LearningSettings(FileModel):
    """Parameters of the learning features (validated; unknown keys are errors)."""

    cpd_reminder_days: int = Field(default=60, ge=0, le=730)
    """Today reminds this many days before a CPD refresher is due."""
    cpd_refresher_years: int = Field(default=2, ge=1, le=10)
    """DSL training is updated at least every two years (KCSIE 2025, Annex C)."""
    knowledge_refresh_months: int = Field(default=12, ge=1, le=24)
    """The DSL's knowledge and skills are refreshed at least annually (KCSIE 2025, Annex C): Today reminds
    when nothing (training, a bulletin read, a DSL network meeting) has been recorded for this long."""
    voice_max_age_days: int = Field(default=90, ge=1, le=3650)
    """Before closing an Early Help plan or sending a referral, prompt if the child's words are older."""
    supervision_action_days: int = Field(default=7, ge=0, le=90)
    """Supervision actions show on Today this many days before they are due."""


def load_learning_settings(*overrides: Path) -> LearningSettings:
    """Shipped settings with each override file laid over them."""
    return settings_files.load(LearningSettings, SETTINGS_WHAT, shipped=(_SHIPPED,), overrides=overrides)


def learning_settings() -> LearningSettings:
    """The settings in force (shipped, with this installation's override if there is one)."""
    local = settings_files.present(config_dir() / "learning", (SETTINGS_FILE,))
    return settings_files.load_in_force(LearningSettings, SETTINGS_WHAT, shipped=(_SHIPPED,), overrides=local)


# ---- the starter library -------------------------------------------------------------------------------


def seed_library(store: RecordStore) -> Changes:
    """Copy any starter entries the vault does not have yet (first use; safe to call every time)."""
    have = {str(n.id) for n in store.all_of(LearningNote)}
    new = [
        validate(
            LearningNote,
            {
                "id": e.id,
                "created_by": STARTER_AUTHOR,
                "title": e.title,
                "source": e.source,
                "published_on": e.published_on,
                "key_messages": e.key_messages,
                "questions": e.questions,
                "tags": list(e.tags),
            },
        )
        for e in starter_entries()
        if str(e.id) not in have
    ]
    if not new:
        return Changes()
    store.add_many(new, detail="learning library: starter entries")
    return Changes.of(LearningNote.KIND)


# ---- reading ---------------------------------------------------------------------------------------------


def list_entries(store: RecordStore, *, tag: str = "", seed: bool = True) -> list[LearningNote]:
    """The library, newest publication first (seeding the starter set on first use)."""
    if seed:
        seed_library(store)
    entries = store.all_of(LearningNote)
    if tag:
        entries = [e for e in entries if tag.casefold() in (t.casefold() for t in e.tags)]
    return sorted(entries, key=lambda e: (e.published_on or date.min, e.title), reverse=True)


def search_entries(store: RecordStore, text: str) -> list[LearningNote]:
    """Entries whose title, messages, questions, tags or notes have a word starting with each word of ``text``."""
    words = [w.casefold() for w in text.split() if w.strip()]
    entries = list_entries(store)
    if not words:
        return entries

    def haystack(e: LearningNote) -> str:
        return " ".join(
            [e.title, e.source, e.key_messages, e.questions, " ".join(e.tags), e.what_we_will_change]
        ).casefold()

    patterns = [re.compile(r"\b" + re.escape(w)) for w in words]
    return [e for e in entries if all(p.search(haystack(e)) for p in patterns)]


def all_tags(store: RecordStore) -> list[str]:
    """Every tag used in the library, in alphabetical order (case kept from first use)."""
    seen: dict[str, str] = {}
    for entry in store.all_of(LearningNote):
        for tag in entry.tags:
            seen.setdefault(tag.casefold(), tag)
    return sorted(seen.values(), key=str.casefold)


def get_entry(store: RecordStore, note_id: uuid.UUID | str) -> LearningNote:
    return store.get_as(LearningNote, note_id)


@dataclass(frozen=True)
class LearningAction:
    entry_id: str
    entry_title: str
    index: int
    action: FollowUp


def learning_actions(store: RecordStore, *, open_only: bool = False) -> list[LearningAction]:
    """Actions that follow from the library's "what we will change here"."""
    out = []
    for entry in store.all_of(LearningNote):
        for index, action in enumerate(entry.actions):
            if open_only and action.done_on is not None:
                continue
            out.append(LearningAction(str(entry.id), entry.title, index, action))
    return sorted(out, key=lambda a: (a.action.due or date.max, a.entry_title))


# ---- writing ---------------------------------------------------------------------------------------------


def _clean_tags(tags: Iterable[str]) -> list[str]:
    out: dict[str, str] = {}
    for tag in tags:
        tag = tag.strip()
        if tag:
            out.setdefault(tag.casefold(), tag)
    return list(out.values())


def add_entry(store: RecordStore, **fields: Any) -> Saved[LearningNote]:
    """Add the DSL's own entry (title required; source, date, messages, questions, tags optional)."""
    if "tags" in fields:
        fields["tags"] = _clean_tags(fields["tags"])
    return recording.record(store, LearningNote, **fields)


def edit_entry(store: RecordStore, note_id: uuid.UUID | str, reason: str, **changes: Any) -> Saved[LearningNote]:
    """Amend an entry: the earlier text is kept with who, when and ``reason``."""
    get_entry(store, note_id)
    if "tags" in changes:
        changes["tags"] = _clean_tags(changes["tags"])
    if "actions" in changes:
        changes["actions"] = [a.model_dump(mode="json") if isinstance(a, FollowUp) else a for a in changes["actions"]]
    result = recording.amend(store, note_id, reason, **changes)
    assert isinstance(result.value, LearningNote)
    return Saved(result.value, result.changes)


def tag_entry(store: RecordStore, note_id: uuid.UUID | str, tags: Sequence[str]) -> Saved[LearningNote]:
    """Replace an entry's tags."""
    return edit_entry(store, note_id, "Tags changed", tags=list(tags))


def record_what_we_will_change(
    store: RecordStore,
    note_id: uuid.UUID | str,
    what_we_will_change: str,
    actions: Sequence[FollowUp] = (),
    *,
    reason: str = "Recorded what we will change here",
) -> Saved[LearningNote]:
    """Record "could this happen here? what we will change", and the actions that follow."""
    entry = get_entry(store, note_id)
    if not what_we_will_change.strip() and not actions:
        raise InvalidRecord("Say what you will change here, or add an action.")
    return edit_entry(
        store,
        note_id,
        reason,
        what_we_will_change=what_we_will_change,
        actions=[*entry.actions, *actions],
    )


def complete_learning_action(store: RecordStore, note_id: uuid.UUID | str, index: int, on: date) -> Saved[LearningNote]:
    entry = get_entry(store, note_id)
    if not 0 <= index < len(entry.actions):
        raise InvalidRecord("That action is not on this entry.")
    actions = [a.model_copy() for a in entry.actions]
    actions[index] = actions[index].model_copy(update={"done_on": on})
    return edit_entry(store, note_id, "Action done", actions=actions)


__all__ = [
    "LearningAction",
    "LearningSettings",
    "StarterEntry",
    "add_entry",
    "all_tags",
    "complete_learning_action",
    "edit_entry",
    "entry_id",
    "get_entry",
    "learning_actions",
    "learning_settings",
    "list_entries",
    "load_learning_settings",
    "record_what_we_will_change",
    "search_entries",
    "seed_library",
    "starter_entries",
    "starter_entry",
    "tag_entry",
]
