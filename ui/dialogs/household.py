"""Add a child to a child's household (``services.family.join_household``): choose the child, say why."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from dslapp.errors import CasebookError
from dslapp.models import Household
from dslapp.services.children import ChildSummary
from ui import strings
from ui.formatting import dmy
from ui.operations import family as ops
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.common import dialog_page, field_label, text_label


class JoinHouseholdDialog(QDialog):
    saved = Signal(object)  # the Household

    def __init__(
        self,
        session: Session,
        child: ChildSummary,
        others: Sequence[ChildSummary],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.child = child
        layout = dialog_page(self, strings.HOUSEHOLD_PICK_TITLE, min_width=560, spacing=10)
        layout.addWidget(
            text_label(strings.HOUSEHOLD_PICK_TEXT.format(name=child.display_name), "PageSubtitle", wrap=True)
        )
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.other = QComboBox()
        for other in others:
            self.other.addItem(f"{other.display_name} ({dmy(other.dob)}, {other.year_group or '—'})", other.id)
        self.reason = QLineEdit(strings.HOUSEHOLD_PICK_REASON_DEFAULT)
        form.addRow(field_label(strings.HOUSEHOLD_ADD_NAME, self.other), self.other)
        form.addRow(field_label(strings.HOUSEHOLD_PICK_REASON, self.reason), self.reason)
        layout.addLayout(form)
        self.error = text_label("" if others else strings.HOUSEHOLD_NO_OTHERS, "InlineError", wrap=True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(strings.STATUTORY_SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("Primary")
        self.save_button.setEnabled(bool(others))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        other_id = self.other.currentData()
        if not other_id:
            return
        self.save_button.setEnabled(False)
        name = strings.HOUSEHOLD_DEFAULT_NAME.format(surname=self.child.legal_surname)
        reason = self.reason.text().strip() or strings.HOUSEHOLD_PICK_REASON_DEFAULT
        ops.join_household(self.session, self.child.id, str(other_id), name, reason, self._saved, self._failed)

    def _saved(self, saved: Saved[Household]) -> None:
        self.saved.emit(saved.value)
        self.accept()

    def _failed(self, error: CasebookError) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(str(error))
