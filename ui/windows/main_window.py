"""The main window: menus and shortcuts, and one screen at a time (setup, unlock, or the workspace).

No case data ever goes in the window title; locking swaps the workspace (and every widget holding
case data) for the unlock screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from ui import strings, theme


class MainWindow(QMainWindow):
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowIcon(theme.app_icon())
        self.set_demo(False)
        self.resize(1280, 800)
        self.setMinimumSize(960, 620)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.screen_widget: QWidget | None = None
        self.allow_close = False

        def action(text: str, shortcut: str | QKeySequence.StandardKey | None = None, icon: str = "") -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            if icon:
                act.setIcon(theme.icon(icon))
            self.addAction(act)
            return act

        self.record_action = action(strings.ACTION_RECORD, "Ctrl+N", "concern")
        self.add_child_action = action(strings.ACTION_ADD_CHILD, "Ctrl+Shift+N", "child")
        self.import_roll_action = action(strings.ACTION_IMPORT_ROLL)
        self.lock_action = action(strings.ACTION_LOCK, "Ctrl+L", "lock")
        self.settings_action = action(strings.ACTION_SETTINGS, "Ctrl+,", "settings")
        self.quit_action = action(strings.ACTION_QUIT, "Ctrl+Q")
        self.today_action = action(strings.ACTION_TODAY, "Ctrl+1", "today")
        self.caseload_action = action(strings.ACTION_CASELOAD, "Ctrl+2", "caseload")
        self.find_action = action(strings.ACTION_FIND, "Ctrl+F", "search")
        self.back_action = action(strings.ACTION_BACK, "Alt+Left", "back")
        self.shortcuts_action = action(strings.ACTION_SHORTCUTS, "F1", "keyboard")
        self.about_action = action(strings.ACTION_ABOUT)
        self.blank_form_print_action = action(strings.ACTION_BLANK_FORM_PRINT, icon="print")
        self.blank_form_save_action = action(strings.ACTION_BLANK_FORM_SAVE)

        menu = self.menuBar().addMenu(strings.MENU_CASEBOOK)
        menu.addAction(self.record_action)
        menu.addAction(self.add_child_action)
        menu.addAction(self.import_roll_action)
        menu.addSeparator()
        menu.addAction(self.blank_form_print_action)
        menu.addAction(self.blank_form_save_action)
        menu.addSeparator()
        menu.addAction(self.lock_action)
        menu.addAction(self.settings_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        go = self.menuBar().addMenu(strings.MENU_GO)
        for act in (self.today_action, self.caseload_action, self.find_action, self.back_action):
            go.addAction(act)
        help_menu = self.menuBar().addMenu(strings.MENU_HELP)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)
        self.set_unlocked(False)

    def set_demo(self, demo: bool) -> None:
        self.setWindowTitle(f"{strings.APP} — {strings.DEMO_TITLE_SUFFIX}" if demo else strings.APP)

    def set_unlocked(self, unlocked: bool) -> None:
        for act in (
            self.record_action,
            self.add_child_action,
            self.import_roll_action,
            self.lock_action,
            self.today_action,
            self.caseload_action,
            self.find_action,
            self.back_action,
            self.blank_form_print_action,
            self.blank_form_save_action,
        ):
            act.setEnabled(unlocked)

    def set_screen(self, widget: QWidget) -> None:
        """Show ``widget``; the previous screen is destroyed (with whatever it showed)."""
        old = self.screen_widget
        self.stack.addWidget(widget)
        self.stack.setCurrentWidget(widget)
        self.screen_widget = widget
        if old is not None:
            self.stack.removeWidget(old)
            old.hide()
            old.deleteLater()
        widget.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.allow_close:
            event.accept()
            return
        event.ignore()
        self.close_requested.emit()
