"""Help: the keyboard shortcuts, and about the app."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ui import strings
from ui.dialogs import about
from ui.widgets.common import dialog_page


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resize(560, 520)
        layout = dialog_page(self, strings.SHORTCUTS_TITLE)
        table = QTableWidget(len(strings.SHORTCUTS), 2)
        table.setAccessibleName(strings.SHORTCUTS_TITLE)
        table.setHorizontalHeaderLabels([strings.SHORTCUTS_KEYS, strings.SHORTCUTS_WHAT])
        table.verticalHeader().hide()
        table.setShowGrid(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        for row, (keys, what) in enumerate(strings.SHORTCUTS):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(what))
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_about(parent: QWidget, idle_minutes: int) -> None:
    """The About dialog (version, data location, licences): ui/dialogs/about.py."""
    about.show_about(parent, idle_minutes)
