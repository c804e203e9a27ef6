"""Retention: 25th birthday by default, changed only with a reason; review list; disposal only as a decision."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from support import MakeVault

from dslapp.errors import DisposalNotAllowed, InvalidRecord
from dslapp.models import Category, Child, Concern, Person, Transfer, TransferDirection
from dslapp.services import drafts, recording
from dslapp.services.children import add_child
from dslapp.services.retention import disposals, dispose, past_retention, retention_date, set_retention
from dslapp.store import RecordStore
from dslapp.vault import audit
from dslapp.vault.sqlcipher import IntegrityError, integrity_ok

NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(vault_dir: Path, make_vault: MakeVault) -> Iterator[RecordStore]:
    vault, _ = make_vault(vault_dir, clock=lambda: NOW)
    yield RecordStore(vault)
    vault.lock()


def _child_with_history(store: RecordStore, forename: str, dob: date, retain_until: date | None = None) -> Child:
    child = add_child(store, legal_forename=forename, legal_surname="Testchild", dob=dob).value
    if retain_until is not None:  # new children cannot be 25 yet, so their date is set (with a reason)
        child = set_retention(store, child.id, retain_until, "Retention reviewed by the DSL").value
    concern = recording.record(
        store,
        Concern,
        child_id=child.id,
        observed_at=datetime(2026, 3, 2, 9, 0),
        reporter_name="Mr C. Example",
        categories=[Category.NEGLECT],
        what_happened=f"{forename} zebediahword arrived without a coat.",
    ).value
    recording.amend(store, concern.id, "Added the outcome", outcome="Coat from lost property.")
    drafts.save_draft(store, "concern", {"what_happened": "half typed"}, child_id=str(child.id))
    return child


def test_retention_defaults_to_the_25th_birthday_and_changes_only_with_a_reason(store: RecordStore) -> None:
    child = add_child(store, legal_forename="Amira", legal_surname="Testchild", dob=date(2012, 2, 29)).value
    assert retention_date(child) == date(2037, 2, 28)  # 25th birthday of a leap-day child
    with pytest.raises(InvalidRecord, match="why"):
        set_retention(store, child.id, date(2087, 2, 28), "  ")
    with pytest.raises(InvalidRecord, match="date of birth"):
        set_retention(store, child.id, date(2000, 1, 1), "typo")
    result = set_retention(store, child.id, date(2087, 2, 28), "Subject of a public inquiry: keep 75 years")
    amended, changes = result.value, result.changes
    assert amended.retain_until == date(2087, 2, 28) and changes.touches("child")
    history = store.amendments(child.id)
    assert history[-1].reason == "Subject of a public inquiry: keep 75 years"
    assert history[-1].previous["retain_until"] == "2037-02-28"


def test_review_list_holds_only_children_past_their_date(store: RecordStore) -> None:
    old = _child_with_history(store, "Older", date(2014, 5, 1), date(2024, 5, 1))  # 25 on 01/05/2024
    _child_with_history(store, "Younger", date(2015, 5, 1))
    kept_longer = _child_with_history(store, "Inquiry", date(2014, 1, 1), date(2020, 1, 1))
    set_retention(store, kept_longer.id, date(2074, 1, 1), "Inquiry may need it")
    items = past_retention(store, date(2026, 11, 18))
    assert [i.child_id for i in items] == [str(old.id)]
    assert items[0].retain_until == date(2024, 5, 1)
    assert audit.events(store.db)[-1].object == "retention"


def test_disposal_is_refused_before_the_date_and_without_reasons(store: RecordStore) -> None:
    young = _child_with_history(store, "Younger", date(2015, 5, 1))
    count = store.count()
    with pytest.raises(DisposalNotAllowed, match="must be kept until 01/05/2040"):
        dispose(store, young.id, "Past retention", "Ms Ada Testperson")
    old = _child_with_history(store, "Older", date(2014, 5, 1), date(2024, 5, 1))
    with pytest.raises(InvalidRecord):
        dispose(store, old.id, "", "Ms Ada Testperson")
    with pytest.raises(InvalidRecord):
        dispose(store, old.id, "Past retention", " ")
    assert store.count() == count + 2  # the older child and their concern: nothing removed
    assert disposals(store) == []


def test_disposal_removes_everything_about_the_child_and_keeps_the_decision(store: RecordStore) -> None:
    old = _child_with_history(store, "Zebulon", date(2014, 5, 1), date(2024, 5, 1))
    other = _child_with_history(store, "Keepme", date(2015, 5, 1))
    other_count = store.db.scalar("SELECT count(*) FROM records WHERE child_id = ?", (str(other.id),))
    assert store.search("zebediahword")
    result = dispose(store, old.id, "Retention period ended; reviewed by DSL and head", "Ms Ada Testperson")
    disposal, changes = result.value, result.changes
    assert changes.touches("child") and disposal.records_removed == 2
    key = str(old.id)
    db = store.db
    assert db.scalar("SELECT count(*) FROM records WHERE child_id = ?", (key,)) == 0
    assert db.scalar("SELECT count(*) FROM amendments WHERE record_id NOT IN (SELECT id FROM records)") == 0
    assert db.scalar("SELECT count(*) FROM drafts WHERE child_id = ?", (key,)) == 0
    assert db.scalar("SELECT count(*) FROM search WHERE child_id = ?", (key,)) == 0
    # the word is gone from the search index itself, not just hidden (the index was merged)
    assert [h.child_id for h in store.search("zebediahword")] == [str(other.id)]
    blobs = b"".join(bytes(r[0]) for r in db.execute("SELECT block FROM search_data") if r[0] is not None)
    assert b"zebulon" not in blobs.lower()
    # the other child is untouched
    assert db.scalar("SELECT count(*) FROM records WHERE child_id = ?", (str(other.id),)) == other_count
    # the decision is kept: id, date, who, why; no names
    [kept] = disposals(store)
    assert (kept.child_id, kept.retain_until, kept.decided_by) == (key, date(2024, 5, 1), "Ms Ada Testperson")
    assert kept.completed_at is not None
    row = " ".join(str(v) for v in db.execute("SELECT * FROM disposals").fetchone())
    assert "Zebulon" not in row and "Testchild" not in row
    events = [e for e in audit.events(db) if e.action == "dispose"]
    assert len(events) == 1 and events[0].object == key and "Zebulon" not in events[0].detail
    assert audit.verify(db).ok and integrity_ok(db)


def test_the_database_refuses_any_other_delete(store: RecordStore) -> None:
    old = _child_with_history(store, "Older", date(2014, 5, 1), date(2024, 5, 1))
    key = str(old.id)
    person = recording.record(store, Person, child_id=old.id, name="Ms Z. Example", relationship="Aunt").value
    with pytest.raises(IntegrityError, match="never deleted"):  # a record nothing else refers to
        store.db.execute("DELETE FROM records WHERE id = ?", (str(person.id),))
    with pytest.raises(IntegrityError, match="never deleted"):
        store.db.execute("DELETE FROM records WHERE child_id = ?", (key,))
    with pytest.raises(IntegrityError, match="never deleted"):
        store.db.execute("DELETE FROM amendments")
    with pytest.raises(IntegrityError, match="append-only"):
        store.db.execute("DELETE FROM audit")
    dispose(store, old.id, "Retention period ended", "Ms Ada Testperson")
    # a completed decision opens nothing: records later given the same child id stay protected
    with pytest.raises(IntegrityError, match="never deleted"):
        store.db.execute("DELETE FROM disposals")
    with pytest.raises(IntegrityError, match="only once"):
        store.db.execute("UPDATE disposals SET reason = 'changed'")
    again = _child_with_history(store, "Another", date(2014, 5, 1), date(2024, 5, 1))
    with pytest.raises(IntegrityError, match="never deleted"):
        store.db.execute("DELETE FROM records WHERE child_id = ?", (str(again.id),))


def test_a_transfer_awaiting_receipt_blocks_disposal(store: RecordStore) -> None:
    old = _child_with_history(store, "Older", date(2014, 5, 1), date(2024, 5, 1))
    recording.record(
        store,
        Transfer,
        child_id=old.id,
        direction=TransferDirection.OUTGOING,
        other_school="Fictional High",
        sent_on=date(2026, 11, 2),
    )
    with pytest.raises(DisposalNotAllowed, match="awaiting receipt"):
        dispose(store, old.id, "Retention period ended", "Ms Ada Testperson")
