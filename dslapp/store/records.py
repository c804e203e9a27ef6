"""The record store: one table of validated records, their amendments, and a full-text index.

Every write happens in one transaction together with its audit row, so "saved" means committed and
audited, or nothing at all.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from json.encoder import encode_basestring
from typing import Any, TypeVar

from pydantic import ValidationError

from dslapp.errors import InvalidRecord, RecordKeptAsSent, RecordNotFound
from dslapp.models import RECORD_KINDS, Amendment, ChildRecord, Record
from dslapp.models.base import STORED
from dslapp.store import findings, snippets
from dslapp.store.findings import KeptFinding
from dslapp.text import LONE_SURROGATE_MESSAGE, MESSAGE_QUOTE_LIMIT, one_line, quote_for_message
from dslapp.vault.audit import Action, RecordSeal, body_digest
from dslapp.vault.vault import Vault

R = TypeVar("R", bound=Record)

_COLUMNS = "rowid, id, kind, child_id, created_at, created_by, version, body"


@dataclass(frozen=True)
class SearchHit:
    record_id: str
    child_id: str | None
    kind: str
    snippet: str
    """Matched text with the matches between \\x02 and \\x03 (the UI turns them into highlights)."""


def explain_validation(error: ValidationError, label: str) -> str:
    """One line naming the first bad field, in plain words.

    Field names and messages can carry input (an unknown key from a file, the character a date or id could
    not be read at): that part is quoted on one line, with line breaks and control characters escaped.
    """
    first = error.errors()[0]
    loc = [p for p in first.get("loc", ()) if p != "__root__"]
    if first.get("type") == "extra_forbidden":
        return f"{label}: {quote_for_message('.'.join(str(p) for p in loc))} is not something this record holds"
    field = ".".join(one_line(str(p))[:MESSAGE_QUOTE_LIMIT] for p in loc) or "record"
    message = str(first.get("msg", "is not valid"))
    message = message.removeprefix("Value error, ")
    if first.get("type") == "string_unicode":  # a lone surrogate, where the model's own check did not run
        message = LONE_SURROGATE_MESSAGE
    if ":" in message and not loc:
        field, _, message = message.partition(":")
        message = message.strip()
    message = one_line(message)
    return f"{label}: {field.replace('_', ' ')} {message[0].lower() + message[1:] if message else ''}".strip()


def validate(cls: type[R], data: dict[str, Any], *, stored: bool = False) -> R:
    try:
        return cls.model_validate(data, context=STORED if stored else None)
    except ValidationError as exc:
        raise InvalidRecord(explain_validation(exc, cls.LABEL or cls.__name__)) from exc


class RecordStore:
    """Reads and writes records of every kind in one vault."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.db = vault.db
        self.generation = 0
        """Counts record versions written through this store (each insert, amendment and restored amendment)."""
        self.touched: dict[str | None, int] = {}
        """The generation at which each child's records last changed (None: records of no child), so state derived
        from one child's records (Today's findings) is recomputed only for the children whose records changed."""
        self.touched_records: dict[str, dict[str, int]] = {}
        """Per child, the generation at which each of their records was last written (so an open file can be
        brought up to date by reading only those)."""
        self.derived: dict[str, Any] = {}
        """In-memory state the services derive from the records and keep while the casebook is open."""
        self._char_rules = snippets.CharRules()
        self._expanded: dict[str, tuple[str, ...] | None] = {}
        self._expanded_at: tuple[int, int] = (-1, -1)

    def note_changed(self, child_id: str | None, record_id: str | None = None) -> None:
        """Mark ``child_id``'s records (``record_id`` among them, when known) as changed: called for every record
        version written, and by disposal."""
        self.generation += 1
        self.touched[child_id] = self.generation
        if child_id is not None and record_id is not None:
            self.touched_records.setdefault(child_id, {})[record_id] = self.generation

    # ---- writing ---------------------------------------------------------------------------

    def add(self, record: R, *, detail: str = "") -> R:
        """Save a new record (created now, by the signed-in user unless already set); ``detail`` for the audit
        row (the record's kind unless given)."""
        updates: dict[str, Any] = {}
        if not record.created_by:
            updates["created_by"] = self.vault.user.name
        if updates:
            record = record.model_copy(update=updates)
        with self.db.transaction():
            self._insert(record)
            self.vault.audit(Action.CREATE, str(record.id), detail or record.KIND)
        return record

    def add_many(self, records: Sequence[Record], *, detail: str = "") -> None:
        """Save several records in one transaction (imports, the demo), with one audit row that seals them all."""
        with self.db.transaction():
            for record in records:
                self._insert(record)
            if detail:
                self.vault.audit(Action.IMPORT, detail, f"{len(records)} records")
            elif records:
                self.vault.audit(Action.CREATE, "records", f"{len(records)} records")

    def restore_amendments(self, record_id: uuid.UUID | str, amendments: Iterable[Amendment]) -> None:
        """Put back amendment history from a bundle (inside the caller's transaction, which must audit)."""
        child_id = self.db.scalar("SELECT child_id FROM records WHERE id = ?", (str(record_id),))
        for amendment in amendments:
            previous = json.dumps(amendment.previous, ensure_ascii=False)
            self.db.execute(
                "INSERT INTO amendments (record_id, version, at, by, reason, previous_body) VALUES (?,?,?,?,?,?)",
                (
                    str(record_id),
                    amendment.version,
                    amendment.at.isoformat(),
                    amendment.by,
                    amendment.reason,
                    previous,
                ),
            )
            self._seal(str(record_id), amendment.version - 1, child_id, previous)

    def amend(self, record_id: uuid.UUID | str, changes: dict[str, Any], reason: str) -> Record:
        """Change a record, keeping the previous text with who, when and why."""
        if not reason or not reason.strip():
            raise InvalidRecord("Say why you are changing this record: the original is kept with your reason.")
        current = self.get(record_id)
        if getattr(type(current), "IMMUTABLE", False):
            raise RecordKeptAsSent()
        data = current.model_dump(mode="json")
        for protected in ("id", "created_at", "created_by", "version", "child_id"):
            changes.pop(protected, None)
        data.update(changes)
        data["version"] = current.version + 1
        amended = validate(type(current), data)
        if amended.body() == current.body():
            raise InvalidRecord("Nothing has changed, so there is nothing to amend.")
        with self.db.transaction():
            self._write_amendment(current, amended, self.vault.now().isoformat(), self.vault.user.name, reason.strip())
            self.vault.audit(Action.AMEND, str(current.id), amended.KIND)
        return amended

    def _write_amendment(self, current: Record, amended: Record, at: str, by: str, reason: str) -> None:
        """The amendment row keeping the previous body, and the record at its next version (caller's transaction)."""
        previous_body = self.db.scalar("SELECT body FROM records WHERE id = ?", (str(current.id),))
        self.db.execute(
            "INSERT INTO amendments (record_id, version, at, by, reason, previous_body) VALUES (?,?,?,?,?,?)",
            (str(current.id), amended.version, at, by, reason, previous_body),
        )
        occurred = amended.occurred_on()
        self.db.execute(
            "UPDATE records SET version = ?, occurred_on = ?, body = ? WHERE id = ?",
            (amended.version, occurred.isoformat() if occurred else None, _body_json(amended), str(current.id)),
        )
        rowid = self.db.scalar("SELECT rowid FROM records WHERE id = ?", (str(current.id),))
        self.db.execute("DELETE FROM search WHERE rowid = ?", (rowid,))
        self._index(rowid, amended)
        self._seal(str(current.id), amended.version, _child_key(amended), _body_json(amended))

    # ---- replication (the team casebook): inside the caller's transaction, which audits ----------------

    def insert_replicated(self, record: Record) -> None:
        """Add a record another device of the team recorded, exactly as it was recorded there."""
        self._insert(record)

    def amend_replicated(self, record_id: str, data: dict[str, Any], *, at: str, by: str, reason: str) -> Record:
        """Bring a record to ``data`` (its fields as the team's amendments make them) as one more amendment,
        crediting the deputy who made it and keeping their reason. The body may be unchanged (a later amendment
        had already set the same fields): the amendment is still kept, so its text and reason are in the
        history on every device."""
        current = self.get(record_id)
        merged = {**current.model_dump(mode="json"), **data}
        for protected in ("id", "created_at", "created_by", "child_id"):
            merged[protected] = current.model_dump(mode="json").get(protected)
        merged["version"] = current.version + 1
        amended = validate(type(current), merged, stored=True)
        self._write_amendment(current, amended, at, by, reason)
        return amended

    def _seal(self, record_id: str, version: int, child_id: str | None, body: str) -> None:
        """Queue this stored version's digest for the audit row of the same transaction."""
        self.note_changed(child_id, record_id)
        self.db.add_pending_seal(RecordSeal(record_id, version, child_id, body_digest(record_id, version, body)))

    def _insert(self, record: Record) -> None:
        occurred = record.occurred_on()
        child_id = _child_key(record)
        body = _body_json(record)
        cursor = self.db.execute(
            "INSERT INTO records (id, kind, child_id, occurred_on, created_at, created_by, version, body) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (
                str(record.id),
                record.KIND,
                child_id,
                occurred.isoformat() if occurred else None,
                record.created_at.isoformat(),
                record.created_by,
                record.version,
                body,
            ),
        )
        self._index(cursor.lastrowid, record)
        self._seal(str(record.id), record.version, child_id, body)

    def _index(self, rowid: int, record: Record) -> None:
        text = record.search_text()
        if text:
            child_id = str(record.id) if record.KIND == "child" else str(getattr(record, "child_id", "") or "")
            self.db.execute(
                "INSERT INTO search (rowid, text, child_id, kind) VALUES (?,?,?,?)",
                (rowid, text, child_id or None, record.KIND),
            )

    # ---- reading ---------------------------------------------------------------------------

    def get(self, record_id: uuid.UUID | str) -> Record:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM records WHERE id = ?", (str(record_id),)).fetchone()
        if row is None:
            raise RecordNotFound()
        return _from_row(row)

    def get_as(self, cls: type[R], record_id: uuid.UUID | str) -> R:
        record = self.get(record_id)
        if not isinstance(record, cls):
            raise RecordNotFound()
        return record

    def for_child(self, child_id: uuid.UUID | str, *kinds: type[R], upto: int | None = None) -> list[R]:
        """A child's records of the given kinds, oldest first (by the date each happened); with ``upto``, only those
        stored at or before that rowid (see :meth:`newest_rowid`)."""
        sql = f"SELECT {_COLUMNS} FROM records WHERE child_id = ?"
        params: list[Any] = [str(child_id)]
        if upto is not None:
            sql += " AND rowid <= ?"
            params.append(upto)
        if kinds:
            sql += f" AND kind IN ({','.join('?' * len(kinds))})"
            params.extend(k.KIND for k in kinds)
        sql += " ORDER BY occurred_on, created_at"
        return [_from_row(row) for row in self.db.execute(sql, params)]  # type: ignore[misc]

    def newest_rowid(self, child_id: uuid.UUID | str) -> int:
        """The greatest rowid among a child's records (0 when they have none). Rowids only grow: a record added
        later has a greater one, so state derived from the records up to this rowid can find what was added
        since (:meth:`records_after`)."""
        return int(self.db.scalar("SELECT coalesce(max(rowid), 0) FROM records WHERE child_id = ?", (str(child_id),)))

    def records_after(self, child_id: uuid.UUID | str, rowid: int, *kinds: type[Record]) -> tuple[int, list[Record]]:
        """The child's records stored after ``rowid``: the greatest rowid among them (``rowid`` when there are
        none), and those of ``kinds`` (every kind when none is given) in the order they were stored. Records of
        other kinds are not read."""
        wanted = {k.KIND for k in kinds}
        newest = rowid
        found: list[Record] = []
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM records WHERE child_id = ? AND rowid > ? ORDER BY rowid", (str(child_id), rowid)
        )
        for row in rows:
            newest = max(newest, int(row["rowid"]))
            if not wanted or str(row["kind"]) in wanted:
                found.append(_from_row(row))
        return newest, found

    def for_child_except(self, child_id: uuid.UUID | str, *kinds: type[Record]) -> list[Record]:
        """A child's records of every kind but those given, oldest first (the front sheet of a file whose
        concerns, actions and chronology entries run to thousands)."""
        sql = f"SELECT {_COLUMNS} FROM records WHERE child_id = ?"
        params: list[Any] = [str(child_id)]
        if kinds:
            sql += f" AND kind NOT IN ({','.join('?' * len(kinds))})"
            params.extend(k.KIND for k in kinds)
        sql += " ORDER BY occurred_on, created_at"
        return [_from_row(row) for row in self.db.execute(sql, params)]

    def all_of(self, cls: type[R]) -> list[R]:
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM records WHERE kind = ? ORDER BY occurred_on, created_at", (cls.KIND,)
        )
        return [_from_row(row) for row in rows]  # type: ignore[misc]

    def find(self, cls: type[R], **fields: str) -> list[R]:
        """Records of ``cls`` whose body has each of ``fields`` equal to the value given (oldest first)."""
        if not all(name.isidentifier() for name in fields):
            raise ValueError("field names only")
        where = "".join(f" AND json_extract(body, '$.{name}') = ?" for name in fields)
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM records WHERE kind = ?{where} ORDER BY rowid", (cls.KIND, *fields.values())
        )
        return [_from_row(row) for row in rows]  # type: ignore[misc]

    def bodies_between(
        self, kind: str, since: date, until: date, *, child_id: uuid.UUID | str | None = None
    ) -> list[tuple[str, str, str]]:
        """(id, child id, stored body JSON) of every record of ``kind`` that happened ``since``..``until`` (of one
        child, when given), in the order they happened: one query over the (kind, occurred_on) index, for rules
        that read a few fields of many records."""
        sql = "SELECT id, child_id, body FROM records WHERE kind = ? AND occurred_on BETWEEN ? AND ?"
        params: list[Any] = [kind, since.isoformat(), until.isoformat()]
        if child_id is not None:
            sql += " AND child_id = ?"
            params.append(str(child_id))
        rows = self.db.execute(sql + " ORDER BY occurred_on, rowid", params)
        return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    def child_ids(self) -> list[str]:
        """The id of every child in the casebook (no record read)."""
        return findings.child_ids(self.db)

    # ---- kept findings (derived state, migration 0008): never records, so not audited -------------------

    def kept_findings(self, what: str, fingerprint: str) -> dict[str, KeptFinding]:
        return findings.kept_findings(self.db, what, fingerprint)

    def kept_finding(self, what: str, child_id: uuid.UUID | str, fingerprint: str) -> KeptFinding | None:
        return findings.kept_finding(self.db, what, str(child_id), fingerprint)

    def keep_findings(self, what: str, fingerprint: str, found: Iterable[KeptFinding]) -> None:
        findings.keep_findings(self.db, what, fingerprint, found)

    def newest_bodies(self, kind: str, child_id: uuid.UUID | str) -> Iterator[tuple[str, str]]:
        """(id, stored body JSON) of one child's records of ``kind``, newest first (by the day each happened, then
        the last written first), read as the caller goes: a caller that needs only the newest few stops early."""
        cursor = self.db.execute(
            "SELECT id, body FROM records WHERE child_id = ? AND kind = ? ORDER BY occurred_on DESC, rowid DESC",
            (str(child_id), kind),
        )
        try:
            while rows := cursor.fetchmany(32):
                for row in rows:
                    yield str(row[0]), str(row[1])
        finally:
            cursor.close()  # a caller that stops early leaves no statement open on the connection

    def count(self, kind: str | None = None) -> int:
        if kind is None:
            return int(self.db.scalar("SELECT count(*) FROM records"))
        return int(self.db.scalar("SELECT count(*) FROM records WHERE kind = ?", (kind,)))

    def amendments(self, record_id: uuid.UUID | str) -> list[Amendment]:
        rows = self.db.execute(
            "SELECT version, at, by, reason, previous_body FROM amendments WHERE record_id = ? ORDER BY version",
            (str(record_id),),
        )
        return [
            Amendment(
                version=row[0],
                at=datetime.fromisoformat(row[1]),
                by=row[2],
                reason=row[3],
                previous=json.loads(row[4]),
            )
            for row in rows
        ]

    def search(self, text: str, *, limit: int = 50, child_id: str | None = None) -> list[SearchHit]:
        """Full-text search over names, concerns and chronology; the most recently recorded first.

        Every word must match; the last one as a prefix, so results come as the DSL types.
        """
        words = _words(text)
        if not words:
            return []
        match, expanded = _match_expression(words, self._expand_prefix)
        phrases = self._phrases(words, expanded)
        if phrases is None:  # a word the tokenizer splits (or drops): let FTS5 make the snippets
            return self._search_with_fts_snippets(match, limit, child_id)
        # FTS5 finds the newest matching rows (walking its index in rowid order and stopping at the limit, where
        # ranking by relevance would score every match); their text, child and kind are read from the index's
        # content table (SQLite's documented %_content shadow table: id, c0 text, c1 child_id, c2 kind) by rowid,
        # and the snippets are made in Python (dslapp.store.snippets: the same text snippet() makes, at a fraction
        # of the cost).
        sql = (
            "SELECT records.id, c.c0, c.c1, c.c2 FROM search JOIN records ON records.rowid = search.rowid "
            "JOIN search_content AS c ON c.id = search.rowid WHERE search MATCH ?"
        )
        params: list[Any] = [match]
        if child_id:
            sql += " AND c.c1 = ?"  # the index's child_id, read from its content table (cheaper than through FTS5)
            params.append(child_id)
        sql += " ORDER BY search.rowid DESC LIMIT ?"
        params.append(limit)
        rows = self.db.execute(sql, params).fetchall()
        rules = self._char_rules
        unknown: set[str] = set()
        for row in rows:
            unknown |= rules.unknown(str(row[1]))
        if unknown and not self._learn_chars(unknown):
            return self._search_with_fts_snippets(match, limit, child_id)
        make = snippets.Snippets(phrases, rules)
        return [SearchHit(str(r[0]), r[2], str(r[3]), make(str(r[1]))) for r in rows]

    def _search_with_fts_snippets(self, match: str, limit: int, child_id: str | None) -> list[SearchHit]:
        sql = (
            "SELECT records.id, search.child_id, search.kind, "
            f"snippet(search, 0, char(2), char(3), '{snippets.ELLIPSIS}', {snippets.SNIPPET_TOKENS}) "
            "FROM search JOIN records ON records.rowid = search.rowid WHERE search MATCH ?"
        )
        params: list[Any] = [match]
        if child_id:
            sql += " AND search.child_id = ?"
            params.append(child_id)
        sql += " ORDER BY search.rowid DESC LIMIT ?"
        params.append(limit)
        return [SearchHit(str(r[0]), r[1], str(r[2]), str(r[3])) for r in self.db.execute(sql, params)]

    def _phrases(self, words: list[str], expanded: list[str] | None) -> list[snippets.Phrase] | None:
        """The phrases of the MATCH expression for ``words`` in FTS5's order, as the tokenizer folds them; None when
        a typed word is not exactly one token to the tokenizer (e.g. "a_b", two tokens)."""
        rules = self._char_rules
        unknown: set[str] = set()
        for word in words:
            unknown |= rules.unknown(word)
        if unknown and not self._learn_chars(unknown):
            return None
        folded = []
        for word in words:
            split = rules.split(word)
            if (split.starts, split.ends) != ([0], [len(word)]):
                return None
            folded.append(split.words[0])
        phrases = [snippets.Phrase(f) for f in folded[:-1]]
        if expanded is None:
            phrases.append(snippets.Phrase(folded[-1], prefix=True))
        elif expanded:
            phrases.extend(snippets.Phrase(term) for term in expanded)
        else:
            phrases.append(snippets.Phrase(folded[-1]))
        return phrases

    def _learn_chars(self, chars: set[str]) -> bool:
        """Ask the index's tokenizer how it treats each of ``chars`` (once per character while the casebook is
        open): each goes between two letters and before one, in a scratch index in memory, and what comes back as
        words says whether it separates words, starts one, or only continues one, and how it is folded. False if
        any came back in a way the snippet maker does not know (then FTS5 makes the snippets)."""
        if not chars:
            return True
        self.db.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_probe USING fts5 (text, tokenize = '{snippets.TOKENIZER}')"
        )
        self.db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_probe_terms USING fts5vocab (temp, search_probe, instance)"
        )
        ordered = sorted(chars)
        probes = [(2 * i + n, text) for i, ch in enumerate(ordered) for n, text in ((1, f"a{ch}b"), (2, f"{ch}b"))]
        self.db.executemany("INSERT INTO temp.search_probe (rowid, text) VALUES (?, ?)", probes)
        words: dict[int, list[tuple[int, str]]] = {}
        for doc, term, offset in self.db.execute("SELECT doc, term, offset FROM temp.search_probe_terms"):
            words.setdefault(int(doc), []).append((int(offset), str(term)))
        self.db.execute("DELETE FROM temp.search_probe")
        known = True
        for i, ch in enumerate(ordered):
            between = [w for _, w in sorted(words.get(2 * i + 1, []))]
            before = [w for _, w in sorted(words.get(2 * i + 2, []))]
            if between == ["a", "b"] and before == ["b"]:
                self._char_rules.learn(ch, snippets.SEPARATOR, "")
            elif len(between) == 1 and len(between[0]) >= 2 and between[0][0] == "a" and between[0][-1] == "b":
                folded = between[0][1:-1]
                if before == [f"{folded}b"]:
                    self._char_rules.learn(ch, snippets.STARTS, folded)
                elif before == ["b"]:
                    self._char_rules.learn(ch, snippets.CONTINUES, folded)
                else:
                    known = False
            else:
                known = False
        return known

    def _expand_prefix(self, prefix: str) -> list[str] | None:
        """The indexed words starting with ``prefix``; None to search by prefix instead.

        Only for plain ASCII words, whose indexed form is simply lower case: for other scripts the
        tokenizer's folding (accents, final sigma...) is not worth imitating, and a prefix query is
        always right, if slower. Remembered until anything is written to the casebook (by this connection or
        another): reading the vocabulary costs about as much as the search itself.
        """
        if not (prefix.isascii() and prefix.isalnum()):
            return None
        folded = prefix.lower()
        mark = self.db.write_mark()
        if mark != self._expanded_at:
            self._expanded.clear()
            self._expanded_at = mark
        if folded in self._expanded:
            cached = self._expanded[folded]
            return None if cached is None else list(cached)
        rows = self.db.execute(
            "SELECT term FROM search_terms WHERE term >= ? AND term < ? LIMIT ?",
            (folded, folded + "\U0010ffff", _MAX_PREFIX_TERMS + 1),
        ).fetchall()
        terms = [str(r[0]) for r in rows]
        if len(terms) > _MAX_PREFIX_TERMS or not all(_PLAIN_TERM.fullmatch(t) for t in terms):
            # too many, or an odd indexed word (e.g. with a control character): plain prefix query
            self._expanded[folded] = None
            return None
        self._expanded[folded] = tuple(terms)
        return terms


_MAX_PREFIX_TERMS = 12
_PLAIN_TERM = re.compile(r"[0-9a-z_]+")
_INDEXED_PREFIX = 3  # prefix lengths 1-3 have their own index (migration 0004)


def fts_query(text: str, expand: Callable[[str], list[str] | None] | None = None) -> str:
    """Turn what a user typed into a safe FTS5 query: every word must match, the last as a prefix.

    With ``expand``, a last word longer than the indexed prefixes becomes an OR of the real words it
    starts (fast: no prefix scan); it stays a prefix query when there are too many to list.
    """
    words = _words(text)
    return _match_expression(words, expand)[0] if words else ""


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text, flags=re.UNICODE)


def _match_expression(
    words: list[str], expand: Callable[[str], list[str] | None] | None
) -> tuple[str, list[str] | None]:
    """The MATCH expression for ``words`` (at least one), and the indexed words the last one was expanded into
    (None: it stays a prefix query)."""
    quoted = [f'"{w}"' for w in words]
    last = words[-1]
    terms = expand(last) if expand is not None and len(last) > _INDEXED_PREFIX else None
    if terms is None:
        quoted[-1] += "*"
    elif terms:
        quoted[-1] = "(" + " OR ".join(f'"{t}"' for t in terms) + ")"
    # no indexed word starts with it: keep the exact word, which simply matches nothing
    return " AND ".join(quoted), terms


def child_order(record: Record) -> tuple[str, str]:
    """Where :meth:`RecordStore.for_child` puts ``record`` among a child's records: by the day it happened (none
    first), then when it was recorded."""
    occurred = record.occurred_on()
    return (occurred.isoformat() if occurred else "", record.created_at.isoformat())


def _child_key(record: Record) -> str | None:
    if record.KIND == "child":
        return str(record.id)
    return str(record.child_id) if isinstance(record, ChildRecord) else None


def _body_json(record: Record) -> str:
    return json.dumps(record.body(), ensure_ascii=False, separators=(",", ":"))


_json_text: Callable[[str], str] = encode_basestring
"""A string as JSON text, non-ASCII kept (as ``json.dumps(..., ensure_ascii=False)`` writes it)."""


def _from_row(row: Any) -> Record:
    cls = RECORD_KINDS[str(row["kind"])]
    body = str(row["body"])
    # Splice the metadata columns into the stored JSON object and let pydantic parse the text in one
    # go: about twice as fast as json.loads + model_validate, which matters for a heavy child's file. Each
    # column is written as a JSON string by the json module's own string encoder (a dict through json.dumps
    # cost as much again as the parse).
    version = row["version"]
    head = (
        f'{{"id":{_json_text(str(row["id"]))},"created_at":{_json_text(str(row["created_at"]))},'
        f'"created_by":{_json_text(str(row["created_by"]))},"version":{json.dumps(version)}'
    )
    text = f"{head}}}" if body == "{}" else f"{head},{body[1:]}"
    return cls.model_validate_json(text, context=STORED)
