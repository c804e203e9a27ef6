"""The front sheet's card of statutory plans and statuses: each one (in force first, then ended), with its
social worker and the dates the school contributes to, and buttons to add or amend one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from dslapp.models import StatutoryRecord
from dslapp.views import statutory
from ui import strings, theme
from ui.dialogs.statutory import StatutoryDialog
from ui.operations.session import Session
from ui.widgets.common import Badge, Card, clear_layout, text_label


class StatutoryCard(Card):
    """Shows the child's statutory records; "Add…" and each record's "Amend…" open ``StatutoryDialog``. The
    page reloads the file when the save's changes arrive and calls ``show_records``."""

    def __init__(self, session: Session, child_id: str, on: date, parent: QWidget | None = None) -> None:
        super().__init__(strings.STATUTORY_TITLE, parent, icon="shield")
        self.session = session
        self.child_id = child_id
        self.on = on
        self.records: list[StatutoryRecord] = []
        self.dialog: StatutoryDialog | None = None
        self.add_button = QPushButton(theme.icon("plus"), strings.STATUTORY_ADD)
        self.add_button.setAccessibleName(strings.STATUTORY_ADD_NAME)
        self.add_button.clicked.connect(lambda: self.open_dialog(None))
        self.header.addWidget(self.add_button)
        self.list = QVBoxLayout()
        self.list.setSpacing(10)
        self.body.addLayout(self.list)

    def show_records(self, records: Sequence[StatutoryRecord]) -> None:
        self.records = [*statutory.in_force(records, self.on), *statutory.ended(records, self.on)]
        self.records += [r for r in records if r not in self.records]  # starting later (a date typed ahead)
        clear_layout(self.list)
        if not self.records:
            self.list.addWidget(text_label(strings.STATUTORY_NONE, "Muted", wrap=True))
        for record in self.records:
            self.list.addWidget(self._block(record))

    def _block(self, record: StatutoryRecord) -> QWidget:
        block = QWidget()
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 2, 0, 4)
        layout.setSpacing(2)
        top = QHBoxLayout()
        top.setSpacing(6)
        title = text_label(statutory.title(record), "Value", wrap=True, selectable=True)
        title.setStyleSheet("font-weight: 600;")
        top.addWidget(title, 1)
        in_force = record.in_force(self.on)
        top.addWidget(Badge(strings.STATUTORY_IN_FORCE if in_force else strings.STATUTORY_ENDED,
                            "warning" if in_force else ""))  # fmt: skip
        amend = QPushButton(strings.STATUTORY_AMEND)
        amend.setAccessibleName(strings.STATUTORY_AMEND_NAME.format(plan=statutory.title(record).lower()))
        amend.clicked.connect(lambda _checked=False, r=record: self.open_dialog(r))
        top.addWidget(amend, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(text_label(statutory.period(record).capitalize(), "Muted", wrap=True))
        for line in statutory.detail_lines(record, self.on):
            layout.addWidget(text_label(line, "Value", wrap=True, selectable=True))
        return block

    def open_dialog(self, record: StatutoryRecord | None) -> StatutoryDialog:
        self.dialog = StatutoryDialog(self.session, self.child_id, self.on, record, self.window())
        self.dialog.open()
        return self.dialog
