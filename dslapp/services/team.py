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

import base64
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
    EnrolmentUsed,
    NotInTeam,
    RemovedFromTeam,
    TeamDeviceUnknown,
    TeamFolderUnusable,
    UnknownSharedSetting,
    WrongEnrolmentCode,
)
from dslapp.models import Attachment
from dslapp.services import staff_reports
from dslapp.services.casebook import confirm_passphrase
from dslapp.services.changes import Changes
from dslapp.services.results import Saved
from dslapp.services.team_merge import (
    BOX,
    CLOCK,
    DEVICE,
    FOLDER,
    REMOVED,
    SHARED_SETTINGS,
    SIGN,
    TEAM_ID,
    check_folder,
    clock_of,
    event_row,
    member,
    merge_folder,
    now_ms,
)
from dslapp.store import RecordStore
from dslapp.store import attachments as attached_files
from dslapp.store.team import DeviceRow, KeyRow, TeamStore
from dslapp.team import change_file, enrolment, hlc, keyring
from dslapp.team import folder as layout
from dslapp.team.fold import changes_between
from dslapp.vault import keys
from dslapp.vault.audit import GENESIS, Action, AuditEvent, row_hash
from dslapp.vault.vault import Vault

Casebook = RecordStore

AUDIT_BATCH = 100
"""Audit rows travel with the next change file, or in a file of their own once this many are waiting (so an idle
team does not write a file at every unlock)."""
INVITATION_VALID_FOR = timedelta(hours=48)

_AUDIT_SENT = "audit_sent"
_FLUSHED = "flushed_through"
_LAST_MERGE = "last_merge"
_LAST_SEND = "last_send"
_REJECTED = "rejected"
_IGNORED = "ignored"
_WAITING = "waiting"
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
    staff_taken_in: int = 0
    """Concerns from staff taken in from the drop folder (issue 19)."""


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


# ---- sending --------------------------------------------------------------------------------------------


def _send(casebook: Casebook, extra: list[dict[str, Any]] | None = None) -> int | None:
    """Put this device's unsent work into a new change file kept in the casebook (not yet in the folder).

    Returns its sequence number, or None when there was nothing to send. Runs in one transaction (the
    caller's, if there is one)."""
    vault = casebook.vault
    ts = TeamStore(vault)
    team_id, me, _ = member(ts)
    if ts.get(REMOVED):
        raise RemovedFromTeam()
    with vault.db.transaction():
        clock = clock_of(ts)
        events: list[dict[str, Any]] = []

        def stamped(event: dict[str, Any]) -> dict[str, Any]:
            nonlocal clock
            if "hlc" not in event:
                clock = hlc.tick(clock, now_ms(vault), me.device_id)
                event = {**event, "hlc": clock.text()}
            events.append(event)
            return event

        for event in extra or []:
            stamped(event)
        records = ts.unsent_records()
        for record in records:
            recorded: dict[str, Any] = {
                "type": "record",
                "kind": record.kind,
                "id": record.record_id,
                "created_at": record.created_at,
                "created_by": record.created_by,
                "body": json.loads(record.original_body),
            }
            if record.kind == Attachment.KIND:  # the file travels with its record (checked by its hash there)
                found = attached_files.file_bytes(vault.db, record.record_id)
                if found is not None:
                    recorded["file"] = base64.b64encode(found[1]).decode("ascii")
            stamped(recorded)
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
                ts.add_event(event_row(me.device_id, seq, index, event))
        for record in records:
            ts.mark_record(record.record_id)
        for record_id, version, event in amendment_events:
            ts.mark_amendment(record_id, version, f"{me.device_id}:{seq}:{events.index(event)}")
        if rows:
            ts.put(_AUDIT_SENT, str(rows[-1].seq))
        ts.put(CLOCK, clock.text())
        ts.put(_LAST_SEND, vault.now().isoformat())
        ts.set_applied(me.device_id, seq)
        vault.audit(
            Action.TEAM,
            f"team:{me.device_id}",
            f"change file {seq} kept for the team folder: {len(records)} records, {len(amendments)} amendments, "
            f"{len(rows)} audit rows",
        )
    return seq


def _flush(casebook: Casebook) -> int:
    """Write every kept change file and keys file missing from the team folder. Returns how many were written."""
    ts = TeamStore(casebook.vault)
    _, me, root = member(ts)
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
    return TeamStore(casebook.vault).get(TEAM_ID) is not None


def create_team(casebook: Casebook, folder: Path) -> Saved[TeamStatus]:
    """Make this casebook the first device of a new team using ``folder``; its records become the first changes."""
    vault = casebook.vault
    ts = TeamStore(vault)
    if ts.get(TEAM_ID) is not None:
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
            (TEAM_ID, team_id),
            (DEVICE, me.device_id),
            (FOLDER, str(root)),
            (SIGN, me.sign_private),
            (BOX, me.box_private),
        ):
            ts.put(name, value)
        ts.add_key(KeyRow(key.key_id, key.epoch, key.key))
        clock = hlc.tick(hlc.ZERO, now_ms(vault), me.device_id)
        ts.put(CLOCK, clock.text())
        added = _device_added(me, vault.user.name, vault.user.role, clock.text())
        ts.add_device(_device_row(added))
        vault.audit(Action.TEAM, f"team:{me.device_id}", "this casebook started a team casebook as its first device")
        extra = [added]
        if vault.school:
            clock = hlc.tick(clock, now_ms(vault), me.device_id)
            ts.put(CLOCK, clock.text())
            extra.append({"type": "register", "name": "school", "value": vault.school, "hlc": clock.text()})
            ts.set_register("school", vault.school, clock.text(), me.device_id)
        _send(casebook, extra)
    _flush(casebook)
    return Saved(status(casebook), Changes.of("team"))


def start_team(casebook: Casebook, folder: Path, passphrase: str) -> Saved[TeamStatus]:
    """Settings → Team: :func:`create_team` once the signed-in user has typed their passphrase again, as for any
    copy of the casebook leaving this laptop (WrongPassphrase: nothing is written)."""
    confirm_passphrase(casebook, passphrase)
    return create_team(casebook, folder)


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
    team_id, me, root = member(ts)
    if ts.get(REMOVED):
        raise RemovedFromTeam()
    check_folder(root, team_id)
    while True:
        code = enrolment.new_code()
        path = root / layout.ENROL / f"{enrolment.file_tag(code)}.enrol"
        if not path.exists():
            break
    new = keyring.DeviceKeys.new()
    expires_at = vault.now() + valid_for
    params = keys.calibrate()  # looked up on the module so tests can make it fast
    with vault.db.transaction():
        clock = hlc.tick(clock_of(ts), now_ms(vault), me.device_id)
        ts.put(CLOCK, clock.text())
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
                (TEAM_ID, team_id),
                (DEVICE, me.device_id),
                (FOLDER, str(root)),
                (SIGN, me.sign_private),
                (BOX, me.box_private),
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


def sync_if_in_team(casebook: Casebook) -> Saved[SyncReport | None]:
    """:func:`sync` for a casebook in a team; nothing at all for a team of one (the app merges on every unlock)."""
    if not is_in_team(casebook):
        intake = staff_reports.take_in(casebook)  # a DSL working alone may still have a staff drop folder
        if not intake.value.taken_in and not intake.value.rejected:
            return Saved(None, intake.changes)
        staff = intake.value
        return Saved(SyncReport(0, 0, staff.rejected, (), 0, staff.taken_in), intake.changes)
    return sync(casebook)


def sync(casebook: Casebook) -> Saved[SyncReport]:
    """Merge now: send this device's pending changes, then take in everyone else's."""
    vault = casebook.vault
    ts = TeamStore(vault)
    team_id, _, root = member(ts)
    check_folder(root, team_id)
    intake = staff_reports.take_in(casebook)  # first, so what is taken in goes out in this sync's change file
    sent = 0
    if not ts.get(REMOVED):
        _send(casebook)
        sent = _flush(casebook)
    merge = merge_folder(casebook)
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
    report = SyncReport(
        sent,
        merge.applied,
        (*merge.rejected, *intake.value.rejected),
        tuple(merge.ignored),
        merge.waiting,
        intake.value.taken_in,
    )
    return Saved(report, merge.changes | intake.changes | Changes.of("team"))


def status(casebook: Casebook) -> TeamStatus:
    ts = TeamStore(casebook.vault)
    team_id = ts.get(TEAM_ID)
    if team_id is None:
        return TeamStatus(in_team=False)
    me = str(ts.get(DEVICE))
    flushed = int(ts.get(_FLUSHED) or 0)
    unwritten = sum(1 for seq, _ in ts.outbox_names() if seq > flushed)
    devices = tuple(
        TeamDevice(d.device_id, d.name, d.role, d.removed_after is not None, d.device_id == me) for d in ts.devices()
    )
    return TeamStatus(
        in_team=True,
        team_id=team_id,
        device_id=me,
        folder=str(ts.get(FOLDER)),
        last_merge=ts.get(_LAST_MERGE),
        last_send=ts.get(_LAST_SEND),
        pending=ts.count_unsent() + unwritten,
        waiting=int(ts.get(_WAITING) or 0),
        rejected=(*json.loads(ts.get(_REJECTED) or "[]"), *staff_reports.rejected_drop_files(casebook)),
        ignored=tuple(json.loads(ts.get(_IGNORED) or "[]")),
        removed=ts.get(REMOVED) is not None,
        devices=devices,
    )


def remove_device(casebook: Casebook, device_id: str) -> Saved[TeamStatus]:
    """Remove a member's device (or a lost laptop): its later change files are refused, and a new team key, sealed
    to the remaining devices only, protects everything written from now on."""
    vault = casebook.vault
    ts = TeamStore(vault)
    team_id, me, root = member(ts)
    if ts.get(REMOVED):
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
    check_folder(root, team_id)
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
    _, me, _ = member(ts)
    if name not in SHARED_SETTINGS:
        raise UnknownSharedSetting()
    with vault.db.transaction():
        clock = hlc.tick(clock_of(ts), now_ms(vault), me.device_id)
        ts.put(CLOCK, clock.text())
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
