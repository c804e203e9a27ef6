"""Migrations: pinned latest version and schema, refusal of newer vaults, copy before migrating."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from support import PASSPHRASE

from dslapp.errors import VaultTooNew
from dslapp.paths import source_schema_dir
from dslapp.vault import migrate as migrate_module
from dslapp.vault.migrate import Migration, latest_version, migrations, schema_sql
from dslapp.vault.sqlcipher import open_database
from dslapp.vault.vault import DB_NAME, Vault

PINNED_VERSION = 10
PINNED_SCHEMA = source_schema_dir() / "schema.sql"


def test_latest_version_is_pinned() -> None:
    assert latest_version() == PINNED_VERSION, "a new migration needs this pin and data_schema/schema.sql updated"
    assert [m.version for m in migrations()] == list(range(1, PINNED_VERSION + 1))


def test_migrations_from_empty_equal_the_pinned_schema(vault: Vault) -> None:
    assert vault.db.scalar("PRAGMA user_version") == PINNED_VERSION
    assert schema_sql(vault.db) == PINNED_SCHEMA.read_text("utf-8"), (
        "schema drifted: regenerate data_schema/schema.sql with `python -m dslapp.devtools schema`"
    )


def test_a_newer_vault_is_refused_untouched(vault: Vault, vault_dir: Path) -> None:
    key = vault.data_key
    vault.lock()
    db = open_database(vault_dir / DB_NAME, key)
    db.execute("PRAGMA user_version = 99")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = hashlib.sha256((vault_dir / DB_NAME).read_bytes()).hexdigest()
    with pytest.raises(VaultTooNew, match="newer version"):
        Vault.open(vault_dir, PASSPHRASE)
    assert hashlib.sha256((vault_dir / DB_NAME).read_bytes()).hexdigest() == before
    assert not (vault_dir / "backups").exists()


def test_a_vault_is_copied_before_migrating_and_each_step_is_atomic(
    vault: Vault, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault.lock()
    real = migrations()
    after = PINNED_VERSION + 1
    broken = Migration(after, f"{after:04d}_broken.sql", "CREATE TABLE half_done (x);\nTHIS IS NOT SQL;")
    monkeypatch.setattr(migrate_module, "migrations", lambda: [*real, broken])
    with pytest.raises(Exception, match="syntax error"):
        Vault.open(vault_dir, PASSPHRASE)
    copies = list((vault_dir / "backups").glob(f"before-migration-v{PINNED_VERSION}-*.db"))
    assert len(copies) == 1
    good = Migration(after, f"{after:04d}_add_table.sql", "CREATE TABLE later_feature (x TEXT);")
    monkeypatch.setattr(migrate_module, "migrations", lambda: [*real, good])
    reopened = Vault.open(vault_dir, PASSPHRASE)
    try:
        assert reopened.db.scalar("PRAGMA user_version") == after
        assert reopened.db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'") == 0
        assert reopened.db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'later_feature'") == 1
    finally:
        reopened.lock()
    # the copy taken first opens with the same key and is still at the version before
    copy = open_database(copies[0], _key_of(vault_dir))
    try:
        assert copy.scalar("PRAGMA user_version") == PINNED_VERSION
    finally:
        copy.close()


def _key_of(vault_dir: Path) -> bytes:
    from dslapp.vault import keys

    data_key, _user = keys.unwrap_with_passphrase(keys.load_keyfile(vault_dir / "vault.keys"), PASSPHRASE)
    return data_key


def test_kept_findings_are_carried_into_the_ordinary_table_of_version_10(tmp_path: Path) -> None:
    """Migration 10 moves kept findings (derived state, but costly to work out again) out of the WITHOUT ROWID
    table unchanged: every kept row is there after it, found by its key."""
    db = open_database(tmp_path / "casebook.db", bytes(range(32)), create=True)
    try:
        for migration in migrations()[:9]:
            db.executescript(f"BEGIN;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;")
        kept = [
            ("child-a", "today", "f1", "2026-12-01", "2026-12-02", '{"items":[1]}'),
            ("child-a", "chronology", "f2", "0001-01-01", "9999-12-31", '{"rows":[]}'),
            ("*", "roster", "f3", "2026-12-01", "9999-12-31", '["child-a"]'),
        ]
        db.executemany("INSERT INTO kept_findings VALUES (?,?,?,?,?,?)", kept)
        assert "WITHOUT ROWID" in db.scalar("SELECT sql FROM sqlite_master WHERE name = 'kept_findings'")
        tenth = migrations()[9]
        db.executescript(f"BEGIN;\n{tenth.sql}\nPRAGMA user_version = {tenth.version};\nCOMMIT;")
        assert "WITHOUT ROWID" not in db.scalar("SELECT sql FROM sqlite_master WHERE name = 'kept_findings'")
        after = db.execute("SELECT child_id, what, fingerprint, on_day, until_day, body FROM kept_findings").fetchall()
        assert sorted(tuple(row) for row in after) == sorted(kept)
        found = db.execute("SELECT body FROM kept_findings WHERE what = 'today' AND child_id = 'child-a'").fetchone()
        assert found[0] == '{"items":[1]}'
        assert db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'kept_findings_new'") == 0
        assert db.scalar("PRAGMA legacy_alter_table") == 0
    finally:
        db.close()
