"""Record or amend a statutory plan or status on the child's front sheet (``services.statutory``)."""

from __future__ import annotations

from datetime import date, datetime
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
    QScrollArea,
    QWidget,
)

from dslapp.errors import CasebookError
from dslapp.models import CpCategory, StatutoryRecord, StatutoryType
from ui import strings
from ui.operations import family as ops
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.common import dialog_page, field_label, set_invalid, text_label

LOOKED_AFTER = (StatutoryType.LOOKED_AFTER.value, StatutoryType.PREVIOUSLY_LOOKED_AFTER.value)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    return edit


def dates_text(days: list[date]) -> str:
    return ", ".join(d.strftime("%d/%m/%Y") for d in days)


def parse_dates(text: str) -> tuple[list[date], str]:
    """The dates in ``text`` (dd/mm/yyyy, separated by commas or spaces), and the first part that is not one."""
    out = []
    for part in text.replace(";", ",").replace(" ", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            out.append(datetime.strptime(part, "%d/%m/%Y").date())
        except ValueError:
            return [], part
    return out, ""


class StatutoryDialog(QDialog):
    """Add a statutory record (``record`` None) or amend one (a reason is then required)."""

    saved = Signal(object)  # the StatutoryRecord

    def __init__(
        self,
        session: Session,
        child_id: str,
        on: date,
        record: StatutoryRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.child_id = child_id
        self.record = record
        title = strings.STATUTORY_DIALOG_AMEND_TITLE if record else strings.STATUTORY_DIALOG_ADD_TITLE
        self.resize(720, 760)
        outer = dialog_page(self, title, subtitle=strings.STATUTORY_DIALOG_TEXT, min_width=680, spacing=10)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        holder = QWidget()
        form = QFormLayout(holder)
        form.setSpacing(9)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        scroll.setWidget(holder)

        self.status_type = QComboBox()
        for kind in StatutoryType:
            self.status_type.addItem(kind.label, kind.value)
        self.started = _date_edit(on)
        self.has_ended = QCheckBox(strings.STATUTORY_HAS_ENDED)
        self.ended = _date_edit(on)
        self.end_reason = QLineEdit()
        self.local_authority = QLineEdit()
        self.social_worker = QLineEdit()
        self.social_worker_contact = QLineEdit()
        self.category = QComboBox()
        self.category.addItem(strings.STATUTORY_CATEGORY_NONE, "")
        for category in CpCategory:
            self.category.addItem(category.label, category.value)
        self.conferences = QLineEdit()
        self.core_groups = QLineEdit()
        self.peps = QLineEdit()
        for edit in (self.conferences, self.core_groups, self.peps):
            edit.setPlaceholderText(strings.STATUTORY_DATES_PLACEHOLDER)
        self.legal_basis = QLineEdit()
        self.legal_basis.setPlaceholderText(strings.STATUTORY_LEGAL_BASIS_PLACEHOLDER)
        self.placing_authority = QLineEdit()
        self.virtual_school = QLineEdit()
        self.designated_teacher = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(64)
        ended_row = QHBoxLayout()
        ended_row.setContentsMargins(0, 0, 0, 0)
        ended_row.addWidget(self.has_ended)
        ended_row.addWidget(self.ended)
        ended_row.addStretch(1)

        self.form = form
        self.rows: dict[str, QWidget] = {}

        def add(key: str, label: str, widget: QWidget | QHBoxLayout) -> None:
            if isinstance(widget, QHBoxLayout):
                form.addRow(field_label(label, self.has_ended), widget)
                return
            form.addRow(field_label(label, widget), widget)
            self.rows[key] = widget

        add("type", strings.STATUTORY_TYPE, self.status_type)
        add("started", strings.STATUTORY_STARTED, self.started)
        add("ended", strings.STATUTORY_ENDED_ON, ended_row)
        add("end_reason", strings.STATUTORY_END_REASON, self.end_reason)
        add("local_authority", strings.STATUTORY_LOCAL_AUTHORITY, self.local_authority)
        add("social_worker", strings.STATUTORY_SOCIAL_WORKER, self.social_worker)
        add("social_worker_contact", strings.STATUTORY_SOCIAL_WORKER_CONTACT, self.social_worker_contact)
        add("category", strings.STATUTORY_CATEGORY, self.category)
        add("conferences", strings.STATUTORY_CONFERENCES, self.conferences)
        add("core_groups", strings.STATUTORY_CORE_GROUPS, self.core_groups)
        add("legal_basis", strings.STATUTORY_LEGAL_BASIS, self.legal_basis)
        add("placing_authority", strings.STATUTORY_PLACING_AUTHORITY, self.placing_authority)
        add("virtual_school", strings.STATUTORY_VIRTUAL_SCHOOL, self.virtual_school)
        add("designated_teacher", strings.STATUTORY_DESIGNATED_TEACHER, self.designated_teacher)
        add("peps", strings.STATUTORY_PEPS, self.peps)
        add("notes", strings.STATUTORY_NOTES, self.notes)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(strings.STATUTORY_REASON_PLACEHOLDER)
        if record is not None:
            add("reason", strings.STATUTORY_REASON, self.reason)
        outer.addWidget(scroll, 1)
        self.error = text_label("", "InlineError", wrap=True)
        outer.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(strings.STATUTORY_SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("Primary")
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        if record is not None:
            self._show(record)
        self.status_type.currentIndexChanged.connect(self._update)
        self.has_ended.toggled.connect(self._update)
        self._update()

    def _show(self, record: StatutoryRecord) -> None:
        self.status_type.setCurrentIndex(max(0, self.status_type.findData(record.status_type.value)))
        self.started.setDate(_qdate(record.started_on))
        self.has_ended.setChecked(record.ended_on is not None)
        if record.ended_on:
            self.ended.setDate(_qdate(record.ended_on))
        self.end_reason.setText(record.end_reason)
        self.local_authority.setText(record.local_authority)
        self.social_worker.setText(record.social_worker)
        self.social_worker_contact.setText(record.social_worker_contact)
        if record.cp_category is not None:
            self.category.setCurrentIndex(max(0, self.category.findData(record.cp_category.value)))
        self.conferences.setText(dates_text(record.review_conferences))
        self.core_groups.setText(dates_text(record.core_groups))
        self.peps.setText(dates_text(record.pep_dates))
        self.legal_basis.setText(record.legal_basis)
        self.placing_authority.setText(record.placing_authority)
        self.virtual_school.setText(record.virtual_school)
        self.designated_teacher.setText(record.designated_teacher)
        self.notes.setPlainText(record.notes)

    def _update(self) -> None:
        kind = self.status_type.currentData()
        cp = kind == StatutoryType.CP_PLAN.value
        looked_after = kind in LOOKED_AFTER
        shown = {
            "category": cp,
            "core_groups": cp,
            "legal_basis": looked_after,
            "placing_authority": looked_after,
            "virtual_school": looked_after,
            "designated_teacher": looked_after,
            "peps": looked_after,
            "end_reason": self.has_ended.isChecked(),
        }
        for key, visible in shown.items():
            self.form.setRowVisible(self.rows[key], visible)
        self.ended.setEnabled(self.has_ended.isChecked())

    def fields(self) -> dict[str, Any] | None:
        """The form's values, or None (with the error shown) when a list of dates cannot be read."""
        lists: dict[str, list[date]] = {}
        for key, edit, label in (
            ("review_conferences", self.conferences, strings.STATUTORY_CONFERENCES),
            ("core_groups", self.core_groups, strings.STATUTORY_CORE_GROUPS),
            ("pep_dates", self.peps, strings.STATUTORY_PEPS),
        ):
            days, bad = parse_dates(edit.text())
            set_invalid(edit, bool(bad))
            if bad:
                self.error.setText(strings.STATUTORY_BAD_DATES.format(field=label, value=bad))
                return None
            lists[key] = days
        kind = self.status_type.currentData()
        cp = kind == StatutoryType.CP_PLAN.value
        looked_after = kind in LOOKED_AFTER
        ended = self.has_ended.isChecked()
        return {
            "status_type": kind,
            "started_on": self.started.date().toString("yyyy-MM-dd"),
            "ended_on": self.ended.date().toString("yyyy-MM-dd") if ended else None,
            "end_reason": self.end_reason.text().strip() if ended else "",
            "local_authority": self.local_authority.text().strip(),
            "social_worker": self.social_worker.text().strip(),
            "social_worker_contact": self.social_worker_contact.text().strip(),
            "cp_category": (self.category.currentData() or None) if cp else None,
            "review_conferences": [d.isoformat() for d in lists["review_conferences"]],
            "core_groups": [d.isoformat() for d in lists["core_groups"]] if cp else [],
            "legal_basis": self.legal_basis.text().strip() if looked_after else "",
            "placing_authority": self.placing_authority.text().strip() if looked_after else "",
            "virtual_school": self.virtual_school.text().strip() if looked_after else "",
            "designated_teacher": self.designated_teacher.text().strip() if looked_after else "",
            "pep_dates": [d.isoformat() for d in lists["pep_dates"]] if looked_after else [],
            "notes": self.notes.toPlainText().strip(),
        }

    def save(self) -> None:
        fields = self.fields()
        if fields is None:
            return
        self.error.setText("")
        if self.record is None:
            self.save_button.setEnabled(False)
            ops.record_statutory(self.session, self.child_id, fields, self._saved, self._failed)
            return
        reason = self.reason.text().strip()
        if not reason:
            self.error.setText(strings.STATUTORY_NEED_REASON)
            set_invalid(self.reason, True)
            return
        self.save_button.setEnabled(False)
        ops.amend_statutory(self.session, str(self.record.id), reason, fields, self._saved, self._failed)

    def _saved(self, saved: Saved[StatutoryRecord]) -> None:
        self.saved.emit(saved.value)
        self.accept()

    def _failed(self, error: CasebookError) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(str(error))
