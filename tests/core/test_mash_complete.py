"""A printed MASH enquiry is complete from the child's file, whatever the enquiry's origin (issue 14, item 11).

An enquiry imported from a case bundle, sent, with only a few answers typed into it: its PDF shows the child's
legal name, date of birth and address, the household, the referrer and the Levels of Need decision from the
file; answers typed into the form win over the file; a required answer nobody can give marks the copy DRAFT on
every page even though it was sent. Every name and place is fictional.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from mash_cases import ago, flat, pages_text

from dslapp.models import Child, Person, Referral, ReferralStatus, ThresholdDecision
from dslapp.models.referral import SentVia
from dslapp.services.bundle import CaseBundle, import_bundle
from dslapp.services.documents import export_mash_pdf, export_referral_pack
from dslapp.store import RecordStore

DOB = date(ago(0).year - 8, 11, 5)
TYPED = {
    "type_of_request": "Request for support: neglect",
    "the_concern": "Arrived hungry on three mornings this week; the same school jumper for a fortnight.",
    "concern_when": "This week, most recently this morning at 08:40.",
    "impact_on_child": "Tired and hungry in lessons; other children have started to avoid her.",
    "category_of_harm": "Neglect",
    "parenting_capacity": "Mum says she is struggling since losing her job.",
    "family_environment": "Rent arrears; the family may have to move.",
    "what_has_been_tried": "Breakfast club offered; uniform from the school's spare stock.",
    "referrer_phone": "01234 000222",
    "hoped_for": "An Early Help assessment for the family.",
    "strengths": "A warm relationship with her mum; she loves reading club.",
    "child_views": "She says she wants toast at home like her friends have.",
    "parents_views": "Mum agrees to the request and wants help with food and money.",
}


def _imported_sent_referral(store: RecordStore, **typed: str) -> tuple[Child, Referral]:
    child = Child(
        legal_forename="Marigold",
        legal_surname="Exampleford",
        dob=DOB,
        address="4 Imaginary Close\nFictionton FX9 9ZZ",
        school="Fictionton Primary (fictional)",
        year_group="Year 3",
    )
    mum = Person(
        child_id=child.id,
        name="Petra Exampleford",
        relationship="Mother",
        parental_responsibility=True,
        lives_with_child=True,
    )
    decision = ThresholdDecision(
        child_id=child.id,
        decided_on=ago(3),
        level=3,
        reasoning="Several needs at once and a family that wants help: Targeted Early Help.",
        decided_by="Ms Ada Testperson",
    )
    referral = Referral(
        child_id=child.id,
        started_on=ago(3),
        form={**TYPED, **typed},
        parents_aware=True,
        parents_agreed=True,
        status=ReferralStatus.SENT,
        sent_on=ago(2),
        sent_via=SentVia.ONLINE_FORM,
        reference="FX-RFS-7731",
    )
    bundle = CaseBundle(
        exported_at=datetime.now(UTC),
        child=child,
        people=[mum],
        threshold_decisions=[decision],
        referrals=[referral],
    )
    import_bundle(store, bundle)
    return child, referral


def _section(text: str, heading: str, following: str) -> str:
    return text.split(heading, 1)[1].split(following, 1)[0]


def test_the_enquiry_pdf_of_an_imported_sent_referral_shows_the_child_from_the_file(
    store: RecordStore, tmp_path: Path
) -> None:
    _child, referral = _imported_sent_referral(store)
    out = tmp_path / "imported.pdf"
    export_mash_pdf(store, referral.id, out)
    pages = pages_text(out.read_bytes())
    text = flat(" ".join(pages))
    child_section = _section(text, "3 The child", "4 Household")
    assert "Marigold Exampleford" in child_section
    assert f"{DOB:%d/%m/%Y}" in child_section
    assert "4 Imaginary Close Fictionton FX9 9ZZ" in child_section
    for label in ("Legal name", "Date of birth", "Home address"):
        assert f"{label} (from the child's file)" in child_section, label
    household = _section(text, "4 Household", "5 The referrer")
    assert "Petra Exampleford: Mother. Parental responsibility: yes." in household
    referrer = _section(text, "5 The referrer", "6 Other professionals")
    assert "Ms Ada Testperson" in referrer and "01234 000222" in referrer
    assert "Level 3: Targeted Early Help" in text  # the Levels of Need decision flows into the form
    assert "Legal name (from the child's file) Marigold Exampleford" in child_section
    assert "Not provided" not in household.split("Court orders and restrictions")[0]
    # Complete from the file, so the sent copy is not marked DRAFT.
    assert not any("DRAFT" in page for page in pages)
    # Nothing typed came from the file.
    assert "Type of request (from the child's file)" not in text


def test_typed_answers_win_over_the_file(store: RecordStore, tmp_path: Path) -> None:
    _child, referral = _imported_sent_referral(store, child_address="Staying with her aunt at 9 Pretend Lane")
    out = tmp_path / "typed.pdf"
    export_mash_pdf(store, referral.id, out)
    child_section = _section(flat(" ".join(pages_text(out.read_bytes()))), "3 The child", "4 Household")
    assert "Staying with her aunt at 9 Pretend Lane" in child_section
    assert "Imaginary Close" not in child_section
    assert "Home address (from the child's file)" not in child_section


def test_a_sent_enquiry_missing_what_nobody_can_give_is_marked_draft_on_every_page(
    store: RecordStore, tmp_path: Path
) -> None:
    _child, referral = _imported_sent_referral(store, hoped_for="")
    out = tmp_path / "gap.pdf"
    export_mash_pdf(store, referral.id, out)
    pages = pages_text(out.read_bytes())
    assert len(pages) >= 2 and all("DRAFT" in page for page in pages)
    assert "This enquiry was sent incomplete" in flat(pages[0])
    pack = tmp_path / "pack.pdf"
    export_referral_pack(store, referral.child_id, pack)
    cover = flat(pages_text(pack.read_bytes())[0])
    assert "DRAFT: incomplete; Sent" in cover
