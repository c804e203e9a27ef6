"""The body map: marks saved with a concern, validated, amended keeping the original, carried in the case
bundle, and drawn (as vector paths) into the chronology, the MASH enquiry and the referral pack."""

from __future__ import annotations

import io
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from support import MakeVault

from dslapp.errors import InvalidRecord, MalformedBundle
from dslapp.models import BodyView, Category, Concern, MarkType
from dslapp.paths import resource_files
from dslapp.services import mash, recording
from dslapp.services.bundle import build_bundle, import_bundle, parse_bundle
from dslapp.services.children import add_child
from dslapp.services.documents import export_chronology_pdf, export_mash_pdf, export_referral_pack
from dslapp.store import RecordStore
from dslapp.views.body_map import VIEWS, outline_svg

ARM_MARK: dict[str, Any] = {
    "number": 1,
    "view": "back",
    "x": 0.24,
    "y": 0.33,
    "mark_type": "bruise",
    "size_cm": 1.5,
    "colour": "blue-purple",
    "shape": "four ovals in a line",
    "child_explanation": "I bumped it on the climbing frame",
}
CHEEK_MARK: dict[str, Any] = {
    "number": 2,
    "view": "front",
    "x": 0.56,
    "y": 0.11,
    "mark_type": "scratch",
    "size_cm": 3,
    "colour": "red",
    "shape": "linear",
}


def _child(store: RecordStore) -> str:
    child = add_child(store, legal_forename="Marigold", legal_surname="Testwhistle", dob=date(2016, 3, 3)).value
    return str(child.id)


def _concern(store: RecordStore, child_id: str, marks: list[dict[str, Any]], **extra: Any) -> Concern:
    fields: dict[str, Any] = {
        "child_id": child_id,
        "observed_at": datetime(2026, 9, 14, 9, 20),
        "reporter_name": "Mr Example Teacher",
        "categories": [Category.PHYSICAL],
        "what_happened": "Noticed bruising on the back of the left upper arm while she changed for PE.",
        "child_words": "It doesn't hurt now.",
        "body_marks": marks,
        "significant": True,
    }
    fields.update(extra)
    return recording.record(store, Concern, **fields).value


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages)


def _curves_per_page(data: bytes) -> list[int]:
    """Cubic curve operators (`c`) drawn on each page: the outlines are made of them, text never is."""
    counts = []
    for page in PdfReader(io.BytesIO(data)).pages:
        content = page.get_contents()
        raw = content.get_data().decode("latin-1") if content is not None else ""
        counts.append(len(re.findall(r"(?:-?[\d.]+\s+){6}c(?=\s)", raw)))
    return counts


def test_marks_are_saved_with_the_concern_and_read_back(store: RecordStore) -> None:
    concern = _concern(store, _child(store), [ARM_MARK, CHEEK_MARK])
    back = store.get_as(Concern, concern.id)
    assert [m.number for m in back.body_marks] == [1, 2]
    first = back.body_marks[0]
    assert (first.view, first.mark_type, first.size_cm) == (BodyView.BACK, MarkType.BRUISE, 1.5)
    assert first.child_explanation == "I bumped it on the climbing frame"
    assert "1 (back): bruise, 1.5 cm, blue-purple, four ovals in a line." in first.description()


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"x": 1.2}, "(mark 1): its place across the outline must be no more than 1"),
        ({"y": -0.1}, "(mark 1): its place down the outline must be at least 0"),
        ({"size_cm": -2}, "(mark 1): its size in cm must be at least 0"),
        ({"view": "side"}, "the outline (front or back) must be one of 'front' or 'back'"),
        ({"mark_type": "graze-ish"}, "the type of mark must be one of 'bruise'"),
        ({"number": 0}, "(mark 0): its number must be at least 1"),
    ],
)
def test_invalid_marks_are_refused_naming_the_field(store: RecordStore, change: dict[str, Any], named: str) -> None:
    child_id = _child(store)
    with pytest.raises(InvalidRecord) as caught:
        _concern(store, child_id, [{**ARM_MARK, **change}])
    message = str(caught.value)
    assert message.startswith("Record of concern: body marks") and named in message, message
    assert "\n" not in message


def test_two_marks_with_one_number_are_refused(store: RecordStore) -> None:
    child_id = _child(store)
    with pytest.raises(InvalidRecord, match="own number"):
        _concern(store, child_id, [ARM_MARK, {**CHEEK_MARK, "number": 1}])


def test_amending_the_marks_keeps_the_original_marks_in_the_history(store: RecordStore) -> None:
    concern = _concern(store, _child(store), [ARM_MARK])
    amended = recording.amend(
        store, concern.id, "Second bruise seen by the DSL", body_marks=[ARM_MARK, CHEEK_MARK]
    ).value
    assert isinstance(amended, Concern) and len(amended.body_marks) == 2
    history = store.amendments(concern.id)
    assert len(history) == 1
    assert history[0].previous["body_marks"] == concern.body()["body_marks"]
    assert history[0].reason == "Second bruise seen by the DSL"


def test_a_mark_round_trips_through_a_bundle_and_is_in_the_chronology_pdf(
    store: RecordStore, tmp_path: Path, make_vault: MakeVault
) -> None:
    child_id = _child(store)
    _concern(store, child_id, [ARM_MARK, CHEEK_MARK])
    bundle = build_bundle(store, child_id)
    with make_vault(tmp_path / "other", "Ms Receiving Example", "DSL", "pw")[0] as other:
        other_store = RecordStore(other)
        import_bundle(other_store, parse_bundle(bundle.model_dump_json()))
        arrived = build_bundle(other_store, child_id)
        assert arrived.concerns[0].body_marks == bundle.concerns[0].body_marks
        out = tmp_path / "chronology.pdf"
        export_chronology_pdf(other_store, child_id, out)
    data = out.read_bytes()
    text = _pdf_text(data)
    assert "Body map: 2 marks" in text
    assert "I bumped it on the climbing frame" in text
    assert "blue-purple" in text
    # the outlines are drawn as vector paths: two views, each a body and a head of cubic curves
    assert max(_curves_per_page(data)) >= 2 * (64 + 4)


def test_a_chronology_without_marks_draws_no_body_map(store: RecordStore, tmp_path: Path) -> None:
    child_id = _child(store)
    _concern(store, child_id, [])
    out = tmp_path / "chronology.pdf"
    export_chronology_pdf(store, child_id, out)
    data = out.read_bytes()
    assert "Body map" not in _pdf_text(data)
    assert max(_curves_per_page(data)) == 0


def test_the_mash_enquiry_and_the_referral_pack_draw_the_body_map_of_the_concern_behind_them(
    store: RecordStore, tmp_path: Path
) -> None:
    child_id = _child(store)
    _concern(
        store,
        child_id,
        [ARM_MARK],
        dsl_decision="mash_enquiry",
        decision_reasons="Pattern of bruising to the upper arm with an unlikely explanation.",
    )
    referral = mash.start_enquiry(store, child_id).value
    assert referral.concern_ids
    enquiry, pack = tmp_path / "enquiry.pdf", tmp_path / "pack.pdf"
    export_mash_pdf(store, referral.id, enquiry)
    export_referral_pack(store, child_id, pack, referral_id=referral.id)
    for out in (enquiry, pack):
        data = out.read_bytes()
        text = _pdf_text(data)
        assert "Body map for the concern of 14/09/2026" in text
        assert "I bumped it on the climbing frame" in text
        assert max(_curves_per_page(data)) >= 2 * (64 + 4)


def test_the_outline_svgs_in_resources_are_drawn_from_the_shared_definition() -> None:
    for view in VIEWS:
        on_disk = resource_files().joinpath("body_map", f"{view.value}.svg").read_text("utf-8")
        assert on_disk == outline_svg(view), "regenerate with `python -m dslapp.devtools body-map`"


def test_a_bundle_with_a_mark_off_the_outline_is_refused_naming_it(store: RecordStore) -> None:
    child_id = _child(store)
    _concern(store, child_id, [ARM_MARK])
    data = json.loads(build_bundle(store, child_id).model_dump_json())
    data["concerns"][0]["body_marks"][0]["y"] = 1.5
    with pytest.raises(MalformedBundle) as caught:
        parse_bundle(json.dumps(data))
    assert "concerns[0].body_marks" in str(caught.value) and "mark 1" in str(caught.value)
