"""Court orders and restrictions as structured records (issue 14, item 13).

Recorded and amended through their service (the earlier version kept, audited); carried in the case bundle;
shown in the MASH enquiry, beside the child's name on Today, and on the referral pack's key contacts, where a
person an order says must not collect the child is never listed without the warning: linked by their record,
matched by name (an order imported or recorded before the person was), or not in the list of people at all.
Every name is fictional.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from mash_cases import Case, ago, flat, make_case, pages_text

from dslapp.errors import InvalidRecord
from dslapp.models import Child, CourtOrder, OrderType, Person
from dslapp.services import mash, recording
from dslapp.services.bundle import build_bundle, import_bundle
from dslapp.services.children import add_child, open_child_file
from dslapp.services.court_orders import amend_court_order, court_orders, record_court_order
from dslapp.services.documents import export_mash_pdf, export_referral_pack
from dslapp.services.today import today
from dslapp.store import RecordStore
from dslapp.views.court_orders import MUST_NOT_COLLECT, NOT_TO_COLLECT, banner, warnings_for

FATHER = "Tomasz Testfather"
WARNED = re.compile(rf"{FATHER}\s*⚠?\s*{MUST_NOT_COLLECT} \(non-molestation order")


@pytest.fixture
def case(store: RecordStore) -> Case:
    return make_case(store)


def _father(store: RecordStore, case: Case) -> Person:
    people = open_child_file(store, case.child.id, audit=False).people
    return next(p for p in people if p.name == FATHER)


def _non_molestation(store: RecordStore, child_id: object, **fields: object) -> CourtOrder:
    values: dict[str, object] = {
        "order_type": OrderType.NON_MOLESTATION,
        "forbids": "Not to contact the mother or come within 100 metres of the family home or the school.",
        "must_not_collect": True,
        "starts_on": ago(30),
        "ends_on": ago(-300),
        "source": "Copy of the order seen by the DSL",
        **fields,
    }
    return record_court_order(store, str(child_id), **values).value


def _key_contacts(store: RecordStore, child_id: object, tmp_path: Path) -> str:
    out = tmp_path / "pack.pdf"
    export_referral_pack(store, str(child_id), out)
    text = flat(" ".join(pages_text(out.read_bytes())))
    return text.rsplit("Household and significant adults", 1)[1]


def test_an_order_is_recorded_and_amended_with_its_history_kept(store: RecordStore, case: Case) -> None:
    father = _father(store, case)
    order = _non_molestation(store, case.child.id, person_id=str(father.id))
    assert order.restricts == FATHER  # the name comes from the person's record
    saved = amend_court_order(store, order.id, "The court extended the order.", ends_on=ago(-600))
    assert saved.value.version == 2 and saved.value.ends_on == ago(-600)
    assert saved.changes.kinds == {CourtOrder.KIND} and str(case.child.id) in saved.changes.child_ids
    assert store.amendments(order.id)[0].reason == "The court extended the order."
    assert court_orders(store, case.child.id) == [saved.value]
    actions = [row[0] for row in store.db.execute("SELECT action FROM audit WHERE object = ?", (str(order.id),))]
    assert actions == ["create", "amend"]
    with pytest.raises(TypeError):  # only its own service changes an order
        recording.amend(store, order.id, "reason", forbids="")


def test_an_order_is_refused_when_it_does_not_add_up(store: RecordStore, case: Case) -> None:
    other = add_child(store, legal_forename="Noor", legal_surname="Otherchild", dob=ago(3000)).value
    stranger = recording.record(store, Person, child_id=other.id, name="Sam Elsewhere", relationship="Uncle").value
    with pytest.raises(InvalidRecord):
        _non_molestation(store, case.child.id, person_id=str(stranger.id))
    with pytest.raises(InvalidRecord):
        _non_molestation(store, case.child.id, restricts=FATHER, starts_on=ago(5), ends_on=ago(10))
    with pytest.raises(InvalidRecord):
        _non_molestation(store, case.child.id, restricts="")  # must not collect: whom?


@pytest.mark.parametrize("linked", ["by_record", "by_name"])
def test_a_restricted_person_on_key_contacts_always_carries_the_warning(
    store: RecordStore, case: Case, tmp_path: Path, linked: str
) -> None:
    father = _father(store, case)
    link = {"person_id": str(father.id)} if linked == "by_record" else {"restricts": "tomasz  testfather"}
    _non_molestation(store, case.child.id, **link)
    contacts = _key_contacts(store, case.child.id, tmp_path)
    assert contacts.count(FATHER) >= 1
    # Every time the father is named in the household table, the warning follows his name.
    household = contacts.split("Court orders and restrictions", 1)[0]
    assert household.count(FATHER) == len(WARNED.findall(household)) == 1
    orders = contacts.split("Court orders and restrictions", 1)[1]
    assert "Non-molestation order" in orders and "Copy of the order seen by the DSL" in orders
    assert "Anna Testmother" in household and "Anna Testmother ⚠" not in household


def test_a_restricted_person_not_in_the_list_of_people_is_still_listed_with_the_warning(
    store: RecordStore, case: Case, tmp_path: Path
) -> None:
    _non_molestation(store, case.child.id, restricts="Dariusz Unlisted", order_type=OrderType.PROHIBITED_STEPS)
    household = _key_contacts(store, case.child.id, tmp_path).split("Court orders and restrictions", 1)[0]
    assert re.search(rf"Dariusz Unlisted\s*⚠?\s*{MUST_NOT_COLLECT} \(prohibited steps order", household)


def test_an_order_that_has_ended_gives_no_warning(store: RecordStore, case: Case, tmp_path: Path) -> None:
    father = _father(store, case)
    _non_molestation(store, case.child.id, person_id=str(father.id), starts_on=ago(400), ends_on=ago(10))
    contacts = _key_contacts(store, case.child.id, tmp_path)
    assert MUST_NOT_COLLECT not in contacts
    assert "No court orders or restrictions in force are recorded." in contacts
    # ... but it warns on a day it was in force.
    assert warnings_for(father, court_orders(store, case.child.id), ago(20))


def test_orders_fill_the_mash_enquiry_and_warn_in_its_household(store: RecordStore, case: Case, tmp_path: Path) -> None:
    father = _father(store, case)
    _non_molestation(store, case.child.id, person_id=str(father.id))
    referral = mash.start_enquiry(store, case.child.id).value
    assert "Non-molestation order restricting Tomasz Testfather" in referral.form["court_orders"]
    father_line = next(line for line in referral.form["household"].splitlines() if line.startswith(FATHER))
    assert f"{MUST_NOT_COLLECT} (non-molestation order" in father_line
    out = tmp_path / "enquiry.pdf"
    export_mash_pdf(store, referral.id, out)
    text = flat(" ".join(pages_text(out.read_bytes())))
    assert "Court orders and restrictions" in text and "within 100 metres of the family home" in text


def test_today_shows_the_order_beside_the_childs_name(store: RecordStore, case: Case) -> None:
    father = _father(store, case)
    _non_molestation(store, case.child.id, person_id=str(father.id))
    mash.mark_sent(  # something for Today to show about this child
        store,
        mash.update_enquiry(
            store,
            mash.start_enquiry(store, case.child.id).value.id,
            {"parents_aware": False, "consent_not_sought_reason": "Telling them could increase the risk."},
        ).value.id,
        ago(5),
        "online_form",  # type: ignore[arg-type]
    )
    items = [i for group in today(store, ago(0)).values() for i in group if i.child_id == str(case.child.id)]
    assert items and all(i.banner == f"⚠ {NOT_TO_COLLECT}: {FATHER}" for i in items)
    assert items[0].as_json()["banner"] == items[0].banner
    assert banner(court_orders(store, case.child.id), ago(40)) is None  # before the order started


def test_orders_travel_in_the_case_bundle(store: RecordStore, case: Case) -> None:
    father = _father(store, case)
    order = _non_molestation(store, case.child.id, person_id=str(father.id))
    amend_court_order(store, order.id, "Corrected the source.", source="Sealed copy from the family court")
    bundle = build_bundle(store, str(case.child.id))
    assert [o.id for o in bundle.court_orders] == [order.id] and str(order.id) in bundle.amendments
    # Into another casebook's worth of ids: a fresh child with the same records.
    child = Child(legal_forename="Imported", legal_surname="Testchild", dob=ago(3000))
    person = Person(child_id=child.id, name="Pat Imported", relationship="Father")
    imported = CourtOrder(
        child_id=child.id,
        order_type=OrderType.CHILD_ARRANGEMENTS,
        restricts="Pat Imported",
        forbids="Supervised contact only.",
        must_not_collect=True,
        starts_on=ago(60),
    )
    copy = bundle.model_copy(
        update={
            "child": child,
            "people": [person],
            "professionals": [],
            "concerns": [],
            "actions": [],
            "chronology": [],
            "early_help_plans": [],
            "early_help_reviews": [],
            "threshold_decisions": [],
            "referrals": [],
            "court_orders": [imported],
            "amendments": {},
            "exported_at": datetime.now(UTC) - timedelta(minutes=1),
        }
    )
    import_bundle(store, copy)
    assert court_orders(store, child.id) == [imported.model_copy(update={"created_by": imported.created_by})]
    assert warnings_for(person, court_orders(store, child.id), ago(0))
