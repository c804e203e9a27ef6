"""The learning library: learning from practice reviews and the DSL's own notes, with what will change here."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QDate, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dslapp.errors import CasebookError
from dslapp.models import LearningNote
from dslapp.services.changes import Changes
from ui import strings, theme
from ui.formatting import dmy
from ui.operations import learning as ops
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.common import page_header, text_label
from ui.windows.supervision import parse_actions

ID_ROLE = Qt.ItemDataRole.UserRole + 1
WATCHED = (LearningNote.KIND,)


def entry_html(entry: LearningNote) -> str:
    """The whole entry as the reading pane shows it."""

    def block(title: str, text: str) -> str:
        if not text.strip():
            return ""
        items = "".join(f"<li>{escape(line.strip())}</li>" for line in text.splitlines() if line.strip())
        return f"<h3>{escape(title)}</h3><ul>{items}</ul>"

    source = escape(entry.source) + (f", {dmy(entry.published_on)}" if entry.published_on else "")
    tags = " ".join(f"<span style='background:#e4ecf5'>&nbsp;{escape(t)}&nbsp;</span>" for t in entry.tags)
    actions = "".join(
        f"<li>{escape(a.what)}"
        + (strings.LEARNING_ACTION_DUE.format(date=dmy(a.due)) if a.due else "")
        + (strings.LEARNING_ACTION_DONE.format(date=dmy(a.done_on)) if a.done_on else "")
        + "</li>"
        for a in entry.actions
    )
    return (
        f"<h2>{escape(entry.title)}</h2><p style='color:gray'>{source}</p><p>{tags}</p>"
        + block(strings.LEARNING_KEY_MESSAGES, entry.key_messages)
        + block(strings.LEARNING_QUESTIONS, entry.questions)
        + block(strings.LEARNING_CHANGE, entry.what_we_will_change)
        + (f"<h3>{strings.LEARNING_ACTIONS}</h3><ul>{actions}</ul>" if actions else "")
    )


class EntryList(QListWidget):
    """A list of entries drawn as wrapped labels; each row is as tall as its label at the current width."""

    def fit(self, item: QListWidgetItem) -> None:
        label = self.itemWidget(item)
        if label is not None:
            width = max(self.viewport().width() - 4, 200)
            item.setSizeHint(QSize(width, label.heightForWidth(width)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for row in range(self.count()):
            self.fit(self.item(row))


class LearningEntryDialog(QDialog):
    """Add an entry, or edit one (an edit is an amendment: it needs a reason)."""

    def __init__(self, entry: LearningNote | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.setWindowTitle(strings.LEARNING_EDIT if entry else strings.LEARNING_ADD)
        self.resize(640, 620)
        form = QFormLayout(self)
        self.title = QLineEdit(entry.title if entry else "")
        self.source = QLineEdit(entry.source if entry else "")
        self.published = QDateEdit()
        self.published.setCalendarPopup(True)
        self.published.setDisplayFormat("dd/MM/yyyy")
        day = entry.published_on if entry and entry.published_on else date.today()
        self.published.setDate(QDate(day.year, day.month, day.day))
        self.messages = QPlainTextEdit(entry.key_messages if entry else "")
        self.questions = QPlainTextEdit(entry.questions if entry else "")
        self.tags = QLineEdit(", ".join(entry.tags) if entry else "")
        self.tags.setPlaceholderText(strings.LEARNING_TAGS_PLACEHOLDER)
        self.change = QPlainTextEdit(entry.what_we_will_change if entry else "")
        self.new_actions = QPlainTextEdit()
        self.new_actions.setPlaceholderText(strings.LEARNING_ACTIONS_PLACEHOLDER)
        self.new_actions.setMaximumHeight(70)
        self.reason = QLineEdit()
        form.addRow(strings.LEARNING_FIELD_TITLE, self.title)
        form.addRow(strings.LEARNING_SOURCE, self.source)
        form.addRow(strings.LEARNING_PUBLISHED, self.published)
        form.addRow(strings.LEARNING_KEY_MESSAGES, self.messages)
        form.addRow(strings.LEARNING_QUESTIONS, self.questions)
        form.addRow(strings.LEARNING_TAGS, self.tags)
        form.addRow(strings.LEARNING_CHANGE, self.change)
        form.addRow(strings.LEARNING_NEW_ACTIONS, self.new_actions)
        if entry:
            form.addRow(strings.LEARNING_REASON, self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def fields(self) -> dict[str, Any]:
        published = self.published.date().toPython()
        return {
            "title": self.title.text(),
            "source": self.source.text(),
            "published_on": published,
            "key_messages": self.messages.toPlainText(),
            "questions": self.questions.toPlainText(),
            "tags": [t for t in self.tags.text().split(",") if t.strip()],
            "what_we_will_change": self.change.toPlainText(),
            "actions": [*(self.entry.actions if self.entry else []), *parse_actions(self.new_actions.toPlainText())],
        }


class LearningPage(QWidget):
    def __init__(self, session: Session, on: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.on = on
        self.entries: dict[str, LearningNote] = {}
        self._wanted = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 16)
        layout.setSpacing(12)
        self.count_label = text_label("", "Muted")
        self.add_button = QPushButton(theme.icon("plus"), strings.LEARNING_ADD)
        self.add_button.clicked.connect(lambda: self.edit(None))
        layout.addLayout(
            page_header(strings.LEARNING_TITLE, strings.LEARNING_SUBTITLE, [self.count_label, self.add_button])
        )
        filters = QHBoxLayout()
        self.search_box = QLineEdit()
        self.search_box.setObjectName("SearchBox")
        self.search_box.setPlaceholderText(strings.LEARNING_SEARCH)
        self.search_box.setAccessibleName(strings.LEARNING_SEARCH)
        self.search_box.setClearButtonEnabled(True)
        self.tag_combo = QComboBox()
        self.tag_combo.setAccessibleName(strings.LEARNING_TAG_NAME)
        self.tag_combo.addItem(strings.LEARNING_ANY_TAG, "")
        filters.addWidget(self.search_box, 1)
        filters.addWidget(self.tag_combo)
        layout.addLayout(filters)
        split = QSplitter()
        self.list = EntryList()
        self.list.setAccessibleName(strings.LEARNING_LIST_NAME)
        self.list.setWordWrap(True)
        self.view = QTextBrowser()
        self.view.setAccessibleName(strings.LEARNING_ENTRY_NAME)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.edit_button = QPushButton(theme.icon("amend"), strings.LEARNING_EDIT)
        self.edit_button.clicked.connect(lambda: self.edit(self.current()))
        row.addWidget(self.edit_button)
        row.addStretch(1)
        column.addLayout(row)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout.addWidget(split, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(180)
        self._timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _t: self._timer.start())
        self.tag_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        session.changed.connect(self.refresh_if)

    def refresh(self) -> None:
        ops.load_library(
            self.session, self.search_box.text(), self.tag_combo.currentData() or "", self._loaded, owner=self
        )

    def refresh_if(self, changes: Changes) -> None:
        if changes.touches(*WATCHED):
            self.refresh()

    def open_entry(self, entry_id: str) -> None:
        """Select an entry (a learning card's "Read the full entry")."""
        self._wanted = entry_id
        self.search_box.clear()
        self.tag_combo.setCurrentIndex(0)
        self.refresh()

    def _loaded(self, library: ops.Library) -> None:
        shown = self.current()
        wanted = self._wanted or (shown.id.hex if shown is not None else "")
        self._wanted = ""
        tag = self.tag_combo.currentData() or ""
        self.tag_combo.blockSignals(True)
        self.tag_combo.clear()
        self.tag_combo.addItem(strings.LEARNING_ANY_TAG, "")
        for name in library.tags:
            self.tag_combo.addItem(name, name)
        self.tag_combo.setCurrentIndex(max(0, self.tag_combo.findData(tag)))
        self.tag_combo.blockSignals(False)
        self.entries = {str(e.id): e for e in library.entries}
        self.list.clear()
        chosen = 0
        for number, entry in enumerate(library.entries):
            when = f" · {entry.published_on:%m/%Y}" if entry.published_on else ""
            item = QListWidgetItem()
            item.setData(ID_ROLE, str(entry.id))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, entry.title)
            label = QLabel(
                f"<b>{escape(entry.title)}</b><br><span style='color:{theme.colours().muted}'>"
                f"{escape(', '.join(entry.tags))}{when}</span>"
            )
            label.setWordWrap(True)
            label.setContentsMargins(8, 6, 8, 6)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.list.addItem(item)
            self.list.setItemWidget(item, label)
            self.list.fit(item)
            if wanted and wanted.replace("-", "") == entry.id.hex:
                chosen = number
        self.count_label.setText(strings.LEARNING_COUNT.format(count=len(library.entries)))
        if library.entries:
            self.list.setCurrentRow(chosen)
        else:
            self.view.setHtml(f"<p>{strings.LEARNING_EMPTY}</p>")
        self.edit_button.setEnabled(bool(library.entries))

    def current(self) -> LearningNote | None:
        item = self.list.currentItem()
        return self.entries.get(item.data(ID_ROLE)) if item is not None else None

    def _show_current(self) -> None:
        entry = self.current()
        if entry is not None:
            self.view.setHtml(entry_html(entry))

    def edit(self, entry: LearningNote | None) -> None:
        dialog = LearningEntryDialog(entry, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            fields = dialog.fields()
        except CasebookError as exc:
            self._error(exc)
            return
        self.save(entry, fields, dialog.reason.text())

    def save(self, entry: LearningNote | None, fields: dict[str, Any], reason: str) -> None:
        if entry is not None:
            fields = {k: v for k, v in fields.items() if getattr(entry, k) != v}
        self._wanted = str(entry.id) if entry else ""
        ops.save_entry(
            self.session,
            str(entry.id) if entry else "",
            fields,
            reason,
            self._saved,
            on_error=self._error,
            owner=self,
        )

    def _saved(self, saved: Saved[LearningNote]) -> None:
        entry = saved.value
        self._wanted = str(entry.id)
        self.refresh()

    def _error(self, error: CasebookError) -> None:
        QMessageBox.warning(self, strings.LEARNING_TITLE, str(error))
