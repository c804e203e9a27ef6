"""The unlock screen: choose who you are, type the passphrase, or use the recovery key.

A wrong passphrase is said inline and the field is ready to retry; nothing is slower than Argon2
itself. Argon2 runs on the worker thread, so the window stays responsive while it works.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dslapp.errors import CasebookError, VaultDamaged, WrongPassphrase
from dslapp.logs import LogEvent, log
from ui import strings, theme
from ui.operations import vault_ops
from ui.operations.runner import DbRunner
from ui.widgets.common import DemoBadge, field_label, set_invalid, text_label

if TYPE_CHECKING:
    from dslapp.services.casebook import Opened

CARD_WIDTH = 460


class UnlockPage(QWidget):
    """Emits ``opened(Opened)``; ``switch_requested`` with "demo", "real" or "setup"."""

    opened = Signal(object)
    switch_requested = Signal(str)
    recovery_requested = Signal()

    def __init__(
        self,
        runner: DbRunner,
        directory: Path,
        *,
        demo: bool,
        other: str = "",
        locked_note: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.directory = directory
        self.demo = demo
        self.setObjectName("UnlockPage")

        card = QFrame()
        card.setObjectName("Card")
        card.setFixedWidth(CARD_WIDTH)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.setSpacing(10)

        top = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(theme.app_icon().pixmap(QSize(48, 48)))
        top.addWidget(logo)
        top.addStretch(1)
        if demo:
            top.addWidget(DemoBadge(strings.DEMO_BADGE), 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(text_label(strings.UNLOCK_DEMO_TITLE if demo else strings.UNLOCK_TITLE, "PageTitle"))
        self.note = text_label(strings.UNLOCK_LOCKED_NOTE if locked_note else "", "PageSubtitle", wrap=True)
        self.note.setVisible(locked_note)
        layout.addWidget(self.note)
        layout.addSpacing(6)

        users = vault_ops.users_of(directory)
        self.user_combo = QComboBox()
        for user in users:
            self.user_combo.addItem(user.label, user.id)
        self.user_combo.setAccessibleName(strings.UNLOCK_WHO)
        who = field_label(strings.UNLOCK_WHO, self.user_combo)
        layout.addWidget(who)
        layout.addWidget(self.user_combo)

        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("Passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(field_label(strings.UNLOCK_PASSPHRASE, self.passphrase))
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.passphrase, 1)
        self.unlock_button = QPushButton(theme.icon("lock", theme.colours().accent_text), strings.UNLOCK_BUTTON)
        self.unlock_button.setObjectName("Primary")
        self.unlock_button.setDefault(True)
        self.unlock_button.setAccessibleName(strings.UNLOCK_BUTTON)
        row.addWidget(self.unlock_button)
        layout.addLayout(row)

        self.error = text_label("", "InlineError", wrap=True)
        self.error.setAccessibleName(strings.UNLOCK_MESSAGE_NAME)
        self.error.hide()
        layout.addWidget(self.error)
        # a damaged casebook: say so plainly and offer the newest good backup (issue 8)
        self.damaged_backup: Path | None = None
        self.restore_button = QPushButton(strings.UNLOCK_RESTORE_BUTTON)
        self.restore_button.setAccessibleName(strings.UNLOCK_RESTORE_BUTTON)
        self.restore_button.clicked.connect(self.restore_newest_backup)
        self.restore_button.hide()
        layout.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignLeft)

        if demo:
            hint = text_label(strings.UNLOCK_DEMO_HINT.format(passphrase=vault_ops.DEMO_PASSPHRASE), "Hint", wrap=True)
            layout.addWidget(hint)
            self.passphrase.setText(vault_ops.DEMO_PASSPHRASE)

        layout.addSpacing(4)
        links = QVBoxLayout()
        links.setSpacing(2)
        if not demo:
            self.recovery_link = QPushButton(strings.UNLOCK_RECOVERY)
            self.recovery_link.setObjectName("Link")
            self.recovery_link.clicked.connect(self.recovery_requested.emit)
            links.addWidget(self.recovery_link, 0, Qt.AlignmentFlag.AlignLeft)
        if other:
            text = {
                "demo": strings.UNLOCK_SWITCH_DEMO,
                "real": strings.UNLOCK_SWITCH_REAL,
                "setup": strings.UNLOCK_SETUP_REAL,
            }[other]
            switch = QPushButton(text)
            switch.setObjectName("Link")
            switch.clicked.connect(lambda: self.switch_requested.emit(other))
            links.addWidget(switch, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(links)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(card)
        centre.addStretch(1)
        outer.addLayout(centre)
        outer.addStretch(2)

        self.unlock_button.clicked.connect(self.unlock)
        self.passphrase.returnPressed.connect(self.unlock)
        self.passphrase.textEdited.connect(self._clear_error)
        self.setFocusProxy(self.passphrase)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.passphrase.setFocus()

    def _clear_error(self) -> None:
        self.error.hide()
        set_invalid(self.passphrase, False)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def unlock(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        text = self.passphrase.text()
        if not text:
            self.show_error(strings.UNLOCK_EMPTY)
            return
        self._set_busy(True)
        vault_ops.open_casebook(
            self.runner,
            self.directory,
            text,
            user_id=self.user_combo.currentData(),
            on_done=self._opened,
            on_error=self._failed,
        )

    def _set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        self.user_combo.setEnabled(not busy)
        self.unlock_button.setText(strings.UNLOCKING if busy else strings.UNLOCK_BUTTON)

    def _opened(self, opened: Opened) -> None:
        self._set_busy(False)
        self.passphrase.clear()
        self.opened.emit(opened)

    def _failed(self, error: CasebookError) -> None:
        self._set_busy(False)
        log(LogEvent.UNLOCK_FAILED, error=error)
        if isinstance(error, VaultDamaged):
            self._offer_restore(error.newest_backup)
            return
        self.show_error(str(error))
        if isinstance(error, WrongPassphrase):
            set_invalid(self.passphrase, True)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    # ---- damaged casebook -------------------------------------------------------------------------

    def offer_restore(self, newest: Path | None) -> None:
        """Show the damaged-casebook message and the restore button for ``newest`` (or say there is no backup)."""
        self._offer_restore(newest)

    def _offer_restore(self, newest: Path | None) -> None:
        self.damaged_backup = newest
        if newest is None:
            self.show_error(f"{strings.UNLOCK_DAMAGED} {strings.UNLOCK_DAMAGED_NO_BACKUP}")
            self.restore_button.hide()
            return
        when = vault_ops.backup_made_at(newest)
        self.show_error(f"{strings.UNLOCK_DAMAGED} {strings.UNLOCK_RESTORE_OFFER.format(when=when)}")
        self.restore_button.show()

    def restore_newest_backup(self) -> None:
        """Restore the offered backup (the damaged file is kept aside by ``backup.restore``), then unlock."""
        chosen = self.damaged_backup
        text = self.passphrase.text()
        if chosen is None:
            return
        if not text:
            self.show_error(strings.UNLOCK_EMPTY)
            return
        directory, user_id = self.directory, self.user_combo.currentData()
        self._set_busy(True)
        self.restore_button.setEnabled(False)
        self.restore_button.setText(strings.UNLOCK_RESTORING)

        def done(opened: Opened) -> None:
            self.restore_button.hide()
            self.restore_button.setText(strings.UNLOCK_RESTORE_BUTTON)
            self.restore_button.setEnabled(True)
            self.damaged_backup = None
            self._opened(opened)

        def failed(error: CasebookError) -> None:
            self.restore_button.setText(strings.UNLOCK_RESTORE_BUTTON)
            self.restore_button.setEnabled(True)
            self._failed(error)

        vault_ops.restore_and_open(self.runner, directory, chosen, text, user_id=user_id, on_done=done, on_error=failed)
