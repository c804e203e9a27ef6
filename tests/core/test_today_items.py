"""Every Today item names its rule and, where it is about a child, the child; an Early Help plan with no
review booked is on Today. Fixed dates, real vaults; all names fictional."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from guidance_cases import child, plan
from support import VaultTemplates

from dslapp.demo import build_demo
from dslapp.guidance.alerts import RuleId
from dslapp.models import EarlyHelpPlan, Judgement, ReviewDecision
from dslapp.models.early_help import PlanStatus
from dslapp.services import early_help
from dslapp.services.supervision import CPD_REFRESHER_RULE, SUPERVISION_ACTION_RULE, record_session
from dslapp.services.today import today
from dslapp.store import RecordStore

DEMO_DAY = date(2026, 3, 18)
ON = date(2025, 6, 2)


@pytest.fixture(scope="module")
def demo_store(vault_templates: VaultTemplates, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RecordStore]:
    vault, _ = vault_templates.create(tmp_path_factory.mktemp("demo") / "vault", school="Fictional Test Academy")
    store = RecordStore(vault)
    build_demo(store, today=DEMO_DAY)
    yield store
    vault.lock()


def test_every_today_item_of_the_demo_names_its_rule_and_child(demo_store: RecordStore) -> None:
    day = today(demo_store, DEMO_DAY)
    items = [item for section in day.values() for item in section]
    rules = {item.as_json()["rule_id"] for item in items}
    assert SUPERVISION_ACTION_RULE in rules and RuleId.CUMULATIVE_NEGLECT in rules  # a rich day, not an empty one
    for item in items:
        data = item.as_json()
        assert data["rule_id"], data
        if data["rule_id"] == CPD_REFRESHER_RULE:
            assert data["child_id"] == ""  # the DSL's own training: about no child
        elif data["rule_id"] != SUPERVISION_ACTION_RULE:
            assert data["child_id"] and data["child_name"], data


def test_a_supervision_action_about_one_child_names_the_rule_and_the_child(store: RecordStore) -> None:
    amira = child(store)
    record_session(
        store, held_on=ON - timedelta(days=7), supervisor="Ms P. Supervisor", child_ids=[amira.id],
        reflections="Talked through the neglect concerns.",
        actions=[{"what": "Book a home visit with the family worker", "due": ON + timedelta(days=3)}],
    )  # fmt: skip
    [item] = [i for i in today(store, ON)["alerts"] if i.as_json()["rule_id"] == SUPERVISION_ACTION_RULE]
    assert item.child_id == str(amira.id) and item.child_name == "Amira Testchild"


def test_a_plan_with_no_review_booked_is_drifting(store: RecordStore) -> None:
    amira = child(store)
    drifting = plan(store, amira, ON - timedelta(days=40))
    assert drifting.next_review is None and drifting.status == PlanStatus.OPEN

    def items(on: date) -> list[dict[str, object]]:
        found = [i.as_json() for i in today(store, on)["alerts"]]
        return [i for i in found if i["rule_id"] == RuleId.EH_NO_REVIEW_BOOKED]

    [item] = items(ON)
    assert item["child_id"] == str(amira.id) and item["record_id"] == str(drifting.id)
    assert item["title"] == "Early Help plan with no review booked"
    assert item["reason"] == (
        "Amira Testchild's Early Help plan, started on 23/04/2025, has no next review date (not reviewed yet). "
        "A plan with no review booked is drifting: book the next review, or close or step up the plan."
    )
    assert items(ON - timedelta(days=41)) == []  # before the plan started
    # a review held through the service books the next one
    early_help.review_plan(
        store, drifting.id, held_on=ON, life_improved="Amira says she has breakfast most days now.",
        overall=Judgement.IMPROVED, decision=ReviewDecision.CONTINUE,
    )  # fmt: skip
    assert items(ON) == []


def test_a_closed_plan_with_no_review_is_not_drifting(store: RecordStore) -> None:
    amira = child(store)
    plan(store, amira, ON - timedelta(days=90), status=PlanStatus.CLOSED, closed_on=ON - timedelta(days=10))
    assert [i for i in today(store, ON)["alerts"] if i.as_json()["rule_id"] == RuleId.EH_NO_REVIEW_BOOKED] == []
    assert store.all_of(EarlyHelpPlan)
