"""Add a manual chronology entry, or re-word a row (an amendment with a reason when it is already an entry)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dslapp.errors import CasebookError
from dslapp.guidance.chronology_quality import check_entry
from dslapp.models import Category, ChronologyEntry, Impact, Record
from dslapp.models.chronology import approximate_date
from dslapp.services.chronology import ChronologyRow
from ui import strings, theme
from ui.models.chronology import IMPACT_MARK, hints_html
from ui.operations import chronology as ops
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.common import field_label, set_invalid, text_label


class EntryDialog(QDialog):
    """Add a manual entry, or re-word a row (an amendment with a reason when the row is already an entry)."""

    saved = Signal(object)

    def __init__(
        self,
        session: Session,
        child_id: str,
        row: ChronologyRow | None,
        entry: ChronologyEntry | None,
        on: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.child_id = child_id
        self.row = row
        self.entry = entry
        self.mode = "add" if row is None else ("amend" if entry is not None else "curate")
        title = {
            "add": strings.CHRONO_ADD_TITLE,
            "amend": strings.CHRONO_EDIT_TITLE,
            "curate": strings.CHRONO_EDIT_TITLE,
        }
        self.setWindowTitle(title[self.mode])
        self.resize(760, 820)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 16)
        outer.setSpacing(8)
        outer.addWidget(text_label(title[self.mode], "PageTitle"))
        note = {
            "add": strings.CHRONO_ADD_NOTE,
            "amend": strings.CHRONO_AMEND_NOTE,
            "curate": strings.CHRONO_CURATE_NOTE,
        }[self.mode]
        outer.addWidget(text_label(note, "Hint", wrap=True))

        form = QWidget()
        layout = QVBoxLayout(form)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(5)
        self.exact = QRadioButton(strings.CHRONO_EXACT_DATE)
        self.approximate = QRadioButton(strings.CHRONO_APPROXIMATE)
        group = QButtonGroup(self)
        group.addButton(self.exact)
        group.addButton(self.approximate)
        self.on_date = QDateEdit()
        self.on_date.setDisplayFormat("dd/MM/yyyy")
        self.on_date.setCalendarPopup(True)
        self.on_date.setAccessibleName(strings.CHRONO_EXACT_DATE)
        self.on_date.setDate(QDate(on.year, on.month, on.day))
        self.period = QLineEdit()
        self.period.setPlaceholderText(strings.CHRONO_PERIOD_HINT)
        self.period.setAccessibleName(strings.CHRONO_APPROXIMATE)
        when = QHBoxLayout()
        when.addWidget(self.exact)
        when.addWidget(self.on_date)
        when.addSpacing(16)
        when.addWidget(self.approximate)
        when.addWidget(self.period, 1)
        layout.addWidget(field_label(strings.CHRONO_WHEN))
        layout.addLayout(when)
        self.event_box = _box(strings.CHRONO_EVENT, 96, 150)
        self.source = QLineEdit()
        self.source.setPlaceholderText(strings.CHRONO_SOURCE_HINT)
        self.category = QComboBox()
        self.category.addItem(strings.CHRONO_NO_CATEGORY, None)
        for category in Category:
            self.category.addItem(category.label, category.value)
        self.impact = _box(strings.CHRONO_IMPACT, 60, 100)
        self.impact.setPlaceholderText(strings.CHRONO_IMPACT_HINT)
        self.impact_kind = QComboBox()
        for kind in Impact:
            self.impact_kind.addItem(f"{IMPACT_MARK[kind]}  {strings.CHRONO_IMPACT_LABELS[kind.value]}", kind.value)
        self.action = _box(strings.CHRONO_ACTION, 72, 130)
        self.recorded_by = QLineEdit(session.user_name)
        self.significant_box = QCheckBox(strings.CHRONO_SIGNIFICANT)
        self.significant_box.setChecked(True)
        for label, widget in (
            (strings.CHRONO_EVENT, self.event_box),
            (strings.CHRONO_SOURCE_LABEL, self.source),
            (strings.CHRONO_CATEGORY, self.category),
            (strings.CHRONO_IMPACT, self.impact),
            (strings.CHRONO_IMPACT_KIND, self.impact_kind),
            (strings.CHRONO_ACTION, self.action),
            (strings.CHRONO_RECORDED_BY, self.recorded_by),
        ):
            layout.addWidget(field_label(label, widget))
            layout.addWidget(widget)
        layout.addWidget(self.significant_box)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form)
        outer.addWidget(scroll, 1)
        self.hints = QLabel()
        self.hints.setWordWrap(True)
        self.hints.setTextFormat(Qt.TextFormat.RichText)
        self.hints.setAccessibleName(strings.CHRONO_HINTS_TITLE)
        c = theme.colours()
        self.hints.setStyleSheet(f"background: {c.warning_soft}; padding: 6px 10px; border-radius: 6px;")
        outer.addWidget(self.hints)

        self.reason = _box(strings.AMEND_REASON, 52, 80)
        self.reason.setPlaceholderText(strings.AMEND_REASON_HINT)
        if self.mode == "amend":
            outer.addWidget(field_label(strings.AMEND_REASON, self.reason))
            outer.addWidget(self.reason)
        else:
            self.reason.hide()
        footer = QHBoxLayout()
        self.error = text_label("", "InlineError", wrap=True)
        footer.addWidget(self.error, 1)
        cancel = QPushButton(strings.CANCEL)
        cancel.clicked.connect(self.reject)
        self.save_button = QPushButton(theme.icon("check", theme.colours().accent_text), strings.SAVE)
        self.save_button.setObjectName("Primary")
        self.save_button.clicked.connect(self.save)
        footer.addWidget(cancel)
        footer.addWidget(self.save_button)
        outer.addLayout(footer)

        self._fill()
        self.exact.toggled.connect(self._date_mode)
        self._date_mode()
        for box in (self.event_box, self.impact, self.action):
            box.textChanged.connect(self._update_hints)
        self.source.textChanged.connect(self._update_hints)
        self._update_hints()
        self.event_box.setFocus()

    def _fill(self) -> None:
        entry, row = self.entry, self.row
        if entry is not None:
            on, period = entry.on, entry.period
            event, source, impact, action = entry.event, entry.source, entry.impact, entry.action_taken
            category = entry.category.value if entry.category else None
            kind, by, significant = entry.impact_kind, entry.recorded_by, entry.significant
        elif row is not None:
            on = None if row.approximate else row.sort_date
            period = row.when if row.approximate else ""
            event, source, impact, action = row.event, row.source, row.impact, row.action
            category = row.category.value if row.category else None
            kind, by, significant = row.impact_kind, row.recorded_by, True
        else:
            self.exact.setChecked(True)
            return
        self.exact.setChecked(on is not None)
        self.approximate.setChecked(on is None)
        if on is not None:
            self.on_date.setDate(QDate(on.year, on.month, on.day))
        self.period.setText(period)
        self.event_box.setPlainText(event)
        self.source.setText(source)
        self.category.setCurrentIndex(max(0, self.category.findData(category)))
        self.impact.setPlainText(impact)
        self.impact_kind.setCurrentIndex(max(0, self.impact_kind.findData(kind.value)))
        self.action.setPlainText(action)
        self.recorded_by.setText(by)
        self.significant_box.setChecked(significant)

    def _date_mode(self) -> None:
        exact = self.exact.isChecked()
        self.on_date.setEnabled(exact)
        self.period.setEnabled(not exact)

    def _update_hints(self) -> None:
        hints = check_entry(
            event=self.event_box.toPlainText(),
            source=self.source.text(),
            impact=self.impact.toPlainText(),
            action=self.action.toPlainText(),
        )
        self.hints.setText(hints_html(hints))

    def fields(self) -> dict[str, Any]:
        """The form as JSON-ready values (as an amendment stores them)."""
        value = self.on_date.date()
        exact = self.exact.isChecked()
        return {
            "on": date(value.year(), value.month(), value.day()).isoformat() if exact else None,
            "period": "" if exact else self.period.text().strip(),
            "event": self.event_box.toPlainText().strip(),
            "source": self.source.text().strip(),
            "category": self.category.currentData(),
            "impact": self.impact.toPlainText().strip(),
            "impact_kind": self.impact_kind.currentData(),
            "action_taken": self.action.toPlainText().strip(),
            "recorded_by": self.recorded_by.text().strip(),
            "significant": self.significant_box.isChecked(),
        }

    def _fail(self, message: str, widget: QWidget | None = None) -> None:
        self.error.setText(message)
        if widget is not None:
            set_invalid(widget, True)
            widget.setFocus()

    def save(self) -> None:
        for widget in (self.event_box, self.period, self.reason):
            set_invalid(widget, False)
        fields = self.fields()
        if not fields["event"]:
            self._fail(strings.CHRONO_NEED_EVENT, self.event_box)
            return
        if fields["on"] is None:
            try:
                approximate_date(fields["period"])
            except ValueError:
                self._fail(strings.CHRONO_NEED_PERIOD, self.period)
                return
        if self.mode == "amend":
            assert self.entry is not None
            current = self.entry.model_dump(mode="json")
            changes = {k: v for k, v in fields.items() if current.get(k) != v}
            if not changes:
                self._fail(strings.AMEND_NOTHING)
                return
            reason = self.reason.toPlainText().strip()
            if not reason:
                self._fail(strings.AMEND_NEED_REASON, self.reason)
                return
        self.save_button.setEnabled(False)
        if self.mode == "add":
            ops.add_entry(self.session, self.child_id, fields, self._done, self._failed)
        elif self.mode == "curate":
            assert self.row is not None
            ops.curate(self.session, self.child_id, self.row, fields, self._done, self._failed)
        else:
            assert self.entry is not None
            ops.amend_entry(self.session, str(self.entry.id), reason, changes, self._done, self._failed)

    def _done(self, saved: Saved[Record]) -> None:
        self.saved.emit(saved.value)
        self.accept()

    def _failed(self, error: CasebookError) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(str(error))


def _box(name: str, height: int, maximum: int = 0) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setAccessibleName(name)
    box.setMinimumHeight(height)
    if maximum:
        box.setMaximumHeight(maximum)
    return box
