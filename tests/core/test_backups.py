"""Automatic rolling backups on lock, verified before old ones go; a damaged vault offers the newest good one."""

from __future__ import annotations

import base64
import os
import stat
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from support import PASSPHRASE, MakeVault

from dslapp.config import Settings
from dslapp.errors import CannotWriteFile, VaultDamaged
from dslapp.models import Category, Concern
from dslapp.services import recording
from dslapp.services.children import add_child
from dslapp.store import RecordStore
from dslapp.vault import backup as backup_module
from dslapp.vault import copies as copies_module
from dslapp.vault.backup import (
    auto_backup,
    backup,
    check_backup,
    enable_auto_backup,
    list_backups,
    newest_good_backup,
    prune_backups,
    restore,
)
from dslapp.vault.vault import DB_NAME, Vault


class Clock:
    """A settable clock for the vault (backup names and rolling use the vault's time)."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clocked(vault_dir: Path, make_vault: MakeVault) -> Iterator[tuple[RecordStore, Clock]]:
    clock = Clock(datetime(2026, 11, 2, 12, 0, tzinfo=UTC))  # a Monday, midday
    vault, _ = make_vault(vault_dir, clock=clock)
    yield RecordStore(vault), clock
    vault.lock()


def _concern(store: RecordStore, child_id: object, text: str) -> Concern:
    concern = recording.record(
        store,
        Concern,
        child_id=child_id,
        observed_at=datetime(2026, 10, 1, 9, 0),
        reporter_name="Mr C. Example",
        categories=[Category.NEGLECT],
        what_happened=text,
    ).value
    return concern


def test_auto_backup_is_verified_private_and_skipped_when_nothing_changed(
    clocked: tuple[RecordStore, Clock], vault_dir: Path
) -> None:
    store, clock = clocked
    child = add_child(store, legal_forename="Amira", legal_surname="Testchild", dob=date(2017, 2, 3)).value
    first = auto_backup(store.vault, Settings())
    assert first is not None and first.path.parent == vault_dir / "backups"
    assert check_backup(first.path, store.vault.data_key, vault_id=store.vault.vault_id)
    if os.name == "posix":
        assert stat.S_IMODE((vault_dir / "backups").stat().st_mode) == 0o700
        assert stat.S_IMODE(first.path.stat().st_mode) == 0o600
    # views and unlocks alone, the same day: no new file
    store.search("Amira")
    clock.now += timedelta(minutes=5)
    assert auto_backup(store.vault, Settings()) is None
    # a change: a new one
    _concern(store, child.id, "Arrived hungry.")
    clock.now += timedelta(minutes=5)
    second = auto_backup(store.vault, Settings())
    assert second is not None and second.records == first.records + 1
    # the first is no longer the newest of its day, so it has rolled off
    assert [b.path for b in list_backups(vault_dir)] == [second.path]
    # views only, but on a new day: one more, so the access log is backed up daily
    clock.now += timedelta(days=1)
    third = auto_backup(store.vault, Settings())
    assert third is not None
    assert [b.path for b in list_backups(vault_dir)] == [third.path, second.path]


def test_rolling_keeps_the_newest_of_the_last_days_and_weeks_and_never_a_manual_one(
    clocked: tuple[RecordStore, Clock], vault_dir: Path, tmp_path: Path
) -> None:
    store, clock = clocked
    child = add_child(store, legal_forename="Amira", legal_surname="Testchild", dob=date(2017, 2, 3)).value
    (vault_dir / "backups").mkdir(exist_ok=True)
    manual = backup(store.vault, vault_dir / "backups" / "before-the-inspection.casebook-backup").path
    settings = Settings(backups_daily=3, backups_weekly=2)
    made: list[Path] = []
    start = clock.now
    for day in range(21):  # three weeks, two backups a day
        for hour in (9, 15):
            clock.now = start.replace(hour=hour) + timedelta(days=day)
            _concern(store, child.id, f"day {day} hour {hour}")
            info = auto_backup(store.vault, settings)
            assert info is not None
            made.append(info.path)
    autos = [b for b in list_backups(vault_dir) if b.automatic]
    kept_times = sorted(b.made_at for b in autos)
    last = start + timedelta(days=20)
    expected = {
        last.replace(hour=15),  # today (and this week)
        (last - timedelta(days=1)).replace(hour=15),
        (last - timedelta(days=2)).replace(hour=15),
        # the newest of the week before: Sunday 15 November 2026
        datetime(2026, 11, 15, 15, 0, tzinfo=UTC),
    }
    assert set(kept_times) == expected
    assert manual.exists(), "a backup made by hand is never pruned"
    assert all(check_backup(b.path, store.vault.data_key) for b in autos)


def test_old_backups_are_pruned_only_after_the_new_one_verifies(
    clocked: tuple[RecordStore, Clock], vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, clock = clocked
    child = add_child(store, legal_forename="Amira", legal_surname="Testchild", dob=date(2017, 2, 3)).value
    settings = Settings(backups_daily=1, backups_weekly=0)
    assert auto_backup(store.vault, settings) is not None
    before = {b.path for b in list_backups(vault_dir)}
    # the new copy reads back wrong: it is dropped and the old one is kept
    monkeypatch.setattr(backup_module, "check_backup", lambda *a, **k: False)
    _concern(store, child.id, "next day")
    clock.now += timedelta(days=1)
    with pytest.raises(CannotWriteFile, match="Older backups are safe"):
        auto_backup(store.vault, settings)
    assert {b.path for b in list_backups(vault_dir)} == before
    monkeypatch.undo()
    # the copy fails its integrity check while being made: likewise nothing is pruned
    monkeypatch.setattr(copies_module, "integrity_problems", lambda db: ["page 7: hmac check failed"])
    with pytest.raises(VaultDamaged, match="integrity"):
        auto_backup(store.vault, settings)
    assert {b.path for b in list_backups(vault_dir)} == before
    monkeypatch.undo()
    after = auto_backup(store.vault, settings)
    assert after is not None and {b.path for b in list_backups(vault_dir)} == {after.path}


def test_prune_ignores_files_it_did_not_make(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a backup")
    (folder / "auto-garbage.casebook-backup").write_bytes(b"not a zip")
    assert prune_backups(folder, 1, 1) == []
    assert sorted(p.name for p in folder.iterdir()) == ["auto-garbage.casebook-backup", "notes.txt"]


def test_lock_takes_the_backup_and_always_locks_even_if_the_backup_fails(vault: Vault, vault_dir: Path) -> None:
    enable_auto_backup(vault, Settings())
    vault.lock()
    assert len(list_backups(vault_dir)) == 1
    again = Vault.open(vault_dir, PASSPHRASE)

    def broken(_: Vault) -> None:
        raise CannotWriteFile("The disk is full, so the backup could not be made. Nothing has been lost.")

    again.on_lock.append(broken)
    with pytest.raises(CannotWriteFile):
        again.lock()
    assert not again.is_open
    Vault.open(vault_dir, PASSPHRASE).lock()  # the instance lock was released


def _damage(db_path: Path) -> None:
    data = bytearray(db_path.read_bytes())
    data[4096:] = bytes(len(data) - 4096)
    db_path.write_bytes(bytes(data))


def test_a_damaged_vault_names_the_newest_good_backup_and_restore_keeps_the_damaged_file(
    clocked: tuple[RecordStore, Clock], vault_dir: Path
) -> None:
    store, clock = clocked
    child = add_child(store, legal_forename="Amira", legal_surname="Testchild", dob=date(2017, 2, 3)).value
    older = auto_backup(store.vault, Settings())
    _concern(store, child.id, "the newest concern")
    clock.now += timedelta(days=1)
    newer = auto_backup(store.vault, Settings())
    assert older is not None and newer is not None
    clock.now += timedelta(days=1)
    _concern(store, child.id, "newest of all")
    newest = auto_backup(store.vault, Settings())
    assert newest is not None
    store.vault.lock()
    # the newest backup is itself damaged (a flipped byte inside the database copy): it is passed over
    raw = bytearray(newest.path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    newest.path.write_bytes(bytes(raw))
    _damage(vault_dir / DB_NAME)
    with pytest.raises(VaultDamaged, match="damaged") as caught:
        Vault.open(vault_dir, PASSPHRASE)
    assert caught.value.newest_backup == newer.path
    assert newer.path.name in str(caught.value) and "\n" not in str(caught.value)
    assert newest_good_backup(vault_dir) == newer.path  # without the key: checksums only
    moved = restore(vault_dir, newer.path, PASSPHRASE)
    assert moved is not None and moved.exists() and moved.read_bytes()[4096:8192] == bytes(4096)
    with Vault.open(vault_dir, PASSPHRASE) as reopened:
        texts = [c.what_happened for c in RecordStore(reopened).all_of(Concern)]
    assert texts == ["the newest concern"]


def test_a_missing_database_file_offers_the_backup(vault: Vault, vault_dir: Path) -> None:
    made = auto_backup(vault, Settings())
    assert made is not None
    vault.lock()
    (vault_dir / DB_NAME).unlink()
    with pytest.raises(VaultDamaged, match="missing") as caught:
        Vault.open(vault_dir, PASSPHRASE)
    assert caught.value.newest_backup == made.path


def test_a_damaged_vault_without_backups_says_so_plainly(store: RecordStore, vault_dir: Path) -> None:
    store.vault.lock()
    _damage(vault_dir / DB_NAME)
    with pytest.raises(VaultDamaged) as caught:
        Vault.open(vault_dir, PASSPHRASE)
    assert caught.value.newest_backup is None


def test_backups_hold_no_case_text_in_clear(clocked: tuple[RecordStore, Clock], vault_dir: Path) -> None:
    store, _clock = clocked
    marker = "CANARYbackup7f3a9c"
    child = add_child(store, legal_forename=marker, legal_surname="Testchild", dob=date(2017, 2, 3)).value
    _concern(store, child.id, f"{marker} said something")
    info = auto_backup(store.vault, Settings())
    assert info is not None
    data = info.path.read_bytes()
    forms = [
        marker.encode(),
        marker.encode("utf-16-le"),
        marker.encode("utf-16-be"),
        base64.b64encode(marker.encode())[:12],
    ]
    assert not any(form in data for form in forms)
    with zipfile.ZipFile(info.path) as archive:
        assert sorted(archive.namelist()) == ["casebook.db", "vault.keys"]
