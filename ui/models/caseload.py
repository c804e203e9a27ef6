"""The caseload table: one row per child, sortable, filtered by status, designation, category,
alerts, open/closed, and by a search over names (here) and case text (FTS results from the store)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from dslapp.models.child import DESIGNATION_LABELS, STATUS_LABELS, ChildStatus, Designation
from dslapp.services.ui_support import CaseloadRow
from ui import strings
from ui.formatting import age, dmy, snippet_plain

Index = QModelIndex | QPersistentModelIndex

NAME, DOB, YEAR, STATUS, DESIGNATIONS, CONCERNS, LAST, ALERTS, MATCH = range(9)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CHILD_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 3
TONE_ROLE = Qt.ItemDataRole.UserRole + 4

STATUS_TONE = {
    ChildStatus.UNIVERSAL: "",
    ChildStatus.EARLY_HELP: "accent",
    ChildStatus.CIN: "warning",
    ChildStatus.CP: "danger",
    ChildStatus.CLA: "danger",
    ChildStatus.CLOSED: "muted",
    ChildStatus.TRANSFERRED: "muted",
}


def _designation_text(values: tuple[str, ...]) -> str:
    return ", ".join(
        strings.DESIGNATION_SHORT.get(Designation(v), v) for v in values if v in Designation._value2member_map_
    )


class CaseloadModel(QAbstractTableModel):
    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self.today = today
        self.rows: list[CaseloadRow] = []
        self.snippets: dict[str, str] = {}
        self.searching = False

    def set_rows(self, rows: list[CaseloadRow]) -> bool:
        """Show ``rows``; when they are the same children as before (a change to one child's records), only the
        rows that differ are updated, so the sorted and filtered view keeps its place. True when reset."""
        if len(rows) == len(self.rows) and all(a.child.id == b.child.id for a, b in zip(rows, self.rows, strict=True)):
            old, self.rows = self.rows, rows
            last = self.columnCount() - 1
            for i, (before, after) in enumerate(zip(old, rows, strict=True)):
                if before != after:
                    self.dataChanged.emit(self.index(i, 0), self.index(i, last))
            return False
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()
        return True

    def set_snippets(self, snippets: dict[str, str], searching: bool) -> None:
        self.snippets = snippets
        self.searching = searching
        if self.rows:
            self.dataChanged.emit(self.index(0, MATCH), self.index(len(self.rows) - 1, MATCH))

    def clear(self) -> None:
        self.set_rows([])
        self.snippets = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else MATCH + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return strings.CASELOAD_COLUMNS[section] if section < MATCH else strings.CASELOAD_MATCH
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        child = row.child
        column = index.column()
        if role == CHILD_ID_ROLE:
            return child.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == SNIPPET_ROLE and column == MATCH:
            return self.snippets.get(child.id, "")
        if role == TONE_ROLE and column == STATUS:
            return STATUS_TONE[child.status]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == NAME:
                return f"{child.legal_forename} {child.legal_surname}"
            if column == STATUS:
                return STATUS_LABELS[child.status]
            if column == DESIGNATIONS:
                return ", ".join(DESIGNATION_LABELS[Designation(d)] for d in child.designations)
            if column == ALERTS and row.alerts:
                return strings.CASELOAD_ALERT_TIP.format(count=row.alerts)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == MATCH:
            return snippet_plain(self.snippets.get(child.id, ""))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (CONCERNS, ALERTS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, row: CaseloadRow, column: int) -> str:
        child = row.child
        if column == NAME:
            return child.display_name
        if column == DOB:
            return f"{dmy(child.dob)}  ({age(child.dob, self.today)})"
        if column == YEAR:
            return child.year_group
        if column == STATUS:
            return strings.STATUS_SHORT[child.status]
        if column == DESIGNATIONS:
            return _designation_text(child.designations)
        if column == CONCERNS:
            return str(row.concerns) if row.concerns else ""
        if column == LAST:
            return dmy(row.last_concern)
        if column == ALERTS:
            return str(row.alerts) if row.alerts else ""
        if column == MATCH:
            return snippet_plain(self.snippets.get(child.id, ""))
        return ""

    def _sort_key(self, row: CaseloadRow, column: int) -> Any:
        child = row.child
        if column == NAME:
            return f"{child.legal_surname.casefold()} {child.legal_forename.casefold()}"
        if column == DOB:
            return child.dob.isoformat()
        if column == YEAR:
            digits = "".join(ch for ch in child.year_group if ch.isdigit())
            return int(digits) if digits else (-1 if child.year_group else 99)
        if column == STATUS:
            return list(ChildStatus).index(child.status)
        if column == CONCERNS:
            return row.concerns
        if column == LAST:
            return row.last_concern.isoformat() if row.last_concern else ""
        if column == ALERTS:
            return row.alerts
        return self._display(row, column).casefold()


class CaseloadFilter(QSortFilterProxyModel):
    """Filters on the caseload; ``search_hits`` is None when no case-text search is active."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.status: ChildStatus | None = None
        self.designation: str | None = None
        self.category: str | None = None
        self.alerts_only = False
        self.open_state = "open"  # open / closed / all
        self.text = ""
        self.search_hits: set[str] | None = None

    def refresh(self) -> None:
        self.beginFilterChange()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CaseloadModel)
        row = model.rows[source_row]
        child = row.child
        if self.open_state == "open" and not row.is_open:
            return False
        if self.open_state == "closed" and row.is_open:
            return False
        if self.status is not None and child.status != self.status:
            return False
        if self.designation and self.designation not in child.designations:
            return False
        if self.category and self.category not in row.categories:
            return False
        if self.alerts_only and not row.alerts:
            return False
        needle = self.text.strip().casefold()
        if needle:
            names = f"{child.display_name} {child.legal_forename} {child.legal_surname} {child.known_as}".casefold()
            by_name = all(part in names for part in needle.split())
            by_text = self.search_hits is not None and child.id in self.search_hits
            if not (by_name or by_text):
                return False
        return True
