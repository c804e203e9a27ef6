"""Records: validation, amendments that keep the original, no deletes, full-text search."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from dslapp.errors import InvalidRecord
from dslapp.models import Category, Child, Concern, DslDecision
from dslapp.services import recording
from dslapp.services.children import add_child, change_status, open_child_file
from dslapp.store import RecordStore
from dslapp.vault.sqlcipher import IntegrityError


def _child(store: RecordStore, **extra: object) -> Child:
    fields: dict[str, object] = {"legal_forename": "Łucja", "legal_surname": "Wiśniewska", "dob": date(2016, 4, 2)}
    fields.update(extra)
    child = add_child(store, **fields).value
    return child


def _concern(store: RecordStore, child: Child, **extra: object) -> Concern:
    fields: dict[str, object] = {
        "child_id": child.id,
        "observed_at": datetime(2026, 10, 5, 8, 50),
        "reporter_name": "Mr C. Example",
        "reporter_role": "Class teacher",
        "categories": [Category.NEGLECT],
        "what_happened": "Arrived without a coat in heavy rain; said she had no breakfast.",
        "child_words": "Mum was asleep so I got myself ready.",
    }
    fields.update(extra)
    result = recording.record(store, Concern, **fields)
    concern, changes = result.value, result.changes
    assert changes.touches("concern") and str(child.id) in changes.child_ids
    return concern


def test_a_saved_concern_reads_back_exactly(store: RecordStore) -> None:
    child = _child(store)
    concern = _concern(store, child)
    again = store.get(concern.id)
    assert again == concern
    assert again.created_by == "Ms Ada Testperson"


@pytest.mark.parametrize(
    ("changes", "field_words"),
    [
        ({"observed_at": datetime.now() + timedelta(days=3)}, "observed at"),
        ({"categories": []}, "categories"),
        ({"what_happened": "   "}, "what happened"),
        ({"dsl_decision": DslDecision.NO_FURTHER_ACTION, "decision_reasons": ""}, "decision reasons"),
    ],
)
def test_invalid_concerns_are_refused_naming_the_field(
    store: RecordStore, changes: dict[str, object], field_words: str
) -> None:
    child = _child(store)
    before = store.count()
    with pytest.raises(InvalidRecord, match=field_words):
        _concern(store, child, **changes)
    assert store.count() == before


def test_implausible_date_of_birth_is_refused(store: RecordStore) -> None:
    with pytest.raises(InvalidRecord, match="dob"):
        _child(store, dob=date(1970, 1, 1))
    with pytest.raises(InvalidRecord, match="dob"):
        _child(store, dob=date.today() + timedelta(days=10))


def test_amend_keeps_the_original_with_who_when_and_why(store: RecordStore) -> None:
    child = _child(store)
    concern = _concern(store, child)
    with pytest.raises(InvalidRecord, match="why"):
        recording.amend(store, concern.id, "  ", what_happened="changed")
    amended = recording.amend(
        store, concern.id, "Teacher added the time she arrived", what_happened="Arrived at 08:50 without a coat."
    ).value
    assert amended.version == 2
    history = store.amendments(concern.id)
    assert len(history) == 1
    assert history[0].previous["what_happened"] == concern.what_happened
    assert history[0].reason == "Teacher added the time she arrived"
    assert history[0].by == "Ms Ada Testperson"
    assert store.get(concern.id).what_happened == "Arrived at 08:50 without a coat."  # type: ignore[attr-defined]


def test_records_cannot_be_deleted_or_changed_behind_the_amendment_rule(store: RecordStore) -> None:
    child = _child(store)
    concern = _concern(store, child)
    with pytest.raises(IntegrityError, match="never deleted"):
        store.db.execute("DELETE FROM records WHERE id = ?", (str(concern.id),))
    with pytest.raises(IntegrityError, match="only by amendment"):
        store.db.execute("UPDATE records SET body = json_set(body, '$.outcome', 'x') WHERE id = ?", (str(concern.id),))
    recording.amend(store, concern.id, "typo", outcome="Spoke to mum at pick-up.")
    with pytest.raises(IntegrityError, match="never"):
        store.db.execute("DELETE FROM amendments")
    with pytest.raises(IntegrityError, match="append-only"):
        store.db.execute("DELETE FROM audit")


def test_status_change_is_recorded_and_amends_the_child(store: RecordStore) -> None:
    child = _child(store)
    from dslapp.models import ChildStatus

    result = change_status(store, child.id, ChildStatus.CIN, date(2026, 9, 1), "Single assessment: CIN plan")
    updated, changes = result.value, result.changes
    assert updated.status == ChildStatus.CIN and changes.touches("status_change")
    child_file = open_child_file(store, child.id)
    assert [s.to_status for s in child_file.status_changes] == [ChildStatus.CIN]
    assert store.amendments(child.id)[0].previous["status"] == "universal"


def test_search_finds_names_without_accents_and_case_text_by_prefix(store: RecordStore) -> None:
    lucja = _child(store)
    other = _child(store, legal_forename="Αλέξανδρος", legal_surname="Παπαδόπουλος", dob=date(2014, 1, 9))
    _concern(store, lucja)
    _concern(store, other, what_happened="Said an older boy keeps messaging him at night.", child_words="")
    names = store.search("wisniewska")
    assert [h.record_id for h in names] == [str(lucja.id)]
    assert "\x02Wiśniewska\x03" in names[0].snippet
    assert [h.kind for h in store.search("older boy messag")] == ["concern"]  # several words, last expanded
    hits = store.search("messag")
    assert len(hits) == 1 and hits[0].child_id == str(other.id) and hits[0].kind == "concern"
    assert store.search("Αλέξανδρ")[0].record_id == str(other.id)
    assert store.search('"; DROP TABLE records; --') == []  # typed text is never FTS syntax


def test_expanded_prefixes_find_exactly_what_a_prefix_query_finds(store: RecordStore) -> None:
    """Search-as-you-type expands a typed prefix into real words for speed; it must never miss a match."""
    from dslapp.store.records import fts_query

    child = _child(store)
    texts = ["Breakfast club every day", "Breakfasts missed twice", "Brought a note", "Naïve café visit", "break time"]
    for text in texts:
        _concern(store, child, what_happened=text, child_words="")
    for typed in ("break", "breakfa", "brou", "naiv", "cafe", "zzzz"):
        plain = fts_query(typed)
        expanded = fts_query(typed, store._expand_prefix)
        assert expanded != plain or typed == "zzzz" or len(typed) <= 3
        rows = "SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid"
        assert store.db.execute(rows, (expanded,)).fetchall() == store.db.execute(rows, (plain,)).fetchall(), typed
