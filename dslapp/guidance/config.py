"""The practice guidance settings: every rule parameter and every word the rules show.

Shipped in ``resources/guidance/practice.toml`` and ``resources/guidance/levels_of_need.toml``. A local
authority or school overrides any part by putting files of the same names in the ``guidance`` folder of
the app's settings folder (``dslapp.config.config_dir()``); tests and tools pass their own files to
:func:`load_config`. Overrides are merged over the shipped settings: tables merge key by key, anything
else (numbers, text, lists) replaces the shipped value.

Settings are validated on load, so a misspelt key or a bad number is reported in plain words rather
than surfacing later as a wrong alert.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, StringConstraints, model_validator

from dslapp import settings_files
from dslapp.config import config_dir
from dslapp.models import Category, ChildStatus, DslDecision
from dslapp.models.referral import DisagreementType
from dslapp.settings_files import FileModel, merge

CONFIG_FILES = ("practice.toml", "levels_of_need.toml", "local_contacts.toml")
OVERRIDE_FOLDER = "guidance"

Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Descriptor = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


class _Settings(FileModel):
    """Every table of these settings forbids unknown keys (``dslapp.settings_files``)."""


# ---- shared -----------------------------------------------------------------------------------------


class Learning(_Settings):
    """A piece of learning from practice reviews, shown at the moment of decision."""

    title: Words
    text: Words


class LearningSettings(_Settings):
    life_improved: Learning
    persistent: Learning
    challenge: Learning


class CalendarSettings(_Settings):
    closed_days: tuple[date, ...] = ()


# ---- Early Help -------------------------------------------------------------------------------------


class EarlyHelpPrompts(_Settings):
    no_change_title: Words
    no_change: Words
    worse_title: Words
    worse: Words
    two_without_improvement_title: Words
    two_without_improvement: Words
    continue_without_improvement: Words
    step_up_title: Words
    step_up: Words
    close_title: Words
    close: Words
    services_only_title: Words


class EarlyHelpActions(_Settings):
    revise_goals: Words
    draft_mash_enquiry: Words
    close_plan: Words
    record_reasons: Words


class EarlyHelpErrors(_Settings):
    review_too_far: Words
    review_not_after: Words
    review_before_plan: Words
    plan_closed: Words
    close_needs_improvement: Words
    close_before_start: Words
    life_improved_required: Words
    goals_required: Words
    not_this_childs_plan: Words
    unknown_goal: Words


class EarlyHelpSettings(_Settings):
    review_interval_weeks: int = Field(ge=1, le=52)
    max_review_interval_weeks: int = Field(ge=1, le=52)
    life_improved_question: Words
    life_improved_hint: Words
    services_follow_up: Words
    services_follow_up_detail: Words
    describes_services_mark: Words
    service_words: tuple[Words, ...]
    lived_experience_words: tuple[Words, ...]
    prompts: EarlyHelpPrompts
    actions: EarlyHelpActions
    errors: EarlyHelpErrors

    @model_validator(mode="after")
    def _interval_within_max(self) -> EarlyHelpSettings:
        if self.review_interval_weeks > self.max_review_interval_weeks:
            raise ValueError("review_interval_weeks must not be more than max_review_interval_weeks")
        return self


# ---- neglect ----------------------------------------------------------------------------------------


class CumulativeNeglect(_Settings):
    count: int = Field(ge=2, le=100)
    days: int = Field(ge=1, le=3650)
    slow_count: int = Field(ge=2, le=100)
    slow_days: int = Field(ge=1, le=3650)
    lookback_days: int = Field(ge=1, le=3650)


class NeglectIndicators(_Settings):
    """What makes a concern a neglect indicator: a category ticked, or a phrase in what was seen or heard."""

    categories: tuple[Category, ...]
    phrases: dict[Words, tuple[Words, ...]]
    negations: tuple[Words, ...]
    negation_reach: int = Field(ge=0, le=12)


class NeglectMessages(_Settings):
    decision_title: Words
    decision: Words
    reasoning_required: Words
    pattern_title: Words
    pattern: Words
    pattern_action_threshold: Words
    pattern_action_mash: Words
    window: Words
    last_none: Words
    last_plan_open: Words
    last_plan: Words
    last_referral: Words
    last_outcome: Words
    last_review: Words
    since_none: Words
    since_one: Words
    since_many: Words
    refer_if_required: Words
    decision_pattern: Words


class NeglectSettings(_Settings):
    acting_decisions: tuple[DslDecision, ...]
    cumulative: CumulativeNeglect
    indicators: NeglectIndicators
    messages: NeglectMessages


# ---- alerts -----------------------------------------------------------------------------------------


class AlertText(_Settings):
    title: Words
    reason: Words


class ServicesAlert(AlertText):
    one_review: Words
    many_reviews: Words
    one_answer: Words
    many_answers: Words


class NoReviewAlert(AlertText):
    last_review: Words
    never_reviewed: Words


class NfaAlert(AlertText):
    days: int = Field(ge=1, le=3650)
    lookback_days: int = Field(ge=1, le=3650)


class CpPlanAlert(AlertText):
    days: int = Field(ge=1, le=3650)
    acting_decisions: tuple[DslDecision, ...]


class ChildVoiceAlert(AlertText):
    days: int = Field(ge=1, le=3650)
    open_statuses: tuple[ChildStatus, ...]
    reason_none: Words


class EscalationAlert(AlertText):
    reason_final: Words


class ReportDueAlert(AlertText):
    report_days_before: int = Field(ge=0, le=60)
    notice_days: int = Field(ge=0, le=90)


class SoonAlert(AlertText):
    days: int = Field(ge=0, le=90)


class AlertSettings(_Settings):
    eh_no_improvement: AlertText
    eh_no_review_booked: NoReviewAlert
    eh_describes_services: ServicesAlert
    nfa_concerns_continue: NfaAlert
    cp_plan_new_concern: CpPlanAlert
    child_voice_not_recorded: ChildVoiceAlert
    escalation_response_overdue: EscalationAlert
    conference_report_due: ReportDueAlert
    core_group_soon: SoonAlert
    pep_due: SoonAlert
    encompass_today: AlertText
    status_after_plan_ended: AlertText


# ---- escalation -------------------------------------------------------------------------------------


class EscalationStage(_Settings):
    stage: int = Field(ge=1, le=4)
    title: Words
    with_whom: Words
    respond_within_working_days: int = Field(ge=1, le=60)
    advice: Words


class EscalationMessages(_Settings):
    stepped_up: Words
    response: Words
    final_stage: Words
    already_resolved: Words
    superseded: Words
    outcome_required: Words
    referral_has_no_outcome: Words
    not_this_child: Words
    next_stage_title: Words
    next_stage: Words


class EscalationSettings(_Settings):
    protocol_name: Words
    stages: tuple[EscalationStage, ...]
    disagreement_types: dict[DisagreementType, Words]
    messages: EscalationMessages

    @model_validator(mode="after")
    def _stages_in_order(self) -> EscalationSettings:
        numbers = [s.stage for s in self.stages]
        if numbers != list(range(1, len(numbers) + 1)) or not numbers:
            raise ValueError("stages must be numbered 1, 2, 3 ... in order")
        missing = [t.value for t in DisagreementType if t not in self.disagreement_types]
        if missing:
            raise ValueError(f"disagreement_types needs a label for: {', '.join(missing)}")
        return self


# ---- MASH enquiry form ------------------------------------------------------------------------------


class MashFormWords(_Settings):
    """The words of the Early Help history in a MASH enquiry (``guidance.mash_form.early_help_history``)."""

    plan_started: Words
    lead_practitioner: Words
    plan_closed: Words
    goals: Words
    review: Words
    closing_summary: Words


class MashFormSettings(_Settings):
    request_type: Words
    recent_concern_days: int = Field(ge=1, le=3650)
    max_concerns: int = Field(ge=1, le=100)
    words: MashFormWords


# ---- Levels of Need ---------------------------------------------------------------------------------


class Level(_Settings):
    level: int = Field(ge=1, le=4)
    name: Words
    summary: Words


class Domain(_Settings):
    key: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    title: Words
    question: str = ""


class DescriptorGroup(_Settings):
    level: int = Field(ge=1, le=4)
    domain: Words
    items: tuple[Descriptor, ...]


class ThresholdMessages(_Settings):
    unknown_domain: Words
    level_below_evidence_title: Words
    level_below_evidence: Words
    no_evidence_title: Words
    no_evidence: Words
    domain_missing_title: Words
    domain_missing: Words
    concern_not_this_child: Words


class LevelsOfNeedSettings(_Settings):
    name: Words
    intro: Words
    reasoning_hint: Words
    messages: ThresholdMessages
    levels: tuple[Level, ...]
    domains: tuple[Domain, ...]
    descriptors: tuple[DescriptorGroup, ...]

    @model_validator(mode="after")
    def _consistent(self) -> LevelsOfNeedSettings:
        if sorted(lv.level for lv in self.levels) != [1, 2, 3, 4]:
            raise ValueError("levels must be exactly 1, 2, 3 and 4")
        keys = [d.key for d in self.domains]
        if len(set(keys)) != len(keys) or not keys:
            raise ValueError("each domain key must be used once")
        for group in self.descriptors:
            if group.domain not in keys:
                raise ValueError(f"descriptors name a domain that is not listed: {group.domain}")
        return self


# ---- local contacts and the front-door route ----------------------------------------------------------

REQUIRED_CONTACTS = ("front_door", "out_of_hours", "lado", "police", "prevent", "health")


class LocalContact(_Settings):
    key: Words
    service: Words
    phone: Words
    when: str = ""
    notes: str = ""
    placeholder: bool = False
    """True while the number is the shipped fictional one: shown marked for the school to fill in."""


class FrontDoorRoute(_Settings):
    name: Words
    request_name: Words
    online_form: Words
    online_form_placeholder: bool = False
    route: Words
    phone_follow_up_hours: int = Field(default=0, ge=0, le=72)
    """The local procedure's time to complete the online form after phoning (0: not yet set)."""
    phone_follow_up: Words
    phone_follow_up_unset: Words


class LocalSettings(_Settings):
    title: Words
    intro: Words
    placeholder_note: Words
    front_door: FrontDoorRoute
    contacts: tuple[LocalContact, ...]

    @model_validator(mode="after")
    def _has_the_contacts_a_dsl_needs(self) -> LocalSettings:
        missing = [k for k in REQUIRED_CONTACTS if k not in {c.key for c in self.contacts}]
        if missing:
            raise ValueError(f"contacts: add {', '.join(missing)}")
        return self


# ---- the whole ----------------------------------------------------------------------------------------


class GuidanceConfig(_Settings):
    calendar: CalendarSettings = CalendarSettings()
    learning: LearningSettings
    early_help: EarlyHelpSettings
    neglect: NeglectSettings
    alerts: AlertSettings
    escalation: EscalationSettings
    mash_form: MashFormSettings
    levels_of_need: LevelsOfNeedSettings
    local: LocalSettings


WHAT = "practice guidance settings"
"""How messages name these files (``There is a mistake in the practice guidance settings file …``)."""

_SHIPPED = tuple(f"guidance/{name}" for name in CONFIG_FILES)


def parse_config(data: Mapping[str, Any], source: str = "practice guidance") -> GuidanceConfig:
    """Validate merged settings. Raises SettingsInvalid naming the setting that is wrong."""
    return settings_files.validate(GuidanceConfig, [settings_files.SettingsFile(source, data)], WHAT)


def shipped_settings() -> dict[str, Any]:
    """The settings shipped in ``resources/guidance/``, as raw tables (read once)."""
    data: dict[str, Any] = {}
    for resource in _SHIPPED:
        data = merge(data, settings_files.shipped_file(resource, WHAT).data)
    return data


def load_config(*overrides: Path | str) -> GuidanceConfig:
    """The shipped settings with each override file merged over them, in order."""
    return settings_files.load(GuidanceConfig, WHAT, shipped=_SHIPPED, overrides=[Path(p) for p in overrides])


def local_override_files() -> tuple[Path, ...]:
    """Override files present in the settings folder (``<config_dir>/guidance/practice.toml`` etc.)."""
    return settings_files.present(config_dir() / OVERRIDE_FOLDER, CONFIG_FILES)


def get_config() -> GuidanceConfig:
    """The settings in force: shipped, with this installation's overrides (re-read when they change)."""
    return settings_files.load_in_force(GuidanceConfig, WHAT, shipped=_SHIPPED, overrides=local_override_files())


def resolve(config: GuidanceConfig | None) -> GuidanceConfig:
    """``config`` if given, else the settings in force (so every rule can take an optional config)."""
    return config if config is not None else get_config()


__all__ = [
    "GuidanceConfig",
    "Learning",
    "get_config",
    "load_config",
    "local_override_files",
    "merge",
    "parse_config",
    "resolve",
    "shipped_settings",
]
