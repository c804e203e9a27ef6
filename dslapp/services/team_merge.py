"""Taking in the team's change files (issue 18): read, check, decrypt and apply each device's files in order.

Each file is applied in one transaction with its audit row (a crash leaves it simply not applied yet). Records are
a union; a record's amendments are folded in clock order (``dslapp.team.fold``); shared settings are
last-writer-wins; device additions and removals update the team's device list. A file that fails any check is
refused with one line naming it, and everything else carries on.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dslapp.errors import CasebookError, NotInTeam, TeamFileRejected, TeamFolderUnusable
from dslapp.models import RECORD_KINDS, Attachment
from dslapp.services.changes import Changes
from dslapp.store import RecordStore
from dslapp.store import attachments as attached_files
from dslapp.store.records import validate
from dslapp.store.team import DeviceRow, EventRow, KeyRow, TeamStore
from dslapp.team import change_file, hlc, keyring
from dslapp.team import folder as layout
from dslapp.team.fold import fold
from dslapp.vault.audit import Action, AuditEvent
from dslapp.vault.vault import Vault

Casebook = RecordStore

SHARED_SETTINGS = frozenset({"school"})
"""Casebook settings the team shares as last-writer-wins registers."""

# keys of this device's membership in team_meta
TEAM_ID = "team_id"
DEVICE = "device_id"
FOLDER = "folder"
SIGN = "sign_private"
BOX = "box_private"
CLOCK = "clock"
REMOVED = "removed"


def member(ts: TeamStore) -> tuple[str, keyring.DeviceKeys, Path]:
    team_id = ts.get(TEAM_ID)
    if team_id is None:
        raise NotInTeam()
    me = keyring.DeviceKeys(str(ts.get(DEVICE)), str(ts.get(SIGN)), str(ts.get(BOX)))
    return team_id, me, Path(str(ts.get(FOLDER)))


def now_ms(vault: Vault) -> int:
    return int(vault.now().timestamp() * 1000)


def clock_of(ts: TeamStore) -> hlc.Stamp:
    text = ts.get(CLOCK)
    return hlc.Stamp.parse(text) if text else hlc.ZERO


def text_of(event: dict[str, Any], key: str) -> str:
    value = event.get(key)
    if not isinstance(value, str):
        raise TeamFileRejected("its content is damaged")
    return value


def check_folder(root: Path, team_id: str) -> None:
    if not root.is_dir():
        raise TeamFolderUnusable(
            f"The team folder {root} cannot be found. Check the program that shares it (OneDrive, Google Drive, a "
            "network share or Syncthing) is running and the folder is there."
        )
    found = layout.read_team_id(root)
    if found is not None and found != team_id:
        raise TeamFolderUnusable(f"The folder {root} holds another team's casebook, not this one's.")


def _subject(event: dict[str, Any]) -> str:
    kind = event["type"]
    if kind in ("record", "amend"):
        return text_of(event, "id")
    if kind == "register":
        return "register:" + text_of(event, "name")
    return "device:" + text_of(event, "device_id")


def event_row(device_id: str, seq: int, index: int, event: dict[str, Any]) -> EventRow:
    # an attached file travels in its record's event but is kept once, in attachment_files, not in the event log
    kept = {k: v for k, v in event.items() if k != "file"}
    return EventRow(
        f"{device_id}:{seq}:{index}", device_id, seq, text_of(event, "hlc"), event["type"], _subject(event), kept
    )


@dataclass
class Merge:
    applied: int = 0
    rejected: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    waiting: int = 0
    changes: Changes = field(default_factory=Changes)


def _relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _take_keys(casebook: Casebook, root: Path, team_id: str, me: keyring.DeviceKeys, merge: Merge) -> bool:
    ts = TeamStore(casebook.vault)
    progress = False
    try:
        paths = sorted(
            p for p in (root / layout.KEYS).iterdir() if p.suffix == ".key" and not layout.is_temporary(p.name)
        )
    except OSError:
        return False
    for path in paths:
        if ts.key(path.stem) is not None:
            continue
        try:
            parsed = keyring.parse_keys_file(path.read_bytes())
            if parsed.team_id != team_id:
                raise TeamFileRejected("it belongs to another team's casebook")
            if parsed.key_id != path.stem:
                raise TeamFileRejected("its name does not match its content")
            author = ts.device(parsed.author)
            if author is None:
                continue  # from a device we do not know yet: wait
            if author.removed_after is not None:
                raise TeamFileRejected("it was written by a device removed from the team")
            key = keyring.open_keys_file(parsed, author.sign_public, me)
        except TeamFileRejected as exc:
            merge.rejected.append(f"{_relative(root, path)}: rejected: {exc}")
            continue
        except OSError:
            continue
        if key is None:
            continue
        with casebook.vault.db.transaction():
            ts.add_key(KeyRow(key.key_id, key.epoch, key.key))
            casebook.vault.audit(Action.TEAM, f"team:{parsed.author}", f"team key for epoch {key.epoch} received")
        progress = True
    return progress


def _take_device(
    casebook: Casebook, root: Path, folder: Path, team_id: str, me: keyring.DeviceKeys, merge: Merge
) -> bool:
    ts = TeamStore(casebook.vault)
    device_id = folder.name
    listing = layout.list_device(folder)
    progress = False
    seq = ts.applied(device_id) + 1
    while True:
        candidates = listing.candidates(seq)
        if not candidates:
            break
        applied = False
        for path in candidates:
            try:
                data = path.read_bytes()
            except OSError:
                continue
            try:
                parsed = change_file.parse(data)
                header = parsed.header
                if header.team_id != team_id:
                    raise TeamFileRejected("it belongs to another team's casebook")
                device = ts.device(device_id)
                if device is None:
                    break  # a device we do not know yet (its enrolment has not reached us): wait
                if header.device_id != device_id or header.seq != seq:
                    raise TeamFileRejected("its name or folder does not match its content")
                if device.removed_after is not None and seq > device.removed_after:
                    raise TeamFileRejected("it was written after its device was removed from the team")
                change_file.check_signature(parsed, bytes.fromhex(device.sign_public))
                key = ts.key(header.key_id)
                if key is None:
                    break  # its key has not reached us yet: wait
                events = change_file.open_events(parsed, bytes.fromhex(key.key))
                try:
                    merge.changes = merge.changes | _apply(casebook, device_id, seq, events)
                except (KeyError, TypeError, ValueError) as exc:  # signed by a member, yet not well formed
                    raise TeamFileRejected("its content is damaged") from exc
            except TeamFileRejected as exc:
                merge.rejected.append(f"{_relative(root, path)}: rejected: {exc}")
                continue
            applied = True
            break
        if not applied:
            break
        merge.applied += 1
        progress = True
        seq += 1
    return progress


def _report_folder(root: Path, ts: TeamStore, me: keyring.DeviceKeys, merge: Merge) -> None:
    """Count what waits, and name the files that are not ours to read (conflict copies, stray files)."""
    for folder in layout.device_folders(root):
        listing = layout.list_device(folder)
        applied = ts.applied(folder.name)
        if folder.name != me.device_id:
            merge.waiting += sum(1 for s in listing.canonical if s > applied)
        for seq, copies in sorted(listing.copies.items()):
            if seq <= applied:
                for path in copies:
                    merge.ignored.append(
                        f"{_relative(root, path)}: ignored (a copy made by the sync program; the original is used)"
                    )
        for path in listing.ignored:
            merge.ignored.append(f"{_relative(root, path)}: ignored (not a change file name)")


def _apply(casebook: Casebook, device_id: str, seq: int, events: list[dict[str, Any]]) -> Changes:
    """Apply one verified change file in one transaction, with its audit row."""
    vault = casebook.vault
    ts = TeamStore(vault)
    me = str(ts.get(DEVICE))
    changes = Changes()
    counts = {"record": 0, "amend": 0, "register": 0, "device": 0}
    with vault.db.transaction():
        clock = clock_of(ts)
        touched: list[str] = []
        for index, event in enumerate(events):
            kind = event.get("type")
            stamp = hlc.Stamp.parse(text_of(event, "hlc"))
            if stamp.device != device_id and kind != "audit":
                raise TeamFileRejected("it holds a change stamped by another device")
            clock = hlc.receive(clock, stamp, now_ms(vault), me)
            if kind == "audit":
                _take_audit_rows(ts, device_id, event)
                continue
            if kind not in ("record", "amend", "register", "device_added", "device_profile", "device_removed"):
                raise TeamFileRejected("it holds a kind of change this version does not know (update this laptop)")
            row = event_row(device_id, seq, index, event)
            if not ts.add_event(row):
                continue  # already here (idempotent)
            if kind == "record":
                counts["record"] += 1
                record = _record_from(event)
                if not ts.record_exists(str(record.id)):
                    casebook.insert_replicated(record)
                    if isinstance(record, Attachment):
                        _take_attached_file(casebook, record, event)
                ts.mark_record(str(record.id))
                touched.append(str(record.id))
                changes = changes | _changes_of(record)
            elif kind == "amend":
                counts["amend"] += 1
                touched.append(text_of(event, "id"))
            elif kind == "register":
                counts["register"] += 1
                _apply_register(vault, ts, event, device_id)
            else:
                counts["device"] += 1
                _apply_device_event(vault, ts, event, device_id, me)
        for record_id in dict.fromkeys(touched):
            amended = _reconcile(casebook, ts, record_id)
            if amended is not None:
                changes = changes | _changes_of(amended)
        ts.set_applied(device_id, seq)
        ts.put(CLOCK, clock.text())
        if any(counts.values()):
            vault.audit(
                Action.TEAM,
                f"team:{device_id}",
                f"change file {seq} taken in: {counts['record']} records, {counts['amend']} amendments, "
                f"{counts['register']} shared settings, {counts['device']} device changes",
            )
    return changes


def _take_attached_file(casebook: Casebook, attachment: Attachment, event: dict[str, Any]) -> None:
    """Keep the file an attachment's record event carries, once its SHA-256 matches the record's."""
    try:
        data = base64.b64decode(text_of(event, "file"), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise TeamFileRejected("it holds an attached file that is damaged") from exc
    if hashlib.sha256(data).hexdigest() != attachment.stored_sha256:
        raise TeamFileRejected("it holds an attached file that does not match its recorded hash")
    attached_files.add_file(casebook.db, str(attachment.id), str(attachment.child_id), attachment.stored_sha256, data)


def _changes_of(record: Any) -> Changes:
    child = getattr(record, "child_id", None)
    if record.KIND == "child":
        child = record.id
    return Changes.of(record.KIND, child_id=str(child) if child else None)


def _record_from(event: dict[str, Any]) -> Any:
    kind = text_of(event, "kind")
    cls = RECORD_KINDS.get(kind)
    body = event.get("body")
    if cls is None:
        raise TeamFileRejected("it holds a kind of record this version does not know (update this laptop)")
    if not isinstance(body, dict):
        raise TeamFileRejected("its content is damaged")
    data = {
        **body,
        "id": text_of(event, "id"),
        "created_at": text_of(event, "created_at"),
        "created_by": text_of(event, "created_by"),
        "version": 1,
    }
    try:
        return validate(cls, data, stored=True)
    except CasebookError as exc:
        raise TeamFileRejected("it holds a record that is not valid") from exc


def _reconcile(casebook: Casebook, ts: TeamStore, record_id: str) -> Any:
    """Apply the record's amendment events not yet applied here, each as one more amendment, so its body is the
    fold of all of them in clock order. Returns the record as amended, or None if nothing was applied."""
    if not ts.record_exists(record_id):
        return None  # its record has not arrived yet: the events wait in team_events
    originals = ts.events_about(record_id, "record")
    if not originals:
        return None
    original = originals[0].payload["body"]
    events = ts.events_about(record_id, "amend")
    applied = ts.applied_amendment_events(record_id)
    done = [e for e in events if e.event_id in applied]
    amended = None
    for event in events:
        if event.event_id in applied:
            continue
        done.append(event)
        changes = event.payload.get("changes")
        if not isinstance(changes, dict):
            raise TeamFileRejected("it holds an amendment that is damaged")
        target = fold(original, [(e.hlc, e.payload["changes"]) for e in done])
        try:
            amended = casebook.amend_replicated(
                record_id,
                target,
                at=text_of(event.payload, "at"),
                by=text_of(event.payload, "by"),
                reason=text_of(event.payload, "reason"),
            )
        except CasebookError as exc:
            raise TeamFileRejected("it holds an amendment that is not valid") from exc
        ts.mark_amendment(record_id, amended.version, event.event_id)
    return amended


def _apply_register(vault: Vault, ts: TeamStore, event: dict[str, Any], device_id: str) -> None:
    name = text_of(event, "name")
    value = text_of(event, "value")
    stamp = text_of(event, "hlc")
    current = ts.register(name)
    if current is None or stamp > current[1]:
        ts.set_register(name, value, stamp, device_id)
        if name in SHARED_SETTINGS:
            ts.set_casebook_setting(name, value)
        outcome = "now in force"
    else:
        outcome = f"kept in the trail; the later write from device {current[2][:8]} stays in force"
    vault.audit(
        Action.TEAM, f"setting:{name}", f"shared setting written on device {device_id[:8]} at {stamp}: {outcome}"
    )


def _apply_device_event(vault: Vault, ts: TeamStore, event: dict[str, Any], device_id: str, me: str) -> None:
    kind = event["type"]
    subject = text_of(event, "device_id")
    if kind == "device_added":
        ts.add_device(
            DeviceRow(
                subject,
                text_of(event, "name"),
                text_of(event, "role"),
                text_of(event, "sign_public"),
                text_of(event, "box_public"),
                text_of(event, "hlc"),
                None,
            )
        )
    elif kind == "device_profile":
        if subject != device_id:
            raise TeamFileRejected("it names another device than the one that wrote it")
        ts.name_device(subject, text_of(event, "name"), text_of(event, "role"))
    else:
        after = event.get("removed_after")
        if not isinstance(after, int):
            raise TeamFileRejected("its content is damaged")
        ts.remove_device(subject, after)
        if subject == me:
            ts.put(REMOVED, text_of(event, "hlc"))
        vault.audit(Action.TEAM, f"team:{subject}", f"device removed from the team by device {device_id[:8]}")


def _take_audit_rows(ts: TeamStore, device_id: str, event: dict[str, Any]) -> None:
    rows = event.get("rows")
    if not isinstance(rows, list):
        raise TeamFileRejected("its content is damaged")
    try:
        events = [AuditEvent(*row) for row in rows]
    except TypeError as exc:
        raise TeamFileRejected("its content is damaged") from exc
    ts.add_device_audit(device_id, events)


def _removals_first(casebook: Casebook, root: Path, team_id: str, me: keyring.DeviceKeys) -> None:
    """Look through the files waiting to be taken in for device removals, and apply those first.

    Files are taken in device by device; without this, a file the removed laptop wrote after its removal could be
    taken in just before the removal itself, in the same merge, on one member and refused on another."""
    ts = TeamStore(casebook.vault)
    for folder in layout.device_folders(root):
        if folder.name == me.device_id:
            continue
        device = ts.device(folder.name)
        if device is None:
            continue
        listing = layout.list_device(folder)
        seq = ts.applied(folder.name) + 1
        while seq in listing.canonical:
            try:
                parsed = change_file.parse(listing.canonical[seq].read_bytes())
                key = ts.key(parsed.header.key_id)
                if parsed.header.team_id != team_id or key is None or parsed.header.seq != seq:
                    break
                change_file.check_signature(parsed, bytes.fromhex(device.sign_public))
                events = change_file.open_events(parsed, bytes.fromhex(key.key))
            except (TeamFileRejected, OSError):
                break
            removals = [e for e in events if e.get("type") == "device_removed"]
            for event in removals:
                subject, after = event.get("device_id"), event.get("removed_after")
                if isinstance(subject, str) and isinstance(after, int) and subject != me.device_id:
                    with casebook.vault.db.transaction():
                        ts.remove_device(subject, after)
            seq += 1


def merge_folder(casebook: Casebook) -> Merge:
    ts = TeamStore(casebook.vault)
    team_id, me, root = member(ts)
    merge = Merge()
    _removals_first(casebook, root, team_id, me)
    progress = True
    while progress:  # a device's files may wait on another's (its enrolment, a new key): go round until still
        merge.rejected.clear()
        progress = _take_keys(casebook, root, team_id, me, merge)
        for folder in layout.device_folders(root):
            if folder.name != me.device_id:
                progress = _take_device(casebook, root, folder, team_id, me, merge) or progress
    _report_folder(root, ts, me, merge)
    return merge
