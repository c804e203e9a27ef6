"""A child's chronology: read from the vault, and the DSL's own wording for a row saved as an entry.

The rows themselves are built by :mod:`dslapp.views.chronology` (pure); their names are re-exported here for
the screens and commands that use them. Building a chronology is a read of records the DSL already has open;
it is not audited here (opening the child's file is). Exports audit themselves.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from dslapp.guidance.config import GuidanceConfig
from dslapp.guidance.early_help import review_marks
from dslapp.models import Category, Child, ChronologyEntry, EarlyHelpReview, Record
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
    Quarter,
    chronology_of,
    chronology_summary,
    entry_row,
    filter_rows,
    rows_from_records,
    sort_key,
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
    "Quarter",
    "build_chronology",
    "chronology_of",
    "chronology_rows",
    "chronology_summary",
    "curate_row",
    "dmy",
    "entry_row",
    "filter_rows",
    "link_lines",
    "marks_for",
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
