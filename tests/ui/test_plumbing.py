"""The DB worker thread, the passphrase strength estimate, and resources."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from dslapp.errors import CasebookError, WrongPassphrase
from dslapp.paths import resource_files
from ui import passphrase, strings
from ui.operations.runner import DbRunner


def test_runner_runs_jobs_in_order_on_one_worker_thread_and_reports_back_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = DbRunner()
    seen: list[tuple[str, str]] = []
    errors: list[CasebookError] = []
    gui_thread = threading.current_thread().name

    def job(number: int) -> int:
        seen.append((str(number), threading.current_thread().name))
        return number

    results: list[int] = []

    def delivered(value: int) -> None:
        assert threading.current_thread().name == gui_thread
        results.append(value)

    for number in range(5):
        runner.submit(lambda n=number: job(n), delivered)

    def fail() -> None:
        raise WrongPassphrase()

    runner.submit(fail, None, errors.append)
    qtbot.waitUntil(lambda: len(results) == 5 and len(errors) == 1, timeout=5000)
    assert results == [0, 1, 2, 3, 4]
    assert {name for _n, name in seen} == {"dslapp-db"}
    assert str(errors[0]) == str(WrongPassphrase())
    assert not runner.busy
    runner.stop()


def test_an_unexpected_error_becomes_a_plain_message(qtbot: QtBot) -> None:
    runner = DbRunner(synchronous=True)
    messages: list[str] = []
    runner.error.connect(messages.append)

    def broken() -> None:
        raise KeyError("a secret child's name")

    runner.submit(broken)
    assert messages == [strings.UNEXPECTED_ERROR]


def test_passphrase_strength() -> None:
    assert not passphrase.estimate("password123").acceptable
    assert not passphrase.estimate("short").acceptable
    assert not passphrase.estimate("aaaaaaaaaaaaaaaa").acceptable
    assert passphrase.estimate("kettle orchard violin tuesday").acceptable
    assert passphrase.estimate("kettle orchard violin tuesday").level >= 3
    weak_with_name = passphrase.estimate("Fictionton Primary 1", ("Fictionton Primary",))
    assert weak_with_name.level < passphrase.estimate("Quillmoor Lantern 1").level


def test_icons_and_stylesheet_ship_as_resources() -> None:
    icons = resource_files().joinpath("icons")
    for name in ("app", "today", "caseload", "concern", "lock", "search", "chevron-down"):
        assert icons.joinpath(f"{name}.svg").is_file(), name
    assert resource_files().joinpath("style", "app.qss").is_file()


def test_settings_change_the_idle_lock_and_help_lists_the_shortcuts(qtbot: QtBot, make_app) -> None:  # type: ignore[no-untyped-def]
    from ui.dialogs.help import ShortcutsDialog
    from ui.dialogs.settings import SettingsDialog

    app = make_app().app
    app.start()
    app.window.shortcuts_action.trigger()
    shortcuts = next(d for d in app.dialogs if isinstance(d, ShortcutsDialog))
    from PySide6.QtWidgets import QTableWidget

    listed = shortcuts.findChild(QTableWidget)
    assert listed is not None
    keys = {listed.item(r, 0).text() for r in range(listed.rowCount())}
    assert {"Ctrl+N", "Ctrl+L", "Ctrl+F"} <= keys
    app.window.settings_action.trigger()
    settings = next(d for d in app.dialogs if isinstance(d, SettingsDialog))
    settings.idle.setValue(2)
    settings.accept()
    assert app.idle.timeout_seconds == 120
