"""CP file transfer: encrypted pack and covering letter out, full history in, receipt code back, Today chases."""

from __future__ import annotations

import base64
import json
import re
import struct
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from support import FAST_KDF, MakeVault

from dslapp.errors import CasebookError, InvalidRecord, ReceiptNotPossible, TransferPackUnreadable, WrongReceiptCode
from dslapp.models import Category, Child, ChildStatus, ChronologyEntry, Concern, Person, Transfer, TransferDirection
from dslapp.services import recording
from dslapp.services import transfer as transfer_module
from dslapp.services.bundle import build_bundle
from dslapp.services.children import add_child
from dslapp.services.today import add_school_days, today
from dslapp.services.transfer import (
    PACK_MAGIC,
    export_transfer,
    import_transfer,
    open_pack_bytes,
    record_receipt,
)
from dslapp.store import RecordStore
from dslapp.vault import audit

SENT = datetime(2026, 11, 6, 12, 0, tzinfo=UTC)  # a Friday


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def schools(tmp_path: Path, make_vault: MakeVault) -> Iterator[tuple[RecordStore, RecordStore]]:
    clock = Clock(SENT)
    sender, _ = make_vault(tmp_path / "sender", "Ms Ada Sender", school="Fictional Sender Primary", clock=clock)
    receiver, _ = make_vault(tmp_path / "receiver", "Mr Bo Receiver", "DSL", "receiver pass", school="Fictional High")
    yield RecordStore(sender), RecordStore(receiver)
    sender.lock()
    receiver.lock()


MARKERS = {
    "forename": "CANARYforenameQ7",
    "surname": "CANARYsurnameZ3",
    "facts": "CANARYfactsK9",
    "words": "CANARYwordsP2",
    "person": "CANARYpersonM4",
}


def _case(store: RecordStore) -> Child:
    child = add_child(
        store, legal_forename=MARKERS["forename"], legal_surname=MARKERS["surname"], dob=date(2014, 12, 24)
    ).value
    recording.record(store, Person, child_id=child.id, name=MARKERS["person"], relationship="Mother")
    concern = recording.record(
        store,
        Concern,
        child_id=child.id,
        observed_at=datetime(2026, 6, 1, 13, 5),
        reporter_name="Mrs D. Example",
        categories=[Category.EMOTIONAL],
        what_happened=f"{MARKERS['facts']} cried in class after lunch.",
        child_words=f"{MARKERS['words']} I hid under the bed.",
        significant=True,
    ).value
    recording.amend(store, concern.id, "Added who she told", immediate_action="Told the DSL.")
    recording.record(store, ChronologyEntry, child_id=child.id, period="Autumn 2019", event="Moved to the area")
    return child


def _forms(text: str) -> list[bytes]:
    raw = text.encode()
    return [raw, text.encode("utf-16-le"), text.encode("utf-16-be"), base64.b64encode(raw)[:12]]


def test_round_trip_keeps_the_history_marks_the_child_and_closes_with_the_receipt_code(
    schools: tuple[RecordStore, RecordStore], tmp_path: Path
) -> None:
    sender, receiver = schools
    child = _case(sender)
    out = tmp_path / "out"
    out.mkdir()
    before = build_bundle(sender, str(child.id))
    pack = export_transfer(sender, child.id, out, "Fictional High", "Mr Bo Receiver", kdf=FAST_KDF)

    # the pack is encrypted: no marker in clear, in any encoding; the file names say nothing about the child
    data = pack.pack_path.read_bytes()
    assert data.startswith(PACK_MAGIC)
    for marker in MARKERS.values():
        assert not any(form in data for form in _forms(marker)), marker
        assert marker not in pack.pack_path.name and marker not in pack.letter_path.name
    assert pack.pack_path.stat().st_mode & 0o077 == 0
    assert re.fullmatch(r"([A-Z2-9]{4}-){5}[A-Z2-9]{4}", pack.passphrase)

    # the covering letter: to the receiving DSL, child's name and DOB, what is enclosed, no passphrase
    letter = "\n".join(page.extract_text() for page in PdfReader(pack.letter_path).pages)
    for needed in ("OFFICIAL-SENSITIVE", MARKERS["forename"], "24/12/2014", "Fictional High", "Mr Bo Receiver"):
        assert needed in letter, needed
    assert "separate" in letter and "receipt code" in letter and pack.pack_path.name in letter
    assert pack.passphrase not in letter and pack.passphrase.replace("-", "") not in letter.replace("-", "")
    assert pack.sha256 in letter.replace("\n", "")

    # the sending school keeps the record, marked transferred, with an outgoing transfer awaiting receipt
    kept = sender.get_as(Child, child.id)
    assert kept.status == ChildStatus.TRANSFERRED
    assert sender.count() > 5
    sent = sender.get_as(Transfer, pack.transfer.id)
    assert sent.direction == TransferDirection.OUTGOING and sent.sent_on == SENT.date() and sent.awaiting_receipt
    assert any(e.action == "export" and e.object == str(child.id) for e in audit.events(sender.db))

    # the receiving school: the child with their full history, marked as received from the sender
    received, code = import_transfer(receiver, pack.pack_path, pack.passphrase.lower().replace("-", " "))
    assert re.fullmatch(r"[A-Z]{4}-[A-Z]{4}-[A-Z]{4}", code)
    assert received.received_from == "Fictional Sender Primary"
    after = build_bundle(receiver, str(child.id))
    assert after.concerns == before.concerns and after.people == before.people
    assert after.chronology == before.chronology
    assert after.amendments[str(before.concerns[0].id)] == before.amendments[str(before.concerns[0].id)]
    incoming = [t for t in after.transfers if t.direction == TransferDirection.INCOMING]
    assert len(incoming) == 1 and incoming[0].other_school == "Fictional Sender Primary"
    assert incoming[0].receipt_code == code and incoming[0].received_on is not None
    assert not any(t.awaiting_receipt for t in after.transfers)  # nothing for the receiver's Today to chase
    assert audit.verify(receiver.db).ok

    # importing the same pack again adds nothing and repeats the receipt code
    count = receiver.count()
    with pytest.raises(CasebookError, match=code):
        import_transfer(receiver, pack.pack_path, pack.passphrase)
    assert receiver.count() == count

    # back at the sender: a wrong code is refused; the right one (typed casually) closes the transfer
    with pytest.raises(WrongReceiptCode):
        record_receipt(sender, pack.transfer.id, "ABCD-EFGH-JKLM", "Mr Bo Receiver")
    assert sender.get_as(Transfer, pack.transfer.id).awaiting_receipt
    closed = record_receipt(sender, pack.transfer.id, code.lower().replace("-", ""), "Mr Bo Receiver").value
    assert closed.received_on == SENT.date() and closed.receipt_by == "Mr Bo Receiver" and closed.receipt_code == code
    assert len(sender.amendments(closed.id)) == 1  # the sent record is amended, never overwritten
    with pytest.raises(ReceiptNotPossible, match="already confirmed"):
        record_receipt(sender, pack.transfer.id, code, "Mr Bo Receiver")
    assert today(sender, date(2026, 12, 1))["transfers_awaiting"] == []


def test_today_chases_after_five_school_days(schools: tuple[RecordStore, RecordStore], tmp_path: Path) -> None:
    sender, _ = schools
    child = _case(sender)
    pack = export_transfer(sender, child.id, tmp_path, "Fictional High", kdf=FAST_KDF)
    assert add_school_days(date(2026, 11, 6), 5) == date(2026, 11, 13)  # Friday to Friday, weekend skipped

    def chase(on: date) -> list[tuple[date | None, bool]]:
        return [(i.due, i.overdue) for i in today(sender, on)["transfers_awaiting"]]

    assert chase(date(2026, 11, 6)) == [(date(2026, 11, 13), False)]  # listed from the day it is sent
    assert chase(date(2026, 11, 13)) == [(date(2026, 11, 13), False)]  # the fifth school day: not yet overdue
    assert chase(date(2026, 11, 16)) == [(date(2026, 11, 13), True)]  # Monday after: chase it
    item = today(sender, date(2026, 11, 16))["transfers_awaiting"][0]
    assert item.record_id == str(pack.transfer.id) and "Fictional High" in item.title


def test_wrong_passphrase_and_tampering_fail_authentication_and_add_nothing(
    schools: tuple[RecordStore, RecordStore], tmp_path: Path
) -> None:
    sender, receiver = schools
    child = _case(sender)
    pack = export_transfer(sender, child.id, tmp_path, "Fictional High", kdf=FAST_KDF)
    data = pack.pack_path.read_bytes()
    count = receiver.count()
    with pytest.raises(TransferPackUnreadable, match="passphrase"):
        import_transfer(receiver, pack.pack_path, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF")
    header_len = struct.unpack(">I", data[len(PACK_MAGIC) : len(PACK_MAGIC) + 4])[0]
    header_end = len(PACK_MAGIC) + 4 + header_len
    header = json.loads(data[len(PACK_MAGIC) + 4 : header_end])
    # a header that still parses but differs (e.g. a different pack id) fails authentication
    header["pack_id"] = "00000000-0000-4000-8000-000000000000"
    new_header = json.dumps(header).encode()
    swapped = PACK_MAGIC + struct.pack(">I", len(new_header)) + new_header + data[header_end:]
    # the same header values written out differently: without authenticating the header bytes this would open
    respaced = json.dumps(json.loads(data[len(PACK_MAGIC) + 4 : header_end]), indent=1).encode()
    restyled = PACK_MAGIC + struct.pack(">I", len(respaced)) + respaced + data[header_end:]
    for tampered in (
        restyled,
        swapped,
        data[:-1] + bytes([data[-1] ^ 1]),  # the GCM tag
        data[: header_end + 5] + bytes([data[header_end + 5] ^ 0x80]) + data[header_end + 6 :],  # ciphertext
        data[: len(data) // 2],  # cut short
        data + b"extra",
    ):
        with pytest.raises(TransferPackUnreadable):
            open_pack_bytes(tampered, pack.passphrase)
    assert receiver.count() == count


def test_a_hostile_header_cannot_make_the_app_use_unbounded_memory(schools: tuple[RecordStore, RecordStore]) -> None:
    header = {
        "format": "dsl-casebook/transfer-pack",
        "version": 1,
        "pack_id": "00000000-0000-4000-8000-000000000000",
        "kdf": {"algorithm": "argon2id", "time_cost": 1, "memory_cost": 2**32, "parallelism": 1},
        "salt": base64.b64encode(b"s" * 16).decode(),
        "nonce": base64.b64encode(b"n" * 12).decode(),
    }
    raw = json.dumps(header).encode()
    with pytest.raises(TransferPackUnreadable, match="header"):
        open_pack_bytes(PACK_MAGIC + struct.pack(">I", len(raw)) + raw + b"x" * 32, "AAAA")


def test_export_needs_a_school_name_and_a_real_folder(
    schools: tuple[RecordStore, RecordStore], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sender, _ = schools
    child = _case(sender)
    with pytest.raises(InvalidRecord, match="receiving school"):
        export_transfer(sender, child.id, tmp_path, "   ", kdf=FAST_KDF)
    with pytest.raises(CasebookError, match="does not exist"):
        export_transfer(sender, child.id, tmp_path / "nowhere", "Fictional High", kdf=FAST_KDF)
    with pytest.raises(InvalidRecord, match="school's name"):
        export_transfer(sender, child.id, tmp_path, "Fictional High", from_school="", kdf=FAST_KDF)
    assert sender.get_as(Child, child.id).status != ChildStatus.TRANSFERRED
    assert list(tmp_path.glob("*.dsltransfer")) == []
    # a failure while recording the transfer leaves no pack or letter behind and changes nothing
    count = sender.count()

    def fail(*args: object, **kwargs: object) -> None:
        raise CasebookError("simulated failure")

    monkeypatch.setattr(transfer_module, "change_status", fail)
    with pytest.raises(CasebookError, match="simulated"):
        export_transfer(sender, child.id, tmp_path, "Fictional High", kdf=FAST_KDF)
    assert list(tmp_path.glob("CP-file-transfer-*")) == []
    assert sender.count() == count


def test_default_pack_kdf_is_argon2id_with_real_cost() -> None:
    kdf = transfer_module.PACK_KDF
    assert kdf.algorithm == "argon2id" and kdf.memory_cost >= 64 * 1024 and kdf.time_cost >= 3
