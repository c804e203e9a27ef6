"""What a service that writes gives back: one typed result for every use case (Anki's ``OpChangesWith``).

``value`` is the record (or records) written, ``changes`` says which kinds and children the write touched
(so each view refreshes only if it cares), and ``prompts`` (and ``cards``, the learning cards) are what the service
computed for that moment, handed to the screen as they are instead of being recomputed there in another job.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from dslapp.guidance.learning_cards import LearningCard
from dslapp.guidance.prompts import Prompt
from dslapp.services.changes import Changes

T = TypeVar("T", covariant=True)
U = TypeVar("U")


@dataclass(frozen=True)
class Saved(Generic[T]):
    value: T
    changes: Changes
    prompts: tuple[Prompt, ...] = ()
    cards: tuple[LearningCard, ...] = ()
    """Learning cards chosen for this moment in the same job (each remembered as shown), for the screen to show."""

    def with_prompts(self, prompts: tuple[Prompt, ...] | list[Prompt]) -> Saved[T]:
        return replace(self, prompts=tuple(prompts))

    def also(self, changes: Changes) -> Saved[T]:
        """The same result having also changed ``changes`` (a step that wrote more than one kind)."""
        return replace(self, changes=self.changes | changes)

    def carrying(self, value: U) -> Saved[U]:
        """The same changes and prompts, with a different ``value`` (e.g. an id instead of the record)."""
        return Saved(value, self.changes, self.prompts, self.cards)
