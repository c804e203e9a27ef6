"""Neglect: "persistent" is not a reason to wait. The decision-not-to-refer rule and the cumulative alert,
tested at their boundaries with fixed dates on a real vault. All names are fictional.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from guidance_cases import MONDAY, at, child, concern, plan, sent_referral
from support import MakeVault

from dslapp.errors import InvalidRecord
from dslapp.guidance import neglect
from dslapp.guidance.alerts import AlertItem, RuleId
from dslapp.guidance.config import load_config
from dslapp.guidance.prompts import ActionCode, PromptCode
from dslapp.models import Category, Concern, DslDecision, Referral, ReferralOutcome, ReferralStatus
from dslapp.services import recording
from dslapp.services.alerts import acknowledge_alert, practice_alerts
from dslapp.services.bundle import build_bundle, bundle_from_json, import_bundle
from dslapp.services.concerns import amend_concern, record_concern, record_dsl_decision
from dslapp.services.today import today
from dslapp.store import RecordStore

LAST = date(2025, 6, 2)


def _fields(child_id: object, decision: DslDecision, reasons: str = "", **extra: object) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "child_id": child_id,
        "observed_at": at(MONDAY),
        "reporter_name": "Ms T. Fictional",
        "categories": [Category.NEGLECT],
        "what_happened": "Third day this week in the same unwashed clothes; said she had no breakfast.",
        "child_words": "There's no food at home.",
        "dsl_decision": decision,
        "decision_reasons": reasons,
    }
    fields.update(extra)
    return fields


# ---- the decision not to refer ----------------------------------------------------------------------------


def test_a_decision_not_to_refer_shows_the_learning_and_requires_reasoning() -> None:
    bare = Concern.model_validate(_fields("00000000-0000-4000-8000-000000000001", DslDecision.MONITOR))
    [prompt] = neglect.check_neglect_decision(bare)
    assert prompt.code == PromptCode.NEGLECT_NOT_REFERRED
    assert prompt.required and prompt.field == "decision_reasons"
    assert prompt.learning is not None and "persistent" in prompt.learning.title.lower()
    assert "not a reason to wait" in prompt.learning.title
    assert prompt.has_action(ActionCode.RECORD_REASONS)
    reasoned = bare.model_copy(update={"decision_reasons": "First concern; mum explained the washing machine broke."})
    [prompt] = neglect.check_neglect_decision(reasoned)
    assert not prompt.required  # still shown: the learning belongs to the moment of decision


@pytest.mark.parametrize(
    "decision",
    [DslDecision.MASH_ENQUIRY, DslDecision.POLICE, DslDecision.INFORM_SOCIAL_WORKER, DslDecision.EARLY_HELP],
)
def test_acting_on_the_concern_needs_no_reasoning(decision: DslDecision) -> None:
    acted = Concern.model_validate(_fields("00000000-0000-4000-8000-000000000001", decision))
    assert neglect.check_neglect_decision(acted) == []


@pytest.mark.parametrize(
    "decision",
    [DslDecision.MONITOR, DslDecision.SUPPORT_IN_SCHOOL, DslDecision.CONSULTATION],
)
def test_every_decision_not_to_refer_needs_reasoning(decision: DslDecision) -> None:
    bare = Concern.model_validate(_fields("00000000-0000-4000-8000-000000000001", decision))
    assert [p.required for p in neglect.check_neglect_decision(bare)] == [True]


def test_no_prompt_before_a_decision_or_for_other_categories() -> None:
    pending = Concern.model_validate(_fields("00000000-0000-4000-8000-000000000001", DslDecision.PENDING))
    assert neglect.check_neglect_decision(pending) == []
    other = Concern.model_validate(
        _fields("00000000-0000-4000-8000-000000000001", DslDecision.MONITOR, categories=[Category.ONLINE])
    )
    assert neglect.check_neglect_decision(other) == []


def test_record_concern_refuses_a_neglect_decision_without_reasoning(store: RecordStore) -> None:
    amira = child(store)
    with pytest.raises(InvalidRecord) as caught:
        record_concern(store, **_fields(amira.id, DslDecision.MONITOR))
    message = str(caught.value)
    assert "neglect concern" in message and "Monitor in school" in message
    assert "record your reasoning" in message and "“Persistent” is not a reason to wait." in message
    assert store.for_child(amira.id, Concern) == []


def test_record_concern_saves_with_reasoning_and_returns_the_learning(store: RecordStore) -> None:
    amira = child(store)
    result = record_concern(
        store, **_fields(amira.id, DslDecision.MONITOR, "First concern; spoke to mum, who was open about it.")
    )
    saved, changes, prompts = result.value, result.changes, result.prompts
    assert store.get_as(Concern, saved.id).decision_reasons.startswith("First concern")
    assert [p.code for p in prompts] == [PromptCode.NEGLECT_NOT_REFERRED]
    assert changes.touches(Concern.KIND)


def test_the_dsl_decision_made_later_follows_the_same_rule(store: RecordStore) -> None:
    amira = child(store)
    result = record_concern(store, **_fields(amira.id, DslDecision.PENDING))
    saved, prompts = result.value, result.prompts
    assert prompts == ()
    with pytest.raises(InvalidRecord, match="record your reasoning"):
        record_dsl_decision(store, saved.id, DslDecision.SUPPORT_IN_SCHOOL, "")
    decided = record_dsl_decision(
        store, saved.id, DslDecision.SUPPORT_IN_SCHOOL, "Breakfast club place; will refer if it happens again."
    ).value
    assert decided.dsl_decision == DslDecision.SUPPORT_IN_SCHOOL
    assert store.amendments(saved.id)[0].reason == "DSL decision recorded: Support in school"


def test_the_generic_record_and_amend_go_through_the_concern_service(store: RecordStore) -> None:
    """Whichever screen or command writes a concern, the neglect rule applies: the generic writer hands a
    concern to the concern service instead of saving it directly."""
    amira = child(store)
    with pytest.raises(InvalidRecord, match="record your reasoning"):
        recording.record(store, Concern, **_fields(amira.id, DslDecision.MONITOR))
    assert store.for_child(amira.id, Concern) == []
    saved = recording.record(store, Concern, **_fields(amira.id, DslDecision.PENDING)).value
    with pytest.raises(InvalidRecord, match="record your reasoning"):
        recording.amend(store, saved.id, "DSL decision made", dsl_decision="monitor")
    assert store.get_as(Concern, saved.id).version == 1
    result = recording.amend(
        store, saved.id, "DSL decision made", dsl_decision="monitor", decision_reasons="Spoke to mum; coat bought."
    )
    amended, changes = result.value, result.changes
    assert isinstance(amended, Concern) and amended.dsl_decision == DslDecision.MONITOR
    assert changes.touches(Concern.KIND)


def test_kinds_changed_by_named_steps_cannot_be_amended_generically(store: RecordStore) -> None:
    """A referral's status (sent needs the consent reasoning), an escalation's stage... belong to their service."""
    amira = child(store)
    draft = recording.record(store, Referral, child_id=amira.id, started_on=LAST, status=ReferralStatus.DRAFT).value
    with pytest.raises(TypeError, match=r"dslapp\.services\.mash"):
        recording.amend(store, draft.id, "Sent", status="sent", sent_on=LAST.isoformat())
    with pytest.raises(TypeError, match=r"dslapp\.services\.children"):
        recording.amend(store, amira.id, "Typo", legal_forename="Amina")
    assert store.get_as(Referral, draft.id).version == 1


def test_the_third_concern_in_ninety_days_brings_the_pattern_prompt(store: RecordStore) -> None:
    amira = child(store)
    concern(store, amira, LAST - timedelta(days=89))
    concern(store, amira, LAST - timedelta(days=40))
    prompts = record_concern(
        store,
        **_fields(amira.id, DslDecision.MONITOR, "Spoke to mum.", observed_at=at(LAST), refer_if="Another day hungry."),
    ).prompts
    assert [p.code for p in prompts] == [PromptCode.NEGLECT_NOT_REFERRED, PromptCode.CUMULATIVE_NEGLECT]
    pattern = prompts[1]
    assert pattern.title == "Neglect pattern: 3 concerns since 05/03/2025"
    assert "between 05/03/2025 and 02/06/2025 (3 within 90 days)" in pattern.message
    assert "No referral, Early Help plan or review of the pattern is recorded." in pattern.message
    assert pattern.has_action(ActionCode.DRAFT_MASH_ENQUIRY)


# ---- the cumulative-neglect alert ---------------------------------------------------------------------------


def _neglect_alerts(store: RecordStore, on: date = LAST) -> list[str]:
    return [a.child_id for a in practice_alerts(store, on) if a.rule_id == RuleId.CUMULATIVE_NEGLECT]


def _the_alert(store: RecordStore, on: date = LAST) -> AlertItem:
    [alert] = [a for a in practice_alerts(store, on) if a.rule_id == RuleId.CUMULATIVE_NEGLECT]
    return alert


def test_exactly_three_in_ninety_days_fires(store: RecordStore) -> None:
    amira = child(store)
    # 05/03/2025 to 02/06/2025: ninety calendar days counting both ends (89 days apart)
    for day in (LAST - timedelta(days=89), LAST - timedelta(days=30), LAST):
        concern(store, amira, day)
    assert _neglect_alerts(store) == [str(amira.id)]
    [alert] = [a for a in today(store, LAST)["alerts"] if a.rule_id == RuleId.CUMULATIVE_NEGLECT]  # type: ignore[attr-defined]
    data = alert.as_json()
    assert data["rule_id"] == "cumulative_neglect" and data["child_id"] == str(amira.id)
    assert "3 concerns showing signs of neglect between 05/03/2025 and 02/06/2025" in data["reason"]
    assert len(data["record_ids"]) == 3


def test_three_in_ninety_one_days_does_not(store: RecordStore) -> None:
    amira = child(store)
    for day in (LAST - timedelta(days=90), LAST - timedelta(days=30), LAST):
        concern(store, amira, day)
    assert _neglect_alerts(store) == []


def test_two_is_not_a_pattern_and_other_categories_without_indicators_do_not_count(store: RecordStore) -> None:
    amira = child(store)
    concern(store, amira, LAST - timedelta(days=20))
    concern(store, amira, LAST)
    concern(
        store, amira, LAST - timedelta(days=10), categories=[Category.ONLINE],
        what_happened="Shared a screenshot of a group chat; no concerns about hygiene or food.",
    )  # fmt: skip
    assert _neglect_alerts(store) == []


# ---- the slow drip ---------------------------------------------------------------------------------------------


def test_four_in_one_hundred_and_eighty_three_days_is_the_slow_drip(store: RecordStore) -> None:
    amira = child(store)
    # a concern every two months: never 3 within 90 days; 01/12/2024 .. 01/06/2025 is 183 days counting both ends
    first = LAST - timedelta(days=182)
    for day in (first, first + timedelta(days=61), first + timedelta(days=122), LAST):
        concern(store, amira, day)
    alert = _the_alert(store)
    assert alert.title == f"Neglect pattern: 4 concerns since {first:%d/%m/%Y}"
    assert "(4 within 183 days)" in alert.reason


def test_four_in_one_hundred_and_eighty_four_days_is_not(store: RecordStore) -> None:
    amira = child(store)
    first = LAST - timedelta(days=183)
    for day in (first, first + timedelta(days=62), first + timedelta(days=123), LAST):
        concern(store, amira, day)
    assert _neglect_alerts(store) == []


# ---- across the whole case: plans, referrals and acting decisions do not silence it ----------------------------


def test_an_early_help_plan_does_not_silence_it_and_the_alert_says_what_followed(store: RecordStore) -> None:
    amira = child(store)
    for day in (LAST - timedelta(days=60), LAST - timedelta(days=30), LAST):
        concern(store, amira, day)
    plan(store, amira, LAST - timedelta(days=45))
    alert = _the_alert(store)
    assert "Early Help plan open since 18/04/2025; 2 more neglect concerns since then." in alert.reason


def test_a_referral_does_not_silence_it(store: RecordStore) -> None:
    amira = child(store)
    for day in (LAST - timedelta(days=60), LAST - timedelta(days=30), LAST):
        concern(store, amira, day)
    sent_referral(store, amira, LAST - timedelta(days=60))  # the same day as the first
    assert "MASH enquiry sent on 03/04/2025; 2 more neglect concerns since then." in _the_alert(store).reason


def test_an_outcome_of_no_further_action_is_named(store: RecordStore) -> None:
    amira = child(store)
    for day in (LAST - timedelta(days=60), LAST - timedelta(days=30), LAST):
        concern(store, amira, day)
    sent_referral(
        store, amira, LAST - timedelta(days=40), outcome=ReferralOutcome.NO_FURTHER_ACTION,
        outcome_on=LAST - timedelta(days=35),
    )  # fmt: skip
    assert "MASH enquiry ended on 28/04/2025 (No further action); 2 more neglect concerns since then." in (
        _the_alert(store).reason
    )


def test_concerns_before_and_after_a_referral_make_one_pattern(store: RecordStore) -> None:
    amira = child(store)
    concern(store, amira, LAST - timedelta(days=80))
    sent_referral(store, amira, LAST - timedelta(days=70))
    for day in (LAST - timedelta(days=50), LAST - timedelta(days=25), LAST):
        concern(store, amira, day)
    alert = _the_alert(store)
    assert alert.title == "Neglect pattern: 4 concerns since 14/03/2025"
    assert "3 more neglect concerns since then" in alert.reason


def test_a_neglect_concern_given_an_acting_decision_still_counts(store: RecordStore) -> None:
    amira = child(store)
    concern(store, amira, LAST - timedelta(days=60))
    concern(store, amira, LAST - timedelta(days=30), decision=DslDecision.EARLY_HELP, reasons="")
    concern(store, amira, LAST)
    assert _neglect_alerts(store) == [str(amira.id)]


def test_the_alert_stays_and_old_patterns_fade(store: RecordStore) -> None:
    amira = child(store)
    for day in (LAST - timedelta(days=60), LAST - timedelta(days=30), LAST):
        concern(store, amira, day)
    assert _neglect_alerts(store, LAST + timedelta(days=200)) == [str(amira.id)]
    assert _neglect_alerts(store, LAST + timedelta(days=365)) == [str(amira.id)]  # lookback_days = 365
    assert _neglect_alerts(store, LAST + timedelta(days=366)) == []
    assert _neglect_alerts(store, LAST - timedelta(days=1)) == []  # the third had not happened yet


# ---- the DSL's review of the pattern, and growth after it -----------------------------------------------------


def test_reviewing_the_pattern_acknowledges_it_until_it_grows(store: RecordStore) -> None:
    amira = child(store)
    for day in (LAST - timedelta(days=60), LAST - timedelta(days=30), LAST):
        concern(store, amira, day)
    plan(store, amira, LAST - timedelta(days=45))
    reviewed_on = LAST + timedelta(days=2)
    acknowledge_alert(
        store, _the_alert(store, reviewed_on), "Reviewed all three with the family worker: MASH contact if any more.",
        reviewed_on,
    )  # fmt: skip
    seen = _the_alert(store, reviewed_on)
    assert seen.acknowledged_on == reviewed_on and "MASH contact if any more" in seen.acknowledged_note
    assert "Pattern reviewed on 04/06/2025; no more neglect concerns since then." in seen.reason
    assert _the_alert(store, reviewed_on + timedelta(days=30)).acknowledged_on == reviewed_on
    # one more concern after the review: it stands again, not acknowledged, and says so
    concern(store, amira, reviewed_on + timedelta(days=10))
    grown = _the_alert(store, reviewed_on + timedelta(days=10))
    assert grown.acknowledged_on is None
    assert grown.title == "Neglect pattern: 4 concerns since 03/04/2025"
    assert "Pattern reviewed on 04/06/2025; 1 more neglect concern since then." in grown.reason
    # on the day before the new concern, the review still stands
    assert _the_alert(store, reviewed_on + timedelta(days=9)).acknowledged_on == reviewed_on


def test_a_decision_on_one_concern_is_not_a_review_of_the_pattern(store: RecordStore) -> None:
    amira = child(store)
    first = concern(store, amira, LAST - timedelta(days=60), decision=DslDecision.PENDING, reasons="")
    for day in (LAST - timedelta(days=30), LAST):
        concern(store, amira, day)
    record_dsl_decision(store, first.id, DslDecision.EARLY_HELP, "Early Help offered to mum.")
    assert _the_alert(store).acknowledged_on is None


# ---- indicators, whichever category was ticked ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Came in hungry and ate two breakfasts at breakfast club.", ["hunger"]),
        ("Said there was NO FOOD in the house at the weekend.", ["hunger"]),
        ("Strong odour; hair matted and unwashed.", ["hygiene"]),
        ("No coat in the snow and shoes too small for her.", ["clothing"]),
        ("Has had toothache for three weeks; dentist appointment missed.", ["untreated health or dental needs"]),
        ("Arrived late again, third time this week.", ["lateness and absence"]),
        ("He is a young carer and gets the little ones ready every morning.", ["a young carer's responsibilities"]),
        ("No concerns about hygiene.", []),
        ("Said he was not hungry and had eaten at home.", []),
        ("There are no signs of neglect and no issues with attendance.", []),
        ("Talked about Hungarian food at lunch.", []),  # word boundaries: 'Hungarian' is not 'hunger'
        ("Was not hungry, but smelt strongly of smoke.", ["hygiene"]),  # a negation reaches only its own clause
    ],
)
def test_indicator_phrases(text: str, expected: list[str]) -> None:
    settings = load_config().neglect.indicators
    assert neglect.matched_phrases(text, settings) == expected


def test_indicator_categories_count_whichever_was_ticked(store: RecordStore) -> None:
    amira = child(store)
    concern(store, amira, LAST - timedelta(days=50), categories=[Category.ATTENDANCE], what_happened="Absent Monday.")
    concern(
        store, amira, LAST - timedelta(days=20), categories=[Category.MENTAL_HEALTH],
        what_happened="Tearful; said she was hungry because there was nothing for tea.",
    )  # fmt: skip
    concern(store, amira, LAST, categories=[Category.OTHER], what_happened="Wearing the same clothes all week.")
    assert _neglect_alerts(store) == [str(amira.id)]


def test_an_amendment_that_adds_hunger_makes_an_indicator(store: RecordStore) -> None:
    amira = child(store)
    concern(store, amira, LAST - timedelta(days=50))
    concern(store, amira, LAST - timedelta(days=20))
    other = concern(store, amira, LAST, categories=[Category.OTHER], what_happened="Quiet in class.")
    assert _neglect_alerts(store) == []
    amend_concern(store, other.id, "Fuller account from the TA", what_happened="Quiet in class; said she was hungry.")
    assert _neglect_alerts(store) == [str(amira.id)]


def test_pure_rule_with_a_tighter_setting(tmp_path: Path) -> None:
    custom = tmp_path / "practice.toml"
    custom.write_text("[neglect.cumulative]\ncount = 2\ndays = 30\n", encoding="utf-8")
    config = load_config(custom)
    child_id = "00000000-0000-4000-8000-000000000001"
    two = [
        Concern.model_validate(_fields(child_id, DslDecision.MONITOR, "r", observed_at=at(LAST - timedelta(days=29)))),
        Concern.model_validate(_fields(child_id, DslDecision.MONITOR, "r", observed_at=at(LAST))),
    ]
    assert neglect.cumulative_neglect(two, LAST) is None  # shipped: 3 in 90
    found = neglect.cumulative_neglect(two, LAST, config)
    assert found is not None and found.count == 2 and found.days == 30


def test_indicator_phrases_are_configurable(tmp_path: Path) -> None:
    custom = tmp_path / "practice.toml"
    custom.write_text('[neglect.indicators.phrases]\nhunger = ["peckish"]\n', encoding="utf-8")
    settings = load_config(custom).neglect.indicators
    assert neglect.matched_phrases("Said she was peckish.", settings) == ["hunger"]
    assert neglect.matched_phrases("Said she was hungry.", settings) == []
    assert "clothing" in settings.phrases  # other indicators keep their shipped phrases


# ---- "what would make you refer?" -----------------------------------------------------------------------------


def test_a_decision_not_to_refer_within_a_pattern_needs_what_would_make_you_refer(store: RecordStore) -> None:
    amira = child(store)
    concern(store, amira, LAST - timedelta(days=50))
    concern(store, amira, LAST - timedelta(days=20))
    with pytest.raises(InvalidRecord) as caught:
        record_concern(store, **_fields(amira.id, DslDecision.MONITOR, "Spoke to mum.", observed_at=at(LAST)))
    message = str(caught.value)
    assert "neglect pattern (3 concerns since 13/04/2025)" in message and "what would make you refer" in message
    assert len(store.for_child(amira.id, Concern)) == 2
    saved = record_concern(
        store, **_fields(amira.id, DslDecision.MONITOR, "Spoke to mum.", observed_at=at(LAST), refer_if="Any more.")
    ).value
    assert store.get_as(Concern, saved.id).refer_if == "Any more."


def test_two_earlier_concerns_and_an_unrelated_one_need_nothing_more(store: RecordStore) -> None:
    amira = child(store)
    concern(store, amira, LAST - timedelta(days=50))
    concern(store, amira, LAST - timedelta(days=20))
    record_concern(
        store,
        **_fields(amira.id, DslDecision.MONITOR, "r", observed_at=at(LAST), categories=[Category.ONLINE],
                  what_happened="Shared a photo of a classmate.", child_words=""),
    )  # fmt: skip


def test_acting_decisions_need_no_refer_if(store: RecordStore) -> None:
    amira = child(store)
    concern(store, amira, LAST - timedelta(days=50))
    concern(store, amira, LAST - timedelta(days=20))
    record_concern(store, **_fields(amira.id, DslDecision.MASH_ENQUIRY, observed_at=at(LAST)))


def test_amending_the_decision_within_a_pattern_needs_it_too(store: RecordStore) -> None:
    amira = child(store)
    concern(store, amira, LAST - timedelta(days=50))
    concern(store, amira, LAST - timedelta(days=20))
    pending = concern(store, amira, LAST, decision=DslDecision.PENDING, reasons="", refer_if="")
    with pytest.raises(InvalidRecord, match="what would make you refer"):
        record_dsl_decision(store, pending.id, DslDecision.SUPPORT_IN_SCHOOL, "Breakfast club place.")
    amend_concern(store, pending.id, "Decision", dsl_decision="support_in_school",
                  decision_reasons="Breakfast club place.", refer_if="Any day she arrives hungry again.")  # fmt: skip
    # an amendment that leaves the decision alone (a typo) is not blocked by the rule
    amend_concern(store, pending.id, "Typo", where="Year 4 classroom")


def test_imported_historical_concerns_import_without_refer_if(
    store: RecordStore, tmp_path: Path, make_vault: MakeVault
) -> None:
    """Imports carry records as they were written (before this rule existed); Today still counts them."""
    amira = child(store)
    concerns = [
        Concern.model_validate(_fields(amira.id, DslDecision.MONITOR, "r", observed_at=at(LAST - timedelta(days=d))))
        for d in (50, 20, 0)
    ]
    bundle = build_bundle(store, str(amira.id)).model_copy(update={"concerns": concerns})
    data = bundle.model_dump(mode="json")
    other = tmp_path / "other"
    with make_vault(other, "Mr Bo Receiver")[0] as vault:
        receiving = RecordStore(vault)
        import_bundle(receiving, bundle_from_json(data))
        assert [a.child_id for a in practice_alerts(receiving, LAST) if a.rule_id == RuleId.CUMULATIVE_NEGLECT] == [
            str(amira.id)
        ]
