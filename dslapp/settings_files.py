"""The one way settings files are read: the TOML the app ships in ``resources/``, a school's override files
laid over it, and the app's own ``settings.json``.

Every file is validated into a pydantic model that forbids unknown keys (:class:`FileModel`), so a typo in a
file someone edits (``review_intervl_weeks``) is a :class:`~dslapp.errors.SettingsInvalid` that names the
file, the setting and what was expected, never a setting silently ignored. Overrides merge over the
shipped tables key by key; any other value (a number, text, a list) replaces the shipped one.
"""

from __future__ import annotations

import difflib
import json
import tomllib
import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar, Union, cast, get_args, get_origin

from pydantic import BaseModel, ConfigDict, ValidationError

from dslapp.errors import SettingsInvalid
from dslapp.paths import resource_files
from dslapp.text import quote_for_message

Model = TypeVar("Model", bound=BaseModel)

_NAME_LIMIT = 120
"""How much of a file name or a setting's place a message quotes."""


class FileModel(BaseModel):
    """A model a settings file is read into: unknown keys are errors, and what was read does not change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class SettingsFile:
    """One file's tables, and the name messages give it."""

    name: str
    data: Mapping[str, Any]


def merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """``override`` over ``base``: tables merge key by key; other values (lists too) replace."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def _quoted(text: str) -> str:
    return quote_for_message(text, _NAME_LIMIT)


# ---- reading --------------------------------------------------------------------------------------------


def parse_toml(text: str, name: str, what: str, error: type[SettingsInvalid] = SettingsInvalid) -> dict[str, Any]:
    """The tables of one TOML file's text; ``error`` names the file and the line when it is not TOML."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"The {what} file {_quoted(name)} could not be read: {exc}.") from exc


def parse_json(text: str, name: str, what: str, error: type[SettingsInvalid] = SettingsInvalid) -> dict[str, Any]:
    """The object of one JSON file's text; ``error`` names the file when it is not a JSON object."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise error(f"The {what} file {_quoted(name)} could not be read: {exc}.") from exc
    if not isinstance(data, dict):
        raise error(f"The {what} file {_quoted(name)} could not be read: it holds no settings.")
    return data


def shipped_file(resource: str, what: str, error: type[SettingsInvalid] = SettingsInvalid) -> SettingsFile:
    """A file shipped in ``resources/`` (``resource`` like ``"guidance/practice.toml"``), read once."""
    found = _SHIPPED.get(resource)
    if found is None:
        found = _SHIPPED[resource] = _read_shipped(resource, what, error)
    return found


_SHIPPED: dict[str, SettingsFile] = {}
_IN_FORCE: dict[tuple[Any, ...], BaseModel] = {}


def _read_shipped(resource: str, what: str, error: type[SettingsInvalid]) -> SettingsFile:
    name = resource.rsplit("/", 1)[-1]
    try:
        text = resource_files().joinpath(*resource.split("/")).read_text(encoding="utf-8")
    except OSError as exc:
        missing = f"The {what} file {_quoted(name)} is missing from this installation. Reinstall DSL Casebook."
        raise error(missing) from exc
    return SettingsFile(name, parse_toml(text, name, what, error))


def local_text(path: Path, what: str, error: type[SettingsInvalid] = SettingsInvalid) -> str:
    """The text of a file of this installation's or a school's own; ``error`` says when it cannot be opened."""
    shown = _quoted(Path(path).name)
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"The {what} file {shown} could not be read: it is not saved as UTF-8 text.") from exc
    except OSError as exc:
        reason = f" ({exc.strerror.lower()})" if exc.strerror else ""
        raise error(f"The {what} file {shown} could not be opened{reason}.") from exc


def local_file(path: Path, what: str, error: type[SettingsInvalid] = SettingsInvalid) -> SettingsFile:
    """A TOML file of this installation's or a school's own (an override, or a form of their own)."""
    name = Path(path).name
    return SettingsFile(name, parse_toml(local_text(path, what, error), name, what, error))


def present(folder: Path, names: Sequence[str]) -> tuple[Path, ...]:
    """The files of ``names`` that are in ``folder`` (an installation's override folder)."""
    return tuple(folder / name for name in names if (folder / name).is_file())


# ---- validating -----------------------------------------------------------------------------------------


def validate(
    model: type[Model], files: Sequence[SettingsFile], what: str, error: type[SettingsInvalid] = SettingsInvalid
) -> Model:
    """``files`` merged in order and validated into ``model``; ``error`` names the file and setting at fault."""
    data: dict[str, Any] = {}
    for file in files:
        data = merge(data, file.data)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise error(explain(exc, model, files, what, data)) from exc


def load(
    model: type[Model],
    what: str,
    *,
    shipped: Sequence[str] = (),
    overrides: Sequence[Path] = (),
    error: type[SettingsInvalid] = SettingsInvalid,
) -> Model:
    """The ``shipped`` resources with each of ``overrides`` merged over them, validated into ``model``."""
    files = [shipped_file(resource, what, error) for resource in shipped]
    files += [local_file(path, what, error) for path in overrides]
    return validate(model, files, what, error)


def load_in_force(
    model: type[Model],
    what: str,
    *,
    shipped: Sequence[str],
    overrides: Sequence[Path] = (),
    error: type[SettingsInvalid] = SettingsInvalid,
) -> Model:
    """As :func:`load`, kept until an override file changes (cached by the files and their times)."""
    stamps = tuple((str(path), _stamp(path)) for path in overrides)
    key = (model, what, tuple(shipped), stamps)
    found = _IN_FORCE.get(key)
    if found is None:
        found = _IN_FORCE[key] = load(model, what, shipped=shipped, overrides=overrides, error=error)
    return cast(Model, found)


def _stamp(path: Path) -> tuple[int, int]:
    """When the file last changed, and its size (so a changed file is read again)."""
    try:
        info = Path(path).stat()
    except OSError:
        return (-1, -1)  # gone since it was found: load() says so
    return (info.st_mtime_ns, info.st_size)


# ---- explaining ----------------------------------------------------------------------------------------


def explain(
    exc: ValidationError,
    model: type[BaseModel],
    files: Sequence[SettingsFile],
    what: str,
    data: Mapping[str, Any],
) -> str:
    """One kind sentence for the first problem: the file it is in, the setting, and what was expected."""
    errors = exc.errors()
    # A misspelt key shows as an unknown key and a missing one: the unknown key is the one to name.
    first = next((e for e in errors if e.get("type") == "extra_forbidden"), errors[0])
    loc = tuple(first.get("loc", ()))
    name = _file_at(loc, files)
    where = _quoted(place(loc, data)) if loc else ""
    kind = first.get("type", "")
    message = str(first.get("msg", "is not valid"))
    if kind == "extra_forbidden":
        problem = f"{where} is not a known setting{_expected(model, loc)}"
    elif kind == "missing":
        problem = f"{where} is missing"
    elif message.startswith("Input should be") and where:
        problem = f"{where} should be{message.removeprefix('Input should be')}"
    else:
        message = message.removeprefix("Value error, ")
        problem = f"{where}: {message}" if where else message
    return f"There is a mistake in the {what} file {_quoted(name)}: {problem}."


def place(loc: Sequence[int | str], data: Mapping[str, Any]) -> str:
    """A setting's place as someone editing the file reads it: ``early_help.review_interval_weeks``; an item
    of a list by its ``key`` where it has one (``sections[consent]``), else by its number, counting from 1."""
    out = ""
    node: Any = data
    for part in loc:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            key = item.get("key") if isinstance(item, Mapping) else None
            out += f"[{key}]" if isinstance(key, str) and key else f"[{part + 1}]"
            node = item
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, Mapping) else None
    return out


def _depth(data: Mapping[str, Any], loc: Sequence[int | str]) -> int:
    """How much of ``loc`` one file's tables set."""
    node: Any = data
    for depth, part in enumerate(loc):
        in_list = isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node)
        if not (in_list or (isinstance(node, Mapping) and part in node)):
            return depth
        node = node[part]
    return len(loc)


def _file_at(loc: Sequence[int | str], files: Sequence[SettingsFile]) -> str:
    """The file that set the faulty setting: the last that sets most of its place (overrides come last)."""
    best, name = -1, files[-1].name if files else "settings"
    for file in files:
        depth = _depth(file.data, loc)
        if depth >= best:
            best, name = depth, file.name
    return name


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            kinds = [a for a in get_args(annotation) if a is not type(None)]
            if len(kinds) != 1:
                return annotation
            annotation = kinds[0]
        else:
            return annotation


def _model_at(model: type[BaseModel], loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The model of the table at ``loc`` (None when it is not one)."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        origin, args = get_origin(current), [a for a in get_args(current) if a is not Ellipsis]
        if isinstance(part, int) and origin in (tuple, list) and args:
            current = args[0]
        elif origin is dict and len(args) == 2:
            current = args[1]
        elif isinstance(part, str) and isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            if field is None:
                return None
            current = field.annotation
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _expected(model: type[BaseModel], loc: Sequence[int | str]) -> str:
    """What could have been meant: the nearest known setting, or the list of them when it is short."""
    table = _model_at(model, loc[:-1])
    if table is None or not loc:
        return ""
    known = list(table.model_fields)
    near = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    if near:
        return f" (did you mean {_quoted(near[0])}?)"
    if 0 < len(known) <= 8:
        return f" (the settings there are {', '.join(known)})"
    return ""


__all__ = [
    "FileModel",
    "SettingsFile",
    "explain",
    "load",
    "load_in_force",
    "local_file",
    "local_text",
    "merge",
    "parse_json",
    "parse_toml",
    "place",
    "present",
    "shipped_file",
    "validate",
]
