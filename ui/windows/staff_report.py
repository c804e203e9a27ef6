"""Staff mode (issue 19): the small window a member of staff uses to report a concern on any school computer.

No casebook and no passphrase here. The draft lives only in these widgets (never saved); on Send it is sealed
to the safeguarding team's reporting key, so this computer cannot read it back, and delivered to the drop folder
or kept sealed in the local outbox until the folder appears (checked at start and on a timer).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dslapp.errors import CasebookError
from ui import strings
from ui.formatting import dmy
from ui.operations import staff_ops
from ui.operations.staff_ops import StaffConfig, StaffMode
from ui.widgets.body_map import BodyMapEditor
from ui.widgets.common import Banner, Card, field_label, page_header, repolish, text_label

DELIVER_EVERY_MS = 60 * 1000
"""How often staff mode looks for the drop folder (to deliver what waits) and for acknowledgements."""


def team_line(config: StaffConfig) -> str:
    people = []
    for member in config.team:
        details = ", ".join(p for p in (member.role, member.phone, member.where) if p)
        people.append(f"{member.name} ({details})" if details else member.name)
    return strings.STAFF_TEAM.format(team="; ".join(people)) if people else strings.STAFF_TEAM_NONE


def _parse_dob(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    return datetime.strptime(text, "%d/%m/%Y").date()


class StaffReportWindow(QWidget):
    """Who, the child, when and where, what was seen or heard, the child's words, what was done, who was told."""

    def __init__(
        self,
        mode: StaffMode,
        *,
        now: Callable[[], datetime] = datetime.now,
        deliver_every_ms: int = DELIVER_EVERY_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.mode = mode
        self.now = now
        config = mode.config
        self.setWindowTitle(strings.STAFF_WINDOW_TITLE)
        self.resize(760, 900)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(12)
        subtitle = (
            strings.STAFF_SUBTITLE.format(school=config.school) if config.school else strings.STAFF_SUBTITLE_NO_SCHOOL
        )
        layout.addLayout(page_header(strings.STAFF_TITLE))
        layout.addWidget(text_label(subtitle, "PageSubtitle", wrap=True))

        self.danger = Banner("danger", icon="alert")
        self.danger.set_message(f"{strings.STAFF_DANGER}\n{team_line(config)}")
        layout.addWidget(self.danger)

        self.outcome = Banner("info")
        self.outcome.setVisible(False)
        layout.addWidget(self.outcome)

        you = Card(strings.STAFF_SECTION_YOU)
        form = self._form(you)
        self.reporter_name = QLineEdit()
        self.reporter_role = QLineEdit()
        self.reporter_role.setPlaceholderText(strings.STAFF_YOUR_ROLE_HINT)
        form.addRow(field_label(strings.STAFF_YOUR_NAME, self.reporter_name), self.reporter_name)
        form.addRow(field_label(strings.STAFF_YOUR_ROLE, self.reporter_role), self.reporter_role)
        layout.addWidget(you)

        child = Card(strings.STAFF_SECTION_CHILD)
        form = self._form(child)
        self.child_name = QLineEdit()
        self.year_group = QLineEdit()
        self.dob = QLineEdit()
        self.dob.setPlaceholderText(strings.STAFF_DOB_HINT)
        self._roll = {f"{r.name} ({r.year_group})" if r.year_group else r.name: r for r in config.roll}
        if self._roll:
            self.child_name.setPlaceholderText(strings.STAFF_CHILD_NAME_HINT)
            completer = QCompleter(sorted(self._roll), self.child_name)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.activated.connect(self._roll_chosen)
            self.child_name.setCompleter(completer)
        else:
            self.child_name.setPlaceholderText(strings.STAFF_CHILD_NAME_HINT_NO_ROLL)
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(self.year_group, 1)
        row.addWidget(field_label(strings.STAFF_DOB, self.dob))
        row.addWidget(self.dob, 1)
        form.addRow(field_label(strings.STAFF_CHILD_NAME, self.child_name), self.child_name)
        form.addRow(field_label(strings.STAFF_YEAR_GROUP, self.year_group), row)
        layout.addWidget(child)

        what = Card(strings.STAFF_SECTION_WHAT)
        form = self._form(what)
        self.observed = QDateTimeEdit(QDateTime(now().replace(second=0, microsecond=0)))
        self.observed.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.observed.setCalendarPopup(True)
        self.where = QLineEdit()
        self.where.setPlaceholderText(strings.STAFF_WHERE_HINT)
        when_row = QHBoxLayout()
        when_row.setSpacing(10)
        when_row.addWidget(self.observed)
        when_row.addWidget(field_label(strings.STAFF_WHERE, self.where))
        when_row.addWidget(self.where, 1)
        self.what = self._text(strings.STAFF_WHAT_HINT, 110)
        self.words = self._text(strings.STAFF_WORDS_HINT, 70)
        form.addRow(field_label(strings.STAFF_WHEN, self.observed), when_row)
        form.addRow(field_label(strings.STAFF_WHAT, self.what), self.what)
        form.addRow(field_label(strings.STAFF_WORDS, self.words), self.words)
        self.body_map = BodyMapEditor(stacked=True)  # the same body map as the DSL's concern form
        form.addRow(field_label(strings.STAFF_BODY_MAP, self.body_map.canvas), self.body_map)
        layout.addWidget(what)

        after = Card(strings.STAFF_SECTION_AFTER)
        form = self._form(after)
        self.did = self._text(strings.STAFF_DID_HINT, 60)
        self.told = QLineEdit()
        self.urgent = QCheckBox(strings.STAFF_URGENT)
        form.addRow(field_label(strings.STAFF_DID, self.did), self.did)
        form.addRow(field_label(strings.STAFF_TOLD, self.told), self.told)
        form.addRow(self.urgent)
        layout.addWidget(after)

        self.problem = text_label("", "Error", wrap=True)
        self.problem.setVisible(False)
        layout.addWidget(self.problem)
        buttons = QHBoxLayout()
        self.clear_button = QPushButton(strings.STAFF_CLEAR)
        self.clear_button.clicked.connect(self.clear)
        self.send_button = QPushButton(strings.STAFF_SEND)
        self.send_button.setObjectName("Primary")
        self.send_button.clicked.connect(self.send)
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.send_button)
        layout.addLayout(buttons)

        receipts = Card(strings.STAFF_RECEIPTS)
        self.waiting = text_label("", "Error", wrap=True)
        self.receipts = QListWidget()
        self.receipts.setMaximumHeight(120)
        receipts.body.addWidget(self.waiting)
        receipts.body.addWidget(self.receipts)
        help_text = strings.STAFF_HELP
        if config.paper_form:
            help_text += " " + strings.STAFF_HELP_PAPER.format(where=config.paper_form)
        receipts.body.addWidget(text_label(help_text, "Hint", wrap=True))
        layout.addWidget(receipts)
        layout.addStretch(1)
        scroll.setWidget(page)
        outer.addWidget(scroll)

        self.timer = QTimer(self)
        self.timer.setInterval(deliver_every_ms)
        self.timer.timeout.connect(self.check_outbox)
        self.timer.start()
        self.check_outbox()  # on start: deliver what waited since last time
        self.reporter_name.setFocus()

    # ---- building ---------------------------------------------------------------------------------------------

    @staticmethod
    def _form(card: Card) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setHorizontalSpacing(14)
        card.body.addLayout(form)
        return form

    @staticmethod
    def _text(hint: str, height: int) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setPlaceholderText(hint)
        edit.setMinimumHeight(height)
        edit.setMaximumHeight(height * 2)
        edit.setTabChangesFocus(True)
        return edit

    def _roll_chosen(self, text: str) -> None:
        entry = self._roll.get(text)
        if entry is not None:
            self.child_name.setText(entry.name)
            self.year_group.setText(entry.year_group)

    # ---- the draft: in these widgets only ---------------------------------------------------------------------

    def fields(self) -> dict[str, Any]:
        observed = self.observed.dateTime().toPython()
        assert isinstance(observed, datetime)
        return {
            "reporter_name": self.reporter_name.text(),
            "reporter_role": self.reporter_role.text(),
            "child_name": self.child_name.text(),
            "year_group": self.year_group.text(),
            "date_of_birth": _parse_dob(self.dob.text()),
            "observed_at": observed.replace(second=0, microsecond=0),
            "where": self.where.text(),
            "what_happened": self.what.toPlainText(),
            "child_words": self.words.toPlainText(),
            "action_taken": self.did.toPlainText(),
            "told_others": self.told.text(),
            "urgent": self.urgent.isChecked(),
            "body_map": self.body_map.marks(),
        }

    def clear(self) -> None:
        for line in (self.child_name, self.year_group, self.dob, self.where, self.told):
            line.clear()
        for text in (self.what, self.words, self.did):
            text.clear()
        self.urgent.setChecked(False)
        self.body_map.set_marks([])
        self.observed.setDateTime(QDateTime(self.now().replace(second=0, microsecond=0)))
        self.problem.setVisible(False)

    def send(self) -> None:
        try:
            fields = self.fields()
        except ValueError:
            self._problem(strings.STAFF_DOB_WRONG)
            return
        try:
            submitted = staff_ops.submit(self.mode, fields)
        except CasebookError as exc:
            self._problem(str(exc))
            return
        self.problem.setVisible(False)
        self.clear()  # the draft is gone: only the sealed bytes remain (in the folder, or the outbox)
        tone = "info" if submitted.delivered else "warning"
        self.outcome.setProperty("tone", tone)
        repolish(self.outcome)
        text = strings.STAFF_SENT if submitted.delivered else strings.STAFF_NOT_DELIVERED
        self.outcome.set_message(text.format(code=submitted.receipt))
        self.outcome.setVisible(True)
        self.last_receipt = submitted.receipt
        self.refresh_receipts()

    def _problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(True)

    # ---- delivery and acknowledgements ----------------------------------------------------------------------

    def check_outbox(self) -> None:
        staff_ops.deliver_waiting(self.mode)
        self.refresh_receipts()

    def refresh_receipts(self) -> None:
        waiting = len(self.mode.waiting())
        self.waiting.setText(strings.STAFF_WAITING.format(count=waiting))
        self.waiting.setVisible(bool(waiting))
        self.receipts.clear()
        shown = staff_ops.receipts(self.mode)
        for r in shown:
            sent = f"{dmy(r.sent_at)} {r.sent_at:%H:%M}"
            if r.received_at is not None:
                line = strings.STAFF_RECEIPT_RECEIVED.format(
                    code=r.receipt, sent=sent, time=f"{r.received_at:%H:%M}", date=dmy(r.received_at)
                )
            elif r.delivered:
                line = strings.STAFF_RECEIPT_DELIVERED.format(code=r.receipt, sent=sent)
            else:
                line = strings.STAFF_RECEIPT_WAITING.format(code=r.receipt, sent=sent)
            self.receipts.addItem(line)
        if not shown:
            self.receipts.addItem(strings.STAFF_NO_RECEIPTS)
