""" "Export PDF…": where to save, an optional password (with a plain warning when there is none), then the
export runs on the DB worker with a progress dialog that can cancel it. Used for the chronology, the MASH
enquiry and the referral pack (the caller passes an exporter from ``ui.operations.chronology``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dslapp.errors import CasebookError, ExportCancelled
from dslapp.export.common import ExportResult
from dslapp.export.protect import MIN_PASSWORD_LENGTH
from ui import strings, theme
from ui.operations.chronology import Exporter, ExportProgress
from ui.operations.session import Session
from ui.widgets.common import field_label, set_invalid, text_label


class ExportPdfDialog(QDialog):
    """Emits ``exported(ExportResult)`` after the file is written (and audited by the service)."""

    exported = Signal(object)

    def __init__(
        self,
        session: Session,
        exporter: Exporter,
        *,
        title: str,
        default_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.exporter = exporter
        self.result_info: ExportResult | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.progress: ExportProgress | None = None
        self.message_box: QMessageBox | None = None
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(text_label(title, "PageTitle"))

        self.path = QLineEdit(str(Path.home() / default_name))
        self.path.setAccessibleName(strings.EXPORT_SAVE_AS)
        browse = QPushButton(strings.EXPORT_BROWSE)
        browse.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout.addWidget(field_label(strings.EXPORT_SAVE_AS, self.path))
        layout.addLayout(row)

        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(strings.EXPORT_PASSWORD_HINT.format(n=MIN_PASSWORD_LENGTH))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(field_label(strings.EXPORT_PASSWORD, self.password))
        layout.addWidget(self.password)
        layout.addWidget(field_label(strings.EXPORT_CONFIRM, self.confirm))
        layout.addWidget(self.confirm)

        self.warning = text_label("", wrap=True)
        self.warning.setAccessibleName(strings.EXPORT_PASSWORD)
        layout.addWidget(self.warning)
        self.error = text_label("", "InlineError", wrap=True)
        layout.addWidget(self.error)

        footer = QHBoxLayout()
        footer.addStretch(1)
        cancel = QPushButton(strings.CANCEL)
        cancel.clicked.connect(self.reject)
        self.export_button = QPushButton(theme.icon("check", theme.colours().accent_text), strings.EXPORT_GO)
        self.export_button.setObjectName("Primary")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        footer.addWidget(cancel)
        footer.addWidget(self.export_button)
        layout.addLayout(footer)
        self.password.textChanged.connect(self._update_warning)
        self._update_warning()
        self.session.closed.connect(self.reject)

    # ---- the form ------------------------------------------------------------------------------

    def _update_warning(self) -> None:
        c = theme.colours()
        if self.password.text():
            self.warning.setText(strings.EXPORT_ENCRYPTED)
            self.warning.setStyleSheet(f"color: {c.success}; padding: 8px; background: {c.success_soft};")
        else:
            self.warning.setText(strings.EXPORT_UNENCRYPTED)
            self.warning.setStyleSheet(
                f"color: {c.danger}; font-weight: 600; padding: 8px; background: {c.danger_soft};"
            )

    def choose_file(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, strings.EXPORT_SAVE_AS, self.path.text(), strings.EXPORT_PDF_FILTER
        )
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")

    def _fail(self, message: str, widget: QWidget | None = None) -> None:
        self.error.setText(message)
        if widget is not None:
            set_invalid(widget, True)
            widget.setFocus()

    def start(self) -> None:
        """Check the form, then run the export with a progress dialog (Cancel stops it)."""
        self.error.clear()
        for widget in (self.path, self.password, self.confirm):
            set_invalid(widget, False)
        text = self.path.text().strip()
        if not text:
            self._fail(strings.EXPORT_NEED_PATH, self.path)
            return
        out = Path(text).expanduser()
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        password = self.password.text()
        if password and len(password) < MIN_PASSWORD_LENGTH:
            self._fail(strings.EXPORT_SHORT_PASSWORD.format(n=MIN_PASSWORD_LENGTH), self.password)
            return
        if password != self.confirm.text():
            self._fail(strings.EXPORT_PASSWORD_MISMATCH, self.confirm)
            return
        self.export_button.setEnabled(False)
        self.progress = ExportProgress(self)
        dialog = QProgressDialog(strings.EXPORT_WORKING, strings.CANCEL, 0, 0, self)
        dialog.setWindowTitle(self.windowTitle())
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.progress.cancel)
        self.progress.advanced.connect(self._advanced)
        self.progress_dialog = dialog
        try:
            self.exporter(self.session, out, password or None, self.progress, self._done, self._failed)
        except CasebookError as error:  # locked meanwhile
            self._failed(error)

    def _advanced(self, done: int, total: int) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.setMaximum(max(1, total))
            self.progress_dialog.setValue(min(done, total))

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect()
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _done(self, result: Any) -> None:
        self._close_progress()
        self.result_info = result
        self.exported.emit(result)
        text = strings.EXPORT_DONE.format(path=result.path)
        if not result.encrypted:
            text += "\n\n" + strings.EXPORT_DONE_UNENCRYPTED
        box = QMessageBox(QMessageBox.Icon.Information, self.windowTitle(), text, QMessageBox.StandardButton.Ok)
        box.setParent(self.parentWidget() or self, box.windowFlags())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_box = box
        box.open()
        self.accept()

    def _failed(self, error: CasebookError) -> None:
        self._close_progress()
        self.export_button.setEnabled(True)
        if isinstance(error, ExportCancelled):
            self.error.setText(strings.EXPORT_CANCELLED)
            return
        self.error.setText(str(error))


def safe_file_name(kind: str, child: Any, on: Any) -> str:
    """A default file name with the child's initials only (the full name would be on a shared drive)."""
    initials = "".join(part[:1] for part in (child.legal_forename, child.legal_surname) if part).upper()
    return f"{kind}-{initials or 'child'}-{on:%Y-%m-%d}.pdf"
