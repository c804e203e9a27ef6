"""A settings file the app cannot all use: the app still starts, says once which setting is wrong, runs on the
usual value for it, and keeps the file aside before it next saves."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from support import PASSPHRASE
from ui_helpers import unlock, workspace

from dslapp.config import Settings, settings_path
from dslapp.vault.vault import Vault


def test_a_wrong_setting_is_told_at_start_and_the_app_runs_on(qtbot: QtBot, make_app, vault: Vault) -> None:  # type: ignore[no-untyped-def]
    vault_dir = vault.directory
    vault.lock()
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"idle_lock_minutes": 2, "clipbaord_clear_seconds": 10}), "utf-8")
    app = make_app(real_dir=vault_dir, settings=Settings.load()).app
    app.start()
    boxes = [b for b in app.window.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1
    text = boxes[0].text()
    assert "“clipbaord_clear_seconds” is not a known setting (did you mean “clipboard_clear_seconds”?)" in text
    assert "where it is wrong, DSL Casebook uses its usual value" in text
    assert app.settings.idle_lock_minutes == 2 and app.settings.clipboard_clear_seconds == 30
    boxes[0].close()
    unlock(qtbot, app, PASSPHRASE)
    workspace(app)
    app.lock()
    app.start()  # back at the start later: said once, not again
    assert not [b for b in app.window.findChildren(QMessageBox) if b.isVisible()]
    assert Settings.read().idle_lock_minutes == 2  # unlocking saved the settings, now without the typo
    kept = json.loads(settings_path().with_name("settings.json.invalid").read_text("utf-8"))
    assert kept["clipbaord_clear_seconds"] == 10
