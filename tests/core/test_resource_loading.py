"""Every settings file goes through one loader (``dslapp.settings_files``): the shipped resources all load, a
valid override still merges, and a typo in any file a school or a user edits is a kind error naming the file
and the setting, never silence. ``settings.json`` is checked the same way, and the app keeps starting.
"""

from __future__ import annotations

import json
import os
import re
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel
from support import PASSPHRASE
from support import run_cli as run

from dslapp.config import Settings, config_dir, settings_path
from dslapp.errors import EnquiryFormInvalid, SettingsInvalid
from dslapp.guidance import chronology_quality, learning_library
from dslapp.guidance import config as guidance_config
from dslapp.services import learning
from dslapp.services.mash import form as mash_form
from dslapp.settings_files import merge, shipped_file
from dslapp.views.mash_form import EnquiryFormFile

SHIPPED_FORM = Path(__file__).parents[2] / "resources" / "mash" / "enquiry_form.toml"


def _models_within(model: type[BaseModel]) -> Iterator[type[BaseModel]]:
    yield model
    for field in model.model_fields.values():
        for kind in _kinds(field.annotation):
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                yield from _models_within(kind)


def _kinds(annotation: object) -> Iterator[object]:
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _kinds(arg)


FILE_MODELS: list[type[BaseModel]] = [
    guidance_config.GuidanceConfig,
    chronology_quality.HintSettings,
    learning_library.LibraryFile,
    learning.LearningSettings,
    EnquiryFormFile,
    Settings,
]


@pytest.mark.parametrize("model", FILE_MODELS, ids=lambda m: m.__name__)
def test_every_model_a_file_is_read_into_forbids_unknown_keys(model: type[BaseModel]) -> None:
    tables = list(_models_within(model))
    assert len(tables) >= 1
    for table in tables:
        assert table.model_config.get("extra") == "forbid", table.__name__


def test_the_shipped_resources_all_load() -> None:
    assert guidance_config.load_config().early_help.review_interval_weeks == 6
    assert guidance_config.get_config() == guidance_config.load_config()
    hints = chronology_quality.load_config()
    assert hints.max_words == 100 and len(hints.opinion_words) >= 20
    assert chronology_quality.get_config() == hints
    assert "{limit}" in hints.messages["too_long"] and "Keep the significant event" in hints.messages["too_long"]
    entries = learning_library.starter_entries()
    assert len(entries) >= 9 and all(e.title and e.key_messages for e in entries)
    assert learning.learning_settings().cpd_reminder_days == 60
    form = mash_form.load_enquiry_form()
    assert form.sections and form.field("consent").kind == "consent"
    assert mash_form.current_enquiry_form() == form
    assert Settings.load() == Settings() and Settings.load().problem is None  # no settings file yet
    for resource in ("guidance/practice.toml", "learning/library.toml", "mash/enquiry_form.toml"):
        assert shipped_file(resource, "test").data


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _form_with(old: str, new: str) -> str:
    text = SHIPPED_FORM.read_text("utf-8")
    assert old in text
    return text.replace(old, new, 1)


# Each file kind a school edits, with one misspelt key: the loader, the file's name, and the words that must
# be in the message (the setting as written and the one that was meant).
TYPOS = {
    "practice": (
        lambda p: guidance_config.load_config(p),
        "practice.toml",
        "[early_help]\nreview_intervl_weeks = 6\n",
        ["practice guidance", "“practice.toml”", "“early_help.review_intervl_weeks”", "“review_interval_weeks”"],
    ),
    "levels of need": (
        lambda p: guidance_config.load_config(p),
        "levels_of_need.toml",
        "[[levels_of_need.descriptors]]\nlevel = 2\ndomian = 'family_environment'\nitems = ['Ours']\n",
        ["“levels_of_need.toml”", "“levels_of_need.descriptors[1].domian”", "“domain”"],
    ),
    "chronology hints": (
        lambda p: chronology_quality.load_config(p),
        "chronology_quality.toml",
        "[messages]\nno_acton = 'Say what was done.'\n",
        ["chronology hints settings", "“chronology_quality.toml”", "“messages.no_acton”", "“no_action”"],
    ),
    "MASH form": (
        lambda p: mash_form.load_enquiry_form(p),
        "our-form.toml",
        _form_with('label = "Legal name"', 'lable = "Legal name"'),
        ["MASH enquiry form", "“our-form.toml”", "“sections[child].fields[child_name].lable”", "“label”"],
    ),
    "learning library": (
        lambda p: learning_library.load_library(p),
        "library.toml",
        "[[entry]]\nkey = 'ours'\ntitle = 'Our own briefing'\ntag = ['neglect']\n",
        ["learning library", "“library.toml”", "“entry[ours].tag”", "“tags”"],
    ),
    "learning settings": (
        lambda p: learning.load_learning_settings(p),
        "settings.toml",
        "cpd_reminder_dayz = 30\n",
        ["learning settings", "“settings.toml”", "“cpd_reminder_dayz”", "“cpd_reminder_days”"],
    ),
}


@pytest.mark.parametrize("kind", list(TYPOS))
def test_a_typo_in_any_override_file_names_the_file_and_the_key(tmp_path: Path, kind: str) -> None:
    loader, name, text, words = TYPOS[kind]
    path = _write(tmp_path / name, text)
    with pytest.raises(SettingsInvalid) as caught:
        loader(path)
    message = str(caught.value)
    assert message.startswith("There is a mistake in the ")
    for word in words:
        assert word in message, message
    assert "\n" not in message and "pydantic" not in message


def test_a_mash_form_mistake_is_the_forms_own_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "our-form.toml", _form_with("columns = 2", "columns = 9"))
    with pytest.raises(EnquiryFormInvalid, match=r"“our-form\.toml”.*columns.* should be less than or equal to 4"):
        mash_form.load_enquiry_form(path)
    path.write_text(_form_with('key = "child_dob"', 'key = "child_name"'), encoding="utf-8")
    with pytest.raises(EnquiryFormInvalid, match="the field key child_name is used twice"):
        mash_form.load_enquiry_form(path)


def test_the_file_at_fault_is_named_when_several_are_merged(tmp_path: Path) -> None:
    good = _write(tmp_path / "practice.toml", "[neglect.cumulative]\ncount = 4\n")
    bad = _write(tmp_path / "levels_of_need.toml", "[levels_of_need]\nintor = 'Ours'\n")
    with pytest.raises(SettingsInvalid, match=re.escape("“levels_of_need.toml”: “levels_of_need.intor”")) as caught:
        guidance_config.load_config(good, bad)
    assert "“intro”" in str(caught.value)
    broken = _write(tmp_path / "practice.toml", "[neglect.cumulative]\ncount = 1\n")
    expected = "“practice.toml”: “neglect.cumulative.count” should be greater"
    with pytest.raises(SettingsInvalid, match=re.escape(expected)):
        guidance_config.load_config(broken)


def test_valid_overrides_still_merge_over_what_is_shipped(tmp_path: Path) -> None:
    hints = _write(config_dir() / "guidance" / "chronology_quality.toml", "max_words = 40\n")
    config = chronology_quality.get_config()
    assert config.max_words == 40
    assert config.opinion_words == chronology_quality.load_config().opinion_words  # the shipped list is kept
    assert config.messages == chronology_quality.load_config().messages
    hints.write_text("max_words = 30\n", encoding="utf-8")
    os.utime(hints, ns=(1, 1))  # a changed file is read again, whatever its time
    assert chronology_quality.get_config().max_words == 30
    _write(config_dir() / "learning" / "settings.toml", "voice_max_age_days = 45\n")
    in_force = learning.learning_settings()
    assert (in_force.voice_max_age_days, in_force.cpd_reminder_days) == (45, 60)
    library = learning_library.load_library(
        _write(tmp_path / "library.toml", "[[entry]]\nkey = 'ours'\ntitle = 'Our own briefing'\n")
    )
    assert [e.key for e in library] == ["ours"]  # a list of entries replaces the list
    assert merge({"a": {"b": 1, "c": [1, 2]}, "d": 1}, {"a": {"c": [3]}}) == {"a": {"b": 1, "c": [3]}, "d": 1}


def test_a_local_chronology_hints_typo_is_reported_not_ignored() -> None:
    _write(config_dir() / "guidance" / "chronology_quality.toml", "max_wrds = 40\n")
    with pytest.raises(SettingsInvalid, match="“max_wrds” is not a known setting"):
        chronology_quality.check_entry(event="Seen at the gate.")


# ---- settings.json --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "words", "kept"),
    [
        ({"idle_lok_minutes": 3, "backups_daily": 4}, ["“idle_lok_minutes” is not a known", "“idle_lock_minutes”"], 4),
        ({"idle_lock_minutes": "five", "backups_daily": 4}, ["“idle_lock_minutes” should be a valid integer"], 4),
        ({"idle_lock_minutes": 0, "backups_daily": 4}, ["“idle_lock_minutes” should be greater than or equal to 1"], 4),
    ],
)
def test_a_wrong_setting_in_settings_json_is_named_and_the_rest_kept(
    content: dict[str, object], words: list[str], kept: int
) -> None:
    _write(settings_path(), json.dumps(content))
    with pytest.raises(SettingsInvalid) as caught:
        Settings.read()
    for word in words:
        assert word in str(caught.value)
    settings = Settings.load()
    assert settings.idle_lock_minutes == 5 and settings.backups_daily == kept
    assert settings.problem is not None
    message = str(settings.problem)
    assert message.startswith("There is a mistake in the app settings file “settings.json”: ")
    for word in words:
        assert word in message
    assert "The rest of the file is in use; where it is wrong, DSL Casebook uses its usual value." in message


@pytest.mark.parametrize("text", ["{'idle_lock_minutes': 3", "[5]", "\udcff"])
def test_a_broken_settings_json_falls_back_to_the_usual_settings_and_says_so(text: str) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_bytes(text.encode("utf-8", "surrogateescape"))
    settings = Settings.load()
    assert settings.model_dump() == Settings().model_dump()
    assert settings.problem is not None
    assert "app settings file “settings.json” could not be" in str(settings.problem)
    assert str(settings.problem).endswith("DSL Casebook is using its usual settings until the file is put right.")


def test_settings_are_checked_when_changed_and_saved_and_a_bad_file_is_kept() -> None:
    _write(settings_path(), json.dumps({"idle_lock_minutes": 9, "extra": {"mash_form": 5}}))
    settings = Settings.load()
    assert settings.problem is not None and "“extra.mash_form” should be a valid string" in str(settings.problem)
    assert settings.idle_lock_minutes == 9
    with pytest.raises(ValueError, match="idle_lock_minutes"):
        settings.idle_lock_minutes = 0
    settings.backups_weekly = 3
    settings.save()
    kept = settings_path().with_name("settings.json.invalid")
    assert json.loads(kept.read_text("utf-8"))["extra"] == {"mash_form": 5}  # nothing typed there is lost
    assert Settings.read() == settings and Settings.read().problem is None
    assert json.loads(settings_path().read_text("utf-8"))["backups_weekly"] == 3
    settings.save()  # a later save has nothing to keep aside
    assert json.loads(kept.read_text("utf-8"))["extra"] == {"mash_form": 5}


def test_the_command_line_warns_about_a_wrong_setting_and_carries_on(
    capsys: pytest.CaptureFixture[str], cli_env: None, vault_dir: Path
) -> None:
    code, _, _ = run(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")
    assert code == 0
    _write(settings_path(), json.dumps({"backups_dayly": 3}))
    code, out, err = run(capsys, "children", "--vault", str(vault_dir), "--json")
    assert code == 0 and json.loads(out) == []
    assert "warning: There is a mistake in the app settings file “settings.json”: “backups_dayly”" in err
    assert "(did you mean “backups_daily”?)" in err
    assert PASSPHRASE not in err
