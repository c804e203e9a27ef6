"""A DSL's supervision notes and learning notes (not tied to one child)."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import Field

from dslapp.models.base import Model, Name, PastDate, Record, RequiredShortText, ShortText, Text, join_text


class FollowUp(Model):
    what: RequiredShortText
    due: date | None = None
    done_on: date | None = None


class SupervisionNote(Record):
    KIND = "supervision_note"
    LABEL = "Supervision note"

    held_on: PastDate
    supervisor: Name
    child_ids: list[uuid.UUID] = Field(default_factory=list)
    reflections: Text = ""
    do_differently: Text = ""
    actions: list[FollowUp] = Field(default_factory=list)

    def occurred_on(self) -> date:
        return self.held_on

    def search_text(self) -> str:
        return join_text(self.reflections, self.do_differently)


class LearningNote(Record):
    KIND = "learning_note"
    LABEL = "Learning note"

    title: RequiredShortText
    source: ShortText = ""
    published_on: date | None = None
    key_messages: Text = ""
    questions: Text = ""
    tags: list[ShortText] = Field(default_factory=list)
    what_we_will_change: Text = ""
    actions: list[FollowUp] = Field(default_factory=list)

    def search_text(self) -> str:
        return join_text(self.title, self.key_messages, self.questions, " ".join(self.tags))
