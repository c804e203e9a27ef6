"""Passphrase strength for the setup and Settings screens: the core's one policy
(``dslapp.passphrase_policy``, zxcvbn), shown as a 0–4 bar with a label and advice.

``dslapp init`` and the services apply the same policy, so what the bar accepts is what the casebook accepts.
"""

from __future__ import annotations

from dataclasses import dataclass

from dslapp import passphrase_policy
from ui import strings

MIN_LENGTH = passphrase_policy.MIN_LENGTH
_VERY_STRONG_LOG10 = 14.0


@dataclass(frozen=True)
class Strength:
    level: int  # 0..4
    label: str
    acceptable: bool
    advice: str = ""


def estimate(text: str, avoid: tuple[str, ...] = ()) -> Strength:
    """Strength 0..4 and whether it is acceptable for a casebook passphrase."""
    if not text.strip():
        return Strength(0, strings.STRENGTH_LABELS[0], False)
    assessed = passphrase_policy.assess(text, avoid)
    # The bar's five steps: refused ones stop at "Fair" (whatever zxcvbn makes of a too-short one), accepted
    # ones are "Strong", and "Very strong" from ten thousand times the guesses the policy asks for.
    if not assessed.acceptable:
        level = min(assessed.score, 2)
    else:
        level = 4 if assessed.guesses_log10 >= _VERY_STRONG_LOG10 else 3
    return Strength(level, strings.STRENGTH_LABELS[level], assessed.acceptable, assessed.advice)
