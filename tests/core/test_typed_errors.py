"""Every error the core raises for a user to see is a typed error in ``dslapp/errors.py`` (issue 13, item 6).

Parsed with ``ast``: no error class is defined outside ``dslapp/errors.py``; and in ``dslapp/services`` and
``dslapp/vault`` no ``raise CasebookError(...)`` (raise the subclass that says what went wrong) and no
built-in exception raised with a message that could reach the user. A built-in exception is fine inside a
pydantic validator (pydantic turns it into a validation error), inside a ``try`` that catches it, or in
the short list below of programming errors and internal steps whose caller turns them into a typed error.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import dslapp.errors

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "dslapp"
CHECKED = ("services", "vault")
BUILTIN = {
    "Exception",
    "ValueError",
    "TypeError",
    "RuntimeError",
    "KeyError",
    "LookupError",
    "IndexError",
    "OSError",
    "AssertionError",
    "NotImplementedError",
}
# (module, function) -> why a built-in exception raised there never reaches a user as it is.
ALLOWED = {
    ("services/recording.py", "amend"): "a programming error: a step-owned kind amended generically",
    ("services/bundle.py", "read_at_most"): "its callers word the OSError (read_bundle_file, open_transfer_pack)",
    ("vault/keyfile.py", "user"): "a lookup by a user id the code holds (KeyError, like a dict)",
    ("vault/sqlcipher.py", "transaction"): "an internal invariant: records written without their audit row",
    ("vault/sqlcipher.py", "_key_pragma"): "a programming error: a data key of the wrong length",
    ("vault/migrate.py", "migrations"): "a programming error: migrations numbered with a gap",
}
VALIDATORS = {"field_validator", "model_validator", "validator", "root_validator"}


def _error_classes() -> set[str]:
    return {
        name
        for name, value in vars(dslapp.errors).items()
        if isinstance(value, type) and issubclass(value, dslapp.errors.CasebookError)
    }


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}


def _caught_here(node: ast.AST, name: str, parents: dict[ast.AST, ast.AST]) -> bool:
    """Raised in the body of a ``try`` that catches ``name`` (or Exception)."""
    child, parent = node, parents.get(node)
    while parent is not None and not isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef):
        if isinstance(parent, ast.Try) and child in parent.body:
            for handler in parent.handlers:
                caught = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
                if any(c is None or _name(c) in {name, "Exception", "BaseException"} for c in caught):
                    return True
        child, parent = parent, parents.get(parent)
    return False


def _function(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    parent = parents.get(node)
    while parent is not None and not isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef):
        parent = parents.get(parent)
    return parent


def _modules(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (CORE / folder).rglob("*.py"))


def test_every_error_class_is_in_dslapp_errors() -> None:
    errors = _error_classes()
    elsewhere = []
    for path in sorted(CORE.rglob("*.py")):
        if path == CORE / "errors.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(_name(base) in errors for base in node.bases):
                elsewhere.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.name}")
    assert not elsewhere, "define error classes in dslapp/errors.py:\n" + "\n".join(elsewhere)


@pytest.mark.parametrize("path", _modules(*CHECKED), ids=lambda p: str(p.relative_to(CORE)))
def test_services_and_vault_raise_typed_errors(path: Path) -> None:
    where = str(path.relative_to(CORE))
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = _parents(tree)
    wrong = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Raise) or node.exc is None:
            continue
        name = _name(node.exc)
        if name == "CasebookError":
            wrong.append(f"{where}:{node.lineno}: raise a subclass from dslapp/errors.py, not CasebookError itself")
            continue
        if name not in BUILTIN:
            continue
        function = _function(node, parents)
        if function is not None and any(_name(d) in VALIDATORS for d in function.decorator_list):
            continue
        if _caught_here(node, name, parents) or (where, function.name if function else "") in ALLOWED:
            continue
        wrong.append(f"{where}:{node.lineno}: {name} may reach the user; raise a typed error from dslapp/errors.py")
    assert not wrong, "\n".join(wrong)


def test_the_allowed_list_is_still_needed() -> None:
    """Each allowed (module, function) still raises a built-in exception (the list stays short and true)."""
    used = set()
    for path in _modules(*CHECKED):
        where = str(path.relative_to(CORE))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = _parents(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and node.exc is not None and _name(node.exc) in BUILTIN:
                function = _function(node, parents)
                used.add((where, function.name if function else ""))
    assert set(ALLOWED) <= used, sorted(set(ALLOWED) - used)
