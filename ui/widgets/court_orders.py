"""The front sheet's card of court orders and restrictions: each order (in force or ended), who it restricts,
what it forbids, its dates and source, a "Must not collect" badge, and buttons to add or amend one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from dslapp.models import CourtOrder, Person
from dslapp.views.court_orders import period
from ui import strings, theme
from ui.dialogs.court_order import CourtOrderDialog
from ui.operations.session import Session
from ui.widgets.common import Badge, Card, clear_layout, text_label


class CourtOrdersCard(Card):
    """Shows the child's orders; "Add an order…" and each order's "Amend…" open ``CourtOrderDialog``. The
    page reloads the file when the save's changes arrive (``Session.changed``), and calls ``show_orders``."""

    def __init__(self, session: Session, child_id: str, on: date, parent: QWidget | None = None) -> None:
        super().__init__(strings.ORDERS_TITLE, parent, icon="shield")
        self.session = session
        self.child_id = child_id
        self.on = on
        self.people: list[Person] = []
        self.orders: list[CourtOrder] = []
        self.dialog: CourtOrderDialog | None = None
        self.add_button = QPushButton(theme.icon("plus"), strings.ORDERS_ADD)
        self.add_button.clicked.connect(lambda: self.open_dialog(None))
        self.header.addWidget(self.add_button)
        self.list = QVBoxLayout()
        self.list.setSpacing(8)
        self.body.addLayout(self.list)

    def show_orders(self, orders: Sequence[CourtOrder], people: Sequence[Person]) -> None:
        self.orders = sorted(orders, key=lambda o: (not o.in_force(self.on), o.starts_on or date.min))
        self.people = list(people)
        clear_layout(self.list)
        if not self.orders:
            self.list.addWidget(text_label(strings.ORDERS_NONE, "Muted"))
        for order in self.orders:
            self.list.addWidget(self._order_block(order))

    def _order_block(self, order: CourtOrder) -> QWidget:
        block = QWidget()
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 2, 0, 4)
        layout.setSpacing(2)
        top = QHBoxLayout()
        top.setSpacing(6)
        title = text_label(order.type_label, "Value", wrap=True, selectable=True)
        title.setStyleSheet("font-weight: 600;")
        top.addWidget(title, 1)
        if order.must_not_collect and order.in_force(self.on):
            top.addWidget(Badge(strings.ORDERS_MUST_NOT_COLLECT_BADGE, "danger"))
        if not order.in_force(self.on):
            top.addWidget(Badge(strings.ORDERS_ENDED))
        amend = QPushButton(strings.ORDERS_AMEND)
        amend.setAccessibleName(strings.ORDERS_AMEND_NAME.format(order=order.type_label.lower()))
        amend.clicked.connect(lambda _checked=False, o=order: self.open_dialog(o))
        top.addWidget(amend, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        if order.restricts:
            layout.addWidget(text_label(strings.ORDERS_RESTRICTS.format(name=order.restricts), "Value", wrap=True))
        layout.addWidget(text_label(period(order), "Muted", wrap=True))
        if order.forbids:
            layout.addWidget(text_label(order.forbids, "Value", wrap=True, selectable=True))
        if order.source:
            layout.addWidget(text_label(strings.ORDERS_SOURCE.format(source=order.source), "Hint", wrap=True))
        return block

    def open_dialog(self, order: CourtOrder | None) -> CourtOrderDialog:
        self.dialog = CourtOrderDialog(self.session, self.child_id, self.people, self.on, order, self.window())
        self.dialog.open()
        return self.dialog
