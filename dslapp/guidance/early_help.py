"""Early Help reviews that ask how life has improved for the child (DOMAIN.md, learning 1).

Plain functions over records and dates. Every parameter and every word is in
``resources/guidance/practice.toml`` (``[early_help]``); each function takes an optional config so tests
and local authorities can use their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from functools import cache

from dslapp.errors import InvalidRecord
from dslapp.guidance.config import GuidanceConfig, resolve
from dslapp.guidance.prompts import ActionCode, Prompt, PromptAction, PromptCode, dmy, fill
from dslapp.models import EarlyHelpPlan, EarlyHelpReview, Judgement, ReviewDecision

# Decisions that end the plan: no next review is needed, but the DSL is asked what has improved.
ENDING_DECISIONS = frozenset({ReviewDecision.CLOSE, ReviewDecision.STEP_DOWN})


# ---- review dates -------------------------------------------------------------------------------------


def next_review_default(started_on: date, config: GuidanceConfig | None = None) -> date:
    """The default next review: ``review_interval_weeks`` (6) after the plan started or was last reviewed."""
    return started_on + timedelta(weeks=resolve(config).early_help.review_interval_weeks)


def latest_review_date(from_date: date, config: GuidanceConfig | None = None) -> date:
    """The latest allowed next review: ``max_review_interval_weeks`` (12) after ``from_date``."""
    return from_date + timedelta(weeks=resolve(config).early_help.max_review_interval_weeks)


def review_date_problem(from_date: date, next_review: date | None, config: GuidanceConfig | None = None) -> str:
    """Why ``next_review`` is not allowed after ``from_date`` (empty when it is fine or not set)."""
    if next_review is None:
        return ""
    settings = resolve(config).early_help
    if next_review <= from_date:
        return fill(settings.errors.review_not_after, from_date=dmy(from_date))
    latest = latest_review_date(from_date, config)
    if next_review > latest:
        return fill(
            settings.errors.review_too_far,
            max_weeks=settings.max_review_interval_weeks,
            from_date=dmy(from_date),
            latest=dmy(latest),
        )
    return ""


def check_next_review(from_date: date, next_review: date | None, config: GuidanceConfig | None = None) -> None:
    """Raise InvalidRecord when the next review is not after ``from_date`` or more than 12 weeks later."""
    problem = review_date_problem(from_date, next_review, config)
    if problem:
        raise InvalidRecord(problem)


# ---- "how has life improved for the child?" -------------------------------------------------------------


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a word list: ``attend*`` is a prefix, ``on time`` a phrase, any case."""
    parts = []
    for word in words:
        prefix = word.endswith("*")
        pieces = [re.escape(p) for p in word.rstrip("*").split()]
        if not pieces:
            continue
        body = r"\s+".join(pieces)
        parts.append(body + (r"\w*" if prefix else r"(?!\w)"))
    if not parts:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE)


def service_words_in(text: str, config: GuidanceConfig | None = None) -> list[str]:
    """The service and attendance words in ``text``, as written."""
    return [m.group(0) for m in _pattern(resolve(config).early_help.service_words).finditer(text)]


def lived_experience_words_in(text: str, config: GuidanceConfig | None = None) -> list[str]:
    """The words in ``text`` about the child's lived experience, as written."""
    return [m.group(0) for m in _pattern(resolve(config).early_help.lived_experience_words).finditer(text)]


def life_improved_is_about_services(text: str, config: GuidanceConfig | None = None) -> bool:
    """True when an answer talks about services or attendance and says nothing about the child's life.

    "Mum attended all TAF meetings and was referred to a parenting course" is about services;
    "Amira now has breakfast most days and says she feels happier" is about the child.
    """
    return bool(service_words_in(text, config)) and not lived_experience_words_in(text, config)


def services_follow_up(child_name: str = "", config: GuidanceConfig | None = None) -> Prompt:
    """The gentle question asked when an answer is only about services: and what is different for the child?"""
    cfg = resolve(config)
    settings = cfg.early_help
    detail = fill(settings.services_follow_up_detail, name=child_name or "the child")
    return Prompt(
        code=PromptCode.SERVICES_ONLY,
        title=settings.prompts.services_only_title,
        message=f"{settings.services_follow_up} {detail}",
        learning=cfg.learning.life_improved,
        field="life_improved",
    )


def life_improved_prompts(text: str, child_name: str = "", config: GuidanceConfig | None = None) -> list[Prompt]:
    """Prompts for the first question of a review (or the closing summary): the follow-up, if needed.

    An empty answer is not a prompt but an error (the review cannot be finished without it); see
    ``services.early_help.review_plan``.
    """
    if text.strip() and life_improved_is_about_services(text, config):
        return [services_follow_up(child_name, config)]
    return []


# ---- the outcome of a review ----------------------------------------------------------------------------


def describes_services(review: EarlyHelpReview, config: GuidanceConfig | None = None) -> bool:
    """True when a saved review's answer to "how has life improved for the child?" is about services.

    A pure function of the review as it stands (its current wording after any amendment), so the mark is the
    same whether the review was typed, imported in a case bundle or amended later, and on any date.
    """
    return life_improved_is_about_services(review.life_improved, config)


def review_marks(reviews: Iterable[EarlyHelpReview], config: GuidanceConfig | None = None) -> dict[str, str]:
    """The mark for each review whose answer describes services, by review id (the others are left out)."""
    cfg = resolve(config)
    return {str(r.id): cfg.early_help.describes_services_mark for r in reviews if describes_services(r, cfg)}


def shows_no_improvement(review: EarlyHelpReview, config: GuidanceConfig | None = None) -> bool:
    """No change, worse, or an answer about services only: nothing shows the child's life improving."""
    return review.overall in (Judgement.NO_CHANGE, Judgement.WORSE) or describes_services(review, config)


def judgement_words(review: EarlyHelpReview, config: GuidanceConfig | None = None) -> str:
    """The review's overall judgement in a sentence, with the mark when its answer describes services:
    "no change", or "improved; answer describes services, not the child's daily life"."""
    words = review.overall.label.lower()
    if describes_services(review, config):
        mark = resolve(config).early_help.describes_services_mark
        words = f"{words}; {mark[:1].lower()}{mark[1:]}"
    return words


def reviews_of(plan: EarlyHelpPlan, reviews: Iterable[EarlyHelpReview]) -> list[EarlyHelpReview]:
    """The plan's reviews, oldest first."""
    return sorted((r for r in reviews if r.plan_id == plan.id), key=lambda r: (r.held_on, r.created_at))


def previous_review(
    plan: EarlyHelpPlan, reviews: Iterable[EarlyHelpReview], new_review: EarlyHelpReview
) -> EarlyHelpReview | None:
    """The plan's review before ``new_review`` (held on or before it), if any."""
    earlier = [r for r in reviews_of(plan, reviews) if r.id != new_review.id and r.held_on <= new_review.held_on]
    return earlier[-1] if earlier else None


def stalled(
    plan: EarlyHelpPlan, reviews: Iterable[EarlyHelpReview], config: GuidanceConfig | None = None
) -> tuple[EarlyHelpReview, EarlyHelpReview] | None:
    """The plan's last two reviews when both show no improvement (no change, worse, or an answer that
    describes services, not the child's life), else None."""
    ordered = reviews_of(plan, reviews)
    if len(ordered) >= 2 and shows_no_improvement(ordered[-2], config) and shows_no_improvement(ordered[-1], config):
        return ordered[-2], ordered[-1]
    return None


def _act_now(config: GuidanceConfig) -> tuple[PromptAction, ...]:
    actions = config.early_help.actions
    return (
        PromptAction(ActionCode.REVISE_GOALS, actions.revise_goals),
        PromptAction(ActionCode.DRAFT_MASH_ENQUIRY, actions.draft_mash_enquiry),
    )


def closing_prompt(config: GuidanceConfig | None = None) -> Prompt:
    """Asked whenever a plan is closed or stepped down: what has improved for the child?"""
    cfg = resolve(config)
    return Prompt(
        code=PromptCode.CLOSE_PLAN,
        title=cfg.early_help.prompts.close_title,
        message=cfg.early_help.prompts.close,
        learning=cfg.learning.life_improved,
        actions=(PromptAction(ActionCode.CLOSE_PLAN, cfg.early_help.actions.close_plan),),
        field="closing_summary",
        required=True,
    )


def review_outcome_prompts(
    plan: EarlyHelpPlan,
    reviews: Sequence[EarlyHelpReview],
    new_review: EarlyHelpReview,
    config: GuidanceConfig | None = None,
) -> list[Prompt]:
    """What the review guide says after the judgement and decision.

    - No change or worse: say so, and offer to revise the targets now or start a MASH enquiry draft.
      When the review before this one also showed no improvement, say that instead (two in a row); an answer
      that describes services, not the child's life, counts as no improvement for this (``shows_no_improvement``).
    - Step up: offer the MASH enquiry draft.
    - Close or step down: ask what has improved for the child.
    ``reviews`` are the plan's earlier reviews (``new_review`` may or may not be among them).
    """
    cfg = resolve(config)
    texts = cfg.early_help.prompts
    prompts: list[Prompt] = []
    before = previous_review(plan, reviews, new_review)
    two_in_a_row = before is not None and shows_no_improvement(new_review, cfg) and shows_no_improvement(before, cfg)
    if two_in_a_row or new_review.overall in (Judgement.NO_CHANGE, Judgement.WORSE):
        if two_in_a_row and before is not None:
            code, title = PromptCode.TWO_WITHOUT_IMPROVEMENT, texts.two_without_improvement_title
            message = fill(texts.two_without_improvement, previous=dmy(before.held_on), current=dmy(new_review.held_on))
        elif new_review.overall == Judgement.WORSE:
            code, title, message = PromptCode.WORSE, texts.worse_title, texts.worse
        else:
            code, title, message = PromptCode.NO_CHANGE, texts.no_change_title, texts.no_change
        if new_review.decision == ReviewDecision.CONTINUE:
            message = f"{message} {texts.continue_without_improvement}"
        prompts.append(
            Prompt(
                code=code,
                title=title,
                message=message,
                learning=cfg.learning.life_improved,
                actions=_act_now(cfg),
                field="decision_reasons" if new_review.decision == ReviewDecision.CONTINUE else "",
            )
        )
    if new_review.decision == ReviewDecision.STEP_UP and not any(
        p.has_action(ActionCode.DRAFT_MASH_ENQUIRY) for p in prompts
    ):
        prompts.append(
            Prompt(
                code=PromptCode.STEP_UP,
                title=texts.step_up_title,
                message=texts.step_up,
                actions=(PromptAction(ActionCode.DRAFT_MASH_ENQUIRY, cfg.early_help.actions.draft_mash_enquiry),),
            )
        )
    if new_review.decision in ENDING_DECISIONS:
        prompts.append(closing_prompt(cfg))
    return prompts


__all__ = [
    "ENDING_DECISIONS",
    "check_next_review",
    "closing_prompt",
    "describes_services",
    "judgement_words",
    "latest_review_date",
    "life_improved_is_about_services",
    "life_improved_prompts",
    "lived_experience_words_in",
    "next_review_default",
    "previous_review",
    "review_date_problem",
    "review_marks",
    "review_outcome_prompts",
    "reviews_of",
    "service_words_in",
    "services_follow_up",
    "shows_no_improvement",
    "stalled",
]
