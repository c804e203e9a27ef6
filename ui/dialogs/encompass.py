"""Operation Encompass: one quick entry for a police notification naming one or more children of the school
(``services.encompass``). Each child named gets it in their chronology and on Today that day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dslapp.errors import CasebookError
from dslapp.models import EncompassNotice
from dslapp.services.children import ChildSummary
from ui import strings
from ui.formatting import dmy
from ui.operations import family as ops
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.common import dialog_page, field_label, set_invalid, text_label


def _qdatetime(moment: datetime) -> QDateTime:
    return QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute))


def _moment(edit: QDateTimeEdit) -> datetime:
    value = edit.dateTime()
    day, clock = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), clock.hour(), clock.minute())


class EncompassDialog(QDialog):
    """Tick the children the notification names, then the incident, what the police said, who was told and
    the support given. ``children`` is the caseload; ``chosen`` ticks one at the start (e.g. the child open)."""

    saved = Signal(object)  # the list of EncompassNotice

    def __init__(
        self,
        session: Session,
        children: Sequence[ChildSummary],
        now: datetime,
        chosen: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.resize(760, 700)
        layout = dialog_page(self, strings.ENCOMPASS_TITLE, subtitle=strings.ENCOMPASS_TEXT, min_width=720, spacing=10)
        form = QFormLayout()
        form.setSpacing(9)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(strings.ENCOMPASS_FILTER)
        self.filter.textChanged.connect(self._filter)
        self.child_list = QListWidget()
        self.child_list.setMinimumHeight(150)
        self.child_list.setMaximumHeight(220)
        self.child_list.setSpacing(3)
        for child in children:
            item = QListWidgetItem(f"{child.display_name}  ({dmy(child.dob)}, {child.year_group or '—'})")
            item.setData(Qt.ItemDataRole.UserRole, child.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if child.id == chosen else Qt.CheckState.Unchecked)
            self.child_list.addItem(item)
        self.child_list.itemChanged.connect(lambda _item: self._update())
        picker = QVBoxLayout()
        picker.setSpacing(4)
        picker.addWidget(self.filter)
        picker.addWidget(self.child_list)
        holder = QWidget()
        holder.setLayout(picker)
        picker.setContentsMargins(0, 0, 0, 0)
        self.incident = QDateTimeEdit(_qdatetime(now.replace(hour=0, minute=0)).addSecs(-2 * 3600))
        self.received = QDateTimeEdit(_qdatetime(now))
        for edit in (self.incident, self.received):
            edit.setDisplayFormat("dd/MM/yyyy HH:mm")
            edit.setCalendarPopup(True)
        self.reference = QLineEdit()
        self.notification = QPlainTextEdit()
        self.notification.setPlaceholderText(strings.ENCOMPASS_NOTIFICATION_PLACEHOLDER)
        self.notification.setFixedHeight(96)
        self.told = QLineEdit()
        self.told.setPlaceholderText(strings.ENCOMPASS_TOLD_PLACEHOLDER)
        self.support = QPlainTextEdit()
        self.support.setPlaceholderText(strings.ENCOMPASS_SUPPORT_PLACEHOLDER)
        self.support.setFixedHeight(64)
        form.addRow(field_label(strings.ENCOMPASS_CHILDREN, self.child_list), holder)
        form.addRow(field_label(strings.ENCOMPASS_INCIDENT, self.incident), self.incident)
        form.addRow(field_label(strings.ENCOMPASS_RECEIVED, self.received), self.received)
        form.addRow(field_label(strings.ENCOMPASS_REFERENCE, self.reference), self.reference)
        form.addRow(field_label(strings.ENCOMPASS_NOTIFICATION, self.notification), self.notification)
        form.addRow(field_label(strings.ENCOMPASS_TOLD, self.told), self.told)
        form.addRow(field_label(strings.ENCOMPASS_SUPPORT, self.support), self.support)
        layout.addLayout(form)
        layout.addStretch(1)
        self.error = text_label("", "InlineError", wrap=True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(strings.ENCOMPASS_SAVE_NONE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("Primary")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update()

    def chosen_ids(self) -> list[str]:
        out = []
        for row in range(self.child_list.count()):
            item = self.child_list.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_chosen(self, child_ids: Sequence[str]) -> None:
        for row in range(self.child_list.count()):
            item = self.child_list.item(row)
            if item is not None:
                wanted = str(item.data(Qt.ItemDataRole.UserRole)) in child_ids
                item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.child_list.count()):
            item = self.child_list.item(row)
            if item is not None:
                shown = all(w in item.text().casefold() for w in words) or item.checkState() == Qt.CheckState.Checked
                item.setHidden(not shown)

    def _update(self) -> None:
        count = len(self.chosen_ids())
        if count:
            set_invalid(self.child_list, False)
            if self.error.text() == strings.ENCOMPASS_NEED_CHILD:
                self.error.setText("")
        self.save_button.setText(strings.ENCOMPASS_SAVE.format(count=count) if count else strings.ENCOMPASS_SAVE_NONE)

    def save(self) -> None:
        child_ids = self.chosen_ids()
        text = self.notification.toPlainText().strip()
        set_invalid(self.child_list, not child_ids)
        set_invalid(self.notification, not text)
        if not child_ids:
            self.error.setText(strings.ENCOMPASS_NEED_CHILD)
            return
        if not text:
            self.error.setText(strings.ENCOMPASS_NEED_TEXT)
            return
        self.error.setText("")
        self.save_button.setEnabled(False)
        texts = {
            "notification": text,
            "told_in_school": self.told.text().strip(),
            "support_given": self.support.toPlainText().strip(),
            "police_reference": self.reference.text().strip(),
        }
        ops.record_encompass(
            self.session, child_ids, _moment(self.incident), _moment(self.received), texts, self._saved, self._failed
        )

    def _saved(self, saved: Saved[list[EncompassNotice]]) -> None:
        self.saved.emit(saved.value)
        self.accept()

    def _failed(self, error: CasebookError) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(str(error))
