"""Search makes its snippets in Python (dslapp.store.snippets): they must be exactly what FTS5's snippet() makes,
for the same hits in the same order, whatever the text (accents, other scripts, punctuation, long texts)."""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

from dslapp.models import Category, Child, Concern
from dslapp.services import recording
from dslapp.services.children import add_child
from dslapp.store import RecordStore, snippets
from dslapp.store.records import _match_expression, _words, fts_query
from dslapp.vault.sqlcipher import open_database
from dslapp.vault.vault import DB_NAME, Vault

# the search as it was made before snippets moved to Python: FTS5's own snippet() over every hit
REFERENCE = (
    "SELECT records.id, search.child_id, search.kind, snippet(search, 0, char(2), char(3), '…', 12) "
    "FROM search JOIN records ON records.rowid = search.rowid WHERE search MATCH ?{child} "
    "ORDER BY search.rowid DESC LIMIT ?"
)

WORDS = [
    "breakfast", "breakfasts", "break", "bruise", "bruised", "mum", "mummy", "shouting", "coat", "hungry", "late",
    "told", "phone", "phoned", "tired", "said", "she", "he", "was", "no", "a", "the", "and", "to", "of", "in", "on",
    "at", "it", "is", "arm", "leg", "school", "home", "night", "dad", "nan", "2026", "10", "x",
]  # fmt: skip
ODD_WORDS = [
    "Zoë", "naïve", "café", "CAFÉ", "Łucja", "Wiśniewska", "Αλέξανδρος", "Παπαδόπουλος", "ΣΟΦΊΑ", "Дмитрий",
    "محمد", "e\u0301cole", "straße", "İpek", "ﬁre", "Ⅻ", "日本語", "😀", "a_b", "don’t", "“quote”", "£5", "½",
    "—", "…", "\u00a0", "\u200b", "x\u0308y",
]  # fmt: skip
PUNCTUATION = [" ", " ", " ", ". ", ": ", ", ", ".\n", ":\t", "; ", " - ", ".", "\n\n", "  ", "(", ") ", "!"]


def _text(rnd: random.Random, words: int) -> str:
    out = []
    for _ in range(words):
        word = rnd.choice(ODD_WORDS) if rnd.random() < 0.15 else rnd.choice(WORDS)
        if rnd.random() < 0.2:
            word = word.capitalize() if rnd.random() < 0.5 else word.upper()
        out.append(word + rnd.choice(PUNCTUATION))
    return "".join(out).strip() or "x"


def _queries(rnd: random.Random, n: int) -> list[str]:
    pool = WORDS + ODD_WORDS
    out = []
    for _ in range(n):
        word = rnd.choice(pool)
        kind = rnd.random()
        if kind < 0.3:
            out.append(word[: rnd.randint(1, max(1, len(word)))])  # typed so far
        elif kind < 0.6:
            out.append(f"{rnd.choice(WORDS)} {word[: rnd.randint(1, max(1, len(word)))]}")
        elif kind < 0.7:
            out.append(f"{word} {word}")
        else:
            out.append(word.upper() if rnd.random() < 0.3 else word)
    return out


def _scratch_snippets(store: RecordStore, texts: list[str], queries: list[str]) -> int:
    """Compare with FTS5's snippet() over a scratch index of ``texts`` (same tokenizer); returns rows compared."""
    db = store.db
    db.execute(f"CREATE VIRTUAL TABLE temp.scratch USING fts5 (text, tokenize = '{snippets.TOKENIZER}')")
    db.execute("CREATE VIRTUAL TABLE temp.scratch_terms USING fts5vocab (temp, scratch, row)")
    db.executemany("INSERT INTO temp.scratch (rowid, text) VALUES (?, ?)", [(i + 1, t) for i, t in enumerate(texts)])

    def expand(prefix: str) -> list[str] | None:  # as RecordStore._expand_prefix, over the scratch index
        if not (prefix.isascii() and prefix.isalnum()):
            return None
        folded = prefix.lower()
        rows = db.execute(
            "SELECT term FROM temp.scratch_terms WHERE term >= ? AND term < ?", (folded, folded + "\U0010ffff")
        ).fetchall()
        return [str(r[0]) for r in rows] if len(rows) <= 12 else None

    compared = 0
    for query in queries:
        words = _words(query)
        if not words:
            continue
        match, expanded = _match_expression(words, expand)
        phrases = store._phrases(words, expanded)
        rows = db.execute(
            "SELECT text, snippet(scratch, 0, char(2), char(3), '…', 12) FROM temp.scratch WHERE scratch MATCH ? "
            "ORDER BY rowid DESC",
            (match,),
        ).fetchall()
        if phrases is None:  # the search hands such queries to FTS5 itself
            assert "_" in query or any(not w.isascii() for w in words), query
            continue
        make = snippets.Snippets(phrases, store._char_rules)
        for text, expected in rows:
            assert store._learn_chars(store._char_rules.unknown(text))
            assert make(text) == expected, (query, text)
            compared += 1
    return compared


def test_python_snippets_are_fts5_snippets_on_random_texts(store: RecordStore) -> None:
    rnd = random.Random(20261203)
    texts = [_text(rnd, rnd.choice([1, 3, 8, 12, 13, 20, 40, 90])) for _ in range(300)]
    compared = _scratch_snippets(store, texts, _queries(rnd, 150))
    assert compared > 2000


def test_python_snippets_copy_text_only_up_to_a_nul_as_sqlite_does(store: RecordStore) -> None:
    texts = ["late\x00 and hungry. Said: late again", "a b c d e f g h i j k l m n\x00o late p q r s t u v w x y z"]
    assert _scratch_snippets(store, texts, ["late", "lat", "late hungry"]) >= 4


def test_the_tokenizer_treats_ascii_as_the_snippet_maker_assumes(store: RecordStore) -> None:
    """Plain ASCII is tokenized in Python without asking SQLite: letters and digits, folded to lower case."""
    chars = {chr(c) for c in range(1, 128)}
    assert store._learn_chars(chars)
    for ch in chars:
        cls, folded = store._char_rules.rules[ch]
        if ch.isalnum():
            assert (cls, folded) == (snippets.STARTS, ch.lower()), repr(ch)
        else:
            assert cls == snippets.SEPARATOR, repr(ch)


def test_the_tokenizer_named_is_the_search_index_s(store: RecordStore) -> None:
    sql = str(store.db.scalar("SELECT sql FROM sqlite_master WHERE name = 'search'"))
    assert f"tokenize = '{snippets.TOKENIZER}'" in sql


def _child(store: RecordStore, forename: str, surname: str) -> Child:
    return add_child(store, legal_forename=forename, legal_surname=surname, dob=datetime(2015, 3, 1).date()).value


def _concern(store: RecordStore, child: Child, text: str, words: str = "") -> Concern:
    return recording.record(
        store,
        Concern,
        child_id=child.id,
        observed_at=datetime(2026, 10, 5, 8, 50),
        reporter_name="Mr C. Example",
        reporter_role="Class teacher",
        categories=[Category.NEGLECT],
        what_happened=text,
        child_words=words,
    ).value


def _reference(store: RecordStore, query: str, limit: int, child_id: str | None = None) -> list[tuple[Any, ...]]:
    match = fts_query(query, store._expand_prefix)
    if not match:
        return []
    params: list[Any] = [match]
    if child_id:
        params.append(child_id)
    params.append(limit)
    sql = REFERENCE.format(child=" AND search.child_id = ?" if child_id else "")
    return [(str(r[0]), r[1], str(r[2]), str(r[3])) for r in store.db.execute(sql, params)]


def _ours(store: RecordStore, query: str, limit: int, child_id: str | None = None) -> list[tuple[Any, ...]]:
    return [(h.record_id, h.child_id, h.kind, h.snippet) for h in store.search(query, limit=limit, child_id=child_id)]


def test_search_returns_the_hits_and_snippets_fts5_made_in_the_same_order(store: RecordStore) -> None:
    rnd = random.Random(7)
    children = [
        _child(store, "Zoë", "Testchild"),
        _child(store, "Łucja", "Wiśniewska"),
        _child(store, "Αλέξανδρος", "Παπαδόπουλος"),
        _child(store, "Mummy", "Examplename"),
    ]
    for _ in range(70):
        _concern(store, rnd.choice(children), _text(rnd, rnd.choice([4, 12, 30])), _text(rnd, rnd.choice([0, 5])))
    queries = [*_queries(rnd, 150), "zoe", "Wisniewska", "Αλέξανδρ", "mum", "break", "late hungry", "brea"]
    hits = 0
    for query in queries:
        for limit in (3, 50):
            ours = _ours(store, query, limit)
            assert ours == _reference(store, query, limit), query
            hits += len(ours)
        child_id = str(rnd.choice(children).id)
        assert _ours(store, query, 20, child_id) == _reference(store, query, 20, child_id), query
    assert hits > 500


def test_an_amendment_replaces_the_words_found_and_a_new_word_is_found_at_once(store: RecordStore) -> None:
    child = _child(store, "Ada", "Testchild")
    concern = _concern(store, child, "Arrived without a coat; said she had no breakfast.")
    assert [h.snippet for h in store.search("breakf")] == [_reference(store, "breakf", 50)[0][3]]
    assert store.search("porridge") == []
    store.amend(concern.id, {"what_happened": "Arrived without a coat; had porridge at nan's."}, "Wrong meal")
    assert store.search("breakf") == []
    assert [h.record_id for h in store.search("porr")] == [str(concern.id)]
    assert "\x02porridge\x03" in store.search("porridge")[0].snippet
    _concern(store, child, "Breakfasts missed twice this week.")
    assert [h.snippet for h in store.search("breakf")] == ["\x02Breakfasts\x03 missed twice this week."]


def test_words_written_by_another_connection_are_found(store: RecordStore, vault: Vault) -> None:
    """The expanded words are remembered until anything is written, by this connection or another."""
    child = _child(store, "Ada", "Testchild")
    concern = _concern(store, child, "Said her tooth hurt.")
    assert store.search("toot") != [] and store.search("toothache") == []
    assert store.search("toothac") == []
    other = open_database(vault.directory / DB_NAME, vault.data_key)
    try:
        rowid = other.scalar("SELECT rowid FROM records WHERE id = ?", (str(concern.id),))
        with other.transaction():
            other.execute("DELETE FROM search WHERE rowid = ?", (rowid,))
            other.execute(
                "INSERT INTO search (rowid, text, child_id, kind) VALUES (?, 'Said she had toothache.', ?, 'concern')",
                (rowid, str(child.id)),
            )
    finally:
        other.close()
    assert [h.snippet for h in store.search("toothac")] == ["Said she had \x02toothache\x03."]


def test_the_snippets_of_ordinary_searches_are_made_in_python(store: RecordStore) -> None:
    """Only a typed word the tokenizer splits in two (or drops) hands the snippets back to FTS5."""
    assert store._learn_chars({ch for word in ODD_WORDS for ch in word if not ch.isascii()})
    for typed in ("breakfast", "Breakf", "mum late", "Zoë", "Wiśniewska", "Αλέξανδρ", "Дмитрий", "12", "x"):
        words = _words(typed)
        assert store._phrases(words, _match_expression(words, store._expand_prefix)[1]) is not None, typed
    for typed in ("a_b", "don_t"):
        words = _words(typed)
        assert store._phrases(words, _match_expression(words, store._expand_prefix)[1]) is None, typed
