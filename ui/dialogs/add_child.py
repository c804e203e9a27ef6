"""Add a child: the minimum to start a CP file (names, date of birth, year group), the rest optional."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from dslapp.errors import CasebookError
from dslapp.models import Child
from dslapp.models.child import DESIGNATION_LABELS, STATUS_LABELS, ChildStatus
from ui import strings
from ui.operations import casework
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.common import dialog_page, field_label, set_invalid, text_label


class AddChildDialog(QDialog):
    added = Signal(object)  # the Child

    def __init__(self, session: Session, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = dialog_page(self, strings.ADD_CHILD_TITLE, subtitle=strings.ADD_CHILD_TEXT, min_width=620, spacing=10)
        form = QFormLayout()
        form.setSpacing(9)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.forename = QLineEdit()
        self.surname = QLineEdit()
        self.known_as = QLineEdit()
        self.dob = QDateEdit(QDate(today.year - 8, today.month, 1))
        self.dob.setDisplayFormat("dd/MM/yyyy")
        self.dob.setCalendarPopup(True)
        self.dob.setMaximumDate(QDate(today.year, today.month, today.day))
        self.gender = QLineEdit()
        self.year_group = QComboBox()
        self.year_group.setEditable(True)
        self.year_group.addItems(list(strings.YEAR_GROUPS))
        self.year_group.setCurrentText("")
        self.upn = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setMaximumHeight(64)
        self.status = QComboBox()
        for status in (ChildStatus.UNIVERSAL, ChildStatus.EARLY_HELP, ChildStatus.CIN, ChildStatus.CP, ChildStatus.CLA):
            self.status.addItem(STATUS_LABELS[status], status.value)
        for label, widget in (
            (strings.ADD_CHILD_FORENAME, self.forename),
            (strings.ADD_CHILD_SURNAME, self.surname),
            (strings.CHILD_KNOWN_AS, self.known_as),
            (strings.CHILD_DOB, self.dob),
            (strings.ADD_CHILD_GENDER, self.gender),
            (strings.CHILD_YEAR, self.year_group),
            (strings.CHILD_UPN, self.upn),
            (strings.ADD_CHILD_ADDRESS, self.address),
            (strings.CHILD_STATUS, self.status),
        ):
            form.addRow(field_label(label, widget), widget)
        designations = QGridLayout()
        designations.setHorizontalSpacing(14)
        self.designations: dict[str, QCheckBox] = {}
        for number, (designation, label) in enumerate(DESIGNATION_LABELS.items()):
            box = QCheckBox(label)
            self.designations[designation.value] = box
            designations.addWidget(box, number // 3, number % 3)
        form.addRow(field_label(strings.CHILD_DESIGNATIONS), designations)
        layout.addLayout(form)
        self.error = text_label("", "InlineError", wrap=True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(strings.ADD_CHILD_SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("Primary")
        buttons.addButton(strings.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.forename.setFocus()

    def fields(self) -> dict[str, Any]:
        return {
            "legal_forename": self.forename.text().strip(),
            "legal_surname": self.surname.text().strip(),
            "known_as": self.known_as.text().strip(),
            "dob": self.dob.date().toString("yyyy-MM-dd"),
            "gender": self.gender.text().strip(),
            "year_group": self.year_group.currentText().strip(),
            "upn": self.upn.text().strip(),
            "address": self.address.toPlainText().strip(),
            "school": self.session.school,
            "status": self.status.currentData(),
            "designations": [key for key, box in self.designations.items() if box.isChecked()],
        }

    def save(self) -> None:
        fields = self.fields()
        if not fields["legal_forename"] or not fields["legal_surname"]:
            self.error.setText(strings.ADD_CHILD_NEED_NAMES)
            set_invalid(self.forename if not fields["legal_forename"] else self.surname, True)
            return
        self.save_button.setEnabled(False)
        casework.add_child(self.session, fields, self._added, self._failed)

    def _added(self, saved: Saved[Child]) -> None:
        child = saved.value
        self.added.emit(child)
        self.accept()

    def _failed(self, error: CasebookError) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(str(error))
