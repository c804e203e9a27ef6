"""One passphrase policy (zxcvbn) for `dslapp init`, the setup wizard and every new passphrase."""

from __future__ import annotations

from pathlib import Path

import pytest

from dslapp import passphrase_policy
from dslapp.cli import main
from dslapp.errors import WeakPassphrase
from dslapp.services import casebook
from dslapp.vault import keys


@pytest.mark.parametrize(
    "weak",
    ["", "short", "password1234", "aaaaaaaaaaaaaaaa", "qwertyuiop123", "Fictionton Primary", "Ada Testperson 12"],
)
def test_guessable_passphrases_are_refused(weak: str) -> None:
    strength = passphrase_policy.assess(weak, ("Ms Ada Testperson", "Fictionton Primary"))
    assert not strength.acceptable
    assert strength.advice  # a reason the person can act on
    with pytest.raises(WeakPassphrase, match="too easy to guess"):
        passphrase_policy.check(weak, ("Ms Ada Testperson", "Fictionton Primary"))


@pytest.mark.parametrize(
    "strong", ["kettle orchard violin tuesday", "correct horse battery staple (fictional)", "x" * 20 + " lantern quill"]
)
def test_unrelated_words_are_accepted(strong: str) -> None:
    strength = passphrase_policy.assess(strong)
    assert strength.acceptable and strength.score >= passphrase_policy.MIN_SCORE and strength.advice == ""


def test_the_person_own_name_and_school_count_against_it() -> None:
    alone = passphrase_policy.assess("Quillmoor Fictionton 7")
    knowing = passphrase_policy.assess("Quillmoor Fictionton 7", ("Fictionton Primary", "Ms Quillmoor"))
    assert knowing.guesses_log10 < alone.guesses_log10 - 3


def test_a_very_long_passphrase_is_judged_not_refused() -> None:
    long = " ".join(["lantern", "orchard", "violin", "tuesday", "marble", "quill"] * 10)  # > zxcvbn's 72 limit
    assert passphrase_policy.assess(long).acceptable


def test_service_refuses_a_weak_passphrase_before_creating(tmp_path: Path, fast_kdf: keys.KdfParams) -> None:
    with pytest.raises(WeakPassphrase):
        casebook.create(
            tmp_path / "v", name="Ms Ada Testperson", role="DSL", school="Fictionton", passphrase="Fictionton1"
        )
    assert not (tmp_path / "v").exists()


def test_init_applies_the_same_policy(
    tmp_path: Path, fast_kdf: keys.KdfParams, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DSLAPP_PASSPHRASE", "password1234")
    with pytest.raises(SystemExit) as exit_:
        main(["init", "--vault", str(tmp_path / "v"), "--name", "Ms Ada Testperson"])
    err = capsys.readouterr().err
    assert exit_.value.code == 1 and err.count("\n") == 1 and "too easy to guess" in err
    assert "Calibrating" not in err and not (tmp_path / "v").exists()
