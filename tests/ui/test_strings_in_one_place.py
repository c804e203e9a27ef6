"""Every piece of text the desktop app shows lives in ``ui/strings/`` (issue 13, item 6).

Parses the windows, dialogs, widgets and item models with ``ast`` (no Qt needed) and fails on a string
literal passed as text to a Qt call or constructor, or to one of the app's own widget helpers: a label, a
button, a tooltip, a placeholder, an accessible name, a table heading, a message box, text painted on a
canvas. A literal counts as text when, after HTML tags, entities and ``{format}`` fields are taken out,
it still has a letter in it; so ``f"<p>{strings.X}</p>"``, ``" · "`` and ``"−"`` are fine. Object names,
style properties, icon names and data keys go to arguments that are not checked (``text_label(text,
"Hint")``, ``theme.icon("plus")``, ``addItem(label, "open")``).

It also checks that ``ui/strings/__init__.py`` re-exports every area module and that no two areas define
the same name (the later star import would silently win).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("ui/windows", "ui/dialogs", "ui/widgets", "ui/models")
STRINGS = ROOT / "ui" / "strings"

EVERY = None  # every positional argument is text
# Call name -> the positional arguments that are shown to the user (EVERY: all of them).
TEXT_ARGUMENTS: dict[str, tuple[int, ...] | None] = {
    # Qt setters and adders
    **dict.fromkeys(
        (
            "setText",
            "setWindowTitle",
            "setToolTip",
            "setStatusTip",
            "setWhatsThis",
            "setPlaceholderText",
            "setAccessibleName",
            "setAccessibleDescription",
            "setTitle",
            "setSubTitle",
            "setInformativeText",
            "setDetailedText",
            "setLabelText",
            "setHtml",
            "setMarkdown",
            "setPlainText",
            "setSpecialValueText",
            "setPrefix",
            "setSuffix",
            "showMessage",
            "addItem",  # addItem(text, data): the data is a key
            "addItems",
            "setHorizontalHeaderLabels",
            "setVerticalHeaderLabels",
            "setHeaderLabels",
            "addRow",  # QFormLayout.addRow(label, field)
        ),
        (0,),
    ),
    **dict.fromkeys(("setTabText", "setItemText", "insertItem"), (1,)),
    **dict.fromkeys(("addTab", "insertTab", "addAction", "addMenu", "addButton", "drawText"), EVERY),
    # Qt constructors
    **dict.fromkeys(
        (
            "QLabel",
            "QPushButton",
            "QToolButton",
            "QCheckBox",
            "QRadioButton",
            "QGroupBox",
            "QCommandLinkButton",
            "QAction",
            "QMenu",
            "QMessageBox",
            "QListWidgetItem",
            "QTableWidgetItem",
            "QTreeWidgetItem",
            "QStandardItem",
        ),
        EVERY,
    ),
    # Qt's ready-made dialogs: the title, the message, the file filter
    **dict.fromkeys(
        (
            "warning",
            "information",
            "question",
            "critical",
            "about",
            "getText",
            "getMultiLineText",
            "getItem",
            "getInt",
            "getDouble",
            "getSaveFileName",
            "getOpenFileName",
            "getExistingDirectory",
        ),
        EVERY,
    ),
    # the app's own widgets and helpers (ui/widgets/common.py, ui/dialogs/guidance_common.py, ...)
    **dict.fromkeys(
        (
            "text_label",  # text_label(text, object_name)
            "field_label",
            "text_box",  # both helpers: text_box(placeholder_or_name, ...)
            "Badge",  # Badge(text, tone)
            "Card",  # Card(title, parent, icon=...)
            "ComingSoonNote",
            "Column",  # Column(title, ...)
            "set_message",
            "show_error",
            "add_button",  # add_button(text, icon_or_slot, ...)
            "_nav_button",  # _nav_button(text, icon)
        ),
        (0,),
    ),
    "page_header": (0, 1),
    "_tool_button": (0, 1),  # _tool_button(glyph, tooltip, slot)
    "ChoiceButton": (1, 2),  # ChoiceButton(icon, title, text)
    "__init__": EVERY,  # super().__init__(title, intro, save_text, parent) of a FormDialog, a QLabel...
}
# Keyword arguments that carry text, whatever the call.
TEXT_KEYWORDS = {"text", "title", "intro", "placeholder", "save_text", "note", "tooltip", "label", "caption"}
# RecordList(name=...) is the table's accessible name.
TEXT_KEYWORDS_BY_CALL = {"RecordList": {"name"}}

# Literals that look like words but are not text to translate. Keep this short: move text to ui/strings.
ALLOWED = {
    ".pdf",  # the file name suffix the PDF export adds to a chosen path
}

_MARKUP = re.compile(r"<[^>]*>|&#?\w+;|\{[^{}]*\}")


def _modules() -> list[Path]:
    return sorted(p for folder in SCANNED for p in (ROOT / folder).glob("*.py") if p.name != "__init__.py")


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Subscript):  # Column[Concern]("Date", ...)
        func = func.value
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _literals(node: ast.expr) -> Iterator[tuple[int, str]]:
    """(line, value) of the string literals that end up in the value of ``node`` (an f-string whole, its
    fields as ``{}``); not those inside a nested call's arguments or a subscript (keys, or another call's
    business)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.lineno, node.value
    elif isinstance(node, ast.JoinedStr):
        parts = [part.value if isinstance(part, ast.Constant) else "{}" for part in node.values]
        yield node.lineno, "".join(str(part) for part in parts)
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                yield from _literals(part.value)
    elif isinstance(node, ast.BinOp):  # "a" + b, "a %s" % b
        yield from _literals(node.left)
        yield from _literals(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)
    elif isinstance(node, ast.BoolOp):
        yield from (literal for value in node.values for literal in _literals(value))
    elif isinstance(node, ast.Tuple | ast.List):
        yield from (literal for element in node.elts for literal in _literals(element))
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):  # "x {y}".format(...), ", ".join(...)
        yield from _literals(node.func.value)


def _is_text(value: str) -> bool:
    return value not in ALLOWED and any(c.isalpha() for c in _MARKUP.sub("", value))


def literal_text(source: str) -> list[tuple[int, str, str]]:
    """(line, call, literal) for every literal text passed to a text-taking call in ``source``."""
    found = []
    for call in ast.walk(ast.parse(source)):
        if not isinstance(call, ast.Call):
            continue
        name = _call_name(call)
        arguments: list[ast.expr] = []
        if name in TEXT_ARGUMENTS:
            positions = TEXT_ARGUMENTS[name]
            arguments += [a for i, a in enumerate(call.args) if positions is None or i in positions]
        keywords = TEXT_KEYWORDS | TEXT_KEYWORDS_BY_CALL.get(name, set())
        arguments += [k.value for k in call.keywords if k.arg in keywords]
        for argument in arguments:
            found += [(line, name, value) for line, value in _literals(argument) if _is_text(value)]
    return found


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_literal_text_in_a_widget(path: Path) -> None:
    found = literal_text(path.read_text(encoding="utf-8"))
    assert not found, "move this text into ui/strings/ (one module per area):\n" + "\n".join(
        f"  {path.relative_to(ROOT)}:{line}: {call}({value!r})" for line, call, value in found
    )


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ('label = QLabel("Hello")', ["Hello"]),
        ('button.setToolTip(f"Open {name} now")', ["Open {} now"]),
        ("label.setText(f\"<b>{title}</b><br><span style='color:{c}'>{when}</span>\")", []),
        ('box.setText("Saved " + path)', ["Saved "]),
        ('QMessageBox.warning(self, "Oops", str(error))', ["Oops"]),
        ('table.setHorizontalHeaderLabels(["Keys", "What it does"])', ["Keys", "What it does"]),
        ('Column[Concern]("Date", lambda c: c.on)', ["Date"]),
        ('self.setText("Done" if ok else strings.FAILED)', ["Done"]),
        ('text_label("x {n}".format(n=n), "Hint")', ["x {n}"]),
        ('RecordList(columns, name="Referrals")', ["Referrals"]),
        ('label.setText(f"<b>{strings.TITLE}</b><br>{escape(body)}")', []),
        ('text_label(strings.TITLE, "PageTitle")', []),
        ('combo.addItem(strings.OPEN, "open")', []),
        ('button = QPushButton(theme.icon("plus"), strings.ADD)', []),
        ('label.setText(" · ".join(parts))', []),
        ('label.setText(names.get(key, "—"))', []),
        ('_tool_button("−", strings.ZOOM_OUT, self.zoom_out)', []),
    ],
)
def test_the_check_itself(source: str, flagged: list[str]) -> None:
    assert [value for _line, _call, value in literal_text(source)] == flagged


def _defined(module: Path) -> set[str]:
    names = set()
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def test_every_area_module_is_re_exported_and_no_two_define_the_same_name() -> None:
    areas = sorted(p for p in STRINGS.glob("*.py") if p.name != "__init__.py")
    init = (STRINGS / "__init__.py").read_text(encoding="utf-8")
    assert not [a.stem for a in areas if f"from ui.strings.{a.stem} import *" not in init]
    seen: dict[str, str] = {}
    clashes = []
    for area in areas:
        for name in _defined(area):
            if name in seen:
                clashes.append(f"{name}: {seen[name]} and {area.stem}")
            seen[name] = area.stem
    assert not clashes
