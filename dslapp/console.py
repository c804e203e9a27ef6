"""The process the app runs in: standard streams a windowed build lacks, and starting a child of itself.

A windowed Windows build (and a macOS app started from Finder) has ``sys.stdout``, ``sys.stderr`` and
``sys.stdin`` set to ``None``; anything that writes to them, asks ``isatty()`` or enables ``faulthandler`` would
fail. In a frozen bundle ``sys.executable`` is the app itself, which has no ``-m``: the bundle's entry script
(``packaging/entry.py``) runs the few modules the app starts as child processes behind a hidden argument.
"""

from __future__ import annotations

import os
import sys

#: The hidden first argument with which the frozen app runs one of ``BUNDLE_MODULES`` (packaging/entry.py).
RUN_MODULE_ARG = "--run-module"
#: The modules the app starts as child processes of itself; the bundle runs no others.
BUNDLE_MODULES = ("ui.bench_ui",)


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def module_command(module: str, *args: str) -> list[str]:
    """The command line that runs ``python -m module args…`` from a checkout, an install or the bundle."""
    if module not in BUNDLE_MODULES:
        raise ValueError(f"{module} is not one of the modules the app runs as a child process")
    if is_frozen():
        return [sys.executable, RUN_MODULE_ARG, module, *args]
    return [sys.executable, "-m", module, *args]


def ensure_standard_streams() -> None:
    """Give a process without a console somewhere harmless to write: missing streams go to the null device."""
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))  # noqa: SIM115 - lives as long as the process
