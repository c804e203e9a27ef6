"""How a record's body is worked out from its events, the same on every device.

A record's body is its body as first recorded with every amendment event's changes laid over it in clock order
(hybrid logical clock, device id breaking ties). Two deputies amending the same concern offline both keep their
amendment; whichever file arrives first, every device ends with the same body and both amendments' texts and
reasons in the record's history.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

PROTECTED = frozenset({"id", "created_at", "created_by", "version", "child_id"})
"""Fields an amendment never changes (as in ``RecordStore.amend``)."""


def fold(original: dict[str, Any], amendments: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """``original`` with each (stamp, changes) laid over it in stamp order."""
    data = dict(original)
    for _, changes in sorted(amendments, key=lambda item: item[0]):
        data.update({k: v for k, v in changes.items() if k not in PROTECTED})
    return data


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The fields of ``after`` that differ from ``before`` (what one amendment changed)."""
    return {k: v for k, v in after.items() if k not in PROTECTED and before.get(k, object()) != v}
