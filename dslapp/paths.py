"""Finding ``resources/`` and ``data_schema/`` at run time.

They sit at the top of the repository (DESIGN §1) and are shipped inside the wheel as
``dslapp.resources`` and ``dslapp.data_schema``. From a source checkout or an editable install the
mapped packages do not exist, so fall back to the folders beside the ``dslapp`` package.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def _find(package: str, folder: str) -> Traversable:
    if (_SOURCE_ROOT / "pyproject.toml").is_file() and (_SOURCE_ROOT / folder).is_dir():
        # A source checkout (or a git worktree of one) uses its own folders, never the ones an
        # editable install of another checkout maps.
        return _SOURCE_ROOT / folder
    try:
        return resources.files(package)
    except ModuleNotFoundError:
        return _SOURCE_ROOT / folder


def resource_files() -> Traversable:
    return _find("dslapp.resources", "resources")


def schema_files() -> Traversable:
    return _find("dslapp.data_schema", "data_schema")


def source_schema_dir() -> Path:
    """The data_schema folder of a source checkout (where generated schemas are written)."""
    return _SOURCE_ROOT / "data_schema"


def source_resources_dir() -> Path:
    """The resources folder of a source checkout (where generated outlines are written)."""
    return _SOURCE_ROOT / "resources"
