"""A plain estimate of passphrase strength for the setup screens (no dictionary download needed).

It rewards length and several words, and marks down repeats, sequences, very common passwords and the
user's own name or school. Good enough to steer people to a long passphrase; the real protection is
Argon2 (calibrated at setup) and the laptop's disk encryption.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ui import strings

MIN_LENGTH = 12
_COMMON = {
    "password",
    "passw0rd",
    "letmein",
    "qwerty",
    "iloveyou",
    "welcome",
    "safeguarding",
    "school",
    "admin",
    "123456",
    "monkey",
    "dragon",
    "football",
    "sunshine",
}
_SEQUENCES = ("abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "0123456789")


@dataclass(frozen=True)
class Strength:
    level: int  # 0..4
    label: str
    acceptable: bool


def _pool(text: str) -> int:
    pool = 0
    if re.search(r"[a-z]", text):
        pool += 26
    if re.search(r"[A-Z]", text):
        pool += 26
    if re.search(r"\d", text):
        pool += 10
    if re.search(r"[^A-Za-z0-9\s]", text):
        pool += 20
    if re.search(r"\s", text):
        pool += 1
    return max(pool, 1)


def estimate(text: str, avoid: tuple[str, ...] = ()) -> Strength:
    """Strength 0..4 and whether it is acceptable for a casebook passphrase."""
    cleaned = text.strip()
    if not cleaned:
        return Strength(0, strings.STRENGTH_LABELS[0], False)
    lowered = cleaned.lower()
    penalty = 0.0
    # repeated characters and keyboard/alphabet runs add little
    effective = re.sub(r"(.)\1{2,}", r"\1", lowered)
    for seq in _SEQUENCES:
        for size in range(len(seq), 3, -1):
            for start in range(len(seq) - size + 1):
                if seq[start : start + size] in effective:
                    effective = effective.replace(seq[start : start + size], seq[start])
    # common passwords and the user's own name or school count as one character each
    guessable = set(_COMMON)
    for personal in avoid:
        guessable.update(re.findall(r"\w{3,}", personal.lower()))
    for word in sorted(guessable, key=len, reverse=True):
        if word in effective:
            effective = effective.replace(word, word[0])
            penalty += 4
    words = [w for w in re.split(r"[\s\-_.,;:]+", lowered) if len(w) >= 3 and w not in guessable]
    bits = len(effective) * math.log2(_pool(cleaned)) - penalty
    if len(set(words)) >= 4:
        bits = max(bits, 60.0)
    if len(set(words)) >= 5:
        bits = max(bits, 75.0)
    if bits < 28:
        level = 0
    elif bits < 40:
        level = 1
    elif bits < 55:
        level = 2
    elif bits < 75:
        level = 3
    else:
        level = 4
    acceptable = len(cleaned) >= MIN_LENGTH and level >= 2
    return Strength(level, strings.STRENGTH_LABELS[level], acceptable)
