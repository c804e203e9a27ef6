"""The core's imports tell the truth (issue 13): the import-linter contract of DESIGN §2 holds, and no module
of the core hides an import inside a function (the CLI and the benchmark do, only to start quickly)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAZY_FOR_START_UP = {"dslapp/cli.py", "dslapp/bench.py", "dslapp/devtools.py"}


def _function_level_imports(path: Path) -> list[int]:
    tree = ast.parse(path.read_text("utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                module = getattr(inner, "module", None) if isinstance(inner, ast.ImportFrom) else None
                names = [a.name for a in inner.names] if isinstance(inner, ast.Import) else []
                if (module or "").startswith(("dslapp", "ui")) or any(n.startswith(("dslapp", "ui")) for n in names):
                    found.append(inner.lineno)
    return found


def test_no_function_level_imports_in_the_core() -> None:
    offenders = []
    for path in sorted((ROOT / "dslapp").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in LAZY_FOR_START_UP:
            continue
        offenders += [f"{relative}:{line}" for line in _function_level_imports(path)]
    assert not offenders, f"imports inside functions (move them to the top): {offenders}"


def test_type_checking_blocks_do_not_hide_core_imports() -> None:
    offenders = []
    for path in sorted((ROOT / "dslapp").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                offenders.append(path.relative_to(ROOT).as_posix())
    assert not offenders, f"TYPE_CHECKING imports in the core (import at the top): {offenders}"


def test_the_layer_contract_holds() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-4000:]


def test_only_the_store_and_the_vault_hold_sql() -> None:
    """DESIGN §2: SQL lives in ``dslapp.store`` (and the vault's own files); the benchmark's bare baselines are the
    one exception, since measuring raw SQL is their point."""
    pattern = re.compile(r"\.(execute|executemany|executescript|scalar)\(")
    offenders = []
    for path in sorted((ROOT / "dslapp").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(("dslapp/store/", "dslapp/vault/")) or relative == "dslapp/bench.py":
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if pattern.search(line):
                offenders.append(f"{relative}:{number}")
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(ROOT).as_posix()}:{number}")
    assert not offenders, f"SQL outside dslapp/store: {offenders}"
