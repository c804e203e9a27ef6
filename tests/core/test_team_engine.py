"""The team casebook's engine (issue 18): convergence, the fold of concurrent amendments, rejected files,
conflict copies and gaps, removal and key rotation, shared settings, per-device audit trails, no plaintext."""

from __future__ import annotations

import base64
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from team_world import (
    Replica,
    deliver,
    first_replica,
    folder_leaks,
    join,
    new_action,
    new_child,
    new_concern,
    snapshot,
)

from dslapp.errors import CannotRemoveThisDevice, NotInTeam, TeamDeviceUnknown
from dslapp.models import Child, Concern
from dslapp.services import casebook, recording, team
from dslapp.store import RecordStore
from dslapp.store.team import TeamStore
from dslapp.team import change_file, keyring
from dslapp.team.folder import CHANGES


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Replica, Replica]:
    a = first_replica(tmp_path)
    b = join(tmp_path, a, "B")
    return a, b


def exchange(*replicas: Replica) -> None:
    """Every replica's folder gets every file, then each syncs; twice, so answers to answers arrive too."""
    for _ in range(2):
        for src in replicas:
            for dst in replicas:
                if src is not dst:
                    deliver(src.folder, dst.folder)
        for replica in replicas:
            team.sync(replica.store)


def test_a_team_of_one_is_untouched(store: RecordStore, tmp_path: Path) -> None:
    child = new_child(store, "Solo")
    concern = new_concern(store, child.id, "a concern recorded with no team")
    recording.amend(store, concern.id, "typo", what_happened="a concern recorded with no team at all")
    assert not team.is_in_team(store)
    assert team.status(store).in_team is False
    with pytest.raises(NotInTeam):
        team.sync(store)
    for table in ("team_meta", "team_events", "team_outbox", "team_records", "team_amendments", "team_audit"):
        assert store.vault.db.scalar(f"SELECT count(*) FROM {table}") == 0, table
    assert casebook.verify(store).ok


def test_records_and_their_history_reach_the_new_member(tmp_path: Path) -> None:
    a = first_replica(tmp_path)
    child = new_child(a.store, "Histperson")
    concern = new_concern(a.store, child.id, "first wording")
    recording.amend(a.store, concern.id, "corrected the wording", what_happened="second wording")
    team.sync(a.store)
    b = join(tmp_path, a, "B")
    got = b.store.get(concern.id)
    assert got.what_happened == "second wording"  # type: ignore[attr-defined]
    assert [x.reason for x in b.store.amendments(concern.id)] == ["corrected the wording"]
    assert b.store.vault.school == "Fictional Academy"
    assert casebook.verify(b.store).ok and casebook.verify(a.store).ok


def test_two_deputies_amending_one_concern_offline_both_keep_their_amendment(pair: tuple[Replica, Replica]) -> None:
    a, b = pair
    child = new_child(a.store, "Twoamend")
    concern = new_concern(a.store, child.id, "seen at the gate")
    exchange(a, b)
    recording.amend(a.store, concern.id, "the DSL added the outcome", outcome="spoke to parent")
    recording.amend(b.store, concern.id, "the deputy added the action", immediate_action="rang home", outcome="other")
    exchange(a, b)
    ra, rb = a.store.get(concern.id), b.store.get(concern.id)
    assert ra.body() == rb.body() and ra.version == rb.version == 3
    assert rb.immediate_action == "rang home"  # type: ignore[attr-defined]
    reasons_a = sorted(x.reason for x in a.store.amendments(concern.id))
    assert reasons_a == sorted(x.reason for x in b.store.amendments(concern.id))
    assert reasons_a == ["the DSL added the outcome", "the deputy added the action"]
    assert snapshot(a.store) == snapshot(b.store)
    assert casebook.verify(a.store).ok and casebook.verify(b.store).ok


def _own_files(replica: Replica) -> list[Path]:
    return sorted((replica.folder / CHANGES / replica.device_id).glob("*.chg"))


def test_bad_files_are_rejected_with_one_line_each_and_nothing_else_is_affected(
    tmp_path: Path, pair: tuple[Replica, Replica]
) -> None:
    a, b = pair
    c = join(tmp_path, a, "C")
    exchange(a, b, c)
    child = new_child(b.store, "Tamperperson")
    team.sync(b.store)
    new_child(c.store, "Goodperson")
    team.sync(c.store)
    deliver(c.folder, a.folder)
    b_file = _own_files(b)[-1]
    target = a.folder / CHANGES / b.device_id / b_file.name
    data = bytearray(b_file.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit changed by "the sync engine"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(bytes(data))
    report = team.sync(a.store).value
    assert len(report.rejected) == 1
    assert report.rejected[0].startswith(f"changes/{b.device_id}/{b_file.name}: rejected: ")
    assert "\n" not in report.rejected[0]
    assert a.store.find(type(child), legal_surname="Goodperson"), "the third laptop's file is still taken in"
    assert not a.store.find(type(child), legal_surname="Tamperperson")
    assert team.status(a.store).rejected == report.rejected

    target.write_bytes(b_file.read_bytes()[:-10])  # truncated
    assert "cut short" in team.sync(a.store).value.rejected[0]

    # a file signed by a key that is not the device's
    parsed = change_file.parse(b_file.read_bytes())
    forged = parsed.signed + Ed25519PrivateKey.generate().sign(parsed.signed)
    target.write_bytes(forged)
    assert "signature" in team.sync(a.store).value.rejected[0]

    # another team's file dropped into the folder
    other = first_replica(tmp_path, "Other")
    foreign = _own_files(other)[0]
    target.write_bytes(foreign.read_bytes())
    assert "another team" in team.sync(a.store).value.rejected[0]

    target.write_bytes(b_file.read_bytes())  # the real file arrives: taken in
    report = team.sync(a.store).value
    assert report.rejected == ()
    assert a.store.find(type(child), legal_surname="Tamperperson")


def test_conflict_copies_and_gaps(pair: tuple[Replica, Replica]) -> None:
    a, b = pair
    exchange(a, b)
    for n in range(3):
        new_child(b.store, f"Gapperson{n}")
        team.sync(b.store)
    names = [p.name for p in _own_files(b)][-3:]
    src = b.folder / CHANGES / b.device_id
    dst = a.folder / CHANGES / b.device_id
    # the second and third arrive first: nothing is skipped, they wait
    for name in names[1:]:
        shutil.copyfile(src / name, dst / name)
    report = team.sync(a.store).value
    assert report.applied == 0 and report.waiting == 2
    assert not a.store.find(Child, legal_surname="Gapperson1")
    # the first arrives only as a sync engine's conflict copy: it is verified and used
    shutil.copyfile(src / names[0], dst / f"{Path(names[0]).stem}.sync-conflict-20260301-101010-ABCDEFG.chg")
    shutil.copyfile(src / names[1], dst / f"{Path(names[1]).stem} (LAPTOP-FICTION).chg")
    (dst / "desktop.ini").write_bytes(b"[.ShellClassInfo]")
    (dst / ".syncthing.00000099.chg.tmp").write_bytes(b"half")
    report = team.sync(a.store).value
    assert report.applied == 3 and report.waiting == 0 and report.rejected == ()
    assert any("LAPTOP-FICTION" in line and "ignored" in line for line in report.ignored)
    assert any("desktop.ini" in line for line in report.ignored)
    assert not any(".syncthing" in line for line in report.ignored)
    exchange(a, b)
    assert snapshot(a.store) == snapshot(b.store)


def test_removing_a_device_rotates_the_key_and_refuses_its_later_files(
    tmp_path: Path, pair: tuple[Replica, Replica]
) -> None:
    a, b = pair
    c = join(tmp_path, a, "C")
    exchange(a, b, c)
    with pytest.raises(CannotRemoveThisDevice):
        team.remove_device(a.store, a.device_id)
    with pytest.raises(TeamDeviceUnknown):
        team.remove_device(a.store, "not-a-device")
    epoch_before = TeamStore(a.store.vault).newest_key()
    team.remove_device(a.store, b.device_id)
    assert TeamStore(a.store.vault).newest_key().epoch == epoch_before.epoch + 1  # type: ignore[union-attr]
    new_child(a.store, "Afterremoval")
    team.sync(a.store)
    new_child(b.store, "Writtenbyremoved")
    team.sync(b.store)
    exchange(a, b, c)
    for replica in (a, c):
        surnames = {x.legal_surname for x in replica.store.all_of(Child)}
        assert "Afterremoval" in surnames and "Writtenbyremoved" not in surnames
        assert any("after its device was removed" in line for line in team.status(replica.store).rejected)
    # the removed laptop cannot read what is written under the new key: it waits, it is never decrypted
    assert not b.store.find(Child, legal_surname="Afterremoval")
    assert team.status(b.store).removed
    assert TeamStore(c.store.vault).newest_key().epoch == epoch_before.epoch + 1  # type: ignore[union-attr]


def test_shared_settings_are_last_writer_wins_with_both_writes_audited(pair: tuple[Replica, Replica]) -> None:
    a, b = pair
    team.set_shared_setting(a.store, "school", "Fictional Academy North")
    time.sleep(0.005)
    team.set_shared_setting(b.store, "school", "Fictional Academy South")
    exchange(a, b)
    assert a.store.vault.school == b.store.vault.school == "Fictional Academy South"
    details = [r[0] for r in a.store.vault.db.execute("SELECT detail FROM audit WHERE object = 'setting:school'")]
    assert any("now in force" in d for d in details) and any("changed on this device" in d for d in details)
    details_b = [r[0] for r in b.store.vault.db.execute("SELECT detail FROM audit WHERE object = 'setting:school'")]
    assert any("kept in the trail" in d for d in details_b)


def test_each_device_audit_trail_is_kept_and_verified(pair: tuple[Replica, Replica]) -> None:
    a, b = pair
    for n in range(3):
        new_child(b.store, f"Auditperson{n}")
    exchange(a, b)
    trails = {t.device_id: t for t in team.device_trails(a.store)}
    assert b.device_id in trails and trails[b.device_id].rows > 0 and trails[b.device_id].problems == ()
    assert trails[b.device_id].name.startswith("Mx B Deputy")
    own = [tuple(r) for r in b.store.vault.db.execute("SELECT seq, hash FROM audit ORDER BY seq")]
    kept = [(r.seq, r.hash) for r in TeamStore(a.store.vault).device_audit(b.device_id)]
    assert kept == own[: len(kept)] and len(kept) > 0


def test_no_case_text_reaches_the_team_folder(pair: tuple[Replica, Replica]) -> None:
    a, b = pair
    markers = ["ZQXMARKERSURNAME", "ZQXMARKERCONCERN", "ZQXMARKERAMEND"]
    child = new_child(a.store, "Zqxmarkersurname")
    concern = new_concern(a.store, child.id, "ZQXMARKERCONCERN seen at break")
    exchange(a, b)
    recording.amend(b.store, concern.id, "ZQXMARKERAMEND reason", outcome="ZQXMARKERAMEND outcome")
    exchange(a, b)
    assert b.store.get(concern.id).outcome == "ZQXMARKERAMEND outcome"  # type: ignore[attr-defined]
    markers.append("Zqxmarkersurname")
    assert folder_leaks(a.folder, markers) + folder_leaks(b.folder, markers) == []
    # the scanner itself finds a marker left in the clear, in any of its forms
    (a.folder / "stray.txt").write_bytes(base64.b64encode(b"x" + markers[1].encode()))
    assert folder_leaks(a.folder, markers) == ["stray.txt holds ZQXMARKERCONCERN"]


def test_a_device_offline_for_a_month_converges(tmp_path: Path) -> None:
    start = datetime(2026, 2, 2, 8, 0, tzinfo=UTC)
    now = [start]
    a = first_replica(tmp_path)
    b = join(tmp_path, a, "B")
    a.store.vault.clock = lambda: now[0]
    b.store.vault.clock = lambda: now[0]
    child = new_child(a.store, "Monthperson")
    exchange(a, b)
    for day in range(30):  # B is away; both keep working
        now[0] = start + timedelta(days=day)
        new_concern(a.store, child.id, f"day {day} at school", day=1 + day % 27)
        if day % 3 == 0:
            new_action(b.store, child.id, f"offline action {day}")
        team.sync(a.store)
        team.sync(b.store)
    exchange(a, b)
    concern = a.store.all_of(Concern)[0]
    recording.amend(a.store, concern.id, "seen again", outcome="the DSL's amendment after the month")
    recording.amend(b.store, concern.id, "back from a month away", outcome="the deputy's amendment")
    exchange(a, b)
    assert snapshot(a.store) == snapshot(b.store)


def test_merge_time_for_a_thousand_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = first_replica(tmp_path)
    b = join(tmp_path, a, "B")
    child = new_child(a.store, "Benchperson")
    for n in range(1000):
        new_concern(a.store, child.id, f"concern number {n}", day=1 + n % 27)
        if n % 10 == 9:
            team.sync(a.store)
    team.sync(a.store)
    deliver(a.folder, b.folder)
    started = time.perf_counter()
    report = team.sync(b.store).value
    elapsed = time.perf_counter() - started
    assert b.store.count("concern") == 1000
    with capsys.disabled():
        print(f"\nteam merge: {report.applied} change files holding 1,001 records taken in {elapsed:.2f} s")
    assert elapsed < 60


def test_the_same_field_amended_on_three_laptops_folds_the_same_whatever_arrives_first(tmp_path: Path) -> None:
    a = first_replica(tmp_path)
    b = join(tmp_path, a, "B")
    c = join(tmp_path, a, "C")
    child = new_child(a.store, "Foldperson")
    concern = new_concern(a.store, child.id, "seen at lunch")
    exchange(a, b, c)
    for replica in (c, a, b):  # stamped in this order: C's amendment is the earliest, B's the latest
        recording.amend(replica.store, concern.id, f"{replica.name}'s reason", outcome=f"outcome from {replica.name}")
        team.sync(replica.store)
        time.sleep(0.003)
    # each laptop hears of the others in a different order
    for first, second, dst in ((a, c, b), (b, a, c), (c, b, a)):
        deliver(first.folder, dst.folder)
        team.sync(dst.store)
        deliver(second.folder, dst.folder)
        team.sync(dst.store)
    bodies = {r.name: r.store.get(concern.id).body() for r in (a, b, c)}
    assert bodies["A"] == bodies["B"] == bodies["C"]
    assert bodies["A"]["outcome"] == "outcome from B"  # the latest by the team clock
    for replica in (a, b, c):
        history = replica.store.amendments(concern.id)
        assert sorted(x.reason for x in history) == ["A's reason", "B's reason", "C's reason"]
        assert replica.store.get(concern.id).version == 4
    assert snapshot(a.store) == snapshot(b.store) == snapshot(c.store)


def test_a_change_file_lost_from_the_folder_is_written_again_byte_for_byte(pair: tuple[Replica, Replica]) -> None:
    a, b = pair
    new_child(a.store, "Lostfileperson")
    team.sync(a.store)
    files = _own_files(a)
    kept = {p.name: p.read_bytes() for p in files}
    for path in files:
        path.unlink()  # e.g. a sync program that lost them, or a technician tidying up
    assert team.status(a.store).pending == 0
    team.sync(a.store)
    assert {p.name: p.read_bytes() for p in _own_files(a)} == kept
    exchange(a, b)
    assert b.store.find(Child, legal_surname="Lostfileperson")


def test_a_well_signed_file_with_damaged_content_is_rejected_and_the_rest_carries_on(
    pair: tuple[Replica, Replica],
) -> None:
    a, b = pair
    exchange(a, b)
    ts = TeamStore(b.store.vault)
    me = keyring.DeviceKeys(b.device_id, str(ts.get("sign_private")), str(ts.get("box_private")))
    key = ts.newest_key()
    assert key is not None
    seq = ts.last_outbox_seq() + 1
    header = change_file.Header(
        change_file.FORMAT, str(ts.get("team_id")), b.device_id, seq, key.epoch, key.key_id, change_file.new_nonce()
    )
    stamp = f"{int(time.time() * 1000):015d}.000000.{b.device_id}"
    events = [{"type": "record", "hlc": stamp, "kind": "child", "id": "not-a-uuid", "created_at": "x"}]
    sealed = change_file.seal(header, events, bytes.fromhex(key.key), me.signing_key)
    (a.folder / CHANGES / b.device_id / f"{seq:08d}.chg").write_bytes(sealed)
    new_child(a.store, "Stillfineperson")
    report = team.sync(a.store).value
    assert len(report.rejected) == 1 and "content is damaged" in report.rejected[0]
    assert a.store.find(Child, legal_surname="Stillfineperson")
    assert casebook.verify(a.store).ok
