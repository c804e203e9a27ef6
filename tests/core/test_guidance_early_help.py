"""Early Help: "how has life improved for the child?", review dates, the no-improvement prompts, and the
services that start, review, revise and close a plan and draft a MASH enquiry from the case.

All names are fictional; every date is fixed.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from guidance_cases import MONDAY, child, concern, plan, review

from dslapp.errors import InvalidRecord
from dslapp.guidance import early_help as guide
from dslapp.guidance.prompts import ActionCode, PromptCode
from dslapp.models import (
    ChildStatus,
    EarlyHelpPlan,
    EarlyHelpReview,
    Goal,
    GoalProgress,
    Judgement,
    Person,
    Referral,
    ReferralStatus,
    ReviewDecision,
)
from dslapp.models.early_help import PlanStatus
from dslapp.services import early_help, recording
from dslapp.services.thresholds import record_threshold_decision
from dslapp.store import RecordStore

SERVICES_ONLY = "Mum attended all TAF meetings and was referred to parenting course"
ABOUT_THE_CHILD = "Amira now has breakfast most days and says she feels happier"


# ---- "how has life improved for the child?" ---------------------------------------------------------------


def test_an_answer_only_about_services_is_caught() -> None:
    assert guide.life_improved_is_about_services(SERVICES_ONLY)
    assert guide.service_words_in(SERVICES_ONLY) == ["attended", "TAF", "meetings", "referred", "course"]


def test_an_answer_about_the_childs_life_is_not() -> None:
    assert not guide.life_improved_is_about_services(ABOUT_THE_CHILD)
    assert guide.life_improved_prompts(ABOUT_THE_CHILD, "Amira") == []


def test_services_and_the_child_together_is_not_services_only() -> None:
    assert not guide.life_improved_is_about_services("Mum attended every meeting and Amira says she sleeps better")


def test_the_follow_up_asks_gently_what_is_different_for_the_child() -> None:
    [prompt] = guide.life_improved_prompts(SERVICES_ONLY, "Amira")
    assert prompt.code == PromptCode.SERVICES_ONLY
    assert prompt.message.startswith("And what is different for the child?")
    assert "Amira" in prompt.message
    assert prompt.field == "life_improved" and not prompt.required
    assert prompt.learning is not None and prompt.learning.title == "How has life improved for the child?"


# ---- review dates ---------------------------------------------------------------------------------------


def test_next_review_defaults_to_six_weeks() -> None:
    assert guide.next_review_default(MONDAY) == MONDAY + timedelta(weeks=6) == date(2025, 4, 14)


def test_next_review_at_most_twelve_weeks() -> None:
    guide.check_next_review(MONDAY, MONDAY + timedelta(weeks=12))  # exactly 12 weeks is allowed
    with pytest.raises(InvalidRecord, match=r"no more than 12 weeks after 03/03/2025, that is by 26/05/2025"):
        guide.check_next_review(MONDAY, MONDAY + timedelta(weeks=12, days=1))
    with pytest.raises(InvalidRecord, match="must be after 03/03/2025"):
        guide.check_next_review(MONDAY, MONDAY)
    guide.check_next_review(MONDAY, None)


# ---- the outcome of a review ----------------------------------------------------------------------------


def _plan_model() -> EarlyHelpPlan:
    return EarlyHelpPlan(
        child_id="00000000-0000-4000-8000-000000000001",
        started_on=MONDAY,
        goals=[Goal(what_will_change="Breakfast every school day")],
    )


def _review_model(plan_: EarlyHelpPlan, held_on: date, overall: Judgement, **extra: object) -> EarlyHelpReview:
    fields: dict[str, Any] = {
        "child_id": plan_.child_id,
        "plan_id": plan_.id,
        "held_on": held_on,
        "life_improved": ABOUT_THE_CHILD,
        "overall": overall,
        "decision": ReviewDecision.CONTINUE,
    }
    fields.update(extra)
    return EarlyHelpReview.model_validate(fields)


def _offers_both_actions(prompt: object) -> bool:
    return all(prompt.has_action(code) for code in (ActionCode.REVISE_GOALS, ActionCode.DRAFT_MASH_ENQUIRY))  # type: ignore[attr-defined]


def test_single_no_change_says_so_and_offers_two_actions() -> None:
    plan_ = _plan_model()
    new = _review_model(plan_, MONDAY + timedelta(weeks=6), Judgement.NO_CHANGE)
    [prompt] = guide.review_outcome_prompts(plan_, [], new)
    assert prompt.code == PromptCode.NO_CHANGE
    assert "no change for the child" in prompt.message
    assert _offers_both_actions(prompt)
    assert [a.label for a in prompt.actions] == ["Revise the targets now", "Start a MASH enquiry draft"]


def test_worse_says_so_and_offers_two_actions() -> None:
    plan_ = _plan_model()
    first = _review_model(plan_, MONDAY + timedelta(weeks=6), Judgement.IMPROVED)
    new = _review_model(plan_, MONDAY + timedelta(weeks=12), Judgement.WORSE)
    [prompt] = guide.review_outcome_prompts(plan_, [first], new)
    assert prompt.code == PromptCode.WORSE
    assert _offers_both_actions(prompt)


def test_two_reviews_in_a_row_without_improvement() -> None:
    plan_ = _plan_model()
    first = _review_model(plan_, date(2025, 4, 14), Judgement.NO_CHANGE)
    new = _review_model(plan_, date(2025, 5, 26), Judgement.WORSE)
    [prompt] = guide.review_outcome_prompts(plan_, [first, new], new)
    assert prompt.code == PromptCode.TWO_WITHOUT_IMPROVEMENT
    assert "14/04/2025 and 26/05/2025" in prompt.message
    assert _offers_both_actions(prompt)
    assert guide.stalled(plan_, [first, new]) == (first, new)


def test_improvement_needs_no_prompt_and_breaks_a_run() -> None:
    plan_ = _plan_model()
    first = _review_model(plan_, date(2025, 4, 14), Judgement.NO_CHANGE)
    second = _review_model(plan_, date(2025, 5, 26), Judgement.IMPROVED)
    assert guide.review_outcome_prompts(plan_, [first], second) == []
    third = _review_model(plan_, date(2025, 7, 7), Judgement.NO_CHANGE)
    [prompt] = guide.review_outcome_prompts(plan_, [first, second], third)
    assert prompt.code == PromptCode.NO_CHANGE


def test_closing_asks_what_has_improved_for_the_child() -> None:
    plan_ = _plan_model()
    new = _review_model(plan_, date(2025, 4, 14), Judgement.IMPROVED, decision=ReviewDecision.CLOSE)
    [prompt] = guide.review_outcome_prompts(plan_, [], new)
    assert prompt.code == PromptCode.CLOSE_PLAN
    assert prompt.message.startswith("What has improved for the child?")
    assert prompt.required and prompt.field == "closing_summary"


def test_step_up_offers_the_mash_enquiry_draft() -> None:
    plan_ = _plan_model()
    new = _review_model(plan_, date(2025, 4, 14), Judgement.IMPROVED, decision=ReviewDecision.STEP_UP)
    [prompt] = guide.review_outcome_prompts(plan_, [], new)
    assert prompt.code == PromptCode.STEP_UP and prompt.has_action(ActionCode.DRAFT_MASH_ENQUIRY)


# ---- services -------------------------------------------------------------------------------------------


def _start(store: RecordStore, **extra: object) -> EarlyHelpPlan:
    amira = child(store)
    fields: dict[str, Any] = {
        "started_on": MONDAY,
        "goals": [Goal(what_will_change="Amira has breakfast before school every day", baseline=3)],
        "child_view": "I want toast in the morning.",
        "family_view": "Mum wants help with money for food.",
        "working_well": "Amira loves breakfast club and trusts her teacher.",
    }
    fields.update(extra)
    made = early_help.start_plan(store, amira.id, **fields).value
    return made


def test_start_plan_defaults_the_review_and_moves_the_child_to_early_help(store: RecordStore) -> None:
    made = _start(store)
    assert made.next_review == date(2025, 4, 14)
    child_now = store.get(made.child_id)
    assert child_now.status == ChildStatus.EARLY_HELP  # type: ignore[attr-defined]


def test_start_plan_refuses_a_review_beyond_twelve_weeks_and_a_plan_without_goals(store: RecordStore) -> None:
    with pytest.raises(InvalidRecord, match="12 weeks"):
        _start(store, next_review=MONDAY + timedelta(weeks=13))
    with pytest.raises(InvalidRecord, match="at least one goal"):
        _start(store, goals=[])


def test_review_plan_saves_the_review_and_moves_the_next_review(store: RecordStore) -> None:
    made = _start(store)
    goal = made.goals[0]
    result = early_help.review_plan(
        store,
        made.id,
        held_on=date(2025, 4, 14),
        life_improved=ABOUT_THE_CHILD,
        goal_progress=[GoalProgress(goal_id=goal.goal_id, score=6, evidence="Breakfast on 4 of 5 days")],
        overall=Judgement.IMPROVED,
        decision=ReviewDecision.CONTINUE,
    )
    assert result.prompts == ()
    assert result.value.review.next_review == result.value.plan.next_review == date(2025, 5, 26)
    assert store.get_as(EarlyHelpPlan, made.id).next_review == date(2025, 5, 26)
    [amendment] = store.amendments(made.id)
    assert amendment.reason == "Next review set at the Early Help review on 14/04/2025"
    assert result.changes.touches(EarlyHelpReview.KIND, EarlyHelpPlan.KIND)


def test_a_review_cannot_be_finished_without_saying_how_life_has_improved(store: RecordStore) -> None:
    made = _start(store)
    with pytest.raises(InvalidRecord, match="how has life improved for the child"):
        early_help.review_plan(
            store, made.id, held_on=date(2025, 4, 14), life_improved="  ", overall="improved", decision="continue"
        )
    assert store.for_child(made.child_id, EarlyHelpReview) == []


def test_review_plan_nudges_a_services_only_answer_and_flags_two_without_improvement(store: RecordStore) -> None:
    made = _start(store)
    first = early_help.review_plan(
        store,
        made.id,
        held_on=date(2025, 4, 14),
        life_improved=SERVICES_ONLY,
        overall=Judgement.NO_CHANGE,
        decision=ReviewDecision.CONTINUE,
    )
    assert [p.code for p in first.prompts] == [PromptCode.SERVICES_ONLY, PromptCode.NO_CHANGE]
    second = early_help.review_plan(
        store,
        made.id,
        held_on=date(2025, 5, 26),
        life_improved="Amira is still hungry most mornings.",
        overall=Judgement.NO_CHANGE,
        decision=ReviewDecision.REVISE_GOALS,
    )
    [prompt] = second.prompts
    assert prompt.code == PromptCode.TWO_WITHOUT_IMPROVEMENT and _offers_both_actions(prompt)


def test_review_plan_refuses_a_late_next_review_and_progress_on_unknown_goals(store: RecordStore) -> None:
    made = _start(store)
    base: dict[str, Any] = {
        "held_on": date(2025, 4, 14),
        "life_improved": ABOUT_THE_CHILD,
        "overall": Judgement.IMPROVED,
        "decision": ReviewDecision.CONTINUE,
    }
    with pytest.raises(InvalidRecord, match="12 weeks"):
        early_help.review_plan(store, made.id, **base, next_review=date(2025, 7, 8))
    with pytest.raises(InvalidRecord, match="not in this plan"):
        early_help.review_plan(
            store,
            made.id,
            **base,
            goal_progress=[GoalProgress(goal_id="00000000-0000-4000-8000-00000000000f", score=5)],
        )


def test_revise_goals_keeps_the_old_goals_in_the_history(store: RecordStore) -> None:
    made = _start(store)
    result = early_help.revise_goals(
        store,
        made.id,
        [Goal(what_will_change="Amira eats breakfast at home or at breakfast club every day", baseline=4)],
        "Targets revised at the review on 26/05/2025: no change in two reviews",
    )
    revised, changes = result.value, result.changes
    assert revised.goals[0].what_will_change.startswith("Amira eats breakfast")
    [amendment] = store.amendments(made.id)
    assert amendment.previous["goals"][0]["what_will_change"] == "Amira has breakfast before school every day"
    assert changes.touches(EarlyHelpPlan.KIND)


def test_closing_a_plan_asks_what_has_improved(store: RecordStore) -> None:
    made = _start(store)
    with pytest.raises(InvalidRecord, match="what has improved for the child"):
        early_help.close_plan(store, made.id, date(2025, 7, 7), "")
    result = early_help.close_plan(store, made.id, date(2025, 7, 7), "Amira has breakfast every day and is on time.")
    closed, changes = result.value, result.changes
    assert closed.status == PlanStatus.CLOSED and closed.closed_on == date(2025, 7, 7)
    assert closed.next_review is None
    assert store.get(made.child_id).status == ChildStatus.UNIVERSAL  # type: ignore[attr-defined]
    with pytest.raises(InvalidRecord, match="was closed on 07/07/2025"):
        early_help.review_plan(
            store, made.id, held_on=date(2025, 7, 8), life_improved="x", overall="improved", decision="continue"
        )
    assert changes.touches("status_change")


def test_draft_mash_enquiry_is_prefilled_from_the_case(store: RecordStore) -> None:
    made = _start(store)
    amira = store.get(made.child_id)
    recording.record(
        store, Person, child_id=amira.id, name="Ms R. Testparent", relationship="Mother",
        parental_responsibility=True, lives_with_child=True,
    )  # fmt: skip
    concern(store, amira, date(2025, 4, 2), child_words="There was no food again.")  # type: ignore[arg-type]
    early_help.review_plan(
        store,
        made.id,
        held_on=date(2025, 4, 14),
        life_improved="Amira is still hungry most mornings.",
        overall=Judgement.NO_CHANGE,
        decision=ReviewDecision.STEP_UP,
    )
    record_threshold_decision(
        store,
        amira.id,
        3,
        {"parenting_capacity": ["Basic care often not met, despite advice and single-agency support"]},
        "Needs are not being met despite Early Help.",
        "MASH consultation line",
        (),
        "Ms A. Testperson",
        date(2025, 4, 15),
    )
    draft = early_help.draft_mash_enquiry_from_case(store, amira.id, on=date(2025, 4, 16))
    assert draft.status == ReferralStatus.DRAFT
    assert store.for_child(amira.id, Referral) == []  # not saved unless asked
    form = draft.form
    assert form["child_name"] == "Amira Testchild"
    assert "Ms R. Testparent" in form["household"]
    assert "There was no food again." in form["child_words"]
    assert "Early Help plan started 03/03/2025" in form["early_help"]
    assert "Review 14/04/2025: no change" in form["early_help"]
    assert "Amira is still hungry most mornings." in form["early_help"]
    assert "Basic care often not met" in form["parenting_capacity"]
    assert "Needs are not being met despite Early Help." in form["referrer_view"]
    saved = early_help.draft_mash_enquiry_from_case(store, amira.id, on=date(2025, 4, 16), save=True)
    assert [r.id for r in store.for_child(amira.id, Referral)] == [saved.id]


def test_plans_and_reviews_made_with_the_record_builders_feed_the_guide(store: RecordStore) -> None:
    amira = child(store)
    made = plan(store, amira, MONDAY)
    first = review(store, made, date(2025, 4, 14), Judgement.NO_CHANGE)
    second = review(store, made, date(2025, 5, 26), Judgement.NO_CHANGE)
    assert guide.stalled(made, store.for_child(amira.id, EarlyHelpReview)) == (first, second)
