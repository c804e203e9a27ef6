"""Unlocking (wrong passphrase, in use, recovery key) and locking (idle, Ctrl+L, OS session lock)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import visible_text, workspace

from dslapp.errors import VaultInUse, WrongPassphrase
from dslapp.models import Category, Child, Concern
from dslapp.models.base import local_now
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault
from ui.dialogs.recovery import RecoveryDialog
from ui.windows.unlock import UnlockPage
from ui.windows.workspace import Location

PASSPHRASE = "correct horse battery staple (fictional)"  # tests/conftest.py's vault


def _seed(store: RecordStore) -> Child:
    child = store.add(Child(legal_forename="Priya", legal_surname="Fictionalname", dob=date(2016, 5, 4)))
    store.add(
        Concern(
            child_id=child.id,
            observed_at=local_now() - timedelta(minutes=45),
            reporter_name="Mr T. Teacher",
            categories=[Category.EMOTIONAL],
            what_happened="Cried at the classroom door and would not come in.",
            child_words="I don't want to go home tonight.",
        )
    )
    return child


def test_wrong_passphrase_says_so_inline_and_retry_works(qtbot: QtBot, make_app, vault: Vault) -> None:  # type: ignore[no-untyped-def]
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, "not the passphrase")
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    assert app.window.screen_widget is page  # still here, no crash
    assert page.error.isVisible()
    assert page.error.text() == str(WrongPassphrase())
    assert page.passphrase.property("invalid") is True
    assert page.passphrase.selectedText() == "not the passphrase"  # ready to retype
    assert page.unlock_button.isEnabled()
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert workspace(app).session.user_name == "Ms Ada Testperson"


def test_casebook_open_elsewhere_is_explained_kindly(qtbot: QtBot, make_app, vault: Vault) -> None:  # type: ignore[no-untyped-def]
    app = make_app(real_dir=vault.directory).app  # the fixture still holds the vault open
    app.start()
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert page.error.text() == str(VaultInUse())
    assert "Traceback" not in visible_text(app.window)


def test_recovery_key_sets_a_new_passphrase(qtbot: QtBot, make_app, vault_and_recovery_key: tuple[Vault, str]) -> None:  # type: ignore[no-untyped-def]
    vault, recovery_key = vault_and_recovery_key
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage)
    qtbot.mouseClick(page.recovery_link, Qt.MouseButton.LeftButton)
    dialog = next(d for d in app.dialogs if isinstance(d, RecoveryDialog))
    qtbot.keyClicks(dialog.key_edit, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    qtbot.keyClicks(dialog.new_edit, "a brand new passphrase for tests")
    qtbot.keyClicks(dialog.confirm_edit, "a brand new passphrase for tests")
    dialog.submit()
    assert "recovery key does not open" in dialog.error.text()
    dialog.key_edit.setText(recovery_key.lower().replace("-", " "))
    dialog.submit()
    ws = workspace(app)
    app.lock()
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, "a brand new passphrase for tests")
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert workspace(app) is not ws


def test_idle_lock_fires_after_the_configured_time_and_hides_case_data(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore
) -> None:  # type: ignore[no-untyped-def]
    child = _seed(store)
    vault.lock()
    harness = make_app(real_dir=vault.directory)
    app = harness.app
    app.settings.idle_lock_minutes = 5
    app.start()
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    ws = workspace(app)
    ws.go(Location("child", str(child.id), "concerns"))
    assert "Fictionalname" in visible_text(app.window)
    assert "I don't want to go home tonight." in visible_text(app.window)

    harness.clock.advance(4 * 60 + 50)
    app.idle.check()
    assert not app.is_locked
    qtbot.keyClick(ws.child_page.tabs.tabBar(), Qt.Key.Key_Right)  # activity restarts the count
    harness.clock.advance(4 * 60 + 50)
    app.idle.check()
    assert not app.is_locked
    harness.clock.advance(11)
    app.idle.check()
    assert app.is_locked
    assert isinstance(app.window.screen_widget, UnlockPage)
    qtbot.wait(1)  # let deleteLater run
    text = visible_text(app.window)
    assert "Fictionalname" not in text and "Priya" not in text and "go home" not in text
    # the key is gone and the single-instance lock released: another process could open it now
    Vault.open(vault.directory, PASSPHRASE).lock()

    # unlocking returns to where they were (the same child and tab)
    page = app.window.screen_widget
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    ws = workspace(app)
    assert ws.location.page == "child" and ws.location.child_id == str(child.id)
    assert ws.child_page is not None and ws.child_page.current_tab() == "actions"


def test_activity_counts_against_the_idle_lock_only_while_unlocked_and_again_after_a_second_unlock(
    qtbot: QtBot, make_app, vault: Vault
) -> None:  # type: ignore[no-untyped-def]
    vault.lock()
    harness = make_app(real_dir=vault.directory)
    app = harness.app
    app.settings.idle_lock_minutes = 5
    app.start()

    def unlock() -> None:
        page = app.window.screen_widget
        assert isinstance(page, UnlockPage)
        page.passphrase.clear()
        qtbot.keyClicks(page.passphrase, PASSPHRASE)
        qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
        workspace(app)

    page = app.window.screen_widget
    assert isinstance(page, UnlockPage)
    harness.clock.advance(60)
    qtbot.keyClicks(page.passphrase, "typing at the unlock window")
    assert app.idle.idle_for == 60  # locked: key presses are not watched
    unlock()
    app.lock()
    unlock()
    harness.clock.advance(4 * 60 + 50)
    qtbot.keyClick(workspace(app).caseload_button, Qt.Key.Key_Space)  # activity restarts the count
    harness.clock.advance(4 * 60 + 50)
    app.idle.check()
    assert not app.is_locked
    harness.clock.advance(11)
    app.idle.check()
    assert app.is_locked


def test_ctrl_l_and_os_session_lock_both_lock(qtbot: QtBot, make_app, vault: Vault) -> None:  # type: ignore[no-untyped-def]
    vault.lock()
    app = make_app(real_dir=vault.directory, watch_session_lock=True).app
    app.start()

    def unlock() -> None:
        page = app.window.screen_widget
        assert isinstance(page, UnlockPage)
        qtbot.keyClicks(page.passphrase, PASSPHRASE)
        qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
        workspace(app)

    unlock()
    qtbot.keyClick(app.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert app.is_locked
    unlock()
    assert app.session_watcher is not None
    app.session_watcher.locked.emit()  # what the D-Bus / WTS / app-state hooks emit
    assert app.is_locked
    unlock()
    app.session_watcher._state_changed(Qt.ApplicationState.ApplicationSuspended)
    assert app.is_locked


def test_no_case_data_in_window_titles(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    child = _seed(store)
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    page = app.window.screen_widget
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    ws = workspace(app)
    ws.go(Location("child", str(child.id), "overview"))
    app.record_concern(str(child.id))
    titles = [app.window.windowTitle(), *(d.windowTitle() for d in app.dialogs)]
    assert all("Priya" not in t and "Fictionalname" not in t for t in titles)
