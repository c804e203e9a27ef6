"""The team casebook from the app (issue 18): Settings → Team starts a team, invites a deputy with a code shown
once and removes a device; the setup wizard joins a team with that code. Real vaults, a real temp team folder."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from support import FAST_KDF, PASSPHRASE

from dslapp.errors import EnrolmentExpired, EnrolmentUsed, WrongEnrolmentCode, WrongPassphrase
from dslapp.models import Category, Child, Concern
from dslapp.services import team
from dslapp.store import RecordStore
from dslapp.vault import audit
from dslapp.vault.vault import Vault
from ui import strings
from ui.dialogs.settings import SettingsDialog
from ui.dialogs.team import InviteDialog, RemoveDeviceDialog, StartTeamDialog, code_for_reading
from ui.operations import team_ops
from ui.windows.setup_wizard import SetupWizard
from ui.windows.unlock import UnlockPage

DEPUTY_PASSPHRASE = "lantern orchard pebble violin (fictional)"


def _unlock(qtbot: QtBot, app) -> None:  # type: ignore[no-untyped-def]
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)


def _settings(app) -> SettingsDialog:  # type: ignore[no-untyped-def]
    app.open_settings()
    return next(d for d in app.dialogs if isinstance(d, SettingsDialog))


def _dsl_in_a_team(tmp_path: Path) -> tuple[Path, Path]:
    """A DSL's casebook already in a team (started through the service), locked; (casebook, team folder)."""
    dsl_dir, folder = tmp_path / "dsl", tmp_path / "team"
    vault, _ = Vault.create(dsl_dir, "Ms Ada Lead", "DSL", PASSPHRASE, school="Fictional Academy", kdf=FAST_KDF)
    team.create_team(RecordStore(vault), folder)
    vault.lock()
    return dsl_dir, folder


def _click(qtbot: QtBot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_start_a_team_from_settings_after_typing_the_passphrase_again(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_app, vault: Vault, tmp_path: Path
) -> None:
    vault_dir = vault.directory
    vault.lock()
    folder = tmp_path / "OneDrive - Fictional Academy" / "Safeguarding team"
    app = make_app(real_dir=vault_dir).app
    app.start()
    _unlock(qtbot, app)
    dialog = _settings(app)
    assert dialog.team_status.text() == strings.SETTINGS_TEAM_NONE
    assert dialog.team_start_button.isVisible()
    assert not dialog.team_invite_button.isVisible() and not dialog.team_remove_button.isVisible()
    dialog.adjustSize()
    dialog.grab().save(str(tmp_path / "settings-team-before.png"))

    _click(qtbot, dialog.team_start_button)
    start = dialog.team_dialog
    assert isinstance(start, StartTeamDialog) and start.isVisible()
    start.folder.setText(str(folder))
    _click(qtbot, start.start_button)
    assert start.error.text() == strings.TEAM_START_NEED_PASSPHRASE
    start.passphrase.setText("not my passphrase at all")
    _click(qtbot, start.start_button)
    assert start.error.text() == str(WrongPassphrase())
    assert not folder.exists(), "nothing leaves the laptop until the passphrase is right"
    start.grab().save(str(tmp_path / "team-start.png"))
    assert start.height() >= start.layout().totalHeightForWidth(start.width()), "nothing cut short"

    start.passphrase.setText(PASSPHRASE)
    _click(qtbot, start.start_button)
    assert not start.isVisible()
    assert any((folder / "changes").rglob("*.chg")), "the casebook's records went to the folder as change files"
    text = dialog.team_status.text()
    assert str(folder) in text and "Last merge:" in text and "Ms" in text
    assert not dialog.team_start_button.isVisible()
    assert dialog.team_invite_button.isVisible() and dialog.team_remove_button.isVisible()
    state = team.status(app.session.require_store())
    assert state.in_team and Path(state.folder) == folder
    dialog.adjustSize()
    dialog.grab().save(str(tmp_path / "settings-team-after.png"))


def test_the_demo_casebook_cannot_start_a_team(qtbot: QtBot, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app().app
    app.start(demo=True)
    qtbot.waitUntil(lambda: app.session is not None and app.session.is_open, timeout=60_000)
    dialog = _settings(app)
    assert not dialog.team_start_button.isVisible()
    assert dialog.team_note.text() == strings.TEAM_DEMO_NOTE


def test_invite_shows_a_code_once_and_a_deputy_joins_through_the_wizard(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_app, tmp_path: Path
) -> None:
    dsl_dir, folder = _dsl_in_a_team(tmp_path)
    dsl_app = make_app(real_dir=dsl_dir).app
    dsl_app.start()
    _unlock(qtbot, dsl_app)
    dialog = _settings(dsl_app)
    assert dialog.team_invite_button.isVisible()

    _click(qtbot, dialog.team_invite_button)
    invite = dialog.team_dialog
    assert isinstance(invite, InviteDialog)
    shown = invite.code.text()
    code = shown.replace("\n", "-").replace("  ", "-")
    assert len(shown.splitlines()) == 2 and all(len(line.split()) == 3 for line in shown.splitlines())
    assert code_for_reading(code) == shown
    assert "Join my team's casebook" in invite.next_steps.text()
    assert invite.expires.text().startswith("It works once, until ")
    invite.grab().save(str(tmp_path / "team-invite.png"))
    _click(qtbot, invite.done_button)
    assert invite.code.text() == "", "closing the dialog forgets the code"
    assert "(invited)" in dialog.team_status.text()

    # a second invitation is a different code; the first still works
    _click(qtbot, dialog.team_invite_button)
    again = dialog.team_dialog
    assert isinstance(again, InviteDialog) and again is not invite
    assert again.code.text() and again.code.text() != shown
    again.reject()

    # the DSL records a concern after inviting
    dsl = dsl_app.session.require_store()
    child = dsl.add(Child(legal_forename="Remy", legal_surname="Fictionteam", dob=date(2016, 2, 3)))
    dsl.add(
        Concern(
            child_id=child.id,
            observed_at=datetime(2026, 11, 30, 9, 15),
            reporter_name="Mr Fictional Teacher",
            categories=[Category.NEGLECT],
            what_happened="Arrived without a coat in the rain for the third day running.",
        )
    )
    team.sync(dsl)

    # the deputy's laptop: no casebook yet, so the app starts in the setup wizard
    deputy_dir = tmp_path / "deputy"
    deputy_app = make_app(real_dir=deputy_dir).app
    deputy_app.start()
    wizard = deputy_app.window.screen_widget
    assert isinstance(wizard, SetupWizard)
    wizard.grab().save(str(tmp_path / "wizard-welcome.png"))
    _click(qtbot, wizard.join_button)
    assert wizard.stack.currentIndex() == SetupWizard.JOIN
    _click(qtbot, wizard.join_next)
    assert wizard.join_error.text() == strings.JOIN_NEED_FOLDER

    # a folder that is not a team folder, then a wrong code: kind errors, back on the details page, nothing made
    not_team = tmp_path / "Documents"
    not_team.mkdir()
    wizard.join_folder.setText(str(not_team))
    wizard.join_code.setText(code)
    wizard.join_name.setText("Mr Ben Deputy")
    wizard.join_role.setCurrentText("Deputy DSL")
    _click(qtbot, wizard.join_next)
    assert wizard.stack.currentIndex() == SetupWizard.PASSPHRASE
    assert wizard.create_button.text() == strings.JOIN_BUTTON
    wizard.pass_edit.setText(DEPUTY_PASSPHRASE)
    wizard.confirm_edit.setText(DEPUTY_PASSPHRASE)
    _click(qtbot, wizard.create_button)
    assert wizard.stack.currentIndex() == SetupWizard.JOIN
    assert "There is no team casebook in" in wizard.join_error.text()
    qtbot.wait(20)  # the page's layout makes room for the message on the next turn of the event loop
    wizard.grab().save(str(tmp_path / "wizard-join.png"))
    wizard.join_folder.setText(str(folder))
    wizard.join_code.setText("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ")
    _click(qtbot, wizard.join_next)
    _click(qtbot, wizard.create_button)
    assert wizard.stack.currentIndex() == SetupWizard.JOIN
    assert wizard.join_error.text() == str(WrongEnrolmentCode())
    assert not (deputy_dir / "vault.keys").exists()

    wizard.join_code.setText(code.lower())  # as typed: case and grouping do not matter
    _click(qtbot, wizard.join_next)
    _click(qtbot, wizard.create_button)
    assert wizard.stack.currentIndex() == SetupWizard.RECOVERY
    recovery_key = wizard.key_edit.text()
    assert recovery_key and wizard.key_text.text() == strings.JOIN_KEY_TEXT
    wizard.grab().save(str(tmp_path / "wizard-join-key.png"))
    wizard.stored_check.setChecked(True)
    _click(qtbot, wizard.finish_button)
    session = deputy_app.session
    assert session is not None and session.is_open and session.directory == deputy_dir
    deputy = session.require_store()
    assert deputy.vault.user.name == "Mr Ben Deputy" and deputy.vault.user.role == "Deputy DSL"
    concerns = deputy.find(Concern, child_id=str(child.id))
    assert [c.what_happened for c in concerns] == ["Arrived without a coat in the rain for the third day running."]

    # the DSL records again; the deputy's next merge (on the DB worker, as the timer does) takes it in
    dsl.add(
        Concern(
            child_id=child.id,
            observed_at=datetime(2026, 12, 1, 8, 50),
            reporter_name="Mrs Fictional Office",
            categories=[Category.NEGLECT],
            what_happened="Collected late again; no adult answered the phone until 17:10.",
        )
    )
    team.sync(dsl)
    team_ops.merge_now(session)
    assert len(deputy.find(Concern, child_id=str(child.id))) == 2

    # the code worked once: the same code again is refused
    with_used = tmp_path / "again"
    try:
        team.join_team(
            with_used, folder, code, name="Ms Fictional Other", role="Deputy DSL", passphrase=PASSPHRASE, kdf=FAST_KDF
        )
    except (WrongEnrolmentCode, EnrolmentUsed):
        pass
    else:
        raise AssertionError("a used code must not let a second laptop join")

    # this copy opens with its own recovery key (and so is its own casebook)
    deputy_app.lock()
    Vault.open_with_recovery_key(deputy_dir, recovery_key, "a brand new fictional passphrase").lock()

    # on the DSL's side, the deputy now shows by name after a merge
    dialog = _settings(dsl_app)
    _click(qtbot, dialog.team_merge_button)
    assert "Mr Ben Deputy" in dialog.team_status.text()


def test_remove_a_device_from_settings_names_what_it_still_holds(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_app, tmp_path: Path
) -> None:
    dsl_dir, folder = _dsl_in_a_team(tmp_path)
    dsl_vault = Vault.open(dsl_dir, PASSPHRASE)
    code = team.invite(RecordStore(dsl_vault)).value.code
    dsl_vault.lock()
    joined = team.join_team(
        tmp_path / "deputy", folder, code, name="Mr Ben Deputy", role="Deputy DSL", passphrase=PASSPHRASE, kdf=FAST_KDF
    )
    deputy_id = joined.device_id
    joined.casebook.vault.lock()

    app = make_app(real_dir=dsl_dir).app
    app.start()
    _unlock(qtbot, app)
    dialog = _settings(app)
    _click(qtbot, dialog.team_merge_button)
    assert dialog.team_remove_button.isVisible()
    _click(qtbot, dialog.team_remove_button)
    remove = dialog.team_dialog
    assert isinstance(remove, RemoveDeviceDialog)
    assert remove.devices.count() == 1, "this laptop is not offered"
    assert not remove.remove_button.isEnabled()
    remove.devices.setCurrentRow(0)
    assert remove.chosen_device() == deputy_id
    holds = remove.holds.text()
    assert "Mr Ben Deputy" in holds and "still holds its own copy" in holds and "before now" in holds
    remove.grab().save(str(tmp_path / "team-remove.png"))
    _click(qtbot, remove.remove_button)
    assert not remove.isVisible()

    state = team.status(app.session.require_store())
    assert next(d for d in state.devices if d.device_id == deputy_id).removed
    assert "Mr Ben Deputy" not in dialog.team_status.text()
    trail = [e.detail for e in audit.events(app.session.require_store().vault.db)]
    assert any("device removed from the team" in detail for detail in trail)


def _join_in_wizard(qtbot: QtBot, wizard: SetupWizard, folder: Path, code: str) -> None:
    wizard.join_folder.setText(str(folder))
    wizard.join_code.setText(code)
    wizard.join_name.setText("Ms Cara Deputy")
    _click(qtbot, wizard.join_next)
    wizard.pass_edit.setText(DEPUTY_PASSPHRASE)
    wizard.confirm_edit.setText(DEPUTY_PASSPHRASE)
    _click(qtbot, wizard.create_button)


def test_the_wizard_says_kindly_when_a_code_is_expired_or_used_or_the_folder_is_unreachable(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_app, tmp_path: Path
) -> None:
    dsl_dir, folder = _dsl_in_a_team(tmp_path)
    dsl_vault = Vault.open(dsl_dir, PASSPHRASE)
    used = team.invite(RecordStore(dsl_vault)).value.code
    team.join_team(
        tmp_path / "first", folder, used, name="Mr Ben Deputy", role="Deputy DSL", passphrase=PASSPHRASE, kdf=FAST_KDF
    ).casebook.vault.lock()
    # last: the next invitation or merge on the DSL's laptop tidies an expired invitation file away
    expired = team.invite(RecordStore(dsl_vault), valid_for=timedelta(seconds=-1)).value.code
    dsl_vault.lock()

    deputy_dir = tmp_path / "deputy"
    app = make_app(real_dir=deputy_dir).app
    app.start()
    wizard = app.window.screen_widget
    assert isinstance(wizard, SetupWizard)
    _click(qtbot, wizard.join_button)
    for where, code, expected in (
        (folder, expired, str(EnrolmentExpired())),
        (folder, used, str(WrongEnrolmentCode())),  # its invitation file is gone once used
        (tmp_path / "Z:" / "unplugged drive", used, "There is no team casebook in"),
        (folder, "ABCD-EFGH", "An enrolment code is 6 groups of 4"),
    ):
        _join_in_wizard(qtbot, wizard, where, code)
        assert wizard.stack.currentIndex() == SetupWizard.JOIN
        assert wizard.join_error.text().startswith(expected), wizard.join_error.text()
        assert "dslapp team" not in wizard.join_error.text().split("(")[0]
    assert not (deputy_dir / "vault.keys").exists(), "a refused code creates no casebook"
    assert app.session is None
