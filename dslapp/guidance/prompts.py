"""Prompts: what a rule says to the DSL at the moment of decision, and what it offers to do next.

A prompt is plain data (no Qt): the UI shows ``title`` and ``message``, an expandable ``learning``
panel, and one button per action; it matches on the stable ``code`` strings, never on wording (which
lives in ``resources/guidance/`` and may be changed by a local authority).
"""

from __future__ import annotations

from dataclasses import dataclass

from dslapp.guidance.config import Learning
from dslapp.text import dmy


class PromptCode:
    """Stable codes for prompts (tests and the UI match on these)."""

    SERVICES_ONLY = "eh_services_only"
    NO_CHANGE = "eh_no_change"
    WORSE = "eh_worse"
    TWO_WITHOUT_IMPROVEMENT = "eh_two_without_improvement"
    STEP_UP = "eh_step_up"
    CLOSE_PLAN = "eh_close_plan"
    NEGLECT_NOT_REFERRED = "neglect_not_referred"
    CUMULATIVE_NEGLECT = "cumulative_neglect"
    LEVEL_BELOW_EVIDENCE = "threshold_level_below_evidence"
    NO_EVIDENCE = "threshold_no_evidence"
    DOMAIN_MISSING = "threshold_domain_missing"
    ESCALATION_NEXT_STAGE = "escalation_next_stage"


class ActionCode:
    """What a prompt's buttons do; the UI maps each code to a screen or service call."""

    REVISE_GOALS = "revise_goals"
    """Open the plan's goals for revision (``services.early_help.revise_goals``)."""
    DRAFT_MASH_ENQUIRY = "draft_mash_enquiry"
    """Start a MASH enquiry draft (``services.early_help.draft_mash_enquiry_from_case``)."""
    CLOSE_PLAN = "close_plan"
    """Close the plan, saying what has improved (``services.early_help.close_plan``)."""
    RECORD_REASONS = "record_reasons"
    """Go to the reasons field named by the prompt."""
    THRESHOLD_TOOL = "threshold_tool"
    """Open the Levels of Need tool for the child."""
    ESCALATE = "escalate"
    """Move an escalation to its next stage (``services.escalation.step_up``)."""


@dataclass(frozen=True)
class PromptAction:
    code: str
    label: str


@dataclass(frozen=True)
class Prompt:
    code: str
    title: str
    message: str
    learning: Learning | None = None
    actions: tuple[PromptAction, ...] = ()
    field: str = ""
    """The form field this prompt is about (e.g. ``decision_reasons``), if any."""
    required: bool = False
    """True when the record cannot be saved until ``field`` is filled in."""

    def has_action(self, code: str) -> bool:
        return any(a.code == code for a in self.actions)


def fill(template: str, **values: object) -> str:
    """``str.format`` that never fails on a settings file with a stray or unknown brace."""
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


__all__ = ["ActionCode", "Prompt", "PromptAction", "PromptCode", "dmy", "fill"]
