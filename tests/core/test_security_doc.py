"""docs/SECURITY.md claims only what a test shows: every test it names exists in the suite."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_test_named_in_security_md_exists() -> None:
    named = set(re.findall(r"`(test_[a-z0-9_]+)`", (ROOT / "docs" / "SECURITY.md").read_text("utf-8")))
    assert len(named) > 20
    defined: set[str] = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        defined |= set(re.findall(r"^def (test_[a-z0-9_]+)\(", path.read_text("utf-8"), re.MULTILINE))
    missing = sorted(named - defined)
    assert not missing, f"SECURITY.md names tests that do not exist: {missing}"
