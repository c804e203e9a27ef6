"""Households, statutory plans and Operation Encompass (``dslapp.services.family``, ``.statutory``, ``.encompass``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from dslapp.models import ChildLink, EncompassNotice, Household, StatutoryRecord
from dslapp.services import encompass, family, statutory
from dslapp.services.children import ChildSummary, list_children
from dslapp.services.family import ChildHousehold
from dslapp.services.statutory import WithSocialWorker
from ui.operations.results import Wrote
from ui.operations.runner import Failed
from ui.operations.session import Session


def load_household(
    session: Session, child_id: str, on: date, on_done: Callable[[ChildHousehold], None], **kw: Any
) -> None:
    session.run(lambda store: family.household_for_child(store, child_id, on), on_done, **kw)


def load_children(session: Session, on_done: Callable[[list[ChildSummary]], None], **kw: Any) -> None:
    """The caseload, to choose a child from (audited as a list view)."""
    session.run(lambda store: list_children(store, include_closed=False), on_done, **kw)


def join_household(
    session: Session, child_id: str, other_id: str, name: str, reason: str, on_done: Wrote[Household], on_error: Failed
) -> None:
    session.write(lambda store: family.join_household(store, child_id, other_id, name, reason), on_done, on_error)


def leave_household(
    session: Session, household_id: str, child_id: str, reason: str, on_done: Wrote[Household], on_error: Failed
) -> None:
    session.write(lambda store: family.remove_from_household(store, household_id, child_id, reason), on_done, on_error)


def record_statutory(
    session: Session, child_id: str, fields: dict[str, Any], on_done: Wrote[StatutoryRecord], on_error: Failed
) -> None:
    session.write(lambda store: statutory.record_statutory(store, child_id, **fields), on_done, on_error)


def amend_statutory(
    session: Session,
    record_id: str,
    reason: str,
    changes: dict[str, Any],
    on_done: Wrote[StatutoryRecord],
    on_error: Failed,
) -> None:
    session.write(lambda store: statutory.amend_statutory(store, record_id, reason, **changes), on_done, on_error)


def record_encompass(
    session: Session,
    child_ids: Sequence[str],
    incident_at: datetime,
    received_at: datetime,
    texts: dict[str, str],
    on_done: Wrote[list[EncompassNotice]],
    on_error: Failed,
) -> None:
    session.write(
        lambda store: encompass.record_encompass(
            store, child_ids, incident_at=incident_at, received_at=received_at, **texts
        ),
        on_done,
        on_error,
    )


def link_child(
    session: Session,
    concern_id: str,
    child_id: str,
    relationship: str,
    extract: str,
    on_done: Wrote[ChildLink],
    on_error: Failed,
) -> None:
    session.write(
        lambda store: family.link_child_to_concern(
            store, concern_id, child_id, relationship=relationship, extract=extract
        ),
        on_done,
        on_error,
    )


def amend_link(
    session: Session, link_id: str, reason: str, changes: dict[str, Any], on_done: Wrote[ChildLink], on_error: Failed
) -> None:
    session.write(lambda store: family.amend_child_link(store, link_id, reason, **changes), on_done, on_error)


def load_with_social_worker(
    session: Session, on: date, on_done: Callable[[list[WithSocialWorker]], None], **kw: Any
) -> None:
    """The DSL's oversight list (audited as a list view)."""
    session.run(lambda store: statutory.children_with_social_worker(store, on), on_done, **kw)


def load_children_named(
    session: Session, concern_id: str, on_done: Callable[[list[tuple[str, str]]], None], **kw: Any
) -> None:
    """The other children a concern names (name, relationship), for the Concerns tab."""
    session.run(lambda store: family.children_named_in(store, concern_id), on_done, **kw)
