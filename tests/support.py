"""Constants shared by the tests (import as ``from support import ...``; conftest modules shadow each other)."""

from __future__ import annotations

from dslapp.vault import keys

FAST_KDF = keys.KdfParams(time_cost=1, memory_cost=8, parallelism=1)
"""Tiny Argon2 parameters: tests only. Everything else uses calibrated ones."""

PASSPHRASE = "correct horse battery staple (fictional)"
