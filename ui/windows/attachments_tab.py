"""The Attachments tab: originals and documents kept in the child's file (list, add, view, export, withdraw, and
the ticks for the referral and transfer packs)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QWidget,
)

from dslapp.errors import CasebookError
from dslapp.models import Attachment, Record
from ui import strings
from ui.dialogs.attachment_viewer import AttachmentViewer
from ui.dialogs.guidance_common import FormDialog
from ui.dialogs.unencrypted_export import UnencryptedExportDialog
from ui.formatting import dmy
from ui.models.records import Column
from ui.operations import attachment_ops
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.common import text_label
from ui.widgets.record_tab import RecordTab


def _packs(attachment: Attachment) -> str:
    if attachment.withdrawn:
        return ""
    chosen = [
        strings.ATTACH_PACKS_REFERRAL if attachment.in_referral_pack else "",
        strings.ATTACH_PACKS_TRANSFER if attachment.in_transfer_pack else "",
    ]
    return ", ".join(c for c in chosen if c)


def _title(attachment: Attachment) -> str:
    if attachment.withdrawn:
        return f"{attachment.shown_name} ({strings.ATTACH_WITHDRAWN.format(reason=attachment.withdrawn_reason)})"
    return attachment.shown_name


class AddAttachmentDialog(FormDialog):
    """Choose a file, say what it is and which record it belongs to (the child's file, a concern, an Early Help
    review or a referral)."""

    def __init__(
        self, session: Session, child_id: str, targets: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(strings.ATTACH_ADD, strings.ATTACH_DIALOG_INTRO, strings.ATTACH_DIALOG_SAVE, parent)
        self.session = session
        self.child_id = child_id
        self.resize(640, 360)
        self.path = QLineEdit()
        browse = QPushButton(strings.ATTACH_DIALOG_BROWSE)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.form.addRow(strings.ATTACH_DIALOG_FILE, row)
        self.title = QLineEdit()
        self.title.setPlaceholderText(strings.ATTACH_DIALOG_TITLE_PLACEHOLDER)
        self.form.addRow(strings.ATTACH_DIALOG_TITLE, self.title)
        self.to = QComboBox()
        self.to.addItem(strings.ATTACH_DETAIL_TO_CHILD, None)
        for record_id, label in targets:
            self.to.addItem(label, record_id)
        self.form.addRow(strings.ATTACH_DIALOG_TO, self.to)
        self.original = QCheckBox(strings.ATTACH_DIALOG_ORIGINAL)
        self.form.addRow("", self.original)
        self.to.currentIndexChanged.connect(lambda _i: self._update())
        self._update()
        self.save_button.clicked.connect(self.save)

    def _update(self) -> None:
        linked = self.to.currentData() is not None
        self.original.setEnabled(linked)
        if not linked:
            self.original.setChecked(False)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, strings.ATTACH_PICK_TITLE, "", strings.ATTACH_PICK_FILTER)
        if chosen:
            self.path.setText(chosen)

    def save(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.show_error(strings.ATTACH_DIALOG_NEED_FILE)
            return
        self.save_button.setEnabled(False)
        attachment_ops.attach(
            self.session,
            self.child_id,
            Path(text).expanduser(),
            lambda _saved: self.accept(),
            self._failed,
            to=self.to.currentData(),
            title=self.title.text().strip(),
            original_of=self.original.isChecked(),
        )

    def _failed(self, error: CasebookError) -> None:
        self.save_button.setEnabled(True)
        self.show_error(error)


class AttachmentsTab(RecordTab):
    def __init__(
        self,
        session: Session,
        child_id: str,
        on: date,
        detail: Callable[[Record], str],
        targets: Callable[[], list[tuple[str, str]]] = list,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            session,
            child_id,
            on,
            [
                Column[Attachment](
                    strings.ATTACH_COLUMN_DATE, lambda a: dmy(a.attached_on), lambda a: a.attached_on.isoformat(), 100
                ),
                Column[Attachment](strings.ATTACH_COLUMN_TITLE, _title, width=200),
                Column[Attachment](strings.ATTACH_COLUMN_TYPE, lambda a: a.media_type.label, width=120),
                Column[Attachment](strings.ATTACH_COLUMN_PACKS, _packs, width=130),
            ],
            detail=detail,
            name=strings.ATTACH_LIST_NAME,
            parent=parent,
        )
        self.targets = targets
        self.add_button = self.add_action(strings.ATTACH_ADD, self.choose_file, icon="plus", primary=True)
        self.view_button = self.add_action(strings.ATTACH_VIEW, self.view)
        self.export_button = self.add_action(strings.ATTACH_EXPORT, self.export_copy)
        self.withdraw_button = self.add_action(strings.ATTACH_WITHDRAW, self.ask_withdraw)
        self.referral_tick = QCheckBox(strings.ATTACH_IN_REFERRAL_PACK)
        self.referral_tick.clicked.connect(lambda on: self.tick(referral_pack=on))
        self.transfer_tick = QCheckBox(strings.ATTACH_IN_TRANSFER_PACK)
        self.transfer_tick.clicked.connect(lambda on: self.tick(transfer_pack=on))
        self.trailing.addWidget(self.referral_tick)
        self.trailing.addWidget(self.transfer_tick)
        self.above_list.addWidget(text_label(strings.ATTACH_INTRO, "Hint", wrap=True))
        self.viewer: AttachmentViewer | None = None

    def update_actions(self) -> None:
        current = self.current()
        chosen = isinstance(current, Attachment)
        for button in (self.view_button, self.export_button):
            button.setEnabled(chosen)
        live = chosen and not current.withdrawn
        self.withdraw_button.setEnabled(live)
        for tick, value in (
            (self.referral_tick, live and current.in_referral_pack),
            (self.transfer_tick, live and current.in_transfer_pack),
        ):
            tick.setEnabled(live)
            tick.setChecked(bool(value))

    # ---- adding -----------------------------------------------------------------------------------

    def choose_file(self) -> None:
        """The dialog to choose a file and the record it belongs to."""
        self.show_dialog(AddAttachmentDialog(self.session, self.child_id, self.targets(), self))

    def add_file(self, path: Path, title: str = "", on_done: Callable[[Saved[Attachment]], None] | None = None) -> None:
        attachment_ops.attach(
            self.session, self.child_id, path, on_done or (lambda _saved: None), self.show_error, title=title
        )

    # ---- one attachment ---------------------------------------------------------------------------

    def view(self) -> None:
        current = self.current()
        if isinstance(current, Attachment):
            attachment_ops.load_file(self.session, str(current.id), self._show, self.show_error, owner=self)

    def _show(self, loaded: tuple[Attachment, bytes]) -> None:
        self.viewer = self.show_dialog(AttachmentViewer(*loaded, parent=self))

    def export_copy(self) -> None:
        current = self.current()
        if not isinstance(current, Attachment):
            return
        suggested = Path.home() / (current.file_name or f"attachment.{current.media_type.value.rsplit('/', 1)[-1]}")
        self.show_dialog(
            UnencryptedExportDialog(self.session, attachment_id=str(current.id), default_path=suggested, parent=self)
        )

    def ask_withdraw(self) -> None:
        current = self.current()
        if not isinstance(current, Attachment):
            return
        reason, ok = QInputDialog.getText(self, strings.ATTACH_WITHDRAW_TITLE, strings.ATTACH_WITHDRAW_PROMPT)
        if ok and reason.strip():
            self.withdraw(reason.strip())

    def withdraw(self, reason: str) -> None:
        current = self.current()
        if isinstance(current, Attachment):
            attachment_ops.withdraw(self.session, str(current.id), reason, lambda _s: None, self.show_error)

    def tick(self, *, referral_pack: bool | None = None, transfer_pack: bool | None = None) -> None:
        current = self.current()
        if isinstance(current, Attachment):
            attachment_ops.choose_for_packs(
                self.session,
                str(current.id),
                lambda _s: None,
                self._tick_failed,
                referral_pack=referral_pack,
                transfer_pack=transfer_pack,
            )

    def _tick_failed(self, error: CasebookError) -> None:
        self.update_actions()
        self.show_error(error)
