"""Records of concern and the actions that follow them."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import Field, ValidationError, ValidatorFunctionWrapHandler, field_validator, model_validator

from dslapp.models.base import (
    ChildRecord,
    Model,
    Name,
    PastDateTime,
    RequiredShortText,
    RequiredText,
    SavableStr,
    ShortText,
    Text,
    join_text,
    local_now,
)


class Category(StrEnum):
    PHYSICAL = "physical_abuse"
    EMOTIONAL = "emotional_abuse"
    SEXUAL = "sexual_abuse"
    NEGLECT = "neglect"
    CHILD_ON_CHILD = "child_on_child"
    DOMESTIC_ABUSE = "domestic_abuse"
    CCE = "criminal_exploitation"
    CSE = "sexual_exploitation"
    TRAFFICKING = "trafficking"
    FGM = "fgm"
    RADICALISATION = "radicalisation"
    ONLINE = "online_safety"
    MENTAL_HEALTH = "mental_health"
    ATTENDANCE = "attendance"
    SELF_HARM = "self_harm"
    HONOUR_BASED = "honour_based_abuse"
    FORCED_MARRIAGE = "forced_marriage"
    PRIVATE_FOSTERING = "private_fostering"
    OTHER = "other"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS = {
    Category.PHYSICAL: "Physical abuse",
    Category.EMOTIONAL: "Emotional abuse",
    Category.SEXUAL: "Sexual abuse",
    Category.NEGLECT: "Neglect",
    Category.CHILD_ON_CHILD: "Child-on-child abuse",
    Category.DOMESTIC_ABUSE: "Domestic abuse",
    Category.CCE: "Child criminal exploitation / county lines",
    Category.CSE: "Child sexual exploitation",
    Category.TRAFFICKING: "Trafficking / modern slavery",
    Category.FGM: "FGM",
    Category.RADICALISATION: "Radicalisation (Prevent)",
    Category.ONLINE: "Online safety",
    Category.MENTAL_HEALTH: "Mental health",
    Category.ATTENDANCE: "Attendance / missing education",
    Category.SELF_HARM: "Self-harm",
    Category.HONOUR_BASED: "Honour-based abuse",
    Category.FORCED_MARRIAGE: "Forced marriage",
    Category.PRIVATE_FOSTERING: "Private fostering",
    Category.OTHER: "Other",
}


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class DslDecision(StrEnum):
    PENDING = "pending"
    MONITOR = "monitor"
    SUPPORT_IN_SCHOOL = "support_in_school"
    EARLY_HELP = "early_help"
    CONSULTATION = "consultation"
    MASH_ENQUIRY = "mash_enquiry"
    POLICE = "police"
    INFORM_SOCIAL_WORKER = "inform_social_worker"
    NO_FURTHER_ACTION = "no_further_action"

    @property
    def label(self) -> str:
        return DECISION_LABELS[self]

    @property
    def is_referral(self) -> bool:
        return self in (DslDecision.MASH_ENQUIRY, DslDecision.POLICE, DslDecision.INFORM_SOCIAL_WORKER)


DECISION_LABELS = {
    DslDecision.PENDING: "Awaiting DSL decision",
    DslDecision.MONITOR: "Monitor in school",
    DslDecision.SUPPORT_IN_SCHOOL: "Support in school",
    DslDecision.EARLY_HELP: "Early Help",
    DslDecision.CONSULTATION: "Consultation with MASH / consultation line",
    DslDecision.MASH_ENQUIRY: "MASH enquiry",
    DslDecision.POLICE: "Reported to police",
    DslDecision.INFORM_SOCIAL_WORKER: "Shared with allocated social worker",
    DslDecision.NO_FURTHER_ACTION: "No further action",
}


class BodyView(StrEnum):
    """Which outline of the body map a mark is on."""

    FRONT = "front"
    BACK = "back"

    @property
    def label(self) -> str:
        return "Front" if self is BodyView.FRONT else "Back"


class MarkType(StrEnum):
    BRUISE = "bruise"
    CUT = "cut"
    BURN = "burn"
    SCRATCH = "scratch"
    BITE = "bite"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.capitalize()


MAX_BODY_MARKS = 60


class BodyMark(Model):
    """One numbered mark on the body map: where it is (on the front or back outline, as a fraction of the
    outline's width and height from its top left) and what it looks like, with the child's own explanation."""

    number: int = Field(ge=1, le=MAX_BODY_MARKS)
    view: BodyView
    x: float = Field(ge=0.0, le=1.0, allow_inf_nan=False)
    y: float = Field(ge=0.0, le=1.0, allow_inf_nan=False)
    mark_type: MarkType = MarkType.BRUISE
    size_cm: float | None = Field(default=None, ge=0.0, le=200.0, allow_inf_nan=False)
    colour: ShortText = ""
    shape: ShortText = ""
    child_explanation: Text = Field(default="", description="How the child explained the mark, in their own words.")

    def description(self) -> str:
        """One line as a printed key reads: "1 (front): bruise, 2 cm, blue-purple, oval. Child said: “…”"."""
        parts = [self.mark_type.label.lower() if self.mark_type != MarkType.OTHER else "other mark"]
        if self.size_cm is not None:
            parts.append(f"{self.size_cm:g} cm")
        parts.extend(p for p in (self.colour, self.shape) if p)
        text = f"{self.number} ({self.view.label.lower()}): {', '.join(parts)}."
        if self.child_explanation:
            text += f" Child said: “{self.child_explanation}”"
        return text


_MARK_FIELD_WORDS = {
    "number": "its number",
    "view": "the outline (front or back)",
    "x": "its place across the outline",
    "y": "its place down the outline",
    "mark_type": "the type of mark",
    "size_cm": "its size in cm",
    "colour": "its colour",
    "shape": "its shape",
    "child_explanation": "the child's explanation",
}


def _mark_problem(error: Mapping[str, Any]) -> str:
    limits = error.get("ctx") or {}
    kind = error.get("type")
    if kind in ("less_than_equal", "less_than"):
        return f"must be no more than {_number(limits.get('le', limits.get('lt')))}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {_number(limits.get('ge', limits.get('gt')))}"
    if kind == "enum":
        return f"must be one of {limits.get('expected', '')}"
    message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
    return "is not valid: " + message[:1].lower() + message[1:]


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) else str(value)


class Concern(ChildRecord):
    """A record of concern: facts, the child's own words, what was done and why."""

    KIND = "concern"
    LABEL = "Record of concern"

    observed_at: PastDateTime
    recorded_at: PastDateTime = Field(default_factory=local_now)
    reporter_name: Name
    reporter_role: ShortText = ""
    categories: list[Category] = Field(min_length=1)
    severity: Severity = Severity.MEDIUM
    where: ShortText = Field(default="", description="Where it was seen or heard, e.g. 'Year 4 classroom'.")
    what_happened: RequiredText = Field(description="What was seen or heard: facts, not opinion.")
    child_words: Text = Field(default="", description="The child's own words, verbatim.")
    body_map_notes: Text = ""
    body_marks: list[BodyMark] = Field(
        default_factory=list,
        max_length=MAX_BODY_MARKS,
        description="Numbered marks placed on the body map's front and back outlines.",
    )
    immediate_action: Text = ""
    dsl_decision: DslDecision = DslDecision.PENDING
    decision_reasons: Text = ""
    refer_if: Text = Field(
        default="",
        description="What would make the DSL refer: asked when the decision is not to refer and the child has a "
        "neglect pattern.",
    )
    outcome: Text = ""
    impact_on_child: Text = Field(
        default="", description="The impact on the child: what changed for them, seen or said (when known)."
    )
    follows_id: uuid.UUID | None = Field(
        default=None, description="The earlier referral (and its outcome) this concern follows, when linked."
    )
    significant: bool = False
    from_staff_report: SavableStr = Field(
        default="", description="The concern from staff (its record id) this record was made from, kept as sent."
    )

    @field_validator("body_marks", mode="wrap")
    @classmethod
    def _explain_marks(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> list[BodyMark]:
        """A wrong mark is named by its number and what is wrong with it, in words (not a path of indexes)."""
        try:
            marks: list[BodyMark] = handler(value)
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = first.get("loc", ())
            if len(loc) < 2 or not isinstance(loc[0], int) or first.get("type") == "string_unicode":
                raise
            index = loc[0]
            item = value[index] if isinstance(value, list) and index < len(value) else None
            number = item.get("number") if isinstance(item, dict) else None
            which = f"mark {number}" if isinstance(number, int) else f"mark {index + 1} in the list"
            field = str(loc[1])
            raise ValueError(f"({which}): {_MARK_FIELD_WORDS.get(field, field)} {_mark_problem(first)}") from None
        return marks

    @model_validator(mode="after")
    def _order_and_reasons(self) -> Concern:
        if self.recorded_at < self.observed_at:
            raise ValueError("recorded_at: a concern cannot be recorded before it was observed")
        if self.dsl_decision == DslDecision.NO_FURTHER_ACTION and not self.decision_reasons:
            raise ValueError("decision_reasons: record why no further action was decided")
        numbers = [mark.number for mark in self.body_marks]
        if len(set(numbers)) != len(numbers):
            raise ValueError("body_marks: each mark on the body map needs its own number")
        return self

    def occurred_on(self) -> date:
        return self.observed_at.date()

    def search_text(self) -> str:
        return join_text(
            self.where,
            self.what_happened,
            self.child_words,
            *(mark.description() for mark in self.body_marks),
            self.immediate_action,
            self.decision_reasons,
            self.refer_if,
            self.outcome,
            self.impact_on_child,
        )


class Action(ChildRecord):
    """Something someone must do, by when."""

    KIND = "action"
    LABEL = "Action"

    what: RequiredText
    owner: RequiredShortText
    due: date
    done_on: date | None = None
    source_id: SavableStr = Field(default="", description="The record this action came from.")

    def occurred_on(self) -> date:
        return self.due

    def is_overdue(self, today: date) -> bool:
        return self.done_on is None and self.due < today

    def search_text(self) -> str:
        return self.what


def concern_time(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """Helper for fixtures and the demo: a local time on ``day``."""
    return datetime(day.year, day.month, day.day, hour, minute)
