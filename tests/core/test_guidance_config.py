"""The practice guidance settings: shipped defaults, overrides from a custom TOML file (tests and local
authorities), the installation's own override folder, and plain-words errors for bad settings.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dslapp.config import config_dir
from dslapp.errors import CasebookError
from dslapp.guidance import early_help, escalation, thresholds
from dslapp.guidance.config import get_config, load_config, local_override_files, merge
from dslapp.models import DslDecision

MONDAY = date(2025, 3, 3)


def test_shipped_defaults() -> None:
    config = load_config()
    assert config.early_help.review_interval_weeks == 6
    assert config.early_help.max_review_interval_weeks == 12
    assert config.early_help.services_follow_up == "And what is different for the child?"
    for word in ("attended", "meetings", "referred", "engaged", "sessions", "appointments", "signposted"):
        assert early_help.service_words_in(word, config), word
    cumulative = config.neglect.cumulative
    assert (cumulative.count, cumulative.days) == (3, 90)
    assert config.neglect.acting_decisions == (
        DslDecision.MASH_ENQUIRY,
        DslDecision.POLICE,
        DslDecision.INFORM_SOCIAL_WORKER,
        DslDecision.EARLY_HELP,
    )
    assert config.learning.persistent.title == "“Persistent” is not a reason to wait"
    assert "lived experience" in config.learning.life_improved.text
    assert [s.respond_within_working_days for s in config.escalation.stages] == [2, 5, 5, 10]
    assert config.alerts.nfa_concerns_continue.days == 30
    assert config.alerts.child_voice_not_recorded.days == 90
    assert get_config() == config  # no override installed


def test_a_custom_file_overrides_only_what_it_names(tmp_path: Path) -> None:
    custom = tmp_path / "devon.toml"
    custom.write_text(
        """
[early_help]
review_interval_weeks = 4
max_review_interval_weeks = 8
services_follow_up = "What is different for the child now?"
service_words = ["TAF"]

[[escalation.stages]]
stage = 1
title = "Stage 1: the practice manager"
with_whom = "The practice manager"
respond_within_working_days = 1
advice = "Phone them."
""",
        encoding="utf-8",
    )
    config = load_config(custom)
    assert early_help.next_review_default(MONDAY, config) == date(2025, 3, 31)
    assert early_help.latest_review_date(MONDAY, config) == date(2025, 4, 28)
    assert early_help.life_improved_is_about_services("A TAF was held", config)
    assert not early_help.life_improved_is_about_services("Mum attended meetings", config)  # list replaced
    assert early_help.services_follow_up("Amira", config).message.startswith("What is different for the child now?")
    assert config.early_help.lived_experience_words == load_config().early_help.lived_experience_words  # kept
    assert [s.stage for s in escalation.stages(config)] == [1]  # a list replaces the whole list
    assert escalation.respond_by(1, MONDAY, config) == date(2025, 3, 4)
    assert config.neglect == load_config().neglect  # untouched tables keep the shipped values


def test_levels_of_need_can_be_replaced(tmp_path: Path) -> None:
    custom = tmp_path / "levels_of_need.toml"
    custom.write_text(
        """
[[levels_of_need.descriptors]]
level = 2
domain = "family_environment"
items = ["Our area's own wording"]
""",
        encoding="utf-8",
    )
    config = load_config(custom)
    assert thresholds.descriptors(config=config) == [
        thresholds.Descriptor(2, "family_environment", "Our area's own wording")
    ]
    assert len(thresholds.levels(config)) == 4


def test_the_installations_override_folder_is_used(tmp_path: Path) -> None:
    folder = config_dir() / "guidance"
    folder.mkdir(parents=True)
    (folder / "practice.toml").write_text("[neglect.cumulative]\ncount = 4\n", encoding="utf-8")
    assert local_override_files() == (folder / "practice.toml",)
    assert get_config().neglect.cumulative.count == 4
    assert get_config().neglect.cumulative.days == 90


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[early_help]\nreview_intervals_weeks = 6\n", "early_help.review_intervals_weeks"),
        ("[early_help]\nreview_interval_weeks = 13\n", "review_interval_weeks must not be more than"),
        ("[neglect.cumulative]\ncount = 1\n", "neglect.cumulative.count"),
        ("[neglect]\nacting_decisions = ['phone_mum']\n", "neglect.acting_decisions"),
        ("[escalation.disagreement_types]\nthreshold = ''\n", "escalation.disagreement_types.threshold"),
        ("[[levels_of_need.levels]]\nlevel = 1\nname = 'Only'\nsummary = 'One'\n", "levels must be exactly 1, 2, 3"),
        ("[early_help\n", "could not be read"),
    ],
)
def test_bad_settings_are_explained(tmp_path: Path, text: str, message: str) -> None:
    custom = tmp_path / "practice.toml"
    custom.write_text(text, encoding="utf-8")
    with pytest.raises(CasebookError, match="practice guidance settings") as caught:
        load_config(custom)
    assert message in str(caught.value)


def test_a_missing_file_is_explained(tmp_path: Path) -> None:
    with pytest.raises(CasebookError, match="could not be opened"):
        load_config(tmp_path / "nope.toml")


def test_merge_is_deep_for_tables_only() -> None:
    assert merge({"a": {"b": 1, "c": [1, 2]}, "d": 1}, {"a": {"c": [3]}}) == {"a": {"b": 1, "c": [3]}, "d": 1}
