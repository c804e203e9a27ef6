"""Attachments (issue 17 item 1): sealed in the vault, hashed into the audit trail, accepted by content, photos
without their location, withdrawn not deleted, carried by bundles with their hash checked, disposed of with
the child's file."""

from __future__ import annotations

import base64
import json
import os
import secrets
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from attachment_files import GPS_IFD, exif_of, jpeg_with_gps, pdf_with, pixels_of, plain_png, png_with_gps
from pypdf import PdfReader
from support import FAST_KDF, PASSPHRASE, MakeVault, run_cli
from team_world import first_replica, join, new_child

from dslapp.errors import AttachmentRefused, InvalidRecord, MalformedBundle, WrongPassphrase
from dslapp.models import Attachment, Category, Child, Concern, MediaType
from dslapp.services import attachments, recording, team
from dslapp.services.bundle import build_bundle, export_bundle, import_bundle, parse_bundle
from dslapp.services.children import add_child
from dslapp.services.documents import export_referral_pack
from dslapp.services.retention import dispose, set_retention
from dslapp.services.transfer import export_transfer, import_transfer
from dslapp.store import RecordStore
from dslapp.vault import audit
from dslapp.vault.vault import Vault


def _child(store: RecordStore, forename: str = "Pip") -> Child:
    return add_child(store, legal_forename=forename, legal_surname="Testchild", dob=date(2015, 6, 1)).value


def _concern(store: RecordStore, child: Child) -> Concern:
    return recording.record(
        store,
        Concern,
        child_id=child.id,
        observed_at=datetime(2026, 10, 1, 9),
        reporter_name="Mr C. Example",
        categories=[Category.NEGLECT],
        what_happened="Arrived without a coat.",
    ).value


def _files_under(folder: Path, since: float | None = None) -> Iterator[Path]:
    for root, _dirs, names in os.walk(folder, onerror=lambda _error: None):
        for name in names:
            path = Path(root, name)
            try:
                if path.is_file() and not path.is_symlink() and (since is None or path.stat().st_mtime >= since):
                    yield path
            except OSError:
                continue


def _holding(paths: Iterator[Path], needles: list[bytes]) -> list[str]:
    found: list[str] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        found.extend(f"{needle!r} in {path}" for needle in needles if needle in data)
    return found


def test_an_attached_file_never_reaches_the_disk_outside_the_vault_and_its_hash_is_audited(
    store: RecordStore, vault_dir: Path, tmp_path: Path
) -> None:
    started = time.time() - 1
    marker = f"CANARYATTACHED{secrets.token_hex(6)}"
    given = tmp_path / "given" / "letter from the fictional clinic.pdf"
    given.parent.mkdir()
    given.write_bytes(pdf_with(marker))
    assert marker.encode() in given.read_bytes()  # the scan below could find it
    child = _child(store)
    saved = attachments.attach_path(store, child.id, given, to=_concern(store, child).id, title="Clinic letter")
    attachment = saved.value
    assert saved.changes.touches(Attachment.KIND)
    assert attachment.media_type is MediaType.PDF and attachment.file_name == given.name
    assert attachment.stored_sha256 == attachment.original_sha256 == attachments.sha256(given.read_bytes())
    # the audit row of the attachment names its hash, and the trail verifies
    created = [e for e in audit.events(store.db, str(attachment.id)) if e.action == "create"]
    assert len(created) == 1 and attachment.stored_sha256 in created[0].detail
    _, data = attachments.attachment_bytes(store, attachment.id)
    assert data == given.read_bytes()
    assert store.db.execute("SELECT body FROM records ORDER BY body DESC").fetchall()  # a sort, as the canary does
    given.unlink()
    needles = [marker.encode(), marker.encode("utf-16-le"), base64.b64encode(marker.encode())[:16]]
    assert _holding(_files_under(vault_dir), needles) == []
    store.vault.lock()
    Vault.open(vault_dir, PASSPHRASE).lock()
    outside = [p for p in _files_under(Path(tempfile.gettempdir()), since=started) if vault_dir not in p.parents]
    assert _holding(iter([*_files_under(vault_dir), *outside]), needles) == []
    assert audit.verify(Vault.open(vault_dir, PASSPHRASE).db).ok


def test_location_is_taken_out_of_photos_without_changing_the_picture(store: RecordStore) -> None:
    child = _child(store)
    for given in (jpeg_with_gps(), png_with_gps()):
        assert GPS_IFD in exif_of(given)
        attachment = attachments.attach_file(store, child.id, given, file_name="IMG_0001").value
        _, kept = attachments.attachment_bytes(store, attachment.id)
        assert GPS_IFD not in exif_of(kept)
        assert pixels_of(kept) == pixels_of(given)  # metadata rewritten, the picture untouched
        assert attachment.original_sha256 == attachments.sha256(given)
        assert attachment.stored_sha256 == attachments.sha256(kept) != attachment.original_sha256
        assert "Location details" in attachment.changes_made
        detail = next(e.detail for e in audit.events(store.db, str(attachment.id)) if e.action == "create")
        assert attachment.stored_sha256 in detail and attachment.original_sha256 in detail
    jpeg_kept = attachments.without_location(jpeg_with_gps(), MediaType.JPEG)[0]
    assert exif_of(jpeg_kept)[0x010F] == "Fictional Camera Co"  # other metadata kept
    plain = plain_png()
    attachment = attachments.attach_file(store, child.id, plain, file_name="scan.png").value
    assert attachment.stored_sha256 == attachment.original_sha256 and attachment.changes_made == ""


def test_files_are_accepted_by_content_not_name(store: RecordStore) -> None:
    child = _child(store)
    before = store.count(Attachment.KIND)
    with pytest.raises(AttachmentRefused, match="not a PDF, PNG, JPEG or HEIC"):
        attachments.attach_file(store, child.id, b"MZ\x90\x00 a program, not a letter", file_name="letter.pdf")
    with pytest.raises(AttachmentRefused, match="not a PDF, PNG, JPEG or HEIC"):
        attachments.attach_file(store, child.id, b"From: a@b\r\nSubject: hi\r\n", file_name="minutes.jpg")
    with pytest.raises(AttachmentRefused, match="damaged"):
        attachments.attach_file(store, child.id, b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, file_name="scan.png")
    with pytest.raises(AttachmentRefused, match="largest"):
        attachments.attach_file(store, child.id, b"%PDF-" + b"0" * attachments.MAX_ATTACHMENT_BYTES)
    assert store.count(Attachment.KIND) == before
    # a PDF named as a picture is a PDF; the name is kept as a name only, never as a path
    saved = attachments.attach_file(store, child.id, pdf_with("x"), file_name="../../etc/photo.JPG").value
    assert saved.media_type is MediaType.PDF and saved.file_name == "photo.JPG"
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
    kept = attachments.attach_file(store, child.id, heic, file_name="IMG_0002.HEIC").value
    assert kept.media_type is MediaType.HEIC and "HEIC" in kept.changes_made
    assert attachments.attachment_bytes(store, kept.id)[1] == heic


def test_an_attachment_belongs_to_a_record_of_the_same_child(store: RecordStore) -> None:
    pip, other = _child(store), _child(store, "Quill")
    theirs = _concern(store, other)
    with pytest.raises(InvalidRecord, match="concerns, Early Help reviews or referrals"):
        attachments.attach_file(store, pip.id, plain_png(), to=theirs.id)
    with pytest.raises(InvalidRecord):
        attachments.attach_file(store, pip.id, plain_png(), to=pip.id)


def test_a_wrong_attachment_is_withdrawn_with_a_reason_and_its_file_kept(store: RecordStore) -> None:
    child = _child(store)
    attachment = attachments.attach_file(store, child.id, plain_png(), file_name="wrong.png").value
    attachment = attachments.choose_for_packs(store, attachment.id, referral_pack=True).value
    assert attachment.in_referral_pack
    with pytest.raises(InvalidRecord, match="Say why"):
        attachments.withdraw_attachment(store, attachment.id, " ")
    withdrawn = attachments.withdraw_attachment(store, attachment.id, "Scanned for the wrong child").value
    assert withdrawn.withdrawn and withdrawn.withdrawn_reason == "Scanned for the wrong child"
    assert not withdrawn.in_referral_pack and not withdrawn.in_transfer_pack
    assert attachments.attachment_bytes(store, attachment.id)[1] == plain_png()
    assert [a.reason for a in store.amendments(attachment.id)][-1] == "Scanned for the wrong child"
    with pytest.raises(InvalidRecord, match="withdrawn"):
        attachments.choose_for_packs(store, attachment.id, referral_pack=True)
    with pytest.raises(Exception, match="never"):
        store.db.execute("DELETE FROM attachment_files WHERE record_id = ?", (str(attachment.id),))
    with pytest.raises(Exception, match="never"):
        store.db.execute("UPDATE attachment_files SET data = x'00' WHERE record_id = ?", (str(attachment.id),))


def test_exporting_one_needs_the_passphrase_and_is_audited(store: RecordStore, tmp_path: Path) -> None:
    child = _child(store)
    attachment = attachments.attach_file(store, child.id, pdf_with("minutes"), file_name="minutes.pdf").value
    out = tmp_path / "out.pdf"
    with pytest.raises(WrongPassphrase):
        attachments.export_attachment(store, attachment.id, out, "not the passphrase")
    assert not out.exists()
    attachments.export_attachment(store, attachment.id, out, PASSPHRASE)
    assert out.read_bytes() == pdf_with("minutes")
    exports = [e for e in audit.events(store.db, str(attachment.id)) if e.action == "export"]
    assert len(exports) == 1 and attachment.stored_sha256 in exports[0].detail


def test_a_bundle_carries_attachments_with_their_hash_checked(
    store: RecordStore, tmp_path: Path, make_vault: MakeVault
) -> None:
    child = _child(store)
    concern = _concern(store, child)
    scan = jpeg_with_gps()
    original = attachments.attach_file(store, child.id, scan, to=concern.id, original_of=True, file_name="f.jpg").value
    attachments.choose_for_packs(store, original.id, referral_pack=True)
    export_bundle(store, str(child.id), tmp_path / "b.json")
    text = (tmp_path / "b.json").read_text()
    data = json.loads(text)
    assert list(data["attachment_files"]) == [str(original.id)]
    with make_vault(tmp_path / "other", "Mr Bo Receiver", "DSL", "pw")[0] as other:
        other_store = RecordStore(other)
        # tampered: one byte of the file changed, or the file missing, or a file with no record
        tampered = json.loads(text)
        raw = bytearray(base64.b64decode(tampered["attachment_files"][str(original.id)]))
        raw[-10] ^= 1
        tampered["attachment_files"][str(original.id)] = base64.b64encode(bytes(raw)).decode()
        with pytest.raises(MalformedBundle, match="does not match its recorded hash"):
            import_bundle(other_store, parse_bundle(json.dumps(tampered)))
        missing = {**json.loads(text), "attachment_files": {}}
        with pytest.raises(MalformedBundle, match="do not match"):
            import_bundle(other_store, parse_bundle(json.dumps(missing)))
        stray = json.loads(text)
        stray["attachments"][0]["attached_to"] = str(uuid.uuid4())
        with pytest.raises(MalformedBundle, match="belongs to a record that is not in"):
            import_bundle(other_store, parse_bundle(json.dumps(stray)))
        assert other_store.count() == 0  # nothing was added
        imported = import_bundle(other_store, parse_bundle(text)).value
        assert imported.id == child.id
        back = other_store.get_as(Attachment, original.id)
        assert back == store.get_as(Attachment, original.id) and back.original_of and back.attached_to == concern.id
        assert (
            attachments.attachment_bytes(other_store, original.id)[1]
            == attachments.attachment_bytes(store, original.id)[1]
        )
        event = next(e for e in audit.events(other_store.db, str(child.id)) if e.action == "import")
        assert original.stored_sha256 in event.detail
        assert audit.verify(other_store.db).ok


def test_a_transfer_bundle_carries_only_the_attachments_ticked_for_it(store: RecordStore) -> None:
    child = _child(store)
    kept = attachments.attach_file(store, child.id, plain_png(), file_name="a.png").value
    left = attachments.attach_file(store, child.id, pdf_with("b"), file_name="b.pdf").value
    attachments.choose_for_packs(store, left.id, transfer_pack=False)
    assert {str(a.id) for a in build_bundle(store, str(child.id)).attachments} == {str(kept.id), str(left.id)}
    transfer = build_bundle(store, str(child.id), transfer=True)
    assert [str(a.id) for a in transfer.attachments] == [str(kept.id)]
    assert list(transfer.attachment_files) == [str(kept.id)]


NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)


def test_disposal_removes_the_childs_attached_files(tmp_path: Path, make_vault: MakeVault) -> None:
    vault, _ = make_vault(tmp_path / "v", clock=lambda: NOW)
    with vault:
        store = RecordStore(vault)
        old = add_child(store, legal_forename="Old", legal_surname="Testchild", dob=date(2001, 5, 1)).value
        set_retention(store, old.id, date(2024, 5, 1), "Retention reviewed by the DSL")
        keep = _child(store, "Keep")
        attachments.attach_file(store, old.id, plain_png())
        attachments.attach_file(store, keep.id, plain_png())
        dispose(store, old.id, "Retention period ended; reviewed by DSL and head", "Ms Ada Testperson")
        assert store.db.scalar("SELECT count(*) FROM attachment_files WHERE child_id = ?", (str(old.id),)) == 0
        assert store.db.scalar("SELECT count(*) FROM attachment_files WHERE child_id = ?", (str(keep.id),)) == 1


def test_the_attach_command_prints_the_id_and_hash(
    capsys: pytest.CaptureFixture[str], cli_env: None, vault_dir: Path, tmp_path: Path
) -> None:
    assert run_cli(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")[0] == 0
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        store = RecordStore(vault)
        child = _child(store)
        concern = _concern(store, child)
    photo = tmp_path / "IMG_0003.jpg"
    photo.write_bytes(jpeg_with_gps())
    code, out, err = run_cli(
        capsys, "attach", "--vault", str(vault_dir), "--child", str(child.id)[:8], "--to", str(concern.id)[:8],
        "--original", str(photo),
    )  # fmt: skip
    assert code == 0, err
    lines = dict(line.split(" ", 1) for line in out.splitlines() if line.startswith(("id ", "sha256 ")))
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        attached = RecordStore(vault).get_as(Attachment, lines["id"])
        assert attached.stored_sha256 == lines["sha256"] and attached.attached_to == concern.id
        assert attached.original_of and f"original-sha256 {attached.original_sha256}" in out
    bad = tmp_path / "notes.pdf"
    bad.write_text("not really a pdf")
    code, out, err = run_cli(capsys, "attach", "--vault", str(vault_dir), "--child", str(child.id), str(bad))
    assert code == 1 and "not a PDF, PNG, JPEG or HEIC" in err and "\n" not in err.strip()


def test_the_referral_pack_carries_only_the_ticked_attachments(store: RecordStore, tmp_path: Path) -> None:
    child = _child(store)
    ticked_pdf = attachments.attach_file(store, child.id, pdf_with("TICKEDPDFMARK page"), file_name="a.pdf").value
    ticked_photo = attachments.attach_file(store, child.id, jpeg_with_gps(), title="Photo of the form").value
    unticked = attachments.attach_file(store, child.id, pdf_with("UNTICKEDMARK page"), file_name="b.pdf").value
    withdrawn = attachments.attach_file(store, child.id, pdf_with("WITHDRAWNMARK page"), file_name="c.pdf").value
    for chosen in (ticked_pdf, ticked_photo, withdrawn):
        attachments.choose_for_packs(store, chosen.id, referral_pack=True)
    attachments.withdraw_attachment(store, withdrawn.id, "Wrong child")
    result = export_referral_pack(store, child.id, tmp_path / "pack.pdf")
    assert unticked.id  # (never ticked)
    reader = PdfReader(tmp_path / "pack.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "TICKEDPDFMARK" in text and "UNTICKEDMARK" not in text and "WITHDRAWNMARK" not in text
    assert "Attachment 1: a.pdf" in text and "Attachment 2: Photo of the form" in text
    assert ticked_photo.stored_sha256 in text
    photo_page = next(p for p in reader.pages if "Photo of the form" in (p.extract_text() or ""))
    assert photo_page.images  # the picture is drawn on its page
    assert result.pages == len(reader.pages)
    # every page, the attached ones too, is marked, names the child and counts the whole pack
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        page_text = page.extract_text() or ""
        assert page_text.count("OFFICIAL-SENSITIVE") >= 2, number
        assert child.legal_forename in page_text and f"Page {number} of {total}" in page_text, number
    # the contents list names the attachments and where they start
    first_attached = next(n for n, p in enumerate(reader.pages, start=1) if "Attachment 1: a.pdf" in p.extract_text())
    assert f"Attachments (2) page {first_attached}" in " ".join(reader.pages[0].extract_text().split())
    [entry] = [o for o in reader.outline if not isinstance(o, list) and o.title == "Attachments"]
    assert reader.get_destination_page_number(entry) == first_attached - 1
    export = next(e for e in audit.events(store.db, str(child.id)) if e.action == "export")
    assert ticked_pdf.stored_sha256 in export.detail and unticked.stored_sha256 not in export.detail


def test_a_concern_from_a_scanned_form_keeps_the_scan_as_its_original(store: RecordStore, tmp_path: Path) -> None:
    child = _child(store)
    scan = tmp_path / "paper form.jpg"
    scan.write_bytes(jpeg_with_gps())
    fields = {
        "child_id": str(child.id),
        "observed_at": "2026-10-01T09:00:00",
        "reporter_name": "Mr C. Example",
        "categories": ["neglect"],
        "what_happened": "Typed from the paper form.",
    }
    saved = attachments.save_concern_with_original(store, scan, **fields)
    assert saved.changes.touches(Concern.KIND, Attachment.KIND)
    [original] = attachments.attachments_of(store, child.id)
    assert original.attached_to == saved.value.id and original.original_of
    assert original.title == attachments.ORIGINAL_TITLE and original.original_sha256 == attachments.sha256(
        scan.read_bytes()
    )
    # a refused file saves neither the concern nor the attachment
    bad = tmp_path / "form.pdf"
    bad.write_bytes(b"not a scan at all")
    concerns_before = store.count(Concern.KIND)
    with pytest.raises(AttachmentRefused):
        attachments.save_concern_with_original(store, bad, **fields)
    assert store.count(Concern.KIND) == concerns_before and len(attachments.attachments_of(store, child.id)) == 1


def test_an_attached_file_reaches_the_other_devices_of_a_team(tmp_path: Path) -> None:
    a = first_replica(tmp_path)
    child = new_child(a.store, "Teamperson")
    attachment = attachments.attach_file(a.store, child.id, pdf_with("team minutes"), file_name="minutes.pdf").value
    team.sync(a.store)
    b = join(tmp_path, a, "B")
    assert attachments.attachment_bytes(b.store, attachment.id)[1] == pdf_with("team minutes")
    # kept once, in the vault's files: the event log holds the record without the file
    payloads = [str(r[0]) for r in b.store.db.execute("SELECT payload FROM team_events")]
    assert all(base64.b64encode(pdf_with("team minutes"))[:40].decode() not in p for p in payloads)
    assert list(build_bundle(b.store, str(child.id)).attachment_files) == [str(attachment.id)]


def test_a_transfer_pack_carries_the_ticked_attachments_to_the_new_school(
    store: RecordStore, tmp_path: Path, make_vault: MakeVault
) -> None:
    child = _child(store)
    sent = attachments.attach_file(store, child.id, pdf_with("TRANSFERMARK minutes"), file_name="cp-minutes.pdf").value
    kept_here = attachments.attach_file(store, child.id, plain_png(), file_name="internal.png").value
    attachments.choose_for_packs(store, kept_here.id, transfer_pack=False)
    out = tmp_path / "out"
    out.mkdir()
    pack = export_transfer(store, child.id, out, "Fictional High", "Mr Bo Receiver", kdf=FAST_KDF)
    assert not _holding(_files_under(out), [b"TRANSFERMARK"])  # sealed in the encrypted pack
    with make_vault(tmp_path / "receiver", "Mr Bo Receiver", "DSL", "receiver pass")[0] as receiver:
        other = RecordStore(receiver)
        import_transfer(other, pack.pack_path, pack.passphrase)
        assert [a.id for a in attachments.attachments_of(other, child.id)] == [sent.id]
        assert attachments.attachment_bytes(other, sent.id)[1] == pdf_with("TRANSFERMARK minutes")
