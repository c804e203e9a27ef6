"""What a writing operation hands its screen: the service's whole ``Saved`` result (value, changes, prompts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from dslapp.services.results import Saved

T = TypeVar("T")

Wrote = Callable[[Saved[T]], None]

__all__ = ["Saved", "Wrote"]
