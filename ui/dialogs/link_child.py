"""Link another child of the school to a concern, with an extract for their file; or amend an extract
(``services.family``)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from dslapp.errors import CasebookError
from dslapp.models import ChildLink, Concern, LinkRelationship
from dslapp.services.children import ChildSummary
from ui import strings
from ui.formatting import dmy
from ui.operations import family as ops
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.common import dialog_page, field_label, set_invalid, text_label


class LinkChildDialog(QDialog):
    """With ``concern``: choose the other child (from ``children``), how they are involved, and the extract.
    With ``link``: amend its relationship or extract (a reason required)."""

    saved = Signal(object)  # the ChildLink

    def __init__(
        self,
        session: Session,
        *,
        concern: Concern | None = None,
        children: Sequence[ChildSummary] = (),
        link: ChildLink | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.concern = concern
        self.link = link
        title = strings.LINK_DIALOG_AMEND_TITLE if link else strings.LINK_DIALOG_TITLE
        layout = dialog_page(self, title, subtitle=strings.LINK_DIALOG_TEXT, min_width=640, spacing=10)
        form = QFormLayout()
        form.setSpacing(9)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.child = QComboBox()
        own = str(concern.child_id) if concern else ""
        for child in children:
            if child.id != own:
                self.child.addItem(f"{child.display_name} ({dmy(child.dob)}, {child.year_group or '—'})", child.id)
        self.relationship = QComboBox()
        for relationship in LinkRelationship:
            label = relationship.label
            self.relationship.addItem(label[:1].upper() + label[1:], relationship.value)
        self.extract = QPlainTextEdit()
        self.extract.setPlaceholderText(strings.LINK_EXTRACT_PLACEHOLDER)
        self.extract.setFixedHeight(110)
        self.reason = QLineEdit()
        if link is None:
            form.addRow(field_label(strings.LINK_CHILD, self.child), self.child)
        form.addRow(field_label(strings.LINK_RELATIONSHIP, self.relationship), self.relationship)
        form.addRow(field_label(strings.LINK_EXTRACT, self.extract), self.extract)
        if link is not None:
            self.relationship.setCurrentIndex(max(0, self.relationship.findData(link.relationship.value)))
            self.extract.setPlainText(link.extract)
            form.addRow(field_label(strings.LINK_REASON, self.reason), self.reason)
        layout.addLayout(form)
        self.error = text_label("", "InlineError", wrap=True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(strings.LINK_SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("Primary")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        extract = self.extract.toPlainText().strip()
        set_invalid(self.extract, not extract)
        if not extract:
            self.error.setText(strings.LINK_NEED_EXTRACT)
            return
        relationship = str(self.relationship.currentData())
        if self.link is not None:
            reason = self.reason.text().strip()
            if not reason:
                set_invalid(self.reason, True)
                self.error.setText(strings.LINK_NEED_REASON)
                return
            changes = {"relationship": relationship, "extract": extract}
            self.save_button.setEnabled(False)
            ops.amend_link(self.session, str(self.link.id), reason, changes, self._saved, self._failed)
            return
        if self.concern is None or not self.child.currentData():
            return
        self.save_button.setEnabled(False)
        ops.link_child(
            self.session,
            str(self.concern.id),
            str(self.child.currentData()),
            relationship,
            extract,
            self._saved,
            self._failed,
        )

    def _saved(self, saved: Saved[ChildLink]) -> None:
        self.saved.emit(saved.value)
        self.accept()

    def _failed(self, error: CasebookError) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(str(error))
