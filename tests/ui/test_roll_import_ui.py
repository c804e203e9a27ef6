"""The school roll in the desktop app (issue 17 item 6): the import dialog driven step by step on a real vault,
and a roll pupil with no file chosen in the record-concern dialog. Fictional data only."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import tick_category

from dslapp.models import Child, Concern
from dslapp.models.roll import RollField
from dslapp.services import roll
from dslapp.services.children import add_child
from dslapp.store import RecordStore
from ui import strings, theme
from ui.dialogs.record_concern import RecordConcernDialog
from ui.dialogs.roll_import import CHOOSE, MAP, PREVIEW, REPORT, RollImportDialog
from ui.operations.runner import DbRunner
from ui.operations.session import Session

FIXTURES = Path(__file__).parent.parent / "fixtures"
SIMS = FIXTURES / "roll_sims_cp1252.csv"
SHOTS = os.environ.get("DSLAPP_SHOTS", "")


@pytest.fixture
def session(qtbot: QtBot, store: RecordStore) -> Iterator[Session]:
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    theme.apply(qapp)
    runner = DbRunner(synchronous=True)
    runner.raise_unexpected = True
    opened = Session(runner, store.vault.directory)
    opened.attach(store, store.vault.school)
    yield opened
    opened.detach()


def _children(store: RecordStore) -> Child:
    amira = add_child(
        store,
        legal_forename="Amira",
        legal_surname="Casebookchild",
        dob=date(2017, 2, 3),
        upn="A100000000007",
        gender="F",
        year_group="Year 3",
        address="7 Old Lane, Fictionton",
    ).value
    add_child(store, legal_forename="Freya", legal_surname="Namematch", dob=date(2018, 9, 9), gender="F")
    return amira


def _shot(widget: RollImportDialog, name: str) -> None:
    QApplication.processEvents()
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_import_dialog_maps_previews_and_reports(qtbot: QtBot, session: Session, store: RecordStore) -> None:
    amira = _children(store)
    dialog = RollImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.next_button.isEnabled()  # no file yet
    _shot(dialog, "roll-choose")

    dialog.open_file(SIMS)
    assert dialog.step == MAP
    assert dialog.file_label.text().startswith("roll_sims_cp1252.csv: 8 rows, 11 columns (read as Windows-1252)")
    assert dialog.column_combos[RollField.LEGAL_FORENAME].currentText() == "Legal Forename"
    assert dialog.column_combos[RollField.DOB].currentText() == "DOB"
    assert dialog.examples[RollField.LEGAL_FORENAME].text() == "e.g. Zoë"
    _shot(dialog, "roll-map")

    # the required columns are checked before anything is read
    dob = dialog.column_combos[RollField.DOB]
    dob.setCurrentIndex(0)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.step == MAP and dialog.error.text() == strings.ROLL_NEED_COLUMNS
    dob.setCurrentIndex(dob.findText("DOB"))

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.step == PREVIEW, dialog.error.text()
    assert dialog.counts.text() == "4 pupils read · 2 without a file · 2 to update · 4 rows skipped"
    assert dialog.next_button.text() == strings.ROLL_IMPORT
    table = dialog.table
    rows = {table.item(r, 1).text(): r for r in range(table.rowCount())}
    assert table.item(rows["Amira Casebookchild"], 0).checkState() == Qt.CheckState.Checked
    assert table.item(rows["Amira Casebookchild"], 5).text() == "Update (UPN): year group, address"
    assert table.item(rows["Freya Namematch"], 5).text() == "Update (name and date of birth): year group"
    assert table.item(rows["Zo Testpupil"], 0).checkState() == Qt.CheckState.Unchecked
    assert "no date of birth" in table.item(rows["Riley Nodob"], 5).text()
    dialog.set_ticked("Zo Testpupil")
    assert table.item(rows["Zo Testpupil"], 5).text() == strings.ROLL_NEW
    dialog.set_ticked("Freya Namematch", False)  # the DSL keeps this one as it is
    _shot(dialog, "roll-preview")
    assert store.count(Child.KIND) == 2  # nothing written before Import

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.step == REPORT, dialog.error.text()
    assert dialog.close_button.text() == strings.ROLL_CLOSE and not dialog.next_button.isVisible()
    text = dialog.report_text.toPlainText()
    assert "Added as children with a file: 1\n    Zo Testpupil" in text
    assert (
        "Updated from the roll (each an amendment with its reason): 1\n    Amira Casebookchild: address, year group"
        in (text)
    )
    assert "Rows skipped: 4" in text and "Riley Nodob: no date of birth" in text
    _shot(dialog, "roll-report")

    names = sorted(c.legal_forename for c in store.all_of(Child))
    assert names == ["Amira", "Freya", "Zoë"]
    assert store.get_as(Child, amira.id).year_group == "Year 4"
    freya = next(c for c in store.all_of(Child) if c.legal_forename == "Freya")
    assert freya.year_group == "" and freya.version == 1  # unticked: not updated
    assert roll.saved_mapping(store)[RollField.DOB] == "DOB"


def test_a_roll_pupil_without_a_file_can_be_chosen_when_recording_a_concern(
    qtbot: QtBot, session: Session, store: RecordStore
) -> None:
    _children(store)
    table = roll.read_roll_file(SIMS)
    roll.import_roll(store, table, roll.guess_mapping(table.headers))
    dialog = RecordConcernDialog(session, now=lambda: datetime.now().replace(microsecond=0))
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.child_combo
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert "Oliver Examplechild (20/11/2015, Year 6) · school roll" in labels
    assert not any("Amira" in label and "school roll" in label for label in labels)  # has a file: listed once
    assert not dialog.roll_hint.isVisible()

    # type-ahead: the completer offers roll pupils as well as children
    completer = combo.completer()
    assert completer is not None
    completer.setCompletionPrefix("Exampl")
    offered = [completer.completionModel().index(i, 0).data() for i in range(completer.completionModel().rowCount())]
    assert offered == ["Oliver Examplechild (20/11/2015, Year 6) · school roll"]

    combo.setCurrentIndex(combo.findText(offered[0]))
    assert dialog.child_id() is None and dialog.roll_pupil_key() == "upn:A100000000002"
    assert dialog.roll_hint.isVisible()
    if SHOTS:
        dialog.resize(1080, 900)
        QApplication.processEvents()
        dialog.grab().save(str(Path(SHOTS) / "roll-concern-picker.png"))
    tick_category(dialog, "Neglect")
    dialog.facts.setPlainText("Arrived without a coat in the rain; said there was no breakfast at home.")
    before = store.count(Child.KIND)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == ""
    oliver = next(c for c in store.all_of(Child) if c.legal_forename == "Oliver")
    assert store.count(Child.KIND) == before + 1
    assert oliver.upn == "A100000000002" and oliver.dob == date(2015, 11, 20) and oliver.year_group == "Year 6"
    concerns = store.for_child(oliver.id, Concern)
    assert len(concerns) == 1 and concerns[0].what_happened.startswith("Arrived without a coat")
    audit = store.db.execute("SELECT detail FROM audit WHERE object = ?", (str(oliver.id),)).fetchall()
    assert ("child added from the school roll",) in [tuple(r) for r in audit]
    assert [p.legal_forename for p in roll.pupils_without_a_file(store)] == ["Zoë"]


def test_a_file_that_is_not_a_roll_is_named_kindly(qtbot: QtBot, session: Session, tmp_path: Path) -> None:
    bad = tmp_path / "photo.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    dialog = RollImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.open_file(bad)
    assert dialog.step == CHOOSE and "binary data" in dialog.error.text()
    assert not dialog.next_button.isEnabled()
    dialog.open_file(SIMS)  # choosing the right file next goes straight on to the columns
    assert dialog.step == MAP and dialog.error.text() == ""


def test_an_open_concern_dialog_offers_a_roll_imported_while_it_was_open(
    qtbot: QtBot, session: Session, store: RecordStore
) -> None:
    dialog = RecordConcernDialog(session, now=lambda: datetime.now().replace(microsecond=0))
    qtbot.addWidget(dialog)
    assert dialog.child_combo.count() == 0
    importing = RollImportDialog(session)
    qtbot.addWidget(importing)
    importing.open_file(SIMS)
    importing.next()
    importing.next()
    assert importing.step == REPORT
    labels = [dialog.child_combo.itemText(i) for i in range(dialog.child_combo.count())]
    assert len(labels) == 4 and all(label.endswith("· school roll") for label in labels)
