"""Nothing lost: damaged, emptied and swapped files never become an empty casebook, restores survive a kill,
and the backups that hold the data are never rotated away (issue 12, data loss and integrity)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from support import FAST_KDF, PASSPHRASE, MakeVault, run_cli

from dslapp.config import Settings
from dslapp.errors import BadBackupFile, InvalidRecord, KeyFileDamaged, VaultDamaged, WrongKeyFile, WrongRecoveryKey
from dslapp.models import Category, Concern
from dslapp.services import recording
from dslapp.services.children import add_child, list_children
from dslapp.store import RecordStore
from dslapp.vault import audit, keys
from dslapp.vault.backup import auto_backup, backup, confirm_smaller_casebook, list_backups, restore
from dslapp.vault.sqlcipher import open_database
from dslapp.vault.vault import DB_NAME, KEYS_NAME, Vault

ROOT = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 2, 12, 0, tzinfo=UTC))


@pytest.fixture
def casebook(vault_dir: Path, clock: Clock, make_vault: MakeVault) -> Iterator[RecordStore]:
    vault, _ = make_vault(vault_dir, clock=clock)
    store = RecordStore(vault)
    yield store
    if vault.is_open:
        vault.lock()


def _child(store: RecordStore, surname: str = "Testchild") -> str:
    child = add_child(store, legal_forename="Amira", legal_surname=surname, dob=date(2017, 2, 3)).value
    return str(child.id)


def _concern(store: RecordStore, child_id: str, text: str) -> Concern:
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


def _reopen(vault_dir: Path, clock: Clock | None = None) -> Vault:
    return Vault.open(vault_dir, PASSPHRASE, clock=clock)


# ---- 1. an empty or short database is damaged, never a new casebook ----------------------------------


@pytest.mark.parametrize("size", [0, 1, 100])
def test_a_truncated_database_is_damaged_not_empty_and_nothing_is_written(
    casebook: RecordStore, vault_dir: Path, size: int
) -> None:
    child_id = _child(casebook)
    _concern(casebook, child_id, "seen hungry at breakfast club")
    good = auto_backup(casebook.vault, Settings())
    assert good is not None
    casebook.vault.lock()
    db = vault_dir / DB_NAME
    db.write_bytes(db.read_bytes()[:size])
    for side in ("-wal", "-shm"):
        Path(f"{db}{side}").unlink(missing_ok=True)
    before = sorted((p.name, p.stat().st_size) for p in vault_dir.rglob("*") if p.is_file() and p.suffix != ".lock")
    with pytest.raises(VaultDamaged) as raised:
        _reopen(vault_dir)
    assert raised.value.newest_backup == good.path
    assert good.path.name in str(raised.value)
    after = sorted((p.name, p.stat().st_size) for p in vault_dir.rglob("*") if p.is_file() and p.suffix != ".lock")
    assert after == before, "opening a damaged casebook must not write anything"
    # restoring the named backup brings every record back
    restore(vault_dir, good.path, PASSPHRASE)
    with _reopen(vault_dir) as vault:
        assert [c.legal_surname for c in list_children(RecordStore(vault))] == ["Testchild"]


def test_a_schema_less_database_is_damaged_not_migrated(casebook: RecordStore, vault_dir: Path) -> None:
    """A file that opens with the key but holds no casebook (user_version 0) is never turned into a new one."""
    casebook.vault.lock()
    db = vault_dir / DB_NAME
    db.unlink()
    for side in ("-wal", "-shm"):
        Path(f"{db}{side}").unlink(missing_ok=True)
    with pytest.raises(VaultDamaged, match="missing"):
        _reopen(vault_dir)
    # a keyed database with the casebook's own key, but no casebook in it
    empty = open_database(db, _data_key(vault_dir), create=True)
    empty.execute("CREATE TABLE scratch (x)")
    empty.close()
    size = db.stat().st_size
    with pytest.raises(VaultDamaged, match="holds no casebook"):
        _reopen(vault_dir)
    assert db.stat().st_size == size


def _data_key(vault_dir: Path) -> bytes:
    data_key, _ = keys.unwrap_with_passphrase(keys.load_keyfile(vault_dir / KEYS_NAME), PASSPHRASE)
    return data_key


def test_cli_on_an_emptied_database_says_damaged_and_names_the_backup(
    casebook: RecordStore, vault_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _child(casebook)
    good = auto_backup(casebook.vault, Settings())
    assert good is not None
    casebook.vault.lock()
    (vault_dir / DB_NAME).write_bytes(b"")
    monkeypatch.setenv("DSLAPP_PASSPHRASE", PASSPHRASE)
    code, out, err = run_cli(capsys, "children", "--vault", str(vault_dir))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "empty or cut short" in err and good.path.name in err
    assert list_backups(vault_dir)[0].path == good.path and len(list_backups(vault_dir)) == 1


# ---- backup generations: a casebook that suddenly shrinks never rotates its good backups away ------------


def test_backups_of_a_much_larger_casebook_are_held_until_the_dsl_confirms(
    casebook: RecordStore, vault_dir: Path, clock: Clock
) -> None:
    settings = Settings(backups_daily=2, backups_weekly=0)
    child_id = _child(casebook)
    small = auto_backup(casebook.vault, settings)
    assert small is not None
    clock.now += timedelta(days=1)
    for n in range(30):
        _concern(casebook, child_id, f"concern {n}")
    large = auto_backup(casebook.vault, settings)
    assert large is not None and large.records > 30
    casebook.vault.lock()
    # the casebook goes back to the small copy (a mistaken restore stands in for any sudden loss)
    restore(vault_dir, small.path, PASSPHRASE)
    for day in range(2, 12):
        clock.now = datetime(2026, 11, 2, 12, 0, tzinfo=UTC) + timedelta(days=day)
        with _reopen(vault_dir, clock) as vault:
            _concern(RecordStore(vault), child_id, f"day {day}")
            made = auto_backup(vault, settings)
            assert made is not None and large.path in made.held
    assert large.path.exists(), "the backup holding the larger casebook was rotated away"
    # once the DSL says the smaller casebook is expected, it rotates out as usual
    with _reopen(vault_dir, clock) as vault:
        confirm_smaller_casebook(vault)
        _concern(RecordStore(vault), child_id, "after confirming")
        clock.now += timedelta(days=1)
        made = auto_backup(vault, settings)
        assert made is not None and made.held == ()
    assert not large.path.exists()
    assert len([b for b in list_backups(vault_dir) if b.automatic]) == 2


def test_rotation_keeps_daily_and_weekly_generations(casebook: RecordStore, vault_dir: Path, clock: Clock) -> None:
    settings = Settings(backups_daily=7, backups_weekly=4)
    child_id = _child(casebook)
    for day in range(60):
        clock.now = datetime(2026, 9, 1, 12, 0, tzinfo=UTC) + timedelta(days=day)
        _concern(casebook, child_id, f"day {day}")
        auto_backup(casebook.vault, settings)
    autos = [b for b in list_backups(vault_dir) if b.automatic]
    days = {b.made_at.date() for b in autos}
    newest = max(days)
    assert {newest - timedelta(days=n) for n in range(7)} <= days
    weeks = {b.made_at.isocalendar()[:2] for b in autos}
    assert len(weeks) >= 4 and len(autos) <= 7 + 4


# ---- 2. a restore killed between its steps is finished on the next open -------------------------------

_KILL_AT_SWAP = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    real_replace = os.replace

    def replace(src, dst, *a, **k):
        if Path(dst).name == "casebook.db" and Path(src).name.startswith(".restore-"):
            os.kill(os.getpid(), signal.SIGKILL)  # power cut between taking the old copy aside and the swap
        return real_replace(src, dst, *a, **k)

    os.replace = replace
    from dslapp.cli import main
    sys.exit(main(["restore", "--vault", sys.argv[1], sys.argv[2]]))
    """
)


def test_a_restore_killed_mid_swap_is_finished_on_the_next_open(casebook: RecordStore, vault_dir: Path) -> None:
    child_id = _child(casebook, "Beforebackup")
    made = backup(casebook.vault, vault_dir.parent / "by-hand.casebook-backup")
    _concern(casebook, child_id, "after the backup")
    casebook.vault.lock()
    env = {**os.environ, "DSLAPP_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", _KILL_AT_SWAP, str(vault_dir), str(made.path)], env=env, capture_output=True
    )
    assert proc.returncode == -signal.SIGKILL
    assert (vault_dir / DB_NAME).exists(), "a killed restore must never leave the folder without a casebook"
    with _reopen(vault_dir) as vault:
        store = RecordStore(vault)
        assert [c.legal_surname for c in list_children(store)] == ["Beforebackup"]
        assert store.count("concern") == 0  # the backup's state, as the DSL asked
        assert any(e.action == "restore" for e in audit.events(vault.db))
        assert vault.verify_trail().ok
    kept = sorted(vault_dir.glob(f"{DB_NAME}.replaced-*"))
    assert [p.name for p in kept if not p.name.endswith(("-wal", "-shm"))], "the replaced database is kept aside"
    assert not (vault_dir / "restore.pending").exists()
    assert not list(vault_dir.glob(".restore-*"))


def test_damage_message_names_the_newest_copy_that_holds_the_data(
    casebook: RecordStore, vault_dir: Path, clock: Clock
) -> None:
    child_id = _child(casebook)
    older = auto_backup(casebook.vault, Settings())
    assert older is not None
    _concern(casebook, child_id, "newer than the automatic backup")
    casebook.vault.lock()
    # a restore of the automatic backup keeps the newer database aside
    aside = restore(vault_dir, older.path, PASSPHRASE)
    assert aside is not None
    os.utime(aside, (older.path.stat().st_mtime + 60,) * 2)
    (vault_dir / DB_NAME).write_bytes(b"\0")
    with pytest.raises(VaultDamaged) as raised:
        _reopen(vault_dir)
    assert raised.value.newest_backup == aside
    # and that copy can be restored by name
    restore(vault_dir, aside, PASSPHRASE)
    with _reopen(vault_dir) as vault:
        assert RecordStore(vault).count("concern") == 1


# ---- 3. a damaged page is found by the page check and stops a backup with one line --------------------


def _damage_middle_page(db: Path) -> None:
    data = bytearray(db.read_bytes())
    page = (len(data) // 4096) // 2
    start = page * 4096 + 100
    data[start : start + 64] = bytes(64)
    db.write_bytes(bytes(data))


def test_a_damaged_page_is_found_and_no_backup_of_it_is_made(
    casebook: RecordStore, vault_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    child_id = _child(casebook)
    for n in range(200):
        _concern(casebook, child_id, f"concern number {n} " + "with some words " * 20)
    casebook.vault.lock()
    _damage_middle_page(vault_dir / DB_NAME)
    with _reopen(vault_dir) as vault:
        assert vault.check_pages(), "the full page check must report the damaged page"
        with pytest.raises(VaultDamaged, match="no backup was made"):
            backup(vault, vault_dir.parent / "copy.casebook-backup")
    assert not (vault_dir.parent / "copy.casebook-backup").exists()
    monkeypatch.setenv("DSLAPP_PASSPHRASE", PASSPHRASE)
    code, _, err = run_cli(capsys, "backup", "--vault", str(vault_dir), "--out", str(vault_dir.parent / "x.zip"))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "damaged" in err


def test_sqlcipher_log_never_reaches_stderr(casebook: RecordStore, vault_dir: Path) -> None:
    child_id = _child(casebook)
    for n in range(200):
        _concern(casebook, child_id, f"concern number {n} " + "with some words " * 20)
    casebook.vault.lock()
    _damage_middle_page(vault_dir / DB_NAME)
    env = {**os.environ, "DSLAPP_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(ROOT)}
    for argv in (["audit", "verify"], ["backup", "--out", str(vault_dir.parent / "y.zip")]):
        proc = subprocess.run(
            [sys.executable, "-m", "dslapp", *argv, "--vault", str(vault_dir)], env=env, capture_output=True, text=True
        )
        assert proc.returncode == 1, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
        assert "ERROR CORE" not in proc.stderr and "hmac" not in proc.stderr.lower()


# ---- 4. partial files from interrupted backups and restores are removed on the next open --------------


def test_leftover_partial_files_are_removed_on_open(casebook: RecordStore, vault_dir: Path) -> None:
    auto_backup(casebook.vault, Settings())
    casebook.vault.lock()
    backups = vault_dir / "backups"
    leftovers = [
        backups / ".auto-20261102T120000000000Z-0a0b0c0d.casebook-backup.partial",
        backups / ".auto-20261102T120000000000Z-0a0b0c0d.casebook-backup.db-partial",
        backups / ".verify-0123456789ab.db",
        vault_dir / ".restore-20261102T120000Z.db",
        vault_dir / ".restore-20261102T120000Z.db-wal",
        vault_dir / ".vault.keys.tmp",
    ]
    for path in leftovers:
        path.write_bytes(b"partial")
    keep = [backups / "notes.txt", vault_dir / "mine.casebook-backup"]
    for path in keep:
        path.write_bytes(b"the DSL's own file")
    _reopen(vault_dir).lock()
    assert [p for p in leftovers if p.exists()] == []
    assert all(p.exists() for p in keep)


# ---- 5. hostile backups are refused in bounded memory --------------------------------------------------

_PEAK = textwrap.dedent(
    """
    import resource, sys
    from dslapp.cli import main
    try:
        code = main(["restore", "--vault", sys.argv[1], sys.argv[2]])
    except SystemExit as exc:
        code = exc.code
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"PEAK {peak_kib}", flush=True)
    sys.exit(code)
    """
)


def _bomb(path: Path, keyfile: bytes, *, declared_small: bool) -> None:
    """A zip whose database member inflates to 200 MB of zeros (about 200 KB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(KEYS_NAME, keyfile)
        with archive.open(DB_NAME, "w", force_zip64=True) as member:
            block = bytes(1 << 20)
            for _ in range(200):
                member.write(block)
    if declared_small:  # lie in the central directory: claim 4 KiB, so only the actual-size cap can stop it
        data = bytearray(path.read_bytes())
        marker = data.rfind(b"PK\x01\x02")
        while marker != -1:
            name_len = int.from_bytes(data[marker + 28 : marker + 30], "little")
            name = bytes(data[marker + 46 : marker + 46 + name_len])
            if name == DB_NAME.encode():
                data[marker + 24 : marker + 28] = (4096).to_bytes(4, "little")
            marker = data.rfind(b"PK\x01\x02", 0, marker)
        path.write_bytes(bytes(data))


@pytest.mark.parametrize("declared_small", [False, True], ids=["declared-huge", "declared-small"])
def test_a_backup_bomb_is_refused_in_bounded_memory(
    casebook: RecordStore, vault_dir: Path, tmp_path: Path, declared_small: bool
) -> None:
    casebook.vault.lock()
    bomb = tmp_path / "bomb.casebook-backup"
    _bomb(bomb, (vault_dir / KEYS_NAME).read_bytes(), declared_small=declared_small)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    db_before = (vault_dir / DB_NAME).read_bytes()
    env = {**os.environ, "DSLAPP_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", _PEAK, str(vault_dir), str(bomb)], env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1
    peak_mib = int(proc.stdout.split("PEAK")[1]) / 1024
    assert peak_mib < 300, f"peak memory {peak_mib:.0f} MiB"
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "backup" in proc.stderr and "damaged" in proc.stderr
    assert (vault_dir / DB_NAME).read_bytes() == db_before


# ---- 7. each bad file gets its own clear line ------------------------------------------------------------


def test_bad_backup_files_are_named_as_the_problem(
    casebook: RecordStore, vault_dir: Path, tmp_path: Path, make_vault: MakeVault
) -> None:
    casebook.vault.lock()
    text = tmp_path / "notes.casebook-backup"
    text.write_text("not a backup")
    empty_zip = tmp_path / "empty.casebook-backup"
    with zipfile.ZipFile(empty_zip, "w"):
        pass
    for bad in (text, empty_zip, tmp_path / "missing.casebook-backup", tmp_path):
        with pytest.raises(BadBackupFile) as raised:
            restore(vault_dir, bad, PASSPHRASE)
        assert "casebook is damaged" not in str(raised.value)
    other_dir = tmp_path / "other"
    other, _ = make_vault(other_dir, "Mr Bo Otherperson")
    foreign = backup(other, tmp_path / "other.casebook-backup")
    other.lock()
    with pytest.raises(BadBackupFile, match="different casebook"):
        restore(vault_dir, foreign.path, PASSPHRASE)


def test_a_key_file_from_another_casebook_is_named(
    casebook: RecordStore, vault_dir: Path, tmp_path: Path, make_vault: MakeVault
) -> None:
    casebook.vault.lock()
    other, _ = make_vault(tmp_path / "other", "Mr Bo Otherperson")
    other.lock()
    (vault_dir / KEYS_NAME).write_bytes((tmp_path / "other" / KEYS_NAME).read_bytes())
    for passphrase in (PASSPHRASE, "a different passphrase"):
        with pytest.raises(WrongKeyFile, match="different casebook"):
            Vault.open(vault_dir, passphrase)


def test_absurd_key_derivation_settings_are_refused_before_use(casebook: RecordStore, vault_dir: Path) -> None:
    casebook.vault.lock()
    path = vault_dir / KEYS_NAME
    for field, value in (("memory_cost", 2**31), ("time_cost", 10**9), ("parallelism", 10**6)):
        data = json.loads(path.read_text())
        original = json.loads(path.read_text())
        data["users"][0]["kdf"][field] = value
        path.write_text(json.dumps(data))
        with pytest.raises(KeyFileDamaged, match="passphrase-checking settings"):
            Vault.open(vault_dir, PASSPHRASE)
        path.write_text(json.dumps(original))
    Vault.open(vault_dir, PASSPHRASE).lock()


@pytest.mark.parametrize("typed", ["ÄBCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789", "ABCD\u0660EFGH", "١٢٣٤"])
def test_a_recovery_key_with_other_characters_gets_its_own_line(
    vault_and_recovery_key: tuple[Vault, str], vault_dir: Path, typed: str
) -> None:
    vault, _ = vault_and_recovery_key
    vault.lock()
    with pytest.raises(WrongRecoveryKey, match="capital letters A to Z"):
        Vault.open_with_recovery_key(vault_dir, typed, "a new passphrase for the test")


def test_a_recovery_key_still_opens_in_any_case_and_spacing(
    vault_and_recovery_key: tuple[Vault, str], vault_dir: Path
) -> None:
    vault, recovery_key = vault_and_recovery_key
    vault.lock()
    typed = " ".join(recovery_key.replace("-", " ").lower().split())
    Vault.open_with_recovery_key(vault_dir, typed, "a new passphrase for the test").lock()


# ---- 10. names in vault.keys cannot change whom the audit trail credits ---------------------------------


def test_an_edited_name_in_the_key_file_is_not_credited(casebook: RecordStore, vault_dir: Path) -> None:
    _child(casebook)
    casebook.vault.lock()
    path = vault_dir / KEYS_NAME
    data = json.loads(path.read_text())
    data["users"][0]["name"] = "Mr Someone Else"
    data["users"][0]["role"] = "Deputy DSL"
    path.write_text(json.dumps(data))
    with _reopen(vault_dir) as vault:
        assert vault.user.name == "Ms Ada Testperson" and vault.user.role == "DSL"
        RecordStore(vault).search("Amira")
        rows = audit.events(vault.db)
        assert all("Someone Else" not in e.user for e in rows)
        assert any(e.action == "integrity" and "vault.keys" in e.detail for e in rows)
        report = vault.verify_trail()
        assert not report.ok and "vault.keys" in report.problem
    # the key file shows the casebook's own names again
    assert json.loads(path.read_text())["users"][0]["name"] == "Ms Ada Testperson"


# ---- 11. the audit chain sees its tail removed and records edited behind the app's back ----------------


def _raw(vault_dir: Path, *statements: str) -> None:
    """Change the database directly with its key, as someone bypassing the app would."""
    db = open_database(vault_dir / DB_NAME, _data_key(vault_dir))
    try:
        for sql in statements:
            db.execute(sql)
    finally:
        db.close()


def test_removing_the_newest_audit_rows_is_found(casebook: RecordStore, vault_dir: Path) -> None:
    child_id = _child(casebook)
    _concern(casebook, child_id, "one")
    _concern(casebook, child_id, "two")
    casebook.vault.lock()
    newest = _audit_count(vault_dir)
    _raw(
        vault_dir,
        "DROP TRIGGER audit_never_deleted",
        f"DELETE FROM audit WHERE seq > {newest - 3}",
        f"UPDATE sqlite_sequence SET seq = {newest - 3} WHERE name = 'audit'",
        "CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'x'); END",
    )
    with _reopen(vault_dir) as vault:
        report = vault.verify_trail()
    assert not report.ok
    assert any("removed" in p for p in report.problems)


def test_an_older_copy_of_the_database_put_back_is_found(casebook: RecordStore, vault_dir: Path) -> None:
    child_id = _child(casebook)
    casebook.vault.lock()
    older = (vault_dir / DB_NAME).read_bytes()
    with _reopen(vault_dir) as vault:
        _concern(RecordStore(vault), child_id, "recorded after the copy")
    (vault_dir / DB_NAME).write_bytes(older)
    with _reopen(vault_dir) as vault:
        report = vault.verify_trail()
    assert not report.ok and any("older copy" in p for p in report.problems)


def _audit_count(vault_dir: Path) -> int:
    with _reopen(vault_dir) as vault:
        count = len(audit.events(vault.db))
    return count + 1  # the lock row


@pytest.mark.parametrize("tamper", ["edit", "insert", "delete", "amendment"])
def test_records_changed_behind_the_apps_back_are_found(
    casebook: RecordStore,
    vault_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tamper: str,
) -> None:
    child_id = _child(casebook)
    concern = _concern(casebook, child_id, "seen hungry")
    casebook.amend(concern.id, {"what_happened": "seen hungry at breakfast club"}, "fuller wording")
    casebook.vault.lock()
    cid = str(concern.id)
    statements = {
        "edit": [
            "DROP TRIGGER records_change_only_by_amendment",
            f"UPDATE records SET body = json_set(body, '$.what_happened', 'nothing seen') WHERE id = '{cid}'",
        ],
        "insert": [
            "INSERT INTO records (id, kind, child_id, created_at, created_by, version, body) VALUES "
            f"('00000000-0000-4000-8000-000000000001', 'concern', '{child_id}', '2026-11-01', 'x', 1, '{{}}')"
        ],
        "delete": [
            "DROP TRIGGER records_deleted_only_by_disposal",
            "DROP TRIGGER amendments_deleted_only_by_disposal",
            f"DELETE FROM amendments WHERE record_id = '{cid}'",
            f"DELETE FROM records WHERE id = '{cid}'",
        ],
        "amendment": [
            "DROP TRIGGER amendments_never_changed",
            f"UPDATE amendments SET previous_body = json_set(previous_body, '$.what_happened', 'x') "
            f"WHERE record_id = '{cid}'",
        ],
    }[tamper]
    _raw(vault_dir, *statements)
    monkeypatch.setenv("DSLAPP_PASSPHRASE", PASSPHRASE)
    code, out, err = run_cli(capsys, "audit", "verify", "--vault", str(vault_dir))
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "outside the app" in out + err


def test_a_clean_casebook_verifies_with_every_record_sealed(
    casebook: RecordStore, vault_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    child_id = _child(casebook)
    concern = _concern(casebook, child_id, "seen hungry")
    casebook.amend(concern.id, {"what_happened": "seen hungry at breakfast club"}, "fuller wording")
    casebook.vault.lock()
    monkeypatch.setenv("DSLAPP_PASSPHRASE", PASSPHRASE)
    code, out, _ = run_cli(capsys, "audit", "verify", "--vault", str(vault_dir))
    assert code == 0, out
    assert "2 records match their seals" in out


@pytest.mark.parametrize("name", ["\u200b\u200b", "Ms Ada\x00Testperson", "\u202e\u2066"])
def test_the_vault_itself_refuses_names_that_show_nothing(vault: Vault, tmp_path: Path, name: str) -> None:
    """Issue 12 (8): every way in (init, the wizard, adding a deputy) meets the same rule in the vault itself."""
    with pytest.raises(InvalidRecord):
        Vault.create(tmp_path / "new", name, "DSL", PASSPHRASE, kdf=FAST_KDF)
    with pytest.raises(InvalidRecord):
        vault.add_user(name, "Deputy DSL", "a deputy's passphrase", FAST_KDF)
