"""Crash safety: a writer killed with SIGKILL at random moments loses nothing it acknowledged.

Each round starts ``crash_writer.py`` in a subprocess on the same vault, lets it save concerns (with some
amendments and drafts), and kills it with SIGKILL at a random moment: sometimes while it is unlocking,
mostly in the middle of saving. After every kill the vault must open (so the kernel released the
single-instance lock of the dead process), pass ``PRAGMA integrity_check`` and ``cipher_integrity_check``,
pass ``audit verify``, hold every acknowledged concern, amendment and draft, and hold nothing
half-written (every concern has its audit row and its full-text row; every amendment its history row).
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from support import FAST_KDF, PASSPHRASE

from dslapp.errors import VaultInUse
from dslapp.services.children import add_child
from dslapp.store import RecordStore
from dslapp.vault import audit
from dslapp.vault.vault import Vault

ROUNDS = 24
WRITER = Path(__file__).with_name("crash_writer.py")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")]


class _Lines:
    """Lines from a child process's stdout, read on a thread so the test can wait with a timeout."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.queue: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        assert proc.stdout is not None
        stream = proc.stdout
        self._thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self._thread.start()

    def _pump(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.queue.put(line)
        self.queue.put(None)

    def wait_for(self, wanted: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                line = self.queue.get(timeout=left)
            except queue.Empty:
                return False
            if line is None:
                return False
            self.seen.append(line)
            if line.rstrip("\n") == wanted:
                return True

    def rest(self) -> list[str]:
        self._thread.join(timeout=10)
        while True:
            try:
                line = self.queue.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                self.seen.append(line)
        # only whole lines count as acknowledged (a line cut by the kill has no newline)
        return [line.rstrip("\n") for line in self.seen if line.endswith("\n")]


def _check_vault(vault_dir: Path, saved: set[str], amended: dict[str, int], drafted: set[str], note: str) -> int:
    """Open the vault and check everything the crash test promises; returns the number of concerns."""
    vault = Vault.open(vault_dir, PASSPHRASE)  # VaultInUse here would mean the dead writer's lock was kept
    try:
        db = vault.db
        assert [tuple(r) for r in db.execute("PRAGMA integrity_check").fetchall()] == [("ok",)], note
        assert db.execute("PRAGMA cipher_integrity_check").fetchall() == [], note
        report = audit.verify(db)
        assert report.ok, f"{note}: {report.problem}"
        present = {str(r[0]) for r in db.execute("SELECT id FROM records WHERE kind = 'concern'")}
        missing = saved - present
        assert not missing, f"{note}: {len(missing)} acknowledged concerns lost"
        for record_id, version in amended.items():
            stored = db.scalar("SELECT version FROM records WHERE id = ?", (record_id,))
            assert stored is not None and stored >= version, f"{note}: acknowledged amendment lost"
        drafts_present = {str(r[0]) for r in db.execute("SELECT id FROM drafts")}
        assert drafted <= drafts_present, f"{note}: acknowledged draft lost"
        # nothing half-written: each concern has its audit row and its full-text row, each version its history
        unaudited = db.scalar(
            "SELECT count(*) FROM records r WHERE r.kind = 'concern' AND NOT EXISTS "
            "(SELECT 1 FROM audit a WHERE a.object = r.id AND a.action = 'create')"
        )
        assert unaudited == 0, f"{note}: {unaudited} concerns saved without their audit row"
        unindexed = db.scalar(
            "SELECT count(*) FROM records r WHERE r.kind = 'concern' AND NOT EXISTS "
            "(SELECT 1 FROM search s WHERE s.rowid = r.rowid)"
        )
        assert unindexed == 0, f"{note}: {unindexed} concerns saved without their search row"
        gaps = db.scalar(
            "SELECT count(*) FROM records r WHERE r.version > 1 AND "
            "(SELECT count(*) FROM amendments a WHERE a.record_id = r.id) != r.version - 1"
        )
        assert gaps == 0, f"{note}: an amended record without its amendment history"
        return len(present)
    finally:
        vault.lock()


def test_sigkill_at_random_moments_loses_nothing_acknowledged(tmp_path: Path) -> None:
    vault_dir = tmp_path / "vault"
    vault, _ = Vault.create(vault_dir, "Ms Ada Testperson", "DSL", PASSPHRASE, kdf=FAST_KDF)
    child = add_child(RecordStore(vault), legal_forename="Crash", legal_surname="Testchild", dob=date(2015, 3, 1)).value
    vault.lock()

    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    env = {**os.environ, "DSLAPP_PASSPHRASE": PASSPHRASE}
    saved: set[str] = set()
    amended: dict[str, int] = {}
    drafted: set[str] = set()
    kills_while_saving = kills_while_opening = lock_held_checks = 0
    started = time.monotonic()
    for round_no in range(1, ROUNDS + 1):
        note = f"round {round_no} (seed {seed})"
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(vault_dir), str(child.id), str(round_no)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        lines = _Lines(proc)
        try:
            assert lines.wait_for("opening", 30), f"{note}: the writer did not start"
            if round_no % 4 == 1:
                time.sleep(rng.uniform(0, 0.03))  # while it unlocks (key unwrap, migration check, audit row)
                kills_while_opening += 1
            else:
                assert lines.wait_for("ready", 30), f"{note}: the writer did not unlock the vault"
                # while the writer holds the vault, a second opener is turned away by the instance lock
                with pytest.raises(VaultInUse):
                    Vault.open(vault_dir, PASSPHRASE)
                lock_held_checks += 1
                time.sleep(rng.uniform(0.01, 0.35))
                kills_while_saving += 1
            proc.send_signal(signal.SIGKILL)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL, f"{note}: the writer ended by itself ({proc.returncode})"
        for line in lines.rest():
            kind, _, rest = line.partition(" ")
            if kind == "saved":
                saved.add(rest)
            elif kind == "amended":
                record_id, version = rest.split()
                amended[record_id] = max(amended.get(record_id, 0), int(version))
            elif kind == "draft":
                drafted.add(rest)
        _check_vault(vault_dir, saved, amended, drafted, note)

    elapsed = time.monotonic() - started
    print(
        f"\ncrash test: {ROUNDS} SIGKILL rounds ({kills_while_opening} while unlocking, {kills_while_saving} while "
        f"saving), {len(saved)} acknowledged concerns, {len(amended)} amended, {len(drafted)} drafts, "
        f"lock held {lock_held_checks}x, {elapsed:.1f} s, seed {seed}"
    )
    assert len(saved) >= ROUNDS, "too few saves were acknowledged for the test to mean anything"
    assert kills_while_saving >= 15
