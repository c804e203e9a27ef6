"""Practice alerts on Today: each rule firing and not firing at its boundary, with fixed dates on a real vault.
(Cumulative neglect is in test_guidance_neglect.py, escalation in test_guidance_escalation.py.)
All names are fictional.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from guidance_cases import MONDAY, child, concern, plan, review, sent_referral
from support import PASSPHRASE

from dslapp.cli import main
from dslapp.guidance.alerts import AlertItem, RuleId
from dslapp.models import Category, ChildStatus, DslDecision, Judgement, ReferralOutcome
from dslapp.services import early_help
from dslapp.services.alerts import all_rules, practice_alerts
from dslapp.services.bundle import export_bundle
from dslapp.services.children import change_status
from dslapp.services.escalation import escalate_referral_outcome
from dslapp.services.today import today
from dslapp.store import RecordStore


def _fired(store: RecordStore, rule: str, on: date) -> list[AlertItem]:
    return [a for a in practice_alerts(store, on) if a.rule_id == rule]


# ---- Early Help: no improvement across two reviews ------------------------------------------------------------


def test_two_reviews_without_improvement_fire(store: RecordStore) -> None:
    amira = child(store)
    made = plan(store, amira, MONDAY)
    review(store, made, date(2025, 4, 14), Judgement.NO_CHANGE)
    assert _fired(store, RuleId.EH_NO_IMPROVEMENT, date(2025, 5, 1)) == []
    second = review(store, made, date(2025, 5, 26), Judgement.WORSE)
    [alert] = _fired(store, RuleId.EH_NO_IMPROVEMENT, date(2025, 5, 27))
    assert alert.record_id == str(second.id) and str(made.id) in alert.record_ids
    assert "14/04/2025 and 26/05/2025" in alert.reason and "(no change, then worse)" in alert.reason


def test_an_improved_review_a_referral_or_closing_the_plan_clears_it(store: RecordStore) -> None:
    amira = child(store)
    made = plan(store, amira, MONDAY)
    review(store, made, date(2025, 4, 14), Judgement.NO_CHANGE)
    review(store, made, date(2025, 5, 26), Judgement.NO_CHANGE)
    assert len(_fired(store, RuleId.EH_NO_IMPROVEMENT, date(2025, 5, 27))) == 1
    sent_referral(store, amira, date(2025, 5, 27))
    assert _fired(store, RuleId.EH_NO_IMPROVEMENT, date(2025, 5, 28)) == []

    bea = child(store, "Bea", "Otherchild")
    hers = plan(store, bea, MONDAY)
    review(store, hers, date(2025, 4, 14), Judgement.NO_CHANGE)
    review(store, hers, date(2025, 5, 26), Judgement.NO_CHANGE)
    review(store, hers, date(2025, 7, 7), Judgement.IMPROVED)
    assert _fired(store, RuleId.EH_NO_IMPROVEMENT, date(2025, 7, 8)) == []
    assert len(_fired(store, RuleId.EH_NO_IMPROVEMENT, date(2025, 6, 1))) == 1  # as things stood then
    early_help.close_plan(store, hers.id, date(2025, 7, 8), "Bea has breakfast every day.")
    assert _fired(store, RuleId.EH_NO_IMPROVEMENT, date(2025, 6, 1)) == []


# ---- no further action, then the concerns continue -------------------------------------------------------------


def test_a_concern_within_thirty_days_of_no_further_action_fires(store: RecordStore) -> None:
    amira = child(store)
    nfa = sent_referral(
        store, amira, date(2025, 3, 3), outcome=ReferralOutcome.NO_FURTHER_ACTION, outcome_on=date(2025, 3, 10)
    )
    later = concern(store, amira, date(2025, 4, 9))  # 30 days after the outcome
    [alert] = _fired(store, RuleId.NFA_CONCERNS_CONTINUE, date(2025, 4, 9))
    assert alert.record_id == str(nfa.id) and str(later.id) in alert.record_ids
    assert alert.title == "Situation not improving: consider escalation"
    assert "no further action on 10/03/2025, and a new concern followed on 09/04/2025" in alert.reason
    assert _fired(store, RuleId.NFA_CONCERNS_CONTINUE, date(2025, 4, 8)) == []  # before the concern


def test_a_concern_thirty_one_days_later_does_not(store: RecordStore) -> None:
    amira = child(store)
    sent_referral(
        store, amira, date(2025, 3, 3), outcome=ReferralOutcome.NO_FURTHER_ACTION, outcome_on=date(2025, 3, 10)
    )
    concern(store, amira, date(2025, 4, 10))
    assert _fired(store, RuleId.NFA_CONCERNS_CONTINUE, date(2025, 4, 10)) == []


def test_an_escalation_or_a_new_referral_answers_it(store: RecordStore) -> None:
    amira = child(store)
    nfa = sent_referral(
        store, amira, date(2025, 3, 3), outcome=ReferralOutcome.NO_FURTHER_ACTION, outcome_on=date(2025, 3, 10)
    )
    concern(store, amira, date(2025, 3, 20))
    assert len(_fired(store, RuleId.NFA_CONCERNS_CONTINUE, date(2025, 3, 21))) == 1
    escalate_referral_outcome(store, nfa.id, date(2025, 3, 21), "The neglect continues after no further action.")
    assert _fired(store, RuleId.NFA_CONCERNS_CONTINUE, date(2025, 3, 21)) == []

    bea = child(store, "Bea", "Otherchild")
    sent_referral(store, bea, date(2025, 3, 3), outcome=ReferralOutcome.NO_FURTHER_ACTION, outcome_on=date(2025, 3, 10))
    concern(store, bea, date(2025, 3, 20))
    sent_referral(store, bea, date(2025, 3, 24))
    assert _fired(store, RuleId.NFA_CONCERNS_CONTINUE, date(2025, 3, 25)) == []


def test_other_outcomes_do_not_fire(store: RecordStore) -> None:
    amira = child(store)
    sent_referral(store, amira, date(2025, 3, 3), outcome=ReferralOutcome.EARLY_HELP, outcome_on=date(2025, 3, 10))
    concern(store, amira, date(2025, 3, 20))
    assert _fired(store, RuleId.NFA_CONCERNS_CONTINUE, date(2025, 3, 21)) == []


# ---- a new concern for a child on a CP plan ------------------------------------------------------------------


def test_a_new_concern_on_a_cp_plan_asks_to_inform_the_social_worker(store: RecordStore) -> None:
    amira = child(store)
    change_status(store, amira.id, ChildStatus.CP, date(2025, 2, 3), "Initial child protection conference")
    concern(store, amira, date(2025, 1, 20), categories=[Category.EMOTIONAL])  # before the plan
    worry = concern(store, amira, date(2025, 3, 3), categories=[Category.EMOTIONAL])
    concern(
        store, amira, date(2025, 3, 4), categories=[Category.EMOTIONAL],
        decision=DslDecision.INFORM_SOCIAL_WORKER, reasons="",
    )  # fmt: skip
    [alert] = _fired(store, RuleId.CP_PLAN_NEW_CONCERN, date(2025, 3, 5))
    assert alert.record_id == str(worry.id)
    assert "on a child protection plan and a new concern was recorded on 03/03/2025" in alert.reason
    assert len(_fired(store, RuleId.CP_PLAN_NEW_CONCERN, date(2025, 4, 2))) == 1  # 30 days on
    assert _fired(store, RuleId.CP_PLAN_NEW_CONCERN, date(2025, 4, 3)) == []  # 31 days on


def test_no_cp_alert_for_a_child_not_on_a_plan(store: RecordStore) -> None:
    amira = child(store)
    concern(store, amira, date(2025, 3, 3), categories=[Category.EMOTIONAL])
    assert _fired(store, RuleId.CP_PLAN_NEW_CONCERN, date(2025, 3, 5)) == []


# ---- the child's voice -------------------------------------------------------------------------------------


def test_childs_voice_not_recorded_for_ninety_days(store: RecordStore) -> None:
    amira = child(store)
    change_status(store, amira.id, ChildStatus.CIN, date(2024, 12, 2), "Child in need plan")
    concern(store, amira, MONDAY, child_words="I don't like going home.")
    assert _fired(store, RuleId.CHILD_VOICE_NOT_RECORDED, MONDAY + timedelta(days=90)) == []
    [alert] = _fired(store, RuleId.CHILD_VOICE_NOT_RECORDED, MONDAY + timedelta(days=91))
    assert alert.title == "Child's voice not recorded for 90 days"
    assert "since 03/03/2025" in alert.reason and alert.record_id == str(amira.id)


def test_childs_voice_on_a_newly_opened_case_or_a_universal_child(store: RecordStore) -> None:
    amira = child(store)
    change_status(store, amira.id, ChildStatus.EARLY_HELP, MONDAY, "Early Help")
    assert _fired(store, RuleId.CHILD_VOICE_NOT_RECORDED, MONDAY + timedelta(days=90)) == []
    [alert] = _fired(store, RuleId.CHILD_VOICE_NOT_RECORDED, MONDAY + timedelta(days=91))
    assert "Nothing in Amira's own words has been recorded in the last 90 days" in alert.reason
    bea = child(store, "Bea", "Otherchild")
    concern(store, bea, date(2024, 1, 8))
    assert [a.child_id for a in practice_alerts(store, MONDAY + timedelta(days=91))] == [str(amira.id)]


# ---- Today ---------------------------------------------------------------------------------------------------


def test_today_lists_alerts_with_rule_child_and_reason(store: RecordStore) -> None:
    assert all_rules() == [practice_alerts]
    amira = child(store)
    sent_referral(
        store, amira, date(2025, 3, 3), outcome=ReferralOutcome.NO_FURTHER_ACTION, outcome_on=date(2025, 3, 10)
    )
    concern(store, amira, date(2025, 3, 20))
    alerts = today(store, date(2025, 3, 21))["alerts"]
    assert [a.as_json()["rule_id"] for a in alerts] == [RuleId.NFA_CONCERNS_CONTINUE]
    data = alerts[0].as_json()
    assert data["child_id"] == str(amira.id) and data["child_name"] == "Amira Testchild"
    assert data["section"] == "alerts" and data["reason"] and data["key"].startswith("nfa_concerns_continue:")


def test_closed_cases_raise_no_alerts(store: RecordStore) -> None:
    amira = child(store)
    for day in (date(2025, 3, 3), date(2025, 3, 20), date(2025, 4, 1)):
        concern(store, amira, day)
    assert len(practice_alerts(store, date(2025, 4, 2))) == 1
    change_status(store, amira.id, ChildStatus.CLOSED, date(2025, 4, 2), "Left the area")
    assert practice_alerts(store, date(2025, 4, 2)) == []
    assert practice_alerts(store, date(2025, 4, 2), child_id=amira.id) == []


# ---- a case bundle imported with `dslapp import` ----------------------------------------------------------


def test_an_imported_case_bundle_produces_the_cumulative_neglect_alert(
    store: RecordStore,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fast_kdf: object,
) -> None:
    amira = child(store)
    for day in (date(2025, 3, 5), date(2025, 4, 14), date(2025, 6, 2)):  # 90 days, first to last
        concern(store, amira, day)
    bundle = tmp_path / "amira.json"
    export_bundle(store, str(amira.id), bundle)

    monkeypatch.setenv("DSLAPP_PASSPHRASE", PASSPHRASE)
    other = tmp_path / "receiving"
    assert main(["init", "--vault", str(other), "--name", "Mr Bo Receiver"]) == 0
    assert main(["import", "--vault", str(other), str(bundle)]) == 0
    capsys.readouterr()

    def alerts_on(day: str) -> list[tuple[str, str]]:
        assert main(["today", "--vault", str(other), "--on", day, "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        return [(a["rule_id"], a["child_id"]) for a in data["alerts"]]

    assert alerts_on("01/06/2025") == []
    assert alerts_on("02/06/2025") == [("cumulative_neglect", str(amira.id))]


def test_the_childs_overview_and_today_agree(store: RecordStore) -> None:
    amira = child(store)
    change_status(store, amira.id, ChildStatus.CIN, date(2023, 1, 2), "Child in need plan")
    concern(store, amira, date(2023, 1, 9), child_words="I like my new teacher.")  # beyond the rules' look-back
    for day in (date(2025, 1, 6), date(2025, 2, 3), date(2025, 3, 3)):
        concern(store, amira, day)
    on = date(2025, 3, 5)
    caseload = practice_alerts(store, on)
    assert caseload == practice_alerts(store, on, child_id=amira.id)
    assert sorted(a.rule_id for a in caseload) == [RuleId.CHILD_VOICE_NOT_RECORDED, RuleId.CUMULATIVE_NEGLECT]
    [voice] = [a for a in caseload if a.rule_id == RuleId.CHILD_VOICE_NOT_RECORDED]
    assert "in the last 90 days" in voice.reason
