"""The unlock screen: choose who you are, type the passphrase, or use the recovery key.

A wrong passphrase is said inline and the field is ready to retry; nothing is slower than Argon2
itself. Argon2 runs on the worker thread, so the window stays responsive while it works.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
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

from dslapp.errors import CasebookError, WrongPassphrase
from ui import strings, theme
from ui.operations import vault_ops
from ui.operations.runner import DbRunner
from ui.operations.vault_ops import Opened
from ui.widgets.common import DemoBadge, field_label, set_invalid, text_label

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
        self.error.setAccessibleName("Unlock message")
        self.error.hide()
        layout.addWidget(self.error)

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

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
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
        self.show_error(str(error))
        if isinstance(error, WrongPassphrase):
            set_invalid(self.passphrase, True)
        self.passphrase.selectAll()
        self.passphrase.setFocus()
