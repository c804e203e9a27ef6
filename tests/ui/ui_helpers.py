"""Driving the real widgets the way a DSL would (keyboard and clicks), shared by the UI tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import support
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dslapp.models import Child
from dslapp.vault.vault import Vault
from ui.app import CasebookApp
from ui.dialogs.add_child import AddChildDialog
from ui.dialogs.record_concern import RecordConcernDialog
from ui.windows.child_record import ChildRecordPage
from ui.windows.setup_wizard import SetupWizard
from ui.windows.unlock import UnlockPage
from ui.windows.workspace import Location, Workspace


class FakeClock:
    """Monotonic seconds that only move when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class FakeTimer:
    seconds: float
    callback: Callable[[], None]
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True

    def fire(self) -> None:
        if not self.cancelled:
            self.callback()


@dataclass
class FakeTimers:
    made: list[FakeTimer] = field(default_factory=list)

    def __call__(self, seconds: float, callback: Callable[[], None]) -> FakeTimer:
        timer = FakeTimer(seconds, callback)
        self.made.append(timer)
        return timer


@dataclass
class AppHarness:
    app: CasebookApp
    clock: FakeClock
    timers: FakeTimers


PASSPHRASE = "maple lantern orbit seventeen"
NAME = "Mrs Jo Testdsl"
SCHOOL = "Fictional Test Primary"


def set_up_casebook(qtbot: QtBot, app: CasebookApp) -> str:
    """Go through the first-run wizard; returns the recovery key that was shown."""
    wizard = app.window.screen_widget
    assert isinstance(wizard, SetupWizard)
    qtbot.mouseClick(wizard.setup_button, Qt.MouseButton.LeftButton)
    assert wizard.stack.currentIndex() == SetupWizard.ABOUT
    qtbot.keyClicks(wizard.name_edit, NAME)
    qtbot.keyClicks(wizard.school_edit, SCHOOL)
    qtbot.mouseClick(wizard.about_next, Qt.MouseButton.LeftButton)
    assert wizard.stack.currentIndex() == SetupWizard.PASSPHRASE
    qtbot.keyClicks(wizard.pass_edit, PASSPHRASE)
    qtbot.keyClicks(wizard.confirm_edit, PASSPHRASE)
    qtbot.keyClick(wizard.confirm_edit, Qt.Key.Key_Return)
    assert wizard.stack.currentIndex() == SetupWizard.RECOVERY, wizard.working_error.text()
    key = wizard.key_edit.text()
    assert not wizard.finish_button.isEnabled()
    wizard.stored_check.setChecked(True)
    qtbot.mouseClick(wizard.finish_button, Qt.MouseButton.LeftButton)
    return key


def unlock(qtbot: QtBot, app: CasebookApp, passphrase: str = PASSPHRASE) -> UnlockPage | Workspace:
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage), type(page)
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, passphrase)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    screen = app.window.screen_widget
    assert isinstance(screen, UnlockPage | Workspace)
    return screen


VAULT_PASSPHRASE = "correct horse battery staple (fictional)"
"""The passphrase of the ``vault`` fixture (tests/conftest.py)."""


def open_record(
    qtbot: QtBot, make_app: Callable[..., Any], vault: Vault, child: Child, tab: str
) -> tuple[CasebookApp, ChildRecordPage]:
    """Lock the ``vault`` fixture, start the app on it, unlock, and open ``child``'s record at ``tab``."""
    vault.lock()
    app: CasebookApp = make_app(real_dir=vault.directory).app
    app.start()
    unlock(qtbot, app, VAULT_PASSPHRASE)
    ws = workspace(app)
    ws.go(Location("child", str(child.id), tab))
    record = ws.child_page
    assert record is not None and record.front is not None and record.current_tab() == tab
    return app, record


def workspace(app: CasebookApp) -> Workspace:
    screen = app.window.screen_widget
    assert isinstance(screen, Workspace), type(screen)
    return screen


def add_child(qtbot: QtBot, app: CasebookApp, forename: str, surname: str, dob: date) -> None:
    app.window.add_child_action.trigger()
    dialog = next(d for d in app.dialogs if isinstance(d, AddChildDialog))
    qtbot.keyClicks(dialog.forename, forename)
    qtbot.keyClicks(dialog.surname, surname)
    dialog.dob.setDate(QDate(dob.year, dob.month, dob.day))
    dialog.year_group.setCurrentText("Year 4")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == ""


def open_concern_dialog(app: CasebookApp) -> RecordConcernDialog:
    app.window.record_action.trigger()
    dialogs = app._concern_dialogs()
    assert dialogs, "Ctrl+N opened no dialog"
    dialog: RecordConcernDialog = dialogs[-1]
    QTest.qWaitForWindowActive(dialog)
    return dialog


def choose_child(dialog: RecordConcernDialog, name: str) -> None:
    index = dialog.child_combo.findText(name, Qt.MatchFlag.MatchContains)
    assert index >= 0, [dialog.child_combo.itemText(i) for i in range(dialog.child_combo.count())]
    dialog.child_combo.setCurrentIndex(index)


def tick_category(dialog: RecordConcernDialog, label: str) -> None:
    items = dialog.categories.findItems(label, Qt.MatchFlag.MatchExactly)
    assert items
    items[0].setCheckState(Qt.CheckState.Checked)


def visible_text(root: QWidget) -> str:
    """Every piece of text a user could see in ``root``: labels, fields, tables, lists, browsers."""
    parts: list[str] = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, (QLabel, QLineEdit)):
            parts.append(widget.text())
        elif isinstance(widget, (QPlainTextEdit, QTextBrowser)):
            parts.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            parts.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    parts.append(str(model.index(row, column).data() or ""))
    for window in QApplication.topLevelWidgets():
        if window.isVisible() and window is not root:
            parts.append(window.windowTitle())
    return "\n".join(parts)


def open_referrals_tab(qtbot: QtBot, make_app, vault: Vault, child: Child):  # type: ignore[no-untyped-def]
    """Lock ``vault`` (the conftest fixture's), start the app on it, unlock, and open ``child``'s Referrals
    tab; returns (app, tab)."""
    from ui.windows.referrals_tab import ReferralsTab
    from ui.windows.unlock import UnlockPage
    from ui.windows.workspace import Location

    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, support.PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    app.workspace.go(Location("child", str(child.id), "referrals"))
    record = app.workspace.child_page
    assert record is not None and record.current_tab() == "referrals"
    tab = record.referrals
    assert isinstance(tab, ReferralsTab)
    return app, tab
