"""The vault: key hierarchy, typed errors, file modes, pragmas. Real SQLCipher in temp dirs."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from support import FAST_KDF, PASSPHRASE

from dslapp.errors import (
    KeyFileDamaged,
    NotAVault,
    VaultDamaged,
    VaultExists,
    VaultInUse,
    WrongPassphrase,
    WrongRecoveryKey,
)
from dslapp.store import RecordStore
from dslapp.vault import audit
from dslapp.vault.sqlcipher import cipher_version
from dslapp.vault.vault import DB_NAME, KEYS_NAME, Vault, list_users


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_created_vault_reopens_with_the_passphrase(vault: Vault, vault_dir: Path) -> None:
    vault.lock()
    reopened = Vault.open(vault_dir, PASSPHRASE)
    try:
        assert reopened.user.name == "Ms Ada Testperson"
        assert reopened.school == "Fictional Test Academy"
        assert cipher_version(reopened.db)  # really SQLCipher
    finally:
        reopened.lock()


def test_pragmas_protect_temp_files_and_durability(vault: Vault) -> None:
    assert vault.db.scalar("PRAGMA temp_store") == 2  # MEMORY
    assert vault.db.scalar("PRAGMA journal_mode") == "wal"
    assert vault.db.scalar("PRAGMA synchronous") == 2  # FULL
    assert vault.db.scalar("PRAGMA foreign_keys") == 1


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_files_are_private(vault: Vault, vault_dir: Path) -> None:
    assert stat.S_IMODE(vault_dir.stat().st_mode) == 0o700
    for path in vault_dir.iterdir():
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_wrong_passphrase_is_clear_and_changes_nothing(vault: Vault, vault_dir: Path) -> None:
    vault.lock()
    before = {p.name: _digest(p) for p in vault_dir.iterdir() if p.is_file()}
    with pytest.raises(WrongPassphrase, match="not right"):
        Vault.open(vault_dir, "not the passphrase")
    after = {p.name: _digest(p) for p in vault_dir.iterdir() if p.is_file()}
    assert before == after
    Vault.open(vault_dir, PASSPHRASE).lock()  # the right one still opens it


def test_recovery_key_opens_and_sets_a_new_passphrase(
    vault_and_recovery_key: tuple[Vault, str], vault_dir: Path
) -> None:
    vault, recovery_key = vault_and_recovery_key
    vault.lock()
    with pytest.raises(WrongRecoveryKey):
        Vault.open_with_recovery_key(vault_dir, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", "new one")
    typed_casually = recovery_key.lower().replace("-", " ")
    recovered = Vault.open_with_recovery_key(vault_dir, typed_casually, "a brand new passphrase")
    recovered.lock()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_dir, PASSPHRASE)
    Vault.open(vault_dir, "a brand new passphrase").lock()


def test_change_passphrase_rewraps_without_reencrypting(vault: Vault, vault_dir: Path) -> None:
    data_key = vault.data_key
    with pytest.raises(WrongPassphrase):
        vault.change_passphrase("wrong current", "next")
    vault.change_passphrase(PASSPHRASE, "the next passphrase")
    vault.lock()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_dir, PASSPHRASE)
    reopened = Vault.open(vault_dir, "the next passphrase")
    assert reopened.data_key == data_key  # same data key: nothing was re-encrypted
    reopened.lock()


def test_deputy_dsl_has_their_own_passphrase(vault: Vault, vault_dir: Path) -> None:
    deputy = vault.add_user("Mr Bo Deputyperson", "Deputy DSL", "deputy's own passphrase", kdf=FAST_KDF)
    vault.lock()
    assert {u.name for u in list_users(vault_dir)} == {"Ms Ada Testperson", "Mr Bo Deputyperson"}
    as_deputy = Vault.open(vault_dir, "deputy's own passphrase")
    assert as_deputy.user.id == deputy.id
    as_deputy.lock()
    dsl = Vault.open(vault_dir, PASSPHRASE)
    dsl.remove_user(deputy.id)
    dsl.lock()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_dir, "deputy's own passphrase")


def test_one_instance_per_vault(vault: Vault, vault_dir: Path) -> None:
    with pytest.raises(VaultInUse, match="already open"):
        Vault.open(vault_dir, PASSPHRASE)


def test_not_a_vault(tmp_path: Path) -> None:
    with pytest.raises(NotAVault):
        Vault.open(tmp_path, PASSPHRASE)


def test_create_refuses_an_existing_vault(vault: Vault, vault_dir: Path) -> None:
    with pytest.raises(VaultExists):
        Vault.create(vault_dir, "Someone", "DSL", "x", kdf=FAST_KDF)


def test_missing_or_damaged_key_file_says_so(vault: Vault, vault_dir: Path) -> None:
    vault.lock()
    keys_path = vault_dir / KEYS_NAME
    saved = keys_path.read_bytes()
    keys_path.write_text("{ not json")
    with pytest.raises(KeyFileDamaged, match="damaged"):
        Vault.open(vault_dir, PASSPHRASE)
    keys_path.unlink()
    with pytest.raises(KeyFileDamaged, match="missing"):
        Vault.open(vault_dir, PASSPHRASE)
    keys_path.write_bytes(saved)
    Vault.open(vault_dir, PASSPHRASE).lock()


def test_damaged_database_is_told_apart_from_a_wrong_passphrase(store: RecordStore, vault_dir: Path) -> None:
    vault = store.vault
    vault.lock()
    db_path = vault_dir / DB_NAME
    data = bytearray(db_path.read_bytes())
    for offset in range(0, min(len(data), 8192)):  # scribble over the first pages
        data[offset] ^= 0x5A
    db_path.write_bytes(bytes(data))
    with pytest.raises(VaultDamaged, match="damaged"):
        Vault.open(vault_dir, PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_dir, "wrong")


def test_unlock_and_lock_are_audited(vault: Vault, vault_dir: Path) -> None:
    vault.lock()
    reopened = Vault.open(vault_dir, PASSPHRASE)
    actions = [e.action for e in audit.events(reopened.db)]
    assert actions == ["setup", "lock", "unlock"]
    reopened.lock()


# ---- the test fixtures' template vaults (tests/support.py) ---------------------------------------------------


def _state(vault: Vault) -> dict[str, object]:
    """Everything about a just-created vault that does not come from chance or the clock."""
    db = vault.db
    return {
        "files": sorted(p.name for p in vault.directory.iterdir()),
        "modes": sorted(stat.S_IMODE(p.stat().st_mode) for p in [vault.directory, *vault.directory.iterdir()]),
        "schema": [tuple(r) for r in db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")],
        "version": db.scalar("PRAGMA user_version"),
        "meta": sorted(str(r[0]) for r in db.execute("SELECT key FROM meta")),
        "school": vault.school,
        "users": [tuple(r) for r in db.execute("SELECT name, role, active FROM users")],
        "audit": [(e.action, e.user, e.object, e.detail) for e in audit.events(db)],
        "records": db.scalar("SELECT count(*) FROM records"),
        "user": (vault.user.name, vault.user.role),
        "keyfile_users": [(u.name, u.role, u.kdf) for u in vault.keyfile.users],
        "anchor": (vault.keyfile.anchor.audit_seq, vault.keyfile.anchor.records) if vault.keyfile.anchor else None,
        "trail_ok": vault.verify_trail().ok,
        "open": vault.is_open,
    }


def test_a_template_copy_is_what_create_returns(make_vault, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The ``vault`` fixture is a copy of a session template; it must be a vault as ``Vault.create`` leaves it."""
    fresh, _ = Vault.create(tmp_path / "fresh", "Ms Ada Testperson", "DSL", PASSPHRASE, school="X", kdf=FAST_KDF)
    copy, recovery_key = make_vault(tmp_path / "copy", school="X")
    try:
        assert _state(copy) == _state(fresh)
        assert copy.directory == tmp_path / "copy" and copy.db.path == tmp_path / "copy" / DB_NAME
        assert (tmp_path / "copy" / "casebook.id").read_text().strip() == copy.vault_id
        with pytest.raises(VaultInUse):
            Vault.open(tmp_path / "copy", PASSPHRASE)
        # a second vault with the same arguments in one test is created for real: its own id and keys
        other, other_key = make_vault(tmp_path / "other", school="X")
        assert other.vault_id != copy.vault_id and other.data_key != copy.data_key and other_key != recovery_key
        other.lock()
    finally:
        fresh.lock()
        copy.lock()
    reopened = Vault.open_with_recovery_key(tmp_path / "copy", recovery_key, "a new passphrase")
    assert [e.action for e in audit.events(reopened.db)] == ["setup", "lock", "unlock", "keys"]
    reopened.lock()
