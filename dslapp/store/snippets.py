"""Search snippets made in Python, the same as FTS5's ``snippet()`` would make them.

FTS5's ``snippet()`` costs about 80 µs a row here: with SQLCipher's memory security on, every allocation SQLite
makes is locked and wiped, and the snippet makes dozens per row (reading the row's text through the virtual
table, tokenizing it twice, growing the output string a piece at a time). The search asks FTS5 only which rows
match and reads their text from the index's own content table, then builds each snippet here: the same choice
of the 12-token window (SQLite's ``fts5SnippetFunction`` and ``fts5SnippetScore``, fts5_aux.c, ported step by
step) and the same highlighting (``fts5HighlightCb``).

Which tokens match is decided with the index's own tokenizer rules (``unicode61 remove_diacritics 2``): plain
ASCII letters and digits are token characters folded to lower case; every other character is classified by
asking SQLite once per process (:class:`CharRules`), so accents, other scripts and punctuation are treated
exactly as the index treats them.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

TOKENIZER = "unicode61 remove_diacritics 2"
"""The search index's tokenizer (migration 0004); the character rules below are read from the same one."""

SNIPPET_TOKENS = 12
OPEN, CLOSE, ELLIPSIS = "\x02", "\x03", "…"

SEPARATOR, STARTS, CONTINUES = 0, 1, 2
"""How the tokenizer treats a character: a separator; a token character (starts or continues a word); or one
that only continues a word already started (a combining accent), never starting one."""

_ASCII_TOKEN = re.compile(r"[0-9A-Za-z]+")
_SENTENCE = re.compile(r"[.:][ \t\n\r]+")


@dataclass(frozen=True)
class Phrase:
    """One phrase of the MATCH expression, in the order FTS5 numbers them: one indexed word, or a prefix."""

    term: str
    prefix: bool = False

    def matches(self, token: str) -> bool:
        return token.startswith(self.term) if self.prefix else token == self.term


class Tokens:
    """A text as the tokenizer splits it: the folded words, where sentences start, and where words are."""

    __slots__ = ("_low", "_spans", "text", "words")

    def __init__(self, text: str, spans: list[tuple[int, int]] | None, words: list[str]) -> None:
        self.text = text
        self.words = words
        self._spans = spans  # None: plain ASCII, found again with the regular expression when asked
        self._low = text.lower() if spans is None else ""

    @classmethod
    def ascii(cls, text: str) -> Tokens:
        return cls(text, None, _ASCII_TOKEN.findall(text.lower()))

    def sentence_starts(self) -> list[int]:
        """fts5SentenceFinderCb: the first token, and each token after a '.' or ':' and some white space."""
        starts = [0]
        for m in _SENTENCE.finditer(self.text):
            at = m.end()
            if self._spans is None:
                if _ASCII_TOKEN.match(self._low, at):
                    pos = len(_ASCII_TOKEN.findall(self._low, 0, at))
                    if pos > 0:
                        starts.append(pos)
            else:
                pos = bisect.bisect_left(self._spans, (at, -1))
                if 0 < pos < len(self._spans) and self._spans[pos][0] == at:
                    starts.append(pos)
        return starts

    def spans(self, first: int, last: int) -> list[tuple[int, int]]:
        """(start, end) of tokens first..last."""
        if self._spans is None:
            return [m.span() for m in itertools.islice(_ASCII_TOKEN.finditer(self._low), first, last + 1)]
        return self._spans[first : last + 1]


class CharRules:
    """How the index's tokenizer treats each character that is not plain ASCII: (class, folded form).

    Filled on demand from SQLite itself (``RecordStore`` asks about characters it has not met before), so the
    Python tokens are the tokenizer's own, whatever the SQLite version's Unicode tables say.
    """

    def __init__(self) -> None:
        self.rules: dict[str, tuple[int, str]] = {}

    def unknown(self, text: str) -> set[str]:
        if text.isascii():
            return set()
        return {ch for ch in text if not ch.isascii() and ch not in self.rules}

    def learn(self, ch: str, cls: int, folded: str) -> None:
        self.rules[ch] = (cls, folded)

    def tokens(self, text: str) -> Tokens:
        """``text`` as the tokenizer splits and folds it (every character in it must be known)."""
        if text.isascii():
            return Tokens.ascii(text)
        rules = self.rules
        spans: list[tuple[int, int]] = []
        words: list[str] = []
        i, n = 0, len(text)
        while i < n:
            if _class(rules, text[i]) != STARTS:
                i += 1
                continue
            start, folded = i, []
            while i < n:
                ch = text[i]
                if ch.isascii():
                    if not ch.isalnum():
                        break
                    folded.append(ch.lower())
                else:
                    cls, fold = rules[ch]
                    if cls == SEPARATOR:
                        break
                    folded.append(fold)
                i += 1
            spans.append((start, i))
            words.append("".join(folded))
        return Tokens(text, spans, words)


def _class(rules: dict[str, tuple[int, str]], ch: str) -> int:
    if ch.isascii():
        return STARTS if ch.isalnum() else SEPARATOR
    return rules[ch][0]


class Snippets:
    """``snippet(search, 0, char(2), char(3), '…', n_token)`` for the rows one query matched."""

    def __init__(self, phrases: Sequence[Phrase], n_token: int = SNIPPET_TOKENS) -> None:
        self.n_phrase = len(phrases)
        self.n_token = n_token
        self.exact: dict[str, list[int]] = {}
        self.prefixes: list[tuple[str, int]] = []
        for ip, phrase in enumerate(phrases):
            if phrase.prefix:
                self.prefixes.append((phrase.term, ip))
            else:
                self.exact.setdefault(phrase.term, []).append(ip)

    def instances(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """(token position, phrase number) of each phrase instance, in FTS5's order (position, then phrase)."""
        exact, prefixes = self.exact, self.prefixes
        inst: list[tuple[int, int]] = []
        for pos, word in enumerate(words):
            found = exact.get(word)
            if prefixes:
                more = [ip for term, ip in prefixes if word.startswith(term)]
                if more:
                    found = sorted((found or []) + more)
            if found:
                inst.extend((pos, ip) for ip in found)
        return inst

    def __call__(self, tokens: Tokens) -> str:
        """fts5SnippetFunction for one column: the best window of n_token tokens, highlighted."""
        inst = self.instances(tokens.words)
        n_doc = len(tokens.words)
        n_token = self.n_token
        n_phrase = self.n_phrase

        def score(at: int) -> tuple[int, int, int]:
            """fts5SnippetScore: (score, first, last) of the window of n_token tokens starting at ``at``."""
            seen = [False] * n_phrase
            total, first, last = 0, -1, 0
            end = at + n_token
            for off, ip in inst:
                if at <= off < end:
                    total += 1 if seen[ip] else 1000
                    seen[ip] = True
                    if first < 0:
                        first = off
                    last = off + 1
            return total, first, last

        # sentence starts only matter when the text is longer than the snippet
        firsts = tokens.sentence_starts() if n_doc > n_token and inst else []
        best_score, best_start = 0, 0
        for io, _ip in inst:
            total, first, last = score(io)
            if total > best_score:
                adj = first - (n_token - (last - first)) // 2
                if adj + n_token > n_doc:
                    adj = n_doc - n_token
                best_score, best_start = total, max(adj, 0)
            if firsts:
                jj = 0
                while jj < len(firsts) - 1 and firsts[jj + 1] <= io:
                    jj += 1
                if firsts[jj] < io:
                    total = score(firsts[jj])[0] + (120 if firsts[jj] == 0 else 100)
                    if total > best_score:
                        best_score, best_start = total, firsts[jj]

        last_token = min(best_start + n_token - 1, n_doc - 1)
        return _highlight(
            tokens.text, tokens.spans(best_start, last_token), n_doc, inst, best_start, best_start + n_token - 1
        )


def _coalesced(inst: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """CInstIter: runs of overlapping phrase instances as (first token, last token)."""
    out: list[tuple[int, int]] = []
    for off, _ip in inst:
        if out and off <= out[-1][1]:
            continue  # one-token phrases: an overlap is the same token
        out.append((off, off))
    return out


def _highlight(
    text: str,
    window: Sequence[tuple[int, int]],
    n_doc: int,
    inst: Sequence[tuple[int, int]],
    range_start: int,
    range_end: int,
) -> str:
    """fts5HighlightCb over the tokens range_start..range_end, with the ellipses snippet() adds."""
    runs = _coalesced(inst)
    # SQLite copies each piece of text only up to a NUL (sqlite3_mprintf's %.*s): so does this
    cut = "\x00" in text

    def piece(a: int, b: int) -> str:
        return text[a:b].split("\x00", 1)[0] if cut else text[a:b]

    k = 0
    while k < len(runs) and runs[k][0] < range_start:
        k += 1
    it_start, it_end = runs[k] if k < len(runs) else (-1, -1)
    out: list[str] = [ELLIPSIS] if range_start > 0 else []
    off = 0
    is_open = False
    for pos, (start, end) in enumerate(window, start=range_start):
        if range_start and pos == range_start:
            off = start
        if is_open and (pos <= it_start or it_start < 0) and start > off:
            out.append(CLOSE)
            is_open = False
        if pos == it_start and not is_open:
            out.append(piece(off, start))
            out.append(OPEN)
            off = start
            is_open = True
        if pos == it_end:
            if not is_open:
                out.append(OPEN)
                is_open = True
            out.append(piece(off, end))
            off = end
            k += 1
            it_start, it_end = runs[k] if k < len(runs) else (-1, -1)
        if pos == range_end:
            if is_open:
                if it_start >= 0 and pos >= it_start:
                    out.append(piece(off, end))
                    off = end
                out.append(CLOSE)
                is_open = False
            out.append(piece(off, end))
            off = end
    if is_open:
        out.append(CLOSE)
    out.append(piece(off, len(text)) if range_end >= n_doc - 1 else ELLIPSIS)
    return "".join(out)
