"""resources/ and data_schema/ are found from an installed wheel, not only from the source tree."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from dslapp.vault.migrate import latest_version

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_folder_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = set()
    for top in ("dslapp", "ui"):
        for init in (ROOT / top).rglob("__init__.py"):
            found.add(".".join(init.parent.relative_to(ROOT).parts))
    found |= {"dslapp.resources", "dslapp.data_schema"}
    assert found <= listed, f"add to pyproject.toml [tool.setuptools] packages: {sorted(found - listed)}"


@pytest.mark.slow
def test_wheel_ships_migrations_and_resources(tmp_path: Path) -> None:
    # Build from a clean copy: setuptools reuses a build/ folder in the tree, whose stale files would hide a
    # package missing from pyproject.toml (and the build would leave build/ and *.egg-info behind).
    source = tmp_path / "source"
    for name in ("dslapp", "ui", "resources", "data_schema"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "dslapp/data_schema/migrations/0001_initial.sql" in names
    assert "dslapp/data_schema/case-bundle.schema.json" in names
    assert "dslapp/resources/fonts/DejaVuSans.ttf" in names
    assert {"dslapp/demo/__init__.py", "dslapp/demo/generic/caseload.py", "dslapp/demo/stories/amira.py"} <= names
    # install into an isolated target and check the code finds them there
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import dslapp.paths as p, dslapp.vault.migrate as m, dslapp.demo as d;"
        "assert p.__file__.startswith(sys.argv[1]), p.__file__;"
        "assert d.__file__.startswith(sys.argv[1]) and callable(d.build_demo), d.__file__;"
        "print(m.latest_version(), p.resource_files().joinpath('fonts', 'DejaVuSans.ttf').is_file())"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(target)], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    assert out.stdout.split() == [str(latest_version()), "True"]
