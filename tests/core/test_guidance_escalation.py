"""Escalation under the Case Resolution Protocol: stages, working-day timescales, stepping up, responses,
and the alert when a respond-by date passes. All names are fictional; every date is fixed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from guidance_cases import MONDAY, child, sent_referral

from dslapp.errors import InvalidRecord
from dslapp.guidance import escalation as guide
from dslapp.guidance.alerts import RuleId
from dslapp.guidance.config import load_config
from dslapp.guidance.prompts import ActionCode, PromptCode
from dslapp.models import Escalation, ReferralOutcome
from dslapp.models.referral import DisagreementType
from dslapp.services import escalation
from dslapp.services.alerts import practice_alerts
from dslapp.store import RecordStore


def test_stages_with_whom_and_timescales() -> None:
    assert [(s.stage, s.with_whom, s.respond_within_working_days) for s in guide.stages()] == [
        (1, "The practitioner who made the decision (for example the allocated social worker)", 2),
        (2, "Their team manager", 5),
        (3, "The service manager or head of service", 5),
        (4, "The safeguarding partnership (through its business unit)", 10),
    ]
    # restorative first, as the partnership's protocol describes: resolved together before any manager
    assert guide.stages()[0].title == "Stage 1: resolve it together"
    assert guide.next_stage(1) is not None and guide.next_stage(1).stage == 2  # type: ignore[union-attr]
    assert guide.next_stage(4) is None
    assert set(guide.disagreement_types()) == set(DisagreementType)


def test_respond_by_counts_working_days() -> None:
    assert guide.respond_by(1, MONDAY) == date(2025, 3, 5)  # Monday + 2 working days
    assert guide.respond_by(1, date(2025, 3, 7)) == date(2025, 3, 11)  # Friday: over the weekend
    assert guide.respond_by(2, date(2025, 3, 6)) == date(2025, 3, 13)
    assert guide.respond_by(3, MONDAY) == date(2025, 3, 10)
    assert guide.respond_by(4, MONDAY) == date(2025, 3, 17)


def test_closed_days_are_skipped(tmp_path: Path) -> None:
    custom = tmp_path / "practice.toml"
    custom.write_text("[calendar]\nclosed_days = [2025-04-18, 2025-04-21]\n", encoding="utf-8")
    easter = load_config(custom)
    assert guide.respond_by(1, date(2025, 4, 17)) == date(2025, 4, 21)
    assert guide.respond_by(1, date(2025, 4, 17), easter) == date(2025, 4, 23)


def _start(store: RecordStore, **extra: object) -> Escalation:
    amira = child(store)
    made = escalation.start_escalation(
        store,
        amira.id,
        DisagreementType.THRESHOLD,
        MONDAY,
        "We disagree that the neglect does not meet the threshold for assessment.",
        **extra,  # type: ignore[arg-type]
    ).value
    return made


def test_start_uses_the_stage_defaults(store: RecordStore) -> None:
    made = _start(store)
    assert made.stage == 1
    assert made.with_whom == "The practitioner who made the decision (for example the allocated social worker)"
    assert made.respond_by == date(2025, 3, 5)
    named = escalation.start_escalation(
        store, made.child_id, DisagreementType.ROLES, MONDAY, "Who leads?", with_whom="Ms S. Worker (social worker)"
    ).value
    assert named.with_whom == "Ms S. Worker (social worker)"


def test_step_up_moves_to_the_next_stage_with_its_timescale(store: RecordStore) -> None:
    first = _start(store)
    result = escalation.step_up(
        store, first.id, date(2025, 3, 6), "No response from the social worker; asked the team manager to review."
    )
    second, changes = result.value, result.changes
    assert (second.stage, second.with_whom, second.respond_by) == (
        2,
        "Their team manager",
        date(2025, 3, 13),
    )
    assert second.disagreement == DisagreementType.THRESHOLD
    assert changes.touches(Escalation.KIND)
    before = store.get_as(Escalation, first.id)
    assert before.outcome == "Not resolved at stage 1: moved to stage 2 on 06/03/2025."
    assert store.amendments(first.id)[0].reason == "Moved to stage 2 on 06/03/2025"
    with pytest.raises(InvalidRecord, match="already been moved on to stage 2"):
        escalation.step_up(store, first.id, date(2025, 3, 7), "Again")
    third = escalation.step_up(store, second.id, date(2025, 3, 14), "To the service manager.").value
    fourth = escalation.step_up(store, third.id, date(2025, 3, 21), "To the head of service.").value
    assert (third.stage, fourth.stage) == (3, 4)
    assert fourth.respond_by == date(2025, 4, 4)
    with pytest.raises(InvalidRecord, match="final stage"):
        escalation.step_up(store, fourth.id, date(2025, 4, 7), "Nowhere left")
    assert [s.stage for s in escalation.escalation_steps(store, second.id)] == [1, 2, 3, 4]


def test_a_response_is_recorded_and_a_resolution_closes_it(store: RecordStore) -> None:
    first = _start(store)
    responded = escalation.record_response(
        store, first.id, date(2025, 3, 5), "Social worker will ask her manager to review by Friday."
    ).value
    assert responded.outcome == "Response recorded 05/03/2025: Social worker will ask her manager to review by Friday."
    assert responded.resolved_on is None
    resolved = escalation.record_response(
        store, first.id, date(2025, 3, 7), "Manager agreed a single assessment.", resolved=True
    ).value
    assert resolved.resolved_on == date(2025, 3, 7)
    assert resolved.outcome.count("Response recorded") == 2
    with pytest.raises(InvalidRecord, match="resolved on 07/03/2025"):
        escalation.step_up(store, first.id, date(2025, 3, 10), "Too late")
    with pytest.raises(InvalidRecord, match="Say what was said or agreed"):
        escalation.record_response(store, _start(store).id, date(2025, 3, 5), " ")


def test_escalating_a_referral_outcome(store: RecordStore) -> None:
    amira = child(store)
    awaiting = sent_referral(store, amira, date(2025, 2, 24))
    with pytest.raises(InvalidRecord, match="no outcome recorded yet"):
        escalation.escalate_referral_outcome(store, awaiting.id, MONDAY, "We disagree")
    decided = sent_referral(
        store, amira, date(2025, 2, 24), outcome=ReferralOutcome.NO_FURTHER_ACTION, outcome_on=date(2025, 2, 28)
    )
    made = escalation.escalate_referral_outcome(
        store,
        decided.id,
        summary="No further action, but the neglect continues.",
        with_whom="",
        raised_on=MONDAY,
        respond_by=None,
        disagreement=DisagreementType.THRESHOLD,
    ).value
    assert made.referral_id == str(decided.id) and made.stage == 1 and made.respond_by == date(2025, 3, 5)


def test_the_alert_fires_the_day_after_the_respond_by_date(store: RecordStore) -> None:
    first = _start(store)

    def overdue(on: date) -> list[str]:
        return [a.record_id for a in practice_alerts(store, on) if a.rule_id == RuleId.ESCALATION_RESPONSE_OVERDUE]

    assert overdue(date(2025, 3, 5)) == []  # the respond-by day itself
    assert overdue(date(2025, 3, 6)) == [str(first.id)]
    [alert] = [a for a in practice_alerts(store, date(2025, 3, 6)) if a.rule_id == RuleId.ESCALATION_RESPONSE_OVERDUE]
    assert alert.title == "Escalation: no response by 05/03/2025"
    assert "Consider moving to Stage 2: manager to manager" in alert.reason
    assert "the school's own working expectation" in alert.reason
    prompt = guide.next_stage_prompt(first, date(2025, 3, 6))
    assert prompt is not None and prompt.code == PromptCode.ESCALATION_NEXT_STAGE
    assert prompt.has_action(ActionCode.ESCALATE)
    second = escalation.step_up(store, first.id, date(2025, 3, 6), "To the team manager.").value
    assert overdue(date(2025, 3, 6)) == []  # stepped up: the new stage is not due yet
    assert overdue(date(2025, 3, 14)) == [str(second.id)]
    escalation.record_response(store, second.id, date(2025, 3, 14), "Team manager will reply next week.")
    assert overdue(date(2025, 3, 20)) == []
