"""Exports that leave the vault unencrypted: the whole casebook as plain SQLite, or one child's case bundle.

Both warn in plain words that the file is not encrypted and need the passphrase typed again
(``confirm_passphrase``); the export itself is audited by the core (``backup.export_plain``,
``bundle.export_bundle``). Nothing is written until the passphrase has been checked.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from dslapp.errors import CasebookError
from ui import strings
from ui.operations import attachment_ops, casework, vault_ops
from ui.operations.session import Session
from ui.widgets.common import dialog_page, field_label, text_label


class UnencryptedExportDialog(QDialog):
    """``attachment_id`` given: one attached file; ``child_id`` given: that child's case bundle (JSON). Otherwise:
    the whole casebook (plain SQLite)."""

    exported = Signal(object)  # the Path written

    def __init__(
        self,
        session: Session,
        *,
        child_id: str | None = None,
        attachment_id: str | None = None,
        default_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.child_id = child_id
        self.attachment_id = attachment_id
        title = strings.EXPORT_BUNDLE_CHILD if child_id else strings.SETTINGS_EXPORT_PLAIN
        if attachment_id:
            title = strings.ATTACH_EXPORT_TITLE
        layout = dialog_page(self, title, heading=strings.EXPORT_UNENCRYPTED_TITLE, min_width=520)
        self.warning = text_label(strings.EXPORT_UNENCRYPTED_WARNING, "InlineError", wrap=True)
        layout.addWidget(self.warning)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(field_label(strings.UNLOCK_PASSPHRASE, self.passphrase), self.passphrase)
        self.path = QLineEdit(str(default_path) if default_path else "")
        browse = QPushButton(strings.EXPORT_BROWSE)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(field_label(strings.EXPORT_SAVE_TO, self.path), row)
        layout.addLayout(form)
        self.error = text_label("", "InlineError", wrap=True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        wanted = strings.EXPORT_BUNDLE_FILTER if self.child_id else strings.EXPORT_PLAIN_FILTER
        if self.attachment_id:
            wanted = strings.ATTACH_EXPORT_FILTER.format(ext=Path(self.path.text()).suffix.lstrip(".") or "*")
        chosen, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), self.path.text(), wanted)
        if chosen:
            self.path.setText(chosen)

    def submit(self) -> None:
        entered = self.passphrase.text()
        target = self.path.text().strip()
        if not entered:
            self.error.setText(strings.UNLOCK_EMPTY)
            return
        if not target:
            self.error.setText(strings.EXPORT_NEED_FILE_PATH)
            return
        out = Path(target).expanduser()
        child_id = self.child_id

        self.error.setText(strings.WORKING)
        self.buttons.setEnabled(False)
        if self.attachment_id:  # WrongPassphrase: nothing is written
            attachment_ops.export_copy(
                self.session, entered, self.attachment_id, out, self._done, self._failed, owner=self
            )
        elif child_id:  # WrongPassphrase from either: nothing is written
            casework.export_bundle(self.session, entered, child_id, out, self._done, self._failed, owner=self)
        else:
            vault_ops.export_plain(self.session, entered, out, self._done, self._failed, owner=self)

    def _done(self, out: Path) -> None:
        self.passphrase.clear()
        self.buttons.setEnabled(True)
        self.error.setText("")
        self.exported.emit(out)
        self.accept()

    def _failed(self, error: CasebookError) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(str(error))
        self.passphrase.selectAll()
