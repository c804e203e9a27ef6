"""The team casebook in the app (issue 18): the casebook merges on unlock (on the DB worker), and Settings → Team
shows the status line (last merge, pending changes, devices, any rejected file) with Merge now."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support import FAST_KDF, PASSPHRASE

from dslapp.models import Child
from dslapp.services import team
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault
from ui import strings
from ui.dialogs.settings import SettingsDialog
from ui.windows.unlock import UnlockPage


def _unlock(qtbot: QtBot, app) -> None:  # type: ignore[no-untyped-def]
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)


def _copy_new(src: Path, dst: Path) -> None:
    for path in src.rglob("*"):
        target = dst / path.relative_to(src)
        if path.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def test_unlock_merges_and_settings_shows_the_team_status(qtbot: QtBot, make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dsl_dir, folder, deputy_folder = tmp_path / "dsl", tmp_path / "team-dsl", tmp_path / "team-deputy"
    vault, _ = Vault.create(dsl_dir, "Ms Ada Lead", "DSL", PASSPHRASE, school="Fictional Academy", kdf=FAST_KDF)
    dsl = RecordStore(vault)
    team.create_team(dsl, folder)
    code = team.invite(dsl).value.code
    vault.lock()
    _copy_new(folder, deputy_folder)
    deputy = team.join_team(
        tmp_path / "deputy",
        deputy_folder,
        code,
        name="Mr Ben Deputy",
        role="Deputy DSL",
        passphrase=PASSPHRASE,
        kdf=FAST_KDF,
    ).casebook
    deputy.add(Child(legal_forename="Remy", legal_surname="Fictionteam", dob=date(2016, 2, 3)))
    team.sync(deputy)
    deputy.vault.lock()
    _copy_new(deputy_folder, folder)

    app = make_app(real_dir=dsl_dir).app
    app.start()
    _unlock(qtbot, app)
    assert app.session is not None and app.session.is_open
    names = app.session.require_store().find(Child, legal_surname="Fictionteam")
    assert names, "the deputy's child arrived with the merge on unlock"

    app.open_settings()
    dialog = next(d for d in app.dialogs if isinstance(d, SettingsDialog))
    text = dialog.team_status.text()
    assert "Last merge:" in text and strings.SETTINGS_TEAM_NEVER not in text
    assert "Mr Ben Deputy" in text and "Ms Ada Lead" in text
    assert dialog.team_merge_button.isVisible()

    # a file the sync program mangled: the DSL's own first change file, copied into the deputy's folder
    deputy_id = next(d.device_id for d in team.status(app.session.require_store()).devices if not d.this_device)
    own = next(d.device_id for d in team.status(app.session.require_store()).devices if d.this_device)
    shutil.copyfile(folder / "changes" / own / "00000001.chg", folder / "changes" / deputy_id / "00000003.chg")
    qtbot.mouseClick(dialog.team_merge_button, Qt.MouseButton.LeftButton)
    assert "Rejected: 1 file(s)" in dialog.team_status.text()
    dialog.adjustSize()
    dialog.grab().save(str(tmp_path / "settings-team.png"))


def test_settings_says_plainly_when_there_is_no_team(qtbot: QtBot, make_app, vault: Vault) -> None:  # type: ignore[no-untyped-def]
    vault_dir = vault.directory
    vault.lock()
    app = make_app(real_dir=vault_dir).app
    app.start()
    _unlock(qtbot, app)
    app.open_settings()
    dialog = next(d for d in app.dialogs if isinstance(d, SettingsDialog))
    assert dialog.team_status.text() == strings.SETTINGS_TEAM_NONE
    assert not dialog.team_merge_button.isVisible()
