"""Shared fixtures: every test gets its own real, keyed SQLCipher vault in its own temp dir.

The vault is a copy of a migrated template made once per session (``VaultTemplates`` in support.py): the
same files and state ``Vault.create`` leaves, without running every migration again for each test.

Argon2 uses tiny parameters here (and only here) so tests stay fast; everything else is real.

Hypothesis (the fuzz tests) runs the "ci" profile unless HYPOTHESIS_PROFILE says otherwise: derandomised
(the same examples on every run and every machine, so a red CI run is the code, not the dice) and with no
example database (nothing remembered between runs or written into the checkout). ``make fuzz`` runs the
"long" profile: random, and many more examples, to look for new bugs; pin each one it finds with an
explicit regression test.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from support import FAST_KDF, PASSPHRASE, MakeVault, VaultTemplates

from dslapp.store import RecordStore
from dslapp.vault import keys
from dslapp.vault.vault import Vault

settings.register_profile("ci", max_examples=80, derandomize=True, database=None, print_blob=True)
settings.register_profile("long", max_examples=1000, derandomize=False, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Config, logs and the default vault go to a temp folder, never the real user's."""
    home = tmp_path_factory.mktemp("dslapp-home")
    monkeypatch.setenv("DSLAPP_HOME", str(home))
    return home


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> keys.KdfParams:
    """Make calibration return tiny Argon2 parameters (tests only)."""
    monkeypatch.setattr(keys, "calibrate", lambda *a, **k: FAST_KDF)
    return FAST_KDF


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture(scope="session")
def vault_templates(tmp_path_factory: pytest.TempPathFactory) -> VaultTemplates:
    return VaultTemplates(tmp_path_factory.mktemp("vault-templates"))


@pytest.fixture
def make_vault(vault_templates: VaultTemplates) -> MakeVault:
    """``Vault.create`` with the tiny Argon2 parameters, copied from a session template where it can be.

    Arguments as ``Vault.create`` (without ``kdf``). The first vault a test asks for with given arguments is a
    template copy; a second one with the same arguments is created for real, so that every vault in one test
    has its own id, data key and recovery key.
    """
    used: set[object] = set()

    def make(
        directory: Path,
        name: str = "Ms Ada Testperson",
        role: str = "DSL",
        passphrase: str = PASSPHRASE,
        *,
        school: str = "",
        clock: Callable[[], datetime] | None = None,
    ) -> tuple[Vault, str]:
        key = VaultTemplates.key(name, role, passphrase, school, clock)
        if key in used:
            return Vault.create(directory, name, role, passphrase, school=school, kdf=FAST_KDF, clock=clock)
        used.add(key)
        return vault_templates.create(directory, name, role, passphrase, school=school, clock=clock)

    return make


@pytest.fixture
def vault_and_recovery_key(vault_dir: Path, make_vault: MakeVault) -> Iterator[tuple[Vault, str]]:
    vault, recovery_key = make_vault(vault_dir, school="Fictional Test Academy")
    yield vault, recovery_key
    vault.lock()


@pytest.fixture
def vault(vault_and_recovery_key: tuple[Vault, str]) -> Vault:
    return vault_and_recovery_key[0]


@pytest.fixture
def store(vault: Vault) -> RecordStore:
    return RecordStore(vault)


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, fast_kdf: keys.KdfParams) -> None:
    """The CLI reads the passphrase from DSLAPP_PASSPHRASE; vaults it creates use tiny Argon2 parameters."""
    monkeypatch.setenv("DSLAPP_PASSPHRASE", PASSPHRASE)
