"""Staff mode driven from start to submit (issue 19): a member of staff types a concern, picks the child from
the roll, sends it; the window shows the receipt code and, once the team has taken it in, "received by the
safeguarding team at HH:MM". With the drop folder away it says plainly the concern has not been delivered."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from support import FAST_KDF, PASSPHRASE

from dslapp.models import StaffReport
from dslapp.services import staff_reports
from dslapp.services.staff_mode import StaffMode
from dslapp.services.today import today
from dslapp.store import RecordStore
from dslapp.team.staff_drop import RollEntry, TeamContact
from dslapp.vault.vault import Vault
from ui import strings, theme
from ui.windows.staff_report import StaffReportWindow

MARKER = "Qwobblemarker"


def _plain_on_disk(folder: Path, *texts: str) -> list[str]:
    """Files under ``folder`` holding any of ``texts`` in clear (tests/core/test_canary.py does the full scan)."""
    return [
        f"{text} in {path}"
        for path in folder.rglob("*")
        if path.is_file()
        for text in texts
        if text.encode() in path.read_bytes()
    ]


def _casebook(tmp_path: Path, drop: Path) -> tuple[RecordStore, StaffMode]:
    vault, _ = Vault.create(
        tmp_path / "dsl", "Ms Ada Lead", "DSL", PASSPHRASE, school="Fictional Academy", kdf=FAST_KDF
    )
    store = RecordStore(vault)
    drop.mkdir(parents=True, exist_ok=True)
    staff_reports.create_reporting_key(store, drop=drop)
    config = staff_reports.staff_config(
        store,
        contacts=[TeamContact(name="Ms Ada Lead", role="DSL", phone="01632 960000", where="Office by the hall")],
        roll=[
            RollEntry(name="Tilly Fictionalname", year_group="Year 5"),
            RollEntry(name="Rory Example", year_group="3"),
        ],
    )
    return store, StaffMode(config, home=tmp_path / "staff-computer")


def _fill(qtbot: QtBot, window: StaffReportWindow) -> None:
    qtbot.keyClicks(window.reporter_name, "Mr Tom Teachingassistant")
    qtbot.keyClicks(window.reporter_role, "Teaching assistant")
    qtbot.keyClicks(window.child_name, "Tilly")
    completer = window.child_name.completer()
    assert completer is not None
    completer.activated.emit("Tilly Fictionalname (Year 5)")  # what choosing from the drop-down does
    qtbot.keyClicks(window.where, "Year 5 classroom")
    qtbot.keyClicks(window.what, f"A bruise on her left forearm. {MARKER}")
    qtbot.keyClicks(window.words, "Mum's friend grabbed me.")
    qtbot.keyClicks(window.did, "Listened and came straight to the office.")
    window.urgent.setChecked(True)


def test_staff_mode_from_start_to_submit_and_acknowledgement(qtbot: QtBot, tmp_path: Path) -> None:
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    theme.apply(qapp)
    store, mode = _casebook(tmp_path, tmp_path / "drop")
    window = StaffReportWindow(mode, now=lambda: datetime(2026, 12, 3, 10, 20))
    qtbot.addWidget(window)
    window.show()
    assert strings.STAFF_DANGER in window.danger.message.text()
    assert "Ms Ada Lead (DSL, 01632 960000" in window.danger.message.text()

    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)  # nothing typed yet
    assert window.problem.isVisible() and "your name" in window.problem.text()

    _fill(qtbot, window)
    assert window.year_group.text() == "Year 5"
    assert window.child_name.text() == "Tilly Fictionalname"
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    assert not window.problem.isVisible()
    code = window.last_receipt
    assert code in window.outcome.message.text() and "Sent to the safeguarding team" in window.outcome.message.text()
    assert window.what.toPlainText() == ""  # the draft is gone
    assert _plain_on_disk(tmp_path / "staff-computer", MARKER, "Tilly Fictionalname") == []

    staff_reports.take_in(store)
    (report,) = store.all_of(StaffReport)
    assert MARKER in report.account.what_happened and report.account.urgent
    assert report.account.year_group == "Year 5"
    window.check_outbox()  # what the timer does
    line = window.receipts.item(0).text()
    assert line.startswith(code) and "received by the safeguarding team at" in line
    assert today(store, date(2026, 12, 3))["staff_concerns"][0].title.startswith("URGENT: Tilly Fictionalname")


def test_staff_mode_says_plainly_when_not_delivered(qtbot: QtBot, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    store, mode = _casebook(tmp_path, drop)
    shutil.rmtree(drop)
    window = StaffReportWindow(mode)
    qtbot.addWidget(window)
    _fill(qtbot, window)
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    text = window.outcome.message.text()
    assert "Not yet delivered" in text and "tell the DSL in person" in text
    assert window.waiting.isVisibleTo(window)
    drop.mkdir()
    window.check_outbox()
    assert not window.waiting.isVisibleTo(window)
    assert staff_reports.take_in(store).value.taken_in == 1
