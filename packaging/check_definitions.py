"""Lint the packaging definitions that only other platforms' CI runners can build (``make lint``).

The GitHub workflows are checked against the workflow JSON schema by check-jsonschema (in ``make lint``); this
checks the rest offline: the WiX definition is well-formed XML with the promises the README makes (fixed
UpgradeCode, major upgrades, both scopes, nothing that removes user data), the macOS entitlements and the
Linux .desktop file parse, and the build lock pins PyInstaller and its hooks together, with hashes.
"""

from __future__ import annotations

import configparser
import plistlib
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
WIX = "{http://wixtoolset.org/schemas/v4/wxs}"
UPGRADE_CODE = "6F3C2B1E-4D7A-4C55-9E0B-2A61D8C4F190"


def check_wix(path: Path = HERE / "windows" / "dsl-casebook.wxs") -> list[str]:
    problems = []
    text = path.read_text(encoding="utf-8")
    root = ET.fromstring(text)  # raises ParseError when not well-formed
    package = root.find(f"{WIX}Package")
    if package is None:
        return [f"{path.name}: no <Package>"]
    if package.get("UpgradeCode") != UPGRADE_CODE:
        problems.append(f"{path.name}: the UpgradeCode must stay {UPGRADE_CODE}")
    if package.find(f"{WIX}MajorUpgrade") is None:
        problems.append(f"{path.name}: no <MajorUpgrade>")
    if package.get("Scope") != "$(var.Scope)" or "perMachine" not in text or "perUser" not in text:
        problems.append(f"{path.name}: both scopes (perMachine by default, perUser) must be buildable")
    for removes in ("RemoveFolderEx", "RemoveFile", "util:RemoveFolderEx"):
        if f"<{removes}" in text:
            problems.append(f"{path.name}: <{removes}> could remove casebooks on uninstall")
    return problems


def check_entitlements(path: Path = HERE / "macos" / "entitlements.plist") -> list[str]:
    entitlements = plistlib.loads(path.read_bytes())
    network = [key for key in entitlements if "network" in key]
    return [f"{path.name}: the app needs no network entitlement ({network})"] if network else []


def check_desktop_file(path: Path = HERE / "linux" / "dsl-casebook.desktop") -> list[str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text(encoding="utf-8"))
    entry = parser["Desktop Entry"]
    missing = [key for key in ("Type", "Name", "Exec", "Icon", "Categories") if key not in entry]
    return [f"{path.name}: missing {', '.join(missing)}"] if missing else []


def check_build_lock(path: Path = HERE / "build.lock") -> list[str]:
    text = path.read_text(encoding="utf-8")
    problems = []
    for name in ("pyinstaller", "pyinstaller-hooks-contrib"):
        pinned = re.search(rf"^{re.escape(name)}==\S+ \\\n\s+--hash=sha256:[0-9a-f]{{64}}", text, re.MULTILINE)
        if not pinned:
            problems.append(f"{path.name}: {name} is not pinned with a hash")
    return problems


def all_problems() -> list[str]:
    return check_wix() + check_entitlements() + check_desktop_file() + check_build_lock()


if __name__ == "__main__":
    found = all_problems()
    for problem in found:
        print(problem, file=sys.stderr)
    raise SystemExit(1 if found else 0)
