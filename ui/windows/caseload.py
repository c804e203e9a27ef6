"""The caseload: every child, searchable as you type over names and case text, filtered and sorted."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dslapp.models.child import DESIGNATION_LABELS, STATUS_LABELS, ChildStatus
from dslapp.models.concern import CATEGORY_LABELS
from dslapp.services.casebook import SearchHit
from dslapp.services.changes import Changes
from dslapp.services.ui_support import CaseloadRow
from ui import strings, theme
from ui.models.caseload import (
    ALERTS,
    CHILD_ID_ROLE,
    DESIGNATIONS,
    LAST,
    MATCH,
    NAME,
    SNIPPET_ROLE,
    STATUS,
    TONE_ROLE,
    CaseloadFilter,
    CaseloadModel,
)
from ui.operations import casework
from ui.operations.session import Session
from ui.widgets.common import page_header, text_label
from ui.widgets.delegates import AlertDelegate, PillDelegate, SnippetDelegate

SEARCH_DELAY_MS = 180
WATCHED_KINDS = ("child", "concern", "action", "early_help_plan", "referral", "transfer", "status_change")


class CaseloadPage(QWidget):
    open_child = Signal(str)
    add_child = Signal()
    import_roll = Signal()

    def __init__(self, session: Session, on: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.on = on
        self._search_serial = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 16)
        layout.setSpacing(12)
        self.count_label = text_label("", "Muted")
        self.add_button = QPushButton(theme.icon("plus"), strings.ADD_CHILD_BUTTON)
        self.add_button.clicked.connect(self.add_child.emit)
        self.roll_button = QPushButton(strings.ROLL_IMPORT_BUTTON)
        self.roll_button.clicked.connect(self.import_roll.emit)
        layout.addLayout(page_header(strings.CASELOAD_TITLE, "", [self.count_label, self.roll_button, self.add_button]))

        self.search_box = QLineEdit()
        self.search_box.setObjectName("SearchBox")
        self.search_box.setPlaceholderText(strings.CASELOAD_SEARCH)
        self.search_box.setAccessibleName(strings.CASELOAD_SEARCH_NAME)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(theme.icon("search", theme.colours().muted), QLineEdit.ActionPosition.LeadingPosition)
        layout.addWidget(self.search_box)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName(strings.CASELOAD_STATUS_NAME)
        self.status_combo.addItem(strings.CASELOAD_STATUS_ANY, None)
        for status, label in STATUS_LABELS.items():
            self.status_combo.addItem(label, status)
        self.designation_combo = QComboBox()
        self.designation_combo.setAccessibleName(strings.CASELOAD_DESIGNATION_NAME)
        self.designation_combo.addItem(strings.CASELOAD_DESIGNATION_ANY, None)
        for designation, label in DESIGNATION_LABELS.items():
            self.designation_combo.addItem(label, designation.value)
        self.category_combo = QComboBox()
        self.category_combo.setAccessibleName(strings.CASELOAD_CATEGORY_NAME)
        self.category_combo.addItem(strings.CASELOAD_CATEGORY_ANY, None)
        for category, label in CATEGORY_LABELS.items():
            self.category_combo.addItem(label, category.value)
        self.alerts_check = QCheckBox(strings.CASELOAD_ALERTS)
        self.open_combo = QComboBox()
        self.open_combo.setAccessibleName(strings.CASELOAD_OPEN_NAME)
        for label, value in (
            (strings.CASELOAD_OPEN, "open"),
            (strings.CASELOAD_CLOSED, "closed"),
            (strings.CASELOAD_ALL, "all"),
        ):
            self.open_combo.addItem(label, value)
        self.clear_button = QPushButton(strings.CASELOAD_CLEAR)
        self.clear_button.setObjectName("Link")
        for widget in (self.open_combo, self.status_combo, self.designation_combo, self.category_combo):
            filters.addWidget(widget)
        filters.addWidget(self.alerts_check)
        filters.addStretch(1)
        filters.addWidget(self.clear_button)
        layout.addLayout(filters)

        self.model = CaseloadModel(on, self)
        self.proxy = CaseloadFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(strings.CASELOAD_TABLE_NAME)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((200, 140, 76, 112, 170, 90, 116, 70)):
            header.resizeSection(column, width)
        self.table.setItemDelegateForColumn(STATUS, PillDelegate(TONE_ROLE, self.table))
        self.table.setItemDelegateForColumn(ALERTS, AlertDelegate(self.table))
        self.table.setItemDelegateForColumn(MATCH, SnippetDelegate(SNIPPET_ROLE, self.table))
        layout.addWidget(self.table, 1)
        self.empty_label = text_label(strings.CASELOAD_EMPTY, "Muted")
        self.empty_label.hide()
        layout.addWidget(self.empty_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(self._text_changed)
        self.search_box.installEventFilter(self)
        self.status_combo.currentIndexChanged.connect(self._filters_changed)
        self.designation_combo.currentIndexChanged.connect(self._filters_changed)
        self.category_combo.currentIndexChanged.connect(self._filters_changed)
        self.open_combo.currentIndexChanged.connect(self._filters_changed)
        self.alerts_check.toggled.connect(self._filters_changed)
        self.clear_button.clicked.connect(self.clear_filters)
        self.table.activated.connect(self._activated)
        self.search_box.returnPressed.connect(self._open_first)
        self._show_match_column(False)

    # ---- data -------------------------------------------------------------------------------------

    def refresh(self, *, audit: bool = True) -> None:
        casework.load_caseload(self.session, self.on, self._loaded, audit=audit, owner=self)

    def refresh_if(self, changes: Changes) -> None:
        if changes.touches(*WATCHED_KINDS):
            self.refresh(audit=False)  # the list on screen, brought up to date after a change: not a new view
            if self.search_box.text().strip():
                self.run_search()

    def _loaded(self, rows: list[CaseloadRow]) -> None:
        if self.model.set_rows(rows):
            self.proxy.refresh()
        self._update_count()

    # ---- search and filters -----------------------------------------------------------------------

    def _text_changed(self, text: str) -> None:
        self.proxy.text = text
        if not text.strip():
            self._search_timer.stop()
            self.proxy.search_hits = None
            self.model.set_snippets({}, False)
            self._show_match_column(False)
        self.proxy.refresh()
        self._update_count()
        if text.strip():
            self._search_timer.start()

    def run_search(self) -> None:
        text = self.search_box.text().strip()
        if not text:
            return
        self._search_serial += 1
        serial = self._search_serial
        casework.search(self.session, text, lambda hits: self._searched(serial, hits), owner=self)

    def _searched(self, serial: int, hits: list[SearchHit]) -> None:
        if serial != self._search_serial:
            return  # a newer search is on its way
        snippets: dict[str, str] = {}
        for hit in hits:
            if hit.child_id and hit.kind != "child" and hit.child_id not in snippets:
                snippets[hit.child_id] = hit.snippet
        self.proxy.search_hits = {h.child_id for h in hits if h.child_id}
        self.model.set_snippets(snippets, True)
        self._show_match_column(True)
        self.proxy.refresh()
        self._update_count()

    def _show_match_column(self, show: bool) -> None:
        # while searching, the matched text matters more than designations and dates
        self.table.setColumnHidden(MATCH, not show)
        self.table.setColumnHidden(DESIGNATIONS, show)
        self.table.setColumnHidden(LAST, show)

    def _filters_changed(self) -> None:
        self.proxy.status = self.status_combo.currentData()
        self.proxy.designation = self.designation_combo.currentData()
        self.proxy.category = self.category_combo.currentData()
        self.proxy.alerts_only = self.alerts_check.isChecked()
        self.proxy.open_state = self.open_combo.currentData()
        self.proxy.refresh()
        self._update_count()

    def clear_filters(self) -> None:
        for combo in (self.status_combo, self.designation_combo, self.category_combo, self.open_combo):
            combo.setCurrentIndex(0)
        self.alerts_check.setChecked(False)
        self.search_box.clear()

    def set_status_filter(self, status: ChildStatus | None) -> None:
        index = self.status_combo.findData(status)
        self.status_combo.setCurrentIndex(max(index, 0))

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(strings.CASELOAD_COUNT.format(shown=shown, total=total))
        self.empty_label.setVisible(shown == 0 and total > 0)

    # ---- opening and keyboard ---------------------------------------------------------------------

    def visible_child_ids(self) -> list[str]:
        return [str(self.proxy.index(r, 0).data(CHILD_ID_ROLE)) for r in range(self.proxy.rowCount())]

    def _activated(self, index: Any) -> None:
        child_id = index.data(CHILD_ID_ROLE)
        if child_id:
            self.open_child.emit(str(child_id))

    def _open_first(self) -> None:
        if self.proxy.rowCount():
            self._activated(self.proxy.index(0, 0))

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down from the search box moves into the table, so the keyboard never has to leave home row
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.proxy.rowCount():
                self.table.setFocus()
                self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)
