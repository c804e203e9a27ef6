"""Record or amend a court order or restriction on the child's front sheet (``services.court_orders``)."""

from __future__ import annotations

from collections.abc import Sequence
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
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from dslapp.errors import CasebookError
from dslapp.models import CourtOrder, OrderType, Person
from ui import strings
from ui.operations import court_orders as ops
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.common import dialog_page, field_label, set_invalid, text_label

NO_ONE = "none"
UNLISTED = "unlisted"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class CourtOrderDialog(QDialog):
    """Add an order (``order`` None) or amend one (a reason is then required)."""

    saved = Signal(object)  # the CourtOrder

    def __init__(
        self,
        session: Session,
        child_id: str,
        people: Sequence[Person],
        on: date,
        order: CourtOrder | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.child_id = child_id
        self.order = order
        title = strings.ORDER_DIALOG_AMEND_TITLE if order else strings.ORDER_DIALOG_ADD_TITLE
        layout = dialog_page(self, title, subtitle=strings.ORDER_DIALOG_TEXT, min_width=640, spacing=10)
        form = QFormLayout()
        form.setSpacing(9)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.order_type = QComboBox()
        for kind in OrderType:
            self.order_type.addItem(kind.label, kind.value)
        self.other_type = QLineEdit()
        self.person = QComboBox()
        self.person.addItem(strings.ORDER_PERSON_NONE, NO_ONE)
        for person in people:
            self.person.addItem(f"{person.name} ({person.relationship})", str(person.id))
        self.person.addItem(strings.ORDER_PERSON_UNLISTED, UNLISTED)
        self.person_name = QLineEdit()
        self.forbids = QPlainTextEdit()
        self.forbids.setPlaceholderText(strings.ORDER_FORBIDS_PLACEHOLDER)
        self.forbids.setTabChangesFocus(True)
        self.forbids.setMaximumHeight(72)
        self.must_not_collect = QCheckBox(strings.ORDER_MUST_NOT_COLLECT)
        self.starts_known = QCheckBox(strings.ORDER_STARTS_KNOWN)
        self.starts_known.setChecked(True)
        self.starts = self._date_edit(on, on)
        self.until_further = QCheckBox(strings.ORDER_UNTIL_FURTHER)
        self.until_further.setChecked(True)
        self.ends = self._date_edit(on, None)
        self.source = QLineEdit()
        self.source.setPlaceholderText(strings.ORDER_SOURCE_PLACEHOLDER)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(strings.ORDER_REASON_PLACEHOLDER)

        starts_row = QHBoxLayout()
        starts_row.addWidget(self.starts)
        starts_row.addWidget(self.starts_known)
        starts_row.addStretch(1)
        ends_row = QHBoxLayout()
        ends_row.addWidget(self.ends)
        ends_row.addWidget(self.until_further)
        ends_row.addStretch(1)
        form.addRow(field_label(strings.ORDER_TYPE, self.order_type), self.order_type)
        self.other_type_label = field_label(strings.ORDER_OTHER_TYPE, self.other_type)
        form.addRow(self.other_type_label, self.other_type)
        form.addRow(field_label(strings.ORDER_PERSON, self.person), self.person)
        self.person_name_label = field_label(strings.ORDER_PERSON_NAME, self.person_name)
        form.addRow(self.person_name_label, self.person_name)
        form.addRow(field_label(strings.ORDER_FORBIDS, self.forbids), self.forbids)
        form.addRow(self.must_not_collect)
        form.addRow(field_label(strings.ORDER_STARTS, self.starts), starts_row)
        form.addRow(field_label(strings.ORDER_ENDS, self.ends), ends_row)
        form.addRow(field_label(strings.ORDER_SOURCE, self.source), self.source)
        self.reason_label = field_label(strings.ORDER_REASON, self.reason)
        form.addRow(self.reason_label, self.reason)
        layout.addLayout(form)
        self.error = text_label("", "InlineError", wrap=True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(strings.ORDER_SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("Primary")
        buttons.addButton(strings.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.order_type.currentIndexChanged.connect(self._update)
        self.person.currentIndexChanged.connect(self._update)
        self.starts_known.toggled.connect(self._update)
        self.until_further.toggled.connect(self._update)
        if order is not None:
            self._show(order)
        self.reason.setVisible(order is not None)
        self.reason_label.setVisible(order is not None)
        self._update()
        self.order_type.setFocus()

    @staticmethod
    def _date_edit(on: date, value: date | None) -> QDateEdit:
        edit = QDateEdit(_qdate(value or on))
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
        return edit

    def _show(self, order: CourtOrder) -> None:
        self.order_type.setCurrentIndex(max(0, self.order_type.findData(order.order_type.value)))
        self.other_type.setText(order.other_type)
        if order.person_id and self.person.findData(order.person_id) >= 0:
            self.person.setCurrentIndex(self.person.findData(order.person_id))
        elif order.restricts:
            self.person.setCurrentIndex(self.person.findData(UNLISTED))
            self.person_name.setText(order.restricts)
        self.forbids.setPlainText(order.forbids)
        self.must_not_collect.setChecked(order.must_not_collect)
        self.starts_known.setChecked(order.starts_on is not None)
        if order.starts_on:
            self.starts.setDate(_qdate(order.starts_on))
        self.until_further.setChecked(order.ends_on is None)
        if order.ends_on:
            self.ends.setDate(_qdate(order.ends_on))
        self.source.setText(order.source)

    def _update(self) -> None:
        other = self.order_type.currentData() == OrderType.OTHER.value
        self.other_type.setVisible(other)
        self.other_type_label.setVisible(other)
        unlisted = self.person.currentData() == UNLISTED
        self.person_name.setVisible(unlisted)
        self.person_name_label.setVisible(unlisted)
        nobody = self.person.currentData() == NO_ONE
        if nobody:
            self.must_not_collect.setChecked(False)
        self.must_not_collect.setEnabled(not nobody)
        self.starts.setEnabled(self.starts_known.isChecked())
        self.ends.setEnabled(not self.until_further.isChecked())

    def fields(self) -> dict[str, Any]:
        person = self.person.currentData()
        return {
            "order_type": self.order_type.currentData(),
            "other_type": self.other_type.text().strip() if self.order_type.currentData() == "other" else "",
            "person_id": person if person not in (NO_ONE, UNLISTED) else "",
            "restricts": self.person_name.text().strip() if person == UNLISTED else "",
            "forbids": self.forbids.toPlainText().strip(),
            "must_not_collect": self.must_not_collect.isChecked(),
            "starts_on": self.starts.date().toString("yyyy-MM-dd") if self.starts_known.isChecked() else None,
            "ends_on": None if self.until_further.isChecked() else self.ends.date().toString("yyyy-MM-dd"),
            "source": self.source.text().strip(),
        }

    def save(self) -> None:
        fields = self.fields()
        if self.person.currentData() == UNLISTED and not fields["restricts"]:
            self.error.setText(strings.ORDER_NEED_NAME)
            set_invalid(self.person_name, True)
            return
        self.save_button.setEnabled(False)
        if self.order is None:
            ops.record_court_order(self.session, self.child_id, fields, self._saved, self._failed)
            return
        reason = self.reason.text().strip()
        if not reason:
            self.save_button.setEnabled(True)
            self.error.setText(strings.ORDER_NEED_REASON)
            set_invalid(self.reason, True)
            return
        ops.amend_court_order(self.session, str(self.order.id), reason, fields, self._saved, self._failed)

    def _saved(self, saved: Saved[CourtOrder]) -> None:
        self.saved.emit(saved.value)
        self.accept()

    def _failed(self, error: CasebookError) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(str(error))
