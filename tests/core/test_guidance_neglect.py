"""Neglect: "persistent" is not a reason to wait. The decision-not-to-refer rule and the cumulative alert,
tested at their boundaries with fixed dates on a real vault. All names are fictional.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from guidance_cases import MONDAY, at, child, concern, plan, sent_referral

from dslapp.errors import InvalidRecord
from dslapp.guidance import neglect
from dslapp.guidance.alerts import RuleId
from dslapp.guidance.config import load_config
from dslapp.guidance.prompts import ActionCode, PromptCode
from dslapp.models import Category, Concern, DslDecision, Referral, ReferralStatus
from dslapp.services import recording
from dslapp.services.alerts import practice_alerts
from dslapp.services.concerns import record_concern, record_dsl_decision
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
        store, **_fields(amira.id, DslDecision.MONITOR, "Spoke to mum.", observed_at=at(LAST))
    ).prompts
    assert [p.code for p in prompts] == [PromptCode.NEGLECT_NOT_REFERRED, PromptCode.CUMULATIVE_NEGLECT]
    pattern = prompts[1]
    assert pattern.title == "Cumulative neglect: 3 concerns in 90 days"
    assert "between 05/03/2025 and 02/06/2025" in pattern.message
    assert pattern.has_action(ActionCode.DRAFT_MASH_ENQUIRY)


# ---- the cumulative-neglect alert ---------------------------------------------------------------------------


def _neglect_alerts(store: RecordStore, on: date = LAST) -> list[str]:
    return [a.child_id for a in practice_alerts(store, on) if a.rule_id == RuleId.CUMULATIVE_NEGLECT]


def test_exactly_three_in_ninety_days_fires(store: RecordStore) -> None:
    amira = child(store)
    # 05/03/2025 to 02/06/2025: ninety calendar days counting both ends (89 days apart)
    for day in (LAST - timedelta(days=89), LAST - timedelta(days=30), LAST):
        concern(store, amira, day)
    assert _neglect_alerts(store) == [str(amira.id)]
    [alert] = [a for a in today(store, LAST)["alerts"] if a.rule_id == RuleId.CUMULATIVE_NEGLECT]  # type: ignore[attr-defined]
    data = alert.as_json()
    assert data["rule_id"] == "cumulative_neglect" and data["child_id"] == str(amira.id)
    assert "3 neglect concerns between 05/03/2025 and 02/06/2025" in data["reason"]
    assert len(data["record_ids"]) == 3


def test_three_in_ninety_one_days_does_not(store: RecordStore) -> None:
    amira = child(store)
    for day in (LAST - timedelta(days=90), LAST - timedelta(days=30), LAST):
        concern(store, amira, day)
    assert _neglect_alerts(store) == []


def test_two_is_not_a_pattern_and_other_categories_do_not_count(store: RecordStore) -> None:
    amira = child(store)
    concern(store, amira, LAST - timedelta(days=20))
    concern(store, amira, LAST)
    concern(store, amira, LAST - timedelta(days=10), categories=[Category.ATTENDANCE])
    assert _neglect_alerts(store) == []


def test_a_referral_after_the_first_suppresses_it(store: RecordStore) -> None:
    amira = child(store)
    for day in (LAST - timedelta(days=60), LAST - timedelta(days=30), LAST):
        concern(store, amira, day)
    sent_referral(store, amira, LAST - timedelta(days=60))  # same day as the first counts
    assert _neglect_alerts(store) == []


def test_an_early_help_plan_after_the_first_suppresses_it(store: RecordStore) -> None:
    amira = child(store)
    for day in (LAST - timedelta(days=60), LAST - timedelta(days=30), LAST):
        concern(store, amira, day)
    plan(store, amira, LAST - timedelta(days=45))
    assert _neglect_alerts(store) == []


def test_a_referral_before_the_first_or_a_draft_does_not(store: RecordStore) -> None:
    amira = child(store)
    sent_referral(store, amira, LAST - timedelta(days=61))
    for day in (LAST - timedelta(days=60), LAST - timedelta(days=30), LAST):
        concern(store, amira, day)
    recording.record(store, Referral, child_id=amira.id, started_on=LAST, status=ReferralStatus.DRAFT)
    assert _neglect_alerts(store) == [str(amira.id)]


def test_concerns_after_a_referral_can_form_a_new_pattern(store: RecordStore) -> None:
    amira = child(store)
    concern(store, amira, LAST - timedelta(days=80))
    sent_referral(store, amira, LAST - timedelta(days=70))
    for day in (LAST - timedelta(days=50), LAST - timedelta(days=25), LAST):
        concern(store, amira, day)
    [alert] = [a for a in practice_alerts(store, LAST) if a.rule_id == RuleId.CUMULATIVE_NEGLECT]
    assert "between 13/04/2025 and 02/06/2025" in alert.reason


def test_a_neglect_concern_referred_on_counts_as_acting(store: RecordStore) -> None:
    amira = child(store)
    concern(store, amira, LAST - timedelta(days=60))
    concern(store, amira, LAST - timedelta(days=30), decision=DslDecision.EARLY_HELP, reasons="")
    concern(store, amira, LAST)
    assert _neglect_alerts(store) == []


def test_the_alert_stays_until_acted_on_and_old_patterns_fade(store: RecordStore) -> None:
    amira = child(store)
    for day in (LAST - timedelta(days=60), LAST - timedelta(days=30), LAST):
        concern(store, amira, day)
    assert _neglect_alerts(store, LAST + timedelta(days=200)) == [str(amira.id)]
    assert _neglect_alerts(store, LAST + timedelta(days=366)) == []  # lookback_days = 365
    assert _neglect_alerts(store, LAST - timedelta(days=1)) == []  # the third had not happened yet


def test_pure_rule_with_a_tighter_setting(tmp_path: Path) -> None:
    custom = tmp_path / "practice.toml"
    custom.write_text("[neglect.cumulative]\ncount = 2\ndays = 30\n", encoding="utf-8")
    config = load_config(custom)
    child_id = "00000000-0000-4000-8000-000000000001"
    two = [
        Concern.model_validate(_fields(child_id, DslDecision.MONITOR, "r", observed_at=at(LAST - timedelta(days=29)))),
        Concern.model_validate(_fields(child_id, DslDecision.MONITOR, "r", observed_at=at(LAST))),
    ]
    assert neglect.cumulative_neglect(two, [], [], LAST) is None  # shipped: 3 in 90
    found = neglect.cumulative_neglect(two, [], [], LAST, config)
    assert found is not None and found.count == 2 and found.days == 30
