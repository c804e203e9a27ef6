"""The caseload and Today after a save (issue 16): the child's row is updated in place (the list keeps its sort,
filter and place; no reset of 1,000 rows), Today's sections the save did not change are not rebuilt, and bringing
the list on screen up to date is not audited as a new list view."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pytestqt.qtbot import QtBot
from support import PASSPHRASE
from ui_helpers import unlock, workspace

from dslapp.models import Action, Category, Child, Concern
from dslapp.models.base import local_now
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault
from dslapp.views.today import TodayItem
from ui.operations import casework
from ui.windows.today import ITEM_ROLE, TodaySection
from ui.windows.workspace import Location


def test_a_save_updates_the_childs_row_in_place_without_a_new_list_view(
    qtbot: QtBot, make_app: Any, vault: Vault, store: RecordStore
) -> None:
    children = [
        store.add(Child(legal_forename=name, legal_surname="Fictionalchild", dob=date(2016, 5, 1)))
        for name in ("Amira", "Bea", "Cato", "Dilys")
    ]
    late = local_now().date() - timedelta(days=4)
    store.add(Action(child_id=children[0].id, what="Phone home", owner="Ms T. Fictional", due=late))
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    unlock(qtbot, app, PASSPHRASE)  # the vault fixture's passphrase
    ws = workspace(app)
    ws.go(Location("caseload"))
    qtbot.waitUntil(lambda: not app.runner.busy)
    assert app.session is not None
    casebook = app.session.require_store()
    lists_before = int(casebook.db.scalar("SELECT count(*) FROM audit WHERE action = 'list'"))
    resets: list[int] = []
    ws.caseload.model.modelReset.connect(lambda: resets.append(1))
    overdue = ws.today.sections["overdue_actions"]
    assert overdue.list.count() == 1
    rebuilt: list[int] = []
    overdue.list.model().rowsInserted.connect(lambda *_: rebuilt.append(1))

    seen = local_now() - timedelta(hours=2)
    fields = {
        "child_id": str(children[2].id), "observed_at": seen.isoformat(), "recorded_at": seen.isoformat(),
        "reporter_name": "Mr P. E. Teacher", "categories": [Category.NEGLECT.value],
        "what_happened": "Came in without a coat in the rain.", "dsl_decision": "pending",
    }  # fmt: skip
    saved: list[Any] = []
    casework.record_concern(app.session, fields, [], None, saved.append, saved.append)
    qtbot.waitUntil(lambda: bool(saved) and not app.runner.busy)

    rows = {row.child.id: row for row in ws.caseload.model.rows}
    assert rows[str(children[2].id)].concerns == 1 and rows[str(children[2].id)].last_concern == seen.date()
    assert all(rows[str(c.id)].concerns == 0 for c in (children[0], children[1], children[3]))
    assert resets == []  # updated in place
    assert rebuilt == [] and overdue.list.count() == 1  # Today's sections the save did not change are kept
    assert int(casebook.db.scalar("SELECT count(*) FROM audit WHERE action = 'list'")) == lists_before
    assert len(casebook.for_child(children[2].id, Concern)) == 1


def test_a_today_section_changes_only_the_items_that_changed(qtbot: QtBot) -> None:
    section = TodaySection("alerts")
    qtbot.addWidget(section)

    def item(n: int, title: str = "Neglect pattern") -> TodayItem:
        return TodayItem("alerts", f"c-{n}", f"Fictional Child {n:02}", f"r-{n}", title, None, False)

    before = [item(n) for n in range(30)]
    section.set_items(before)
    inserted: list[int] = []
    section.list.model().rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))
    after = [*before[:12], item(12, "Child on a CP plan: inform the social worker"), item(12), *before[14:]]
    section.set_items(after)  # child 12 gained an alert, child 13 lost theirs
    shown = [section.list.item(n).data(ITEM_ROLE) for n in range(section.list.count())]
    assert shown == after
    assert sum(inserted) == 2  # the changed stretch only (child 12 and 13's items); the other 28 kept
    section.set_items([])
    assert section.list.count() == 0 and section.empty.isVisibleTo(section)
