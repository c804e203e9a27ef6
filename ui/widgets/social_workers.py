"""Today's oversight card: every child with a social worker (a CIN or CP plan, a section 47 enquiry or a period
looked after in force), their plans, social worker and next conference, one click from their record."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from dslapp.services.statutory import WithSocialWorker
from ui import strings
from ui.formatting import dmy
from ui.operations import family as ops
from ui.operations.session import Session
from ui.widgets.common import Badge, Card, clear_layout, text_label


class SocialWorkerCard(Card):
    open_child = Signal(str)

    def __init__(self, session: Session, on: date, parent: QWidget | None = None) -> None:
        super().__init__(strings.SOCIAL_WORKER_TITLE, parent, icon="shield")
        self.session = session
        self.on = on
        self.rows: list[WithSocialWorker] = []
        self.count = Badge("0")
        self.header.addWidget(self.count)
        self.list = QVBoxLayout()
        self.list.setSpacing(4)
        self.body.addLayout(self.list)

    def refresh(self) -> None:
        ops.load_with_social_worker(self.session, self.on, self.show_rows, owner=self)

    def show_rows(self, rows: Sequence[WithSocialWorker]) -> None:
        self.rows = list(rows)
        self.count.setText(str(len(self.rows)))
        clear_layout(self.list)
        if not self.rows:
            self.list.addWidget(text_label(strings.SOCIAL_WORKER_NONE, "Muted", wrap=True))
        for row in self.rows:
            self.list.addWidget(self._row(row))

    def _row(self, row: WithSocialWorker) -> QWidget:
        block = QWidget()
        line = QHBoxLayout(block)
        line.setContentsMargins(0, 0, 0, 0)
        name = QPushButton(row.name)
        name.setObjectName("Link")
        name.setFlat(True)
        name.setAccessibleName(strings.SOCIAL_WORKER_OPEN_NAME.format(name=row.name))
        name.clicked.connect(lambda _checked=False, child=row.child_id: self.open_child.emit(child))
        line.addWidget(name, 0, Qt.AlignmentFlag.AlignTop)
        workers = ", ".join(row.social_workers) or strings.SOCIAL_WORKER_NOT_RECORDED
        text = strings.SOCIAL_WORKER_LINE.format(plans="; ".join(row.plans), workers=workers)
        if row.next_conference is not None:
            text += " · " + strings.SOCIAL_WORKER_NEXT.format(date=dmy(row.next_conference))
        line.addWidget(text_label(text, "Value", wrap=True), 1)
        return block
