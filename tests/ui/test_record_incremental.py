"""Open what is seen first, and after a save read only what changed (issue 16): the child's record paints from its
front sheet without reading the concerns whole; after several saves and an amendment, the record on screen, kept
current by reading only the records written since, shows exactly what a freshly opened record shows (tab counts,
the front sheet, the child's voice, the practice alerts, the Concerns rows and the chronology). Real vault, real
worker, real widgets."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from ui_helpers import unlock, workspace

from dslapp.models import Category, Child, Concern, EarlyHelpPlan
from dslapp.models.base import local_now
from dslapp.services import front_sheet
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault
from ui.operations import casework
from ui.operations import chronology as chronology_ops
from ui.windows.child_record import ChildRecordPage
from ui.windows.workspace import Location

PASSPHRASE = "correct horse battery staple (fictional)"


def _seed(store: RecordStore) -> Child:
    child = store.add(Child(legal_forename="Nia", legal_surname="Testchild", dob=date(2015, 2, 3)))
    now = local_now()
    store.add_many(
        [
            Concern(
                child_id=child.id, observed_at=now - timedelta(days=7 * n + 1), reporter_name="Mr P. E. Teacher",
                categories=[Category.NEGLECT], what_happened=f"Arrived hungry, no coat (week {n}).",
                child_words="I didn't have breakfast." if n % 3 == 0 else "", significant=True,
            )
            for n in range(12)
        ]
    )  # fmt: skip
    store.add(
        EarlyHelpPlan(
            child_id=child.id, started_on=date.today() - timedelta(days=60), lead_practitioner="Ms L. Example",
            child_view="I want to be on time for school.",
        )
    )  # fmt: skip
    return child


def _unlocked(qtbot: QtBot, make_app: Any, vault: Vault) -> Any:
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    unlock(qtbot, app, PASSPHRASE)
    return app


def _concern(child: Child, days_ago: int, n: int) -> dict[str, Any]:
    when = (datetime.now() - timedelta(days=days_ago)).replace(microsecond=0).isoformat()
    return {
        "child_id": str(child.id),
        "observed_at": when,
        "recorded_at": when,
        "reporter_name": "Ms Lunch Supervisor",
        "categories": ["neglect", "emotional_abuse"] if n % 2 else ["neglect"],
        "what_happened": f"Said she was hungry again (save {n}).",
        "child_words": f"Mum was asleep (save {n})." if n != 1 else "",
        "dsl_decision": "pending",
    }


def _count_whole_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names the record's reads of the child's records whole from now on (the front sheet, the whole file), as its
    jobs make them (the newest concerns read again for the child's words are not a whole read)."""
    reads: list[str] = []
    for module, name in (
        (front_sheet, "read_front_sheet"),
        (casework, "open_child_file"),
    ):
        function = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _f=function, _n=name, **k: (reads.append(_n), _f(*a, **k))[1])
    return reads


def _shown_rows(page: ChildRecordPage) -> list[list[str]]:
    proxy = page.concerns.listing.proxy
    return [[str(proxy.index(r, c).data()) for c in range(proxy.columnCount())] for r in range(proxy.rowCount())]


def _titles(page: ChildRecordPage) -> list[str]:
    return [page.tabs.tabText(n) for n in range(page.tabs.count())]


def test_the_record_kept_current_after_saves_equals_a_fresh_opening(
    qtbot: QtBot, make_app: Any, vault: Vault, store: RecordStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    child = _seed(store)
    app = _unlocked(qtbot, make_app, vault)
    ws = workspace(app)
    ws.go(Location("child", str(child.id), "concerns"))
    page = ws.child_page
    assert page is not None
    page.set_tab("chronology")
    qtbot.waitUntil(lambda: not app.runner.busy and len(page.chronology.model.rows) >= 12)
    page.set_tab("overview")
    session = app.session
    assert session is not None and page.front is not None and page.opened is not None

    whole_reads = _count_whole_reads(monkeypatch)  # reading the record whole, after a save, must not happen
    resets: list[str] = []
    page.concerns.listing.model.modelReset.connect(lambda: resets.append("concerns"))
    page.chronology.model.modelReset.connect(lambda: resets.append("chronology"))
    failed: list[object] = []
    saved: list[Any] = []
    for n, days_ago in enumerate((0, 400, 3)):  # today, long ago (outside the rules' window), this week
        casework.record_concern(session, _concern(child, days_ago, n), [], None, saved.append, failed.append)
        qtbot.waitUntil(lambda: not app.runner.busy)
    first = saved[0].value
    assert isinstance(first, Concern)
    casework.amend_concern(
        session,
        str(first.id),
        "Added what she said, from the lunch supervisor's note.",
        {"child_words": "There was no food in the house.", "categories": ["neglect", "physical_abuse"]},
        saved.append,
        failed.append,
    )
    qtbot.waitUntil(lambda: not app.runner.busy)
    chronology_ops.add_entry(
        session,
        str(child.id),
        {
            "on": date.today() - timedelta(days=2),
            "event": "Social worker visited home.",
            "source": "Children's Social Care",
        },
        saved.append,
        failed.append,
    )
    qtbot.waitUntil(lambda: not app.runner.busy)
    assert not failed
    assert whole_reads == []  # only the records written since were read
    assert "concerns" not in resets  # rows added and updated in place

    page.set_tab("concerns")
    page.set_tab("chronology")
    qtbot.waitUntil(lambda: not app.runner.busy)
    monkeypatch.undo()

    fresh = ChildRecordPage(session, str(child.id), page.on)
    qtbot.addWidget(fresh)
    fresh.resize(page.size())
    fresh.show()
    fresh.load("concerns", audit=False)
    qtbot.waitUntil(lambda: fresh.opened is not None and not app.runner.busy)
    fresh.set_tab("chronology")
    qtbot.waitUntil(lambda: not app.runner.busy and len(fresh.chronology.model.rows) > 0)
    assert fresh.front is not None and fresh.opened is not None
    assert page.front is not None and page.opened is not None

    assert page.front.counts == fresh.front.counts and page.front.counts.concerns == 15
    assert _titles(page) == _titles(fresh)
    assert page.front.file == fresh.front.file
    assert page.front.panels == fresh.front.panels
    assert page.front.panels.alerts  # the neglect pattern: the comparison covers the practice alerts
    assert any(e.words == "There was no food in the house." for e in page.front.panels.voice)  # the amendment
    qtbot.waitUntil(lambda: not page.voice_panel.pending and not fresh.voice_panel.pending)  # laid out after paint
    assert page.voice_panel.entries.toPlainText() == fresh.voice_panel.entries.toPlainText()
    assert page.voice_panel.last_label.text() == fresh.voice_panel.last_label.text()
    assert page.opened.file == fresh.opened.file
    assert page.opened.amended == fresh.opened.amended
    assert _shown_rows(page) == _shown_rows(fresh)
    assert page.chronology.model.rows == fresh.chronology.model.rows
    assert page.chronology.count == fresh.chronology.count
    assert page.chronology.model.hints == fresh.chronology.model.hints


def test_saving_with_only_the_overview_seen_reads_no_concern_whole(
    qtbot: QtBot, make_app: Any, vault: Vault, store: RecordStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Overview alone on screen: a save updates the counts and the panels from the records written, and the
    record tabs are not read until one is opened (then whole, once, and current)."""
    child = _seed(store)
    app = _unlocked(qtbot, make_app, vault)
    ws = workspace(app)
    ws.go(Location("child", str(child.id), "overview"))
    page = ws.child_page
    assert page is not None and page.front is not None and page.opened is None
    assert page.tabs.tabText(1).endswith("(12)")
    reads = _count_whole_reads(monkeypatch)
    session = app.session
    assert session is not None
    failed: list[object] = []
    casework.record_concern(session, _concern(child, 0, 0), [], None, lambda _s: None, failed.append)
    qtbot.waitUntil(lambda: not app.runner.busy)
    assert not failed and reads == []
    assert page.opened is None  # no record tab seen: the whole file is still not read
    assert page.tabs.tabText(1).endswith("(13)")
    assert page.front is not None and page.front.panels.voice[0].words == "Mum was asleep (save 0)."
    page.set_tab("concerns")
    qtbot.waitUntil(lambda: page.opened is not None and not app.runner.busy)
    assert reads == ["open_child_file"]  # the record tabs' one read of the whole file
    casebook = session.require_store()
    views = casebook.db.scalar("SELECT count(*) FROM audit WHERE action = 'view' AND object = ?", (str(child.id),))
    assert views == 1  # opening the record is one view; its tabs, and the save's refresh, are not more
    assert page.concerns.listing.model.rowCount() == 13
