"""A saved Early Help review whose "how has life improved for the child?" answer describes services, not the
child's life, keeps that judgement however it arrived (typed, imported, amended): Today alerts, the chronology
row and the referral pack show the mark, and it counts as no improvement in the stalled-plan alert."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from guidance_cases import MONDAY, child, plan, review
from pypdf import PdfReader
from support import MakeVault

from dslapp.guidance.alerts import AlertItem, RuleId
from dslapp.guidance.prompts import PromptCode
from dslapp.models import EarlyHelpReview, Impact, Judgement, ReviewDecision
from dslapp.services import early_help
from dslapp.services.alerts import practice_alerts
from dslapp.services.bundle import build_bundle, import_bundle, parse_bundle
from dslapp.services.chronology import build_chronology, chronology_rows
from dslapp.services.documents import export_referral_pack
from dslapp.services.mash import start_enquiry
from dslapp.store import RecordStore

MARK = "Answer describes services, not the child's daily life"
SERVICES = "Mum attended all the TAF meetings and was referred to a parenting course."
LIVED = "Amira has breakfast most days now and says she feels less tired in lessons."


def _fired(store: RecordStore, rule: str, on: date) -> list[AlertItem]:
    return [a for a in practice_alerts(store, on) if a.rule_id == rule]


def _typed_review(
    store: RecordStore, plan_id: object, held_on: date, answer: str, overall: Judgement
) -> EarlyHelpReview:
    result = early_help.review_plan(
        store, plan_id, held_on=held_on, life_improved=answer, overall=overall, decision=ReviewDecision.CONTINUE
    )
    return result.value.review


def test_a_typed_review_about_services_raises_a_today_alert_from_its_date(store: RecordStore) -> None:
    amira = child(store)
    made = plan(store, amira, MONDAY)
    saved = _typed_review(store, made.id, date(2025, 4, 14), SERVICES, Judgement.IMPROVED)
    assert _fired(store, RuleId.EH_DESCRIBES_SERVICES, date(2025, 4, 13)) == []
    [alert] = _fired(store, RuleId.EH_DESCRIBES_SERVICES, date(2025, 4, 14))
    assert alert.record_id == str(saved.id) and str(made.id) in alert.record_ids
    assert alert.child_name == "Amira Testchild" and "14/04/2025" in alert.reason
    assert "services" in alert.title


def test_a_review_about_the_childs_life_raises_nothing(store: RecordStore) -> None:
    amira = child(store)
    made = plan(store, amira, MONDAY)
    _typed_review(store, made.id, date(2025, 4, 14), SERVICES + " " + LIVED, Judgement.IMPROVED)
    assert _fired(store, RuleId.EH_DESCRIBES_SERVICES, date(2025, 5, 1)) == []


def test_a_review_about_services_counts_as_no_improvement_in_the_stalled_plan_rule(store: RecordStore) -> None:
    amira = child(store)
    made = plan(store, amira, MONDAY)
    review(store, made, date(2025, 4, 14), Judgement.IMPROVED, life_improved=SERVICES)
    assert _fired(store, RuleId.EH_NO_IMPROVEMENT, date(2025, 5, 1)) == []
    second = review(store, made, date(2025, 5, 26), Judgement.NO_CHANGE)
    [alert] = _fired(store, RuleId.EH_NO_IMPROVEMENT, date(2025, 5, 27))
    assert alert.record_id == str(second.id)
    assert f"(improved; {MARK[0].lower()}{MARK[1:]}, then no change)" in alert.reason


def test_the_review_guide_counts_an_earlier_services_answer_as_no_improvement(store: RecordStore) -> None:
    amira = child(store)
    made = plan(store, amira, MONDAY)
    first = early_help.review_plan(
        store,
        made.id,
        held_on=date(2025, 4, 14),
        life_improved=SERVICES,
        overall=Judgement.IMPROVED,
        decision=ReviewDecision.CONTINUE,
    )
    assert [p.code for p in first.prompts] == [PromptCode.SERVICES_ONLY]  # an improved judgement says no more
    second = early_help.review_plan(
        store,
        made.id,
        held_on=date(2025, 5, 26),
        life_improved=LIVED,
        overall=Judgement.NO_CHANGE,
        decision=ReviewDecision.CONTINUE,
    )
    assert [p.code for p in second.prompts] == [PromptCode.TWO_WITHOUT_IMPROVEMENT]


def test_an_amendment_marks_and_unmarks_the_review(store: RecordStore) -> None:
    amira = child(store)
    made = plan(store, amira, MONDAY)
    saved = review(store, made, date(2025, 4, 14), Judgement.IMPROVED, life_improved=LIVED)
    on = date(2025, 4, 20)
    assert _fired(store, RuleId.EH_DESCRIBES_SERVICES, on) == []
    result = early_help.amend_review(store, saved.id, "Typed the minutes' wording by mistake", life_improved=SERVICES)
    assert [p.code for p in result.prompts] == [PromptCode.SERVICES_ONLY]
    assert [a.record_id for a in _fired(store, RuleId.EH_DESCRIBES_SERVICES, on)] == [str(saved.id)]
    [row] = [r for r in build_chronology(store, amira.id).rows if r.record_id == str(saved.id)]
    assert row.impact == f"{SERVICES} ({MARK}.)" and row.impact_kind == Impact.UNKNOWN
    assert early_help.amend_review(store, saved.id, "Asked Amira what has changed", life_improved=LIVED).prompts == ()
    assert [a.reason for a in store.amendments(saved.id)] == [
        "Typed the minutes' wording by mistake",
        "Asked Amira what has changed",
    ]
    assert _fired(store, RuleId.EH_DESCRIBES_SERVICES, on) == []
    [row] = [r for r in build_chronology(store, amira.id).rows if r.record_id == str(saved.id)]
    assert MARK not in row.impact and row.impact_kind == Impact.POSITIVE


def test_an_imported_review_about_services_is_marked_on_today_and_in_the_chronology(
    store: RecordStore, tmp_path: Path, make_vault: MakeVault
) -> None:
    amira = child(store)
    made = plan(store, amira, MONDAY)
    saved = review(store, made, date(2025, 4, 14), Judgement.IMPROVED, life_improved=SERVICES)
    data = build_bundle(store, str(amira.id)).model_dump_json()
    with make_vault(tmp_path / "other", "Mr Bo Receiver", "DSL", "pw")[0] as other:
        receiver = RecordStore(other)
        import_bundle(receiver, parse_bundle(data))
        [alert] = _fired(receiver, RuleId.EH_DESCRIBES_SERVICES, date(2025, 6, 2))
        assert alert.record_id == str(saved.id)
        rows = chronology_rows(receiver.for_child(amira.id))
        [row] = [r for r in rows if r.record_id == str(saved.id)]
        assert row.impact.endswith(f"({MARK}.)")


def test_the_referral_pack_shows_the_mark_beside_the_answer_and_in_the_chronology(
    store: RecordStore, tmp_path: Path
) -> None:
    amira = child(store)
    made = plan(store, amira, MONDAY)
    review(store, made, date(2025, 4, 14), Judgement.IMPROVED, life_improved=SERVICES)
    review(store, made, date(2025, 5, 26), Judgement.NO_CHANGE, life_improved=LIVED)
    referral = start_enquiry(store, amira.id).value
    out = tmp_path / "pack.pdf"
    export_referral_pack(store, amira.id, out, referral_id=referral.id)
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(out.read_bytes())).pages))
    assert f"How has life improved for the child? ({MARK})" in text
    assert text.count(MARK) == 2  # once beside the answer in the plan's reviews, once on its chronology row
