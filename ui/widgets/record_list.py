"""A sortable table of records with a reading pane beside it: the body of every record tab."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui import strings, theme
from ui.models.records import OBJECT_ROLE, SORT_ROLE, Column, ObjectTableModel
from ui.widgets.common import ComingSoonNote, text_label


def _same_id(a: Any, b: Any) -> bool:
    return getattr(a, "id", None) is not None and getattr(a, "id", None) == getattr(b, "id", None)


class RecordList(QWidget):
    """A sortable table of records with a reading pane beside it."""

    selection_changed = Signal(object)

    def __init__(
        self,
        columns: Sequence[Column[Any]],
        *,
        note: str = "",
        detail: Callable[[Any], str] | None = None,
        colour: Callable[[Any], str | None] | None = None,
        name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.detail = detail
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(10)
        if note:
            layout.addWidget(ComingSoonNote(note))
        self.model: ObjectTableModel[Any] = ObjectTableModel(columns, self, colour=colour)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(name)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(32)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        stretch = [n for n, c in enumerate(columns) if c.width < 0]
        header.setStretchLastSection(not stretch)
        for number, column in enumerate(columns):
            if column.width > 0:
                header.resizeSection(number, column.width)
            elif column.width < 0:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
        self.empty = text_label(strings.NO_RECORDS, "Muted")
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(8)
        if detail is not None:
            splitter = QSplitter(Qt.Orientation.Horizontal)
            splitter.setChildrenCollapsible(False)
            splitter.setHandleWidth(10)
            left = QWidget()
            left_layout = QVBoxLayout(left)
            left_layout.setContentsMargins(0, 0, 0, 0)
            left_layout.addWidget(self.table, 1)
            left_layout.addWidget(self.empty)
            right = QWidget()
            right_layout = QVBoxLayout(right)
            right_layout.setContentsMargins(0, 0, 0, 0)
            right_layout.setSpacing(8)
            self.reader = QTextBrowser()
            self.reader.setOpenLinks(False)
            self.reader.setAccessibleName(strings.RECORD_READER_NAME)
            self.reader.setPlaceholderText(strings.SELECT_RECORD)
            right_layout.addWidget(self.reader, 1)
            right_layout.addLayout(self.buttons)
            self.buttons.addStretch(1)
            splitter.addWidget(left)
            splitter.addWidget(right)
            splitter.setStretchFactor(0, 5)
            splitter.setStretchFactor(1, 6)
            layout.addWidget(splitter, 1)
        else:
            layout.addWidget(self.table, 1)
            layout.addWidget(self.empty)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

    def set_items(self, items: Sequence[Any], *, sort_column: int = 0, descending: bool = True) -> None:
        current = self.current()
        self.model.set_items(items)
        self.table.sortByColumn(
            sort_column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        )
        self.empty.setVisible(not items)
        if items:
            row = 0
            if current is not None:
                for r in range(self.proxy.rowCount()):
                    if self.proxy.index(r, 0).data(OBJECT_ROLE) == current or _same_id(
                        self.proxy.index(r, 0).data(OBJECT_ROLE), current
                    ):
                        row = r
                        break
            self.table.selectRow(row)
        elif self.detail is not None:
            self.reader.clear()

    def update_items(self, items: Sequence[Any]) -> None:
        """Show ``items`` as an update of the rows shown (after a save: changed rows updated, new ones inserted,
        the selection kept); the rows reset only when one has gone."""
        shown = self.current()
        if not self.model.items or not self.model.update_items(items):
            self.set_items(items)
            return
        self.empty.setVisible(not items)
        current = self.current()
        if current is None and items:
            self.table.selectRow(0)
        elif current is not None and current is not shown and self.detail is not None:
            self.reader.setHtml(self.detail(current))  # the record shown is the one that changed

    def current(self) -> Any:
        index = self.table.currentIndex()
        return index.data(OBJECT_ROLE) if index.isValid() else None

    def _current_changed(self, index: Any, _previous: Any) -> None:
        item = index.data(OBJECT_ROLE) if index.isValid() else None
        if self.detail is not None:
            self.reader.setHtml(self.detail(item) if item is not None else "")
        self.selection_changed.emit(item)

    def add_button(self, text: str, icon: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(theme.icon(icon), text)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button
