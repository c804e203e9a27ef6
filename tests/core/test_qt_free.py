"""The core is a plain Python library: importing all of dslapp loads no Qt."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import dslapp

SCRIPT = """
import importlib, pkgutil, sys
import dslapp
for module in pkgutil.walk_packages(dslapp.__path__, "dslapp."):
    if module.name.endswith("__main__"):
        continue
    importlib.import_module(module.name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6", "ui"})
print(",".join(loaded))
print("modules:", len([m for m in sys.modules if m.startswith("dslapp")]))
"""


def test_importing_every_dslapp_module_loads_no_qt() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    loaded, count = result.stdout.splitlines()
    assert loaded == ""
    assert int(count.split(":")[1]) >= 20  # the walk really imported the package


def test_no_dslapp_source_imports_qt_or_ui() -> None:
    root = Path(dslapp.__file__).parent
    pattern = re.compile(r"^\s*(from|import)\s+(PySide6|shiboken6|ui)\b", re.MULTILINE)
    offenders = [p.name for p in root.rglob("*.py") if pattern.search(p.read_text("utf-8"))]
    assert offenders == []
