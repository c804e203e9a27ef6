"""No plaintext on disk: marker strings written into every kind of field never appear in any file."""

from __future__ import annotations

import base64
import os
import secrets
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from support import PASSPHRASE

from dslapp.models import (
    Action,
    Category,
    ChronologyEntry,
    Concern,
    EarlyHelpPlan,
    Escalation,
    Goal,
    Person,
    Professional,
    Referral,
    SharingDecision,
)
from dslapp.models.referral import DisagreementType
from dslapp.services import drafts, recording
from dslapp.services.children import add_child
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault


def _encodings(marker: str) -> list[bytes]:
    forms = [marker.encode("utf-8"), marker.encode("utf-16-le"), marker.encode("utf-16-be")]
    forms.append(base64.b64encode(marker.encode("utf-8"))[:16])
    return forms


def _files_under(folder: Path, since: float | None = None) -> list[Path]:
    """Every regular file under ``folder`` (changed since ``since``). The system temp folder is shared with
    other programs, so a folder that vanishes while it is walked is skipped rather than failing the scan."""
    found = []
    for root, _dirs, files in os.walk(folder, onerror=lambda _error: None):
        for name in files:
            path = Path(root, name)
            try:
                if path.is_file() and not path.is_symlink() and (since is None or path.stat().st_mtime >= since):
                    found.append(path)
            except OSError:
                continue
    return found


def _leaks(paths: list[Path], markers: list[str]) -> list[str]:
    leaks = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        for marker in markers:
            if any(form in data for form in _encodings(marker)):
                leaks.append(f"{marker} in {path}")
    return leaks


def test_no_marker_reaches_the_disk_in_clear(store: RecordStore, vault_dir: Path) -> None:
    started = time.time() - 1
    markers: list[str] = []

    def mark(label: str) -> str:
        marker = f"CANARY{label}{secrets.token_hex(6)}"
        markers.append(marker)
        return marker

    child = add_child(
        store,
        legal_forename=mark("forename"),
        legal_surname=mark("surname"),
        known_as=mark("knownas"),
        dob=date(2015, 6, 1),
        address=mark("address"),
    ).value
    cid = child.id
    recording.record(store, Person, child_id=cid, name=mark("person"), relationship="Mother")
    recording.record(store, Professional, child_id=cid, name=mark("prof"), role="Social worker")
    concern = recording.record(
        store,
        Concern,
        child_id=cid,
        observed_at=datetime(2026, 10, 1, 9),
        reporter_name=mark("reporter"),
        categories=[Category.NEGLECT],
        what_happened=mark("facts") + " " + "padding text " * 400,  # large enough to spill a sort, if it could
        child_words=mark("words"),
    ).value
    recording.amend(store, concern.id, mark("reason"), outcome=mark("outcome"))
    recording.record(store, Action, child_id=cid, what=mark("action"), owner="DSL", due=date(2026, 12, 1))
    recording.record(store, ChronologyEntry, child_id=cid, period="Spring 2019", event=mark("chrono"))
    recording.record(
        store,
        EarlyHelpPlan,
        child_id=cid,
        started_on=date(2026, 9, 1),
        child_view=mark("childview"),
        goals=[Goal(what_will_change=mark("goal"))],
    )
    recording.record(store, Referral, child_id=cid, started_on=date(2026, 10, 2), form={"concern": mark("form")})
    recording.record(
        store,
        Escalation,
        child_id=cid,
        raised_on=date(2026, 10, 3),
        disagreement=DisagreementType.THRESHOLD,
        with_whom="Social worker",
        summary=mark("escalation"),
    )
    recording.record(
        store,
        SharingDecision,
        child_id=cid,
        decided_on=date(2026, 10, 4),
        what=mark("shared"),
        with_whom="School nurse",
        reasons="Health needs",
        shared=True,
    )
    drafts.save_draft(store, "concern", {"what_happened": mark("draft")}, child_id=str(cid))
    # reads that sort and search: a temp_store=FILE build would spill here
    store.db.execute("SELECT body FROM records ORDER BY body DESC").fetchall()
    assert store.search(markers[0])
    while_open = _files_under(vault_dir)
    assert any(p.name == "casebook.db-wal" for p in while_open)  # the WAL is scanned too
    assert _leaks(while_open, markers) == []
    store.vault.lock()
    reopened = Vault.open(vault_dir, PASSPHRASE)
    reopened.lock()

    vault_files = _files_under(vault_dir)
    assert any(p.name == "casebook.db" for p in vault_files)
    temp_files = _files_under(Path(tempfile.gettempdir()), since=started)
    leaks = _leaks(vault_files + [p for p in temp_files if vault_dir not in p.parents], markers)
    assert leaks == []


def test_the_scan_would_catch_a_leak(tmp_path: Path) -> None:
    """Guard against a scan that cannot fail: a plaintext file with a marker is found in each encoding."""
    marker = "CANARYselftest" + secrets.token_hex(4)
    for i, form in enumerate(_encodings(marker)[:3]):
        (tmp_path / f"leak{i}.bin").write_bytes(b"xx" + form + b"yy")
    assert len(_leaks(_files_under(tmp_path), [marker])) == 3
