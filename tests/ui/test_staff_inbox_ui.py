"""The DSL's inbox (issue 19): after a sync, Today shows "New concerns from staff" first with a visible alert; the
DSL opens one, matches it to the child and records a concern from it; the staff member's account is untouched.
Fictional data only."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import support

from dslapp.models import Child, Concern, StaffReport, StaffReportTriage, TriageOutcome
from dslapp.services import staff_reports
from dslapp.services.staff_mode import StaffMode, account_from
from dslapp.store import RecordStore
from dslapp.team.staff_drop import read_config
from dslapp.vault.vault import Vault
from ui import strings
from ui.dialogs.staff_report import StaffReportDialog
from ui.windows.today import ITEM_ROLE, STAFF_SECTION

SHOTS = os.environ.get("DSLAPP_SHOTS", "")


def _report(store: RecordStore, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    staff_reports.create_reporting_key(store, drop=drop)
    mode = StaffMode(staff_reports.staff_config(store), home=tmp_path / "staff")
    now = datetime.now().replace(second=0, microsecond=0)
    for child, urgent in (("Amira Fictional", True), ("Someone Unknown", False)):
        mode.submit(
            account_from(
                {
                    "reporter_name": "Mr Tom Teachingassistant",
                    "reporter_role": "Teaching assistant",
                    "child_name": child,
                    "year_group": "Year 4",
                    "observed_at": now,
                    "where": "Year 4 classroom",
                    "what_happened": "A bruise on her cheek, about 2 cm, yellowish.",
                    "child_words": "I fell off my bike.",
                    "action_taken": "Listened; came to the office.",
                    "urgent": urgent,
                }
            ),
            now=now,
        )
    assert staff_reports.take_in(store).value.taken_in == 2


def test_inbox_match_to_child_from_today(qtbot: QtBot, make_app, vault: Vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = RecordStore(vault)
    child = store.add(Child(legal_forename="Amira", legal_surname="Fictional", dob=date(2016, 5, 4)))
    _report(store, tmp_path)
    original = {str(r.id): r.model_dump(mode="json") for r in store.all_of(StaffReport)}
    vault.lock()

    app = make_app(real_dir=vault.directory).app
    app.start()
    page = app.window.screen_widget
    qtbot.keyClicks(page.passphrase, support.PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    today = app.workspace.today
    section = today.sections[STAFF_SECTION]
    assert section.isVisibleTo(today) and today.staff_alert.isVisibleTo(today)
    assert "New concerns from staff: 2" in today.staff_alert.message.text()
    first = section.list.item(0)
    assert first.data(ITEM_ROLE).title.startswith("URGENT: Amira Fictional (Year 4)")
    if SHOTS:
        today.grab().save(os.path.join(SHOTS, "staff-inbox-today.png"))

    section.list.itemClicked.emit(first)
    (dialog,) = [d for d in app.dialogs if isinstance(d, StaffReportDialog)]
    assert dialog.urgent.isVisibleTo(dialog)
    assert dialog.child.currentData() == str(child.id)  # the name as written picks the child on the caseload
    dialog.category.setCurrentIndex(dialog.category.findData("physical_abuse"))
    dialog.decision.setPlainText("Spoke to Amira with her teacher; consulted the Front Door.")
    dialog.dsl_decision.setCurrentIndex(dialog.dsl_decision.findData("consultation"))
    if SHOTS:
        dialog.grab().save(os.path.join(SHOTS, "staff-inbox-triage.png"))
    dialog.save()
    assert not dialog.isVisible()

    session_store = app.session.require_store()
    (triage,) = session_store.all_of(StaffReportTriage)
    assert triage.outcome == TriageOutcome.MATCHED and triage.child_id == child.id
    concern = session_store.get_as(Concern, triage.concern_id)
    assert concern.from_staff_report == triage.staff_report_id
    assert concern.child_words == "I fell off my bike."
    assert {str(r.id): r.model_dump(mode="json") for r in session_store.all_of(StaffReport)} == original
    assert section.list.count() == 1  # the other waits for its triage
    assert strings.TODAY_STAFF_ALERT.format(count=1) == today.staff_alert.message.text()


def test_settings_creates_the_key_and_exports_the_staff_config(
    qtbot: QtBot, make_app, vault: Vault, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from ui.dialogs.settings import SettingsDialog

    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    page = app.window.screen_widget
    qtbot.keyClicks(page.passphrase, support.PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    app.open_settings()
    dialog = next(d for d in app.dialogs if isinstance(d, SettingsDialog))
    assert dialog.staff_status.text() == strings.SETTINGS_STAFF_NONE
    drop = tmp_path / "staff-drop"
    drop.mkdir()
    dialog.staff_drop = drop
    out = tmp_path / "STAFF.json"
    dialog.export_staff_config(out)
    config = StaffMode(read_config(out), home=tmp_path / "staff").config
    assert config.drop_folder == str(drop)
    assert "Reporting key" in dialog.staff_status.text() and str(out) in dialog.staff_status.text()
    if SHOTS:
        dialog.grab().save(os.path.join(SHOTS, "staff-settings.png"))
    first = config.key_id
    dialog.export_staff_config(out, rotate=True)
    assert read_config(out).key_id != first
    assert "2 key(s) kept" in dialog.staff_status.text()
