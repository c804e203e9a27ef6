"""Constants shared by the tests (import as ``from support import ...``; conftest modules shadow each other)."""

from __future__ import annotations

import pytest

from dslapp.cli import main
from dslapp.vault import keys

FAST_KDF = keys.KdfParams(time_cost=1, memory_cost=8, parallelism=1)
"""Tiny Argon2 parameters: tests only. Everything else uses calibrated ones."""

PASSPHRASE = "correct horse battery staple (fictional)"


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``dslapp`` in-process; returns (exit code, stdout, stderr)."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
