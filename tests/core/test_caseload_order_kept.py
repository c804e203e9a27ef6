"""The caseload keeps its children in order while nothing changes, and puts them in order again after any change
(a new child, a renamed one), as a store opened afresh would."""

from __future__ import annotations

from datetime import date

from guidance_cases import child

from dslapp.services.ui_support import caseload
from dslapp.store import RecordStore

ON = date(2026, 12, 3)


def _names(store: RecordStore) -> list[str]:
    return [row.child.legal_surname for row in caseload(store, ON, audit=False)]


def test_order_follows_new_and_renamed_children(store: RecordStore) -> None:
    child(store, "Ada", "Mmmtest")
    zed = child(store, "Zed", "Zzztest")
    assert _names(store) == ["Mmmtest", "Zzztest"]
    assert _names(store) == ["Mmmtest", "Zzztest"]  # asked again: nothing changed
    child(store, "Bea", "Aaatest")
    assert _names(store) == ["Aaatest", "Mmmtest", "Zzztest"]
    store.amend(zed.id, {"legal_surname": "Bbbtest"}, "Surname recorded wrongly at admission")  # as a merge would
    assert _names(store) == ["Aaatest", "Bbbtest", "Mmmtest"]
    assert _names(RecordStore(store.vault)) == _names(store)
