"""The DB worker thread, the passphrase strength estimate, and resources."""

from __future__ import annotations

import ast
import threading
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from dslapp.errors import CasebookError, WrongPassphrase
from dslapp.guidance.prompts import Prompt
from dslapp.paths import resource_files
from ui import passphrase, strings
from ui.operations.learning import ChildVoice
from ui.operations.runner import DbRunner
from ui.widgets.voice_panel import VoicePanel


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


# ---- widgets emit signals; they never reach up into the window that holds them ------------------------

UI = Path(__file__).resolve().parents[2] / "ui"
REACHING_UP = {"window", "parent", "parentWidget", "nativeParentWidget", "topLevelWidget"}
APP_WIDE = {"topLevelWidgets", "activeWindow", "allWidgets"}
OWNERS = {"ui.app", "ui.windows.workspace", "ui.windows.main_window"}
WRAPPERS = (ast.IfExp, ast.BoolOp)  # ``parent.window() if parent else None`` is still just an argument


def _private(name: str) -> bool:
    return name.startswith("_") and not name.endswith("_")  # not __dunder__ nor an enum's _sunder_


def _own(value: ast.expr) -> bool:
    if isinstance(value, ast.Name):
        return value.id in ("self", "cls")
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "super"


def reaching_up(source: str) -> list[str]:
    """Where ``source`` (a widget, page, tab or dialog module) reaches up instead of emitting a signal.

    Passing ``self.window()`` on as a dialog's Qt parent is allowed; calling anything on it, keeping it
    in a name to call later, asking the application for its windows, importing the class of a window
    that owns widgets (to find it, or to call it), or using another object's private attributes is not."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if name in APP_WIDE:
                found.append(f"line {node.lineno}: .{name}()")
            elif name in REACHING_UP and not node.args:
                holder: ast.AST = node
                while isinstance(parents.get(holder), WRAPPERS):
                    holder = parents[holder]
                outer = parents.get(holder)
                passed_on = isinstance(outer, ast.keyword) or (isinstance(outer, ast.Call) and holder in outer.args)
                if not passed_on:
                    found.append(f"line {node.lineno}: .{name}() used, not just passed on as a parent")
        elif isinstance(node, ast.Attribute) and _private(node.attr) and not _own(node.value):
            found.append(f"line {node.lineno}: uses another object's .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported = {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
            if imported & OWNERS:
                found.append(f"line {node.lineno}: imports {sorted(imported & OWNERS)[0]}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in OWNERS:
                    found.append(f"line {node.lineno}: imports {alias.name}")
    return found


def test_the_reaching_up_check_catches_what_it_should() -> None:
    assert reaching_up("self.window().go(location)")
    assert reaching_up("self.parent().load()")
    assert reaching_up("page = self.parentWidget()\npage.refresh()")
    assert reaching_up("while widget is not None:\n    widget = widget.parentWidget()")
    assert reaching_up("found = self.window().findChildren(Workspace)")
    assert reaching_up("windows = QApplication.topLevelWidgets()")
    assert reaching_up("def f():\n    from ui.windows.workspace import Location, Workspace")
    assert reaching_up("from ui.windows import workspace")
    assert reaching_up("import ui.app")
    assert reaching_up("tab._keep(dialog)")
    assert not reaching_up("self._keep(dialog)\nsuper()._update()\nCategory._value2member_map_")
    assert not reaching_up("dialog = EntryDialog(self.session, row, self.window())")
    assert not reaching_up("ExportPdfDialog(session, exporter, parent=self.window())")
    assert not reaching_up("Cards(session, cards, parent.window() if parent is not None else None)")
    assert not reaching_up("self.open_child.emit(child_id, tab)")


def test_widgets_pages_tabs_and_dialogs_emit_signals_instead_of_reaching_up_into_windows() -> None:
    checked = [
        path
        for folder in ("widgets", "windows", "dialogs")
        for path in sorted((UI / folder).rglob("*.py"))
        if path.name not in ("workspace.py", "main_window.py")  # the owners: they connect the signals
    ]
    assert len(checked) > 30
    problems = {
        str(path.relative_to(UI.parent)): found
        for path in checked
        if (found := reaching_up(path.read_text(encoding="utf-8")))
    }
    assert problems == {}, "emit a signal the owning window connects instead:\n" + "\n".join(
        f"{path}: {'; '.join(found)}" for path, found in problems.items()
    )


def test_the_voice_panel_prompt_shows_words_not_markup(qtbot: QtBot) -> None:
    """The banner is a plain-text label (nothing typed can inject markup), so the prompt is given as plain text:
    a title line and the message, never ``<b>`` tags shown to the DSL."""
    panel = VoicePanel()
    qtbot.addWidget(panel)
    prompt = Prompt(code="voice", title="Child's voice not recorded", message="It's 8 weeks since Tilly's words.")
    panel.show_voice(ChildVoice([], date(2026, 1, 5), prompt))
    text = panel.prompt.message.text()
    assert text == "Child's voice not recorded\nIt's 8 weeks since Tilly's words."
    assert "<" not in text and "&#" not in text
