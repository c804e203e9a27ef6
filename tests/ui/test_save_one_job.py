"""A save does one thing (issue 16): one Save of a concern is one write job on the DB worker; the screens refresh
from its Changes, reading only the affected child's file again; re-reading one's own just-saved record writes
no view row to the audit trail. Counted on the real runner, through the real dialog."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import open_concern_dialog, tick_category, workspace

from dslapp.models import Category, Child, Concern
from dslapp.models.base import local_now
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault
from ui.operations import casework
from ui.windows.unlock import UnlockPage
from ui.windows.workspace import Location

PASSPHRASE = "correct horse battery staple (fictional)"


def _seed(store: RecordStore) -> tuple[Child, Child]:
    amira = store.add(Child(legal_forename="Amira", legal_surname="Testchild", dob=date(2016, 5, 1)))
    bea = store.add(Child(legal_forename="Bea", legal_surname="Otherchild", dob=date(2015, 9, 1)))
    for child in (amira, bea):
        store.add(
            Concern(
                child_id=child.id, observed_at=local_now() - timedelta(days=3), reporter_name="Mr P. E. Teacher",
                categories=[Category.NEGLECT], what_happened="Came in without a coat in the rain.",
            )
        )  # fmt: skip
    return amira, bea


def test_one_save_is_one_write_and_refreshes_only_that_child(
    qtbot: QtBot, make_app: Any, vault: Vault, store: RecordStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    amira, _bea = _seed(store)
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    ws = workspace(app)
    ws.go(Location("child", str(amira.id), "concerns"))  # a record tab: the whole file is read and kept current
    qtbot.waitUntil(lambda: ws.child_page is not None and ws.child_page.opened is not None)
    assert app.session is not None
    casebook = app.session.require_store()

    def views() -> int:
        return int(casebook.db.scalar("SELECT count(*) FROM audit WHERE action = 'view'"))

    jobs: list[str] = []
    writes: list[str] = []
    opened: list[str] = []
    submit, write = app.runner.submit, app.session.write
    monkeypatch.setattr(app.runner, "submit", lambda *a, **k: (jobs.append("job"), submit(*a, **k))[1])
    monkeypatch.setattr(
        app.session,
        "write",
        lambda *a, **k: (writes.append("write"), write(*a, **k))[1],
    )
    for name in ("open_front", "open_child"):
        reader = getattr(casework, name)
        monkeypatch.setattr(
            casework,
            name,
            lambda session, child_id, *a, _read=reader, **k: (
                opened.append(child_id),
                _read(session, child_id, *a, **k),
            )[1],
        )
    refresh = casework.refresh_record
    monkeypatch.setattr(
        casework,
        "refresh_record",
        lambda session, front, *a, **k: (opened.append(str(front.file.child.id)), refresh(session, front, *a, **k))[1],
    )
    viewed_before = views()

    dialog = open_concern_dialog(app)
    jobs.clear()  # what opening the dialog reads is not part of the save
    tick_category(dialog, "Emotional abuse")
    qtbot.keyClicks(dialog.facts, "Cried at the start of the day; said home was noisy.")
    opened.clear()
    dialog.save()
    qtbot.waitUntil(lambda: not app.runner.busy)

    assert writes == ["write"]
    assert opened == [str(amira.id)]  # the record on screen, read again; no other child's file
    assert views() == viewed_before  # re-reading one's own just-saved record is not a new view
    assert len(casebook.for_child(amira.id, Concern)) == 2
    shown = ws.child_page
    assert shown is not None and shown.opened is not None and len(shown.opened.file.concerns) == 2
    assert shown.front is not None and shown.front.counts.concerns == 2
    assert shown.concerns.listing.model.rowCount() == 2  # the new row added in place
    assert any(row.concerns == 2 and row.child.id == str(amira.id) for row in ws.caseload.model.rows)
