"""First run: set up the school's casebook, or explore the fictional demo.

Setting up asks who the DSL is, their school and a passphrase (with strength feedback and a second
entry to confirm), calibrates Argon2 and creates the vault on the worker thread with a progress
indicator, then shows the recovery key once with Print and "I have stored it safely".

Joining a team casebook (issue 18) asks for the team folder, the one-time code, the member's name and role,
then the same passphrase page; this copy is made from the folder and its own recovery key shown the same way.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dslapp.errors import CasebookError
from dslapp.text import name_problem
from ui import passphrase, strings, theme
from ui.dialogs.printing import print_recovery_key
from ui.operations import team_ops, vault_ops
from ui.operations.runner import DbRunner
from ui.widgets.common import field_label, repolish, set_invalid, text_label

if TYPE_CHECKING:
    from dslapp.services.casebook import Opened

CARD_WIDTH = 600


class ChoiceButton(QPushButton):
    """A large button with an icon, a title and a line of explanation."""

    def __init__(self, icon_name: str, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Choice")
        self.setAccessibleName(title)
        self.setAccessibleDescription(text)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(16)
        glyph = QLabel()
        glyph.setPixmap(theme.icon(icon_name, theme.colours().accent).pixmap(QSize(32, 32)))
        layout.addWidget(glyph, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.setSpacing(4)
        heading = text_label(title, "ChoiceTitle")
        body = text_label(text, "Muted", wrap=True)
        texts.addWidget(heading)
        texts.addWidget(body)
        layout.addLayout(texts, 1)
        for child in (glyph, heading, body):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setMinimumHeight(96)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()


class StrengthMeter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.bar = QProgressBar()
        self.bar.setObjectName("Strength")
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(strings.SETUP_STRENGTH_NAME)
        self.label = text_label(strings.STRENGTH_LABELS[0], "Hint")
        self.label.setMinimumWidth(90)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.label)
        self.strength = passphrase.estimate("")
        self.update_for("", ())

    def update_for(self, text: str, avoid: tuple[str, ...]) -> passphrase.Strength:
        self.strength = passphrase.estimate(text, avoid)
        self.bar.setValue(max(self.strength.level, 1 if text else 0))
        self.bar.setProperty("level", str(self.strength.level))
        repolish(self.bar)
        self.label.setText(self.strength.label if text else "")
        self.bar.setAccessibleDescription(self.strength.label)
        return self.strength


def _card() -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setObjectName("Card")
    card.setFixedWidth(CARD_WIDTH)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(32, 28, 32, 24)
    layout.setSpacing(12)
    return card, layout


def _centred(card: QWidget) -> QWidget:
    page = QWidget()
    outer = QVBoxLayout(page)
    outer.addStretch(1)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(card)
    row.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    return page


def _buttons(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(8)
    row.addStretch(1)
    for widget in widgets:
        row.addWidget(widget)
    return row


class SetupWizard(QWidget):
    """Emits ``opened(Opened, is_demo)`` once a casebook exists and is unlocked."""

    opened = Signal(object, bool)
    cancelled = Signal()
    _progress = Signal(int)  # from the worker thread; queued to the progress bar

    CHOICE, ABOUT, PASSPHRASE, WORKING, RECOVERY, JOIN = range(6)

    def __init__(
        self,
        runner: DbRunner,
        real_dir: Path,
        demo_dir: Path,
        *,
        allow_cancel: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.real_dir = real_dir
        self.demo_dir = demo_dir
        self._opened: Opened | None = None
        self.joining = False  # the passphrase page is for a copy of a team casebook, not a new casebook
        self._cancel_demo = threading.Event()
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.stack.addWidget(self._choice_page(allow_cancel))
        self.stack.addWidget(self._about_page())
        self.stack.addWidget(self._passphrase_page())
        self.stack.addWidget(self._working_page())
        self.stack.addWidget(self._recovery_page())
        self.stack.addWidget(self._join_page())
        self.show_page(self.CHOICE)

    # ---- pages ------------------------------------------------------------------------------------

    def _heading(self, layout: QVBoxLayout, title: str, text: str) -> None:
        layout.addWidget(text_label(title, "PageTitle", wrap=True))
        if text:
            body = text_label(text, "PageSubtitle", wrap=True)
            layout.addWidget(body)
        layout.addSpacing(6)

    def _choice_page(self, allow_cancel: bool) -> QWidget:
        card, layout = _card()
        logo = QLabel()
        logo.setPixmap(theme.app_icon().pixmap(QSize(56, 56)))
        layout.addWidget(logo)
        self._heading(layout, strings.WELCOME_TITLE, strings.WELCOME_TEXT)
        self.setup_button = ChoiceButton("shield", strings.SETUP_CHOICE, strings.SETUP_CHOICE_TEXT)
        self.setup_button.clicked.connect(lambda: self._start(joining=False))
        self.join_button = ChoiceButton("sharing", strings.JOIN_CHOICE, strings.JOIN_CHOICE_TEXT)
        self.join_button.clicked.connect(lambda: self._start(joining=True))
        self.demo_button = ChoiceButton("demo", strings.DEMO_CHOICE, strings.DEMO_CHOICE_TEXT)
        self.demo_button.clicked.connect(self.start_demo)
        layout.addWidget(self.setup_button)
        layout.addWidget(self.join_button)
        layout.addWidget(self.demo_button)
        if allow_cancel:
            back = QPushButton(strings.BACK)
            back.clicked.connect(self.cancelled.emit)
            layout.addLayout(_buttons(back))
        return _centred(card)

    def _about_page(self) -> QWidget:
        card, layout = _card()
        self._heading(layout, strings.SETUP_ABOUT_TITLE, strings.SETUP_ABOUT_TEXT)
        form = QFormLayout()
        form.setSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(strings.SETUP_NAME_PLACEHOLDER)
        self.role_combo = QComboBox()
        self.role_combo.addItems(list(strings.ROLES))
        self.school_edit = QLineEdit()
        self.school_edit.setPlaceholderText(strings.SETUP_SCHOOL_PLACEHOLDER)
        form.addRow(field_label(strings.SETUP_NAME, self.name_edit), self.name_edit)
        form.addRow(field_label(strings.SETUP_ROLE, self.role_combo), self.role_combo)
        form.addRow(field_label(strings.SETUP_SCHOOL, self.school_edit), self.school_edit)
        layout.addLayout(form)
        self.about_error = text_label("", "InlineError", wrap=True)
        layout.addWidget(self.about_error)
        back = QPushButton(strings.BACK)
        back.clicked.connect(lambda: self.show_page(self.CHOICE))
        self.about_next = QPushButton(strings.NEXT)
        self.about_next.setDefault(True)
        self.about_next.setObjectName("Primary")
        self.about_next.clicked.connect(self._about_done)
        for edit in (self.name_edit, self.school_edit):
            edit.returnPressed.connect(self._about_done)
        layout.addLayout(_buttons(back, self.about_next))
        return _centred(card)

    def _join_page(self) -> QWidget:
        card, layout = _card()
        self._heading(layout, strings.JOIN_TITLE, strings.JOIN_TEXT)
        form = QFormLayout()
        form.setSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.join_folder = QLineEdit()
        browse = QPushButton(strings.TEAM_START_BROWSE)
        browse.clicked.connect(self._browse_team_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.join_folder, 1)
        folder_row.addWidget(browse)
        self.join_code = QLineEdit()
        self.join_code.setObjectName("RecoveryKey")
        self.join_code.setPlaceholderText(strings.JOIN_CODE_PLACEHOLDER)
        self.join_name = QLineEdit()
        self.join_name.setPlaceholderText(strings.SETUP_NAME_PLACEHOLDER)
        self.join_role = QComboBox()
        self.join_role.addItems(list(reversed(strings.ROLES)))  # most who join are deputies
        form.addRow(field_label(strings.JOIN_FOLDER, self.join_folder), folder_row)
        form.addRow(field_label(strings.JOIN_CODE, self.join_code), self.join_code)
        form.addRow(field_label(strings.SETUP_NAME, self.join_name), self.join_name)
        form.addRow(field_label(strings.SETUP_ROLE, self.join_role), self.join_role)
        layout.addLayout(form)
        self.join_error = text_label("", "InlineError", wrap=True)
        layout.addWidget(self.join_error)
        back = QPushButton(strings.BACK)
        back.clicked.connect(lambda: self.show_page(self.CHOICE))
        self.join_next = QPushButton(strings.NEXT)
        self.join_next.setObjectName("Primary")
        self.join_next.clicked.connect(self._join_details_done)
        for edit in (self.join_folder, self.join_code, self.join_name):
            edit.returnPressed.connect(self._join_details_done)
            edit.textChanged.connect(lambda _t, e=edit: set_invalid(e, False))
        layout.addLayout(_buttons(back, self.join_next))
        return _centred(card)

    def _passphrase_page(self) -> QWidget:
        card, layout = _card()
        self.pass_title = text_label(strings.SETUP_PASS_TITLE, "PageTitle", wrap=True)
        self.pass_text = text_label(strings.SETUP_PASS_TEXT, "PageSubtitle", wrap=True)
        layout.addWidget(self.pass_title)
        layout.addWidget(self.pass_text)
        layout.addSpacing(6)
        form = QFormLayout()
        form.setSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.pass_edit = QLineEdit()
        self.pass_edit.setObjectName("Passphrase")
        self.pass_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setObjectName("Passphrase")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = StrengthMeter()
        self.show_check = QCheckBox(strings.SETUP_PASS_SHOW)
        self.show_check.toggled.connect(self._toggle_show)
        form.addRow(field_label(strings.SETUP_PASS, self.pass_edit), self.pass_edit)
        form.addRow("", self.meter)
        form.addRow(field_label(strings.SETUP_PASS_CONFIRM, self.confirm_edit), self.confirm_edit)
        form.addRow("", self.show_check)
        layout.addLayout(form)
        self.pass_error = text_label("", "InlineError", wrap=True)
        layout.addWidget(self.pass_error)
        back = QPushButton(strings.BACK)
        back.clicked.connect(lambda: self.show_page(self.JOIN if self.joining else self.ABOUT))
        self.create_button = QPushButton(strings.SETUP_CREATE)
        self.create_button.setDefault(True)
        self.create_button.setObjectName("Primary")
        self.create_button.clicked.connect(self.create_casebook)
        self.pass_edit.textChanged.connect(self._passphrase_changed)
        self.confirm_edit.textChanged.connect(lambda _t: self.pass_error.setText(""))
        self.confirm_edit.returnPressed.connect(self.create_casebook)
        self.pass_edit.returnPressed.connect(self.confirm_edit.setFocus)
        layout.addLayout(_buttons(back, self.create_button))
        return _centred(card)

    def _working_page(self) -> QWidget:
        card, layout = _card()
        self.working_title = text_label(strings.SETUP_CREATING_TITLE, "PageTitle", wrap=True)
        layout.addWidget(self.working_title)
        self.working_text = text_label(strings.SETUP_CALIBRATING, "PageSubtitle", wrap=True)
        layout.addWidget(self.working_text)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(strings.WORKING)
        self._progress.connect(self.progress.setValue)
        layout.addWidget(self.progress)
        self.working_error = text_label("", "InlineError", wrap=True)
        layout.addWidget(self.working_error)
        self.working_cancel = QPushButton(strings.CANCEL)
        self.working_cancel.clicked.connect(self._cancel_working)
        self.working_back = QPushButton(strings.BACK)
        self.working_back.clicked.connect(lambda: self.show_page(self.CHOICE))
        layout.addLayout(_buttons(self.working_back, self.working_cancel))
        return _centred(card)

    def _recovery_page(self) -> QWidget:
        card, layout = _card()
        layout.addWidget(text_label(strings.SETUP_KEY_TITLE, "PageTitle", wrap=True))
        self.key_text = text_label(strings.SETUP_KEY_TEXT, "PageSubtitle", wrap=True)
        layout.addWidget(self.key_text)
        layout.addSpacing(6)
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("RecoveryKey")
        self.key_edit.setReadOnly(True)
        self.key_edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_edit.setAccessibleName(strings.SETUP_KEY_TITLE)
        layout.addWidget(self.key_edit)
        self.print_button = QPushButton(theme.icon("print"), strings.SETUP_KEY_PRINT)
        self.print_button.clicked.connect(self._print_key)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.stored_check = QCheckBox(strings.SETUP_KEY_STORED)
        layout.addWidget(self.stored_check)
        self.finish_button = QPushButton(strings.SETUP_FINISH)
        self.finish_button.setObjectName("Primary")
        self.finish_button.setEnabled(False)
        self.stored_check.toggled.connect(self.finish_button.setEnabled)
        self.finish_button.clicked.connect(self._finish)
        layout.addLayout(_buttons(self.finish_button))
        return _centred(card)

    # ---- behaviour --------------------------------------------------------------------------------

    def show_page(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        focus = {
            self.CHOICE: self.setup_button,
            self.ABOUT: self.name_edit,
            self.PASSPHRASE: self.pass_edit,
            self.RECOVERY: self.print_button,
            self.JOIN: self.join_folder,
        }.get(index)
        if focus is not None:
            focus.setFocus()

    def _start(self, *, joining: bool) -> None:
        """Set up a new casebook, or join a team's: the passphrase page serves both."""
        self.joining = joining
        self.pass_text.setText(strings.JOIN_PASS_TEXT if joining else strings.SETUP_PASS_TEXT)
        self.create_button.setText(strings.JOIN_BUTTON if joining else strings.SETUP_CREATE)
        self.key_text.setText(strings.JOIN_KEY_TEXT if joining else strings.SETUP_KEY_TEXT)
        self.show_page(self.JOIN if joining else self.ABOUT)

    def _browse_team_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, strings.JOIN_FOLDER_CHOOSE, self.join_folder.text(), QFileDialog.Option.ShowDirsOnly
        )
        if chosen:
            self.join_folder.setText(chosen)

    def _join_details_done(self) -> None:
        """The folder, code and name are there (the team service checks the folder and the code itself)."""
        name = self.join_name.text().strip()
        problem = name_problem(name) if name else ""
        name_message = strings.SETUP_NAME_PROBLEM.format(problem=problem) if problem else ""
        checks = (
            (self.join_folder, "" if self.join_folder.text().strip() else strings.JOIN_NEED_FOLDER),
            (self.join_code, "" if self.join_code.text().strip() else strings.JOIN_NEED_CODE),
            (self.join_name, name_message if name else strings.SETUP_NEED_NAME),
        )
        for edit, message in checks:
            set_invalid(edit, bool(message))
        first = next(((edit, message) for edit, message in checks if message), None)
        if first is not None:
            self.join_error.setText(first[1])
            first[0].setFocus()
            return
        self.join_error.setText("")
        self.show_page(self.PASSPHRASE)

    def _about_done(self) -> None:
        name = self.name_edit.text().strip()
        problem = name_problem(name) if name else ""
        if not name or problem:
            self.about_error.setText(
                strings.SETUP_NAME_PROBLEM.format(problem=problem) if name else strings.SETUP_NEED_NAME
            )
            set_invalid(self.name_edit, True)
            self.name_edit.setFocus()
            return
        if not self.school_edit.text().strip():
            self.about_error.setText(strings.SETUP_NEED_SCHOOL)
            set_invalid(self.school_edit, True)
            self.school_edit.setFocus()
            return
        for edit in (self.name_edit, self.school_edit):
            set_invalid(edit, False)
        self.about_error.setText("")
        self.show_page(self.PASSPHRASE)

    def _avoid(self) -> tuple[str, ...]:
        if self.joining:
            return (self.join_name.text(),)
        return (self.name_edit.text(), self.school_edit.text())

    def _passphrase_changed(self, text: str) -> None:
        self.meter.update_for(text, self._avoid())
        self.pass_error.setText("")

    def _toggle_show(self, show: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if show else QLineEdit.EchoMode.Password
        self.pass_edit.setEchoMode(mode)
        self.confirm_edit.setEchoMode(mode)

    def create_casebook(self) -> None:
        chosen = self.pass_edit.text()
        if not passphrase.estimate(chosen, self._avoid()).acceptable:
            self.pass_error.setText(strings.SETUP_PASS_TOO_WEAK)
            self.pass_edit.setFocus()
            return
        if chosen != self.confirm_edit.text():
            self.pass_error.setText(strings.SETUP_PASS_MISMATCH)
            self.confirm_edit.selectAll()
            self.confirm_edit.setFocus()
            return
        self.working_title.setText(strings.JOIN_WORKING_TITLE if self.joining else strings.SETUP_CREATING_TITLE)
        self.working_text.setText(strings.JOIN_WORKING if self.joining else strings.SETUP_CALIBRATING)
        self.working_error.setText("")
        self.progress.setRange(0, 0)  # busy: calibration has no steps to count
        self.working_cancel.hide()
        self.working_back.hide()
        self.show_page(self.WORKING)
        if self.joining:
            team_ops.join_team(
                self.runner,
                self.real_dir,
                folder=Path(self.join_folder.text().strip()).expanduser(),
                code=self.join_code.text(),
                name=self.join_name.text().strip(),
                role=self.join_role.currentText(),
                passphrase=chosen,
                on_done=self._created,
                on_error=self._join_failed,
            )
            return
        vault_ops.create_casebook(
            self.runner,
            self.real_dir,
            name=self.name_edit.text().strip(),
            role=self.role_combo.currentText(),
            school=self.school_edit.text().strip(),
            passphrase=chosen,
            on_done=self._created,
            on_error=self._failed,
        )

    def _created(self, opened: Opened) -> None:
        self._opened = opened
        self.pass_edit.clear()
        self.confirm_edit.clear()
        self.key_edit.setText(opened.recovery_key)
        self.show_page(self.RECOVERY)

    def _failed(self, error: CasebookError) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.working_text.setText("")
        self.working_error.setText(str(error))
        self.working_cancel.hide()
        self.working_back.show()
        self.working_back.setFocus()

    def _join_failed(self, error: CasebookError) -> None:
        """A wrong, expired or used code, or a folder that is not (or not yet) a team folder: back to the details,
        with the passphrase kept so trying again is one click."""
        self.progress.setRange(0, 1)
        self.show_page(self.JOIN)  # shown first, so the page makes room for a long message
        self.join_error.setText(str(error))

    def _print_key(self) -> None:
        if self._opened is not None:
            print_recovery_key(self, self.key_edit.text(), self._opened.casebook.vault.user.name, self._opened.school)

    def _finish(self) -> None:
        if self._opened is None or not self.stored_check.isChecked():
            return
        opened, self._opened = self._opened, None
        self.key_edit.clear()  # shown once
        self.opened.emit(opened, False)

    # ---- demo -------------------------------------------------------------------------------------

    def start_demo(self) -> None:
        self.working_title.setText(strings.DEMO_CHOICE)
        self.working_text.setText(strings.DEMO_BUILDING)
        self.working_error.setText("")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.working_cancel.show()
        self.working_back.hide()
        self._cancel_demo.clear()
        self.show_page(self.WORKING)
        self.working_cancel.setFocus()
        if vault_ops.casebook_exists(self.demo_dir):
            vault_ops.open_casebook(
                self.runner,
                self.demo_dir,
                vault_ops.DEMO_PASSPHRASE,
                user_id=None,
                on_done=lambda o: self.opened.emit(o, True),
                on_error=self._failed,
            )
            return
        vault_ops.build_demo_casebook(
            self.runner,
            self.demo_dir,
            progress=self._demo_progress,
            cancel=self._cancel_demo,
            on_done=lambda o: self.opened.emit(o, True),
            on_error=self._demo_failed,
        )

    def _demo_progress(self, done: int, total: int) -> None:
        # called on the worker thread: the signal hands it to the GUI thread
        self._progress.emit(int(100 * done / total) if total else 0)

    def _cancel_working(self) -> None:
        self._cancel_demo.set()
        self.working_text.setText(strings.DEMO_CANCELLED)

    def _demo_failed(self, error: CasebookError) -> None:
        if self._cancel_demo.is_set():
            self.show_page(self.CHOICE)
            return
        self._failed(error)
