"""Every adult can report (issue 19): concerns sealed in staff mode, readable by the team's casebooks and nothing
else; the outbox; receipts and acknowledgements; forged, changed, replayed and foreign drop files; the DSL's
inbox and triage keeping the staff member's account exactly as sent; rotation of the reporting key."""

from __future__ import annotations

import base64
import json
import shutil
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox
from support import FAST_KDF, PASSPHRASE
from team_world import copy_all, first_replica, join
from test_canary import _files_under, _leaks

from dslapp.config import staff_dir
from dslapp.errors import RecordKeptAsSent, StaffConcernIncomplete
from dslapp.models import Child, Concern, StaffReport, TriageOutcome
from dslapp.services import recording, staff_reports, team
from dslapp.services.staff_mode import StaffMode, account_from
from dslapp.services.today import today
from dslapp.store import RecordStore
from dslapp.team import staff_drop
from dslapp.team.staff_drop import StaffConfig
from dslapp.vault.vault import Vault

MARKER = "Zyxmarkerquokka"


def _account(marker: str = MARKER, *, urgent: bool = False, child: str = "Tilly Fictionalname") -> dict[str, object]:
    return {
        "reporter_name": "Mr Tom Teachingassistant",
        "reporter_role": "Teaching assistant, Year 5",
        "child_name": child,
        "year_group": "Year 5",
        "observed_at": "2026-12-03T10:15:00",
        "where": "Year 5 classroom",
        "what_happened": f"A bruise on the left forearm, about 3 cm. {marker}",
        "child_words": f"Mum's friend grabbed me. {marker}",
        "action_taken": "Listened, did not ask leading questions, came straight to the office.",
        "told_others": "Nobody else",
        "urgent": urgent,
        "body_map": [
            {"number": 1, "view": "front", "x": 0.3, "y": 0.45, "mark_type": "bruise", "size_cm": 3, "colour": "blue"}
        ],
    }


def _solo(tmp_path: Path) -> RecordStore:
    vault, _ = Vault.create(
        tmp_path / "dsl", "Ms Ada Lead", "DSL", PASSPHRASE, school="Fictional Academy", kdf=FAST_KDF
    )
    return RecordStore(vault)


def _config(store: RecordStore, drop: Path) -> StaffConfig:
    drop.mkdir(parents=True, exist_ok=True)
    staff_reports.create_reporting_key(store, drop=drop)
    return staff_reports.export_staff_config(store, drop.parent / "STAFF.json")


def test_sealed_concern_opens_in_the_casebook_and_nowhere_else(tmp_path: Path) -> None:
    store = _solo(tmp_path)
    drop = tmp_path / "drop"
    config = _config(store, drop)
    staff_home = tmp_path / "staff-computer"
    started = time.time() - 1
    mode = StaffMode(config, home=staff_home)
    submitted = mode.submit(account_from(_account()))
    assert submitted.delivered
    dropped = staff_drop.drop_files(drop)
    assert len(dropped) == 1

    # nothing on the staff side opens it: the config's keys are public, a fresh key fails, the marker is nowhere
    sealed = staff_drop.envelope(dropped[0].read_bytes()).sealed
    with pytest.raises(CryptoError):
        SealedBox(PrivateKey.generate()).decrypt(sealed)
    config_text = (drop.parent / "STAFF.json").read_text()
    assert staff_reports.current_key(store) is not None
    assert staff_reports.current_key(store).box_private not in config_text  # type: ignore[union-attr]
    staff_side = [*_files_under(staff_home), *_files_under(drop), *_files_under(staff_dir(), started)]
    assert staff_side, "the scan must look at something"
    assert _leaks(staff_side, [MARKER, "Tilly Fictionalname", "Teachingassistant"]) == []

    intake = staff_reports.take_in(store).value
    assert intake.taken_in == 1 and intake.rejected == ()
    (report,) = store.all_of(StaffReport)
    assert MARKER in report.account.child_words
    assert report.receipt == submitted.receipt
    assert staff_drop.drop_files(drop) == []  # taken in: gone from the folder


def test_outbox_holds_until_the_folder_appears_then_delivers(tmp_path: Path) -> None:
    store = _solo(tmp_path)
    drop = tmp_path / "share" / "drop"
    config = _config(store, drop)
    shutil.rmtree(drop)  # the share is not reachable from this computer
    mode = StaffMode(config, home=tmp_path / "staff")
    submitted = mode.submit(account_from(_account()))
    assert not submitted.delivered
    assert len(mode.waiting()) == 1
    assert _leaks(_files_under(tmp_path / "staff"), [MARKER]) == []
    assert mode.deliver_waiting() == 0
    assert mode.receipts()[0].delivered is False

    drop.mkdir(parents=True)
    assert StaffMode(config, home=tmp_path / "staff").deliver_waiting() == 1  # next start
    assert mode.waiting() == []
    assert mode.receipts()[0].delivered is True
    assert staff_reports.take_in(store).value.taken_in == 1


def test_receipt_and_acknowledgement_round_trip(tmp_path: Path) -> None:
    store = _solo(tmp_path)
    drop = tmp_path / "drop"
    config = _config(store, drop)
    mode = StaffMode(config, home=tmp_path / "staff")
    submitted = mode.submit(account_from(_account()))
    assert mode.receipts()[0].received_at is None
    staff_reports.take_in(store)
    (receipt,) = mode.receipts()
    assert receipt.receipt == submitted.receipt
    assert receipt.received_at is not None
    ack = json.loads(staff_drop.ack_path(drop, submitted.receipt).read_bytes())
    assert set(ack) == {"receipt", "received_at", "key_id", "signature"}  # receipt code and time only

    # a forged acknowledgement (not signed by the team) is not believed
    other = StaffMode(config, home=tmp_path / "staff2")
    second = other.submit(account_from(_account()))
    staff_drop.ack_path(drop, second.receipt).write_text(
        json.dumps(
            {
                "receipt": second.receipt,
                "received_at": "2026-12-03T10:42",
                "key_id": config.key_id,
                "signature": "00" * 64,
            }
        )
    )
    assert other.receipts()[0].received_at is None


def _rejections(store: RecordStore) -> tuple[str, ...]:
    return staff_reports.take_in(store).value.rejected


def test_changed_forged_replayed_and_foreign_files_are_rejected(tmp_path: Path) -> None:
    store = _solo(tmp_path)
    drop = tmp_path / "drop"
    config = _config(store, drop)
    mode = StaffMode(config, home=tmp_path / "staff")
    mode.submit(account_from(_account()))
    (path,) = staff_drop.drop_files(drop)
    original = path.read_bytes()

    # changed: one byte of the sealed box flipped
    raw = json.loads(original)
    sealed = bytearray(staff_drop.envelope(original).sealed)
    sealed[40] ^= 1
    raw["sealed"] = base64.b64encode(bytes(sealed)).decode()
    path.write_text(json.dumps(raw))
    (line,) = _rejections(store)
    assert "changed, damaged or forged" in line and path.name in line

    # forged: sealed to the right public key by someone without the school's staff secret
    forged_config = config.model_copy(update={"staff_secret": "11" * 32})
    path.unlink()
    StaffMode(forged_config, home=tmp_path / "forger").submit(account_from(_account()))
    (line,) = _rejections(store)
    assert "forged" in line
    for p in staff_drop.drop_files(drop):
        p.unlink()

    # foreign: another school's casebook
    other = _solo(tmp_path / "other")
    other_config = _config(other, tmp_path / "other-drop")
    StaffMode(other_config, home=tmp_path / "other-staff", drop=drop).submit(account_from(_account()))
    (line,) = _rejections(store)
    assert "another school" in line
    for p in staff_drop.drop_files(drop):
        p.unlink()

    # the genuine file is taken in; a replay of its report id with other content is refused; nothing was added
    path.write_bytes(original)
    assert staff_reports.take_in(store).value.taken_in == 1
    key = staff_reports.current_key(store)  # the envelope names no report id: a replay reseals the same one
    assert key is not None
    opened = staff_drop.open_sealed(original, key)
    replay = _reseal(config, opened.report_id, "A different story entirely.")
    (drop / "reports" / "replay.concern").write_bytes(replay)
    (line,) = _rejections(store)
    assert "replayed" in line
    assert len(store.all_of(StaffReport)) == 1
    assert len(staff_reports.rejected_drop_files(store)) == 1


def _reseal(config: StaffConfig, report_id: str, text: str) -> bytes:
    """A well-made file that reuses an earlier report id (what a replay with new content looks like)."""
    account = account_from({**_account(), "what_happened": text})
    content = {
        "format": 1,
        "report_id": report_id,
        "reporting_id": config.reporting_id,
        "key_id": config.key_id,
        "sent_at": datetime(2026, 12, 3, 11, 0).isoformat(),
        "account": account.model_dump(mode="json"),
    }
    plain = staff_drop._canonical({**content, "mac": staff_drop._mac(config.staff_secret, content)})
    sealed = SealedBox(PublicKey(bytes.fromhex(config.public_key))).encrypt(plain)
    return json.dumps(
        {
            "format": 1,
            "kind": staff_drop.KIND,
            "reporting_id": config.reporting_id,
            "key_id": config.key_id,
            "sealed": base64.b64encode(sealed).decode(),
        }
    ).encode()


def test_an_incomplete_concern_says_what_is_missing() -> None:
    with pytest.raises(StaffConcernIncomplete) as caught:
        account_from({**_account(), "what_happened": ""})
    assert str(caught.value) == "Still needed: what you saw or heard."


def test_rotation_keeps_old_reports_opening(tmp_path: Path) -> None:
    store = _solo(tmp_path)
    drop = tmp_path / "drop"
    old_config = _config(store, drop)
    new_config = _config(store, drop)  # rotated
    assert new_config.key_id != old_config.key_id
    assert new_config.reporting_id == old_config.reporting_id
    StaffMode(old_config, home=tmp_path / "old").submit(account_from(_account()))
    StaffMode(new_config, home=tmp_path / "new").submit(account_from(_account()))
    assert staff_reports.take_in(store).value.taken_in == 2


def test_inbox_match_to_child_keeps_the_original_untouched(tmp_path: Path) -> None:
    store = _solo(tmp_path)
    drop = tmp_path / "drop"
    config = _config(store, drop)
    child = recording.record(
        store, Child, legal_forename="Tilly", legal_surname="Fictionalname", dob=date(2016, 5, 1), year_group="5"
    ).value
    StaffMode(config, home=tmp_path / "staff").submit(account_from(_account(urgent=False)))
    StaffMode(config, home=tmp_path / "staff").submit(account_from(_account(urgent=True, child="Unknown Pupil")))
    staff_reports.take_in(store)
    on = date(2026, 12, 3)
    items = today(store, on)["staff_concerns"]
    assert [i.title.startswith("URGENT") for i in items] == [True, False]  # most serious first
    assert next(iter(today(store, on))) == "staff_concerns"

    report = next(r for r in store.all_of(StaffReport) if r.account.child_name == "Tilly Fictionalname")
    before = report.model_dump(mode="json")
    saved = staff_reports.triage(
        store,
        str(report.id),
        outcome=TriageOutcome.MATCHED,
        child_id=str(child.id),
        decision="Matched by name and class; recorded as a concern and phoned MASH.",
        concern={"categories": ["physical_abuse"], "severity": "high"},
    )
    assert saved.value.concern_id
    concern = store.get_as(Concern, saved.value.concern_id)
    assert concern.from_staff_report == str(report.id)
    assert concern.child_id == child.id
    # the mark the member of staff placed on the body map reaches the DSL's concern as a body-map mark
    assert [m.description() for m in concern.body_marks] == ["1 (front): bruise, 3 cm, blue."]
    assert store.get_as(StaffReport, report.id).model_dump(mode="json") == before
    assert store.amendments(report.id) == []
    with pytest.raises(RecordKeptAsSent):
        store.amend(report.id, {"received_at": "2026-12-03T12:00:00"}, "try to change the original")

    remaining = today(store, on)["staff_concerns"]
    assert len(remaining) == 1 and remaining[0].title.startswith("URGENT")
    unknown = remaining[0].record_id
    staff_reports.triage(store, unknown, outcome=TriageOutcome.UNMATCHED, decision="Checking the roll.")
    assert "identity to confirm" in today(store, on)["staff_concerns"][0].title
    staff_reports.triage(
        store,
        unknown,
        outcome=TriageOutcome.NEW_CHILD,
        new_child={"legal_forename": "Unknown", "legal_surname": "Pupil", "dob": "2015-09-09"},
    )
    assert today(store, on)["staff_concerns"] == []


def test_the_team_takes_reports_in_and_every_member_can_open_them(tmp_path: Path) -> None:
    a = first_replica(tmp_path)
    staff_reports.create_reporting_key(a.store)
    config = staff_reports.staff_config(a.store)
    assert Path(config.drop_folder) == a.folder
    team.sync(a.store)
    b = join(tmp_path, a, "B")
    assert len(staff_reports.reporting_keys(b.store)) == 1  # the private key travelled in the change files

    # the staff computer reaches B's copy of the folder; B takes it in and acknowledges
    submitted = StaffMode(config, home=tmp_path / "staff", drop=b.folder).submit(account_from(_account()))
    report = team.sync(b.store).value
    assert report.staff_taken_in == 1
    assert staff_drop.ack_path(b.folder, submitted.receipt).exists()
    copy_all(b.folder, a.folder)
    team.sync(a.store)
    assert [r.receipt for r in a.store.all_of(StaffReport)] == [submitted.receipt]
    assert _leaks(_files_under(a.folder), [MARKER]) == []


def test_relabelled_and_garbage_files_are_rejected_with_one_line_each(tmp_path: Path) -> None:
    store = _solo(tmp_path)
    drop = tmp_path / "drop"
    old = _config(store, drop)
    new = _config(store, drop)  # two keys held: a label naming the other one must not get a file through
    StaffMode(old, home=tmp_path / "staff").submit(account_from(_account()))
    (path,) = staff_drop.drop_files(drop)
    raw = json.loads(path.read_bytes())
    path.write_text(json.dumps({**raw, "key_id": new.key_id}))
    (drop / "reports" / "junk.concern").write_bytes(b"\x00not json at all")
    lines = _rejections(store)
    assert len(lines) == 2
    assert any("junk.concern" in line and "not a concern from staff" in line for line in lines)
    assert any(path.name in line and "does not open" in line for line in lines)
    assert store.all_of(StaffReport) == []
