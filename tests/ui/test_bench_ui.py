"""The UI benchmark helper runs: the start-up probe reaches the unlock window and the RSS probes report."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import FAST_KDF

from dslapp.vault.vault import Vault


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DSLAPP_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "ui.bench_ui", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_start_and_open_probes(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "vault", "Ms Ada Testperson", "DSL", "bench passphrase", kdf=FAST_KDF)
    from datetime import date

    from dslapp.services.children import add_child
    from dslapp.store import RecordStore

    child = add_child(RecordStore(vault), legal_forename="Amira", legal_surname="Testchild", dob=date(2017, 2, 3)).value
    vault.lock()
    assert _run("start", str(tmp_path / "vault"), home=tmp_path / "home").returncode == 0
    opened = _run("open", str(tmp_path / "vault"), "bench passphrase", str(child.id), home=tmp_path / "home")
    assert opened.returncode == 0, opened.stderr
    assert int(opened.stdout.strip()) > 10_000  # KiB: a Qt app with the casebook open
    bare = _run("bare-rss", home=tmp_path / "home")
    assert int(bare.stdout.strip()) > 0


def test_a_probes_peak_memory_is_its_own_not_the_bench_that_started_it() -> None:
    """On Linux ``ru_maxrss`` survives ``execve``: a probe started by a bench holding a large casebook reported
    the bench's peak as its own (the 5,000-child figure was the bench's, and the bare window's equal to it)."""
    parent_holds = bytearray(300 * 1024 * 1024)  # the bench, after building a large casebook
    parent_holds[::4096] = b"x" * len(parent_holds[::4096])  # touched, so resident
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "ui.bench_ui", "bare-rss"], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert int(done.stdout.strip()) < 200 * 1024  # KiB: a bare Qt window, not the 300 MB its parent holds
