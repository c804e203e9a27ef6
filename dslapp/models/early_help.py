"""Early Help plans (SMART goals, TAF) and their reviews."""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum

from pydantic import Field, model_validator

from dslapp.models.base import (
    ChildRecord,
    Model,
    Name,
    PastDate,
    RequiredText,
    SavableStr,
    Score,
    ShortText,
    Text,
    join_text,
)


class Goal(Model):
    """A SMART goal: what will change, who does what, by when, and how we will know."""

    goal_id: uuid.UUID = Field(default_factory=uuid.uuid4)
    what_will_change: RequiredText
    who_does_what: Text = ""
    by_when: date | None = None
    how_we_will_know: Text = ""
    baseline: Score = 0


class PlanStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class EarlyHelpPlan(ChildRecord):
    KIND = "early_help_plan"
    LABEL = "Early Help plan"

    started_on: PastDate
    lead_practitioner: ShortText = ""
    family_view: Text = ""
    child_view: Text = Field(default="", description="The child's view, in their own words.")
    worries: Text = Field(default="", description="What are we worried about?")
    working_well: Text = Field(default="", description="What is working well?")
    goals: list[Goal] = Field(default_factory=list)
    taf_members: list[ShortText] = Field(default_factory=list)
    next_review: date | None = None
    status: PlanStatus = PlanStatus.OPEN
    closed_on: date | None = None
    closing_summary: Text = Field(default="", description="What has improved for the child.")
    started_from_id: uuid.UUID | None = Field(
        default=None, description="The concern or decision (threshold decision, referral outcome) that started it."
    )

    @model_validator(mode="after")
    def _closed_has_a_date(self) -> EarlyHelpPlan:
        # how far ahead a review may be set (at most 12 weeks) is guidance: dslapp.guidance.early_help
        if self.status == PlanStatus.CLOSED and not self.closed_on:
            raise ValueError("closed_on: give the date the plan closed")
        return self

    def occurred_on(self) -> date:
        return self.started_on

    def search_text(self) -> str:
        goals = " ".join(g.what_will_change for g in self.goals)
        return join_text(self.family_view, self.child_view, self.worries, self.working_well, goals)


class GoalProgress(Model):
    goal_id: uuid.UUID
    score: Score
    evidence: Text = ""


class Judgement(StrEnum):
    IMPROVED = "improved"
    NO_CHANGE = "no_change"
    WORSE = "worse"

    @property
    def label(self) -> str:
        return {"improved": "Improved", "no_change": "No change", "worse": "Worse"}[self.value]


class ReviewDecision(StrEnum):
    CONTINUE = "continue"
    REVISE_GOALS = "revise_goals"
    STEP_UP = "step_up"
    STEP_DOWN = "step_down"
    CLOSE = "close"

    @property
    def label(self) -> str:
        return {
            "continue": "Continue the plan",
            "revise_goals": "Revise the goals",
            "step_up": "Step up: MASH enquiry",
            "step_down": "Step down to universal support",
            "close": "Close the plan",
        }[self.value]


class EarlyHelpReview(ChildRecord):
    """A TAF review. Its first question is always: how has life improved for the child?"""

    KIND = "early_help_review"
    LABEL = "Early Help review"

    plan_id: uuid.UUID
    held_on: PastDate
    attendees: list[ShortText] = Field(default_factory=list)
    life_improved: RequiredText = Field(description="How has life improved for the child?")
    child_voice: Text = ""
    impact_on_child: Text = Field(
        default="", description="The impact on the child since the last review: what changed, seen or said."
    )
    goal_progress: list[GoalProgress] = Field(default_factory=list)
    overall: Judgement
    decision: ReviewDecision
    decision_reasons: Text = ""
    next_review: date | None = None
    significant: bool = True

    def occurred_on(self) -> date:
        return self.held_on

    def search_text(self) -> str:
        return join_text(self.life_improved, self.child_voice, self.impact_on_child, self.decision_reasons)


LEVEL_LABELS = {
    1: "Level 1: Universal",
    2: "Level 2: Early Help",
    3: "Level 3: Targeted Early Help",
    4: "Level 4: Specialist / statutory",
}


class ThresholdDecision(ChildRecord):
    """A Levels of Need decision: evidence by domain, the level chosen, reasoning, who was consulted."""

    KIND = "threshold_decision"
    LABEL = "Threshold decision"

    decided_on: PastDate
    level: int = Field(ge=1, le=4)
    evidence: dict[SavableStr, list[ShortText]] = Field(
        default_factory=dict, description="Descriptors marked, by domain (child, parenting, family)."
    )
    reasoning: RequiredText
    consulted: ShortText = ""
    concern_ids: list[uuid.UUID] = Field(default_factory=list)
    decided_by: Name
    significant: bool = True

    def occurred_on(self) -> date:
        return self.decided_on

    def search_text(self) -> str:
        return self.reasoning
