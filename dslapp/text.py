"""Text shown to people: what someone typed, quoted safely inside a message, and stored text made safe to show.

Records are evidence, so stored text is kept exactly as typed; these helpers change only what is shown.

- :func:`one_line` and :func:`quote_for_message` for messages that quote input (a file name, a field name
  from a file, an id typed at the command line): line breaks, control, invisible and bidirectional
  characters, and broken characters (lone surrogates) are shown as escapes such as ``\\n`` or ``\\u202e``,
  so a message stays one line and cannot move the cursor or reverse what follows it.
- :func:`for_display` for case text in the command line's output and in PDFs: bidirectional embedding,
  override and isolate characters are taken out, so a name cannot reorder what a reader sees around it.
- :func:`visible_text` and :func:`name_problem` for checking names: a name must have something a reader
  can see, and no NUL character.

Pure Python, no imports from the rest of the app: models, store, services, export and the CLI all use it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embedding, override and isolate characters (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): they reorder the text
around them. (The marks LRM, RLM and ALM only nudge neutral characters; they are escaped in messages.)"""

_BIDI_CONTROLS_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")

_JOINERS = frozenset("\u200c\u200d")
"""Zero-width non-joiner and joiner: part of how Persian, Indic scripts and emoji are written."""

_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})

_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
"""Letters and symbols that draw as nothing (Hangul fillers, the blank Braille pattern)."""

MESSAGE_QUOTE_LIMIT = 60
"""How many characters of someone's input a message quotes before cutting it short."""


def _escape(ch: str) -> str:
    code = ord(ch)
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch)
    if named:
        return named
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def needs_escape(ch: str) -> bool:
    """True for a character :func:`one_line` escapes: a line break, control, invisible or bidirectional
    character (not the zero-width joiners that scripts and emoji need), or a lone surrogate."""
    return ch not in _JOINERS and unicodedata.category(ch) in _ESCAPED_CATEGORIES


def one_line(text: str) -> str:
    """``text`` with line breaks, control, invisible and bidirectional characters and lone surrogates shown as
    escapes (``\\n``, ``\\x1b``, ``\\u202e``, ``\\ud800``); everything else, any script, kept as it is."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(_escape(ch) if needs_escape(ch) else ch for ch in text)


def quote_for_message(value: object, limit: int = MESSAGE_QUOTE_LIMIT) -> str:
    """Someone's input as a message quotes it: in quotation marks, on one line (see :func:`one_line`), and
    cut short with an ellipsis after ``limit`` characters."""
    text = str(value)
    cut = len(text) > limit
    shown = one_line(text[:limit] if cut else text)
    return f"“{shown}…”" if cut else f"“{shown}”"


def for_display(text: str) -> str:
    """Stored text as the command line and PDFs show it: bidirectional embedding, override and isolate
    characters (U+202A–U+202E, U+2066–U+2069) taken out, so they cannot reorder what is around them.
    The stored record is not changed."""
    if text.isascii():
        return text
    return _BIDI_CONTROLS_RE.sub("", text)


def for_terminal(text: str) -> str:
    """Case text on one line of the command line's output: :func:`for_display`, then :func:`one_line`, so it
    can neither reorder the line nor break it, move the cursor or change the terminal's colours."""
    return one_line(for_display(text))


def _is_visible(ch: str) -> bool:
    return unicodedata.category(ch) not in _INVISIBLE_CATEGORIES and ch not in _BLANK_LETTERS


def visible_text(text: str) -> str:
    """``text`` without control, invisible and blank characters (zero-width spaces, byte order marks, soft
    hyphens, bidirectional marks, spaces, lone combining marks...): what a reader can actually see."""
    return "".join(ch for ch in text if _is_visible(ch))


def name_problem(name: str) -> str:
    """Why ``name`` cannot be a person's name (empty when it can): it holds a NUL character, or nothing in it
    can be seen once control and invisible characters are taken out."""
    if "\x00" in name:
        return "contains a NUL character, which a name cannot hold"
    if not any(_is_visible(ch) for ch in name):
        return "has no letters that can be seen; please type the name"
    return ""


_LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def has_lone_surrogate(text: str) -> bool:
    """True when ``text`` holds half of a UTF-16 pair on its own: not a character, and it cannot be saved."""
    return not text.isascii() and _LONE_SURROGATE_RE.search(text) is not None


LONE_SURROGATE_MESSAGE = (
    "contains a broken character (half of a pair) that cannot be saved; please type that part again"
)


# ---- dates, the one way the app shows them (en-GB) -------------------------------------------------------


_PROPER_FIRST_WORDS = frozenset({"Early"})
"""Record labels whose first word keeps its capital inside a sentence ("an Early Help review")."""


def label_in_sentence(label: str) -> str:
    """A record's label as it reads inside a sentence, with its article: "a record of concern",
    "an Early Help review", "a MASH enquiry"."""
    first = label.split(" ", 1)[0]
    keep = first.isupper() or first in _PROPER_FIRST_WORDS
    words = label if keep else label[:1].lower() + label[1:]
    article = "an" if words[:1].lower() in "aeiou" and not first.isupper() else "a"
    return f"{article} {words}"


def dmy(day: date | datetime | None) -> str:
    """dd/mm/yyyy, the one date format the app shows (empty for no date)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day else ""  # strftime's %d/%m/%Y, several times faster


def dmy_hm(moment: datetime | None) -> str:
    """dd/mm/yyyy HH:MM (empty for no time)."""
    return moment.strftime("%d/%m/%Y %H:%M") if moment else ""


def and_list(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``: a list as a sentence says it (en-GB, no serial comma)."""
    words = [str(item) for item in items]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"
