"""A chronology that tells the truth (issue 14, items 6–10): the impact on the child, same-day order, consent
exactly as recorded, approximate dates kept approximate, and links between records.

Each rule is checked on records made through the service, through a case bundle import and through an
amendment, with fixed dates. PDFs are read back with pypdf. All names and events are fictional.
"""

from __future__ import annotations

import io
import json
import random
import uuid
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from dslapp.errors import InvalidRecord, MalformedBundle
from dslapp.export.chronology_pdf import render_chronology_pdf
from dslapp.models import (
    Category,
    Child,
    ChronologyEntry,
    Concern,
    DslDecision,
    EarlyHelpPlan,
    EarlyHelpReview,
    Judgement,
    Record,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    ReviewDecision,
    ThresholdDecision,
)
from dslapp.models.referral import ParentConsent, consent_from_legacy
from dslapp.services import concerns, early_help, mash, recording
from dslapp.services.bundle import build_bundle, import_bundle, parse_bundle
from dslapp.services.children import add_child
from dslapp.services.chronology import build_chronology, link_lines
from dslapp.services.documents import enquiry_pdf_bytes, pack_pdf_bytes
from dslapp.store import RecordStore
from dslapp.views.chronology import chronology_of, rows_from_records
from dslapp.views.links import links_of

GENERATED = datetime(2026, 11, 30, 9, 0)
REFUSED_BECAUSE = "Bruising on the face of a four-year-old sibling; the risk to both children is too high to wait."


def _value(result: Any) -> Any:
    """The record a writing service saved, from its ``Saved`` result."""
    return result.value


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _child(store: RecordStore) -> Child:
    child = _value(add_child(store, legal_forename="Zofia", legal_surname="Testowska", dob=date(2015, 5, 17)))
    return child


def _concern(store: RecordStore, child: Child, at: datetime, text: str, **extra: Any) -> Concern:
    fields: dict[str, Any] = {
        "child_id": child.id,
        "observed_at": at,
        "reporter_name": "Mr T. Fictional",
        "reporter_role": "Class teacher",
        "categories": [Category.NEGLECT],
        "what_happened": text,
        "significant": True,
    }
    fields.update(extra)
    concern = _value(recording.record(store, Concern, **fields))
    return concern


def _sent_referral(store: RecordStore, child: Child, day: date, **extra: Any) -> Referral:
    fields: dict[str, Any] = {
        "child_id": child.id,
        "started_on": day,
        "status": ReferralStatus.SENT,
        "sent_on": day,
        "reference": "MASH-TEST-1",
    }
    fields.update(extra)
    referral = _value(recording.record(store, Referral, **fields))
    return referral


# ---- 8. consent exactly as recorded ----------------------------------------------------------------


def test_a_referral_told_and_refused_never_reads_as_not_told(store: RecordStore) -> None:
    child = _child(store)
    referral = _sent_referral(
        store,
        child,
        date(2026, 3, 4),
        consent=ParentConsent.TOLD_REFUSED,
        without_consent_reason=REFUSED_BECAUSE,
    )
    row = next(r for r in build_chronology(store, child.id).rows if r.record_id == str(referral.id))
    assert "not told" not in row.event.lower()
    assert "Parents told and refused consent" in row.event
    assert REFUSED_BECAUSE in row.event
    pdf = _flat(_pdf_text(render_chronology_pdf(build_chronology(store, child.id), "Ms A. Test", GENERATED)))
    assert "not told" not in pdf.lower()
    assert "refused consent" in pdf
    enquiry = _flat(_pdf_text(enquiry_pdf_bytes(store, referral.id)))
    assert "Told, and refused consent" in enquiry
    assert "If the parents were not told: why not? Does not apply: told, and refused consent" in enquiry
    assert "not told" not in enquiry.lower().replace("if the parents were not told", "")


def test_old_records_keep_their_consent_as_it_was_recorded() -> None:
    # The shape saved before the cases were modelled apart: one reason for every case.
    assert consent_from_legacy(True, False, "Going ahead: risk too high.") == {
        "consent": ParentConsent.TOLD_REFUSED,
        "not_told_reason": "",
        "without_consent_reason": "Going ahead: risk too high.",
        "consent_notes": "",
    }
    assert consent_from_legacy(False, None, "Telling could increase the risk.")["consent"] == ParentConsent.NOT_TOLD
    assert consent_from_legacy(True, True, "")["consent"] == ParentConsent.TOLD_AGREED
    assert consent_from_legacy(True, None, "Told by phone; not asked.")["consent"] == ParentConsent.TOLD_NOT_ASKED
    kept = consent_from_legacy(None, None, "Mother phoned later.")
    assert kept["consent"] is None and kept["consent_notes"] == "Mother phoned later."


def _bundle_json(store: RecordStore, child: Child) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(build_bundle(store, str(child.id)).model_dump_json())
    return data


def _as_new_child(data: dict[str, Any]) -> dict[str, Any]:
    """The bundle with fresh ids for the child and every record (so it imports into the same casebook)."""
    text = json.dumps(data)
    ids = {data["child"]["id"]} | {
        item["id"] for key, value in data.items() if isinstance(value, list) for item in value if "id" in item
    }
    for old in ids:
        text = text.replace(old, str(uuid.uuid4()))
    out: dict[str, Any] = json.loads(text)
    # a different child (the import refuses a second file for the same child: same UPN, or same name and birth)
    out["child"]["legal_forename"] = "Zuzanna"
    out["child"]["upn"] = ""
    return out


def test_an_imported_old_shape_refusal_reads_as_refused(store: RecordStore) -> None:
    child = _child(store)
    _sent_referral(store, child, date(2026, 3, 4), consent=ParentConsent.TOLD_AGREED)
    data = _as_new_child(_bundle_json(store, child))
    referral = data["referrals"][0]
    for key in ("consent", "not_told_reason", "without_consent_reason", "consent_notes"):
        referral.pop(key)
    referral.update(parents_aware=True, parents_agreed=False, consent_not_sought_reason=REFUSED_BECAUSE)
    imported = _value(import_bundle(store, parse_bundle(json.dumps(data))))
    row = next(r for r in build_chronology(store, imported.id).rows if r.kind == "referral")
    assert "not told" not in row.event.lower()
    assert f"Parents told and refused consent; the enquiry went ahead because: {REFUSED_BECAUSE}" in row.event


def test_an_amendment_to_refused_changes_the_row(store: RecordStore) -> None:
    child = _child(store)
    referral = _sent_referral(
        store, child, date(2026, 3, 4), consent=ParentConsent.NOT_TOLD, not_told_reason="Telling could raise risk."
    )
    mash.update_enquiry(
        store,
        referral.id,
        {"consent": "told_refused", "without_consent_reason": REFUSED_BECAUSE},
        reason="Mother was told by phone and refused",
    )
    row = next(r for r in build_chronology(store, child.id).rows if r.record_id == str(referral.id))
    assert "not told" not in row.event.lower()
    assert REFUSED_BECAUSE in row.event


# ---- 6. impact on the child ------------------------------------------------------------------------


def test_impact_on_the_child_replaces_not_recorded_only_where_recorded(store: RecordStore) -> None:
    child = _child(store)
    with_impact = _concern(
        store,
        child,
        datetime(2026, 2, 2, 8, 40),
        "Arrived hungry; no coat in the rain.",
        impact_on_child="Fell asleep in maths; said she was too cold to think.",
    )
    without = _concern(store, child, datetime(2026, 2, 9, 8, 40), "Arrived hungry again.")
    rows = {r.record_id: r for r in build_chronology(store, child.id).rows}
    assert rows[str(with_impact.id)].impact == "Fell asleep in maths; said she was too cold to think."
    assert rows[str(without.id)].impact == ""
    text = _flat(_pdf_text(render_chronology_pdf(build_chronology(store, child.id), "Ms A. Test", GENERATED)))
    assert "too cold to think" in text
    assert text.count("Not recorded") >= 1  # the concern without an impact still says so

    recording.amend(store, without.id, "Impact seen later that morning", impact_on_child="Would not eat at lunch.")
    rows = {r.record_id: r for r in build_chronology(store, child.id).rows}
    assert rows[str(without.id)].impact == "Would not eat at lunch."


def test_review_impact_and_manual_entry_impact_show_and_travel_in_the_bundle(store: RecordStore) -> None:
    child = _child(store)
    plan = _value(recording.record(store, EarlyHelpPlan, child_id=child.id, started_on=date(2026, 1, 5)))
    review = _value(
        recording.record(
            store,
            EarlyHelpReview,
            child_id=child.id,
            plan_id=plan.id,
            held_on=date(2026, 3, 2),
            life_improved="She has breakfast at school most days.",
            impact_on_child="Teacher sees her join in at morning play now.",
            overall=Judgement.IMPROVED,
            decision=ReviewDecision.CONTINUE,
        )
    )
    concern = _concern(
        store, child, datetime(2026, 2, 2, 8, 40), "Arrived hungry.", impact_on_child="Could not concentrate."
    )
    rows = {r.record_id: r for r in build_chronology(store, child.id).rows}
    assert rows[str(review.id)].impact == "Teacher sees her join in at morning play now."
    data = _as_new_child(_bundle_json(store, child))
    assert data["concerns"][0]["impact_on_child"] == "Could not concentrate."
    imported = _value(import_bundle(store, parse_bundle(json.dumps(data))))
    again = build_chronology(store, imported.id).rows
    assert {r.impact for r in again} >= {"Could not concentrate.", "Teacher sees her join in at morning play now."}
    assert concern.impact_on_child == "Could not concentrate."


# ---- 7. same-day order -----------------------------------------------------------------------------


def _same_day_case(store: RecordStore) -> tuple[Child, list[Record]]:
    child = _child(store)
    day = date(2026, 4, 14)
    first = _concern(store, child, datetime(2026, 4, 14, 8, 50), "Bruise on the cheek seen at the gate.")
    second = _concern(store, child, datetime(2026, 4, 14, 10, 5), "Said she was scared to go home.")
    referral = _sent_referral(
        store,
        child,
        day,
        consent=ParentConsent.TOLD_AGREED,
        concern_ids=[second.id, first.id],
        status=ReferralStatus.OUTCOME,
        outcome=ReferralOutcome.STRATEGY_S47,
        outcome_on=day,
    )
    decision = _value(
        recording.record(
            store,
            ThresholdDecision,
            child_id=child.id,
            decided_on=day,
            level=4,
            reasoning="Injury and disclosure: significant harm.",
            decided_by="Ms Ada Testperson",
            concern_ids=[first.id, second.id],
        )
    )
    return child, [first, second, referral, decision]


def test_same_day_rows_follow_what_caused_what(store: RecordStore) -> None:
    child, (first, second, referral, decision) = _same_day_case(store)
    keys = [r.key for r in build_chronology(store, child.id).rows]
    assert keys == [
        str(first.id),
        str(second.id),
        str(decision.id),
        str(referral.id),
        f"{referral.id}:outcome",
    ]


def test_an_outcome_sorts_after_its_referral_even_when_recorded_first(store: RecordStore) -> None:
    child = _child(store)
    day = date(2026, 4, 14)
    referral = _sent_referral(
        store, child, day, status=ReferralStatus.OUTCOME, outcome=ReferralOutcome.EARLY_HELP, outcome_on=day
    )
    # A plan started the same day from the outcome, with no time: after the outcome that started it.
    plan = _value(
        recording.record(store, EarlyHelpPlan, child_id=child.id, started_on=day, started_from_id=referral.id)
    )
    keys = [r.key for r in build_chronology(store, child.id).rows]
    assert keys == [str(referral.id), f"{referral.id}:outcome", str(plan.id)]


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_shuffling_records_never_changes_the_order(seed: int) -> None:
    records = _pure_same_day_records()
    expected = [r.key for r in rows_from_records(records)]
    shuffled = list(records)
    random.Random(seed).shuffle(shuffled)
    assert [r.key for r in rows_from_records(shuffled)] == expected


def _pure_same_day_records() -> list[Record]:
    """Records of one child made without a vault, several on one day, some with equal times and stamps."""
    child_id = uuid.UUID(int=1)
    stamp = datetime(2026, 4, 14, 12, 0)

    def concern(n: int, hour: int) -> Concern:
        return Concern(
            id=uuid.UUID(int=100 + n),
            child_id=child_id,
            created_at=stamp,
            observed_at=datetime(2026, 4, 14, hour, 0),
            recorded_at=datetime(2026, 4, 14, 17, 0),
            reporter_name="Mr T. Fictional",
            categories=[Category.NEGLECT],
            what_happened=f"Concern {n}",
            significant=True,
        )

    concerns = [concern(n, 9 if n < 3 else 11) for n in range(5)]
    referral = Referral(
        id=uuid.UUID(int=200),
        child_id=child_id,
        created_at=stamp,
        started_on=date(2026, 4, 14),
        status=ReferralStatus.OUTCOME,
        sent_on=date(2026, 4, 14),
        outcome=ReferralOutcome.NO_FURTHER_ACTION,
        outcome_on=date(2026, 4, 14),
        concern_ids=[c.id for c in concerns[:3]],
    )
    entries = [
        ChronologyEntry(id=uuid.UUID(int=300 + n), child_id=child_id, created_at=stamp, on=date(2026, 4, 14), event="x")
        for n in range(3)
    ]
    later = concern(9, 16).model_copy(update={"follows_id": referral.id})
    return [*concerns, referral, *entries, later]


# ---- 9. approximate dates stay approximate -----------------------------------------------------------


def test_a_period_covered_that_starts_with_an_approximate_date_stays_approximate(store: RecordStore) -> None:
    child = _child(store)
    recording.record(store, ChronologyEntry, child_id=child.id, period="Spring 2022", event="Moved into the area.")
    _concern(store, child, datetime(2026, 2, 2, 8, 40), "Arrived hungry.")
    chronology = build_chronology(store, child.id)
    assert chronology.range_label == "Spring 2022 to 02/02/2026"
    header = _flat(_pdf_text(render_chronology_pdf(chronology, "Ms A. Test", GENERATED)))
    assert "Spring 2022 to 02/02/2026" in header
    assert "01/01/2022" not in header and "01/03/2022" not in header


def test_a_range_of_only_approximate_dates(store: RecordStore) -> None:
    child = _child(store)
    recording.record(store, ChronologyEntry, child_id=child.id, period="2021", event="Family arrived in England.")
    recording.record(store, ChronologyEntry, child_id=child.id, period="March 2022", event="Started nursery.")
    assert build_chronology(store, child.id).range_label == "2021 to March 2022"
    # a filter chosen by the DSL is an exact date and is shown as one
    assert build_chronology(store, child.id, since=date(2021, 6, 1)).range_label == "01/06/2021 to March 2022"


# ---- 10. links between records -----------------------------------------------------------------------


def test_links_show_in_the_chronology_both_ways(store: RecordStore) -> None:
    child = _child(store)
    first = _concern(store, child, datetime(2026, 3, 2, 9, 0), "Hungry at breakfast club.")
    referral = _sent_referral(
        store,
        child,
        date(2026, 3, 4),
        consent=ParentConsent.TOLD_AGREED,
        concern_ids=[first.id],
        status=ReferralStatus.OUTCOME,
        outcome=ReferralOutcome.NO_FURTHER_ACTION,
        outcome_on=date(2026, 3, 11),
    )
    later = _concern(
        store,
        child,
        datetime(2026, 3, 20, 9, 0),
        "Hungry again; no packed lunch.",
        follows_id=referral.id,
        dsl_decision=DslDecision.MONITOR,
        decision_reasons="Packed lunch arranged with Mum today; what would make me refer: any hunger again.",
    )
    rows = {r.key: r for r in build_chronology(store, child.id).rows}
    assert "Led to: MASH enquiry sent 04/03/2026." in rows[str(first.id)].action
    assert "Following: concern of 02/03/2026." in rows[str(referral.id)].event
    assert "Following: outcome of the MASH enquiry sent 04/03/2026 (No further action, 11/03/2026)." in (
        rows[str(later.id)].event
    )
    assert "Led to: concern of 20/03/2026." in rows[f"{referral.id}:outcome"].action
    links = links_of(build_bundle(store, str(child.id)).records())
    assert [link.to_id for link in links.following(str(later.id))] == [str(referral.id)]
    assert [link.from_id for link in links.led_to(str(first.id))] == [str(referral.id)]


def test_a_plan_names_what_started_it(store: RecordStore) -> None:
    child = _child(store)
    concern = _concern(store, child, datetime(2026, 1, 5, 9, 0), "No breakfast, third time this week.")
    plan = _value(
        recording.record(
            store, EarlyHelpPlan, child_id=child.id, started_on=date(2026, 1, 12), started_from_id=concern.id
        )
    )
    rows = {r.key: r for r in build_chronology(store, child.id).rows}
    assert "Following: concern of 05/01/2026." in rows[str(plan.id)].event
    assert "Led to: Early Help plan started 12/01/2026." in rows[str(concern.id)].action


def test_import_refuses_a_link_to_a_record_of_another_child(store: RecordStore) -> None:
    child = _child(store)
    concern = _concern(store, child, datetime(2026, 3, 2, 9, 0), "Hungry at breakfast club.")
    _sent_referral(store, child, date(2026, 3, 4), consent=ParentConsent.TOLD_AGREED, concern_ids=[concern.id])
    data = _as_new_child(_bundle_json(store, child))
    data["referrals"][0]["concern_ids"] = [str(concern.id)]  # a concern of the first child, not this one
    with pytest.raises(MalformedBundle, match="links to a record that is not in this child's file"):
        import_bundle(store, parse_bundle(json.dumps(data)))
    data["referrals"][0]["concern_ids"] = [data["concerns"][0]["id"]]
    imported = _value(import_bundle(store, parse_bundle(json.dumps(data))))
    rows = build_chronology(store, imported.id).rows
    assert any("Following: concern of 02/03/2026." in r.event for r in rows)


def test_pure_chronology_of_keeps_links_within_the_records_given() -> None:
    records = _pure_same_day_records()
    child = Child(id=uuid.UUID(int=1), legal_forename="Zofia", legal_surname="Testowska", dob=date(2015, 5, 17))
    chronology = chronology_of(child, records)
    later = next(r for r in chronology.rows if r.record_id == str(uuid.UUID(int=109)))
    assert "Following: outcome of the MASH enquiry sent 14/04/2026" in later.event


# ---- through the services the app uses ---------------------------------------------------------------


def test_a_new_enquiry_names_the_concerns_the_dsl_decided_to_refer(store: RecordStore) -> None:
    child = _child(store)
    _concern(store, child, datetime(2026, 3, 1, 9, 0), "Hungry.", dsl_decision=DslDecision.EARLY_HELP,
             decision_reasons="Family asked for help.")  # fmt: skip
    referred = _concern(store, child, datetime(2026, 3, 2, 9, 0), "Bruise on the cheek.",
                        dsl_decision=DslDecision.MASH_ENQUIRY, decision_reasons="Injury to the face.")  # fmt: skip
    referral = _value(mash.start_enquiry(store, child.id, started_on=date(2026, 3, 2)))
    assert referral.concern_ids == [referred.id]
    # a second enquiry does not name a concern the first one already names
    again = _value(mash.start_enquiry(store, child.id, started_on=date(2026, 3, 3)))
    assert referred.id not in again.concern_ids


def test_a_concern_can_follow_only_a_referral_of_the_same_child(store: RecordStore) -> None:
    child = _child(store)
    other = _value(add_child(store, legal_forename="Piotr", legal_surname="Testowski", dob=date(2014, 1, 2)))
    theirs = _sent_referral(store, other, date(2026, 3, 4), consent=ParentConsent.TOLD_AGREED)
    with pytest.raises(InvalidRecord, match="not in this child's file"):
        concerns.record_concern(
            store,
            child_id=child.id,
            observed_at=datetime(2026, 3, 20, 9, 0),
            reporter_name="Mr T. Fictional",
            categories=[Category.PHYSICAL],
            what_happened="A bruise.",
            follows_id=theirs.id,
        )


def test_a_plan_names_only_a_record_of_the_same_child_and_offers_outcomes(store: RecordStore) -> None:
    child = _child(store)
    other = _value(add_child(store, legal_forename="Piotr", legal_surname="Testowski", dob=date(2014, 1, 2)))
    theirs = _concern(store, other, datetime(2026, 1, 5, 9, 0), "Not this child.")
    referral = _sent_referral(
        store,
        child,
        date(2026, 1, 6),
        consent=ParentConsent.TOLD_AGREED,
        status=ReferralStatus.OUTCOME,
        outcome=ReferralOutcome.EARLY_HELP,
        outcome_on=date(2026, 1, 9),
    )
    offered = early_help.plan_starters(store, child.id)
    assert offered == [(str(referral.id), "Outcome of the MASH enquiry sent 06/01/2026 (Early Help, 09/01/2026)")]
    goals = [{"what_will_change": "Breakfast every school day"}]
    with pytest.raises(InvalidRecord, match="not in this child's file"):
        early_help.start_plan(store, child.id, started_on=date(2026, 1, 12), goals=goals, started_from_id=theirs.id)
    plan = _value(
        early_help.start_plan(store, child.id, started_on=date(2026, 1, 12), goals=goals, started_from_id=referral.id)
    )
    rows = {r.key: r for r in build_chronology(store, child.id).rows}
    assert (
        "Following: outcome of the MASH enquiry sent 06/01/2026 (Early Help, 09/01/2026)." in rows[str(plan.id)].event
    )
    assert "Led to: Early Help plan started 12/01/2026." in rows[f"{referral.id}:outcome"].action
    assert link_lines(plan, store.for_child(child.id)) == [
        "Following: outcome of the MASH enquiry sent 06/01/2026 (Early Help, 09/01/2026)."
    ]


def test_an_autosave_kept_from_before_reads_as_recorded(store: RecordStore) -> None:
    child = _child(store)
    referral = _value(mash.start_enquiry(store, child.id, started_on=date(2026, 3, 2)))
    saved = _value(
        mash.update_enquiry(
            store,
            referral.id,
            {"parents_aware": True, "parents_agreed": False, "consent_not_sought_reason": REFUSED_BECAUSE},
        )
    )
    assert saved.consent == ParentConsent.TOLD_REFUSED and saved.without_consent_reason == REFUSED_BECAUSE
    assert saved.not_told_reason == ""


def test_the_referral_pack_states_consent_and_impact_as_recorded(store: RecordStore) -> None:
    child = _child(store)
    _concern(store, child, datetime(2026, 3, 2, 9, 0), "Bruise on the cheek.", impact_on_child="Hid her face all day.")
    referral = _sent_referral(
        store, child, date(2026, 3, 4), consent=ParentConsent.TOLD_REFUSED, without_consent_reason=REFUSED_BECAUSE
    )
    recording.record(store, ChronologyEntry, child_id=child.id, period="Spring 2022", event="Moved into the area.")
    text = _flat(_pdf_text(pack_pdf_bytes(store, child.id, referral.id)))
    assert "Period: Spring 2022 to 04/03/2026" in text and "01/01/2022" not in text
    assert "Parents told and refused consent; the enquiry went ahead because:" in text
    assert "Hid her face all day." in text
    assert "not told because" not in text.lower()


def test_two_concerns_of_one_day_are_told_apart_by_their_times(store: RecordStore) -> None:
    child, (_first, _second, referral, _decision) = _same_day_case(store)
    row = next(r for r in build_chronology(store, child.id).rows if r.key == str(referral.id))
    assert "Following: concern of 14/04/2026 at 08:50; concern of 14/04/2026 at 10:05." in row.event


def test_an_imported_same_day_case_in_any_order_keeps_the_order(store: RecordStore) -> None:
    child, _ = _same_day_case(store)
    expected = [r.kind + r.part for r in build_chronology(store, child.id).rows]
    data = _as_new_child(_bundle_json(store, child))
    for value in data.values():
        if isinstance(value, list):
            value.reverse()
    imported = _value(import_bundle(store, parse_bundle(json.dumps(data))))
    assert [r.kind + r.part for r in build_chronology(store, imported.id).rows] == expected


def test_an_entry_amended_to_an_approximate_period_stays_approximate(store: RecordStore) -> None:
    child = _child(store)
    entry = _value(
        recording.record(store, ChronologyEntry, child_id=child.id, on=date(2022, 1, 1), event="Moved here.")
    )
    _concern(store, child, datetime(2026, 2, 2, 8, 40), "Arrived hungry.")
    assert build_chronology(store, child.id).range_label == "01/01/2022 to 02/02/2026"
    recording.amend(store, entry.id, "Only the term is known", on=None, period="Spring 2022")
    assert build_chronology(store, child.id).range_label == "Spring 2022 to 02/02/2026"
    data = _as_new_child(_bundle_json(store, child))
    imported = _value(import_bundle(store, parse_bundle(json.dumps(data))))
    assert build_chronology(store, imported.id).range_label == "Spring 2022 to 02/02/2026"


def test_a_concern_amended_to_follow_an_outcome_shows_the_link(store: RecordStore) -> None:
    child = _child(store)
    referral = _sent_referral(
        store,
        child,
        date(2026, 3, 4),
        consent=ParentConsent.TOLD_AGREED,
        status=ReferralStatus.OUTCOME,
        outcome=ReferralOutcome.NO_FURTHER_ACTION,
        outcome_on=date(2026, 3, 11),
    )
    later = _concern(store, child, datetime(2026, 3, 20, 9, 0), "Hungry again.")
    concerns.save_concern_amendment(store, later.id, "Linked to the earlier enquiry", follows_id=str(referral.id))
    rows = {r.key: r for r in build_chronology(store, child.id).rows}
    assert "Following: outcome of the MASH enquiry sent 04/03/2026" in rows[str(later.id)].event
    assert "Led to: concern of 20/03/2026." in rows[f"{referral.id}:outcome"].action


@st.composite
def _case_records(draw: st.DrawFn) -> list[Record]:
    """A child's concerns on two days at a few times (some equal), referrals citing some of them with
    same-day outcomes, and later concerns following a referral: all made without a vault."""
    child_id = uuid.UUID(int=1)
    stamp = datetime(2026, 4, 20, 12, 0)
    days = [date(2026, 4, 14), date(2026, 4, 15)]
    records: list[Record] = []
    for n in range(draw(st.integers(1, 6))):
        day = draw(st.sampled_from(days))
        hour = draw(st.sampled_from([8, 9, 9, 13]))
        records.append(
            Concern(
                id=uuid.UUID(int=100 + n),
                child_id=child_id,
                created_at=stamp,
                observed_at=datetime(day.year, day.month, day.day, hour, 0),
                recorded_at=datetime(day.year, day.month, day.day, 17, 0),
                reporter_name="Mr T. Fictional",
                categories=[Category.NEGLECT],
                what_happened=f"Concern {n}",
                significant=True,
            )
        )
    concerns_made = [r for r in records if isinstance(r, Concern)]
    for n in range(draw(st.integers(0, 3))):
        day = draw(st.sampled_from(days))
        cited = draw(st.lists(st.sampled_from(concerns_made), max_size=3, unique_by=lambda c: c.id))
        outcome = draw(st.booleans())
        records.append(
            Referral(
                id=uuid.UUID(int=200 + n),
                child_id=child_id,
                created_at=stamp,
                started_on=day,
                status=ReferralStatus.OUTCOME if outcome else ReferralStatus.SENT,
                sent_on=day,
                outcome=ReferralOutcome.NO_FURTHER_ACTION if outcome else None,
                outcome_on=day if outcome else None,
                concern_ids=[c.id for c in cited],
            )
        )
    return records


@settings(max_examples=60, deadline=None)
@given(records=_case_records(), seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_any_case_has_one_order_and_causes_come_first(records: list[Record], seed: int) -> None:
    rows = rows_from_records(records)
    shuffled = list(records)
    random.Random(seed).shuffle(shuffled)
    assert [r.key for r in rows_from_records(shuffled)] == [r.key for r in rows]
    position = {r.key: i for i, r in enumerate(rows)}
    for record in records:
        if isinstance(record, Referral) and record.sent_on is not None:
            for concern_id in record.concern_ids:
                concern = next(c for c in records if c.id == concern_id)
                assert isinstance(concern, Concern)
                if concern.observed_at.date() == record.sent_on:
                    assert position[str(concern_id)] < position[str(record.id)]
            if record.outcome is not None:
                assert position[str(record.id)] < position[f"{record.id}:outcome"]
