"""A full disk during a save gives a clear error and loses nothing already saved.

Two ways to fill the disk: a real 2 MB tmpfs (needs root and permission to mount; skipped otherwise), and
injected failures that need no mounting (the database reporting SQLITE_FULL at commit or mid-statement,
and ENOSPC while an export, a backup or a transfer pack is being written).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from support import FAST_KDF, PASSPHRASE

from dslapp.config import Settings
from dslapp.errors import CannotWriteFile, DiskFull
from dslapp.models import Category, Child, ChildStatus, Concern
from dslapp.services import recording
from dslapp.services.bundle import export_bundle
from dslapp.services.children import add_child
from dslapp.services.transfer import export_transfer
from dslapp.store import RecordStore
from dslapp.vault import audit
from dslapp.vault import sqlcipher as sqlcipher_module
from dslapp.vault.backup import auto_backup, backup, list_backups
from dslapp.vault.sqlcipher import integrity_ok
from dslapp.vault.vault import Vault


def _save(store: RecordStore, child: Child, text: str) -> Concern:
    concern = recording.record(
        store,
        Concern,
        child_id=child.id,
        observed_at=datetime(2026, 1, 5, 9, 30),
        reporter_name="Mr C. Example",
        categories=[Category.NEGLECT],
        what_happened=text,
    ).value
    return concern


def _check_all_there(vault_dir: Path, saved: list[str]) -> None:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        present = {str(r[0]) for r in vault.db.execute("SELECT id FROM records WHERE kind = 'concern'")}
        assert set(saved) <= present
        assert integrity_ok(vault.db) and audit.verify(vault.db).ok


# ---- a real full disk ------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root on Linux")
    mountpoint = tmp_path / "small-disk"
    mountpoint.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", str(mountpoint)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("not permitted to mount a tmpfs here")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], capture_output=True)


def test_a_really_full_disk_gives_disk_full_and_loses_nothing(small_disk: Path) -> None:
    vault_dir = small_disk / "vault"
    vault, _ = Vault.create(vault_dir, "Ms Ada Testperson", "DSL", PASSPHRASE, kdf=FAST_KDF)
    store = RecordStore(vault)
    child = add_child(store, legal_forename="Amira", legal_surname="Testchild", dob=date(2017, 2, 3)).value
    assert auto_backup(vault, Settings()) is not None
    backups_before = {b.path for b in list_backups(vault_dir)}
    ballast = small_disk / "ballast"  # the rest of the laptop's files: deleted later to make room
    ballast.write_bytes(b"\0" * 1024 * 1024)
    saved: list[str] = []
    with pytest.raises(DiskFull, match="disk is full") as caught:
        for n in range(2000):
            saved.append(str(_save(store, child, f"save {n} " + os.urandom(4000).hex()).id))
    assert "\n" not in str(caught.value) and len(saved) > 3
    assert store.count("concern") == len(saved)  # the failed save left nothing half-written
    # a backup on a full disk fails plainly, keeps the old backups and leaves no partial file
    with pytest.raises(CannotWriteFile, match="disk is full"):
        backup(vault, vault_dir / "backups" / "by-hand.casebook-backup")
    assert {b.path for b in list_backups(vault_dir)} == backups_before
    assert not [p for p in (vault_dir / "backups").iterdir() if p.name.startswith(".")]
    # once there is room again, saving works in the same session
    ballast.unlink()
    saved.append(str(_save(store, child, "after freeing space").id))
    vault.lock()
    _check_all_there(vault_dir, saved)


# ---- injected failures -------------------------------------------------------------------------------


class _FullAt:
    """Stands in for the driver connection and fails like SQLite does when the disk fills."""

    def __init__(self, raw: Any, when: str) -> None:
        self._raw = raw
        self._when = when

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.lstrip().upper().startswith(self._when):
            raise sqlcipher_module.DatabaseError("database or disk is full")
        return self._raw.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


@pytest.mark.parametrize("when", ["COMMIT", "INSERT INTO SEARCH", "INSERT INTO AUDIT"])
def test_an_injected_full_disk_during_a_save_loses_nothing(store: RecordStore, vault_dir: Path, when: str) -> None:
    child = add_child(store, legal_forename="Amira", legal_surname="Testchild", dob=date(2017, 2, 3)).value
    saved = [str(_save(store, child, f"before {n}").id) for n in range(3)]
    records_before = store.count()
    audit_before = len(audit.events(store.db))
    real = store.db._raw
    store.db._raw = _FullAt(real, when)
    try:
        with pytest.raises(DiskFull, match="Nothing already saved has been lost"):
            _save(store, child, "this one cannot be saved")
    finally:
        store.db._raw = real
    assert not store.db.in_transaction
    assert store.count() == records_before and len(audit.events(store.db)) == audit_before
    saved.append(str(_save(store, child, "after the disk was cleared").id))
    store.vault.lock()
    _check_all_there(vault_dir, saved)


def test_exports_backups_and_transfer_packs_on_a_full_disk_fail_plainly_and_leave_nothing(
    store: RecordStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    child = add_child(store, legal_forename="Amira", legal_surname="Testchild", dob=date(2017, 2, 3)).value
    _save(store, child, "a concern")
    out = tmp_path / "out"
    out.mkdir()
    records_before = store.count()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(CannotWriteFile, match="disk is full"):
        export_bundle(store, str(child.id), out / "bundle.json")
    with pytest.raises(CannotWriteFile, match="disk is full"):
        backup(store.vault, out / "copy.casebook-backup")
    with pytest.raises(CannotWriteFile, match="disk is full"):
        export_transfer(store, child.id, out, "Fictional High", from_school="Fictional Primary", kdf=FAST_KDF)
    monkeypatch.undo()
    assert list(out.iterdir()) == []
    assert store.count() == records_before
    assert store.get_as(Child, child.id).status != ChildStatus.TRANSFERRED
    assert audit.verify(store.db).ok
