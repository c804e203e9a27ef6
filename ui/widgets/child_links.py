"""The front sheet's card of links to concerns about other children of the school: each link as the child's
own file holds it ("another child in school (sibling)", the date and the extract written for this file), with
"Amend…" for the extract and a button to open the other child's record (their name is not shown here)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from dslapp.models import ChildLink
from dslapp.views.family import link_label
from ui import strings
from ui.dialogs.link_child import LinkChildDialog
from ui.formatting import dmy
from ui.operations.session import Session
from ui.widgets.common import Card, clear_layout, text_label


class ChildLinksCard(Card):
    open_child = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(strings.LINKS_TITLE, parent, icon="caseload")
        self.session = session
        self.links: list[ChildLink] = []
        self.dialog: LinkChildDialog | None = None
        self.list = QVBoxLayout()
        self.list.setSpacing(8)
        self.body.addLayout(self.list)

    def show_links(self, links: Sequence[ChildLink]) -> None:
        self.links = sorted(links, key=lambda link: (link.linked_on, link.created_at), reverse=True)
        clear_layout(self.list)
        if not self.links:
            self.list.addWidget(text_label(strings.LINKS_NONE, "Muted", wrap=True))
        for link in self.links:
            self.list.addWidget(self._block(link))

    def _block(self, link: ChildLink) -> QWidget:
        block = QWidget()
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 2, 0, 4)
        layout.setSpacing(2)
        top = QHBoxLayout()
        title = text_label(link_label(link), "Value", wrap=True)
        title.setStyleSheet("font-weight: 600;")
        top.addWidget(title, 1)
        top.addWidget(text_label(strings.LINKS_LINKED_ON.format(date=dmy(link.linked_on)), "Muted"))
        if link.other_child_id is not None:
            opener = QPushButton(strings.LINKS_OPEN_OTHER)
            opener.clicked.connect(lambda _checked=False, other=str(link.other_child_id): self.open_child.emit(other))
            top.addWidget(opener, 0, Qt.AlignmentFlag.AlignTop)
        amend = QPushButton(strings.LINKS_AMEND)
        amend.setAccessibleName(strings.LINKS_AMEND_NAME.format(date=dmy(link.linked_on)))
        amend.clicked.connect(lambda _checked=False, chosen=link: self.open_dialog(chosen))
        top.addWidget(amend, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(text_label(link.extract, "Value", wrap=True, selectable=True))
        return block

    def open_dialog(self, link: ChildLink) -> LinkChildDialog:
        self.dialog = LinkChildDialog(self.session, link=link, parent=self.window())
        self.dialog.open()
        return self.dialog
