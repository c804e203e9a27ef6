"""One record as its reading pane shows it, read on its own: the record, its amendments and the few records its
view names (those it follows, those it led to, the files attached to it), not the child's whole file.

The chronology's side panel shows the selected row's record; reading and parsing a heavy child's thousands of
records to describe one record's two or three links would cost what the whole file costs. A reading pane of a
record the DSL already has open is not audited (opening the child's record is).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from dslapp.errors import RecordNotFound
from dslapp.models import Attachment, Concern, Record, Referral
from dslapp.models.base import Amendment
from dslapp.store import RecordStore
from dslapp.views.links import LINK_FIELDS, linked_ids


@dataclass(frozen=True)
class RecordDetail:
    """A record with what its view needs: ``related`` holds every record of the same child that it names or that
    names it (``links_html`` finds "Following" and "Led to" among them) and the files attached to it."""

    record: Record
    amendments: tuple[Amendment, ...]
    related: tuple[Record, ...]


def _child_of(record: Record) -> str:
    return str(getattr(record, "child_id", "") or "")


def record_detail(store: RecordStore, record_id: uuid.UUID | str, *, related: bool = True) -> RecordDetail:
    """Read ``record_id`` with its amendments and (unless ``related`` is False) its related records (see
    :class:`RecordDetail`). Raises RecordNotFound for an unknown id.

    The records naming it are found by their raw stored bodies: only the kinds that can name another record
    (``LINK_FIELDS``) of the same child are looked at, and only a body that contains the id is parsed."""
    record = store.get(record_id)
    own, child_id = str(record.id), _child_of(record)
    if not related:
        return RecordDetail(record, tuple(store.amendments(own)), ())
    found: dict[str, Record] = {}
    named = [target for _field, target in linked_ids(record)]
    if isinstance(record, Attachment) and record.attached_to is not None:
        named.append(str(record.attached_to))  # the record it belongs to, which its view names
    for target in named:
        if target in found or target == own:
            continue
        try:
            other = store.get(target)
        except RecordNotFound:
            continue  # a link to a record not in this casebook: the view leaves it out, as for the whole file
        if _child_of(other) == child_id:
            found[target] = other
    if child_id:
        kinds = [*LINK_FIELDS, Attachment.KIND]
        if not _can_be_followed(record):
            kinds.remove(Concern.KIND)  # a concern names only the referral it follows (a heavy child has thousands)
        for kind in kinds:
            for found_id, body in store.newest_bodies(kind, child_id):
                if own not in body or found_id in found or found_id == own:
                    continue
                other = store.get(found_id)
                if own in {target for _field, target in linked_ids(other)} or (
                    isinstance(other, Attachment) and str(other.attached_to) == own
                ):
                    found[found_id] = other
    return RecordDetail(record, tuple(store.amendments(own)), tuple(found.values()))


def _can_be_followed(record: Record) -> bool:
    """True for a record a concern's ``follows_id`` may name (a referral, whose outcome a later concern follows)."""
    return isinstance(record, Referral)
