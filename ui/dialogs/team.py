"""Settings → Team (issue 18): start a team casebook, invite a deputy with a one-time code, remove a device.

Each dialog makes one call through ``ui/operations/team_ops``; the service audits it. Starting a team copies
the casebook (encrypted) out of this laptop, so, like an unencrypted export, it asks for the passphrase again
(``services.team.start_team`` checks it before anything is written). The enrolment code is shown once: it is
kept only in the dialog's label and cleared when the dialog closes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from dslapp.errors import CasebookError
from dslapp.text import dmy_hm
from ui import strings
from ui.operations import team_ops
from ui.operations.session import Session
from ui.widgets.common import dialog_page, field_label, text_label

if TYPE_CHECKING:
    from dslapp.services.results import Saved
    from dslapp.services.team import Invitation, TeamDevice, TeamStatus


def code_for_reading(code: str) -> str:
    """The code in groups of four, three groups a line: easy to read out and to check back."""
    groups = [g for g in code.replace(" ", "-").split("-") if g]
    return "\n".join("  ".join(groups[i : i + 3]) for i in range(0, len(groups), 3))


class _FittedDialog(QDialog):
    """A dialog of wrapped paragraphs: tall enough for them at its width when shown and when its text changes
    (a top-level window's size hint alone leaves wrapped labels cut short)."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit()

    def fit(self) -> None:
        layout = self.layout()
        if layout is not None:
            layout.activate()
            self.resize(self.width(), max(self.height(), layout.totalHeightForWidth(self.width())))


class StartTeamDialog(_FittedDialog):
    """Choose the synced folder, type the passphrase again, and make this casebook the team's first device."""

    started = Signal(object)  # the TeamStatus after starting

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = dialog_page(self, strings.TEAM_START_TITLE, min_width=560)
        layout.addWidget(text_label(strings.TEAM_START_TEXT, "PageSubtitle", wrap=True))
        form = QFormLayout()
        form.setSpacing(10)
        self.folder = QLineEdit()
        browse = QPushButton(strings.TEAM_START_BROWSE)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow(field_label(strings.TEAM_START_FOLDER, self.folder), row)
        form.addRow("", text_label(strings.TEAM_START_FOLDER_HINT, "Hint", wrap=True))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(field_label(strings.TEAM_START_PASSPHRASE, self.passphrase), self.passphrase)
        layout.addLayout(form)
        self.error = text_label("", "InlineError", wrap=True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = self.buttons.addButton(strings.TEAM_START_BUTTON, QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setObjectName("Primary")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, strings.TEAM_START_FOLDER, self.folder.text(), QFileDialog.Option.ShowDirsOnly
        )
        if chosen:
            self.folder.setText(chosen)

    def submit(self) -> None:
        folder = self.folder.text().strip()
        entered = self.passphrase.text()
        if not folder or not entered:
            self.error.setText(strings.TEAM_START_NEED_FOLDER if not folder else strings.TEAM_START_NEED_PASSPHRASE)
            self.fit()
            return
        self.error.setText(strings.WORKING)
        self.buttons.setEnabled(False)
        team_ops.start_team(self.session, Path(folder).expanduser(), entered, self._done, self._failed, owner=self)

    def _done(self, saved: Saved[TeamStatus]) -> None:
        self.passphrase.clear()
        self.buttons.setEnabled(True)
        self.error.setText("")
        self.started.emit(saved.value)
        self.accept()

    def _failed(self, error: CasebookError) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(str(error))
        self.fit()
        self.passphrase.selectAll()
        self.passphrase.setFocus()


class InviteDialog(_FittedDialog):
    """Makes an enrolment code as it opens and shows it once, large, with when it expires and what comes next."""

    invited = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = dialog_page(self, strings.TEAM_INVITE_TITLE, min_width=560)
        self.intro = text_label(strings.TEAM_INVITE_MAKING, "PageSubtitle", wrap=True)
        layout.addWidget(self.intro)
        self.code = text_label("", "EnrolmentCode", selectable=True)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setAccessibleName(strings.TEAM_INVITE_CODE_NAME)
        self.code.setVisible(False)
        layout.addWidget(self.code)
        self.expires = text_label("", "FieldLabel", wrap=True)
        self.expires.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.expires)
        layout.addSpacing(6)
        self.next_title = text_label(strings.TEAM_INVITE_NEXT_TITLE, "SectionTitle")
        self.next_steps = text_label(strings.TEAM_INVITE_NEXT, "", wrap=True)
        for widget in (self.next_title, self.next_steps):
            widget.setVisible(False)
            layout.addWidget(widget)
        self.error = text_label("", "InlineError", wrap=True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox()
        self.done_button = self.buttons.addButton(strings.TEAM_INVITE_DONE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.setObjectName("Primary")
        self.done_button.setEnabled(False)
        self.close_button = self.buttons.addButton(strings.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        team_ops.invite(session, self._made, self._failed, owner=self)

    def _made(self, saved: Saved[Invitation]) -> None:
        invitation = saved.value
        self.intro.setText(strings.TEAM_INVITE_TEXT)
        self.code.setText(code_for_reading(invitation.code))
        self.code.setVisible(True)
        self.expires.setText(strings.TEAM_INVITE_EXPIRES.format(when=dmy_hm(invitation.expires_at.astimezone())))
        for widget in (self.next_title, self.next_steps):
            widget.setVisible(True)
        self.close_button.setVisible(False)
        self.done_button.setEnabled(True)
        self.done_button.setFocus()
        self.fit()
        self.invited.emit()

    def _failed(self, error: CasebookError) -> None:
        self.intro.setText("")
        self.error.setText(str(error))
        self.close_button.setText(strings.CLOSE)
        self.fit()

    def done(self, result: int) -> None:
        self._forget()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._forget()
        super().closeEvent(event)

    def _forget(self) -> None:
        """Shown once: the code goes with the window."""
        self.code.clear()
        self.code.setVisible(False)


class RemoveDeviceDialog(_FittedDialog):
    """The team's other devices; choosing one says what that laptop still holds before it is removed."""

    removed = Signal(object)  # the TeamStatus after removing

    def __init__(self, session: Session, state: TeamStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = dialog_page(self, strings.TEAM_REMOVE_TITLE, subtitle=strings.TEAM_REMOVE_TEXT, min_width=560)
        layout.addWidget(text_label(strings.TEAM_REMOVE_LIST, "SectionTitle"))
        self.devices = QListWidget()
        self.devices.setAccessibleName(strings.TEAM_REMOVE_LIST)
        self.devices.setMaximumHeight(130)
        self._chosen: dict[str, str] = {}
        for device in state.devices:
            if device.this_device or device.removed:
                continue
            label = _device_label(device)
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, device.device_id)
            self.devices.addItem(item)
            self._chosen[device.device_id] = label
        layout.addWidget(self.devices)
        self.holds = text_label(strings.TEAM_REMOVE_PICK if self._chosen else strings.TEAM_REMOVE_NONE, "", wrap=True)
        layout.addWidget(self.holds)
        self.lost = text_label(strings.TEAM_REMOVE_LOST, "Hint", wrap=True)
        layout.addWidget(self.lost)
        self.error = text_label("", "InlineError", wrap=True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.remove_button = self.buttons.addButton(strings.TEAM_REMOVE_BUTTON, QDialogButtonBox.ButtonRole.AcceptRole)
        self.remove_button.setObjectName("Danger")
        self.remove_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.devices.currentItemChanged.connect(self._picked)

    def chosen_device(self) -> str | None:
        item = self.devices.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _picked(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.error.setText("")
        self.remove_button.setEnabled(item is not None)
        if item is None:
            self.holds.setText(strings.TEAM_REMOVE_PICK)
            return
        self.holds.setText(strings.TEAM_REMOVE_HOLDS.format(name=item.text()))
        self.fit()

    def submit(self) -> None:
        device_id = self.chosen_device()
        if device_id is None:
            self.error.setText(strings.TEAM_REMOVE_PICK)
            return
        self.error.setText(strings.WORKING)
        self.buttons.setEnabled(False)
        team_ops.remove_device(self.session, device_id, self._done, self._failed, owner=self)

    def _done(self, saved: Saved[TeamStatus]) -> None:
        self.buttons.setEnabled(True)
        self.removed.emit(saved.value)
        self.accept()

    def _failed(self, error: CasebookError) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(str(error))
        self.fit()


def _device_label(device: TeamDevice) -> str:
    short = device.device_id[:8]
    if not device.role:  # an invitation made but not yet used to join
        return strings.TEAM_REMOVE_INVITED.format(short=short)
    return strings.TEAM_REMOVE_DEVICE.format(name=device.name, role=device.role, short=short)
