"""Small pieces shared by the practice-guidance dialogs: dates, a form dialog frame and a prompt panel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dslapp.guidance.prompts import Prompt
from ui import strings, theme
from ui.widgets.common import text_label


def close_dialog(dialog: QDialog | None) -> None:
    """Close a guidance dialog (and any dialog it opened) at once, e.g. when the casebook locks."""
    if dialog is None or not shiboken6.isValid(dialog):
        return
    for child in dialog.findChildren(QDialog):
        child.reject()
    dialog.reject()


def date_edit(day: date | None, *, optional: bool = False) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day) if day else QDate.currentDate())
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setMaximumWidth(180)
    return edit


def to_date(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def text_box(placeholder: str = "", height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


class FormDialog(QDialog):
    """A titled dialog: a scrolling form, an error line and Save / Cancel."""

    def __init__(
        self, title: str, intro: str = "", save_text: str = strings.SAVE, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(False)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 18, 20, 16)
        outer.setSpacing(10)
        outer.addWidget(text_label(title, "PageTitle"))
        if intro:
            outer.addWidget(text_label(intro, "Hint", wrap=True))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        self.body = QVBoxLayout(holder)
        self.body.setContentsMargins(0, 0, 8, 0)
        self.body.setSpacing(10)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(10)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.body.addLayout(self.form)
        scroll.setWidget(holder)
        outer.addWidget(scroll, 1)
        self.error = text_label("", "Error", wrap=True)
        self.error.setStyleSheet(f"color: {theme.colours().danger};")
        outer.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(strings.CANCEL)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton(save_text)
        self.save_button.setObjectName("Primary")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.error.clear)  # before each dialog's own save
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)

    def show_error(self, error: Exception | str) -> None:
        self.error.setText(str(error))

    def close_for_lock(self) -> None:
        self.reject()


class PromptPanel(QFrame):
    """A prompt from the practice guidance: title, message, the learning behind it and a button per action."""

    def __init__(
        self,
        prompt: Prompt,
        on_action: Callable[[str], None] | None = None,
        tone: str = "warning",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.prompt = prompt
        self.setObjectName("Banner")
        self.setProperty("tone", tone)
        self.setAccessibleName(prompt.title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)
        title = text_label(prompt.title, "SectionTitle", wrap=True)
        layout.addWidget(title)
        layout.addWidget(text_label(prompt.message, wrap=True))
        if prompt.learning is not None:
            learning = QLabel(f"<i>{escape(prompt.learning.title)}</i>: {escape(prompt.learning.text)}")
            learning.setObjectName("Hint")
            learning.setWordWrap(True)
            layout.addWidget(learning)
        self.buttons: dict[str, QPushButton] = {}
        if prompt.actions and on_action is not None:
            row = QHBoxLayout()
            row.setSpacing(8)
            for number, action in enumerate(prompt.actions):
                button = QPushButton(action.label)
                if number == 0:
                    button.setObjectName("Primary")
                button.clicked.connect(lambda _c=False, code=action.code: on_action(code))
                row.addWidget(button)
                self.buttons[action.code] = button
            row.addStretch(1)
            layout.addLayout(row)
