"""The child at the centre: every recorded instance of the child's own words and views, with dates.

Collected from concerns (the child's words), Early Help plans (the child's view), Early Help reviews
(the child's voice) and referrals (the enquiry's "child's views" section). Before closing an Early Help
plan or sending a referral, :func:`voice_prompt` says when the child's voice was last recorded and
prompts if that is longer ago than ``voice_max_age_days`` (90 by default).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from dslapp.guidance.prompts import Prompt, dmy
from dslapp.models import Child, Concern, EarlyHelpPlan, EarlyHelpReview, Record, Referral
from dslapp.services.learning import LearningSettings, learning_settings
from dslapp.store import RecordStore

REFERRAL_VIEWS_KEY = "child_views"


class VoiceSource:
    CONCERN = "concern"
    EH_PLAN = "early_help_plan"
    EH_REVIEW = "early_help_review"
    REFERRAL = "referral"


SOURCE_LABELS = {
    VoiceSource.CONCERN: "Record of concern",
    VoiceSource.EH_PLAN: "Early Help plan: the child's view",
    VoiceSource.EH_REVIEW: "Early Help review: the child's voice",
    VoiceSource.REFERRAL: "MASH enquiry: the child's views",
}


class VoicePromptCode:
    VOICE_OLD = "child_voice_old"
    VOICE_NEVER = "child_voice_never"


@dataclass(frozen=True)
class VoiceEntry:
    on: date
    source: str
    record_id: str
    words: str

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS[self.source]


def voice_entries(records: list[Record]) -> list[VoiceEntry]:
    """The child's words and views in ``records``, newest first (pure)."""
    out: list[VoiceEntry] = []
    for record in records:
        if isinstance(record, Concern) and record.child_words.strip():
            out.append(VoiceEntry(record.observed_at.date(), VoiceSource.CONCERN, str(record.id), record.child_words))
        elif isinstance(record, EarlyHelpPlan) and record.child_view.strip():
            out.append(VoiceEntry(record.started_on, VoiceSource.EH_PLAN, str(record.id), record.child_view))
        elif isinstance(record, EarlyHelpReview) and record.child_voice.strip():
            out.append(VoiceEntry(record.held_on, VoiceSource.EH_REVIEW, str(record.id), record.child_voice))
        elif isinstance(record, Referral):
            words = record.form.get(REFERRAL_VIEWS_KEY, "").strip()
            if words:
                out.append(VoiceEntry(record.sent_on or record.started_on, VoiceSource.REFERRAL, str(record.id), words))
    return sorted(out, key=lambda e: e.on, reverse=True)


def child_voice(store: RecordStore, child_id: uuid.UUID | str) -> list[VoiceEntry]:
    """Every recorded instance of the child's own words and views, newest first."""
    records = store.for_child(child_id, Concern, EarlyHelpPlan, EarlyHelpReview, Referral)
    return voice_entries(list(records))


def voice_last_recorded(store: RecordStore, child_id: uuid.UUID | str, on: date | None = None) -> date | None:
    """The last day (up to ``on``, if given) the child's own words or views were recorded."""
    days = [e.on for e in child_voice(store, child_id) if on is None or e.on <= on]
    return max(days) if days else None


def voice_prompt(last: date | None, on: date, name: str, settings: LearningSettings | None = None) -> Prompt | None:
    """The prompt before closing a plan or sending a referral: None if the child's voice is recent."""
    days = (settings or learning_settings()).voice_max_age_days
    if last is not None and (on - last).days <= days:
        return None
    if last is None:
        return Prompt(
            VoicePromptCode.VOICE_NEVER,
            "The child's voice has not been recorded",
            f"Nothing in {name}'s own words is recorded. Before you go on, talk with {name} and record what "
            "they say about their life and what they want to happen.",
        )
    return Prompt(
        VoicePromptCode.VOICE_OLD,
        f"The child's voice was last recorded {dmy(last)}",
        f"{name}'s own words were last recorded on {dmy(last)}, more than {days} days ago. Before you go on, "
        f"talk with {name} and record what they say now.",
    )


def voice_check(
    store: RecordStore, child_id: uuid.UUID | str, on: date, settings: LearningSettings | None = None
) -> tuple[date | None, Prompt | None]:
    """When the child's voice was last recorded, and the prompt to show if it is too old."""
    child = store.get_as(Child, child_id)
    last = voice_last_recorded(store, child_id, on)
    return last, voice_prompt(last, on, child.known_as or child.legal_forename, settings)


__all__ = [
    "SOURCE_LABELS",
    "VoiceEntry",
    "VoicePromptCode",
    "VoiceSource",
    "child_voice",
    "voice_check",
    "voice_entries",
    "voice_last_recorded",
    "voice_prompt",
]
