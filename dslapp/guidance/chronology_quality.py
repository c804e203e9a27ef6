"""Gentle, non-blocking hints on chronology entries.

A good entry is succinct and factual, and says what happened, who said so, the action taken and the
impact on the child (DOMAIN.md, learning 4). These checks only suggest: nothing here stops a save or an
export. The word list, messages and word limit live in ``resources/guidance/chronology_quality.toml``; a
school overrides any of them with ``<config_dir>/guidance/chronology_quality.toml``.

Text inside quotation marks is not checked for opinion words: a child's own words are recorded
verbatim ("Mum always shouts") and must not be "corrected".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Protocol

from pydantic import Field

from dslapp import settings_files
from dslapp.config import config_dir
from dslapp.guidance.config import OVERRIDE_FOLDER
from dslapp.settings_files import FileModel

CONFIG_NAME = "chronology_quality.toml"
WHAT = "chronology hints settings"
_SHIPPED = f"guidance/{CONFIG_NAME}"


class HintCode:
    """Stable codes (the UI may pick an icon per code; tests match on them)."""

    NO_ACTION = "no_action"
    NO_IMPACT = "no_impact"
    NO_SOURCE = "no_source"
    TOO_LONG = "too_long"
    OPINION = "opinion"


@dataclass(frozen=True)
class Hint:
    code: str
    message: str
    field: str
    """Which part of the entry: ``event``, ``source``, ``impact`` or ``action``."""
    word: str = ""
    """For opinion hints, the word or phrase found (as written)."""


@dataclass(frozen=True)
class OpinionWord:
    word: str
    suggestion: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class QualityConfig:
    max_words: int
    messages: Mapping[str, str]
    opinion_words: tuple[OpinionWord, ...]

    @cached_property
    def any_opinion(self) -> re.Pattern[str] | None:
        """Matches where any opinion word's pattern would (one search rules out every word in a plain entry).

        The word boundaries every pattern starts and ends with are written once, around all the words: the same
        matches, several times faster than repeating them in each alternative (the search runs on every field of
        every row of a chronology when it is built)."""
        if not self.opinion_words:
            return None
        patterns = [w.pattern.pattern for w in self.opinion_words]
        if all(p.startswith(_BEFORE_WORD) and p.endswith(_AFTER_WORD) for p in patterns):
            words = "|".join(p[len(_BEFORE_WORD) : len(p) - len(_AFTER_WORD)] for p in patterns)
            return re.compile(f"{_BEFORE_WORD}(?:{words}){_AFTER_WORD}", re.IGNORECASE)
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


class ChronologyLike(Protocol):
    """What the checks read: a ``ChronologyRow`` fits, and so does anything with these fields."""

    @property
    def event(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def impact(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def key(self) -> str: ...


class HintMessages(FileModel):
    """The words of each hint (``[messages]``); ``{words}``, ``{limit}``, ``{word}`` and ``{suggestion}`` are
    filled in."""

    no_action: str = "No action or outcome recorded."
    no_impact: str = "No impact on the child recorded."
    no_source: str = "No source recorded."
    too_long: str = "This entry has {words} words; chronology entries work best under {limit}."
    opinion: str = "“{word}” may read as opinion rather than fact. {suggestion}"
    opinion_default: str = "Record what was seen or heard, and who saw or heard it."


class OpinionEntry(FileModel):
    """One ``[[opinion]]`` word or phrase, and what to suggest instead."""

    word: str
    suggestion: str = ""


class HintSettings(FileModel):
    """``chronology_quality.toml`` as read (unknown keys are errors)."""

    max_words: int = Field(default=100, ge=1)
    messages: HintMessages = HintMessages()
    opinion: tuple[OpinionEntry, ...] = ()


_BEFORE_WORD, _AFTER_WORD = r"(?<![\w-])", r"(?![\w-])"


def _word_pattern(phrase: str) -> re.Pattern[str]:
    parts = [re.escape(p) for p in phrase.split()]
    return re.compile(_BEFORE_WORD + r"[\s\-]+".join(parts) + _AFTER_WORD, re.IGNORECASE)


def _fill(template: str, **values: object) -> str:
    """``str.format`` that never fails on a settings file with a stray brace."""
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def _quality_config(settings: HintSettings) -> QualityConfig:
    words = tuple(
        OpinionWord(word, item.suggestion.strip(), _word_pattern(word))
        for item in settings.opinion
        if (word := item.word.strip())
    )
    return QualityConfig(max_words=settings.max_words, messages=settings.messages.model_dump(), opinion_words=words)


def parse_config(data: Mapping[str, Any]) -> QualityConfig:
    """Validate a loaded TOML table. Raises SettingsInvalid naming what is wrong."""
    file = settings_files.SettingsFile(CONFIG_NAME, data)
    return _quality_config(settings_files.validate(HintSettings, [file], WHAT))


def parse_config_text(text: str) -> QualityConfig:
    """Settings from one file's text alone (nothing shipped is merged in)."""
    return parse_config(settings_files.parse_toml(text, CONFIG_NAME, WHAT))


def load_config(*overrides: Path) -> QualityConfig:
    """The settings shipped in ``resources/guidance/`` with each override file merged over them."""
    if not overrides:
        return _shipped_config()
    return _quality_config(settings_files.load(HintSettings, WHAT, shipped=(_SHIPPED,), overrides=overrides))


@cache
def _shipped_config() -> QualityConfig:
    return _quality_config(settings_files.load(HintSettings, WHAT, shipped=(_SHIPPED,)))


def get_config() -> QualityConfig:
    """The settings in force: shipped, with this installation's ``<config_dir>/guidance/chronology_quality.toml``
    merged over them when there is one (re-read when it changes)."""
    local = settings_files.present(config_dir() / OVERRIDE_FOLDER, (CONFIG_NAME,))
    if not local:
        return _shipped_config()
    return _in_force(settings_files.load_in_force(HintSettings, WHAT, shipped=(_SHIPPED,), overrides=local))


@cache
def _in_force(settings: HintSettings) -> QualityConfig:
    return _quality_config(settings)


# Quoted speech: straight or curly double quotes, and curly single quotes (straight single quotes are
# apostrophes far too often to be treated as quotation marks).
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|‘[^’]*’|«[^»]*»|„[^“”]*[“”]")
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


def without_quotes(text: str) -> str:
    """``text`` with quoted speech blanked out (kept the same length, so positions still match)."""
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def word_count(*texts: str) -> int:
    return sum(len(_WORD.findall(t)) for t in texts)


def opinion_hints(text: str, field: str, config: QualityConfig) -> list[Hint]:
    """One hint per opinion word or phrase found outside quotation marks."""
    if not text:
        return []
    checked = without_quotes(text)
    if config.any_opinion is None or not config.any_opinion.search(checked):
        return []
    hints = []
    for item in config.opinion_words:
        match = item.pattern.search(checked)
        if match:
            suggestion = item.suggestion or config.messages["opinion_default"]
            message = _fill(config.messages[HintCode.OPINION], word=match.group(0), suggestion=suggestion)
            hints.append(Hint(HintCode.OPINION, message.strip(), field, match.group(0)))
    return hints


def check_entry(
    *, event: str, source: str = "", impact: str = "", action: str = "", config: QualityConfig | None = None
) -> list[Hint]:
    """Hints for one entry's wording (a form can call this as the DSL types)."""
    config = config or get_config()
    messages = config.messages
    hints: list[Hint] = []
    if not action.strip():
        hints.append(Hint(HintCode.NO_ACTION, messages[HintCode.NO_ACTION], "action"))
    if not impact.strip():
        hints.append(Hint(HintCode.NO_IMPACT, messages[HintCode.NO_IMPACT], "impact"))
    if not source.strip():
        hints.append(Hint(HintCode.NO_SOURCE, messages[HintCode.NO_SOURCE], "source"))
    words = word_count(event, impact, action)
    if words > config.max_words:
        message = _fill(messages[HintCode.TOO_LONG], words=words, limit=config.max_words)
        hints.append(Hint(HintCode.TOO_LONG, message, "event"))
    for field, text in (("event", event), ("impact", impact), ("action", action)):
        hints.extend(opinion_hints(text, field, config))
    return hints


def hints_for_row(row: ChronologyLike, config: QualityConfig | None = None) -> list[Hint]:
    return check_entry(event=row.event, source=row.source, impact=row.impact, action=row.action, config=config)


def hints_for_rows(
    rows: Iterable[ChronologyLike],
    config: QualityConfig | None = None,
    *,
    known: Mapping[str, tuple[ChronologyLike, list[Hint]]] | None = None,
) -> dict[str, list[Hint]]:
    """Hints by row key, for rows that have any. ``known`` (by key: a row checked before with the same config, and
    its hints) spares checking a row equal to one already checked: a chronology built again after a save checks
    only its new and changed rows."""
    config = config or get_config()
    out = {}
    for row in rows:
        before = known.get(row.key) if known is not None else None
        hints = before[1] if before is not None and before[0] == row else hints_for_row(row, config)
        if hints:
            out[row.key] = hints
    return out


def settings_text(config: QualityConfig) -> str:
    """Everything in ``config`` that the hints depend on, as text (for the fingerprint of kept hints: hints kept
    under other settings are checked again)."""
    words = [[w.word, w.suggestion] for w in config.opinion_words]
    return json.dumps([config.max_words, dict(sorted(config.messages.items())), words], ensure_ascii=False)


def hints_as_json(hints: Mapping[str, Sequence[Hint]]) -> dict[str, Any]:
    """Hints by row key as JSON: each different hint once (a heavy chronology repeats a few hundred messages
    thousands of times), and each row's hints as positions in that list. :func:`hints_from_json` reads it."""
    table: dict[Hint, int] = {}
    rows = {key: [table.setdefault(h, len(table)) for h in found] for key, found in hints.items() if found}
    return {"hints": [[h.code, h.message, h.field, h.word] for h in table], "rows": rows}


def hints_from_json(data: Mapping[str, Any], keys: Iterable[str] | None = None) -> dict[str, list[Hint]]:
    """The hints by row key that :func:`hints_as_json` wrote; only those of ``keys`` (in their order) if given."""
    table = [Hint(code, message, field, word) for code, message, field, word in data["hints"]]
    rows: Mapping[str, list[int]] = data["rows"]
    if keys is None:
        return {key: [table[i] for i in found] for key, found in rows.items()}
    return {key: [table[i] for i in found] for key in keys if (found := rows.get(key))}


__all__ = [
    "Hint",
    "HintCode",
    "HintSettings",
    "QualityConfig",
    "check_entry",
    "get_config",
    "hints_as_json",
    "hints_for_row",
    "hints_for_rows",
    "hints_from_json",
    "load_config",
    "parse_config",
    "parse_config_text",
    "settings_text",
]
