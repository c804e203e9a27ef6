"""A read-only table over a list of objects (records, chronology rows, audit rows) with given columns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    text: Callable[[T], str]
    sort: Callable[[T], Any] | None = None
    width: int = 0


def _key(item: object) -> object:
    """What an item is known by across reads: a record's id, an audit row's sequence number."""
    return getattr(item, "id", None) or getattr(item, "seq", None)


class ObjectTableModel(QAbstractTableModel, Generic[T]):
    def __init__(
        self,
        columns: Sequence[Column[T]],
        parent: Any = None,
        *,
        colour: Callable[[T], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.items: list[T] = []
        self._colour = colour

    def set_items(self, items: Sequence[T]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def update_items(self, items: Sequence[T]) -> bool:
        """Bring the rows up to ``items`` in place: a changed item's row updated, new items added as rows (no
        reset, so the view keeps its place and selection). False, leaving the rows as they were, when an item
        shown has gone or the items have no ids (then ``set_items``)."""
        held = {_key(item): row for row, item in enumerate(self.items)}
        keys = [_key(item) for item in items]
        if None in held or None in keys or len(set(keys)) != len(keys) or not set(held) <= set(keys):
            return False
        added = [item for item, key in zip(items, keys, strict=True) if key not in held]
        for item, key in zip(items, keys, strict=True):
            row = held.get(key)
            if row is not None and self.items[row] is not item and self.items[row] != item:
                self.items[row] = item
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        if added:
            self.beginInsertRows(QModelIndex(), len(self.items), len(self.items) + len(added) - 1)
            self.items.extend(added)
            self.endInsertRows()
        return True

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(item).replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole:
            text = column.text(item)
            return text if len(text) > 40 else None
        if role == OBJECT_ROLE:
            return item
        if role == SORT_ROLE:
            return column.sort(item) if column.sort else column.text(item).casefold()
        if role == Qt.ItemDataRole.ForegroundRole and self._colour is not None:
            colour = self._colour(item)
            return QColor(colour) if colour else None
        return None

    def item_at(self, row: int) -> T:
        return self.items[row]
