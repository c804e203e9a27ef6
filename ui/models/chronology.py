"""The chronology table's item model: one row per significant event, oldest first."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from dslapp.guidance.chronology_quality import Hint
from dslapp.models import Impact
from dslapp.services.chronology import ChronologyRow
from ui import strings, theme

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE = 200
"""Rows handed to the view at a time (a few screenfuls)."""
_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        ROW_ROLE,
    )
)
"""The roles the model answers."""
IMPACT_MARK = {Impact.POSITIVE: "+", Impact.NEGATIVE: "−", Impact.UNKNOWN: "?"}


def impact_text(row: ChronologyRow) -> str:
    mark = IMPACT_MARK[row.impact_kind]
    return f"{mark} {row.impact}" if row.impact else f"{mark} {strings.CHRONO_IMPACT_LABELS[row.impact_kind.value]}"


def hints_html(hints: list[Hint]) -> str:
    import html

    if not hints:
        return f"<p style='color:{theme.colours().success}'>✓ {html.escape(strings.CHRONO_NO_HINTS)}</p>"
    items = "".join(f"<li>{html.escape(h.message)}</li>" for h in hints)
    return f"<p><b>{html.escape(strings.CHRONO_HINTS_TITLE)}</b></p><ul style='margin-left:-20px'>{items}</ul>"


class ChronologyModel(QAbstractTableModel):
    """Chronology rows in date order (the order is the point, so the view does not re-sort)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: Sequence[ChronologyRow] = []
        self.fetched = 0
        self.hints: Mapping[str, list[Hint]] = {}
        self._hint_icon = theme.icon("alert", theme.colours().warning)

    def set_rows(self, rows: Sequence[ChronologyRow], hints: Mapping[str, list[Hint]]) -> None:
        """Show ``rows`` (kept as given, not copied: kept rows are made only as the view asks for them) with the
        hints of those that have any, by row key."""
        self.beginResetModel()
        self.rows = rows
        self.hints = hints
        self.fetched = min(len(self.rows), PAGE)
        self.endResetModel()

    # The view asks for rows a page at a time as it scrolls (Qt's fetch-on-demand), so 4,000 rows cost what a
    # screenful costs to show; ``rows`` always holds them all.

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.fetched < len(self.rows)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        self.fetch_to(self.fetched + PAGE, parent)

    def fetch_to(self, count: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        """Make the first ``count`` rows available to the view (to select a row further down, say)."""
        target = min(len(self.rows), count)
        if parent.isValid() or target <= self.fetched:
            return
        self.beginInsertRows(QModelIndex(), self.fetched, target - 1)
        self.fetched = target
        self.endInsertRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.fetched

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(strings.CHRONO_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return strings.CHRONO_COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == 0:
            return strings.CHRONO_HINT_COLUMN_TIP
        return None

    def text(self, row: ChronologyRow, column: int) -> str:
        if column == 1:
            return row.when
        if column == 2:
            return row.event + (f"\n[{row.category_label}]" if row.category_label else "")
        if column == 3:
            return row.source
        if column == 4:
            return impact_text(row)
        if column == 5:
            return row.action
        if column == 6:
            return row.recorded_by
        return ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None  # asked for every role of every cell painted: the others cost nothing
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignHCenter if column == 0 else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._hint_icon if column == 0 and self.hints.get(row.key) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                hints = self.hints.get(row.key, [])
                return "\n".join(f"• {h.message}" for h in hints) if hints else None
            text = self.text(row, column)
            return text if len(text) > 30 else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column != 0:
                return None
            hints = self.hints.get(row.key, [])
            return strings.CHRONO_HINT_COUNT.format(count=len(hints)) if hints else ""
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 4:
                c = theme.colours()
                if row.impact_kind == Impact.NEGATIVE:
                    return QColor(c.danger)
                if row.impact_kind == Impact.POSITIVE:
                    return QColor(c.success)
                return None
            if column == 1 and row.approximate:
                return QColor(theme.colours().muted)
            return None
        if role == Qt.ItemDataRole.FontRole and column == 1 and row.approximate:
            font = QFont()
            font.setItalic(True)
            return font
        return None
