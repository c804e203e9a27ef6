"""Issue 8 in the desktop app: automatic backups on lock, a damaged casebook offers its newest good backup,
Settings backs up now and keeps its counts, and exports that leave the vault need the passphrase again."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support import PASSPHRASE
from ui_helpers import workspace

from dslapp.config import Settings
from dslapp.models import Category, Child, Concern
from dslapp.services import recording
from dslapp.store import RecordStore
from dslapp.vault import backup
from dslapp.vault.audit import Action
from dslapp.vault.vault import DB_NAME, Vault
from ui import strings
from ui.app import CHECK_WHEN_QUIET_S
from ui.dialogs.settings import SettingsDialog
from ui.dialogs.unencrypted_export import UnencryptedExportDialog
from ui.windows.unlock import UnlockPage
from ui.windows.workspace import Location


def _unlock(qtbot: QtBot, app, passphrase: str = PASSPHRASE) -> UnlockPage:  # type: ignore[no-untyped-def]
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage)
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, passphrase)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    return page


def _seed(store: RecordStore, text: str) -> Child:
    child = store.add(Child(legal_forename="Tomasz", legal_surname="Fictionson", dob=date(2015, 9, 1)))
    recording.record(
        store,
        Concern,
        child_id=child.id,
        observed_at=datetime(2026, 10, 1, 10, 0),
        reporter_name="Mr P. E. Teacher",
        categories=[Category.NEGLECT],
        what_happened=text,
    )
    return child


def _actions(vault_dir: Path) -> list[str]:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        return [row[0] for row in vault.db.execute("SELECT action FROM audit ORDER BY seq")]


def test_unlocking_turns_on_automatic_backups_on_lock_and_on_exit(qtbot: QtBot, make_app, vault: Vault) -> None:  # type: ignore[no-untyped-def]
    _seed(RecordStore(vault), "Arrived hungry.")
    vault_dir = vault.directory
    vault.lock()
    harness = make_app(real_dir=vault_dir)
    app = harness.app
    app.settings.backups_daily = 3
    app.start()
    _unlock(qtbot, app)
    workspace(app)
    app.lock()
    made = [b for b in backup.list_backups(vault_dir) if b.automatic]
    assert len(made) == 1
    assert backup.check_backup(made[0].path)
    _unlock(qtbot, app)
    workspace(app).go(Location("caseload"))
    app.quit()  # exit locks, and locking backs up (nothing changed: the same day's backup stands)
    assert [b.path for b in backup.list_backups(vault_dir) if b.automatic] == [made[0].path]


def test_a_damaged_casebook_says_so_and_restores_the_newest_good_backup(qtbot: QtBot, make_app, vault: Vault) -> None:  # type: ignore[no-untyped-def]
    store = RecordStore(vault)
    _seed(store, "Kept in the backup.")
    made = backup.auto_backup(vault, Settings(), force=True)
    assert made is not None
    vault_dir = vault.directory
    vault.lock()
    db = vault_dir / DB_NAME
    data = bytearray(db.read_bytes())
    data[4096:] = bytes(len(data) - 4096)
    db.write_bytes(bytes(data))

    app = make_app(real_dir=vault_dir).app
    app.start()
    page = _unlock(qtbot, app)
    assert app.window.screen_widget is page  # not unlocked
    assert page.error.isVisible()
    assert strings.UNLOCK_DAMAGED in page.error.text()
    made_at = made.path.name  # the offer names the day it was made, not the file
    assert "backup was made on" in page.error.text() and made_at not in page.error.text()
    assert page.restore_button.isVisible()
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    ws = workspace(app)
    assert ws is not None
    kept_aside = list(vault_dir.glob(f"{DB_NAME}.replaced-*"))
    assert len(kept_aside) == 1 and kept_aside[0].read_bytes()[4096:8192] == bytes(4096)  # never deleted
    app.lock()
    assert Action.RESTORE in _actions(vault_dir)


def test_a_damaged_casebook_without_backups_says_so_plainly(qtbot: QtBot, make_app, vault: Vault) -> None:  # type: ignore[no-untyped-def]
    vault_dir = vault.directory
    vault.lock()
    db = vault_dir / DB_NAME
    data = bytearray(db.read_bytes())
    data[4096:] = bytes(len(data) - 4096)
    db.write_bytes(bytes(data))
    app = make_app(real_dir=vault_dir).app
    app.start()
    page = _unlock(qtbot, app)
    assert strings.UNLOCK_DAMAGED_NO_BACKUP in page.error.text()
    assert not page.restore_button.isVisible()


def test_settings_keeps_backup_counts_and_backs_up_now(qtbot: QtBot, make_app, vault: Vault) -> None:  # type: ignore[no-untyped-def]
    vault_dir = vault.directory
    vault.lock()
    app = make_app(real_dir=vault_dir).app
    app.start()
    _unlock(qtbot, app)
    app.open_settings()
    dialog = next(d for d in app.dialogs if isinstance(d, SettingsDialog))
    dialog.backups_daily.setValue(4)
    dialog.backups_weekly.setValue(2)
    qtbot.mouseClick(dialog.backup_now_button, Qt.MouseButton.LeftButton)
    made = [b for b in backup.list_backups(vault_dir) if b.automatic]
    assert len(made) == 1 and made[0].path.name in dialog.backup_status.text()
    dialog.accept()
    assert (app.settings.backups_daily, app.settings.backups_weekly) == (4, 2)
    assert (Settings.load().backups_daily, Settings.load().backups_weekly) == (4, 2)


def test_whole_casebook_export_needs_the_passphrase_warns_and_is_audited(
    qtbot: QtBot, make_app, vault: Vault, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _seed(RecordStore(vault), "Exported on purpose.")
    vault_dir = vault.directory
    vault.lock()
    app = make_app(real_dir=vault_dir).app
    app.start()
    _unlock(qtbot, app)
    app.open_settings()
    settings = next(d for d in app.dialogs if isinstance(d, SettingsDialog))
    dialog = settings.export_plain()
    assert isinstance(dialog, UnencryptedExportDialog)
    assert "NOT encrypted" in dialog.warning.text()
    out = tmp_path / "whole.sqlite"
    dialog.path.setText(str(out))
    dialog.passphrase.setText("not the passphrase at all")
    dialog.submit()
    assert not out.exists() and dialog.error.text()  # wrong passphrase: nothing written
    dialog.passphrase.setText(PASSPHRASE)
    dialog.submit()
    assert out.exists()
    with sqlite3.connect(out) as plain:
        assert plain.execute("SELECT count(*) FROM audit").fetchone()[0] > 0
    app.lock()
    assert Action.EXPORT in _actions(vault_dir)


def test_a_childs_case_bundle_export_is_on_the_child_page_and_needs_the_passphrase(
    qtbot: QtBot, make_app, vault: Vault, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    child = _seed(RecordStore(vault), "In the bundle.")
    vault_dir = vault.directory
    vault.lock()
    app = make_app(real_dir=vault_dir).app
    app.start()
    _unlock(qtbot, app)
    ws = workspace(app)
    ws.go(Location("child", str(child.id), "concerns"))
    page = ws.child_page
    assert page is not None
    assert page.bundle_action.text() == strings.EXPORT_BUNDLE_CHILD
    page.bundle_action.trigger()
    dialog = page._bundle_dialog
    out = tmp_path / "bundle.json"
    dialog.path.setText(str(out))
    dialog.passphrase.setText("wrong wrong wrong")
    dialog.submit()
    assert not out.exists()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.submit()
    assert "In the bundle." in out.read_text("utf-8")


def test_a_damaged_page_found_after_unlock_offers_to_lock_and_restore(qtbot: QtBot, make_app, vault: Vault) -> None:  # type: ignore[no-untyped-def]
    """Issue 12 (3): a damaged page deep in the file does not stop unlocking; the full check after unlock (once
    the DSL pauses) finds it, says so, and "Lock and restore" brings back the newest good backup."""
    store = RecordStore(vault)
    child = _seed(store, "Kept in the backup.")
    for n in range(150):
        recording.record(
            store,
            Concern,
            child_id=child.id,
            observed_at=datetime(2026, 10, 2, 10, 0),
            reporter_name="Mr P. E. Teacher",
            categories=[Category.NEGLECT],
            what_happened=f"Concern {n}: " + "came in without a coat again " * 10,
        )
    made = backup.auto_backup(vault, Settings(), force=True)
    assert made is not None
    vault_dir = vault.directory
    vault.lock()
    db = vault_dir / DB_NAME
    data = bytearray(db.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096 + 200
    data[middle : middle + 64] = bytes(64)
    db.write_bytes(bytes(data))

    harness = make_app(real_dir=vault_dir)
    app = harness.app
    app.start()
    _unlock(qtbot, app)
    assert workspace(app) is not None  # unlocking is not slowed or stopped by the damage
    assert app.damage_box is None  # the check waits for the DSL to pause
    harness.clock.advance(CHECK_WHEN_QUIET_S)
    app.check_pages_if_quiet()
    box = app.damage_box
    assert box is not None and box.isVisible()
    assert strings.PAGES_DAMAGED in box.text() and "The newest good copy was made on" in box.text()
    restore_button = next(b for b in box.buttons() if b.text() == strings.PAGES_LOCK_AND_RESTORE)
    qtbot.mouseClick(restore_button, Qt.MouseButton.LeftButton)
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage) and page.restore_button.isVisible()
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert workspace(app) is not None
    assert app.damage_box is box or not box.isVisible()
    app.lock()
    assert Action.RESTORE in _actions(vault_dir)
    with Vault.open(vault_dir, PASSPHRASE) as reopened:
        assert reopened.check_pages() == []


def test_settings_shows_backups_held_back_and_lets_the_dsl_release_them(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_app, vault: Vault, monkeypatch
) -> None:
    """Issue 12 (1): backups of a much larger casebook are held back from the rotation until the DSL says the
    smaller casebook is expected; Settings says so and records the DSL's answer."""
    store = RecordStore(vault)
    small = backup.backup(vault, vault.directory.parent / "by-hand.casebook-backup")
    child = _seed(store, "One of many.")
    for n in range(20):
        _seed(store, f"Another concern {n}.")
    assert child is not None
    large = backup.auto_backup(vault, Settings(), force=True)
    assert large is not None
    vault_dir = vault.directory
    vault.lock()
    backup.restore(vault_dir, small.path, PASSPHRASE)
    app = make_app(real_dir=vault_dir).app
    app.start()
    _unlock(qtbot, app)
    workspace(app)
    app.open_settings()
    dialog = next(d for d in app.dialogs if isinstance(d, SettingsDialog))
    assert dialog.held_note.isVisible() and dialog.held_note.text() == strings.SETTINGS_BACKUPS_HELD_ONE
    monkeypatch.setattr("ui.dialogs.settings.QMessageBox.question", lambda *a, **k: dialog_yes())
    qtbot.mouseClick(dialog.release_held_button, Qt.MouseButton.LeftButton)
    assert not dialog.held_note.isVisible()
    dialog.reject()
    app.lock()
    assert "backup" in _actions(vault_dir)


def dialog_yes():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    return QMessageBox.StandardButton.Yes
