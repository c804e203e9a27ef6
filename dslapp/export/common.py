"""What every export returns or raises."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dslapp.errors import ExportCancelled

Progress = Callable[[int, int], bool]
"""``progress(done, total) -> bool``: called as the work goes on; returning False cancels."""


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
