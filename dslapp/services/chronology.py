"""A child's chronology: read from the vault, and the DSL's own wording for a row saved as an entry.

The rows themselves are built by :mod:`dslapp.views.chronology` (pure); their names are re-exported here for
the screens and commands that use them. Building a chronology is a read of records the DSL already has open;
it is not audited here (opening the child's file is). Exports audit themselves.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time
from functools import cached_property
from typing import Any, Literal

from dslapp import __version__
from dslapp.guidance import chronology_quality
from dslapp.guidance.chronology_quality import Hint, QualityConfig, hints_as_json, hints_for_rows, hints_from_json
from dslapp.guidance.config import GuidanceConfig, resolve
from dslapp.guidance.early_help import review_marks
from dslapp.models import Category, Child, ChronologyEntry, EarlyHelpReview, Record
from dslapp.services.kept import KeptFinding, keep_rows
from dslapp.services.recording import record as record_new
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.text import dmy
from dslapp.views.child_file import ChildFile
from dslapp.views.chronology import (
    SCHOOL,
    SOCIAL_CARE,
    SOURCE_KINDS,
    STATUTORY,
    CategoryCounts,
    Chronology,
    ChronologyRow,
    ChronologySummary,
    KeptRows,
    OrderedRows,
    Quarter,
    chronology_of,
    chronology_summary,
    entry_row,
    filter_rows,
    filtered,
    merge_rows,
    named_ids,
    ordered_rows,
    row_keys,
    rows_as_json,
    rows_from_records,
    sort_key,
    stands_alone,
)
from dslapp.views.links import link_lines

__all__ = [
    "SCHOOL",
    "SOCIAL_CARE",
    "SOURCE_KINDS",
    "STATUTORY",
    "CategoryCounts",
    "Chronology",
    "ChronologyRow",
    "ChronologySummary",
    "KeptChronology",
    "KeptRows",
    "Quarter",
    "build_chronology",
    "chronology_of",
    "chronology_rows",
    "chronology_summary",
    "curate_row",
    "dmy",
    "entry_row",
    "filter_rows",
    "kept_chronology",
    "link_lines",
    "marks_for",
    "row_keys",
    "rows_from_records",
    "sort_key",
]


def build_chronology(
    store: RecordStore,
    child_id: uuid.UUID | str,
    *,
    since: date | None = None,
    until: date | None = None,
    categories: Iterable[Category] | None = None,
    source: str | None = None,
    significant_only: bool = True,
    child_file: ChildFile | None = None,
) -> Chronology:
    """The child's chronology, oldest first, filtered as asked. Raises RecordNotFound for an unknown child.

    Pass the ``child_file`` already read for the child's record to build from it instead of reading the
    records again (opening a heavy child reads and parses thousands of records).
    """
    records: list[Record]
    if child_file is not None and str(child_file.child.id) == str(child_id):
        child = child_file.child
        records = child_file.records()
    else:
        child = store.get_as(Child, child_id)
        records = store.for_child(child.id, *SOURCE_KINDS)
    return chronology_of(
        child,
        records,
        since=since,
        until=until,
        categories=categories,
        source=source,
        significant_only=significant_only,
        review_marks=marks_for(records),
    )


def marks_for(records: Iterable[Record], config: GuidanceConfig | None = None) -> dict[str, str]:
    """The guidance's marks for the Early Help reviews among ``records`` (those whose answer to "how has life
    improved for the child?" describes services), by review id."""
    return review_marks((r for r in records if isinstance(r, EarlyHelpReview)), config)


def chronology_rows(records: Iterable[Record], config: GuidanceConfig | None = None) -> list[ChronologyRow]:
    """Every chronology row of a child's ``records``, oldest first, with the guidance's marks on reviews."""
    records = list(records)
    return rows_from_records(records, marks_for(records, config))


def curate_row(
    store: RecordStore, child_id: uuid.UUID | str, row: ChronologyRow, **wording: Any
) -> Saved[ChronologyEntry]:
    """Give a built row the DSL's own chronology wording (e.g. add the impact on the child).

    Saves a ``ChronologyEntry`` linked to the row's source record, starting from the row's current
    wording with ``wording`` applied; from then on the chronology shows the entry instead of the built
    row, and later edits amend the entry (the original kept). A row that already has an entry should be
    amended instead: ``store.amend(row.entry_id, changes, reason)``.
    """
    fields: dict[str, Any] = {
        "child_id": child_id,
        "on": row.sort_date if not row.approximate else None,
        "period": row.when if row.approximate else "",
        "event": row.event,
        "source": row.source,
        "category": row.category,
        "impact": row.impact,
        "impact_kind": row.impact_kind,
        "action_taken": row.action,
        "recorded_by": row.recorded_by,
        "source_record_id": row.record_id,
        "significant": True,
    }
    fields.update(wording)
    return record_new(store, ChronologyEntry, **fields)


# ---- the chronology kept in the vault (migration 0009) ----------------------------------------------------


@dataclass(frozen=True)
class KeptChronology:
    """A child's whole chronology (every row, significant or not, in order) with each row's wording hints, as
    :func:`kept_chronology` read it."""

    child: Child
    rows: Sequence[ChronologyRow]
    """Read as kept: :class:`KeptRows`, each row made when first looked at."""
    kept_hints: dict[str, Any]
    """Hints by row key, for rows that have any, as ``hints_as_json(hints_for_rows(rows))`` writes them."""
    marks: dict[str, str]
    """The guidance's marks on Early Help reviews, by review id (already shown on their rows)."""
    read: Literal["kept", "merged", "built"]
    """How it was read: as kept; kept with new records merged in; built from every record (then kept)."""

    @cached_property
    def hints(self) -> dict[str, list[Hint]]:
        """Hints by row key, for rows that have any (as ``hints_for_rows`` gives them)."""
        return hints_from_json(self.kept_hints)

    def chronology(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        categories: Iterable[Category] | None = None,
        source: str | None = None,
        significant_only: bool = True,
    ) -> Chronology:
        """The chronology filtered as asked (equal to :func:`build_chronology` with the same filters)."""
        return filtered(
            self.child,
            self.rows,
            since=since,
            until=until,
            categories=categories,
            source=source,
            significant_only=significant_only,
        )

    def hints_of(self, rows: Sequence[ChronologyRow]) -> dict[str, list[Hint]]:
        """The hints of ``rows`` (some of this chronology's), by key, as ``hints_for_rows(rows)`` gives them (made
        for these rows only; of kept rows, from their keys, making no rows)."""
        return hints_from_json(self.kept_hints, row_keys(rows))


_KEPT = "chronology"
_KEPT_FORMAT = 1
"""Part of the kept chronology's fingerprint: change it when the rows, their order or the body's shape change
within a version, so chronologies an older build kept are built again rather than trusted."""


def kept_chronology(
    store: RecordStore,
    child_id: uuid.UUID | str,
    *,
    quality: QualityConfig | None = None,
    config: GuidanceConfig | None = None,
) -> KeptChronology:
    """The child's whole chronology with its wording hints (under ``quality``) and the marks on Early Help reviews
    (under ``config``), read from what is kept in the vault when it is current. Raises RecordNotFound for an
    unknown child.

    The kept body says up to which of the child's records (by rowid) it was made. A new record removes nothing
    kept (an amendment or a disposal does: migration 0009), so the records stored since are read: none, and the
    kept rows are current; only records that stand alone (kinds that give no row, concerns that name nothing and
    that nothing names), and their rows are merged in; anything else, and the chronology is built from every
    record. Whatever was read, the result equals building it from every record; what was made is kept for the next
    read (outside a transaction only)."""
    quality = quality or chronology_quality.get_config()
    config = resolve(config)
    child = store.get_as(Child, child_id)
    key = str(child.id)
    fingerprint = _fingerprint(quality, config)
    found = store.kept_finding(_KEPT, key, fingerprint)
    if found is not None:
        body = json.loads(found.body)
        upto = int(body["upto"])
        newest, new = store.records_after(key, upto, *SOURCE_KINDS)
        if newest == upto:
            return _from_body(child, body, "kept")
        named = set(body["named"]) | named_ids(new)
        if all(stands_alone(r, named) for r in new):
            kept = _from_body(child, body, "merged")
            merged = merge_rows(OrderedRows(list(kept.rows), _placed_of(body), frozenset(body["named"])), new)
            fresh = {str(r.id) for r in new}
            hints = dict(kept.hints)
            hints.update(hints_for_rows((r for r in merged.rows if r.record_id in fresh), quality))
            in_order = hints_as_json(_in_order(merged.rows, hints))
            result = KeptChronology(child, tuple(merged.rows), in_order, kept.marks, "merged")
            columns = body["rows"]  # the kept rows as read, with the new ones written in their places
            for index, row in enumerate(merged.rows):
                if row.record_id in fresh:
                    for column, value in zip(columns, row.as_json(), strict=True):
                        column.insert(index, value)
            _keep(store, key, fingerprint, newest, merged, result, columns)
            return result
    upto = store.newest_rowid(key)
    records: list[Record] = store.for_child(key, *SOURCE_KINDS, upto=upto)
    marks = marks_for(records, config)
    ordered = ordered_rows(records, marks)
    hints = hints_as_json(hints_for_rows(ordered.rows, quality))
    result = KeptChronology(child, tuple(ordered.rows), hints, marks, "built")
    _keep(store, key, fingerprint, upto, ordered, result)
    return result


def _fingerprint(quality: QualityConfig, config: GuidanceConfig) -> str:
    """Which build and settings made a kept chronology: the hints' settings, and the Early Help settings the marks
    on reviews come from."""
    text = "|".join(
        (str(_KEPT_FORMAT), __version__, chronology_quality.settings_text(quality), config.early_help.model_dump_json())
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _in_order(rows: Sequence[ChronologyRow], hints: dict[str, list[Hint]]) -> dict[str, list[Hint]]:
    return {row.key: found for row in rows if (found := hints.get(row.key))}


def _placed_of(body: dict[str, Any]) -> dict[str, tuple[time, int]]:
    return {key: (time.fromisoformat(at), int(depth)) for key, (at, depth) in body["placed"].items()}


def _from_body(child: Child, body: dict[str, Any], read: Literal["kept", "merged"]) -> KeptChronology:
    return KeptChronology(child, KeptRows(body["rows"]), body["hints"], dict(body["marks"]), read)


def _keep(
    store: RecordStore,
    child_id: str,
    fingerprint: str,
    upto: int,
    ordered: OrderedRows,
    made: KeptChronology,
    columns: list[list[Any]] | None = None,
) -> None:
    """Keep ``made`` (``columns``: its rows as ``rows_as_json`` writes them, when already at hand)."""
    body = {
        "upto": upto,
        "named": sorted(ordered.named),
        "placed": {key: [at.isoformat(), depth] for key, (at, depth) in ordered.placed.items()},
        "marks": made.marks,
        "rows": columns if columns is not None else rows_as_json(made.rows),
        "hints": made.kept_hints,
    }
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    keep_rows(store, _KEPT, fingerprint, [KeptFinding(child_id, date.min, date.max, text)])
