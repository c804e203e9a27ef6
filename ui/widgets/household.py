"""The front sheet's household card: the whole family in one view. Each child of the household with their
status, open plans and recent concerns (the same summary for each, never their records), a button to open
each one's record, and buttons to add a child or remove one (by amendment, with a reason)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QPushButton, QVBoxLayout, QWidget

from dslapp.errors import CasebookError
from dslapp.services.children import ChildSummary
from dslapp.services.family import ChildHousehold
from dslapp.views.family import RECENT_DAYS, HouseholdMember
from ui import strings, theme
from ui.dialogs.household import JoinHouseholdDialog
from ui.formatting import dmy
from ui.operations import family as ops
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.common import Badge, Card, clear_layout, hline, text_label


class HouseholdCard(Card):
    """Loads the child's household on ``refresh`` (one read on the worker); ``open_child`` asks the page to
    open a sibling's record."""

    open_child = Signal(str)

    def __init__(self, session: Session, child_id: str, on: date, parent: QWidget | None = None) -> None:
        super().__init__(strings.HOUSEHOLD_TITLE, parent, icon="caseload")
        self.session = session
        self.child_id = child_id
        self.on = on
        self.shown: ChildHousehold = ChildHousehold(None)
        self.dialog: JoinHouseholdDialog | None = None
        self.add_button = QPushButton(theme.icon("plus"), strings.HOUSEHOLD_ADD)
        self.add_button.setAccessibleName(strings.HOUSEHOLD_ADD_NAME)
        self.add_button.clicked.connect(self.choose_child)
        self.header.addWidget(self.add_button)
        self.list = QVBoxLayout()
        self.list.setSpacing(0)
        self.body.addLayout(self.list)

    def refresh(self) -> None:
        ops.load_household(self.session, self.child_id, self.on, self.show_household, owner=self)

    def show_household(self, shown: ChildHousehold) -> None:
        self.shown = shown
        clear_layout(self.list)
        if shown.household is None:
            self.list.addWidget(text_label(strings.HOUSEHOLD_NONE, "Muted", wrap=True))
            return
        self.title.setText(f"{strings.HOUSEHOLD_TITLE}: {shown.household.name}")
        for number, member in enumerate(shown.members):
            if number:
                self.list.addWidget(hline())
            self.list.addWidget(self._member_block(member))

    def _member_block(self, member: HouseholdMember) -> QWidget:
        block = QWidget()
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(2)
        top = QHBoxLayout()
        top.setSpacing(6)
        name = text_label(member.name, "Value", selectable=True)
        name.setStyleSheet("font-weight: 600;")
        top.addWidget(name)
        top.addWidget(text_label(" · ".join(p for p in (strings.HOUSEHOLD_BORN.format(dob=dmy(member.dob)),
                                                         member.year_group) if p), "Muted"))  # fmt: skip
        top.addStretch(1)
        top.addWidget(Badge(member.status, "warning" if member.open_plans else ""))
        if member.child_id == self.child_id:
            top.addWidget(Badge(strings.HOUSEHOLD_THIS_CHILD, "accent"))
        else:
            opener = QPushButton(strings.HOUSEHOLD_OPEN)
            opener.setAccessibleName(strings.HOUSEHOLD_OPEN_NAME.format(name=member.name))
            opener.clicked.connect(lambda _checked=False, m=member: self.open_child.emit(m.child_id))
            top.addWidget(opener, 0, Qt.AlignmentFlag.AlignTop)
        remover = QPushButton(strings.HOUSEHOLD_REMOVE)
        remover.setAccessibleName(strings.HOUSEHOLD_REMOVE_NAME.format(name=member.name))
        remover.clicked.connect(lambda _checked=False, m=member: self.remove(m))
        top.addWidget(remover, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        plans = (
            strings.HOUSEHOLD_PLANS.format(plans="; ".join(member.open_plans))
            if member.open_plans
            else strings.HOUSEHOLD_NO_PLANS
        )
        layout.addWidget(text_label(plans, "Value", wrap=True))
        if member.recent_concerns:
            wording = strings.HOUSEHOLD_ONE_CONCERN if member.concern_count == 1 else strings.HOUSEHOLD_CONCERNS
            concerns = wording.format(
                count=member.concern_count, days=RECENT_DAYS, list="; ".join(member.recent_concerns)
            )
        else:
            concerns = strings.HOUSEHOLD_NO_CONCERNS.format(days=RECENT_DAYS)
        layout.addWidget(text_label(concerns, "Muted" if not member.recent_concerns else "Value", wrap=True))
        return block

    def choose_child(self) -> None:
        ops.load_children(self.session, self._pick, owner=self)

    def _pick(self, children: list[ChildSummary]) -> None:
        me = next((c for c in children if c.id == self.child_id), None)
        if me is None:
            return
        already = {m.child_id for m in self.shown.members}
        others = [c for c in children if c.id != self.child_id and c.id not in already]
        self.dialog = JoinHouseholdDialog(self.session, me, others, self.window())
        self.dialog.open()

    def remove(self, member: HouseholdMember) -> None:
        household = self.shown.household
        if household is None:
            return
        reason, ok = QInputDialog.getText(
            self, strings.HOUSEHOLD_REMOVE_TITLE, strings.HOUSEHOLD_REMOVE_TEXT.format(name=member.name)
        )
        if ok and reason.strip():
            ops.leave_household(
                self.session, str(household.id), member.child_id, reason.strip(), self._changed, self._failed
            )

    def _changed(self, _saved: Saved[object]) -> None:
        self.refresh()

    def _failed(self, error: CasebookError) -> None:
        self.session.runner.error.emit(str(error))
