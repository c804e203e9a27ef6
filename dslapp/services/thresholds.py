"""Levels of Need decisions: saved with the evidence marked by domain, the reasoning and who was consulted."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date

from dslapp.errors import InvalidRecord
from dslapp.guidance import thresholds as guide
from dslapp.guidance.config import GuidanceConfig, resolve
from dslapp.models import Child, Concern, ThresholdDecision
from dslapp.services.changes import Changes
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.store.records import validate


def record_threshold_decision(
    store: RecordStore,
    child_id: uuid.UUID | str,
    level: int,
    evidence: Mapping[str, Sequence[str]],
    reasoning: str,
    consulted: str = "",
    concern_ids: Sequence[uuid.UUID | str] = (),
    decided_by: str = "",
    decided_on: date | None = None,
    *,
    config: GuidanceConfig | None = None,
) -> Saved[ThresholdDecision]:
    """Save a threshold decision linked to the concerns it was based on.

    ``evidence`` maps a domain key (``child_development``, ``parenting_capacity``, ``family_environment``)
    to the descriptors marked and any evidence in the DSL's own words. ``decided_by`` defaults to the
    signed-in user, ``decided_on`` to today. Returns the prompts of ``guidance.thresholds.threshold_prompts``
    (none of them stops the save; a UI shows them before saving).
    """
    cfg = resolve(config)
    child = store.get_as(Child, child_id)
    guide.check_domains(evidence, cfg)
    for concern_id in concern_ids:
        concern = store.get_as(Concern, concern_id)
        if concern.child_id != child.id:
            raise InvalidRecord(cfg.levels_of_need.messages.concern_not_this_child)
    cleaned = {key: [" ".join(t.split()) for t in items if t.strip()] for key, items in evidence.items()}
    decision = validate(
        ThresholdDecision,
        {
            "child_id": child.id,
            "decided_on": decided_on or store.vault.now().astimezone().date(),
            "level": level,
            "evidence": {k: v for k, v in cleaned.items() if v},
            "reasoning": reasoning,
            "consulted": consulted,
            "concern_ids": [str(c) for c in concern_ids],
            "decided_by": decided_by or store.vault.user.name,
        },
    )
    saved = store.add(decision)
    prompts = guide.threshold_prompts(saved.level, saved.evidence, cfg)
    return Saved(saved, Changes.of(ThresholdDecision.KIND, child_id=str(child.id)), tuple(prompts))


def latest_threshold_decision(store: RecordStore, child_id: uuid.UUID | str) -> ThresholdDecision | None:
    """The child's most recent threshold decision (by date decided, then when recorded), or None."""
    decisions = store.for_child(child_id, ThresholdDecision)
    if not decisions:
        return None
    return max(decisions, key=lambda d: (d.decided_on, d.created_at))


__all__ = ["latest_threshold_decision", "record_threshold_decision"]
