"""The desktop app: start-up, the unlock / lock cycle, idle lock, clipboard hygiene, and dialogs.

``main()`` is what ``dslapp`` (no arguments) runs. :class:`CasebookApp` wires the screens together;
its clocks and timers are injectable so tests drive them without waiting.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

# The settings (and with them pydantic) are imported before PySide6, which reads the source of every module
# imported after it (looking for ``from __feature__ import``): for pydantic's hundred modules that cost about
# 50 ms of CPU at each start (issue 16).
from dslapp.config import Settings

# isort: split
import shiboken6
from PySide6.QtCore import QLocale, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from dslapp import APP_NAME
from dslapp.console import ensure_standard_streams
from dslapp.logs import LogEvent
from dslapp.logs import log as log_event
from ui import preload, strings, theme
from ui.clipboard import ClipboardGuard, TimerFactory
from ui.locking import Clock, IdleMonitor, SessionLockWatcher
from ui.operations import team_ops, vault_ops
from ui.operations.runner import DbRunner
from ui.operations.session import Session
from ui.windows.main_window import MainWindow
from ui.windows.unlock import UnlockPage

if TYPE_CHECKING:  # the workspace and dialogs load after unlock, keeping start-up quick
    from dslapp.export.common import ExportResult
    from dslapp.models import Concern
    from dslapp.services.casebook import Opened, PageCheck
    from dslapp.services.drafts import Draft
    from ui.windows.workspace import Location, Workspace

log = logging.getLogger("dslapp.ui")

CHECK_WHEN_QUIET_S = 3.0
"""The page check after unlock starts once the DSL has given no input for this long and the worker is idle..."""
CHECK_AT_LATEST_S = 120.0
"""...or this long after unlock, whatever they are doing."""
CHECK_POLL_MS = 500


class CasebookApp(QObject):
    """One window, one casebook at a time, locked or unlocked."""

    def __init__(
        self,
        *,
        settings: Settings | None = None,
        real_dir: Path | None = None,
        demo_dir: Path | None = None,
        synchronous: bool = False,
        clock: Clock = time.monotonic,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = datetime.now,
        clipboard_timer: TimerFactory | None = None,
        autosave_ms: int | None = None,
        watch_session_lock: bool = True,
        team_merge_ms: int = team_ops.MERGE_EVERY_MS,
    ) -> None:
        super().__init__()
        self.settings = settings or Settings.load()
        self.settings_problem = self.settings.problem
        self.real_dir = real_dir or vault_ops.real_vault_dir()
        self.demo_dir = demo_dir or vault_ops.demo_vault_dir()
        self.today = today
        self.now = now
        self.autosave_ms = autosave_ms
        self.runner = DbRunner(synchronous=synchronous, parent=self)
        self.runner.error.connect(self.show_error)
        self.session: Session | None = None
        self.workspace: Workspace | None = None
        self.dialogs: list[QDialog] = []
        self.resume: dict[str, Location] = {}
        self.last_error = ""
        self.damage_box: QMessageBox | None = None
        self._preloading = False
        self.window = MainWindow()
        self.clipboard = ClipboardGuard(
            QGuiApplication.clipboard(), self.settings.clipboard_clear_seconds, clipboard_timer, parent=self
        )
        self.idle = IdleMonitor(self.settings.idle_lock_minutes * 60, clock=clock, parent=self)
        self.idle.idle.connect(self.lock)
        self._clock = clock
        self._unlocked_at = 0.0
        self.page_check_timer = QTimer(self)
        self.page_check_timer.setInterval(CHECK_POLL_MS)
        self.page_check_timer.timeout.connect(self.check_pages_if_quiet)
        self.team_timer = QTimer(self)
        self.team_timer.setInterval(team_merge_ms)
        self.team_timer.timeout.connect(self.merge_team)
        self.session_watcher: SessionLockWatcher | None = None
        if watch_session_lock:
            self.session_watcher = SessionLockWatcher(self)
            self.session_watcher.locked.connect(self.lock)
        w = self.window
        w.record_action.triggered.connect(lambda: self.record_concern(self._current_child()))
        w.lock_action.triggered.connect(self.lock)
        w.add_child_action.triggered.connect(self.add_child)
        w.import_roll_action.triggered.connect(self.import_roll)
        w.settings_action.triggered.connect(self.open_settings)
        w.blank_form_print_action.triggered.connect(self.print_blank_form)
        w.blank_form_save_action.triggered.connect(self.save_blank_form)
        w.quit_action.triggered.connect(self.quit)
        w.close_requested.connect(self.quit)
        w.today_action.triggered.connect(lambda: self._go("today"))
        w.caseload_action.triggered.connect(lambda: self._go("caseload"))
        w.find_action.triggered.connect(lambda: self.workspace.find_in_caseload() if self.workspace else None)
        w.back_action.triggered.connect(lambda: self.workspace.back() if self.workspace else None)
        w.shortcuts_action.triggered.connect(self.show_shortcuts)
        w.about_action.triggered.connect(self.show_about)

    # ---- start-up and screens -----------------------------------------------------------------

    def start(self, *, demo: bool = False) -> None:
        self._tell_settings_problem()
        real = vault_ops.casebook_exists(self.real_dir)
        has_demo = vault_ops.casebook_exists(self.demo_dir)
        wants_demo = demo or self.settings.last_vault == str(self.demo_dir) or not real
        if has_demo and wants_demo:
            self.show_unlock(demo=True)
            return
        if demo:
            self.show_setup(start_demo=True)
            return
        if real:
            self.show_unlock(demo=False)
            return
        self.show_setup()

    def _tell_settings_problem(self) -> None:
        """A settings file that could not all be used is said once, at start (the app runs on with the usual
        values for what was wrong)."""
        problem, self.settings_problem = self.settings_problem, None
        if problem is not None:
            self.show_error(str(problem))

    def show_setup(self, *, start_demo: bool = False, page: int | None = None) -> None:
        from ui.windows.setup_wizard import SetupWizard

        can_go_back = vault_ops.casebook_exists(self.real_dir) or vault_ops.casebook_exists(self.demo_dir)
        wizard = SetupWizard(self.runner, self.real_dir, self.demo_dir, allow_cancel=can_go_back)
        wizard.opened.connect(self.enter)
        wizard.cancelled.connect(self.start)
        self.window.set_demo(False)
        self.window.set_unlocked(False)
        self.window.set_screen(wizard)
        if start_demo:
            wizard.start_demo()
        elif page is not None:
            wizard.show_page(page)

    def show_unlock(self, *, demo: bool, locked_note: bool = False) -> None:
        directory = self.demo_dir if demo else self.real_dir
        other = ("real" if vault_ops.casebook_exists(self.real_dir) else "setup") if demo else "demo"
        page = UnlockPage(self.runner, directory, demo=demo, other=other, locked_note=locked_note)
        if not self._preloading:
            # the workspace, the store and the models load once the window is up, while the passphrase is typed
            self._preloading = True
            QTimer.singleShot(preload.AFTER_SHOWN_MS, self, self._preload)
        page.opened.connect(lambda opened: self.enter(opened, demo))
        page.switch_requested.connect(self._switch)
        page.recovery_requested.connect(lambda: self._recover(directory))
        self.window.set_demo(demo)
        self.window.set_unlocked(False)
        self.window.set_screen(page)

    def _preload(self) -> None:
        """Load what an unlocked casebook needs on the DB worker, unless an unlock is already under way or done
        (the worker is busy, or the workspace is showing): then the unlock loads it."""
        if self.runner.busy or self.session is not None:
            return
        self.runner.submit(preload.load_unlocked, None, lambda _error: None)

    def _switch(self, where: str) -> None:
        if where == "real":
            self.show_unlock(demo=False)
        elif where == "setup":
            from ui.windows.setup_wizard import SetupWizard

            self.show_setup(page=SetupWizard.ABOUT)
        elif vault_ops.casebook_exists(self.demo_dir):
            self.show_unlock(demo=True)
        else:
            self.show_setup(start_demo=True)

    def _recover(self, directory: Path) -> None:
        from ui.dialogs.recovery import RecoveryDialog

        dialog = RecoveryDialog(self.runner, directory, self.window)
        dialog.opened.connect(lambda opened: self.enter(opened, False))
        self._open_dialog(dialog)

    # ---- unlocked -------------------------------------------------------------------------------

    def enter(self, opened: Opened, demo: bool) -> None:
        """A casebook has been unlocked: show the workspace where the user left off."""
        from ui.windows.workspace import Location, Workspace

        vault_ops.enable_auto_backup(opened, self.settings)  # rolling encrypted backups on lock and on exit
        log_event(LogEvent.UNLOCK_OK)
        session = Session(self.runner, opened.directory, demo=demo, parent=self)
        session.attach(opened.casebook, opened.school)
        self.session = session
        workspace = Workspace(session, self.today(), self.now)
        workspace.record_concern.connect(self.record_concern)
        workspace.amend_concern.connect(self.amend_concern)
        workspace.add_child.connect(self.add_child)
        workspace.import_roll.connect(self.import_roll)
        workspace.open_staff_report.connect(self.open_staff_report)
        workspace.copy_text.connect(self.copy)
        workspace.lock_requested.connect(self.lock)
        workspace.continue_draft.connect(lambda draft: self.record_concern(draft.child_id or "", draft))
        workspace.discard_draft.connect(self._discard_draft)
        self.workspace = workspace
        self.window.set_demo(demo)
        self.window.set_screen(workspace)
        self.window.set_unlocked(True)
        workspace.go(self.resume.pop(str(session.directory), Location("today")), remember=False)
        self.settings.last_vault = str(session.directory)
        self._save_settings()
        self.idle.timeout_seconds = self.settings.idle_lock_minutes * 60
        self.idle.start()
        self.check_drafts()
        self._unlocked_at = self._clock()
        self.page_check_timer.start()
        # the team casebook: merge on unlock and every few minutes while unlocked (nothing if not in a team)
        team_ops.merge_quietly(session)
        self.team_timer.start()
        # Everything loaded so far (modules, classes, the workspace's widgets) lives as long as the session: the
        # cyclic garbage collector stops walking it (~100,000 objects, ~75 ms a full pass, which otherwise fell at
        # random into opening a record or a save) until the lock gives it back. Reference counting still frees
        # any of it that is let go.
        gc.freeze()

    def check_pages_if_quiet(self) -> None:
        """Start the full page check after unlock once the DSL pauses (no input for ``CHECK_WHEN_QUIET_S`` and
        the worker idle), or after ``CHECK_AT_LATEST_S`` whatever they do. It reads the whole file (~4 s of one
        core at 1,000 children): started at once, it took a core from the first record the DSL opened."""
        session = self.session
        if not self.page_check_timer.isActive():  # started already, or locked before the pause
            return
        if session is None or not session.is_open:
            self.page_check_timer.stop()
            return
        quiet = self.idle.idle_for >= CHECK_WHEN_QUIET_S and not self.runner.busy
        if quiet or self._clock() - self._unlocked_at >= CHECK_AT_LATEST_S:
            self.page_check_timer.stop()
            vault_ops.check_pages_after_unlock(self.runner, session.require_store(), self._pages_damaged)

    def _pages_damaged(self, found: PageCheck) -> None:
        """The page check after unlock found damage: say so plainly, and offer to lock and restore now."""
        if self.session is None or not self.session.is_open:
            return
        if found.newest_copy is not None:
            when = vault_ops.backup_made_at(found.newest_copy)
            text = f"{strings.PAGES_DAMAGED} {strings.PAGES_DAMAGED_RESTORE.format(when=when)}"
        else:
            text = f"{strings.PAGES_DAMAGED} {strings.UNLOCK_DAMAGED_NO_BACKUP}"
        self.last_error = text
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text, QMessageBox.StandardButton.NoButton, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        restore = box.addButton(strings.PAGES_LOCK_AND_RESTORE, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(strings.PAGES_LATER, QMessageBox.ButtonRole.RejectRole)
        restore.setEnabled(found.newest_copy is not None)
        self.damage_box = box

        def chosen(button: Any) -> None:
            if button is restore and found.newest_copy is not None:
                self.lock_and_offer_restore(found.newest_copy)

        box.buttonClicked.connect(chosen)
        box.open()

    def lock_and_offer_restore(self, newest: Path) -> None:
        """Lock, then show the unlock screen with the restore offer (the passphrase re-entered there restores)."""
        self.lock()
        page = self.window.screen_widget
        if isinstance(page, UnlockPage):
            page.offer_restore(newest)

    def check_drafts(self) -> None:
        """Offer back unfinished records of concern (after a lock, a crash or closing a draft)."""
        if self.session is None or not self.session.is_open:
            return
        from ui.operations import casework

        def listed(drafts: list[Draft]) -> None:
            if self.workspace is None:
                return
            names = {row.child.id: row.child.display_name for row in self.workspace.caseload.model.rows}
            open_ids = {d.draft_id for d in self._concern_dialogs() if d.isVisible()}
            self.workspace.show_drafts([d for d in drafts if d.id not in open_ids], names)

        casework.list_drafts(self.session, listed)

    def _discard_draft(self, draft: Draft) -> None:
        from ui.operations import casework

        answer = QMessageBox.question(
            self.window,
            strings.CONCERN_CLOSE_TITLE,
            strings.DRAFT_DISCARD_CONFIRM,
            defaultButton=QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes and self.session is not None:
            casework.discard_draft(self.session, draft.id, lambda _r: self.check_drafts())

    def _current_child(self) -> str:
        return self.workspace.current_child_id() if self.workspace is not None else ""

    def _go(self, page: str) -> None:
        from ui.windows.workspace import Location

        if self.workspace is not None:
            self.workspace.go(Location(page))

    # ---- locking --------------------------------------------------------------------------------

    def lock(self) -> None:
        """Drop the key and hide every piece of case data; unlocking returns to the same place."""
        session = self.session
        if session is None or not session.is_open:
            return
        if self.workspace is not None:
            self.resume[str(session.directory)] = self.workspace.current_location()
        for dialog in list(self.dialogs):
            if not shiboken6.isValid(dialog):
                continue
            if hasattr(dialog, "close_for_lock"):
                dialog.close_for_lock()
            else:
                dialog.reject()
        self.dialogs.clear()
        self.clipboard.clear_now()
        self.idle.stop()
        self.team_timer.stop()
        self.page_check_timer.stop()
        vault_ops.lock(session)
        log_event(LogEvent.LOCK)
        self.workspace = None
        self.session = None
        gc.unfreeze()  # what the unlock froze (the session's screens among it) is the collector's again
        self.show_unlock(demo=session.demo, locked_note=True)

    def merge_team(self) -> None:
        """The timer's merge with the team folder, queued on the DB worker like any other job."""
        if self.session is not None and self.session.is_open and not self.runner.busy:
            team_ops.merge_quietly(self.session)

    @property
    def is_locked(self) -> bool:
        return self.session is None or not self.session.is_open

    # ---- dialogs --------------------------------------------------------------------------------

    def _open_dialog(self, dialog: QDialog) -> None:
        self.dialogs = [d for d in self.dialogs if shiboken6.isValid(d)]
        self.dialogs.append(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.dialogs.remove(dialog) if dialog in self.dialogs else None)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _concern_dialogs(self) -> list[Any]:
        from ui.dialogs.record_concern import RecordConcernDialog

        return [d for d in self.dialogs if shiboken6.isValid(d) and isinstance(d, RecordConcernDialog)]

    def record_concern(self, child_id: str = "", draft: Draft | None = None) -> None:
        if self.session is None or not self.session.is_open:
            return
        from ui.dialogs.record_concern import RecordConcernDialog

        for existing in self._concern_dialogs():
            if draft is None or existing.draft_id == draft.id:
                existing.raise_()
                existing.activateWindow()
                return
        kwargs: dict[str, Any] = {}
        if self.autosave_ms is not None:
            kwargs["autosave_ms"] = self.autosave_ms
        dialog = RecordConcernDialog(
            self.session,
            child_id=child_id or None,
            draft=draft,
            now=self.now,
            today=self.today,
            parent=self.window,
            **kwargs,
        )
        dialog.saved.connect(lambda _c: self.window.statusBar().showMessage(strings.CONCERN_SAVED, 5000))
        dialog.cards.connect(self._concern_cards)
        dialog.finished.connect(lambda _r: self.check_drafts())
        self._open_dialog(dialog)
        if draft is not None and self.workspace is not None:
            self.workspace.show_drafts([d for d in self.workspace.drafts if d.id != draft.id], {})

    def _concern_saved(self, concern: Any) -> None:
        """Learning cards for a concern saved without its cards (another job asks for them), non-modal."""
        from dslapp.guidance.learning_cards import LearningEvent
        from ui.widgets.learning_card import show_cards_for

        if self.session is not None and self.session.is_open:
            show_cards_for(self.session, self.window, LearningEvent.CONCERN_DECIDED, concern, self.today())

    def _concern_cards(self, cards: Any) -> None:
        """Learning cards for the decision (e.g. neglect not referred), chosen in the Save's own job, non-modal."""
        from ui.widgets.learning_card import show_cards

        show_cards(self.session, self.window, list(cards))

    def add_child(self) -> None:
        if self.session is None or not self.session.is_open:
            return
        from ui.dialogs.add_child import AddChildDialog

        dialog = AddChildDialog(self.session, self.today(), self.window)
        dialog.added.connect(
            lambda child: self.window.statusBar().showMessage(
                strings.ADD_CHILD_DONE.format(name=child.display_name), 5000
            )
        )
        self._open_dialog(dialog)

    def import_roll(self) -> None:
        if self.session is None or not self.session.is_open:
            return
        from ui.dialogs.roll_import import RollImportDialog

        self._open_dialog(RollImportDialog(self.session, self.window))

    def amend_concern(self, concern: Concern) -> None:
        if self.session is None:
            return
        from ui.dialogs.amend_concern import AmendConcernDialog

        amendments = []
        if self.workspace is not None and self.workspace.child_page is not None and self.workspace.child_page.opened:
            amendments = self.workspace.child_page.opened.amended.get(str(concern.id), [])
        self._open_dialog(AmendConcernDialog(self.session, concern, amendments, self.window))

    def open_staff_report(self, record_id: str) -> None:
        """A concern from staff, from Today: the account as sent, and the DSL's triage."""
        if self.session is None or not self.session.is_open:
            return
        from ui.dialogs.staff_report import StaffReportDialog

        self._open_dialog(StaffReportDialog(self.session, record_id, self.today(), self.window))

    def open_settings(self) -> None:
        from ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self.settings, self.session, self.window)
        dialog.accepted.connect(self._settings_changed)
        self._open_dialog(dialog)

    def print_blank_form(self) -> None:
        """A print preview of the school's blank concern form for staff; printing it is audited."""
        from ui.dialogs.print_pdf import print_pdf_with_preview
        from ui.operations import casework

        session = self.session
        if session is None or not session.is_open:
            return

        def show(data: bytes) -> None:
            if not session.is_open:
                return
            try:
                dialog = print_pdf_with_preview(self.window, data, strings.BLANK_FORM_TITLE, audit)
            except ValueError as error:
                self.show_error(str(error))
                return
            self.dialogs = [d for d in self.dialogs if shiboken6.isValid(d)]
            self.dialogs.append(dialog)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(lambda _r: self.dialogs.remove(dialog) if dialog in self.dialogs else None)

        def audit(_pages: int) -> None:
            casework.record_blank_form_print(session)

        casework.blank_form_bytes(session, show, self._failed_message)

    def save_blank_form(self) -> None:
        """Save the blank concern form as a PDF (no case data: no password, no passphrase again; audited)."""
        from PySide6.QtWidgets import QFileDialog

        from ui.operations import casework

        session = self.session
        if session is None or not session.is_open:
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, strings.BLANK_FORM_TITLE, str(Path.home() / strings.BLANK_FORM_FILE), strings.EXPORT_PDF_FILTER
        )
        if not chosen:
            return

        def saved(result: ExportResult) -> None:
            self.window.statusBar().showMessage(
                strings.BLANK_FORM_SAVED.format(path=result.path, pages=result.pages), 8000
            )

        casework.export_blank_form(session, Path(chosen), saved, self._failed_message)

    def _failed_message(self, error: Exception) -> None:
        self.show_error(str(error))

    def _settings_changed(self) -> None:
        self.idle.timeout_seconds = self.settings.idle_lock_minutes * 60
        self.clipboard.clear_after_seconds = self.settings.clipboard_clear_seconds

    def show_shortcuts(self) -> None:
        from ui.dialogs.help import ShortcutsDialog

        self._open_dialog(ShortcutsDialog(self.window))

    def show_about(self) -> None:
        from ui.dialogs.help import show_about

        show_about(self.window, self.settings.idle_lock_minutes)

    # ---- clipboard, errors, quitting ------------------------------------------------------------

    def copy(self, text: str) -> None:
        self.clipboard.copy(text)
        self.window.statusBar().showMessage(
            strings.COPIED.format(seconds=int(self.clipboard.clear_after_seconds)), 5000
        )

    def show_error(self, message: str) -> None:
        """Every error reaches the user as a readable message (never a traceback)."""
        self.last_error = message
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, QMessageBox.StandardButton.Ok, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _save_settings(self) -> None:
        try:
            self.settings.save()
        except OSError:
            log.warning("settings could not be saved")

    def quit(self) -> None:
        """Keep unfinished drafts, lock, clear the clipboard, and leave."""
        self.lock()
        self.clipboard.clear_now()
        self.runner.wait()
        self.runner.stop()
        self.window.allow_close = True
        self.window.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()


def _configure_logging() -> None:
    """The private rotating event log (dslapp.logs: event codes only, never case text); Qt's own messages
    are kept out of every file."""
    from dslapp import logs
    from ui.qt_messages import install_qt_message_handler

    logs.configure()
    install_qt_message_handler()
    log_event(LogEvent.START)


def create_application(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(theme.app_icon())
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    theme.apply(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: theme.apply(app))
    return app


def main(argv: list[str] | None = None) -> int:
    """Start the desktop app (``dslapp`` with no command)."""
    ensure_standard_streams()  # started from the Start menu or Finder there is no console to write to
    parser = argparse.ArgumentParser(prog="dslapp", description=f"{APP_NAME} desktop app")
    parser.add_argument("--vault", metavar="DIR", help="the casebook folder to open")
    parser.add_argument("--demo", action="store_true", help="open (or create) the fictional demo casebook")
    args = parser.parse_args(argv if argv is not None else [])
    _configure_logging()
    app = create_application(sys.argv[:1])
    controller = CasebookApp(real_dir=Path(args.vault) if args.vault else None)
    controller.start(demo=args.demo)
    controller.window.show()
    if controller.session_watcher is not None:
        controller.session_watcher.watch_windows_session(int(controller.window.winId()))
    code = int(app.exec())
    log_event(LogEvent.EXIT)
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
