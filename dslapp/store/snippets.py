"""Search snippets made in Python, the same as FTS5's ``snippet()`` would make them.

FTS5's ``snippet()`` costs about 80 µs a row here: with SQLCipher's memory security on, every allocation SQLite
makes is locked and wiped, and the snippet makes dozens per row (reading the row's text through the virtual
table, tokenizing it twice, growing the output string a piece at a time). The search asks FTS5 only which rows
match and reads their text from the index's own content table, then builds each snippet here: the same choice
of the 12-token window (SQLite's ``fts5SnippetFunction`` and ``fts5SnippetScore``, fts5_aux.c, ported step by
step) and the same highlighting (``fts5HighlightCb``).

Which tokens match is decided with the index's own tokenizer rules (``unicode61 remove_diacritics 2``): plain
ASCII letters and digits are token characters folded to lower case; every other character is classified by
asking SQLite the first time it is met while the casebook is open (:class:`CharRules`), so accents, other
scripts and punctuation are treated exactly as the index treats them.
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

_ASCII_SPLIT = re.compile(r"([0-9A-Za-z]+)")
_REMEMBERED = 1024
"""Texts whose split is remembered (a few searches' worth of rows; about 5 MB at most)."""
_SENTENCE = re.compile(r"[.:][ \t\n\r]+")


@dataclass(frozen=True)
class Phrase:
    """One phrase of the MATCH expression, in the order FTS5 numbers them: one indexed word, or a prefix."""

    term: str
    prefix: bool = False


class CharRules:
    """How the index's tokenizer treats each character that is not plain ASCII: (class, folded form).

    Filled on demand from SQLite itself (``RecordStore`` asks about characters it has not met before), so the
    Python tokens are the tokenizer's own, whatever the SQLite version's Unicode tables say.
    """

    def __init__(self) -> None:
        self.rules: dict[str, tuple[int, str]] = {}
        self._split: dict[str, Split] = {}

    def unknown(self, text: str) -> set[str]:
        """The characters of ``text`` not yet known (none for plain ASCII, or a text already split)."""
        if text.isascii() or text in self._split:
            return set()
        return {ch for ch in text if not ch.isascii() and ch not in self.rules}

    def learn(self, ch: str, cls: int, folded: str) -> None:
        self.rules[ch] = (cls, folded)

    def split(self, text: str) -> Split:
        """``text`` as the tokenizer splits it (every character that is not plain ASCII must be known).

        Remembered for the last texts split: the same rows come back as the DSL types a word letter by letter.
        """
        known = self._split.get(text)
        if known is not None:
            return known
        if len(self._split) >= _REMEMBERED:
            self._split.clear()
        split = self._split[text] = self._split_now(text)
        return split

    def _split_now(self, text: str) -> Split:
        if text.isascii():
            # separators and words alternate: [separators, word, separators, ..., word, separators]
            parts = _ASCII_SPLIT.split(text.lower())
            offsets = list(itertools.accumulate(map(len, parts), initial=0))
            return Split(text, parts[1::2], offsets[1:-1:2], offsets[2::2])
        rules = self.rules
        words, starts, ends = [], [], []
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
            words.append("".join(folded))
            starts.append(start)
            ends.append(i)
        return Split(text, words, starts, ends)


class Split:
    """A text as the tokenizer splits it: the folded words, where each starts and ends, and (when asked) the
    tokens that start a sentence."""

    __slots__ = ("_sentences", "ends", "starts", "text", "words")

    def __init__(self, text: str, words: list[str], starts: list[int], ends: list[int]) -> None:
        self.text, self.words, self.starts, self.ends = text, words, starts, ends
        self._sentences: list[int] | None = None

    def sentence_starts(self) -> list[int]:
        """fts5SentenceFinderCb: the first token, and each token after a '.' or ':' and some white space."""
        if self._sentences is None:
            starts, n_doc = self.starts, len(self.words)
            firsts = [0]
            for m in _SENTENCE.finditer(self.text):
                pos = bisect.bisect_left(starts, m.end())
                if 0 < pos < n_doc and starts[pos] == m.end():
                    firsts.append(pos)
            self._sentences = firsts
        return self._sentences


def _class(rules: dict[str, tuple[int, str]], ch: str) -> int:
    if ch.isascii():
        return STARTS if ch.isalnum() else SEPARATOR
    return rules[ch][0]


class Snippets:
    """``snippet(search, 0, char(2), char(3), '…', n_token)`` for the rows one query matched."""

    def __init__(self, phrases: Sequence[Phrase], rules: CharRules, n_token: int = SNIPPET_TOKENS) -> None:
        self.rules = rules
        self.n_phrase = len(phrases)
        self.n_token = n_token
        self.exact: dict[str, list[int]] = {}
        self.prefixes: list[tuple[str, int]] = []
        for ip, phrase in enumerate(phrases):
            if phrase.prefix:
                self.prefixes.append((phrase.term, ip))
            else:
                self.exact.setdefault(phrase.term, []).append(ip)
        self.one: dict[str, int] | None = None
        if not self.prefixes and all(len(ips) == 1 for ips in self.exact.values()):
            self.one = {term: ips[0] for term, ips in self.exact.items()}

    def instances(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """(token position, phrase number) of each phrase instance, in FTS5's order (position, then phrase)."""
        one = self.one
        if one is not None:  # the usual case: each word matches at most one phrase
            return [(pos, one[word]) for pos, word in enumerate(words) if word in one]
        if not self.exact and len(self.prefixes) == 1:
            term, ip = self.prefixes[0]
            return [(pos, ip) for pos, word in enumerate(words) if word.startswith(term)]
        exact, prefixes = self.exact, self.prefixes
        inst: list[tuple[int, int]] = []
        for pos, word in enumerate(words):
            found = exact.get(word, [])
            more = [ip for term, ip in prefixes if word.startswith(term)]
            inst.extend((pos, ip) for ip in (sorted(found + more) if more else found))
        return inst

    def __call__(self, text: str) -> str:
        """fts5SnippetFunction for one column: the best window of n_token tokens, highlighted."""
        split = self.rules.split(text)
        words, starts, ends = split.words, split.starts, split.ends
        inst = self.instances(words)
        n_doc = len(words)
        n_token = self.n_token
        best_start = 0
        if n_doc > n_token and inst:  # a shorter text is shown whole
            best_start = self._best_window(split.sentence_starts(), inst, n_doc)
        range_end = best_start + n_token - 1
        if "\x00" in text:
            window = list(zip(starts[best_start : range_end + 1], ends[best_start : range_end + 1], strict=True))
            return _highlight(text, window, n_doc, inst, best_start, range_end)
        # fts5HighlightCb without a NUL in the text: the window's text, each matched token between the marks
        at = starts[best_start] if best_start else 0
        out = [ELLIPSIS] if best_start else []
        seen = -1
        for pos, _ip in inst:
            if best_start <= pos <= range_end and pos != seen:
                out += (text[at : starts[pos]], OPEN, text[starts[pos] : ends[pos]], CLOSE)
                at, seen = ends[pos], pos
        if range_end >= n_doc - 1:
            out.append(text[at:])
        else:
            out += (text[at : ends[range_end]], ELLIPSIS)
        return "".join(out)

    def _best_window(self, firsts: list[int], inst: list[tuple[int, int]], n_doc: int) -> int:
        """The first token of the best snippet (fts5SnippetFunction's loop and fts5SnippetScore), given the
        tokens that start sentences."""
        n_token = self.n_token
        if len(inst) == 1:  # the usual case, worked through: the window around the match scores 1000, and the
            io = inst[0][0]  # sentence it is in scores 1100 (1120 the first) if it reaches the match
            sentence = firsts[bisect.bisect_right(firsts, io) - 1]
            if sentence < io and io - sentence < n_token:
                return sentence
            return max(min(io - (n_token - 1) // 2, n_doc - n_token), 0)
        best_score, best_start = 0, 0
        for io, _ip in inst:
            total, first, last = self._score(inst, io)
            if total > best_score:
                adj = first - (n_token - (last - first)) // 2
                if adj + n_token > n_doc:
                    adj = n_doc - n_token
                best_score, best_start = total, max(adj, 0)
            sentence = firsts[bisect.bisect_right(firsts, io) - 1]
            if sentence < io:
                total = self._score(inst, sentence)[0] + (120 if sentence == 0 else 100)
                if total > best_score:
                    best_score, best_start = total, sentence
        return best_start

    def _score(self, inst: list[tuple[int, int]], at: int) -> tuple[int, int, int]:
        """fts5SnippetScore: (score, first, last) of the window of n_token tokens starting at ``at``: 1000 for
        each phrase found in it, 1 for each time again."""
        seen = [False] * self.n_phrase
        total, first, last = 0, -1, 0
        end = at + self.n_token
        for off, ip in inst:
            if at <= off < end:
                total += 1 if seen[ip] else 1000
                seen[ip] = True
                if first < 0:
                    first = off
                last = off + 1
        return total, first, last


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
