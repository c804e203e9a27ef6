"""Where things live on disk, and settings that hold no case data.

Locations come from platformdirs, with ``DSLAPP_HOME`` overriding all of them (tests and portable installs).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from dslapp import APP_NAME, settings_files
from dslapp.errors import SettingsInvalid
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


def staff_dir() -> Path:
    """Staff mode's outbox and receipts (issue 19): sealed bytes, receipt codes and times only."""
    override = home_override()
    if override:
        return override / "staff"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "staff"


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


SETTINGS_FILE = "settings.json"
SETTINGS_WHAT = "app settings"
"""How messages name the settings file (``There is a mistake in the app settings file …``)."""


_WHOLE_FILE = "DSL Casebook is using its usual settings until the file is put right."
_WHERE_WRONG = "The rest of the file is in use; where it is wrong, DSL Casebook uses its usual value."


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


class Settings(BaseModel):
    """App settings (no case data, so stored in clear in the config folder as ``settings.json``).

    Validated when read, when changed and when saved: an unknown key, a wrong type or a value out of range
    is a :class:`SettingsInvalid` naming the setting. :meth:`load` (what the app and the command line use)
    never stops the app for a bad file: it uses the usual value for each setting it could not use, and says
    so in :attr:`problem`, which the app and the command line show.
    """

    model_config = ConfigDict(extra="forbid", strict=True, validate_assignment=True)

    idle_lock_minutes: int = Field(default=5, ge=1, le=60)
    clipboard_clear_seconds: int = Field(default=30, ge=5, le=120)
    backups_daily: int = Field(default=7, ge=1, le=60)
    backups_weekly: int = Field(default=8, ge=0, le=104)
    last_vault: str = ""
    extra: dict[str, str] = Field(default_factory=dict)

    _problem: SettingsInvalid | None = PrivateAttr(default=None)

    @property
    def problem(self) -> SettingsInvalid | None:
        """What was wrong with the settings file when it was loaded (None when nothing was)."""
        return self._problem

    @classmethod
    def read(cls, path: Path | None = None) -> Settings:
        """The settings in ``path`` (default: the settings file); the usual ones when there is no file.

        Raises SettingsInvalid naming the file and the setting when the file cannot be used as it is.
        """
        path = path or settings_path()
        return cls._validated(cls._raw(path), path.name)

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """The settings in force: as :meth:`read`, but a setting that cannot be used takes its usual value
        (the whole file, when it cannot be read) and :attr:`problem` says which and why."""
        path = path or settings_path()
        try:
            raw = cls._raw(path)
        except SettingsInvalid as exc:
            return cls._with_problem(cls(), exc, _WHOLE_FILE)
        try:
            return cls._validated(raw, path.name)
        except SettingsInvalid as exc:
            cause = exc.__cause__
            bad = {e["loc"][0] for e in cause.errors() if e["loc"]} if isinstance(cause, ValidationError) else set()
            try:
                kept = cls.model_validate({k: v for k, v in raw.items() if k not in bad})
            except ValidationError:
                return cls._with_problem(cls(), exc, _WHOLE_FILE)
            return cls._with_problem(kept, exc, _WHERE_WRONG)

    def save(self, path: Path | None = None) -> None:
        """Write the settings (checked first). A file that had a problem when loaded is kept beside it as
        ``settings.json.invalid``, so nothing someone typed there is lost."""
        path = path or settings_path()
        data = self.model_dump()
        checked = self._validated(data, path.name)
        ensure_private_dir(path.parent)
        if self._problem is not None and path.is_file():
            write_private_file(path.with_name(f"{path.name}.invalid"), path.read_bytes())
        write_private_file(path, json.dumps(checked.model_dump(), indent=2).encode())
        self._problem = None

    @staticmethod
    def _raw(path: Path) -> dict[str, Any]:
        if not path.exists():
            return {}
        text = settings_files.local_text(path, SETTINGS_WHAT)
        return settings_files.parse_json(text, path.name, SETTINGS_WHAT)

    @classmethod
    def _validated(cls, raw: dict[str, Any], name: str) -> Settings:
        file = settings_files.SettingsFile(name, raw)
        return settings_files.validate(cls, [file], SETTINGS_WHAT)

    @classmethod
    def _with_problem(cls, settings: Settings, problem: SettingsInvalid, instead: str) -> Settings:
        settings._problem = SettingsInvalid(f"{problem} {instead}")
        return settings
