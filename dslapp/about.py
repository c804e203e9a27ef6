"""What the About dialog tells people: where the data lives, and the licences of everything bundled.

The bundled components (Qt, SQLCipher, OpenSSL, the DejaVu fonts, …) are described in
``resources/licences/components.toml`` with their licence texts beside it; the Python packages are listed from
their installed metadata (the bundle carries that metadata), so the list is always the one actually shipped.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import metadata
from importlib.resources.abc import Traversable
from pathlib import Path

from dslapp import __version__
from dslapp.config import config_dir, default_vault_dir, log_dir
from dslapp.errors import SettingsInvalid
from dslapp.paths import resource_files

DISTRIBUTION = "dsl-casebook"
_REQUIREMENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class Component:
    """One bundled component: its name, version (blank when unknown), licence and a note on its use."""

    name: str
    version: str
    licence: str
    note: str = ""
    text: str = ""  # the licence's full text, when shipped


@dataclass(frozen=True)
class DataLocation:
    what: str
    path: Path


def version() -> str:
    return __version__


def data_locations() -> list[DataLocation]:
    """Where this copy keeps the casebook, its settings and its private event log (the user's own folders)."""
    return [
        DataLocation("casebook", default_vault_dir()),
        DataLocation("settings", config_dir()),
        DataLocation("logs", log_dir()),
    ]


def _installed_version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def _read_licence(folder: Traversable, relative: str) -> str:
    """A licence text beside components.toml (``../fonts/…`` reaches the fonts' own licence)."""
    path = folder
    for part in relative.split("/"):
        path = resource_files() if part == ".." else path.joinpath(part)
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def bundled_components() -> list[Component]:
    """The components listed in resources/licences/components.toml, with versions from installed metadata."""
    folder = resource_files().joinpath("licences")
    try:
        listed = tomllib.loads(folder.joinpath("components.toml").read_text(encoding="utf-8"))["component"]
    except (OSError, KeyError, tomllib.TOMLDecodeError) as exc:
        raise SettingsInvalid(f"The list of bundled components could not be read ({type(exc).__name__}).") from exc
    components = []
    for entry in listed:
        names = entry.get("text") or []
        texts = [_read_licence(folder, str(name)) for name in ([names] if isinstance(names, str) else names)]
        components.append(
            Component(
                name=str(entry["name"]),
                version=_installed_version(str(entry["package"])) if entry.get("package") else "",
                licence=str(entry["licence"]),
                note=" ".join(str(entry.get("note", "")).split()),
                text="\n\n".join(text for text in texts if text),
            )
        )
    return components


def _licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = (meta.get_all("License-Expression") or [""])[0]
    if expression:
        return str(expression)
    declared = str((meta.get_all("License") or [""])[0]).strip()
    if declared and len(declared) <= 80 and "\n" not in declared:
        return declared
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return ", ".join(classifiers)
    return "see the licence file shipped with it"


def python_packages() -> list[Component]:
    """Every Python package this app needs at run time (its dependencies, followed through), from installed
    metadata; empty when the app itself is not installed (a bare source checkout)."""
    found: dict[str, Component] = {}
    waiting = [DISTRIBUTION]
    while waiting:
        name = waiting.pop()
        key = name.lower().replace("_", "-")
        if key in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found[key] = Component(str(dist.metadata["Name"]), dist.version, _licence(dist))
        for line in dist.requires or []:
            # optional extras are not shipped; a platform's own dependency is listed where it is installed
            requirement, _, marker = line.partition(";")
            named = _REQUIREMENT_NAME.match(requirement.strip())
            if named and "extra" not in marker:
                waiting.append(named.group(0))
    found.pop(DISTRIBUTION, None)
    return sorted(found.values(), key=lambda c: c.name.lower())
