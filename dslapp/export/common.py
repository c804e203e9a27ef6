"""What every export returns or raises."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dslapp.errors import CasebookError

Progress = Callable[[int, int], bool]
"""``progress(done, total) -> bool``: called as the work goes on; returning False cancels."""


class ExportCancelled(CasebookError):
    """The user pressed Cancel. Nothing was written and nothing was audited; show no error."""

    default_message = "The export was cancelled. No file was saved."


@dataclass(frozen=True)
class ExportResult:
    path: Path
    entries: int
    pages: int
    size: int
    """Bytes written."""
    encrypted: bool
    seconds: float


def check_progress(progress: Progress | None, done: int, total: int) -> None:
    """Report progress; raise ExportCancelled if the callback says stop."""
    if progress is not None and progress(done, total) is False:
        raise ExportCancelled()
