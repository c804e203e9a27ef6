"""Staff reporting's calls into the core (issue 19).

Staff mode: no casebook is open on a staff computer; these are quick file operations (seal, write one small file,
read acknowledgements), run on the GUI thread. The DSL's side (Settings → Staff reporting) runs on the DB worker.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from dslapp.services import staff_reports
from dslapp.services.staff_mode import Receipt, StaffMode, Submitted, account_from
from dslapp.services.staff_reports import ReportingState
from dslapp.team.staff_drop import StaffConfig
from ui.operations.results import Wrote
from ui.operations.runner import Failed
from ui.operations.session import Session

__all__ = [
    "Receipt",
    "ReportingState",
    "StaffConfig",
    "StaffMode",
    "Submitted",
    "deliver_waiting",
    "export_staff_config",
    "load_reporting",
    "receipts",
    "submit",
]


def submit(mode: StaffMode, fields: dict[str, Any]) -> Submitted:
    """Seal and send (or keep sealed in the outbox). StaffConcernIncomplete says what is missing."""
    return mode.submit(account_from(fields))


def deliver_waiting(mode: StaffMode) -> int:
    return mode.deliver_waiting()


def receipts(mode: StaffMode) -> list[Receipt]:
    return mode.receipts()


# ---- the DSL's side: Settings → Staff reporting -------------------------------------------------------------


def load_reporting(
    session: Session, on_done: Callable[[ReportingState], None], *, owner: QObject | None = None
) -> None:
    session.run(staff_reports.reporting_state, on_done, lambda _error: None, owner=owner)


def export_staff_config(
    session: Session,
    out: Path,
    *,
    rotate: bool,
    drop: Path | None,
    on_done: Wrote[StaffConfig],
    on_error: Failed,
    owner: QObject | None = None,
) -> None:
    """Create (or rotate) the reporting key and write the staff configuration file for IT to deploy."""
    session.write(
        lambda store: staff_reports.reporting_key_and_config(store, out, rotate=rotate, drop=drop),
        on_done,
        on_error,
        owner=owner,
    )
