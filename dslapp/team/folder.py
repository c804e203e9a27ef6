"""The team folder's layout, and reading it the way sync engines leave it.

::

    team.json                  the team's id and format (nothing secret, no case data)
    changes/<device>/00000001.chg, 00000002.chg, ...   each device's change files, written only by it
    keys/<key id>.key          new team keys after a removal, sealed to each remaining device
    enrol/<tag>.enrol          an invitation, opened only by its one-time code

Sync engines leave temporary files (``.syncthing.NAME.tmp``, our own ``.NAME.….tmp``) and conflict copies
(``NAME.sync-conflict-….chg``, OneDrive's ``NAME-LAPTOP.chg``). Temporaries are skipped silently; a copy whose
name starts with a sequence number is a candidate for that number if the canonical file is missing or fails its
checks (its signature decides), and is otherwise reported as ignored; anything else is reported as ignored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from dslapp.errors import TeamFolderUnusable
from dslapp.files import write_private_file

TEAM_FILE = "team.json"
CHANGES = "changes"
KEYS = "keys"
ENROL = "enrol"
FORMAT = 1
_CANONICAL = re.compile(r"^(\d{8})\.chg$")
_COPY = re.compile(r"^(\d{8})\D.*\.chg$", re.IGNORECASE)


def change_name(seq: int) -> str:
    return f"{seq:08d}.chg"


def is_temporary(name: str) -> bool:
    return name.startswith(".") or name.endswith(".tmp") or name.startswith("~")


@dataclass
class DeviceListing:
    canonical: dict[int, Path] = field(default_factory=dict)
    copies: dict[int, list[Path]] = field(default_factory=dict)
    ignored: list[Path] = field(default_factory=list)

    def candidates(self, seq: int) -> list[Path]:
        found = [self.canonical[seq]] if seq in self.canonical else []
        return found + sorted(self.copies.get(seq, []))

    @property
    def highest(self) -> int:
        return max([*self.canonical, *self.copies], default=0)


def list_device(folder: Path) -> DeviceListing:
    listing = DeviceListing()
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return listing
    for path in entries:
        name = path.name
        if is_temporary(name) or not path.is_file():
            continue
        match = _CANONICAL.match(name)
        if match:
            listing.canonical[int(match.group(1))] = path
            continue
        copy = _COPY.match(name)
        if copy:
            listing.copies.setdefault(int(copy.group(1)), []).append(path)
        else:
            listing.ignored.append(path)
    return listing


def device_folders(root: Path) -> list[Path]:
    try:
        return sorted(p for p in (root / CHANGES).iterdir() if p.is_dir() and not is_temporary(p.name))
    except OSError:
        return []


def write_once(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (a temporary name in the same folder, then a rename) unless it is there already."""
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_private_file(path, data)
    except OSError as exc:
        raise TeamFolderUnusable() from exc


def prepare(root: Path, team_id: str) -> None:
    """Make (or check) a team folder for ``team_id``."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        for sub in (CHANGES, KEYS, ENROL):
            (root / sub).mkdir(exist_ok=True)
    except OSError as exc:
        raise TeamFolderUnusable() from exc
    existing = read_team_id(root)
    if existing is None:
        write_once(root / TEAM_FILE, json.dumps({"format": FORMAT, "team_id": team_id}, indent=1).encode("utf-8"))
    elif existing != team_id:
        raise TeamFolderUnusable(
            "That folder already holds another team's casebook. Choose an empty folder for this team."
        )


def read_team_id(root: Path) -> str | None:
    try:
        data = json.loads((root / TEAM_FILE).read_bytes())
        return str(data["team_id"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
