"""The newcomer's journey: set up a casebook, unlock, add a child, record a concern, find it again."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import (
    NAME,
    AppHarness,
    add_child,
    choose_child,
    open_concern_dialog,
    set_up_casebook,
    tick_category,
    unlock,
    workspace,
)

from dslapp.vault.vault import is_vault
from ui import strings
from ui.models.caseload import CONCERNS
from ui.windows.setup_wizard import SetupWizard
from ui.windows.unlock import UnlockPage


def test_wizard_unlock_record_then_caseload_search_and_history(qtbot: QtBot, make_app) -> None:  # type: ignore[no-untyped-def]
    harness: AppHarness = make_app()
    app = harness.app
    app.start()
    assert isinstance(app.window.screen_widget, SetupWizard)

    key = set_up_casebook(qtbot, app)
    assert len(key.replace("-", "")) == 32
    assert is_vault(app.real_dir)
    ws = workspace(app)
    assert app.window.windowTitle() == strings.APP
    assert ws.session.user_name == NAME

    # lock and unlock again with the new passphrase
    qtbot.keyClick(app.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(app.window.screen_widget, UnlockPage)
    unlock(qtbot, app)
    ws = workspace(app)

    add_child(qtbot, app, "Zofia", "Testchild", date(2017, 3, 14))
    assert [r.child.display_name for r in ws.caseload.model.rows] == ["Zofia Testchild"]

    dialog = open_concern_dialog(app)
    choose_child(dialog, "Zofia Testchild")
    tick_category(dialog, "Neglect")
    qtbot.keyClicks(dialog.where, "Year 4 cloakroom")
    qtbot.keyClicks(dialog.facts, "Arrived without a coat in heavy rain; shoes split at the toe.")
    qtbot.keyClicks(dialog.words.edit, "My brother has the coat today.")
    dialog.decision.setCurrentIndex(dialog.decision.findData("monitor"))
    qtbot.keyClicks(dialog.reasons, "First such concern; speak to mum at pick-up and monitor.")
    dialog.action_rows.add_row({"what": "Speak to mum at pick-up", "owner": NAME})
    qtbot.keyClick(dialog.facts, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.error.text() == ""
    assert app._concern_dialogs() == []

    # the caseload counts it
    row = ws.caseload.model.rows[0]
    assert row.concerns == 1 and row.open_actions == 1
    assert ws.caseload.proxy.index(0, CONCERNS).data() == "1"

    # search-as-you-type over case text finds the child, with the match highlighted
    ws.find_in_caseload()
    qtbot.keyClicks(ws.caseload.search_box, "cloakroom")
    ws.caseload.run_search()
    assert ws.caseload.visible_child_ids() == [row.child.id]
    snippet = ws.caseload.model.snippets[row.child.id]
    assert "\x02cloakroom\x03" in snippet.lower()
    ws.caseload.search_box.clear()
    qtbot.keyClicks(ws.caseload.search_box, "elephant")
    ws.caseload.run_search()
    assert ws.caseload.visible_child_ids() == []

    # open the child from the keyboard; History shows the concern being recorded and the viewing
    ws.caseload.search_box.clear()
    ws.caseload.table.setFocus()
    ws.caseload.table.selectRow(0)
    qtbot.keyClick(ws.caseload.table, Qt.Key.Key_Return)
    page = ws.child_page
    assert page is not None and page.front is not None
    assert page.opened is None  # the Overview painted from the front sheet; the file is read for a record tab
    assert page.name_label.text() == "Zofia Testchild"
    assert "Zofia" not in app.window.windowTitle()
    page.set_tab("history")
    assert page.opened is not None
    history = [page._history_text(h) for h in page.opened.history]
    assert strings.HISTORY_VIEWED_FILE in history
    assert "Recorded a record of concern" in history
    assert "Recorded an action" in history
    assert all(NAME in h.user for h in page.opened.history)

    # the concern reads back with the child's words quoted
    page.set_tab("concerns")
    html = page.concerns.listing.reader.toPlainText()
    assert "“My brother has the coat today.”" in html
    assert "Where\nYear 4 cloakroom" in html


def test_demo_casebook_is_badged_and_filterable(qtbot: QtBot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app().app
    app.start()
    wizard = app.window.screen_widget
    assert isinstance(wizard, SetupWizard)
    qtbot.mouseClick(wizard.demo_button, Qt.MouseButton.LeftButton)
    ws = workspace(app)
    assert app.session is not None and app.session.demo
    assert strings.DEMO_BADGE in app.window.windowTitle()
    caseload = ws.caseload
    total = caseload.model.rowCount()
    assert total >= 30
    shown_open = caseload.proxy.rowCount()
    caseload.open_combo.setCurrentIndex(caseload.open_combo.findData("all"))
    assert caseload.proxy.rowCount() == total > shown_open
    caseload.status_combo.setCurrentIndex(caseload.status_combo.findData(caseload.status_combo.itemData(4)))
    assert 0 < caseload.proxy.rowCount() < total
    caseload.clear_filters()
    caseload.alerts_check.setChecked(True)
    assert all(r.alerts for r in caseload.model.rows if r.child.id in caseload.visible_child_ids())
    caseload.clear_filters()
    caseload.category_combo.setCurrentIndex(caseload.category_combo.findData("neglect"))
    neglect = caseload.visible_child_ids()
    assert neglect and all("neglect" in r.categories for r in caseload.model.rows if r.child.id in neglect)

    # Today: an item is one click from the child's record, on the right tab
    today = ws.today
    first = today.first_list()
    assert first is not None
    item = first.item(0)
    qtbot.mouseClick(first.viewport(), Qt.MouseButton.LeftButton, pos=first.visualItemRect(item).center())
    assert ws.location.page == "child"
    assert ws.child_page is not None and ws.child_page.opened is not None

    # lock: the demo unlock screen is badged and offers the published demo passphrase
    app.lock()
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage) and page.demo
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    assert workspace(app).location.page == "child"
