"""The Levels of Need threshold tool: four levels, three domains, descriptors and consistency prompts.

Levels, domains and descriptors are in ``resources/guidance/levels_of_need.toml`` (written for this app,
not copied from any local authority; replace them with your area's own). A ThresholdDecision stores the
descriptor *text* the DSL marked, by domain key, so a decision still reads correctly after the
descriptors are changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dslapp.errors import InvalidRecord
from dslapp.guidance.config import Domain, GuidanceConfig, Level, resolve
from dslapp.guidance.prompts import ActionCode, Prompt, PromptAction, PromptCode, fill


@dataclass(frozen=True)
class Descriptor:
    level: int
    domain: str
    text: str


def levels(config: GuidanceConfig | None = None) -> list[Level]:
    """The four levels, 1 to 4."""
    return sorted(resolve(config).levels_of_need.levels, key=lambda lv: lv.level)


def level(number: int, config: GuidanceConfig | None = None) -> Level:
    for item in levels(config):
        if item.level == number:
            return item
    raise InvalidRecord(f"There is no level {number}: choose a level from 1 to 4.")


def domains(config: GuidanceConfig | None = None) -> list[Domain]:
    """The three domains (child's developmental needs, parenting capacity, family and environment)."""
    return list(resolve(config).levels_of_need.domains)


def descriptors(
    level: int | None = None, domain: str | None = None, config: GuidanceConfig | None = None
) -> list[Descriptor]:
    """Descriptors, optionally only for one level and/or one domain; by level, then domain order."""
    cfg = resolve(config).levels_of_need
    order = {d.key: i for i, d in enumerate(cfg.domains)}
    out = [
        Descriptor(group.level, group.domain, text)
        for group in cfg.descriptors
        for text in group.items
        if (level is None or group.level == level) and (domain is None or group.domain == domain)
    ]
    out.sort(key=lambda d: (d.level, order.get(d.domain, 99)))
    return out


def descriptor_grid(config: GuidanceConfig | None = None) -> dict[int, dict[str, list[str]]]:
    """``grid[level][domain]`` is the list of descriptor texts (every level and domain present)."""
    grid: dict[int, dict[str, list[str]]] = {lv.level: {d.key: [] for d in domains(config)} for lv in levels(config)}
    for item in descriptors(config=config):
        grid[item.level][item.domain].append(item.text)
    return grid


def level_of(text: str, domain: str | None = None, config: GuidanceConfig | None = None) -> int | None:
    """The level a descriptor is listed at (None for the DSL's own wording)."""
    wanted = " ".join(text.split()).casefold()
    found = [d.level for d in descriptors(domain=domain, config=config) if d.text.casefold() == wanted]
    return max(found) if found else None


def suggested_level(evidence: Mapping[str, Sequence[str]], config: GuidanceConfig | None = None) -> int | None:
    """The highest level among the marked descriptors (None when nothing marked is a listed descriptor)."""
    found = [lv for domain, items in evidence.items() for text in items if (lv := level_of(text, domain, config))]
    return max(found) if found else None


def check_domains(evidence: Mapping[str, Sequence[str]], config: GuidanceConfig | None = None) -> None:
    """Raise InvalidRecord when evidence names a domain that is not one of the configured domains."""
    cfg = resolve(config).levels_of_need
    known = [d.key for d in cfg.domains]
    for key in evidence:
        if key not in known:
            raise InvalidRecord(fill(cfg.messages.unknown_domain, domain=key, known=", ".join(known)))


def threshold_prompts(
    chosen_level: int, evidence: Mapping[str, Sequence[str]], config: GuidanceConfig | None = None
) -> list[Prompt]:
    """Prompts for a threshold decision before it is saved (none of them blocks the save).

    - no evidence marked at all;
    - domains with nothing marked (all three should be considered);
    - the chosen level is below the highest level of the descriptors marked.
    """
    cfg = resolve(config)
    messages = cfg.levels_of_need.messages
    marked = {k: [t for t in v if t.strip()] for k, v in evidence.items()}
    prompts: list[Prompt] = []
    if not any(marked.values()):
        prompts.append(
            Prompt(PromptCode.NO_EVIDENCE, messages.no_evidence_title, messages.no_evidence, field="evidence")
        )
        return prompts
    missing = [d.title for d in domains(cfg) if not marked.get(d.key)]
    if missing:
        prompts.append(
            Prompt(
                PromptCode.DOMAIN_MISSING,
                messages.domain_missing_title,
                fill(messages.domain_missing, domains=", ".join(missing)),
                field="evidence",
            )
        )
    pointed = suggested_level(marked, cfg)
    if pointed is not None and chosen_level < pointed:
        prompts.append(
            Prompt(
                PromptCode.LEVEL_BELOW_EVIDENCE,
                messages.level_below_evidence_title,
                fill(
                    messages.level_below_evidence,
                    evidence_level=pointed,
                    evidence_name=level(pointed, cfg).name,
                    level=chosen_level,
                    level_name=level(chosen_level, cfg).name,
                ),
                actions=(PromptAction(ActionCode.RECORD_REASONS, cfg.early_help.actions.record_reasons),),
                field="reasoning",
            )
        )
    return prompts


__all__ = [
    "Descriptor",
    "check_domains",
    "descriptor_grid",
    "descriptors",
    "domains",
    "level",
    "level_of",
    "levels",
    "suggested_level",
    "threshold_prompts",
]
