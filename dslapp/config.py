"""Where things live on disk, and settings that hold no case data.

Locations come from platformdirs, with ``DSLAPP_HOME`` overriding all of them (tests and portable installs).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs

from dslapp import APP_NAME
from dslapp.files import FILE_MODE as FILE_MODE  # re-exported: existing callers import these from here
from dslapp.files import write_private_file as write_private_file

DIR_MODE = 0o700


def home_override() -> Path | None:
    value = os.environ.get("DSLAPP_HOME")
    return Path(value) if value else None


def default_vault_dir() -> Path:
    """The vault folder used when no ``--vault`` is given."""
    override = home_override()
    if override:
        return override / "vault"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "vault"


def config_dir() -> Path:
    override = home_override()
    if override:
        return override / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    override = home_override()
    if override:
        return override / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The cache folder (the app keeps nothing there today; the no-plaintext test scans it anyway)."""
    override = home_override()
    if override:
        return override / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by this user only."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if os.name == "posix":
        os.chmod(path, DIR_MODE)
    return path


@dataclass
class Settings:
    """App settings (no case data, so stored in clear in the config folder)."""

    idle_lock_minutes: int = 5
    clipboard_clear_seconds: int = 30
    backups_daily: int = 7
    backups_weekly: int = 8
    last_vault: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Settings:
        path = config_dir() / "settings.json"
        try:
            raw = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        try:
            return cls(**known)
        except TypeError:
            return cls()

    def save(self) -> None:
        directory = ensure_private_dir(config_dir())
        write_private_file(directory / "settings.json", json.dumps(asdict(self), indent=2).encode())
