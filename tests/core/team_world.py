"""Helpers for the team casebook tests: replicas with their own copy of the team folder, and a stand-in for the
sync engine that copies files between those copies (late, out of order, duplicated, or not at all)."""

from __future__ import annotations

import base64
import random
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from support import FAST_KDF, PASSPHRASE

from dslapp.models import Action, Category, Child, Concern
from dslapp.services import recording, team
from dslapp.services.chronology import build_chronology
from dslapp.services.today import today
from dslapp.store import RecordStore
from dslapp.store.team import TeamStore
from dslapp.vault.vault import Vault

ON = date(2026, 3, 2)


@dataclass
class Replica:
    name: str
    store: RecordStore
    folder: Path

    @property
    def device_id(self) -> str:
        return team.status(self.store).device_id


def first_replica(tmp: Path, name: str = "A", school: str = "Fictional Academy") -> Replica:
    vault, _ = Vault.create(tmp / f"vault-{name}", f"Ms {name} Lead", "DSL", PASSPHRASE, school=school, kdf=FAST_KDF)
    store = RecordStore(vault)
    folder = tmp / f"folder-{name}"
    team.create_team(store, folder)
    return Replica(name, store, folder)


def join(tmp: Path, inviter: Replica, name: str) -> Replica:
    """Invite on ``inviter``, let the sync engine bring its whole folder to the newcomer, and join there."""
    code = team.invite(inviter.store).value.code
    folder = tmp / f"folder-{name}"
    copy_all(inviter.folder, folder)
    joined = team.join_team(
        tmp / f"vault-{name}",
        folder,
        code,
        name=f"Mx {name} Deputy",
        role="Deputy DSL",
        passphrase=PASSPHRASE,
        kdf=FAST_KDF,
    )
    return Replica(name, joined.casebook, folder)


def team_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def copy_all(src: Path, dst: Path) -> int:
    return deliver(src, dst)


def deliver(
    src: Path, dst: Path, rng: random.Random | None = None, *, share: float = 1.0, duplicate: float = 0.0
) -> int:
    """Copy files ``dst`` lacks from ``src`` (never overwriting: files in a team folder are immutable). With
    ``rng``, only a random share of them (a late, partial, out-of-order delivery), and some twice under a sync
    engine's conflict-copy name."""
    copied = 0
    for path in team_files(src):
        rel = path.relative_to(src)
        target = dst / rel
        if target.exists() or (rng is not None and rng.random() > share):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        copied += 1
        if rng is not None and path.suffix == ".chg" and rng.random() < duplicate:
            conflict = target.with_name(f"{path.stem}.sync-conflict-20260301-101010-FICTION.chg")
            shutil.copyfile(path, conflict)
    return copied


def new_child(store: RecordStore, surname: str) -> Child:
    child = recording.record(store, Child, legal_forename="Testy", legal_surname=surname, dob=date(2016, 5, 4)).value
    return child


def new_concern(store: RecordStore, child_id: Any, text: str, day: int = 5) -> Concern:
    concern = recording.record(
        store,
        Concern,
        child_id=child_id,
        observed_at=datetime(2026, 2, day, 9, 0),
        reporter_name="Mr Fictional Reporter",
        categories=[Category.NEGLECT],
        what_happened=text,
        significant=True,
    ).value
    return concern


def new_action(store: RecordStore, child_id: Any, what: str) -> Action:
    action = recording.record(
        store, Action, child_id=child_id, what=what, owner="Ms Fictional", due=date(2026, 2, 20)
    ).value
    return action


def snapshot(store: RecordStore) -> dict[str, Any]:
    """Everything that must be the same on every replica once they have exchanged all files."""
    db = store.vault.db
    records = {
        str(r[0]): (str(r[1]), int(r[2]), str(r[3])) for r in db.execute("SELECT id, kind, version, body FROM records")
    }
    events = sorted(
        (e.event_id, e.hlc, e.kind, e.subject)
        for e in TeamStore(store.vault).all_events()
        if e.kind != "device_profile"
    )
    amendments = sorted(
        (str(r[0]), str(r[1]), str(r[2])) for r in db.execute("SELECT record_id, by, reason FROM amendments")
    )
    day = {k: sorted(repr(i) for i in v) for k, v in today(store, ON).items()}
    children = sorted(str(r[0]) for r in db.execute("SELECT id FROM records WHERE kind = 'child'"))
    chronology = {c: [repr(row) for row in build_chronology(store, c).rows] for c in children}
    registers = TeamStore(store.vault).registers()
    return {
        "records": records,
        "events": events,
        "amendments": amendments,
        "today": day,
        "chronology": chronology,
        "registers": registers,
        "school": store.vault.school,
    }


def marker_forms(marker: str) -> list[bytes]:
    """A marker as it could appear in a file: UTF-8, UTF-16 (both orders) and base64 at each alignment."""
    raw = marker.encode("utf-8")
    forms = [raw, marker.encode("utf-16-le"), marker.encode("utf-16-be")]
    for shift in range(3):
        padded = b"\0" * shift + raw
        for encoder in (base64.b64encode, base64.urlsafe_b64encode):
            forms.append(encoder(padded)[4:-4])  # the characters that depend on the marker's bytes alone
    return [f for f in forms if len(f) >= 6]


def folder_leaks(folder: Path, markers: list[str]) -> list[str]:
    found = []
    for path in team_files(folder):
        data = path.read_bytes()
        for marker in markers:
            if any(form in data for form in marker_forms(marker)):
                found.append(f"{path.relative_to(folder)} holds {marker}")
    return found
