"""Recording and amending a child's court orders and restrictions (``dslapp.services.court_orders``)."""

from __future__ import annotations

from typing import Any

from dslapp.models import CourtOrder
from dslapp.services import court_orders as service
from ui.operations.results import Wrote
from ui.operations.runner import Failed
from ui.operations.session import Session


def record_court_order(
    session: Session, child_id: str, fields: dict[str, Any], on_done: Wrote[CourtOrder], on_error: Failed
) -> None:
    session.write(lambda store: service.record_court_order(store, child_id, **fields), on_done, on_error)


def amend_court_order(
    session: Session, order_id: str, reason: str, changes: dict[str, Any], on_done: Wrote[CourtOrder], on_error: Failed
) -> None:
    session.write(lambda store: service.amend_court_order(store, order_id, reason, **changes), on_done, on_error)
