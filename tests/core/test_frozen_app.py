"""What the packaged app relies on: child processes of itself, no console, a fast --version, the About facts,
and packaging definitions that lint clean (the bundle itself is smoke-tested by `make package-test`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dslapp import about, console

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )


def test_module_command_runs_python_m_unfrozen_and_the_hidden_argument_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    assert console.module_command("ui.bench_ui", "bare") == [sys.executable, "-m", "ui.bench_ui", "bare"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert console.module_command("ui.bench_ui", "bare") == [
        sys.executable,
        console.RUN_MODULE_ARG,
        "ui.bench_ui",
        "bare",
    ]
    with pytest.raises(ValueError):
        console.module_command("os", "rm")


def test_the_entry_script_dispatches_the_hidden_argument(tmp_path: Path) -> None:
    # packaging/entry.py is what the bundle runs; here it runs unfrozen, the same code path
    done = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "entry.py"), console.RUN_MODULE_ARG, "ui.bench_ui", "bare-rss"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "DSLAPP_HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) > 10_000  # peak RSS in KiB of a bare Qt window
    refused = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "entry.py"), console.RUN_MODULE_ARG, "http.server"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert refused.returncode == 2 and "not a module this program runs" in refused.stderr


NO_STREAMS = """
import sys
sys.stdout = sys.stderr = sys.stdin = None
from dslapp.cli import main
codes = []
for argv in ({argvs}):
    try:
        codes.append(main(argv))
    except SystemExit as exc:
        codes.append(exc.code)
open({out!r}, "w").write(repr(codes))
"""


def test_the_command_line_runs_without_stdout_stderr_or_stdin(tmp_path: Path) -> None:
    out = tmp_path / "codes.txt"
    argvs = repr((["--version"], ["--help"], ["children", "--vault", str(tmp_path / "none")], ["no-such-command"]))
    done = _run(NO_STREAMS.format(argvs=argvs, out=str(out)), {"DSLAPP_HOME": str(tmp_path), "DSLAPP_PASSPHRASE": "x"})
    assert done.returncode == 0, done.stderr
    assert out.read_text() == "[0, 0, 1, 2]"


APP_WITHOUT_STREAMS = """
import sys
sys.stdout = sys.stderr = None
from PySide6.QtCore import QTimer
import ui.app
made = ui.app.create_application
def quitting(argv):
    app = made(argv)
    QTimer.singleShot(500, app.quit)
    return app
ui.app.create_application = quitting
code = ui.app.main([])
open({out!r}, "w").write(str(code) + " " + type(sys.stdout).__name__)
"""


def test_the_window_starts_and_closes_without_stdout_or_stderr(tmp_path: Path) -> None:
    out = tmp_path / "code.txt"
    done = _run(
        APP_WITHOUT_STREAMS.format(out=str(out)), {"DSLAPP_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    )
    assert done.returncode == 0, done.stderr
    assert out.read_text() == "0 TextIOWrapper"  # the missing streams were replaced, not written to as None


def test_version_loads_neither_qt_nor_pydantic_and_is_quick() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from dslapp.cli import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--version'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'pydantic', 'reportlab', 'sqlcipher3'}))"
    )
    done = _run(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"  # the bundle's 0.5 s budget itself is measured (not asserted) by package-test


def test_about_lists_components_packages_and_data_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DSLAPP_HOME", str(tmp_path))
    components = {c.name: c for c in about.bundled_components()}
    qt = next(c for name, c in components.items() if name.startswith("Qt"))
    assert "LGPL" in qt.licence and "replace" in qt.note and "GNU LESSER GENERAL PUBLIC LICENSE" in qt.text
    assert any(name.startswith("SQLCipher") and c.text for name, c in components.items())
    assert any(name.startswith("DejaVu") and "Bitstream" in c.text for name, c in components.items())
    packages = {c.name.lower().replace("_", "-"): c for c in about.python_packages()}
    assert {"reportlab", "pydantic", "cryptography", "sqlcipher3", "pyside6-essentials"} <= set(packages)
    assert not {"pytest", "mypy", "ruff", "pip"} & set(packages)  # development tools are not shipped
    assert all(c.version and c.licence for c in packages.values())
    places = {loc.what: loc.path for loc in about.data_locations()}
    assert places["casebook"] == tmp_path / "vault"


def test_packaging_definitions_lint_clean() -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import check_definitions
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    assert check_definitions.all_problems() == []


def test_github_workflows_match_the_schema() -> None:
    checker = Path(sys.executable).parent / "check-jsonschema"
    workflows = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    assert len(workflows) >= 2
    done = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", *workflows], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
