"""Recording and amending a child's court orders and restrictions (``dslapp.services.court_orders``)."""

from __future__ import annotations

from typing import Any

from dslapp.models import CourtOrder
from dslapp.services import court_orders as service
from dslapp.services.casebook import Casebook
from dslapp.services.changes import Changes
from dslapp.services.results import Saved
from ui.operations.runner import Done, Failed
from ui.operations.session import Session


def _pair(saved: Saved[CourtOrder]) -> tuple[CourtOrder, Changes]:
    return saved.value, saved.changes


def record_court_order(
    session: Session, child_id: str, fields: dict[str, Any], on_done: Done, on_error: Failed
) -> None:
    def work(store: Casebook) -> tuple[CourtOrder, Changes]:
        return _pair(service.record_court_order(store, child_id, **fields))

    session.write(work, on_done, on_error)


def amend_court_order(
    session: Session, order_id: str, reason: str, changes: dict[str, Any], on_done: Done, on_error: Failed
) -> None:
    def work(store: Casebook) -> tuple[CourtOrder, Changes]:
        return _pair(service.amend_court_order(store, order_id, reason, **changes))

    session.write(work, on_done, on_error)
