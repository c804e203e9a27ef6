"""What a service call changed, so each view refreshes only if it cares (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    kinds: frozenset[str] = field(default_factory=frozenset)
    child_ids: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *kinds: str, child_id: str | None = None) -> Changes:
        return cls(frozenset(kinds), frozenset({child_id} if child_id else set()))

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds, self.child_ids | other.child_ids)

    def touches(self, *kinds: str) -> bool:
        return bool(self.kinds & set(kinds))

    @property
    def empty(self) -> bool:
        return not self.kinds
