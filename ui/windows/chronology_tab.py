"""The Chronology tab of a child's record: the timeline above, the chronology table below, filters, gentle
quality hints per entry, the summary of counts by category per quarter, and adding, re-wording,
exporting and printing entries.

The rows, summary, hints and timeline come from ``ui.operations.chronology`` (built on the DB worker, when the
tab is first seen); the side panel reads the selected row's record on its own (``ui.operations.record_detail``),
so the tab never needs the child's whole file. The table is handed its rows a page at a time. Editing
follows the amendment rule: a manual entry (or one already re-worded) is amended with a reason and the
original kept; a row built from a record gets the DSL's own wording as a new linked entry, leaving the
source record untouched.
"""

from __future__ import annotations

import html
from datetime import date, datetime

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dslapp.models import Category, Child, ChronologyEntry
from dslapp.services.chronology import ChronologyRow
from ui import strings, theme
from ui.dialogs.chronology_entry import EntryDialog
from ui.dialogs.export_pdf import ExportPdfDialog, safe_file_name
from ui.models.chronology import ROW_ROLE, ChronologyModel, hints_html
from ui.operations import chronology as ops
from ui.operations import record_detail as detail_ops
from ui.operations.record_detail import RowDetail
from ui.operations.session import Session
from ui.widgets.common import field_label, text_label
from ui.widgets.record_views import record_html
from ui.widgets.timeline import TimelineView

ANY_DATE = QDate(1900, 1, 1)
WRAP_LIMIT = 400  # rows sized to their text up to this many; beyond, one line each (full text in tooltips)
SUMMARY_QUARTERS = 6
MAX_ROW_HEIGHT = 120
DETAILS_KEPT = 200
"""Rows whose side panel is kept once read (walking up and down the table reads each row once)."""


class _ShadedDelegate(QStyledItemDelegate):
    """Paints the item's background colour itself (the app stylesheet's ``::item`` rule would hide it)."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        brush = index.data(Qt.ItemDataRole.BackgroundRole)
        if brush is not None:
            painter.fillRect(option.rect.adjusted(1, 1, -1, -1), brush)
        super().paint(painter, option, index)


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setMinimumDate(ANY_DATE)
    edit.setSpecialValueText(strings.CHRONO_ANY_DATE)
    edit.setDate(ANY_DATE)
    edit.setAccessibleName(name)
    return edit


def _date_of(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == ANY_DATE else date(value.year(), value.month(), value.day())


class ChronologyTable(QTableView):
    """The chronology table: Home and End go to the first and last row (the rows are what is selected), End
    reaching the last row even while the model has handed the view only its first pages."""

    def moveCursor(self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        model = self.model()
        action = QAbstractItemView.CursorAction
        if cursorAction in (action.MoveEnd, action.MoveHome):
            if cursorAction == action.MoveEnd and isinstance(model, ChronologyModel):
                model.fetch_to(len(model.rows))
            modifiers |= Qt.KeyboardModifier.ControlModifier  # rows, not the cells of one row
        elif cursorAction in (action.MoveDown, action.MovePageDown, action.MoveNext) and isinstance(
            model, ChronologyModel
        ):
            step = max(1, self.viewport().height() // max(1, self.verticalHeader().defaultSectionSize()))
            model.fetch_to(self.currentIndex().row() + 1 + step)  # the row below is there to move to
        return super().moveCursor(cursorAction, modifiers)


class ChronologyTab(QWidget):
    """The interactive chronology, built on the DB worker when the tab is first seen (and again after a change to
    the child's records, ``changed()``); the side panel reads the selected row's record on its own."""

    shown = Signal()
    counted = Signal()  # ``count`` is known (or changed)

    def __init__(
        self,
        session: Session,
        child_id: str,
        on: date,
        parent: QWidget | None = None,
        export_button: CaseExportButton | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.child_id = child_id
        self.on = on
        self._stale = True  # the child's records have changed since the table was built (or it never was)
        self.count: int | None = None
        """How many significant entries the chronology has (unfiltered), once built."""
        self.child: Child | None = None  # from the record's front sheet: the exports need no more
        self.referrals = 0
        self.view: ops.ChronologyView | None = None
        self.dialogs: list[QDialog] = []
        self._details: dict[tuple[str, str], RowDetail] = {}
        """The side panel's reads of rows seen since the records last changed, by (record id, entry id)."""
        self._detail_asked: ChronologyRow | None = None  # the row whose detail is being read
        self._detail_wanted: ChronologyRow | None = None  # the row to read next (the latest selected)
        self._generation = 0  # counts changes to the child's records (a read from before one is not kept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.setSpacing(8)

        # actions
        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.add_button = QPushButton(theme.icon("plus"), strings.CHRONO_ADD)
        self.add_button.setToolTip(strings.CHRONO_ADD_TIP)
        self.add_button.clicked.connect(self.add_entry)
        self.edit_button = QPushButton(theme.icon("amend"), strings.CHRONO_EDIT)
        self.edit_button.setToolTip(strings.CHRONO_EDIT_TIP)
        self.edit_button.clicked.connect(self.edit_current)
        self.timeline_button = QPushButton(theme.icon("chronology"), strings.CHRONO_TIMELINE)
        self.timeline_button.setCheckable(True)
        self.timeline_button.setChecked(True)
        self.timeline_button.toggled.connect(self._toggle_timeline)
        self.print_button = QPushButton(theme.icon("print"), strings.CHRONO_PRINT)
        self.print_button.clicked.connect(self.print_preview)
        self.export_button = QPushButton(theme.icon("shield"), strings.CHRONO_EXPORT)
        self.export_button.clicked.connect(self.export_pdf)
        for button in (self.add_button, self.edit_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self.count_label = text_label("", "Muted")
        actions.addWidget(self.count_label)
        actions.addSpacing(8)
        for button in (self.timeline_button, self.print_button, self.export_button):
            actions.addWidget(button)
        layout.addLayout(actions)

        # filters
        filters = QHBoxLayout()
        filters.setSpacing(6)
        self.since = _date_edit(strings.CHRONO_FROM)
        self.until = _date_edit(strings.CHRONO_TO)
        self.category = QComboBox()
        self.category.setAccessibleName(strings.CHRONO_CATEGORY)
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category.addItem(strings.CHRONO_ALL_CATEGORIES, None)
        for category in Category:
            self.category.addItem(category.label, category.value)
        self.source = QLineEdit()
        self.source.setPlaceholderText(strings.CHRONO_SOURCE_FILTER)
        self.source.setAccessibleName(strings.CHRONO_SOURCE_FILTER)
        self.source.setClearButtonEnabled(True)
        self.source.setMinimumWidth(220)
        self.significant = QCheckBox(strings.CHRONO_SIGNIFICANT_ONLY)
        self.significant.setChecked(True)
        self.clear_button = QPushButton(strings.CHRONO_CLEAR)
        self.clear_button.clicked.connect(self.clear_filters)
        for label, widget in (
            (strings.CHRONO_FROM, self.since),
            (strings.CHRONO_TO, self.until),
            (strings.CHRONO_CATEGORY, self.category),
        ):
            filters.addWidget(field_label(label, widget))
            filters.addWidget(widget)
        filters.addSpacing(6)
        filters.addWidget(self.source, 1)
        filters.addWidget(self.significant)
        filters.addWidget(self.clear_button)
        layout.addLayout(filters)
        self.since.dateChanged.connect(self.reload)
        self.until.dateChanged.connect(self.reload)
        self.category.currentIndexChanged.connect(self.reload)
        self.source.editingFinished.connect(self._source_changed)
        self.significant.toggled.connect(self.reload)
        self._last_source = ""

        # timeline above, table and side panel below
        self.timeline = TimelineView()
        self.timeline.setMinimumHeight(150)
        self.timeline.eventActivated.connect(self.select_record)
        self.model = ChronologyModel(self)
        self.table = ChronologyTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName(strings.CHRONO_TABLE_NAME)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setTabKeyNavigation(False)
        self.table.setIconSize(QSize(16, 16))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setMinimumSectionSize(30)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate((30, 104, -1, 130, 170, 190, 120)):
            if width > 0:
                header.resizeSection(column, width)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._fit_pending = False
        header.sectionResized.connect(self._columns_resized)
        self.model.rowsInserted.connect(self._columns_resized)  # a further page fetched as the view scrolls
        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        self.empty = text_label(strings.CHRONO_EMPTY, "Muted", wrap=True)

        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.empty)

        self.side = QTabWidget()
        self.side.setDocumentMode(True)
        self.entry_view = QTextBrowser()
        self.entry_view.setOpenLinks(False)
        self.entry_view.setAccessibleName(strings.CHRONO_ENTRY_TAB)
        self.entry_view.setPlaceholderText(strings.SELECT_RECORD)
        self.side.addTab(self.entry_view, strings.CHRONO_ENTRY_TAB)
        self._summary: QTableWidget | None = None  # the summary, built and filled when first seen
        self._summary_of: ops.ChronologyView | None = None  # the view the summary shows
        self.summary_note = text_label("", "Hint", wrap=True)
        self._summary_box = QWidget()
        self._summary_layout = QVBoxLayout(self._summary_box)
        self._summary_layout.setContentsMargins(0, 6, 0, 0)
        self.side.addTab(self._summary_box, strings.CHRONO_SUMMARY_TAB)
        self.side.currentChanged.connect(self._side_changed)

        # the timeline and the side panel (this entry, summary) above; the table full width below
        self.upper = QSplitter(Qt.Orientation.Horizontal)
        self.upper.setChildrenCollapsible(False)
        self.upper.setHandleWidth(10)
        self.upper.addWidget(self.timeline)
        self.upper.addWidget(self.side)
        self.upper.setStretchFactor(0, 7)
        self.upper.setStretchFactor(1, 3)
        self.upper.setSizes([700, 300])
        self.side.setMinimumWidth(260)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(10)
        self.splitter.addWidget(self.upper)
        self.splitter.addWidget(table_box)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([270, 360])
        layout.addWidget(self.splitter, 1)

        if export_button is None:  # the record page, which builds this tab when first seen, keeps its own
            export_button = CaseExportButton(self)
            export_button.chronology_requested.connect(self.export_pdf)
            export_button.pack_requested.connect(self.export_pack)
            export_button.mash_requested.connect(self.export_mash)
        self.export_menu_button = export_button
        self._update_buttons()

    # ---- loading ---------------------------------------------------------------------------------

    def bind(self, child_id: str) -> None:
        """The tab of a record page built ahead, made the tab of ``child_id`` (only before it has shown a child)."""
        if self.child_id or self.view is not None:
            raise ValueError("only a chronology tab that has shown no child can be bound to one")
        self.child_id = child_id

    def changed(self) -> None:
        """The child's records changed: the chronology is built again, now if it is on screen, else when it is
        next seen (tabs load when opened: the record paints its Overview without a 2,000-row chronology)."""
        self._stale = True
        self._generation += 1
        self._details.clear()
        if self.isVisibleTo(self.window()):
            self.ensure_current()

    def set_front(self, child: Child, referrals: int) -> None:
        """The child and how many referrals they have (the header's Export menu), from the front sheet."""
        self.child = child
        self.referrals = referrals
        self.export_menu_button.set_referrals(referrals)
        self._update_buttons()

    def ensure_current(self) -> None:
        if self._stale:
            self._stale = False
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_current()

    def filters(self) -> ops.Filters:
        value = self.category.currentData()
        return ops.Filters(
            since=_date_of(self.since),
            until=_date_of(self.until),
            categories=frozenset({Category(value)}) if value else None,
            source=self.source.text(),
            significant_only=self.significant.isChecked(),
        )

    def reload(self) -> None:
        if not self.session.is_open:
            return
        current, generation = self.current(), self._generation
        ops.load_chronology(
            self.session,
            self.child_id,
            None,
            self.filters(),
            lambda view: self._shown(view, generation),
            before=self.view,
            select=current.key if current is not None else "",
            owner=self,
        )

    def _source_changed(self) -> None:
        if self.source.text() != self._last_source:
            self._last_source = self.source.text()
            self.reload()

    def clear_filters(self) -> None:
        for widget in (self.since, self.until, self.category, self.source, self.significant):
            widget.blockSignals(True)
        self.since.setDate(ANY_DATE)
        self.until.setDate(ANY_DATE)
        self.category.setCurrentIndex(0)
        self.source.clear()
        self._last_source = ""
        self.significant.setChecked(True)
        for widget in (self.since, self.until, self.category, self.source, self.significant):
            widget.blockSignals(False)
        self.reload()

    def _shown(self, view: ops.ChronologyView, generation: int) -> None:
        current = self.current()
        self.view = view
        rows = view.chronology.rows
        self.model.set_rows(rows, view.hints)
        self._fit_rows()
        self.timeline.set_events(view.events)
        if self.side.currentIndex() == 1:
            self._show_summary(view)
        self.empty.setVisible(not rows)
        with_hints = len(view.hints)  # the shown rows that have hints
        if view.filters == ops.Filters() and self.count != len(rows):
            self.count = len(rows)
            self.counted.emit()
        self.count_label.setText(strings.CHRONO_COUNT.format(count=len(rows), hints=with_hints))
        if rows:
            chosen = 0
            if current is not None:  # the row selected before stays selected
                chosen = view.position_of(current.key) or 0
            row = rows[chosen]
            if view.first is not None and view.first[0] == row.key and generation == self._generation:
                self._keep_detail(row, view.first[1])  # read with the rows: no job of its own
            self.model.fetch_to(chosen + 1)
            self.table.selectRow(chosen)
        else:
            self.entry_view.clear()
        self._update_buttons()
        self.shown.emit()

    def _fit_rows(self) -> None:
        """Rows as tall as their wrapped text (capped; the full text is in the tooltip and the side panel)."""
        self._fit_pending = False
        count = self.model.rowCount()
        if len(self.model.rows) > WRAP_LIMIT:
            self.table.verticalHeader().setDefaultSectionSize(32)
            return
        self.table.resizeRowsToContents()
        vertical = self.table.verticalHeader()
        for number in range(count):
            if vertical.sectionSize(number) > MAX_ROW_HEIGHT:
                vertical.resizeSection(number, MAX_ROW_HEIGHT)

    def _columns_resized(self, *_args: object) -> None:
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self, self._fit_rows)

    @property
    def summary(self) -> QTableWidget:
        """The summary table (built when first asked for or seen), showing the chronology on screen."""
        if self._summary is None:
            table = QTableWidget()
            table.setAccessibleName(strings.CHRONO_SUMMARY_TAB)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
            table.verticalHeader().setDefaultSectionSize(24)
            table.setItemDelegate(_ShadedDelegate(table))
            table.horizontalHeader().setDefaultSectionSize(44)
            table.horizontalHeader().setMinimumHeight(42)
            self._summary_layout.addWidget(table, 1)
            self._summary_layout.addWidget(self.summary_note)
            self._summary = table
        if self.view is not None and self._summary_of is not self.view:
            self._show_summary(self.view)
        return self._summary

    def _side_changed(self, index: int) -> None:
        if index == 1 and self.view is not None:
            self._show_summary(self.view)

    def _show_summary(self, view: ops.ChronologyView) -> None:
        """Counts per category (rows) per quarter (columns, the latest few), shaded by count; a rising
        category is marked ▲ in red. Only when the summary is seen: a chronology shown beside the entry
        builds none."""
        if self._summary_of is view:
            return
        self._summary_of = view
        table = self.summary
        summary = view.summary
        quarters = summary.quarters[-SUMMARY_QUARTERS:]
        skipped = len(summary.quarters) - len(quarters)
        c = theme.colours()
        table.clear()
        table.setRowCount(len(summary.categories))
        table.setColumnCount(len(quarters) + 1)
        table.setHorizontalHeaderLabels(
            [f"{q.label.split()[0][:3]}\n’{q.year % 100:02d}" for q in quarters] + [strings.CHRONO_TOTAL]
        )
        peak = max((max(cc.counts) for cc in summary.categories), default=1) or 1
        for row, counts in enumerate(summary.categories):
            label = QTableWidgetItem(f"{counts.label} ▲" if counts.rising else counts.label)
            if counts.rising:
                label.setForeground(QColor(c.danger))
                label.setToolTip(strings.CHRONO_RISING_TIP)
            table.setVerticalHeaderItem(row, label)
            shown = counts.counts[-SUMMARY_QUARTERS:]
            for column, count in enumerate(shown):
                item = QTableWidgetItem(str(count) if count else "·")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if count:
                    colour = QColor(c.danger if counts.rising else c.accent)
                    colour.setAlpha(40 + int(150 * count / peak))
                    item.setBackground(colour)
                item.setToolTip(f"{counts.label}, {quarters[column].label}: {count}")
                table.setItem(row, column, item)
            total = QTableWidgetItem(str(counts.total))
            total.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            font = total.font()
            font.setBold(True)
            total.setFont(font)
            table.setItem(row, len(quarters), total)
        for column in range(len(quarters) + 1):
            table.setColumnWidth(column, 36 if column < len(quarters) else 44)
        notes = []
        if any(cc.rising for cc in summary.categories):
            notes.append(strings.CHRONO_RISING_TIP)
        if skipped > 0:
            notes.append(strings.CHRONO_SUMMARY_EARLIER.format(count=skipped))
        if summary.uncategorised:
            notes.append(strings.CHRONO_SUMMARY_OTHER.format(count=summary.uncategorised))
        self.summary_note.setText(" ".join(notes) or strings.CHRONO_SUMMARY_HELP)

    # ---- selection -------------------------------------------------------------------------------

    def current(self) -> ChronologyRow | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _current_changed(self, index: QModelIndex, _previous: QModelIndex) -> None:
        row: ChronologyRow | None = index.data(ROW_ROLE) if index.isValid() else None
        self._update_buttons()
        if row is None:
            self.entry_view.clear()
            return
        self.timeline.select(row.record_id)
        self.entry_view.setHtml(self.entry_html(row))  # the hints at once; the records when read
        if _detail_key(row) not in self._details:
            self._read_detail(row)

    def _read_detail(self, row: ChronologyRow) -> None:
        """Read the row's records for the side panel: one small job at a time, the latest row asked for next."""
        self._detail_wanted = row
        if self._detail_asked is not None or not self.session.is_open:
            return
        self._detail_wanted = None
        self._detail_asked = row
        generation = self._generation
        detail_ops.load_row_detail(
            self.session,
            row.record_id,
            row.entry_id,
            lambda detail: self._detail_read(row, generation, detail),
            lambda _error: self._detail_read(row, generation, None),
            owner=self,
        )

    def _detail_read(self, row: ChronologyRow, generation: int, detail: RowDetail | None) -> None:
        self._detail_asked = None
        fresh = generation == self._generation  # else the records changed while it was read: read it again
        current = self.current()
        if detail is not None and fresh:
            self._keep_detail(row, detail)
            if current is not None and _detail_key(current) == _detail_key(row):
                self.entry_view.setHtml(self.entry_html(current))
        wanted, self._detail_wanted = self._detail_wanted, None
        if current is not None and _detail_key(current) not in self._details and (wanted is not None or not fresh):
            self._read_detail(current)  # the row selected since (or again after a change); rows passed are skipped

    def _keep_detail(self, row: ChronologyRow, detail: RowDetail) -> None:
        if len(self._details) >= DETAILS_KEPT:
            del self._details[next(iter(self._details))]
        self._details[_detail_key(row)] = detail

    def entry_html(self, row: ChronologyRow) -> str:
        """The side panel: the row's hints, then (once read) the wording entry and the record the row comes from."""
        parts = [hints_html(self.model.hints.get(row.key, []))]
        detail = self._details.get(_detail_key(row))
        if detail is not None:
            heading = "<p style='color:{c}; font-weight:600; margin-top:12px'>{t}</p>"
            muted = theme.colours().muted
            if detail.entry is not None:
                parts.append(heading.format(c=muted, t=html.escape(strings.CHRONO_WORDING.upper())))
                parts.append(record_html(detail.entry.record, detail.entry.amendments))
            source = detail.source
            if source is not None:
                title = strings.CHRONO_MANUAL_ENTRY if row.kind == ChronologyEntry.KIND else strings.CHRONO_SOURCE
                parts.append(heading.format(c=muted, t=html.escape(title.upper())))
                parts.append(record_html(source.record, source.amendments, source.related))
        return "".join(parts)

    def select_record(self, record_id: str) -> None:
        """Select (and show) the first row that comes from ``record_id`` (a timeline click)."""
        for number, row in enumerate(self.model.rows):
            if row.record_id == record_id:
                self.model.fetch_to(number + 1)
                self.table.selectRow(number)
                self.table.scrollTo(self.model.index(number, 1), QAbstractItemView.ScrollHint.PositionAtCenter)
                self.side.setCurrentIndex(0)
                return

    def _update_buttons(self) -> None:
        has_rows = bool(self.model.rows)
        self.edit_button.setEnabled(self.current() is not None)
        self.print_button.setEnabled(has_rows)
        self.export_button.setEnabled(self.child is not None)

    def _toggle_timeline(self, on: bool) -> None:
        self.timeline.setVisible(on)

    # ---- adding and editing ------------------------------------------------------------------------

    def _keep(self, dialog: QDialog) -> None:
        self.dialogs = [d for d in self.dialogs if d.isVisible()]
        self.dialogs.append(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session.closed.connect(dialog.reject)
        dialog.open()

    def add_entry(self) -> EntryDialog | None:
        if not self.session.is_open:
            return None
        dialog = EntryDialog(self.session, self.child_id, None, None, self.on, self.window())
        self._keep(dialog)
        return dialog

    def edit_current(self) -> EntryDialog | None:
        """Re-word the selected row. The form needs the entry the row shows: the side panel has usually read it;
        if not, it is read first and the form opens then (this returns None when that read is still running)."""
        row = self.current()
        if row is None or not self.session.is_open:
            return None
        opened: list[EntryDialog] = []

        def edit(detail: RowDetail | None) -> None:
            entry = _entry_of(row, detail)
            if row.entry_id and entry is None:
                return  # the entry could not be read (the panel says nothing either)
            dialog = EntryDialog(self.session, self.child_id, row, entry, self.on, self.window())
            self._keep(dialog)
            opened.append(dialog)

        detail = self._details.get(_detail_key(row))
        if not row.entry_id or detail is not None:
            edit(detail)
        else:
            detail_ops.load_row_detail(self.session, row.record_id, row.entry_id, edit, owner=self)
        return opened[0] if opened else None

    # ---- export and print ----------------------------------------------------------------------------

    def export_pdf(self) -> ExportPdfDialog | None:
        """The chronology as shown (filters applied), as a PDF."""
        dialog = self._export_dialog(
            ops.export_chronology(self.child_id, self.filters()), strings.CHRONO_EXPORT_TITLE, "chronology"
        )
        if dialog is not None:
            dialog.exported.connect(self._exported)
        return dialog

    def _export_dialog(self, exporter: ops.Exporter, title: str, kind: str) -> ExportPdfDialog | None:
        if self.child is None:
            return None
        dialog = ExportPdfDialog(
            self.session,
            exporter,
            title=title,
            default_name=safe_file_name(kind, self.child, self.on),
            parent=self.window(),
        )
        self._keep(dialog)
        return dialog

    def export_pack(self) -> ExportPdfDialog | None:
        """The referral pack (the header's Export menu)."""
        return self._export_dialog(ops.export_pack(self.child_id), strings.CASE_EXPORT_PACK_TITLE, "referral-pack")

    def export_mash(self) -> ExportPdfDialog | None:
        """The latest MASH enquiry (the header's Export menu); none until the child has a referral."""
        if self.child is None or not self.referrals:
            return None
        return self._export_dialog(ops.export_mash(self.child_id), strings.CASE_EXPORT_MASH_TITLE, "mash-enquiry")

    def _exported(self, _result: object) -> None:
        """Learning about chronologies, once per child, after a successful export (non-modal)."""
        from dslapp.guidance.learning_cards import LearningEvent
        from ui.widgets.learning_card import show_cards_for

        child = self.child
        show_cards_for(self.session, self, LearningEvent.CHRONOLOGY_EXPORTED, child, self.on)

    def print_preview(self) -> QDialog | None:
        if self.view is None or not self.view.chronology.rows:
            return None
        from ui.dialogs.print_chronology import preview_dialog

        chronology = self.view.chronology
        dialog = preview_dialog(chronology, self.session.user_name, datetime.now(), self.window())
        entries = len(chronology.rows)
        dialog.accepted.connect(lambda: ops.record_print(self.session, self.child_id, entries))
        self._keep(dialog)
        return dialog


def _detail_key(row: ChronologyRow) -> tuple[str, str]:
    return row.record_id, row.entry_id


def _entry_of(row: ChronologyRow, detail: RowDetail | None) -> ChronologyEntry | None:
    """The chronology entry whose wording ``row`` shows (None for a row built from a record), from its detail."""
    if not row.entry_id or detail is None:
        return None
    for part in (detail.entry, detail.source):
        if part is not None and str(part.record.id) == row.entry_id and isinstance(part.record, ChronologyEntry):
            return part.record
    return None


class CaseExportButton(QToolButton):
    """ "Export ▾" for the child's page header: the chronology, the referral pack and the MASH enquiry.

    It only asks: each item emits a signal, and the chronology tab (which owns it) opens the export."""

    chronology_requested = Signal()
    pack_requested = Signal()
    mash_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(strings.CASE_EXPORT)
        self.setIcon(theme.icon("shield"))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self.chronology_action = menu.addAction(strings.CHRONO_EXPORT, self.chronology_requested.emit)
        self.pack_action = menu.addAction(strings.CASE_EXPORT_PACK, self.pack_requested.emit)
        self.mash_action = menu.addAction(strings.CASE_EXPORT_MASH, self.mash_requested.emit)
        self.setMenu(menu)
        self.mash_action.setEnabled(False)

    def set_referrals(self, count: int) -> None:
        has_referral = count > 0
        self.mash_action.setEnabled(has_referral)
        self.mash_action.setToolTip("" if has_referral else strings.CASE_EXPORT_MASH_NONE)
