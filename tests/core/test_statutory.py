"""Statutory status in detail and Operation Encompass (issue 17, items 4 and 5).

Dated records (CIN and CP plans, section 47 enquiries, looked after, private fostering) with the school's
contributions on Today: the report before a review conference (boundaries either side), a core group next
week, a PEP meeting; the oversight list of children with a social worker; the front sheet; the chronology;
the case bundle. An Operation Encompass notification lands in each named child's chronology and on Today for
each of them that day. Every name is fictional.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from family_cases import Siblings, make_siblings
from mash_cases import TODAY, ago, flat, pages_text
from support import MakeVault, run_cli

from dslapp.guidance.alerts import CaseRecords, RuleId, alerts_for_cases
from dslapp.models import (
    ChildLink,
    ChildStatus,
    EncompassNotice,
    LinkRelationship,
    StatusChange,
    StatutoryRecord,
    StatutoryType,
)
from dslapp.services import mash
from dslapp.services.bundle import build_bundle, import_bundle, parse_bundle
from dslapp.services.children import change_status
from dslapp.services.chronology import build_chronology
from dslapp.services.documents import export_referral_pack
from dslapp.services.encompass import amend_encompass, record_encompass
from dslapp.services.family import link_child_to_concern
from dslapp.services.statutory import amend_statutory, children_with_social_worker, record_statutory
from dslapp.services.today import today
from dslapp.store import RecordStore

SOCIAL_WORKER = "Priya Fictionsocial"


@pytest.fixture
def family(store: RecordStore) -> Siblings:
    return make_siblings(store)


def _cp_plan(store: RecordStore, family: Siblings, **fields: object) -> StatutoryRecord:
    values: dict[str, object] = {
        "status_type": StatutoryType.CP_PLAN,
        "started_on": ago(60),
        "cp_category": "neglect",
        "local_authority": "Fictionshire County Council",
        "social_worker": SOCIAL_WORKER,
        "social_worker_contact": "01234 000222",
        **fields,
    }
    return record_statutory(store, family.b.id, **values).value


def _rule_items(store: RecordStore, on: date, rule_id: str) -> list[object]:
    return [i for i in today(store, on)["alerts"] if i.rule_id == rule_id]


def test_a_cp_plan_is_a_dated_record_that_moves_the_headline_status_up(store: RecordStore, family: Siblings) -> None:
    saved = record_statutory(
        store, family.b.id, status_type=StatutoryType.CP_PLAN, started_on=ago(60), cp_category="neglect"
    )
    assert saved.changes.touches(StatutoryRecord.KIND, StatusChange.KIND)
    child = store.get(family.b.id)
    assert child.status == ChildStatus.CP and child.status_since == ago(60)  # type: ignore[attr-defined]
    # A section 47 enquiry implies no headline; a CIN plan is below CP, so neither moves it.
    record_statutory(store, family.b.id, status_type=StatutoryType.S47_ENQUIRY, started_on=ago(70), ended_on=ago(61))
    record_statutory(store, family.b.id, status_type=StatutoryType.CIN_PLAN, started_on=ago(10))
    assert store.get(family.b.id).status == ChildStatus.CP  # type: ignore[attr-defined]
    # A period looked after that ended years ago, entered for the record, moves nothing either.
    record_statutory(store, family.b.id, status_type=StatutoryType.LOOKED_AFTER, started_on=ago(900), ended_on=ago(700))
    assert store.get(family.b.id).status == ChildStatus.CP  # type: ignore[attr-defined]

    ended = amend_statutory(
        store, saved.value.id, "Review conference ended the plan.", ended_on=ago(5), end_reason="Stepped down to CIN"
    ).value
    events = [r.event for r in build_chronology(store, family.b.id).rows if r.kind == StatutoryRecord.KIND]
    assert "Child Protection plan (neglect) started." in events
    assert "Child Protection plan (neglect) ended. Stepped down to CIN." in events
    assert "Section 47 enquiry started." in events
    assert ended.version == 2 and store.amendments(ended.id)[0].reason == "Review conference ended the plan."
    # The headline is never stepped down by itself: Today asks the DSL to record what it is now.
    assert store.get(family.b.id).status == ChildStatus.CP  # type: ignore[attr-defined]
    asked = _rule_items(store, TODAY, RuleId.STATUS_AFTER_PLAN_ENDED)
    assert [(i.child_id, i.due) for i in asked] == [(str(family.b.id), ago(5))]
    assert _rule_items(store, ago(6), RuleId.STATUS_AFTER_PLAN_ENDED) == []  # the plan was still in force
    change_status(store, family.b.id, ChildStatus.CIN, ago(5), "Stepped down to CIN at the review conference")
    assert _rule_items(store, TODAY, RuleId.STATUS_AFTER_PLAN_ENDED) == []


def test_report_reminder_shows_from_seven_days_before_the_conference(store: RecordStore, family: Siblings) -> None:
    conference = TODAY + timedelta(days=7)
    plan = _cp_plan(store, family, review_conferences=[conference])
    items = _rule_items(store, TODAY, RuleId.CONFERENCE_REPORT_DUE)
    assert len(items) == 1
    item = items[0]
    assert item.child_id == str(family.b.id) and item.record_id == str(plan.id)  # type: ignore[attr-defined]
    assert item.due == conference - timedelta(days=3) and not item.overdue  # type: ignore[attr-defined]
    assert conference.strftime("%d/%m/%Y") in item.title  # type: ignore[attr-defined]
    assert _rule_items(store, TODAY - timedelta(days=1), RuleId.CONFERENCE_REPORT_DUE) == []  # 8 days before


@pytest.mark.parametrize(
    ("days_before", "shown", "overdue"),
    [(8, False, False), (7, True, False), (3, True, False), (2, True, True), (0, True, True), (-1, False, False)],
)
def test_report_reminder_boundaries(
    store: RecordStore, family: Siblings, days_before: int, shown: bool, overdue: bool
) -> None:
    conference = date(2026, 6, 15)
    plan = StatutoryRecord(
        child_id=family.b.id, status_type=StatutoryType.CP_PLAN, started_on=date(2026, 1, 5),
        review_conferences=[date(2026, 3, 30), conference],
    )  # fmt: skip
    case = CaseRecords(family.b, statutory=[plan])
    on = conference - timedelta(days=days_before)
    items = alerts_for_cases([case], on, rules=[RuleId.CONFERENCE_REPORT_DUE])
    assert len(items) == (1 if shown else 0)
    if shown:
        assert items[0].due == date(2026, 6, 12) and items[0].overdue is overdue
    ended = plan.model_copy(update={"ended_on": date(2026, 6, 1)})
    assert alerts_for_cases([CaseRecords(family.b, statutory=[ended])], on, rules=[RuleId.CONFERENCE_REPORT_DUE]) == []


def test_core_group_next_week_and_pep_due(store: RecordStore, family: Siblings) -> None:
    _cp_plan(store, family, core_groups=[TODAY + timedelta(days=7), TODAY + timedelta(days=20)])
    record_statutory(
        store,
        family.a.id,
        status_type=StatutoryType.LOOKED_AFTER,
        started_on=ago(200),
        legal_basis="s31 care order",
        placing_authority="Fictionshire County Council",
        virtual_school="Fictionshire Virtual School",
        designated_teacher="Mr Fictiondesignated",
        pep_dates=[TODAY + timedelta(days=14)],
    )
    groups = _rule_items(store, TODAY, RuleId.CORE_GROUP_SOON)
    assert [(i.child_id, i.due) for i in groups] == [(str(family.b.id), TODAY + timedelta(days=7))]
    assert _rule_items(store, TODAY - timedelta(days=1), RuleId.CORE_GROUP_SOON) == []
    peps = _rule_items(store, TODAY, RuleId.PEP_DUE)
    assert [(i.child_id, i.due) for i in peps] == [(str(family.a.id), TODAY + timedelta(days=14))]
    assert "Mr Fictiondesignated" in peps[0].reason  # type: ignore[attr-defined]
    assert store.get(family.a.id).status == ChildStatus.CLA  # type: ignore[attr-defined]


def test_children_with_a_social_worker(
    store: RecordStore, family: Siblings, capsys: pytest.CaptureFixture[str], vault_dir: Path, cli_env: None
) -> None:
    _cp_plan(store, family, review_conferences=[TODAY + timedelta(days=30)])
    record_statutory(store, family.a.id, status_type=StatutoryType.PRIVATE_FOSTERING, started_on=ago(20))
    rows = children_with_social_worker(store, TODAY)
    assert [(r.name, r.plans, r.social_workers) for r in rows] == [
        ("Marigold Testsibling", ("Child Protection plan (neglect)",), (SOCIAL_WORKER,))
    ]
    assert rows[0].next_conference == TODAY + timedelta(days=30)
    store.vault.lock()
    code, out, _ = run_cli(capsys, "children", "--vault", str(vault_dir), "--with-social-worker", "--json")
    assert code == 0
    listed = json.loads(out)
    assert [r["child_id"] for r in listed] == [str(family.b.id)] and listed[0]["social_workers"] == [SOCIAL_WORKER]


def test_front_sheet_shows_statutory_detail(store: RecordStore, family: Siblings, tmp_path: Path) -> None:
    _cp_plan(store, family, review_conferences=[TODAY + timedelta(days=7)], core_groups=[TODAY + timedelta(days=2)])
    out = tmp_path / "pack.pdf"
    export_referral_pack(store, str(family.b.id), out)
    text = flat(" ".join(pages_text(out.read_bytes())))
    assert "Statutory plans and status" in text
    assert "Child Protection plan (neglect)" in text and f"since {ago(60):%d/%m/%Y}" in text
    assert f"Social worker: {SOCIAL_WORKER}, 01234 000222 (Fictionshire County Council)" in text
    assert f"(next {TODAY + timedelta(days=7):%d/%m/%Y})" in text


def test_encompass_lands_in_each_childs_chronology_and_on_today(store: RecordStore, family: Siblings) -> None:
    received = datetime.combine(TODAY, time(7, 40))
    saved = record_encompass(
        store,
        [family.a.id, family.b.id],
        incident_at=datetime.combine(ago(1), time(22, 15)),
        received_at=received,
        notification="Police attended a verbal argument between the parents; both children were at home.",
        told_in_school="Class teachers of both children; the head teacher.",
        support_given="Breakfast club and a check-in with a key adult before registration.",
        police_reference="FX/2026/0099",
    )
    assert len(saved.value) == 2 and saved.changes.child_ids == {str(family.a.id), str(family.b.id)}
    assert len({n.notification_id for n in saved.value}) == 1
    items = _rule_items(store, TODAY, RuleId.ENCOMPASS_TODAY)
    assert sorted(i.child_id for i in items) == sorted([str(family.a.id), str(family.b.id)])
    assert all(i.due == TODAY for i in items)
    assert _rule_items(store, TODAY + timedelta(days=1), RuleId.ENCOMPASS_TODAY) == []
    for child in (family.a, family.b):
        rows = [r for r in build_chronology(store, child.id).rows if r.kind == EncompassNotice.KIND]
        assert len(rows) == 1 and "both children were at home" in rows[0].event
        assert "Breakfast club" in rows[0].action and rows[0].source == "Police (ref. FX/2026/0099)"
    amended = amend_encompass(
        store, saved.value[1].id, "Added the afternoon check-in.", support_given="Key adult am and pm."
    )
    assert amended.value.version == 2 and amended.value.notification_id == saved.value[1].notification_id


def test_new_records_round_trip_through_a_bundle(
    store: RecordStore, family: Siblings, make_vault: MakeVault, tmp_path: Path
) -> None:
    plan = _cp_plan(store, family, review_conferences=[TODAY + timedelta(days=7)])
    amend_statutory(store, plan.id, "Core group booked.", core_groups=[TODAY + timedelta(days=3)])
    link_child_to_concern(
        store, family.a_concern.id, family.b.id, relationship=LinkRelationship.WITNESS, extract="Saw it happen."
    )
    record_encompass(
        store, [family.b.id], incident_at=datetime.combine(ago(1), time(21, 0)),
        received_at=datetime.combine(TODAY, time(7, 30)), notification="Police called to the family home.",
    )  # fmt: skip
    bundle = build_bundle(store, str(family.b.id))
    assert len(bundle.statutory_records) == 1 and len(bundle.child_links) == 1 and len(bundle.encompass_notices) == 1
    text = bundle.model_dump_json()
    other, _ = make_vault(tmp_path / "other")
    other_store = RecordStore(other)
    import_bundle(other_store, parse_bundle(text))
    again = build_bundle(other_store, str(family.b.id))
    assert again.case_json() == bundle.case_json()
    assert again.child_links[0].relationship == LinkRelationship.WITNESS
    assert other_store.amendments(plan.id)[0].reason == "Core group booked."
    assert ChildLink.KIND in {r.KIND for r in again.records()}


def test_the_mash_enquiry_lists_statutory_involvement(store: RecordStore, family: Siblings) -> None:
    _cp_plan(store, family)
    referral = mash.start_enquiry(store, family.b.id).value
    assert (
        f"Child Protection plan (neglect), since {ago(60):%d/%m/%Y}. Social worker: {SOCIAL_WORKER}."
        in (referral.form["previous_involvement"])
    )
