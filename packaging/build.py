"""Build the desktop bundle: ``make package`` (Linux), and the Windows and macOS CI workflows.

    python packaging/build.py [--skip-archive]

1. a throwaway venv in ``build/package/venv`` from the hash-pinned ``requirements.lock`` and
   ``packaging/build.lock`` (PyInstaller and its hooks, pinned as a pair);
2. a wheel of this checkout, built from a clean copy and installed normally (not editable), so the bundle
   finds resources the way an installed copy does, never through a path into the checkout;
3. the icon rendered to each platform's sizes; PyInstaller with ``packaging/dslapp.spec``;
4. on Linux: ``dist/dsl-casebook-VERSION-linux-x86_64/`` (one folder), the same as ``.tar.zst`` (``.tar.xz``
   when zstd is missing), and an AppImage AppDir in ``build/package/AppDir`` (appimagetool turns it into an
   AppImage where it is available); on Windows and macOS the bundle is left in ``build/package/dist`` for the
   workflow's installer step.

Prints a size table of the bundle's large parts. Needs only the Python that runs it (3.11+).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "packaging"
BUILD = ROOT / "build" / "package"
VENV = BUILD / "venv"
DIST = ROOT / "dist"
SOURCE_PARTS = ("dslapp", "ui", "resources", "data_schema", "pyproject.toml", "README.md")


def version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"])


def bundle_name() -> str:
    machine = {"amd64": "x86_64", "arm64": "arm64", "aarch64": "arm64"}.get(platform.machine().lower(), "x86_64")
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    return f"dsl-casebook-{version()}-{system}-{machine}"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def run(*cmd: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=cwd, env=env)


def make_venv() -> None:
    """The build venv, rebuilt whenever either lock file changes."""
    locks = [ROOT / "requirements.lock", HERE / "build.lock"]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in locks)).hexdigest()
    stamp = VENV / ".locks"
    if stamp.is_file() and stamp.read_text() == digest and venv_python().is_file():
        return
    shutil.rmtree(VENV, ignore_errors=True)
    run(sys.executable, "-m", "venv", VENV)
    pip = (venv_python(), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--require-hashes")
    run(*pip, "-r", locks[0])
    run(*pip, "-r", locks[1])
    stamp.write_text(digest)


def install_wheel() -> None:
    """Build a wheel from a clean copy (a build/ folder in the tree would leak stale files) and install it."""
    source, wheels = BUILD / "source", BUILD / "wheel"
    for folder in (source, wheels):
        shutil.rmtree(folder, ignore_errors=True)
    for name in SOURCE_PARTS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, source / name)
    python = venv_python()
    run(python, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", wheels, source)
    wheel = next(wheels.glob("dsl_casebook-*.whl"))
    run(python, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps", "--force-reinstall", wheel)


def freeze() -> Path:
    icons = BUILD / "icons"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DSLAPP_ICON_DIR": str(icons)}
    run(venv_python(), HERE / "render_icons.py", icons, env=env)
    # Run from the build folder, not the checkout, so PyInstaller analyses the installed wheel.
    run(
        venv_python(),
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level=WARN",
        "--distpath",
        BUILD / "dist",
        "--workpath",
        BUILD / "work",
        HERE / "dslapp.spec",
        cwd=BUILD,
        env=env,
    )
    return BUILD / "dist" / "dslapp"


def strip_debug_info(bundle: Path) -> None:
    """Take debug information out of the bundle's shared libraries (a Python built with it, as pyenv's is, brings
    ~15 MB of it in libpython, and sqlcipher3 as much again). ``--strip-debug`` keeps every symbol a library
    exports. The program itself is left alone: PyInstaller appends its archive to it."""
    strip = shutil.which("strip")
    if strip is None:
        print("strip not found (Debian package binutils): debug information left in the libraries")
        return
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file() or not (path.suffix == ".so" or ".so." in path.name):
            continue
        subprocess.run([strip, "--strip-debug", str(path)], capture_output=True, check=False)


def size_of(path: Path) -> int:
    if path.is_file() or path.is_symlink():
        return path.lstat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def size_table(bundle: Path) -> list[tuple[str, int]]:
    """The bundle's large parts, largest first: Qt's libraries, ICU, plugins, SQLCipher, Pillow, …"""
    internal = bundle / "_internal"
    groups: dict[str, int] = {}
    for path in internal.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        rel = path.relative_to(internal).as_posix()
        name = path.name.lower()
        if "icudata" in name or "icui18n" in name or "icuuc" in name or name.startswith("libicu"):
            key = "ICU (Unicode data for Qt)"
        elif rel.startswith("PySide6/Qt/plugins/"):
            key = "Qt plugins"
        elif rel.startswith(("PySide6/", "shiboken6/")) or name.startswith(("libqt6", "qt6")):
            key = "Qt and PySide6 libraries"
        elif "sqlcipher3" in rel:
            key = "sqlcipher3 (SQLCipher + OpenSSL)"
        elif rel.startswith(("PIL/", "pillow.libs/")):
            key = "Pillow (via reportlab)"
        elif rel.startswith("cryptography"):
            key = "cryptography"
        elif rel.startswith("pydantic_core") or rel.startswith("pydantic"):
            key = "pydantic"
        elif rel.startswith("dslapp/"):
            key = "DSL Casebook resources (fonts, guidance)"
        elif rel.startswith(("base_library.zip", "python3", "lib-dynload")) or name.startswith("libpython"):
            key = "Python runtime"
        elif "/" not in rel and name.startswith("lib") and ".so" in name:
            key = "system libraries Qt links (X11/xcb, fontconfig, CUPS, GLib, OpenSSL…)"
        else:
            key = "other"
        groups[key] = groups.get(key, 0) + path.stat().st_size
    top = sum(p.stat().st_size for p in bundle.iterdir() if p.is_file())
    groups["the program (with every Python module zipped inside: dslapp, ui, reportlab, …)"] = top
    return sorted(groups.items(), key=lambda item: -item[1])


def archive(folder: Path) -> Path:
    zstd = shutil.which("zstd")
    # zstd -10 with a long window: within 1 % of -19 here, in a quarter of a minute instead of several
    suffix, compressor = (".tar.zst", f"{zstd} -10 -T0 --long=27") if zstd else (".tar.xz", "xz -6 -T0")
    out = folder.with_name(folder.name + suffix)
    out.unlink(missing_ok=True)
    run("tar", "-I", compressor, "-cf", out, "-C", folder.parent, folder.name)
    return out


def appdir(folder: Path) -> Path:
    """An AppImage AppDir: AppRun, the .desktop file and icon at the top, the bundle in usr/lib."""
    target = BUILD / "AppDir"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(folder, target / "usr" / "lib" / "dsl-casebook", symlinks=True, copy_function=os.link)
    shutil.copy2(HERE / "linux" / "AppRun", target / "AppRun")
    shutil.copy2(HERE / "linux" / "dsl-casebook.desktop", target / "dsl-casebook.desktop")
    shutil.copy2(BUILD / "icons" / "png" / "dslapp-256.png", target / "dsl-casebook.png")
    for size in (16, 32, 48, 64, 128, 256, 512):
        icon_dir = target / "usr" / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        icon_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(BUILD / "icons" / "png" / f"dslapp-{size}.png", icon_dir / "dsl-casebook.png")
    apps = target / "usr" / "share" / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    shutil.copy2(HERE / "linux" / "dsl-casebook.desktop", apps / "dsl-casebook.desktop")
    (target / "AppRun").chmod(0o755)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--skip-archive", action="store_true", help="leave out the compressed archive")
    args = parser.parse_args()
    BUILD.mkdir(parents=True, exist_ok=True)
    make_venv()
    install_wheel()
    built = freeze()
    if sys.platform != "linux":
        print(f"Bundle: {built}")
        return 0
    DIST.mkdir(exist_ok=True)
    folder = DIST / bundle_name()
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(built, folder, symlinks=True)
    strip_debug_info(folder)
    shutil.copy2(HERE / "linux" / "dsl-casebook.desktop", folder / "dsl-casebook.desktop")
    shutil.copy2(BUILD / "icons" / "png" / "dslapp-256.png", folder / "dsl-casebook.png")
    print(f"Bundle:  {folder} ({size_of(folder) / 1e6:.1f} MB unpacked)")
    for part, size in size_table(folder):
        print(f"  {part:<42} {size / 1e6:7.1f} MB")
    if not args.skip_archive:
        packed = archive(folder)
        print(f"Archive: {packed} ({packed.stat().st_size / 1e6:.1f} MB)")
    print(f"AppDir:  {appdir(folder)} (appimagetool AppDir OUT.AppImage makes the AppImage)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
