"""Levels of Need: descriptors by level and domain, consistency prompts, and decisions saved on a real vault.
All names are fictional; every date is fixed.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from guidance_cases import child, concern

from dslapp.errors import InvalidRecord
from dslapp.guidance import thresholds
from dslapp.guidance.prompts import PromptCode
from dslapp.models import ThresholdDecision
from dslapp.services.thresholds import latest_threshold_decision, record_threshold_decision
from dslapp.store import RecordStore

DOMAINS = ["child_development", "parenting_capacity", "family_environment"]


def test_four_levels_and_three_domains() -> None:
    assert [(lv.level, lv.name) for lv in thresholds.levels()] == [
        (1, "Universal"),
        (2, "Early Help"),
        (3, "Targeted Early Help"),
        (4, "Specialist / statutory"),
    ]
    assert [d.key for d in thresholds.domains()] == DOMAINS
    assert [d.title for d in thresholds.domains()] == [
        "The child's developmental needs",
        "Parenting capacity",
        "Family and environmental factors",
    ]


def test_several_descriptors_per_domain_per_level() -> None:
    grid = thresholds.descriptor_grid()
    for level in (1, 2, 3, 4):
        for domain in DOMAINS:
            assert len(grid[level][domain]) >= 3, (level, domain)
            assert all(len(text) <= 300 for text in grid[level][domain])
    only = thresholds.descriptors(level=4, domain="parenting_capacity")
    assert only and all(d.level == 4 and d.domain == "parenting_capacity" for d in only)
    assert len(thresholds.descriptors()) == sum(len(v) for row in grid.values() for v in row.values())


def test_the_top_level_does_not_ask_for_neglect_to_have_gone_on_for_long() -> None:
    """The "persistent" trap: a level-4 descriptor must never require neglect to be long-standing, persistent
    or chronic, or support to have failed first (DOMAIN.md, learning 2)."""
    trap = re.compile(r"long[- ]standing|persistent|chronic|over a long|do not change|despite support", re.I)
    top = thresholds.descriptors(level=4)
    assert top and not [d.text for d in top if trap.search(d.text)]
    assert any("neglect" in d.text.lower() for d in top)  # neglect is still there, without the wait


def test_suggested_level_is_the_highest_descriptor_marked() -> None:
    level3 = thresholds.descriptors(level=3, domain="child_development")[0].text
    level2 = thresholds.descriptors(level=2, domain="family_environment")[0].text
    assert thresholds.level_of(level3, "child_development") == 3
    assert thresholds.suggested_level({"child_development": [level3], "family_environment": [level2]}) == 3
    assert thresholds.suggested_level({"family_environment": ["Our own words about the flat"]}) is None


def test_prompts_for_a_level_below_the_evidence_and_domains_not_considered() -> None:
    level4 = thresholds.descriptors(level=4, domain="parenting_capacity")[0].text
    prompts = thresholds.threshold_prompts(2, {"parenting_capacity": [level4]})
    assert [p.code for p in prompts] == [PromptCode.DOMAIN_MISSING, PromptCode.LEVEL_BELOW_EVIDENCE]
    assert "The child's developmental needs, Family and environmental factors" in prompts[0].message
    assert "level 4 (Specialist / statutory) but chose level 2 (Early Help)" in prompts[1].message
    assert [p.code for p in thresholds.threshold_prompts(2, {})] == [PromptCode.NO_EVIDENCE]
    full = {d: [thresholds.descriptors(level=2, domain=d)[0].text] for d in DOMAINS}
    assert thresholds.threshold_prompts(2, full) == []


def test_a_threshold_decision_is_saved_and_the_latest_returned(store: RecordStore) -> None:
    amira = child(store)
    first = concern(store, amira, date(2025, 3, 3))
    second = concern(store, amira, date(2025, 3, 20))
    assert latest_threshold_decision(store, amira.id) is None
    evidence = {
        "child_development": ["Regularly hungry, tired, unwashed or not dressed for the weather"],
        "parenting_capacity": ["Basic care often not met, despite advice and single-agency support"],
        "family_environment": ["Serious money problems: no food, no heating, no credit on the meter"],
    }
    result = record_threshold_decision(
        store,
        amira.id,
        3,
        evidence,
        "Several needs across all three domains; Early Help (TAF) with consent.",
        "MASH consultation line",
        [first.id, second.id],
        "Ms A. Testperson",
        date(2025, 3, 21),
    )
    earlier, changes, prompts = result.value, result.changes, result.prompts
    assert prompts == () and changes.touches(ThresholdDecision.KIND)
    stored = store.get_as(ThresholdDecision, earlier.id)
    assert stored.level == 3 and stored.consulted == "MASH consultation line"
    assert stored.concern_ids == [first.id, second.id]
    assert stored.evidence == evidence
    later = record_threshold_decision(
        store,
        amira.id,
        4,
        {
            "parenting_capacity": [
                "Parents are not meeting the child's basic needs, and the child is suffering or likely to suffer "
                "significant harm"
            ]
        },
        "No change after three months of Early Help; a MASH enquiry now.",
        decided_by="Ms A. Testperson",
        decided_on=date(2025, 6, 2),
    ).value
    latest = latest_threshold_decision(store, amira.id)
    assert latest is not None and latest.id == later.id and latest.level == 4


def test_unknown_domains_and_other_childrens_concerns_are_refused(store: RecordStore) -> None:
    amira = child(store)
    other = child(store, "Bea", "Otherchild")
    theirs = concern(store, other, date(2025, 3, 3))
    with pytest.raises(InvalidRecord, match="not one of the Levels of Need domains"):
        record_threshold_decision(store, amira.id, 2, {"housing": ["Damp"]}, "Reasons", decided_on=date(2025, 3, 4))
    with pytest.raises(InvalidRecord, match="different child"):
        record_threshold_decision(
            store, amira.id, 2, {}, "Reasons", concern_ids=[theirs.id], decided_on=date(2025, 3, 4)
        )
    with pytest.raises(InvalidRecord, match="reasoning"):
        record_threshold_decision(store, amira.id, 2, {}, "  ", decided_on=date(2025, 3, 4))
