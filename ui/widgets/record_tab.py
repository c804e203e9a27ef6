"""The base of a record tab in a child's file: a bar of actions above a ``RecordList`` and its reading pane.

The child's record page reads the whole file when a record tab is first opened and hands each tab its records
(``set_items``; after a save, ``update_items`` with the file brought up to date); a tab never loads on its own.
What every tab shares lives here: the session, the child and the day,
the one dialog it has open (closed when the casebook locks, so nothing stays on screen), the bar of
buttons, enabling them as the selection moves, and passing an error to the app's message line. A
tab adds its columns, its buttons and what they do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui import theme
from ui.dialogs.guidance_common import close_dialog
from ui.models.records import Column
from ui.operations.session import Session
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.record_list import RecordList

DialogT = TypeVar("DialogT", bound=QDialog)


class RecordTab(QWidget):
    """One part of a child's CP file. Subclasses add buttons with ``add_action`` and override
    ``update_actions`` to enable them for the selected record."""

    def __init__(
        self,
        session: Session,
        child_id: str,
        on: date,
        columns: Sequence[Column[Any]],
        *,
        detail: Callable[[Any], str] | None,
        name: str,
        colour: Callable[[Any], str | None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.child_id = child_id
        self.on = on
        self.dialog: QDialog | None = None
        session.closed.connect(self.close_dialog)  # nothing stays on screen once locked
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        top = QHBoxLayout()
        top.setSpacing(8)
        buttons = QWidget()
        self.bar = FlowLayout(buttons)  # the tab's buttons, wrapping onto a second row in a narrow window
        top.addWidget(buttons, 1)
        self.trailing = QHBoxLayout()  # what sits at the right of the bar (e.g. the selected record's status)
        self.trailing.setSpacing(8)
        top.addLayout(self.trailing)
        layout.addLayout(top)
        self.above_list = QVBoxLayout()  # room for a prompt between the bar and the list
        layout.addLayout(self.above_list)
        self.listing = RecordList(columns, detail=detail, colour=colour, name=name)
        if (listing_layout := self.listing.layout()) is not None:
            listing_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.listing, 1)
        self.listing.selection_changed.connect(lambda _record: self.update_actions())

    def add_action(
        self, text: str, slot: Callable[[], object], *, icon: str = "", primary: bool = False
    ) -> QPushButton:
        """A button on the tab's bar (a primary one has the accent colour and a white icon)."""
        button = QPushButton(text)
        if icon:
            button.setIcon(theme.icon(icon, theme.colours().accent_text) if primary else theme.icon(icon))
        if primary:
            button.setObjectName("Primary")
        button.clicked.connect(lambda: slot())
        self.bar.addWidget(button)
        return button

    def set_items(self, items: Sequence[Any]) -> None:
        """Show the records (from the child's file, read by the page)."""
        self.hold(items)
        self.listing.set_items(items)
        self.update_actions()

    def hold(self, items: Sequence[Any]) -> None:
        """Keep what the tab needs of its records besides the rows (nothing by default)."""

    def update_items(self, items: Sequence[Any]) -> None:
        """Show the records again after a change to the file: rows updated and added in place."""
        self.hold(items)
        self.listing.update_items(items)
        self.update_actions()

    def current(self) -> Any:
        return self.listing.current()

    def update_actions(self) -> None:
        """Enable the tab's buttons for the selected record (nothing to do by default)."""

    def show_dialog(self, dialog: DialogT) -> DialogT:
        """Show a non-modal dialog the tab keeps until the next one, or until the casebook locks."""
        self.dialog = dialog
        dialog.show()
        return dialog

    def close_dialog(self) -> None:
        close_dialog(self.dialog)

    def show_error(self, error: Exception) -> None:
        """Report a failed action on the app's message line."""
        self.session.runner.error.emit(str(error))
