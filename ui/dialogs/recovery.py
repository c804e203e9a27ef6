"""Use the printed recovery key to set a new passphrase (and unlock)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from dslapp.errors import CasebookError
from ui import passphrase, strings
from ui.operations import vault_ops
from ui.operations.runner import DbRunner
from ui.widgets.common import dialog_page, field_label, text_label
from ui.windows.setup_wizard import StrengthMeter

if TYPE_CHECKING:
    from dslapp.services.casebook import Opened


class RecoveryDialog(QDialog):
    opened = Signal(object)

    def __init__(self, runner: DbRunner, directory: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.directory = directory
        layout = dialog_page(self, strings.RECOVERY_TITLE, subtitle=strings.RECOVERY_TEXT, min_width=560, spacing=10)
        form = QFormLayout()
        form.setSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.user_combo = QComboBox()
        for user in vault_ops.users_of(directory):
            self.user_combo.addItem(user.label, user.id)
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("RecoveryKey")
        self.key_edit.setPlaceholderText(strings.RECOVERY_KEY_PLACEHOLDER)
        self.new_edit = QLineEdit()
        self.new_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = StrengthMeter()
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(field_label(strings.RECOVERY_FOR, self.user_combo), self.user_combo)
        form.addRow(field_label(strings.RECOVERY_KEY, self.key_edit), self.key_edit)
        form.addRow(field_label(strings.RECOVERY_NEW, self.new_edit), self.new_edit)
        form.addRow("", self.meter)
        form.addRow(field_label(strings.RECOVERY_CONFIRM, self.confirm_edit), self.confirm_edit)
        layout.addLayout(form)
        self.error = text_label("", "InlineError", wrap=True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(strings.RECOVERY_BUTTON, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("Primary")
        self.buttons.addButton(strings.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.new_edit.textChanged.connect(lambda t: self.meter.update_for(t, ()))

    def submit(self) -> None:
        if not self.key_edit.text().strip():
            self.error.setText(strings.RECOVERY_NEED_KEY)
            return
        if not passphrase.estimate(self.new_edit.text()).acceptable:
            self.error.setText(strings.SETUP_PASS_TOO_WEAK)
            return
        if self.new_edit.text() != self.confirm_edit.text():
            self.error.setText(strings.SETUP_PASS_MISMATCH)
            return
        self.ok_button.setEnabled(False)
        self.error.setText(strings.UNLOCKING)
        vault_ops.open_with_recovery_key(
            self.runner,
            self.directory,
            self.key_edit.text(),
            self.new_edit.text(),
            user_id=self.user_combo.currentData(),
            on_done=self._opened,
            on_error=self._failed,
        )

    def _opened(self, opened: Opened) -> None:
        self.opened.emit(opened)
        self.accept()

    def _failed(self, error: CasebookError) -> None:
        self.ok_button.setEnabled(True)
        self.error.setText(str(error))
        self.key_edit.setFocus()
