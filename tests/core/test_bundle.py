"""The case bundle: schema file up to date, lossless round trip, all-or-nothing import."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from support import MakeVault

from dslapp.devtools import BUNDLE_SCHEMA_NAME
from dslapp.errors import MalformedBundle
from dslapp.models import Category, ChronologyEntry, Concern, Person
from dslapp.paths import source_schema_dir
from dslapp.services import recording
from dslapp.services.bundle import build_bundle, bundle_schema_text, import_bundle, parse_bundle
from dslapp.services.children import add_child
from dslapp.store import RecordStore


def test_schema_file_is_not_stale() -> None:
    on_disk = (source_schema_dir() / BUNDLE_SCHEMA_NAME).read_text("utf-8")
    assert on_disk == bundle_schema_text(), "regenerate with `python -m dslapp.devtools schema`"


def _case(store: RecordStore) -> str:
    child = add_child(
        store, legal_forename="Nguyễn Thị", legal_surname="Hương", dob=date(2014, 12, 24), nhs_number="999 000 0018"
    ).value
    recording.record(
        store, Person, child_id=child.id, name="Nguyễn Văn An", relationship="Father", parental_responsibility=True
    )
    concern = recording.record(
        store,
        Concern,
        child_id=child.id,
        observed_at=datetime(2026, 6, 1, 13, 5),
        reporter_name="Mrs D. Example",
        categories=[Category.EMOTIONAL, Category.DOMESTIC_ABUSE],
        what_happened="Cried in class after lunch; said there was shouting at home last night.",
        child_words="Dad threw the plate and I hid under the bed.",
        significant=True,
    ).value
    recording.amend(store, concern.id, "Added who she told", immediate_action="Told Mrs D. Example, who told the DSL.")
    recording.record(store, ChronologyEntry, child_id=child.id, period="Autumn 2019", event="Moved to the area")
    return str(child.id)


def test_round_trip_into_a_fresh_vault_is_lossless(store: RecordStore, tmp_path: Path, make_vault: MakeVault) -> None:
    child_id = _case(store)
    first = build_bundle(store, child_id)
    assert first.amendments  # history travels with the record
    with make_vault(tmp_path / "other", "Mr Bo Receiver", "DSL", "pw")[0] as other:
        other_store = RecordStore(other)
        import_bundle(other_store, parse_bundle(first.model_dump_json()))
        second = build_bundle(other_store, child_id)
        assert other_store.amendments(first.concerns[0].id) == store.amendments(first.concerns[0].id)
    assert second.case_json() == first.case_json()


@pytest.mark.parametrize(
    ("mutate", "named"),
    [
        (lambda d: d["child"].pop("dob"), "child.dob"),
        (lambda d: d["concerns"][0].update(categories=["not-a-category"]), "concerns[0].categories[0]"),
        (lambda d: d["people"][0].update(surprise="field"), "people[0].surprise"),
        (lambda d: d.update(format="something else"), "not a DSL Casebook case bundle"),
    ],
)
def test_malformed_bundles_name_the_field_and_add_nothing(
    store: RecordStore, tmp_path: Path, mutate: object, named: str
) -> None:
    child_id = _case(store)
    data = json.loads(build_bundle(store, child_id).model_dump_json())
    mutate(data)  # type: ignore[operator]
    with pytest.raises(MalformedBundle) as caught:
        parse_bundle(json.dumps(data))
    assert named in str(caught.value) and "\n" not in str(caught.value)


def test_import_is_all_or_nothing(store: RecordStore, tmp_path: Path, make_vault: MakeVault) -> None:
    child_id = _case(store)
    bundle = build_bundle(store, child_id)
    data = json.loads(bundle.model_dump_json())
    data["amendments"]["not-a-record-in-this-bundle"] = next(iter(data["amendments"].values()))
    with make_vault(tmp_path / "other", "Mr Bo Receiver", "DSL", "pw")[0] as other:
        other_store = RecordStore(other)
        with pytest.raises(MalformedBundle, match="amendments"):
            import_bundle(other_store, parse_bundle(json.dumps(data)))
        assert other_store.count() == 0
