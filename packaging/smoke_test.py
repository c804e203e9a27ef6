"""Smoke test of the built bundle (``make package-test``): the program a school installs, run as users run it.

    python packaging/smoke_test.py [BUNDLE_DIR]

BUNDLE_DIR defaults to ``dist/dsl-casebook-VERSION-linux-x86_64`` (``make package`` builds it). Every casebook
it makes lives in a temporary folder that is removed however the test ends. Prints the size and timing
figures of the issue's budgets (unpacked and compressed size, ``--version`` time, start to the unlock window
beside the unfrozen app) and exits 1 on the first failed check. Times are the program's CPU seconds (this
machine is shared, and wall-clock time mostly measures the neighbours); wall-clock medians are printed too.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
PASSPHRASE = "smoke test passphrase, fictional data only"
UNPACKED_BUDGET_MB = 240
COMPRESSED_BUDGET_MB = 90
VERSION_BUDGET_S = 0.5
START_RATIO_BUDGET = 1.2


class SmokeFailure(Exception):
    pass


def check(condition: bool, what: str) -> None:
    if not condition:
        raise SmokeFailure(what)
    print(f"ok   {what}", flush=True)


def report(condition: bool, what: str) -> None:
    """A timing budget: reported, never failed on (a busy CI machine makes time a benchmark, not a test)."""
    print(f"{'ok  ' if condition else 'OVER'} {what}", flush=True)


WINDOWS = sys.platform == "win32"
MACOS = sys.platform == "darwin"
PROGRAM = "dslapp.exe" if WINDOWS else "dslapp"


def default_bundle() -> Path:
    machine = "arm64" if platform.machine().lower() in ("aarch64", "arm64") else "x86_64"
    return ROOT / "dist" / f"dsl-casebook-{VERSION}-linux-{machine}"


def per_user_vault(home: Path) -> Path:
    """Where platformdirs puts the casebook when neither --vault nor DSLAPP_HOME is given."""
    if WINDOWS:
        return Path(os.environ["LOCALAPPDATA"]) / "DSL Casebook" / "vault"
    if MACOS:
        return home / "Library" / "Application Support" / "DSL Casebook" / "vault"
    return home / ".local" / "share" / "DSL Casebook" / "vault"


def tree_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def snapshot(path: Path) -> set[str]:
    return {str(p.relative_to(path)) for p in path.rglob("*")}


class Runner:
    def __init__(self, program: Path, env: dict[str, str]) -> None:
        self.program = program
        self.env = env

    def __call__(
        self, *args: str, env: dict[str, str] | None = None, ok: bool = True
    ) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(self.program), *args],
            capture_output=True,
            text=True,
            env=env if env is not None else self.env,
            timeout=600,
            stdin=subprocess.DEVNULL,
        )
        if ok and done.returncode != 0:
            raise SmokeFailure(f"dslapp {' '.join(args)} exited {done.returncode}: {done.stderr.strip()[-600:]}")
        return done


def _children_cpu() -> float:
    if WINDOWS:
        return 0.0
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """The program's own time: CPU seconds (user + system) where the platform reports them, so a machine
    busy with other work does not count against it; wall-clock seconds on Windows."""
    cpu, started = _children_cpu(), time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    elapsed, used = time.perf_counter() - started, _children_cpu() - cpu
    if done.returncode != 0:
        raise SmokeFailure(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.strip()[-600:]}")
    return elapsed if WINDOWS else used


def wall(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, capture_output=True, env=env, timeout=300, check=True)
    return time.perf_counter() - started


def pdf_fonts_embedded(pdf: Path) -> list[str]:
    """pdffonts rows as 'name emb' for each font; raises unless every font is embedded."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = [line for line in out[2:] if line.strip()]
    if not rows:
        raise SmokeFailure(f"{pdf.name} has no fonts")
    for row in rows:
        fields = row.split()
        emb = fields[-5]  # name type encoding emb sub uni object ID
        if emb != "yes":
            raise SmokeFailure(f"{pdf.name}: font not embedded: {row}")
    return [row.split()[0] for row in rows]


def run_checks(bundle: Path, work: Path) -> dict[str, object]:
    program = bundle / PROGRAM
    check(program.is_file() and os.access(program, os.X_OK), f"the bundle has its program: {program}")
    before = snapshot(bundle)
    info_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    info = json.loads(
        subprocess.run([str(program), "--bundle-info"], capture_output=True, text=True, env=info_env, check=True).stdout
    )
    internal = Path(info["bundle_dir"])
    for unwanted in ("pytest", "_pytest", "pip", "hypothesis", "mypy", "ruff", "setuptools", "tests"):
        check(not (internal / unwanted).exists(), f"no {unwanted} in the bundle")

    home = work / "home"
    env = {
        **({k: os.environ[k] for k in ("SYSTEMROOT", "LOCALAPPDATA", "APPDATA", "USERPROFILE") if k in os.environ}),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(work / "user"),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "DSLAPP_HOME": str(home),
        "DSLAPP_PASSPHRASE": PASSPHRASE,
        "TMPDIR": str(work / "tmp"),
    }
    (work / "tmp").mkdir()
    dslapp = Runner(program, env)
    figures: dict[str, object] = {}

    # --version, matching pyproject.toml, fast
    out = dslapp("--version").stdout.strip()
    check(out == f"DSL Casebook {VERSION}", f"--version says {out!r} (pyproject.toml: {VERSION})")
    version_s = statistics.median(timed([str(program), "--version"], env) for _ in range(5))
    figures["version_s"] = round(version_s, 3)
    figures["version_wall_s"] = round(statistics.median(wall([str(program), "--version"], env) for _ in range(5)), 3)
    report(version_s < VERSION_BUDGET_S, f"--version takes {version_s:.3f} s (budget {VERSION_BUDGET_S} s)")

    # the AppImage AppDir (make package builds it beside the bundle) starts the same program
    app_run = ROOT / "build" / "package" / "AppDir" / "AppRun"
    if app_run.is_file() and not (WINDOWS or MACOS):
        ran = subprocess.run([str(app_run), "--version"], capture_output=True, text=True, env=env, timeout=60)
        check(ran.stdout.strip() == f"DSL Casebook {VERSION}", "the AppImage AppDir's AppRun starts the program")

    # resources and schemas come from inside the bundle, not a path into a checkout
    inside = str(internal.resolve())
    check(info["frozen"] is True, "the program runs frozen")
    for key in ("resources", "schemas"):
        check(
            str(Path(info[key]).resolve()).startswith(inside)
            and not str(info[key]).startswith(str(ROOT / "resources")),
            f"{key} found inside the bundle: {info[key]}",
        )

    # a demo casebook whose file is encrypted
    vault = work / "vault"
    dslapp("demo", "--vault", str(vault), "--children", "12")
    db_files = [p for p in vault.rglob("*") if p.is_file() and p.suffix in (".db", ".sqlite", ".sqlcipher")]
    check(bool(db_files), f"the demo casebook has a database file ({', '.join(p.name for p in db_files)})")
    for db in db_files:
        head = db.read_bytes()[:16]
        check(head != b"SQLite format 3\x00", f"{db.name} is encrypted (no SQLite header)")

    children = json.loads(dslapp("children", "--vault", str(vault), "--json").stdout)
    check(len(children) >= 12, f"children --json lists {len(children)} children")
    today = json.loads(dslapp("today", "--vault", str(vault), "--json").stdout)
    check(isinstance(today, dict | list), "today --json is JSON")
    dslapp("audit", "verify", "--vault", str(vault))
    check(True, "audit verify passes")

    # PDFs with their fonts embedded
    child = children[0]["id"]
    for what in ("chronology", "pack"):
        pdf = work / f"{what}.pdf"
        dslapp("export", what, "--vault", str(vault), "--child", child, "--out", str(pdf))
        check(pdf.read_bytes().startswith(b"%PDF-"), f"{what} PDF written")
        if shutil.which("pdffonts"):
            fonts = pdf_fonts_embedded(pdf)
            check(any("DejaVu" in f for f in fonts), f"{what} PDF embeds its fonts ({', '.join(sorted(set(fonts)))})")
        else:
            print(f"skip {what} PDF fonts: pdffonts (poppler) is not installed here")

    # backup and restore
    backup = work / "casebook.backup"
    dslapp("backup", "--vault", str(vault), "--out", str(backup))
    check(backup.is_file() and backup.stat().st_size > 0, "backup wrote a file")
    dslapp("restore", "--vault", str(vault), str(backup))
    again = json.loads(dslapp("children", "--vault", str(vault), "--json").stdout)
    check([c["id"] for c in again] == [c["id"] for c in children], "restore brought back the same children")
    dslapp("audit", "verify", "--vault", str(vault))

    # the bench, whose UI figures run the bundle as a child process of itself (its peak-memory figure uses
    # the Unix resource module: Linux and macOS only)
    if not WINDOWS:
        bench = json.loads(dslapp("bench", "--children", "20", "--json").stdout)
        check("app_start_to_unlock_window_s" in bench, "bench --children 20 --json ran, UI figures included")

    # the window, offscreen, to the unlock screen and closed cleanly with nothing on stderr
    shown = dslapp("--run-module", "ui.bench_ui", "start-and-close", str(vault))
    check(shown.stdout.strip() == "UnlockPage", f"the window opened on the unlock screen ({shown.stdout.strip()})")
    check(shown.stderr == "", f"nothing on stderr from the window ({shown.stderr.strip()[:200]!r})")

    # no DSLAPP_HOME: the per-user data folder, never beside the program
    user_env = {k: v for k, v in env.items() if k != "DSLAPP_HOME"}
    user_home = work / "user"
    expected = per_user_vault(user_home)
    check(not expected.exists(), f"no casebook at {expected} before the test")
    dslapp("init", "--name", "Ms Ada Testperson", "--school", "Fictional Primary", env=user_env)
    check(expected.is_dir(), f"with no DSLAPP_HOME the casebook went to the per-user folder {expected}")
    listed = json.loads(dslapp("children", "--json", env=user_env).stdout)
    check(listed == [], "the per-user casebook opens from there")
    check(snapshot(bundle) == before, "nothing was written beside the program")
    if WINDOWS:  # the real per-user folder: remove what this test made there
        shutil.rmtree(expected.parent, ignore_errors=True)

    # budgets: start to the unlock window, bundle beside the unfrozen app (the build venv's installed wheel)
    unfrozen = ROOT / "build" / "package" / "venv" / ("Scripts/python.exe" if WINDOWS else "bin/python")
    if unfrozen.is_file():
        frozen_cmd = [str(program), "--run-module", "ui.bench_ui", "start", str(vault)]
        plain_cmd = [str(unfrozen), "-m", "ui.bench_ui", "start", str(vault)]
        plain_env = {**env, "PYTHONPATH": ""}
        timed(frozen_cmd, env), timed(plain_cmd, plain_env)  # warm the file cache for both
        frozen_s, plain_s, frozen_wall, plain_wall = [], [], [], []
        for _ in range(5):  # interleaved, so load on the machine hits both alike
            frozen_s.append(timed(frozen_cmd, env))
            plain_s.append(timed(plain_cmd, plain_env))
            frozen_wall.append(wall(frozen_cmd, env))
            plain_wall.append(wall(plain_cmd, plain_env))
        ratio = statistics.median(frozen_s) / statistics.median(plain_s)
        figures.update(
            start_bundle_s=round(statistics.median(frozen_s), 3),
            start_unfrozen_s=round(statistics.median(plain_s), 3),
            start_ratio=round(ratio, 2),
            start_bundle_wall_s=round(statistics.median(frozen_wall), 3),
            start_unfrozen_wall_s=round(statistics.median(plain_wall), 3),
            start_wall_ratio=round(statistics.median(frozen_wall) / statistics.median(plain_wall), 2),
        )
        report(ratio <= START_RATIO_BUDGET, f"start to unlock window: bundle/unfrozen = {ratio:.2f} (budget 1.2)")
    else:
        print("skip start-time ratio: no build venv (run make package first)")
    return figures


def main() -> int:
    bundle = Path(sys.argv[1]) if len(sys.argv) > 1 else default_bundle()
    if not (bundle / PROGRAM).is_file():
        print(f"No bundle at {bundle}: run make package first.", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="dslapp-smoke-"))
    try:
        figures = run_checks(bundle, work)
    except (SmokeFailure, subprocess.TimeoutExpired) as failure:
        print(f"FAIL {failure}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    unpacked = tree_size(bundle) / 1e6
    figures["unpacked_mb"] = round(unpacked, 1)
    archives = sorted(bundle.parent.glob(bundle.name + ".tar.*"))
    if archives:
        figures["compressed_mb"] = round(archives[0].stat().st_size / 1e6, 1)
    print(json.dumps(figures))
    failed = unpacked > UNPACKED_BUDGET_MB or figures.get("compressed_mb", 0) > COMPRESSED_BUDGET_MB  # type: ignore[operator]
    print(
        f"{'FAIL' if failed else 'ok  '} size {unpacked:.1f} MB unpacked, {figures.get('compressed_mb')} MB compressed"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
