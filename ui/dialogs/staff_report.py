"""A concern from staff, opened from Today (issue 19): the member of staff's account exactly as sent (read only),
and the DSL's triage: match it to a child, add the child, or keep it unmatched while identity is confirmed; record a
concern for the child from it; and the decision with reasons. The account itself is never changed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from dslapp.errors import CasebookError
from dslapp.models import TriageOutcome
from dslapp.models.concern import CATEGORY_LABELS, DECISION_LABELS, Category, DslDecision
from ui import strings
from ui.formatting import dmy, dmy_hm
from ui.operations import casework
from ui.operations.casework import StaffInbox
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.common import Banner, Card, dialog_page, field_label, text_label


class StaffReportDialog(QDialog):
    triaged = Signal(object)  # the StaffReportTriage

    def __init__(self, session: Session, record_id: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.record_id = record_id
        self.today = today
        self.inbox: StaffInbox | None = None
        self.layout_ = dialog_page(self, strings.STAFF_REPORT_TITLE, min_width=760, spacing=10)
        self.subtitle = text_label("", "PageSubtitle", wrap=True)
        self.layout_.addWidget(self.subtitle)
        self.urgent = Banner("danger", icon="alert")
        self.urgent.set_message(strings.STAFF_REPORT_URGENT)
        self.urgent.hide()
        self.layout_.addWidget(self.urgent)

        original = Card(strings.STAFF_REPORT_ORIGINAL, icon="quote")
        self.account = QFormLayout()
        self.account.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.account.setHorizontalSpacing(14)
        original.body.addLayout(self.account)
        self.layout_.addWidget(original)

        triage = Card(strings.STAFF_REPORT_TRIAGE, icon="check")
        self.previous = text_label("", "Muted", wrap=True)
        self.previous.hide()
        triage.body.addWidget(self.previous)
        self.choice = QButtonGroup(self)
        self.match = QRadioButton(strings.STAFF_REPORT_MATCH)
        self.new_child = QRadioButton(strings.STAFF_REPORT_NEW_CHILD)
        self.unmatched = QRadioButton(strings.STAFF_REPORT_UNMATCHED)
        for number, button in enumerate((self.match, self.new_child, self.unmatched)):
            self.choice.addButton(button, number)
        self.match.setChecked(True)
        self.child = QComboBox()
        self.child.setEditable(True)
        self.child.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        match_row = QHBoxLayout()
        match_row.addWidget(self.match)
        match_row.addWidget(self.child, 1)
        triage.body.addLayout(match_row)
        triage.body.addWidget(self.new_child)
        new_form = QHBoxLayout()
        new_form.setContentsMargins(24, 0, 0, 0)
        self.forename = QLineEdit()
        self.surname = QLineEdit()
        self.dob = QDateEdit(QDate(today.year - 8, 9, 1))
        self.dob.setDisplayFormat("dd/MM/yyyy")
        self.dob.setCalendarPopup(True)
        for label, widget in (
            (strings.STAFF_REPORT_FORENAME, self.forename),
            (strings.STAFF_REPORT_SURNAME, self.surname),
            (strings.STAFF_REPORT_DOB, self.dob),
        ):
            new_form.addWidget(field_label(label, widget))
            new_form.addWidget(widget, 1)
        self.new_child_fields = QWidget()
        self.new_child_fields.setLayout(new_form)
        triage.body.addWidget(self.new_child_fields)
        triage.body.addWidget(self.unmatched)
        self.record = QCheckBox(strings.STAFF_REPORT_RECORD)
        self.record.setChecked(True)
        triage.body.addWidget(self.record)
        concern_row = QHBoxLayout()
        concern_row.setContentsMargins(24, 0, 0, 0)
        self.category = QComboBox()
        for category in Category:
            self.category.addItem(CATEGORY_LABELS[category], category.value)
        self.dsl_decision = QComboBox()
        for decision in DslDecision:
            self.dsl_decision.addItem(DECISION_LABELS[decision], decision.value)
        concern_row.addWidget(field_label(strings.STAFF_REPORT_CATEGORY, self.category))
        concern_row.addWidget(self.category, 1)
        concern_row.addWidget(field_label(strings.STAFF_REPORT_DSL_DECISION, self.dsl_decision))
        concern_row.addWidget(self.dsl_decision, 1)
        self.concern_fields = QWidget()
        self.concern_fields.setLayout(concern_row)
        triage.body.addWidget(self.concern_fields)
        triage.body.addWidget(field_label(strings.STAFF_REPORT_DECISION))
        self.decision = QPlainTextEdit()
        self.decision.setPlaceholderText(strings.STAFF_REPORT_DECISION_HINT)
        self.decision.setMaximumHeight(80)
        self.decision.setTabChangesFocus(True)
        self.decision.setAccessibleName(strings.STAFF_REPORT_DECISION)
        triage.body.addWidget(self.decision)
        self.layout_.addWidget(triage)

        self.problem = text_label("", "Error", wrap=True)
        self.problem.hide()
        self.layout_.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(strings.STAFF_REPORT_SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("Primary")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.layout_.addWidget(buttons)
        self.choice.idToggled.connect(lambda _id, _on: self._update())
        self.record.toggled.connect(lambda _on: self._update())
        self._update()
        casework.open_staff_report(session, record_id, self._loaded, owner=self)

    def _loaded(self, inbox: StaffInbox) -> None:
        self.inbox = inbox
        report = inbox.item.report
        a = report.account
        self.subtitle.setText(
            strings.STAFF_REPORT_SUBTITLE.format(
                reporter=a.reporter_name,
                received=strings.STAFF_REPORT_RECEIVED.format(
                    sent=dmy_hm(report.sent_at), received=dmy_hm(report.received_at)
                ),
            )
        )
        self.urgent.setVisible(a.urgent)
        reporter = ", ".join(p for p in (a.reporter_name, a.reporter_role) if p)
        child = ", ".join(p for p in (a.child_name, a.year_group, dmy(a.date_of_birth)) if p)
        rows = [
            (strings.STAFF_REPORT_REPORTER, reporter),
            (strings.STAFF_REPORT_CHILD, child),
            (strings.STAFF_REPORT_WHEN, ", ".join(p for p in (dmy_hm(a.observed_at), a.where) if p)),
            (strings.STAFF_REPORT_WHAT, a.what_happened),
            (strings.STAFF_REPORT_WORDS, a.child_words),
            (strings.STAFF_REPORT_DID, a.action_taken),
            (strings.STAFF_REPORT_TOLD, a.told_others),
        ]
        if a.body_map:
            marks = "\n".join(mark.description() for mark in a.body_map)  # where each is and what it looks like
            count = strings.STAFF_REPORT_BODY_MARKS.format(count=len(a.body_map))
            rows.append((strings.STAFF_REPORT_BODY_MAP, f"{count}\n{marks}"))
        for label, value in rows:
            if value:
                self.account.addRow(field_label(label), text_label(value, wrap=True, selectable=True))
        self.child.clear()
        for summary in inbox.children:
            self.child.addItem(f"{summary.display_name} ({dmy(summary.dob)})", summary.id)
        if not inbox.children:
            self.child.addItem(strings.STAFF_REPORT_NO_CHILDREN, "")
            self.new_child.setChecked(True)
        else:
            guess = self.child.findText(a.child_name, Qt.MatchFlag.MatchStartsWith)
            self.child.setCurrentIndex(guess)
        first, _, last = a.child_name.partition(" ")
        self.forename.setText(first)
        self.surname.setText(last)
        if a.date_of_birth:
            self.dob.setDate(QDate(a.date_of_birth.year, a.date_of_birth.month, a.date_of_birth.day))
        self.dsl_decision.setCurrentIndex(self.dsl_decision.findData(DslDecision.PENDING.value))
        triage = inbox.item.triage
        if triage is not None:
            self.previous.setText(
                strings.STAFF_REPORT_PREVIOUS.format(
                    outcome=triage.outcome.label, by=triage.decided_by, when=dmy_hm(triage.decided_at)
                )
            )
            self.previous.show()
        self._update()

    def _outcome(self) -> TriageOutcome:
        if self.new_child.isChecked():
            return TriageOutcome.NEW_CHILD
        if self.unmatched.isChecked():
            return TriageOutcome.UNMATCHED
        return TriageOutcome.MATCHED

    def _update(self) -> None:
        outcome = self._outcome()
        self.child.setEnabled(outcome == TriageOutcome.MATCHED)
        self.new_child_fields.setEnabled(outcome == TriageOutcome.NEW_CHILD)
        self.record.setEnabled(outcome != TriageOutcome.UNMATCHED)
        self.concern_fields.setEnabled(outcome != TriageOutcome.UNMATCHED and self.record.isChecked())

    def fields(self) -> dict[str, object]:
        outcome = self._outcome()
        fields: dict[str, object] = {"outcome": outcome, "decision": self.decision.toPlainText()}
        if outcome == TriageOutcome.MATCHED:
            fields["child_id"] = self.child.currentData() or None
        elif outcome == TriageOutcome.NEW_CHILD:
            dob = self.dob.date().toPython()
            fields["new_child"] = {
                "legal_forename": self.forename.text(),
                "legal_surname": self.surname.text(),
                "dob": dob,
            }
        if outcome != TriageOutcome.UNMATCHED and self.record.isChecked():
            fields["concern"] = {
                "categories": [self.category.currentData()],
                "dsl_decision": self.dsl_decision.currentData(),
                "decision_reasons": self.decision.toPlainText(),
                "severity": "high" if self.inbox and self.inbox.item.report.account.urgent else "medium",
            }
        return fields

    def save(self) -> None:
        if self._outcome() == TriageOutcome.MATCHED and not self.child.currentData():
            self._problem(strings.STAFF_REPORT_CHOOSE_CHILD)
            return
        casework.triage_staff_report(self.session, self.record_id, self.fields(), self._saved, self._failed, owner=self)

    def _saved(self, saved: Saved[object]) -> None:
        self.triaged.emit(saved.value)
        self.accept()

    def _failed(self, error: CasebookError) -> None:
        self._problem(str(error))

    def _problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()
