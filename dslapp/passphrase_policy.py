"""How strong a casebook passphrase must be: one policy for the setup wizard, Settings and ``dslapp init``.

The estimate is zxcvbn's (a maintained port of Dropbox's estimator: dictionaries of common passwords, names
and words, keyboard patterns, dates, repeats and l33t substitutions), told the person's own name and school
so a passphrase built from them scores low. A casebook passphrase needs at least ``MIN_LENGTH`` characters and
zxcvbn's top score, ``MIN_SCORE`` (at least 10¹⁰ guesses: centuries at Argon2's second a guess); a
passphrase made of the person's name and school scores about 10⁸ and is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from zxcvbn import zxcvbn

from dslapp.errors import WeakPassphrase

MIN_LENGTH = 12
MIN_SCORE = 4
# zxcvbn refuses longer input (its matching grows quickly with length); a longer passphrase is judged on its
# first characters, which can only under-rate it.
_ESTIMATE_LENGTH = 72


@dataclass(frozen=True)
class PassphraseStrength:
    """zxcvbn's score (0 weakest … 4 strongest) and estimated guesses (log10), whether the casebook accepts it,
    and advice in plain words."""

    score: int
    acceptable: bool
    advice: str
    guesses_log10: float = 0.0


def _personal_words(avoid: tuple[str, ...]) -> list[str]:
    words: list[str] = []
    for value in avoid:
        words.extend(part for part in value.replace("-", " ").split() if len(part) >= 3)
    return words


def assess(passphrase: str, avoid: tuple[str, ...] = ()) -> PassphraseStrength:
    """How strong ``passphrase`` is; ``avoid`` holds the person's own name, school and the like."""
    cleaned = passphrase.strip()
    if not cleaned:
        return PassphraseStrength(0, False, f"Use at least {MIN_LENGTH} characters: three or four unrelated words.")
    result = zxcvbn(cleaned[:_ESTIMATE_LENGTH], user_inputs=_personal_words(avoid))
    score = int(result["score"])
    feedback = result.get("feedback") or {}
    if len(cleaned) < MIN_LENGTH:
        advice = f"Use at least {MIN_LENGTH} characters: three or four unrelated words are easy to remember."
    elif score < MIN_SCORE:
        warning = str(feedback.get("warning") or "").strip()
        tip = "Add another word or two that have nothing to do with you or the school."
        advice = f"{warning} {tip}".strip() if warning else tip
    else:
        advice = ""
    acceptable = len(cleaned) >= MIN_LENGTH and score >= MIN_SCORE
    return PassphraseStrength(score, acceptable, advice, float(result["guesses_log10"]))


def check(passphrase: str, avoid: tuple[str, ...] = ()) -> None:
    """Raise ``WeakPassphrase`` (with the advice) unless the casebook accepts ``passphrase``."""
    strength = assess(passphrase, avoid)
    if not strength.acceptable:
        raise WeakPassphrase(strength.advice)
