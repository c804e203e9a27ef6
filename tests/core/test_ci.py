"""CI runs the whole suite: ``.ci/run`` runs ``make test``, whose pytest deselects nothing (slow tests too)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
NARROWING = ("-m", "-k", "--deselect", "--ignore", "--ignore-glob", "--lf", "--last-failed", "--sw", "--stepwise")
"""pytest options that leave tests out of a run."""


def _recipe(target: str) -> tuple[list[str], list[str]]:
    """A Makefile target's prerequisites and recipe lines."""
    text = (ROOT / "Makefile").read_text()
    found = re.search(rf"^{re.escape(target)}:(.*)\n((?:\t.*\n)*)", text, re.MULTILINE)
    assert found, f"no '{target}' target in the Makefile"
    return found.group(1).split(), [line.strip() for line in found.group(2).splitlines()]


def _make_pytest_args() -> list[str]:
    """The arguments ``make pytest`` gives pytest."""
    _, lines = _recipe("pytest")
    runs = [shlex.split(line) for line in lines if re.search(r"(^|/| )pytest( |$)", line)]
    assert len(runs) == 1, lines
    words = runs[0]
    at = next(i for i, word in enumerate(words) if word == "pytest" or word.endswith("/pytest"))
    return words[at + 1 :]


def _narrowing(args: list[str]) -> list[str]:
    return [a for a in args if a.split("=")[0] in NARROWING or (a.startswith("-m") and len(a) > 2 and a[2] != "-")]


def test_ci_runs_make_test_then_the_package_smoke_test() -> None:
    script = ROOT / ".ci" / "run"
    assert os.access(script, os.X_OK)
    commands = [line.strip() for line in script.read_text().splitlines() if line.strip()]
    commands = [c for c in commands if not c.startswith("#")]
    assert "set -euo pipefail" in commands and "make test" in commands, commands
    # then the desktop bundle is built and smoke-tested, so a change that breaks the installed app fails CI
    assert commands[-1] == "make package-test" and commands.index("make test") < len(commands) - 1, commands


def test_make_test_runs_pytest_and_narrows_nothing() -> None:
    prerequisites, _ = _recipe("test")
    assert "pytest" in prerequisites
    args = _make_pytest_args()
    addopts = shlex.split(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["addopts"]
    )
    assert _narrowing(args) == [] and _narrowing(addopts) == [], (args, addopts)
    assert "slow" not in " ".join(args + addopts)
    for conftest in TESTS.rglob("conftest.py"):  # a hook that skipped slow tests would hide them from CI
        assert "slow" not in conftest.read_text(), conftest


def test_the_ci_pytest_command_collects_the_slow_tests() -> None:
    marked = sorted(str(p.relative_to(ROOT)) for p in TESTS.rglob("test_*.py") if "mark.slow" in p.read_text())
    assert marked, "no test is marked slow: this check would check nothing"
    args = [a for a in _make_pytest_args() if not re.fullmatch(r"-q+|-v+|--quiet|--verbose", a)]
    base = [sys.executable, "-m", "pytest", *args, "--collect-only", "-q", "-p", "no:cacheprovider"]

    def collected(*extra: str) -> set[str]:
        done = subprocess.run([*base, *extra, *marked], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        return {line.strip() for line in done.stdout.splitlines() if "::" in line}

    slow = collected("-m", "slow")
    assert slow, "the slow marker selects no test"
    assert slow <= collected()
