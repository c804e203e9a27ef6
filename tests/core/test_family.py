"""Households and linked children (issue 17, item 3).

A household links siblings once and changes only by amendment; the household view shows each child's status,
open plans and recent concerns. A concern about child A can name child B: the link lives on B's file with an
extract written for it, and nothing B's file exports (pack, chronology, MASH enquiry, case bundle) names or
describes A beyond that extract. Every name is fictional.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from family_cases import A_DETAIL, A_FORENAME, A_KNOWN_AS, A_SURNAME, A_UPN, Siblings, make_siblings
from mash_cases import TODAY, ago, flat, pages_text

from dslapp.errors import InvalidRecord
from dslapp.models import ChildLink, EarlyHelpPlan, Household, LinkRelationship, StatutoryType
from dslapp.services import mash, recording
from dslapp.services.bundle import build_bundle, export_bundle
from dslapp.services.chronology import build_chronology
from dslapp.services.documents import export_chronology_pdf, export_mash_pdf, export_referral_pack
from dslapp.services.family import (
    add_to_household,
    amend_child_link,
    child_links,
    create_household,
    household_view,
    households_of,
    link_child_to_concern,
    links_from_concern,
    remove_from_household,
)
from dslapp.services.statutory import record_statutory
from dslapp.store import RecordStore
from dslapp.vault.audit import Action as Audit
from dslapp.vault.audit import events

EXTRACT = "Her older brother was hurt at home; she was with him at the school gate. Watch for signs she is worried."


@pytest.fixture
def family(store: RecordStore) -> Siblings:
    return make_siblings(store)


def _link(store: RecordStore, family: Siblings) -> ChildLink:
    return link_child_to_concern(
        store, family.a_concern.id, family.b.id, relationship=LinkRelationship.SIBLING, extract=EXTRACT
    ).value


def test_household_links_siblings_once_and_changes_by_amendment(store: RecordStore, family: Siblings) -> None:
    saved = create_household(store, "Testsibling household", [family.a.id])
    assert saved.changes.kinds == {Household.KIND} and str(family.a.id) in saved.changes.child_ids
    joined = add_to_household(store, saved.value.id, family.b.id, "Half-sister moved in with the family.").value
    assert joined.member_ids == [family.a.id, family.b.id]
    assert [h.id for h in households_of(store, family.b.id)] == [saved.value.id]
    with pytest.raises(InvalidRecord, match="already in this household"):
        add_to_household(store, saved.value.id, family.b.id, "Again.")

    left = remove_from_household(store, saved.value.id, family.a.id, "Moved to live with his grandmother.").value
    assert left.member_ids == [family.b.id] and households_of(store, family.a.id) == []
    history = store.amendments(saved.value.id)
    assert [a.reason for a in history] == [
        "Half-sister moved in with the family.",
        "Moved to live with his grandmother.",
    ]
    assert history[-1].previous["member_ids"] == [str(family.a.id), str(family.b.id)]  # who was in it, kept


def test_household_view_shows_each_childs_status_plans_and_recent_concerns(
    store: RecordStore, family: Siblings
) -> None:
    household = create_household(store, "Testsibling household", [family.b.id, family.a.id]).value
    record_statutory(store, family.a.id, status_type=StatutoryType.CP_PLAN, started_on=ago(60), cp_category="neglect")
    recording.record(
        store,
        EarlyHelpPlan,
        child_id=family.b.id,
        started_on=ago(30),
        lead_practitioner="Sam Fictionworker",
        next_review=ago(-30),
    )
    members = household_view(store, household.id, TODAY)
    assert [m.name for m in members] == [f"{A_KNOWN_AS} {A_SURNAME}", "Marigold Testsibling"]  # eldest first
    eldest, youngest = members
    assert eldest.status == "Child Protection plan (CP)" and youngest.status == "Early Help"
    assert eldest.open_plans == ("Child Protection plan (neglect)",) and youngest.open_plans == ("Early Help plan",)
    assert eldest.concern_count == 1 and eldest.recent_concerns == (f"{ago(3):%d/%m/%Y}: Physical abuse",)
    assert youngest.recent_concerns == (f"{ago(2):%d/%m/%Y}: Neglect",)
    viewed = [e.object for e in events(store.db) if e.action == Audit.VIEW]
    assert {str(family.a.id), str(family.b.id)} <= set(viewed)


def test_a_linked_child_sees_the_extract_not_the_other_childs_record(store: RecordStore, family: Siblings) -> None:
    link = _link(store, family)
    assert link.child_id == family.b.id and link.linked_on == ago(3)
    assert links_from_concern(store, family.a_concern.id) == [link]
    assert child_links(store, family.a.id) == []  # nothing is added to A's own file

    rows = [r for r in build_chronology(store, family.b.id).rows if r.kind == ChildLink.KIND]
    assert len(rows) == 1
    assert rows[0].event.startswith("Linked to a concern about another child in school (sibling).")
    assert EXTRACT in rows[0].event

    amended = amend_child_link(store, link.id, "Shortened for her file.", extract="Her brother was hurt at home.")
    assert amended.value.extract == "Her brother was hurt at home." and amended.value.version == 2
    assert store.amendments(link.id)[0].previous["extract"] == EXTRACT
    with pytest.raises(InvalidRecord, match="other than the one the concern is about"):
        link_child_to_concern(store, family.a_concern.id, family.a.id, relationship="sibling", extract="x")


def test_exporting_the_linked_childs_file_discloses_nothing_of_the_other_child(
    store: RecordStore, family: Siblings, tmp_path: Path
) -> None:
    _link(store, family)
    referral = mash.start_enquiry(store, family.b.id).value
    export_referral_pack(store, str(family.b.id), tmp_path / "pack.pdf")
    export_chronology_pdf(store, family.b.id, tmp_path / "chronology.pdf")
    export_mash_pdf(store, referral.id, tmp_path / "mash.pdf")
    export_bundle(store, str(family.b.id), tmp_path / "bundle.json")

    texts = {
        name: flat(" ".join(pages_text((tmp_path / name).read_bytes())))
        for name in ("pack.pdf", "chronology.pdf", "mash.pdf")
    }
    texts["bundle.json"] = (tmp_path / "bundle.json").read_text(encoding="utf-8")
    for name, text in texts.items():
        for secret in (A_FORENAME, A_SURNAME, A_KNOWN_AS, A_UPN, A_DETAIL, "Dad did it with his belt"):
            assert secret.casefold() not in text.casefold(), (name, secret)
    assert "another child in school (sibling)" in texts["chronology.pdf"]
    assert "Watch for signs she is worried" in texts["chronology.pdf"]
    assert "Watch for signs she is worried" in texts["pack.pdf"]
    bundle = json.loads(texts["bundle.json"])
    assert [link["extract"] for link in bundle["child_links"]] == [EXTRACT]
    assert build_bundle(store, str(family.a.id)).child_links == []  # and A's bundle does not name B's link
