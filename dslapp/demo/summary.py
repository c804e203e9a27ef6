"""What a demo or benchmark build wrote, and how a build reports its progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class DemoSummary:
    """What a build wrote."""

    children: int
    records: int
    concerns: int

    def as_json(self) -> dict[str, int]:
        return {"children": self.children, "records": self.records, "concerns": self.concerns}
