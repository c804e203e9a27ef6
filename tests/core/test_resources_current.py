"""The content shipped in resources/ says what current guidance says (checked December 2026), with its source
in a comment: Working Together to Safeguard Children 2023, KCSIE 2025, the DfE's 2024 information sharing
advice. These tests pin the facts that were found wrong or out of date, so they cannot come back."""

from __future__ import annotations

import re
import tomllib

from dslapp.guidance.config import get_config
from dslapp.paths import resource_files
from dslapp.services.learning import learning_settings, starter_entries

TOML_FILES = (
    "guidance/practice.toml",
    "guidance/levels_of_need.toml",
    "guidance/local_contacts.toml",
    "guidance/chronology_quality.toml",
    "learning/library.toml",
    "learning/settings.toml",
    "mash/enquiry_form.toml",
)


def _text(name: str) -> str:
    return resource_files().joinpath(name).read_text(encoding="utf-8")


def _shown(name: str) -> str:
    """What the app can show from a file: every value, none of the comments."""
    values: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            values.append(node)

    walk(tomllib.loads(_text(name)))
    return "\n".join(values)


def test_every_content_file_names_its_sources() -> None:
    for name in TOML_FILES:
        comments = "\n".join(line for line in _text(name).splitlines() if line.lstrip().startswith("#"))
        assert re.search(r"Working Together|KCSIE|Keeping Children Safe|Information sharing", comments), name


def test_reviews_are_child_safeguarding_practice_reviews_not_serious_case_reviews() -> None:
    for name in TOML_FILES:
        assert "serious case review" not in _shown(name).lower(), name


def test_consent_is_not_presented_as_the_usual_basis_for_sharing() -> None:
    [entry] = [e for e in starter_entries() if e.key == "information_sharing"]
    assert "Consent is rarely the lawful basis" in entry.key_messages
    assert "public task" in entry.key_messages and "legal obligation" in entry.key_messages


def test_dsl_training_every_two_years_and_knowledge_refreshed_at_least_annually() -> None:
    settings = learning_settings()
    assert settings.cpd_refresher_years == 2 and settings.knowledge_refresh_months == 12


def test_escalation_stages_start_restoratively_and_timescales_are_the_schools_own() -> None:
    config = get_config()
    assert config.escalation.stages[0].title == "Stage 1: resolve it together"
    assert "the school's own working expectation" in config.alerts.escalation_response_overdue.reason
    assert "within the stated timescales" not in _shown("learning/library.toml")


def test_the_front_door_follow_up_time_is_not_invented() -> None:
    door = get_config().local.front_door
    assert door.phone_follow_up_hours == 0  # until the school sets its local procedure's time
    assert "within hours" not in _shown("mash/enquiry_form.toml")
    assert all(c.placeholder or c.key == "police" for c in get_config().local.contacts)
