"""Import the school roll: choose the MIS export, match its columns (guessed, remembered), preview with ticks,
then the report of what was added, updated and skipped."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dslapp.errors import CasebookError
from dslapp.models.roll import REQUIRED_ROLL_FIELDS, RollField
from dslapp.services.roll import ColumnMapping, RollMatch, RollPreview, RollReport
from ui import strings
from ui.formatting import dmy
from ui.operations import roll_ops
from ui.operations.results import Saved
from ui.operations.roll_ops import OpenedRoll
from ui.operations.session import Session
from ui.widgets.common import dialog_page, field_label, text_label

CHOOSE, MAP, PREVIEW, REPORT = range(4)
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
NEW, UPDATE = "new", "update"


class RollImportDialog(QDialog):
    imported = Signal(object)  # the RollReport

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.opened: OpenedRoll | None = None
        self.preview: RollPreview | None = None
        self.report: RollReport | None = None
        layout = dialog_page(self, strings.ROLL_IMPORT_TITLE, min_width=900, spacing=10)
        self.resize(980, 660)

        steps = QHBoxLayout()
        steps.setSpacing(18)
        self.step_labels = [text_label(name, "Muted") for name in strings.ROLL_STEPS]
        for label in self.step_labels:
            steps.addWidget(label)
        steps.addStretch(1)
        layout.addLayout(steps)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._map_page())
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._report_page())
        layout.addWidget(self.pages, 1)

        self.error = text_label("", "InlineError", wrap=True)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.back_button = QPushButton(strings.ROLL_BACK)
        self.next_button = QPushButton(strings.ROLL_NEXT)
        self.next_button.setObjectName("Primary")
        self.close_button = QPushButton(strings.CANCEL)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.next_button)
        layout.addLayout(buttons)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.reject)
        self._show(CHOOSE)

    # ---- pages --------------------------------------------------------------------------------------

    def _choose_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(12)
        column.addWidget(text_label(strings.ROLL_CHOOSE_TEXT, "PageSubtitle", wrap=True))
        self.choose_button = QPushButton(strings.ROLL_CHOOSE_BUTTON)
        self.choose_button.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addStretch(1)
        column.addLayout(row)
        self.file_label = text_label(strings.ROLL_NO_FILE, "Muted", wrap=True)
        column.addWidget(self.file_label)
        column.addWidget(text_label(strings.ROLL_DELETE_EXPORT, "Hint", wrap=True))
        column.addStretch(1)
        return page

    def _map_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(text_label(strings.ROLL_MAP_TEXT, "PageSubtitle", wrap=True))
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self.column_combos: dict[RollField, QComboBox] = {}
        self.examples: dict[RollField, QLabel] = {}
        for row, roll_field in enumerate(RollField):
            combo = QComboBox()
            combo.setMinimumWidth(260)
            example = text_label("", "Muted")
            combo.currentIndexChanged.connect(lambda _i, f=roll_field: self._show_example(f))
            required = " *" if roll_field in REQUIRED_ROLL_FIELDS else ""
            grid.addWidget(field_label(roll_field.label + required, combo), row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(example, row, 2)
            self.column_combos[roll_field] = combo
            self.examples[roll_field] = example
        column.addLayout(grid)
        column.addStretch(1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(text_label(strings.ROLL_PREVIEW_TEXT, "PageSubtitle", wrap=True))
        self.counts = text_label("", "Muted")
        column.addWidget(self.counts)
        self.table = QTableWidget(0, len(strings.ROLL_PREVIEW_COLUMNS))
        self.table.setHorizontalHeaderLabels(list(strings.ROLL_PREVIEW_COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for index in range(len(strings.ROLL_PREVIEW_COLUMNS) - 1):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(strings.ROLL_PREVIEW_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._tick_changed)
        column.addWidget(self.table, 1)
        return page

    def _report_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 8, 0, 0)
        self.report_head = text_label("", "SectionTitle", wrap=True)
        column.addWidget(self.report_head)
        self.report_text = QPlainTextEdit()
        self.report_text.setReadOnly(True)
        column.addWidget(self.report_text, 1)
        column.addWidget(text_label(strings.ROLL_DELETE_EXPORT, "Hint", wrap=True))
        return page

    def _show(self, step: int) -> None:
        self.pages.setCurrentIndex(step)
        for index, label in enumerate(self.step_labels):
            label.setObjectName("SectionTitle" if index == step else "Muted")
            label.style().unpolish(label)
            label.style().polish(label)
        self.back_button.setVisible(step in (MAP, PREVIEW))
        self.next_button.setVisible(step != REPORT)
        self.next_button.setEnabled(step != CHOOSE or self.opened is not None)
        self.next_button.setText(strings.ROLL_IMPORT if step == PREVIEW else strings.ROLL_NEXT)
        self.close_button.setText(strings.ROLL_CLOSE if step == REPORT else strings.CANCEL)
        self.error.setText("")

    @property
    def step(self) -> int:
        return self.pages.currentIndex()

    # ---- step 1: the file ---------------------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, strings.ROLL_CHOOSE_BUTTON, "", strings.ROLL_CHOOSE_FILTER)
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        self.error.setText("")
        roll_ops.read_roll(self.session, path, self._file_read, self._failed, owner=self)

    def _file_read(self, opened: OpenedRoll) -> None:
        self.opened = opened
        table = opened.table
        self.file_label.setText(
            strings.ROLL_FILE_READ.format(
                name=opened.path.name, rows=len(table.rows), columns=len(table.headers), encoding=table.encoding
            )
        )
        for roll_field, combo in self.column_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(strings.ROLL_NOT_IN_FILE, None)
            for header in dict.fromkeys(h for h in table.headers if h):
                combo.addItem(header, header)
            chosen = opened.mapping.get(roll_field)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
            combo.blockSignals(False)
            self._show_example(roll_field)
        self._show(MAP)

    # ---- step 2: the columns -----------------------------------------------------------------------------

    def mapping(self) -> ColumnMapping:
        return {f: str(c.currentData()) for f, c in self.column_combos.items() if c.currentData()}

    def _show_example(self, roll_field: RollField) -> None:
        if self.opened is None:
            return
        header = self.column_combos[roll_field].currentData()
        index = self.opened.table.column(str(header)) if header else None
        value = next(
            (r[index] for r in self.opened.table.rows if index is not None and index < len(r) and r[index]), ""
        )
        self.examples[roll_field].setText(strings.ROLL_EXAMPLE.format(value=value[:40]) if value else "")

    # ---- step 3: the preview --------------------------------------------------------------------------

    def _previewed(self, preview: RollPreview) -> None:
        self.preview = preview
        self.counts.setText(
            strings.ROLL_PREVIEW_COUNTS.format(
                pupils=len(preview.matches),
                new=len(preview.new_pupils),
                updates=len(preview.updates),
                skipped=len(preview.skipped),
            )
        )
        rows: list[tuple[RollMatch | None, list[str], str]] = []
        for match in preview.updates:
            rows.append((match, self._cells(match), UPDATE))
        for match in preview.new_pupils:
            rows.append((match, self._cells(match), NEW))
        for match in preview.matches:
            if match.child_id and not match.changes:
                rows.append((match, self._cells(match), ""))
        for skip in preview.skipped:
            rows.append(
                (None, [skip.who, "", "", "", strings.ROLL_SKIPPED.format(row=skip.row, reason=skip.reason)], "")
            )
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for number, (shown, cells, kind) in enumerate(rows):
            tick = QTableWidgetItem()
            if shown is not None and kind:
                tick.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                )
                tick.setCheckState(Qt.CheckState.Checked if kind == UPDATE else Qt.CheckState.Unchecked)
                tick.setData(KEY_ROLE, shown.pupil.key)
                tick.setData(KIND_ROLE, kind)
                tick.setData(Qt.ItemDataRole.AccessibleTextRole, strings.ROLL_TICK_NAME)
            else:
                tick.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(number, 0, tick)
            for col, text in enumerate(cells, start=1):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if shown is None:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(number, col, item)
        self.table.blockSignals(False)
        self._tick_changed()
        self._show(PREVIEW)
        self.table.resizeRowsToContents()  # a skipped row's reason may wrap onto a second line

    def _cells(self, match: RollMatch) -> list[str]:
        pupil = match.pupil
        if match.child_id and match.changes:
            fields = ", ".join(strings.ROLL_FIELD_NAMES.get(f, f) for f in match.changes)
            what = strings.ROLL_UPDATE.format(how=match.matched_by, fields=fields)
        elif match.child_id:
            what = strings.ROLL_UP_TO_DATE.format(how=match.matched_by)
        else:
            what = strings.ROLL_NEW_UNTICKED
        return [pupil.display_name, dmy(pupil.dob), pupil.upn, pupil.year_group, what]

    def _tick_changed(self, item: QTableWidgetItem | None = None) -> None:
        if item is not None and item.column() != 0:
            return
        for row in range(self.table.rowCount()):
            tick = self.table.item(row, 0)
            what = self.table.item(row, 5)
            if tick is not None and what is not None and tick.data(KIND_ROLE) == NEW:
                ticked = tick.checkState() == Qt.CheckState.Checked
                text = strings.ROLL_NEW if ticked else strings.ROLL_NEW_UNTICKED
                if what.text() != text:
                    what.setText(text)

    def ticked(self, kind: str) -> set[str]:
        """The keys of the pupils ticked in the preview (``new``: to add; ``update``: to update)."""
        keys = set()
        for row in range(self.table.rowCount()):
            tick = self.table.item(row, 0)
            if tick is not None and tick.data(KIND_ROLE) == kind and tick.checkState() == Qt.CheckState.Checked:
                keys.add(str(tick.data(KEY_ROLE)))
        return keys

    def set_ticked(self, name: str, ticked: bool = True) -> None:
        """Tick (or untick) the row of the pupil called ``name`` (tests and keyboard users alike)."""
        for row in range(self.table.rowCount()):
            cell = self.table.item(row, 1)
            tick = self.table.item(row, 0)
            if cell is not None and tick is not None and cell.text() == name and tick.data(KIND_ROLE):
                tick.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
                return
        raise KeyError(name)

    # ---- step 4: the report -----------------------------------------------------------------------------

    def _imported(self, saved: Saved[RollReport]) -> None:
        report = saved.value
        self.report = report
        self.report_head.setText(strings.ROLL_REPORT_HEAD.format(pupils=report.on_roll, on=dmy(report.imported_on)))
        lines = [strings.ROLL_REPORT_ADDED.format(count=len(report.added))]
        lines += [strings.ROLL_REPORT_LINE.format(text=name) for name, _ in report.added]
        lines.append(strings.ROLL_REPORT_UPDATED.format(count=len(report.updated)))
        lines += [
            strings.ROLL_REPORT_LINE.format(
                text=f"{name}: {', '.join(strings.ROLL_FIELD_NAMES.get(f, f) for f in fields)}"
            )
            for name, _, fields in report.updated
        ]
        lines.append(strings.ROLL_REPORT_UNCHANGED.format(count=report.unchanged))
        lines.append(strings.ROLL_REPORT_ROLL_ONLY.format(count=report.not_chosen))
        lines.append(strings.ROLL_REPORT_SKIPPED.format(count=len(report.skipped)))
        lines += [
            strings.ROLL_REPORT_LINE.format(text=strings.ROLL_SKIPPED.format(row=s.row, reason=f"{s.who}: {s.reason}"))
            for s in report.skipped
        ]
        self.report_text.setPlainText("\n".join(lines))
        self.imported.emit(report)
        self._show(REPORT)

    # ---- moving between steps ------------------------------------------------------------------------------

    def next(self) -> None:
        if self.step == CHOOSE and self.opened is not None:
            self._show(MAP)
        elif self.step == MAP and self.opened is not None:
            mapping = self.mapping()
            if any(f not in mapping for f in REQUIRED_ROLL_FIELDS):
                self.error.setText(strings.ROLL_NEED_COLUMNS)
                return
            roll_ops.preview_roll(self.session, self.opened.table, mapping, self._previewed, self._failed, owner=self)
        elif self.step == PREVIEW and self.opened is not None and self.preview is not None:
            self.next_button.setEnabled(False)
            roll_ops.import_roll(
                self.session,
                self.opened.table,
                self.preview.mapping,
                self.ticked(NEW),
                self.ticked(UPDATE),
                self._imported,
                self._import_failed,
                owner=self,
            )

    def back(self) -> None:
        if self.step in (MAP, PREVIEW):
            self._show(self.step - 1)

    def _failed(self, error: CasebookError) -> None:
        self.error.setText(str(error))

    def _import_failed(self, error: CasebookError) -> None:
        self.next_button.setEnabled(True)
        self.error.setText(str(error))
