"""Text for PDFs: right-to-left scripts, XML escaping for Paragraphs, and fast line wrapping.

reportlab draws glyphs left to right exactly as given and does not join Arabic letters, so a line with
Arabic or Hebrew in it is first shaped (``arabic_reshaper.reshape``: joining forms, logical order kept)
and then, after it has been broken into lines, put into visual order (``bidi.algorithm.get_display``)
one line at a time. Text without right-to-left characters is left exactly as it is.

Bidirectional embedding, override and isolate characters typed into a record (U+202A–U+202E,
U+2066–U+2069) are taken out first (``dslapp.text.for_display``): they would reorder what a reader sees
around them in a viewer or a copy of the text. The stored record keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi.algorithm import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth

from dslapp.text import for_display

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic Extended, and the presentation forms.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


def shape(text: str) -> str:
    """Arabic letters in their joined forms, still in logical (reading) order."""
    return arabic_reshaper.reshape(text) if has_rtl(text) else text


def to_visual(line: str) -> str:
    """One already-shaped line in the left-to-right drawing order reportlab needs."""
    return str(get_display(line)) if has_rtl(line) else line


def visual(text: str) -> str:
    """Shape and reorder each line of ``text`` (for short strings drawn without wrapping), without the
    characters that would reorder it in a reader's view."""
    text = for_display(text)
    if not has_rtl(text):
        return text
    return "\n".join(to_visual(shape(line)) for line in text.split("\n"))


def para(text: str) -> str:
    """Markup for a reportlab Paragraph: RTL runs shaped, XML special characters escaped, newlines kept."""
    return escape(visual(text)).replace("\n", "<br/>")


Line = tuple[str, float, Any, str]
"""(font name, size, colour, text) for one drawn line."""


TextState = tuple[tuple[str, float] | None, Any]
"""The font (name, size) and colour a reportlab text object was last set to."""


def write_lines(text: Any, lines: Iterable[Line], leading: float, state: TextState = (None, None)) -> TextState:
    """Each line into a reportlab text object, setting its font and colour only when they change (a row of a long
    chronology sets them a few times, not once a line); returns the state the text object is left in."""
    font, colour = state
    for name, size, fill, line in lines:
        if font != (name, size):
            text.setFont(name, size, leading)
            font = (name, size)
        if fill is not colour:
            text.setFillColor(fill)
            colour = fill
        text.textLine(line)
    return font, colour


class Wrapper:
    """Greedy word wrapping for one font and size, measuring each distinct word once.

    Never cuts text: a word wider than the line (a long web address, say) is broken between characters.
    Returns lines ready to draw (RTL lines already in visual order).
    """

    def __init__(self, font_name: str, size: float) -> None:
        self.font_name = font_name
        self.size = size
        self._widths: dict[str, float] = {}
        self.space = stringWidth(" ", font_name, size)

    def width(self, word: str) -> float:
        width = self._widths.get(word)
        if width is None:
            width = stringWidth(word, self.font_name, self.size)
            if len(self._widths) < 50_000:
                self._widths[word] = width
        return width

    def wrap(self, text: str, max_width: float) -> list[str]:
        text = for_display(text).strip()
        if not text:
            return []
        rtl = has_rtl(text)
        if rtl:
            text = shape(text)
        lines: list[str] = []
        for paragraph in text.splitlines():
            words = paragraph.split()
            if not words:
                if lines and lines[-1]:
                    lines.append("")  # one blank line between paragraphs, however many were typed
                continue
            current: list[str] = []
            current_width = 0.0
            for word in words:
                word_width = self.width(word)
                if word_width > max_width:
                    if current:
                        lines.append(" ".join(current))
                    pieces = self._break_word(word, max_width)
                    lines.extend(pieces[:-1])
                    current, current_width = [pieces[-1]], self.width(pieces[-1])
                elif not current:
                    current, current_width = [word], word_width
                elif current_width + self.space + word_width <= max_width:
                    current.append(word)
                    current_width += self.space + word_width
                else:
                    lines.append(" ".join(current))
                    current, current_width = [word], word_width
            if current:
                lines.append(" ".join(current))
        if lines and not lines[-1]:
            lines.pop()
        return [to_visual(line) for line in lines] if rtl else lines

    def _break_word(self, word: str, max_width: float) -> list[str]:
        pieces: list[str] = []
        start = 0
        while start < len(word):
            end = start + 1
            while end < len(word) and stringWidth(word[start : end + 1], self.font_name, self.size) <= max_width:
                end += 1
            pieces.append(word[start:end])
            start = end
        return pieces
