"""Inputs shared by the record-a-concern and amend dialogs."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dslapp.models.concern import CATEGORY_LABELS, DECISION_LABELS, Severity
from ui import strings, theme


class CategoryList(QListWidget):
    """Categories of concern as a checkable list (Space toggles, arrows move)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(strings.CONCERN_CATEGORIES)
        for category, label in CATEGORY_LABELS.items():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, category.value)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.itemChanged.connect(lambda _i: self.changed.emit())
        self.itemActivated.connect(self._toggle)

    def _toggle(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def selected(self) -> list[str]:
        return [
            str(self.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_selected(self, values: Iterable[str]) -> None:
        wanted = set(values)
        for i in range(self.count()):
            item = self.item(i)
            state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted else Qt.CheckState.Unchecked
            item.setCheckState(state)


def decision_combo() -> QComboBox:
    combo = QComboBox()
    for decision, label in DECISION_LABELS.items():
        combo.addItem(label, decision.value)
    combo.setAccessibleName(strings.CONCERN_DECISION)
    return combo


def severity_combo() -> QComboBox:
    combo = QComboBox()
    for severity in Severity:
        combo.addItem(strings.SEVERITY_LABELS[severity.value], severity.value)
    combo.setCurrentIndex(1)
    combo.setAccessibleName(strings.CONCERN_SEVERITY)
    return combo


def text_box(name: str, *, placeholder: str = "", height: int = 72) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    box.setMinimumHeight(height)
    return box


class ChildWordsBox(QWidget):
    """The child's own words: visibly a quotation, so it is never confused with the adult's account."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        glyph = QLabel("“")
        glyph.setObjectName("QuoteMark")
        glyph.setFixedWidth(22)
        glyph.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(glyph, 0, Qt.AlignmentFlag.AlignTop)
        self.edit = text_box(strings.CONCERN_WORDS, placeholder=strings.CONCERN_WORDS_HINT, height=70)
        self.edit.setObjectName("ChildWords")
        font = QFont(self.edit.font())
        font.setItalic(True)
        self.edit.setFont(font)
        layout.addWidget(self.edit, 1)
        self.setFocusProxy(self.edit)


class ActionRow(QWidget):
    removed = Signal(object)

    def __init__(self, default_owner: str, due: QDate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.what = QLineEdit()
        self.what.setPlaceholderText(strings.CONCERN_ACTION_WHAT)
        self.what.setAccessibleName(strings.CONCERN_ACTION_WHAT)
        self.owner = QLineEdit(default_owner)
        self.owner.setPlaceholderText(strings.CONCERN_ACTION_OWNER)
        self.owner.setAccessibleName(strings.CONCERN_ACTION_OWNER)
        self.due = QDateEdit(due)
        self.due.setDisplayFormat("dd/MM/yyyy")
        self.due.setCalendarPopup(True)
        self.due.setAccessibleName(strings.CONCERN_ACTION_DUE)
        remove = QPushButton(theme.icon("close"), "")
        remove.setToolTip(strings.CONCERN_ACTION_REMOVE)
        remove.setAccessibleName(strings.CONCERN_ACTION_REMOVE)
        remove.setAutoDefault(False)
        remove.clicked.connect(lambda: self.removed.emit(self))
        layout.addWidget(self.what, 5)
        layout.addWidget(self.owner, 2)
        layout.addWidget(self.due, 0)
        layout.addWidget(remove, 0)

    def values(self) -> dict[str, str]:
        return {
            "what": self.what.text().strip(),
            "owner": self.owner.text().strip(),
            "due": self.due.date().toString("yyyy-MM-dd"),
        }

    def is_blank(self) -> bool:
        return not self.what.text().strip()


class ActionsEditor(QWidget):
    changed = Signal()

    def __init__(self, default_owner: str, default_due: QDate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.default_owner = default_owner
        self.default_due = default_due
        self.rows: list[ActionRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(6)
        layout.addLayout(self.rows_layout)
        self.add_button = QPushButton(theme.icon("plus"), strings.CONCERN_ADD_ACTION)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)

    def add_row(self, values: dict[str, str] | None = None, *, focus: bool = False) -> ActionRow:
        row = ActionRow(self.default_owner, self.default_due)
        if values:
            row.what.setText(values.get("what", ""))
            row.owner.setText(values.get("owner", ""))
            due = QDate.fromString(values.get("due", ""), "yyyy-MM-dd")
            if due.isValid():
                row.due.setDate(due)
        row.removed.connect(self._remove)
        for signal in (row.what.textChanged, row.owner.textChanged, row.due.dateChanged):
            signal.connect(lambda *_a: self.changed.emit())
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        if focus:
            row.what.setFocus()
        self.changed.emit()
        return row

    def _remove(self, row: ActionRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.changed.emit()

    def values(self) -> list[dict[str, str]]:
        return [r.values() for r in self.rows if not r.is_blank()]

    def incomplete(self) -> ActionRow | None:
        for row in self.rows:
            v = row.values()
            if v["what"] and not v["owner"]:
                return row
        return None
