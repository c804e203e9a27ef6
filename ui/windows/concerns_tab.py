"""The Concerns and Actions tabs of a child's record: the records of concern (amend, copy) and the
actions that came of them (mark done)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from dslapp.models import Action, Concern, Record
from dslapp.services.children import ChildSummary
from ui import strings, theme
from ui.dialogs.link_child import LinkChildDialog
from ui.formatting import dmy
from ui.models.records import Column
from ui.operations import casework
from ui.operations import family as family_ops
from ui.operations.session import Session
from ui.widgets.common import text_label
from ui.widgets.record_tab import RecordTab
from ui.widgets.record_views import concern_text


class ConcernsTab(RecordTab):
    """Emits ``amend_requested(Concern)`` and ``copy_requested(text)``; the app opens the amendment
    dialog and minds the clipboard."""

    amend_requested = Signal(object)
    copy_requested = Signal(str)

    def __init__(
        self, session: Session, child_id: str, on: date, detail: Callable[[Record], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            session,
            child_id,
            on,
            [
                Column[Concern](
                    strings.CONCERNS_COLUMN_DATE, lambda c: dmy(c.observed_at), lambda c: c.observed_at.isoformat(), 100
                ),
                Column[Concern](
                    strings.CONCERNS_COLUMN_CATEGORIES, lambda c: ", ".join(x.label for x in c.categories), width=-1
                ),
                Column[Concern](strings.CONCERNS_COLUMN_DECISION, lambda c: c.dsl_decision.label, width=170),
            ],
            detail=detail,
            name=strings.CONCERNS_LIST_NAME,
            parent=parent,
        )
        # under the reading pane, beside the record they act on
        self.amend_button = self.listing.add_button(strings.CONCERN_AMEND, "amend", self._amend_current)
        self.copy_button = self.listing.add_button(strings.CONCERN_COPY, "copy", self._copy_current)
        self.link_button = self.listing.add_button(strings.LINK_BUTTON, "caseload", self.link_child)
        self.named = text_label("", "Hint", wrap=True)  # the other children the selected concern names
        self.named.hide()
        self.above_list.addWidget(self.named)

    def update_actions(self) -> None:
        concern = self.current()
        self.named.hide()
        if isinstance(concern, Concern):
            family_ops.load_children_named(self.session, str(concern.id), self._show_named, owner=self)

    def _show_named(self, named: list[tuple[str, str]]) -> None:
        names = ", ".join(strings.LINK_NAMED_ONE.format(name=n, relationship=r) for n, r in named)
        self.named.setText(strings.LINK_NAMED.format(children=names) if named else "")
        self.named.setVisible(bool(named))

    def link_child(self) -> None:
        """Name another child of the school in the selected concern (the caseload read first, to choose from)."""
        if isinstance(self.current(), Concern):
            family_ops.load_children(self.session, self._open_link_dialog, owner=self)

    def _open_link_dialog(self, children: list[ChildSummary]) -> None:
        concern = self.current()
        if isinstance(concern, Concern):
            dialog = self.show_dialog(
                LinkChildDialog(self.session, concern=concern, children=children, parent=self.window())
            )
            dialog.saved.connect(lambda _link: self.update_actions())

    def _amend_current(self) -> None:
        concern = self.current()
        if isinstance(concern, Concern):
            self.amend_requested.emit(concern)

    def _copy_current(self) -> None:
        concern = self.current()
        if isinstance(concern, Concern):
            self.copy_requested.emit(concern_text(concern))


class ActionsTab(RecordTab):
    """The child's actions, overdue ones in red; "Mark done" amends the action (with a reason)."""

    def __init__(
        self, session: Session, child_id: str, on: date, detail: Callable[[Record], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            session,
            child_id,
            on,
            [
                Column[Action](strings.ACTIONS_COLUMN_WHAT, lambda a: a.what, width=320),
                Column[Action](strings.ACTIONS_COLUMN_OWNER, lambda a: a.owner, width=150),
                Column[Action](strings.ACTIONS_COLUMN_DUE, lambda a: dmy(a.due), lambda a: a.due.isoformat(), 100),
                Column[Action](
                    strings.ACTIONS_COLUMN_DONE,
                    lambda a: dmy(a.done_on),
                    lambda a: a.done_on.isoformat() if a.done_on else "",
                ),
            ],
            detail=detail,
            colour=lambda a: theme.colours().danger if a.is_overdue(self.on) else None,
            name=strings.ACTIONS_LIST_NAME,
            parent=parent,
        )
        self.done_button = self.listing.add_button(strings.ACTION_MARK_DONE, "check", self._mark_done)

    def set_items(self, items: Sequence[Action]) -> None:  # the earliest due first
        self.hold(items)
        self.listing.set_items(items, sort_column=2, descending=False)
        self.update_actions()

    def update_actions(self) -> None:
        action = self.current()
        self.done_button.setEnabled(isinstance(action, Action) and action.done_on is None)

    def _mark_done(self) -> None:
        action = self.current()
        if isinstance(action, Action) and action.done_on is None:
            casework.mark_action_done(
                self.session, action, self.on, strings.ACTION_DONE_REASON, lambda _r: None, self.show_error
            )
