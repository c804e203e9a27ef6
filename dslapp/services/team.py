"""The team casebook (issue 18): start a team, invite and remove devices, join, and sync through a folder.

A device sends its own work as numbered change files in ``changes/<device>/`` and takes in everyone else's.
Sending first stores the finished file in the casebook (``team_outbox``), in the same transaction that marks
the records and amendments it carries as sent; only then is it written to the folder (temporary name, then
rename). A crash at any point leaves either nothing sent (the next sync sends it) or a file kept in the
casebook that the next sync writes again byte for byte. Each file taken in is applied in one transaction with
its audit row, so a crash during a merge leaves no half-applied change: the file is simply applied again.

Functions here are called on the DB worker (the app) or by the CLI; none opens a socket.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from dslapp.errors import (
    AlreadyInTeam,
    CannotRemoveThisDevice,
    CasebookError,
    EnrolmentUsed,
    NotInTeam,
    RemovedFromTeam,
    TeamDeviceUnknown,
    TeamFileRejected,
    TeamFolderUnusable,
    UnknownSharedSetting,
    WrongEnrolmentCode,
)
from dslapp.models import RECORD_KINDS
from dslapp.services.changes import Changes
from dslapp.services.results import Saved
from dslapp.store import RecordStore
from dslapp.store.records import validate
from dslapp.store.team import DeviceRow, EventRow, KeyRow, TeamStore
from dslapp.team import change_file, enrolment, hlc, keyring
from dslapp.team import folder as layout
from dslapp.team.fold import changes_between, fold
from dslapp.vault import keys
from dslapp.vault.audit import GENESIS, Action, AuditEvent, row_hash
from dslapp.vault.vault import Vault

Casebook = RecordStore

AUDIT_BATCH = 100
"""Audit rows travel with the next change file, or in a file of their own once this many are waiting (so an idle
team does not write a file at every unlock)."""
INVITATION_VALID_FOR = timedelta(hours=48)
SHARED_SETTINGS = frozenset({"school"})
"""Casebook settings the team shares as last-writer-wins registers."""

_TEAM_ID = "team_id"
_DEVICE = "device_id"
_FOLDER = "folder"
_SIGN = "sign_private"
_BOX = "box_private"
_CLOCK = "clock"
_AUDIT_SENT = "audit_sent"
_FLUSHED = "flushed_through"
_LAST_MERGE = "last_merge"
_LAST_SEND = "last_send"
_REJECTED = "rejected"
_IGNORED = "ignored"
_WAITING = "waiting"
_REMOVED = "removed"
_KEYS_FILE = "keys_file:"
_INVITATION = "invitation:"


# ---- results ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamDevice:
    device_id: str
    name: str
    role: str
    removed: bool
    this_device: bool


@dataclass(frozen=True)
class TeamStatus:
    """What Settings → Team and ``dslapp team status`` show."""

    in_team: bool
    team_id: str = ""
    device_id: str = ""
    folder: str = ""
    last_merge: str | None = None
    last_send: str | None = None
    pending: int = 0
    """This device's changes not yet in the team folder."""
    waiting: int = 0
    """Other devices' change files present but not yet applied (waiting for an earlier file or a key)."""
    rejected: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    removed: bool = False
    devices: tuple[TeamDevice, ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["rejected"] = list(self.rejected)
        data["ignored"] = list(self.ignored)
        data["devices"] = [asdict(d) for d in self.devices]
        return data


@dataclass(frozen=True)
class SyncReport:
    sent: int
    """Change files this device wrote."""
    applied: int
    """Other devices' change files taken in."""
    rejected: tuple[str, ...]
    """One line per file refused: its path in the team folder and why."""
    ignored: tuple[str, ...]
    waiting: int


@dataclass(frozen=True)
class Invitation:
    code: str
    """Show once; it is kept nowhere."""
    device_id: str
    expires_at: datetime


@dataclass(frozen=True)
class Joined:
    casebook: Casebook
    recovery_key: str
    """The new copy's own recovery key: show once, for the school safe."""
    device_id: str
    report: SyncReport


@dataclass(frozen=True)
class DeviceTrail:
    device_id: str
    name: str
    rows: int
    problems: tuple[str, ...]


# ---- small helpers ------------------------------------------------------------------------------------


def _member(ts: TeamStore) -> tuple[str, keyring.DeviceKeys, Path]:
    team_id = ts.get(_TEAM_ID)
    if team_id is None:
        raise NotInTeam()
    me = keyring.DeviceKeys(str(ts.get(_DEVICE)), str(ts.get(_SIGN)), str(ts.get(_BOX)))
    return team_id, me, Path(str(ts.get(_FOLDER)))


def _now_ms(vault: Vault) -> int:
    return int(vault.now().timestamp() * 1000)


def _clock(ts: TeamStore) -> hlc.Stamp:
    text = ts.get(_CLOCK)
    return hlc.Stamp.parse(text) if text else hlc.ZERO


def _text(event: dict[str, Any], key: str) -> str:
    value = event.get(key)
    if not isinstance(value, str):
        raise TeamFileRejected("its content is damaged")
    return value


def _check_folder(root: Path, team_id: str) -> None:
    if not root.is_dir():
        raise TeamFolderUnusable(
            f"The team folder {root} cannot be found. Check the program that shares it (OneDrive, Google Drive, a "
            "network share or Syncthing) is running and the folder is there."
        )
    found = layout.read_team_id(root)
    if found is not None and found != team_id:
        raise TeamFolderUnusable(f"The folder {root} holds another team's casebook, not this one's.")


# ---- sending --------------------------------------------------------------------------------------------


def _send(casebook: Casebook, extra: list[dict[str, Any]] | None = None) -> int | None:
    """Put this device's unsent work into a new change file kept in the casebook (not yet in the folder).

    Returns its sequence number, or None when there was nothing to send. Runs in one transaction (the
    caller's, if there is one)."""
    vault = casebook.vault
    ts = TeamStore(vault)
    team_id, me, _ = _member(ts)
    if ts.get(_REMOVED):
        raise RemovedFromTeam()
    with vault.db.transaction():
        clock = _clock(ts)
        events: list[dict[str, Any]] = []

        def stamped(event: dict[str, Any]) -> dict[str, Any]:
            nonlocal clock
            if "hlc" not in event:
                clock = hlc.tick(clock, _now_ms(vault), me.device_id)
                event = {**event, "hlc": clock.text()}
            events.append(event)
            return event

        for event in extra or []:
            stamped(event)
        records = ts.unsent_records()
        for record in records:
            stamped(
                {
                    "type": "record",
                    "kind": record.kind,
                    "id": record.record_id,
                    "created_at": record.created_at,
                    "created_by": record.created_by,
                    "body": json.loads(record.original_body),
                }
            )
        amendments = ts.unsent_amendments()
        amendment_events: list[tuple[str, int, dict[str, Any]]] = []
        for amendment in amendments:
            event = stamped(
                {
                    "type": "amend",
                    "id": amendment.record_id,
                    "changes": changes_between(json.loads(amendment.before), json.loads(amendment.after)),
                    "reason": amendment.reason,
                    "by": amendment.by,
                    "at": amendment.at,
                }
            )
            amendment_events.append((amendment.record_id, amendment.version, event))
        audit_sent = int(ts.get(_AUDIT_SENT) or 0)
        waiting_audit = ts.count_own_audit_since(audit_sent)
        if not events and waiting_audit < AUDIT_BATCH:
            return None
        rows = ts.own_audit_since(audit_sent)
        if rows:
            stamped({"type": "audit", "rows": [list(asdict(r).values()) for r in rows]})
        key = ts.newest_key()
        if key is None:  # pragma: no cover - a team always has its first key
            raise NotInTeam()
        seq = ts.last_outbox_seq() + 1
        header = change_file.Header(
            change_file.FORMAT, team_id, me.device_id, seq, key.epoch, key.key_id, change_file.new_nonce()
        )
        content = change_file.seal(header, events, bytes.fromhex(key.key), me.signing_key)
        ts.add_outbox(seq, layout.change_name(seq), content)
        for index, event in enumerate(events):
            if event["type"] != "audit":
                ts.add_event(_event_row(me.device_id, seq, index, event))
        for record in records:
            ts.mark_record(record.record_id)
        for record_id, version, event in amendment_events:
            ts.mark_amendment(record_id, version, f"{me.device_id}:{seq}:{events.index(event)}")
        if rows:
            ts.put(_AUDIT_SENT, str(rows[-1].seq))
        ts.put(_CLOCK, clock.text())
        ts.put(_LAST_SEND, vault.now().isoformat())
        ts.set_applied(me.device_id, seq)
        vault.audit(
            Action.TEAM,
            f"team:{me.device_id}",
            f"change file {seq} kept for the team folder: {len(records)} records, {len(amendments)} amendments, "
            f"{len(rows)} audit rows",
        )
    return seq


def _subject(event: dict[str, Any]) -> str:
    kind = event["type"]
    if kind in ("record", "amend"):
        return _text(event, "id")
    if kind == "register":
        return "register:" + _text(event, "name")
    return "device:" + _text(event, "device_id")


def _event_row(device_id: str, seq: int, index: int, event: dict[str, Any]) -> EventRow:
    return EventRow(
        f"{device_id}:{seq}:{index}", device_id, seq, _text(event, "hlc"), event["type"], _subject(event), event
    )


def _flush(casebook: Casebook) -> int:
    """Write every kept change file and keys file missing from the team folder. Returns how many were written."""
    ts = TeamStore(casebook.vault)
    _, me, root = _member(ts)
    mine = root / layout.CHANGES / me.device_id
    try:
        mine.mkdir(parents=True, exist_ok=True)
        present = {p.name for p in mine.iterdir()}
    except OSError as exc:
        raise TeamFolderUnusable() from exc
    flushed = int(ts.get(_FLUSHED) or 0)
    written = 0
    last = flushed
    for seq, name in ts.outbox_names():
        if seq > flushed or name not in present:  # new, or lost from the folder: written again byte for byte
            layout.write_once(mine / name, ts.outbox_file(seq))
            written += 1
        last = max(last, seq)
    for key_row in ts.team_keys():
        stored = ts.get(_KEYS_FILE + key_row.key_id)
        if stored is not None:
            layout.write_once(root / layout.KEYS / f"{key_row.key_id}.key", bytes.fromhex(stored))
    if last != flushed:
        with casebook.vault.db.transaction():
            ts.put(_FLUSHED, str(last))
    return written


# ---- taking in ------------------------------------------------------------------------------------------


@dataclass
class _Merge:
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


def _take_keys(casebook: Casebook, root: Path, team_id: str, me: keyring.DeviceKeys, merge: _Merge) -> bool:
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
    casebook: Casebook, root: Path, folder: Path, team_id: str, me: keyring.DeviceKeys, merge: _Merge
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


def _report_folder(root: Path, ts: TeamStore, me: keyring.DeviceKeys, merge: _Merge) -> None:
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
    me = str(ts.get(_DEVICE))
    changes = Changes()
    counts = {"record": 0, "amend": 0, "register": 0, "device": 0}
    with vault.db.transaction():
        clock = _clock(ts)
        touched: list[str] = []
        for index, event in enumerate(events):
            kind = event.get("type")
            stamp = hlc.Stamp.parse(_text(event, "hlc"))
            if stamp.device != device_id and kind != "audit":
                raise TeamFileRejected("it holds a change stamped by another device")
            clock = hlc.receive(clock, stamp, _now_ms(vault), me)
            if kind == "audit":
                _take_audit_rows(ts, device_id, event)
                continue
            if kind not in ("record", "amend", "register", "device_added", "device_profile", "device_removed"):
                raise TeamFileRejected("it holds a kind of change this version does not know (update this laptop)")
            row = _event_row(device_id, seq, index, event)
            if not ts.add_event(row):
                continue  # already here (idempotent)
            if kind == "record":
                counts["record"] += 1
                record = _record_from(event)
                if not ts.record_exists(str(record.id)):
                    casebook.insert_replicated(record)
                ts.mark_record(str(record.id))
                touched.append(str(record.id))
                changes = changes | _changes_of(record)
            elif kind == "amend":
                counts["amend"] += 1
                touched.append(_text(event, "id"))
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
        ts.put(_CLOCK, clock.text())
        if any(counts.values()):
            vault.audit(
                Action.TEAM,
                f"team:{device_id}",
                f"change file {seq} taken in: {counts['record']} records, {counts['amend']} amendments, "
                f"{counts['register']} shared settings, {counts['device']} device changes",
            )
    return changes


def _changes_of(record: Any) -> Changes:
    child = getattr(record, "child_id", None)
    if record.KIND == "child":
        child = record.id
    return Changes.of(record.KIND, child_id=str(child) if child else None)


def _record_from(event: dict[str, Any]) -> Any:
    kind = _text(event, "kind")
    cls = RECORD_KINDS.get(kind)
    body = event.get("body")
    if cls is None:
        raise TeamFileRejected("it holds a kind of record this version does not know (update this laptop)")
    if not isinstance(body, dict):
        raise TeamFileRejected("its content is damaged")
    data = {
        **body,
        "id": _text(event, "id"),
        "created_at": _text(event, "created_at"),
        "created_by": _text(event, "created_by"),
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
                at=_text(event.payload, "at"),
                by=_text(event.payload, "by"),
                reason=_text(event.payload, "reason"),
            )
        except CasebookError as exc:
            raise TeamFileRejected("it holds an amendment that is not valid") from exc
        ts.mark_amendment(record_id, amended.version, event.event_id)
    return amended


def _apply_register(vault: Vault, ts: TeamStore, event: dict[str, Any], device_id: str) -> None:
    name = _text(event, "name")
    value = _text(event, "value")
    stamp = _text(event, "hlc")
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
    subject = _text(event, "device_id")
    if kind == "device_added":
        ts.add_device(
            DeviceRow(
                subject,
                _text(event, "name"),
                _text(event, "role"),
                _text(event, "sign_public"),
                _text(event, "box_public"),
                _text(event, "hlc"),
                None,
            )
        )
    elif kind == "device_profile":
        if subject != device_id:
            raise TeamFileRejected("it names another device than the one that wrote it")
        ts.name_device(subject, _text(event, "name"), _text(event, "role"))
    else:
        after = event.get("removed_after")
        if not isinstance(after, int):
            raise TeamFileRejected("its content is damaged")
        ts.remove_device(subject, after)
        if subject == me:
            ts.put(_REMOVED, _text(event, "hlc"))
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


def _merge(casebook: Casebook) -> _Merge:
    ts = TeamStore(casebook.vault)
    team_id, me, root = _member(ts)
    merge = _Merge()
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


def _tidy_invitations(ts: TeamStore, root: Path, now: datetime) -> None:
    """Remove invitations past their expiry (any device may: they open nothing any more), and those this device
    issued whose new member has joined (their first change file is here): each code works once."""
    with contextlib.suppress(OSError):
        for path in (root / layout.ENROL).glob("*.enrol"):
            expires = enrolment.expiry(path.read_bytes())
            invited = ts.get(_INVITATION + path.name)
            joined = invited is not None and any((root / layout.CHANGES / invited).glob("*.chg"))
            if joined or (expires is not None and expires <= now):
                with contextlib.suppress(OSError):
                    path.unlink()


# ---- use cases ------------------------------------------------------------------------------------------


def is_in_team(casebook: Casebook) -> bool:
    return TeamStore(casebook.vault).get(_TEAM_ID) is not None


def create_team(casebook: Casebook, folder: Path) -> Saved[TeamStatus]:
    """Make this casebook the first device of a new team using ``folder``; its records become the first changes."""
    vault = casebook.vault
    ts = TeamStore(vault)
    if ts.get(_TEAM_ID) is not None:
        raise AlreadyInTeam()
    root = folder.expanduser().absolute()
    team_id = str(uuid.uuid4())
    # a sync program's own marker (Syncthing's .stfolder, a desktop.ini) does not make a folder "in use"
    in_use = root.exists() and any(not layout.is_temporary(p.name) and p.name != "desktop.ini" for p in root.iterdir())
    if in_use and layout.read_team_id(root) is None:
        raise TeamFolderUnusable("That folder is not empty. Choose an empty folder for the team casebook.")
    layout.prepare(root, team_id)
    me = keyring.DeviceKeys.new()
    key = keyring.TeamKey.new(0)
    with vault.db.transaction():
        for name, value in (
            (_TEAM_ID, team_id),
            (_DEVICE, me.device_id),
            (_FOLDER, str(root)),
            (_SIGN, me.sign_private),
            (_BOX, me.box_private),
        ):
            ts.put(name, value)
        ts.add_key(KeyRow(key.key_id, key.epoch, key.key))
        clock = hlc.tick(hlc.ZERO, _now_ms(vault), me.device_id)
        ts.put(_CLOCK, clock.text())
        added = _device_added(me, vault.user.name, vault.user.role, clock.text())
        ts.add_device(_device_row(added))
        vault.audit(Action.TEAM, f"team:{me.device_id}", "this casebook started a team casebook as its first device")
        extra = [added]
        if vault.school:
            clock = hlc.tick(clock, _now_ms(vault), me.device_id)
            ts.put(_CLOCK, clock.text())
            extra.append({"type": "register", "name": "school", "value": vault.school, "hlc": clock.text()})
            ts.set_register("school", vault.school, clock.text(), me.device_id)
        _send(casebook, extra)
    _flush(casebook)
    return Saved(status(casebook), Changes.of("team"))


def _device_added(device: keyring.DeviceKeys, name: str, role: str, stamp: str) -> dict[str, Any]:
    return {
        "type": "device_added",
        "device_id": device.device_id,
        "name": name,
        "role": role,
        "sign_public": device.sign_public,
        "box_public": device.box_public,
        "hlc": stamp,
    }


def _device_row(event: dict[str, Any]) -> DeviceRow:
    return DeviceRow(
        event["device_id"], event["name"], event["role"], event["sign_public"], event["box_public"], event["hlc"], None
    )


def invite(casebook: Casebook, *, valid_for: timedelta = INVITATION_VALID_FOR) -> Saved[Invitation]:
    """A one-time enrolment code for a new device, and its invitation file in the team folder."""
    vault = casebook.vault
    ts = TeamStore(vault)
    team_id, me, root = _member(ts)
    if ts.get(_REMOVED):
        raise RemovedFromTeam()
    _check_folder(root, team_id)
    while True:
        code = enrolment.new_code()
        path = root / layout.ENROL / f"{enrolment.file_tag(code)}.enrol"
        if not path.exists():
            break
    new = keyring.DeviceKeys.new()
    expires_at = vault.now() + valid_for
    params = keys.calibrate()  # looked up on the module so tests can make it fast
    with vault.db.transaction():
        clock = hlc.tick(_clock(ts), _now_ms(vault), me.device_id)
        ts.put(_CLOCK, clock.text())
        added = _device_added(new, "(invited)", "", clock.text())
        ts.add_device(_device_row(added))
        content = {
            "team_id": team_id,
            "device_id": new.device_id,
            "sign_private": new.sign_private,
            "box_private": new.box_private,
            "keys": [asdict(k) for k in ts.team_keys()],
            "devices": [asdict(d) for d in ts.devices()],
            "invited_by": me.device_id,
        }
        sealed = enrolment.seal(
            code,
            team_id,
            expires_at,
            enrolment.Cost(params.time_cost, params.memory_cost, params.parallelism),
            content,
        )
        vault.audit(
            Action.TEAM, f"team:{new.device_id}", f"enrolment code issued, valid until {expires_at.isoformat()}"
        )
        _send(casebook, [added])
    layout.write_once(path, sealed)
    with vault.db.transaction():
        ts.put(_INVITATION + path.name, new.device_id)
    _flush(casebook)
    return Saved(Invitation(code, new.device_id, expires_at), Changes.of("team"))


def join_team(
    directory: Path,
    folder: Path,
    code: str,
    *,
    name: str,
    role: str,
    passphrase: str,
    school: str = "",
    kdf: keys.KdfParams | None = None,
) -> Joined:
    """Create this device's casebook from the team folder with the enrolment code; the member's own passphrase
    protects it, and it has its own recovery key (returned: show once)."""
    root = folder.expanduser().absolute()
    team_id = layout.read_team_id(root)
    if team_id is None:
        raise TeamFolderUnusable(
            f"There is no team casebook in {root}. Check the folder, and that it has finished copying to this computer."
        )
    path = root / layout.ENROL / f"{enrolment.file_tag(code)}.enrol"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise WrongEnrolmentCode() from exc
    from_datetime = datetime.now().astimezone()
    sealed_team, content = enrolment.open_sealed(data, code, from_datetime)
    if sealed_team != team_id or content.get("team_id") != team_id:
        raise WrongEnrolmentCode()
    if any((root / layout.CHANGES / str(content.get("device_id"))).glob("*.chg")):
        raise EnrolmentUsed()  # a second laptop with the same device id would break both
    vault, recovery_key = Vault.create(directory, name, role, passphrase, school=school, kdf=kdf or keys.calibrate())
    casebook = RecordStore(vault)
    try:
        ts = TeamStore(vault)
        me = keyring.DeviceKeys(str(content["device_id"]), str(content["sign_private"]), str(content["box_private"]))
        with vault.db.transaction():
            for key_name, value in (
                (_TEAM_ID, team_id),
                (_DEVICE, me.device_id),
                (_FOLDER, str(root)),
                (_SIGN, me.sign_private),
                (_BOX, me.box_private),
            ):
                ts.put(key_name, value)
            for key in content["keys"]:
                ts.add_key(KeyRow(str(key["key_id"]), int(key["epoch"]), str(key["key"])))
            for device in content["devices"]:
                ts.add_device(DeviceRow(**device))
            ts.name_device(me.device_id, vault.user.name, vault.user.role)
            vault.audit(Action.TEAM, f"team:{me.device_id}", "this casebook joined a team casebook")
            _send(
                casebook,
                [
                    {
                        "type": "device_profile",
                        "device_id": me.device_id,
                        "name": vault.user.name,
                        "role": vault.user.role,
                    }
                ],
            )
        _flush(casebook)
        with contextlib.suppress(OSError):
            path.unlink()  # one time only
        report = sync(casebook).value
    except BaseException:
        vault.lock()
        raise
    return Joined(casebook, recovery_key, me.device_id, report)


def sync(casebook: Casebook) -> Saved[SyncReport]:
    """Merge now: send this device's pending changes, then take in everyone else's."""
    vault = casebook.vault
    ts = TeamStore(vault)
    team_id, _, root = _member(ts)
    _check_folder(root, team_id)
    sent = 0
    if not ts.get(_REMOVED):
        _send(casebook)
        sent = _flush(casebook)
    merge = _merge(casebook)
    _tidy_invitations(ts, root, vault.now())
    with vault.db.transaction():
        previous = set(json.loads(ts.get(_REJECTED) or "[]"))
        for line in merge.rejected:
            if line not in previous:
                vault.audit(Action.TEAM, "team folder", line)  # a file refused: this casebook is whole
        ts.put(_REJECTED, json.dumps(merge.rejected))
        ts.put(_IGNORED, json.dumps(merge.ignored))
        ts.put(_WAITING, str(merge.waiting))
        ts.put(_LAST_MERGE, vault.now().isoformat())
    report = SyncReport(sent, merge.applied, tuple(merge.rejected), tuple(merge.ignored), merge.waiting)
    return Saved(report, merge.changes | Changes.of("team"))


def status(casebook: Casebook) -> TeamStatus:
    ts = TeamStore(casebook.vault)
    team_id = ts.get(_TEAM_ID)
    if team_id is None:
        return TeamStatus(in_team=False)
    me = str(ts.get(_DEVICE))
    flushed = int(ts.get(_FLUSHED) or 0)
    unwritten = sum(1 for seq, _ in ts.outbox_names() if seq > flushed)
    devices = tuple(
        TeamDevice(d.device_id, d.name, d.role, d.removed_after is not None, d.device_id == me) for d in ts.devices()
    )
    return TeamStatus(
        in_team=True,
        team_id=team_id,
        device_id=me,
        folder=str(ts.get(_FOLDER)),
        last_merge=ts.get(_LAST_MERGE),
        last_send=ts.get(_LAST_SEND),
        pending=ts.count_unsent() + unwritten,
        waiting=int(ts.get(_WAITING) or 0),
        rejected=tuple(json.loads(ts.get(_REJECTED) or "[]")),
        ignored=tuple(json.loads(ts.get(_IGNORED) or "[]")),
        removed=ts.get(_REMOVED) is not None,
        devices=devices,
    )


def remove_device(casebook: Casebook, device_id: str) -> Saved[TeamStatus]:
    """Remove a member's device (or a lost laptop): its later change files are refused, and a new team key, sealed
    to the remaining devices only, protects everything written from now on."""
    vault = casebook.vault
    ts = TeamStore(vault)
    team_id, me, root = _member(ts)
    if ts.get(_REMOVED):
        raise RemovedFromTeam()
    matches = [
        d
        for d in ts.devices()
        if d.device_id == device_id or (len(device_id) >= 8 and d.device_id.startswith(device_id))
    ]
    if len(matches) != 1 or matches[0].removed_after is not None:
        raise TeamDeviceUnknown()
    target = matches[0]
    if target.device_id == me.device_id:
        raise CannotRemoveThisDevice()
    _check_folder(root, team_id)
    old = ts.newest_key()
    new = keyring.TeamKey.new((old.epoch if old else 0) + 1)
    recipients = {
        d.device_id: d.box_public for d in ts.devices() if d.removed_after is None and d.device_id != target.device_id
    }
    sealed = keyring.keys_file(team_id, new, me, recipients)
    after = ts.applied(target.device_id)
    with vault.db.transaction():
        ts.remove_device(target.device_id, after)
        vault.audit(
            Action.TEAM,
            f"team:{target.device_id}",
            f"device removed from the team: its change files after {after} are refused; team key epoch {new.epoch}",
        )
        # the removal travels under the old key (so every member can read it); the new key is used from then on
        _send(casebook, [{"type": "device_removed", "device_id": target.device_id, "removed_after": after}])
        ts.add_key(KeyRow(new.key_id, new.epoch, new.key))
        ts.put(_KEYS_FILE + new.key_id, sealed.hex())
    _flush(casebook)
    return Saved(status(casebook), Changes.of("team"))


def set_shared_setting(casebook: Casebook, name: str, value: str) -> Saved[str]:
    """Change a setting the team shares (last writer wins by the team clock; every write is kept in the trail)."""
    vault = casebook.vault
    ts = TeamStore(vault)
    _, me, _ = _member(ts)
    if name not in SHARED_SETTINGS:
        raise UnknownSharedSetting()
    with vault.db.transaction():
        clock = hlc.tick(_clock(ts), _now_ms(vault), me.device_id)
        ts.put(_CLOCK, clock.text())
        ts.set_register(name, value, clock.text(), me.device_id)
        ts.set_casebook_setting(name, value)
        vault.audit(Action.TEAM, f"setting:{name}", "shared setting changed on this device")
        _send(casebook, [{"type": "register", "name": name, "value": value, "hlc": clock.text()}])
    _flush(casebook)
    return Saved(value, Changes.of("team", "settings"))


def device_trails(casebook: Casebook) -> list[DeviceTrail]:
    """Every other device's audit trail as received here, each checked as its own hash chain."""
    ts = TeamStore(casebook.vault)
    names = {d.device_id: f"{d.name} ({d.role})" if d.role else d.name for d in ts.devices()}
    trails = []
    for device_id in ts.audited_devices():
        rows = ts.device_audit(device_id)
        trails.append(DeviceTrail(device_id, names.get(device_id, device_id), len(rows), tuple(_check_chain(rows))))
    return trails


def _check_chain(rows: list[AuditEvent]) -> list[str]:
    expected = 1
    prev = GENESIS
    for row in rows:
        if row.seq != expected:
            return [f"row {expected} is missing"]
        if row.prev_hash != prev:
            return [f"row {row.seq} does not follow row {row.seq - 1}"]
        if row_hash(row.seq, row.at, row.user, row.action, row.object, row.detail, row.prev_hash, row.seal) != row.hash:
            return [f"row {row.seq} has been changed"]
        prev = row.hash
        expected += 1
    return []
