"""Constants shared by the tests (import as ``from support import ...``; conftest modules shadow each other)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dslapp.cli import main
from dslapp.config import ensure_private_dir
from dslapp.errors import VaultExists
from dslapp.vault import keys
from dslapp.vault.folder import DB_NAME, ID_NAME, KEYS_NAME, LOCK_NAME, InstanceLock, is_vault
from dslapp.vault.sqlcipher import open_database
from dslapp.vault.vault import User, Vault

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


_TEMPLATE_FILES = (DB_NAME, KEYS_NAME, ID_NAME)
"""What a just-created vault folder holds besides its lock file (and, while open, the database's -wal/-shm)."""


MakeVault = Callable[..., tuple[Vault, str]]
"""The ``make_vault`` fixture (conftest.py): ``Vault.create`` with the arguments it takes, copied from a template."""


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class _Template:
    folder: Path
    data_key: bytes
    recovery_key: str
    user: User


class VaultTemplates:
    """Migrated vaults made once per session (once per xdist worker) and copied into each test that asks.

    Creating a vault runs every migration, which was the slowest set-up in the suite. ``create`` takes the
    arguments of ``Vault.create`` and returns what it returns: the same files (database, sealed vault.keys,
    casebook.id) in a new private folder, opened as ``Vault.create`` leaves them (the instance lock held, the
    database keyed with the data key, an audit trail of one "setup" row). A template is made per name, role,
    passphrase, school and start time (a test's frozen clock, read once); with no clock the copy's clock is
    the real one, so its "setup" row and ``created_at`` are from when the template was made.

    What ``Vault.create`` draws at random (vault id, data key, recovery key) is shared by copies of one
    template, so a test that needs two distinct vaults must not get both from here (``make_vault`` in
    conftest.py creates the second for real).
    """

    def __init__(self, root: Path) -> None:
        self._root = root
        self._made: dict[tuple[str, str, str, str, datetime | None], _Template] = {}

    @staticmethod
    def key(
        name: str, role: str, passphrase: str, school: str, clock: Callable[[], datetime] | None
    ) -> tuple[str, str, str, str, datetime | None]:
        return (name, role, passphrase, school, clock() if clock is not None else None)

    def create(
        self,
        directory: Path,
        name: str = "Ms Ada Testperson",
        role: str = "DSL",
        passphrase: str = PASSPHRASE,
        *,
        school: str = "",
        clock: Callable[[], datetime] | None = None,
    ) -> tuple[Vault, str]:
        """A copy of the template for these arguments (made on first use), unlocked, and its recovery key."""
        key = self.key(name, role, passphrase, school, clock)
        template = self._made.get(key) or self._make(key)
        if is_vault(directory):
            raise VaultExists()
        ensure_private_dir(directory)
        for file_name in _TEMPLATE_FILES:
            shutil.copy2(template.folder / file_name, directory / file_name)
        lock = InstanceLock(directory)
        lock.acquire()
        try:
            db = open_database(directory / DB_NAME, template.data_key)
            keyfile = keys.load_keyfile(directory / KEYS_NAME)
        except BaseException:
            lock.release()
            raise
        vault = Vault(directory, db, keyfile, template.user, lock, template.data_key, clock or _utcnow)
        return vault, template.recovery_key

    def _make(self, key: tuple[str, str, str, str, datetime | None]) -> _Template:
        name, role, passphrase, school, at = key
        folder = self._root / f"template-{len(self._made)}"
        vault, recovery_key = Vault.create(
            folder, name, role, passphrase, school=school, kdf=FAST_KDF, clock=None if at is None else lambda: at
        )
        template = _Template(folder, vault.data_key, recovery_key, vault.user)
        # Closed, not locked: locking would add a "lock" row to the audit trail and reseal vault.keys.
        vault.db.close()
        vault._lock.release()
        left = sorted(p.name for p in folder.iterdir() if p.name not in (*_TEMPLATE_FILES, LOCK_NAME))
        assert left == [], f"the template vault left {left} behind: a copy of the files would not be whole"
        self._made[key] = template
        return template
