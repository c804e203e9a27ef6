"""Gentle, non-blocking hints on chronology entries.

A good entry is succinct and factual, and says what happened, who said so, the action taken and the
impact on the child (DOMAIN.md, learning 4). These checks only suggest: nothing here stops a save or an
export. The word list, messages and word limit live in ``resources/guidance/chronology_quality.toml``.

Text inside quotation marks is not checked for opinion words: a child's own words are recorded
verbatim ("Mum always shouts") and must not be "corrected".
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from dslapp.errors import SettingsInvalid
from dslapp.paths import resource_files

CONFIG_NAME = "chronology_quality.toml"


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


_DEFAULT_MESSAGES = {
    HintCode.NO_ACTION: "No action or outcome recorded.",
    HintCode.NO_IMPACT: "No impact on the child recorded.",
    HintCode.NO_SOURCE: "No source recorded.",
    HintCode.TOO_LONG: "This entry has {words} words; chronology entries work best under {limit}.",
    HintCode.OPINION: "“{word}” may read as opinion rather than fact. {suggestion}",
    "opinion_default": "Record what was seen or heard, and who saw or heard it.",
}


def _word_pattern(phrase: str) -> re.Pattern[str]:
    parts = [re.escape(p) for p in phrase.split()]
    return re.compile(r"(?<![\w-])" + r"[\s\-]+".join(parts) + r"(?![\w-])", re.IGNORECASE)


def _fill(template: str, **values: object) -> str:
    """``str.format`` that never fails on a settings file with a stray brace."""
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def parse_config(data: Mapping[str, Any]) -> QualityConfig:
    """Validate a loaded TOML table. Raises CasebookError naming what is wrong."""
    try:
        max_words = int(data.get("max_words", 100))
        messages = dict(_DEFAULT_MESSAGES)
        messages.update({str(k): str(v) for k, v in dict(data.get("messages", {})).items()})
        words = []
        for item in data.get("opinion", []):
            word = str(item["word"]).strip()
            if word:
                words.append(OpinionWord(word, str(item.get("suggestion", "")).strip(), _word_pattern(word)))
    except (KeyError, TypeError, ValueError) as exc:
        raise SettingsInvalid(f"The chronology hints settings ({CONFIG_NAME}) are not valid: {exc}.") from exc
    if max_words < 1:
        raise SettingsInvalid(f"The chronology hints settings ({CONFIG_NAME}): max_words must be at least 1.")
    return QualityConfig(max_words=max_words, messages=messages, opinion_words=tuple(words))


def parse_config_text(text: str) -> QualityConfig:
    try:
        return parse_config(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise SettingsInvalid(f"The chronology hints settings ({CONFIG_NAME}) could not be read: {exc}.") from exc


@cache
def load_config() -> QualityConfig:
    """The settings shipped in ``resources/guidance/`` (read once)."""
    return parse_config_text((resource_files() / "guidance" / CONFIG_NAME).read_text(encoding="utf-8"))


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
    config = config or load_config()
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


def hints_for_rows(rows: Iterable[ChronologyLike], config: QualityConfig | None = None) -> dict[str, list[Hint]]:
    """Hints by row key, for rows that have any."""
    config = config or load_config()
    out = {}
    for row in rows:
        hints = hints_for_row(row, config)
        if hints:
            out[row.key] = hints
    return out


__all__ = [
    "Hint",
    "HintCode",
    "QualityConfig",
    "check_entry",
    "hints_for_row",
    "hints_for_rows",
    "load_config",
    "parse_config",
    "parse_config_text",
]
