"""Settings (no case data): when to lock, when to clear the clipboard, and who can unlock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dslapp.config import Settings
from dslapp.errors import CasebookError
from ui import passphrase, strings
from ui.dialogs.team import InviteDialog, RemoveDeviceDialog, StartTeamDialog
from ui.formatting import dmy
from ui.operations import staff_ops, team_ops, vault_ops
from ui.operations.session import Session
from ui.operations.staff_ops import ReportingState
from ui.widgets.common import dialog_page, field_label, text_label

if TYPE_CHECKING:
    from dslapp.services.team import TeamStatus


def short_when(iso: str) -> str:
    """dd/mm/yyyy HH:MM, local time."""
    return datetime.fromisoformat(iso).astimezone().strftime("%d/%m/%Y %H:%M")


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, session: Session | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.session = session
        layout = dialog_page(self, strings.SETTINGS_TITLE, min_width=520, spacing=10)
        form = QFormLayout()
        form.setSpacing(10)
        self.idle = QSpinBox()
        self.idle.setRange(1, 60)
        self.idle.setValue(settings.idle_lock_minutes)
        self.clipboard = QSpinBox()
        self.clipboard.setRange(5, 120)
        self.clipboard.setValue(settings.clipboard_clear_seconds)
        form.addRow(field_label(strings.SETTINGS_IDLE, self.idle), self.idle)
        form.addRow(field_label(strings.SETTINGS_CLIPBOARD, self.clipboard), self.clipboard)
        self.backups_daily = QSpinBox()
        self.backups_daily.setRange(1, 60)
        self.backups_daily.setValue(settings.backups_daily)
        self.backups_weekly = QSpinBox()
        self.backups_weekly.setRange(0, 104)
        self.backups_weekly.setValue(settings.backups_weekly)
        form.addRow(field_label(strings.SETTINGS_BACKUPS_DAILY, self.backups_daily), self.backups_daily)
        form.addRow(field_label(strings.SETTINGS_BACKUPS_WEEKLY, self.backups_weekly), self.backups_weekly)
        layout.addLayout(form)
        if session is not None and session.is_open:
            layout.addSpacing(8)
            layout.addWidget(text_label(strings.SETTINGS_USERS, "SectionTitle"))
            self.users = QListWidget()
            self.users.setAccessibleName(strings.SETTINGS_USERS)
            self.users.setMaximumHeight(110)
            for user in vault_ops.users_of(session.directory):
                self.users.addItem(user.label)
            layout.addWidget(self.users)
            row = QHBoxLayout()
            add = QPushButton(strings.SETTINGS_ADD_DEPUTY)
            add.clicked.connect(self._add_deputy)
            change = QPushButton(strings.SETTINGS_CHANGE_PASS)
            change.clicked.connect(self._change_passphrase)
            row.addWidget(add)
            row.addWidget(change)
            row.addStretch(1)
            layout.addLayout(row)
            if session.demo:
                add.setEnabled(False)
                change.setEnabled(False)
            self._add_backup_row(layout, session)
            self._add_team_row(layout, session)
            self._add_staff_row(layout, session)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.settings.idle_lock_minutes = self.idle.value()
        self.settings.clipboard_clear_seconds = self.clipboard.value()
        self.settings.backups_daily = self.backups_daily.value()
        self.settings.backups_weekly = self.backups_weekly.value()
        self.settings.save()
        super().accept()

    # ---- backups and the unencrypted whole-casebook export (issue 8) ------------------------------

    def _add_backup_row(self, layout: QVBoxLayout, session: Session) -> None:
        layout.addSpacing(8)
        layout.addWidget(text_label(strings.SETTINGS_BACKUPS, "SectionTitle"))
        row = QHBoxLayout()
        self.backup_now_button = QPushButton(strings.SETTINGS_BACKUP_NOW)
        self.backup_now_button.clicked.connect(self.backup_now)
        self.export_plain_button = QPushButton(strings.SETTINGS_EXPORT_PLAIN)
        self.export_plain_button.clicked.connect(self.export_plain)
        row.addWidget(self.backup_now_button)
        row.addWidget(self.export_plain_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.backup_status = text_label("", "Hint", wrap=True)
        layout.addWidget(self.backup_status)
        self.held_note = text_label("", "Hint", wrap=True)
        self.release_held_button = QPushButton(strings.SETTINGS_BACKUPS_RELEASE)
        self.release_held_button.clicked.connect(self.release_held)
        layout.addWidget(self.held_note)
        layout.addWidget(self.release_held_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._show_held(0)
        self.export_dialog: QDialog | None = None
        vault_ops.count_held_backups(session, self._show_held, owner=self)

    def _show_held(self, count: int) -> None:
        """Backups kept back because they hold far more records than the casebook now does (issue 12)."""
        text = strings.SETTINGS_BACKUPS_HELD_ONE if count == 1 else strings.SETTINGS_BACKUPS_HELD.format(n=count)
        self.held_note.setText(text if count else "")
        self.held_note.setVisible(bool(count))
        self.release_held_button.setVisible(bool(count))

    def release_held(self) -> None:
        assert self.session is not None
        answer = QMessageBox.question(
            self,
            strings.SETTINGS_BACKUPS,
            strings.SETTINGS_BACKUPS_RELEASE_CONFIRM,
            defaultButton=QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        vault_ops.confirm_smaller_casebook(self.session, lambda _r: self._show_held(0), self._backup_failed, owner=self)

    def backup_now(self) -> None:
        """A verified automatic backup now (even if nothing changed), rolled with the counts shown."""
        assert self.session is not None
        chosen = Settings(backups_daily=self.backups_daily.value(), backups_weekly=self.backups_weekly.value())
        self.backup_now_button.setEnabled(False)
        self.backup_status.setText(strings.WORKING)
        vault_ops.back_up_now(self.session, chosen, self._backed_up, self._backup_failed, owner=self)

    def _backed_up(self, made: tuple[str, int]) -> None:
        name, held = made
        self.backup_now_button.setEnabled(True)
        self.backup_status.setText(strings.SETTINGS_BACKUP_DONE.format(name=name))
        self._show_held(held)

    def _backup_failed(self, error: CasebookError) -> None:
        self.backup_now_button.setEnabled(True)
        self.backup_status.setText(str(error))

    def export_plain(self) -> QDialog:
        assert self.session is not None
        from ui.dialogs.unencrypted_export import UnencryptedExportDialog

        dialog = UnencryptedExportDialog(self.session, parent=self)
        dialog.exported.connect(
            lambda out: self.backup_status.setText(strings.EXPORT_UNENCRYPTED_DONE.format(path=out))
        )
        self.export_dialog = dialog
        dialog.open()
        return dialog

    # ---- the team casebook (issue 18) -------------------------------------------------------------------

    def _add_team_row(self, layout: QVBoxLayout, session: Session) -> None:
        layout.addSpacing(8)
        layout.addWidget(text_label(strings.SETTINGS_TEAM, "SectionTitle"))
        self.team_status = text_label("", "Hint", wrap=True)
        self.team_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.team_status)
        self.team_merge_button = QPushButton(strings.SETTINGS_TEAM_MERGE)
        self.team_merge_button.clicked.connect(self.merge_team_now)
        self.team_merge_button.setVisible(False)
        self._add_team_actions(layout, session)
        team_ops.load_status(session, self.show_team_status, owner=self)

    def _add_team_actions(self, layout: QVBoxLayout, session: Session) -> None:
        """Start a team casebook (not yet in one); invite a deputy and remove a device (in one)."""
        self.team_state: TeamStatus | None = None
        self.team_dialog: QDialog | None = None
        row = QHBoxLayout()
        row.addWidget(self.team_merge_button)
        self.team_start_button = QPushButton(strings.TEAM_START)
        self.team_start_button.clicked.connect(self.start_team)
        self.team_invite_button = QPushButton(strings.TEAM_INVITE)
        self.team_invite_button.clicked.connect(self.invite_deputy)
        self.team_remove_button = QPushButton(strings.TEAM_REMOVE)
        self.team_remove_button.clicked.connect(self.remove_device)
        for button in (self.team_start_button, self.team_invite_button, self.team_remove_button):
            button.setVisible(False)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.team_note = text_label(strings.TEAM_DEMO_NOTE if session.demo else "", "Hint", wrap=True)
        self.team_note.setVisible(session.demo)
        layout.addWidget(self.team_note)

    def show_team_status(self, state: TeamStatus) -> None:
        """The status line: last merge, changes still to send, files waiting, and any rejected file."""
        self.team_merge_button.setVisible(state.in_team and not state.removed)
        self.team_merge_button.setEnabled(True)
        self.team_state = state
        demo = self.session is not None and self.session.demo  # the demo stays a team of one
        self.team_start_button.setVisible(not state.in_team and not demo)
        self.team_invite_button.setVisible(state.in_team and not state.removed)
        self.team_remove_button.setVisible(state.in_team and not state.removed)
        if not state.in_team:
            self.team_status.setText(strings.SETTINGS_TEAM_NONE)
            return
        when = short_when(state.last_merge) if state.last_merge else strings.SETTINGS_TEAM_NEVER
        lines = [strings.SETTINGS_TEAM_STATUS.format(when=when, pending=state.pending, waiting=state.waiting)]
        if state.removed:
            lines.append(strings.SETTINGS_TEAM_REMOVED)
        if state.rejected:
            lines.append(strings.SETTINGS_TEAM_REJECTED.format(n=len(state.rejected), first=state.rejected[0]))
        names = ", ".join(d.name for d in state.devices if not d.removed)
        lines.append(strings.SETTINGS_TEAM_DEVICES.format(names=names))
        self.team_status.setText("\n".join(lines))

    def merge_team_now(self) -> None:
        assert self.session is not None
        self.team_merge_button.setEnabled(False)
        self.team_status.setText(strings.WORKING)
        team_ops.merge_now(self.session, self._team_merged, self._team_failed, owner=self)

    def _team_merged(self, _report: object) -> None:
        assert self.session is not None
        team_ops.load_status(self.session, self.show_team_status, owner=self)

    def _team_failed(self, error: CasebookError) -> None:
        self.team_merge_button.setEnabled(True)
        self.team_status.setText(str(error))

    def start_team(self) -> QDialog:
        assert self.session is not None
        dialog = StartTeamDialog(self.session, parent=self)
        dialog.started.connect(self._team_started)
        return self._open_team_dialog(dialog)

    def _team_started(self, state: TeamStatus) -> None:
        self.show_team_status(state)
        self.team_status.setText(f"{strings.TEAM_STARTED.format(folder=state.folder)}\n{self.team_status.text()}")

    def invite_deputy(self) -> QDialog:
        assert self.session is not None
        dialog = InviteDialog(self.session, parent=self)
        dialog.finished.connect(self._team_merged)  # the invited device now shows in the status line
        return self._open_team_dialog(dialog)

    def remove_device(self) -> QDialog:
        assert self.session is not None and self.team_state is not None
        dialog = RemoveDeviceDialog(self.session, self.team_state, parent=self)
        dialog.removed.connect(self.show_team_status)
        return self._open_team_dialog(dialog)

    def _open_team_dialog(self, dialog: QDialog) -> QDialog:
        self.team_dialog = dialog
        dialog.open()
        return dialog

    # ---- staff reporting (issue 19) ------------------------------------------------------------------------

    def _add_staff_row(self, layout: QVBoxLayout, session: Session) -> None:
        layout.addSpacing(8)
        layout.addWidget(text_label(strings.SETTINGS_STAFF, "SectionTitle"))
        self.staff_status = text_label("", "Hint", wrap=True)
        self.staff_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.staff_status)
        row = QHBoxLayout()
        self.staff_export_button = QPushButton(strings.SETTINGS_STAFF_CREATE)
        self.staff_export_button.clicked.connect(lambda: self.export_staff_config())
        self.staff_rotate_button = QPushButton(strings.SETTINGS_STAFF_ROTATE)
        self.staff_rotate_button.clicked.connect(self._rotate_staff_key)
        self.staff_folder_button = QPushButton(strings.SETTINGS_STAFF_FOLDER)
        self.staff_folder_button.clicked.connect(self._choose_staff_folder)
        for button in (self.staff_export_button, self.staff_rotate_button, self.staff_folder_button):
            row.addWidget(button)
            button.setEnabled(not session.demo)
        row.addStretch(1)
        layout.addLayout(row)
        self.staff_drop: Path | None = None
        self.staff_has_key = False
        self.staff_exported = ""
        staff_ops.load_reporting(session, self.show_staff_status, owner=self)

    def show_staff_status(self, state: ReportingState) -> None:
        self.staff_has_key = bool(state.key_id)
        self.staff_rotate_button.setVisible(self.staff_has_key)
        self.staff_export_button.setText(
            strings.SETTINGS_STAFF_EXPORT if self.staff_has_key else strings.SETTINGS_STAFF_CREATE
        )
        if not state.key_id:
            self.staff_status.setText(strings.SETTINGS_STAFF_NONE)
            return
        folders = ", ".join(state.drop_folders) or strings.SETTINGS_STAFF_NO_FOLDER
        lines = [
            strings.SETTINGS_STAFF_STATUS.format(
                key=state.key_id, created=dmy(state.created_on), count=state.keys, folders=folders
            )
        ]
        if state.rejected:
            lines.append(strings.SETTINGS_STAFF_REJECTED.format(n=len(state.rejected), first=state.rejected[0]))
        if self.staff_exported:
            lines.append(self.staff_exported)
        self.staff_status.setText("\n".join(lines))
        # the status may have grown by a line or two: grow to fit, never shrink what is there
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _choose_staff_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, strings.SETTINGS_STAFF_FOLDER)
        if chosen:
            self.staff_drop = Path(chosen)

    def _rotate_staff_key(self) -> None:
        answer = QMessageBox.question(self, strings.SETTINGS_STAFF, strings.SETTINGS_STAFF_ROTATE_CONFIRM)
        if answer == QMessageBox.StandardButton.Yes:
            self.export_staff_config(rotate=True)

    def export_staff_config(self, out: Path | None = None, *, rotate: bool = False) -> None:
        """Create the key if there is none (or rotate it), then save the staff configuration file."""
        assert self.session is not None
        if out is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, strings.SETTINGS_STAFF_SAVE_AS, strings.SETTINGS_STAFF_FILE_NAME, strings.SETTINGS_STAFF_FILTER
            )
            if not chosen:
                return
            out = Path(chosen)
        staff_ops.export_staff_config(
            self.session,
            out,
            rotate=rotate or not self.staff_has_key,
            drop=self.staff_drop,
            on_done=lambda _saved: self._staff_exported(out),
            on_error=lambda error: self.staff_status.setText(str(error)),
            owner=self,
        )

    def _staff_exported(self, out: Path) -> None:
        assert self.session is not None
        self.staff_exported = strings.SETTINGS_STAFF_EXPORTED.format(path=out)
        staff_ops.load_reporting(self.session, self.show_staff_status, owner=self)

    def _add_deputy(self) -> None:
        assert self.session is not None
        dialog = PassphraseDialog(self.session, add_user=True, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.users.clear()
            for user in vault_ops.users_of(self.session.directory):
                self.users.addItem(user.label)

    def _change_passphrase(self) -> None:
        assert self.session is not None
        PassphraseDialog(self.session, add_user=False, parent=self).exec()


class PassphraseDialog(QDialog):
    """Add a deputy DSL (name, role, their passphrase) or change my own passphrase."""

    def __init__(self, session: Session, *, add_user: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.add_user = add_user
        title = strings.ADD_DEPUTY_TITLE if add_user else strings.CHANGE_PASS_TITLE
        layout = dialog_page(self, title, subtitle=strings.ADD_DEPUTY_TEXT if add_user else "", min_width=480)
        form = QFormLayout()
        form.setSpacing(10)
        self.name = QLineEdit()
        self.role = QComboBox()
        self.role.addItems(list(reversed(strings.ROLES)))
        self.current = QLineEdit()
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.new = QLineEdit()
        self.new.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        if add_user:
            form.addRow(field_label(strings.SETUP_NAME, self.name), self.name)
            form.addRow(field_label(strings.SETUP_ROLE, self.role), self.role)
        else:
            form.addRow(field_label(strings.CHANGE_PASS_CURRENT, self.current), self.current)
        form.addRow(field_label(strings.RECOVERY_NEW, self.new), self.new)
        form.addRow(field_label(strings.RECOVERY_CONFIRM, self.confirm), self.confirm)
        layout.addLayout(form)
        self.error = text_label("", "InlineError", wrap=True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons, 0, Qt.AlignmentFlag.AlignRight)

    def submit(self) -> None:
        if self.add_user and not self.name.text().strip():
            self.error.setText(strings.SETUP_NEED_NAME)
            return
        if not passphrase.estimate(self.new.text(), (self.name.text(),)).acceptable:
            self.error.setText(strings.SETUP_PASS_TOO_WEAK)
            return
        if self.new.text() != self.confirm.text():
            self.error.setText(strings.SETUP_PASS_MISMATCH)
            return
        self.error.setText(strings.WORKING)
        if self.add_user:
            vault_ops.add_deputy(
                self.session,
                self.name.text().strip(),
                self.role.currentText(),
                self.new.text(),
                self._done,
                self._failed,
            )
        else:
            vault_ops.change_passphrase(self.session, self.current.text(), self.new.text(), self._done, self._failed)

    def _done(self, _result: object) -> None:
        message = (
            strings.ADD_DEPUTY_DONE.format(name=self.name.text().strip()) if self.add_user else strings.CHANGE_PASS_DONE
        )
        QMessageBox.information(self, self.windowTitle(), message)
        self.accept()

    def _failed(self, error: CasebookError) -> None:
        self.error.setText(str(error))
