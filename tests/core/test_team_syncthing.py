"""A real sync engine (issue 18): two Syncthing instances on loopback replicate two laptops' copies of the team
folder, and both casebooks converge after concurrent offline edits.

Each instance is configured before its first start so that nothing reaches beyond this machine: it listens on
127.0.0.1 only, with global and local discovery, relays, NAT traversal, usage reporting and crash reporting off,
and knows its one peer at a static loopback address (see ../shared/NOTES.md). Skipped, saying so, where the
Debian ``syncthing`` package is not installed (``make`` installs it with the other system packages).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import FAST_KDF, PASSPHRASE
from team_world import new_child, new_concern, snapshot

from dslapp.models import Concern
from dslapp.services import recording, team
from dslapp.store import RecordStore
from dslapp.team.folder import CHANGES
from dslapp.vault.vault import Vault

SYNCTHING = shutil.which("syncthing")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SYNCTHING is None, reason="Syncthing is not installed (Debian package 'syncthing')"),
]
FOLDER_ID = "dsl-team-casebook"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Instance:
    home: Path
    folder: Path
    port: int
    device_id: str = ""
    process: subprocess.Popen[bytes] | None = None


def _set(options: ET.Element, name: str, value: str) -> None:
    element = options.find(name)
    if element is None:
        element = ET.SubElement(options, name)
    element.text = value


def _configure(me: Instance, peer: Instance) -> None:
    """Loopback only, before the first start: no discovery, relays, NAT, reporting or browser."""
    path = me.home / "config.xml"
    tree = ET.parse(path)
    root = tree.getroot()
    options = root.find("options")
    assert options is not None
    for name, value in (
        ("listenAddress", f"tcp://127.0.0.1:{me.port}"),
        ("globalAnnounceEnabled", "false"),
        ("localAnnounceEnabled", "false"),
        ("relaysEnabled", "false"),
        ("natEnabled", "false"),
        ("crashReportingEnabled", "false"),
        ("startBrowser", "false"),
        ("urAccepted", "-1"),
        ("autoUpgradeIntervalH", "0"),
    ):
        _set(options, name, value)
    gui = root.find("gui")
    assert gui is not None
    _set(gui, "address", f"127.0.0.1:{_free_port()}")
    device = ET.SubElement(
        root, "device", {"id": peer.device_id, "name": "peer", "compression": "metadata", "introducer": "false"}
    )
    ET.SubElement(device, "address").text = f"tcp://127.0.0.1:{peer.port}"
    folder = ET.Element(
        "folder",
        {
            "id": FOLDER_ID,
            "label": "Team casebook",
            "path": str(me.folder),
            "type": "sendreceive",
            "rescanIntervalS": "2",
            "fsWatcherEnabled": "true",
            "fsWatcherDelayS": "1",
        },
    )
    ET.SubElement(folder, "device", {"id": me.device_id})
    ET.SubElement(folder, "device", {"id": peer.device_id})
    root.insert(0, folder)
    tree.write(path)


def _generate(instance: Instance) -> None:
    env = {**os.environ, "STNOUPGRADE": "1"}
    subprocess.run(
        [str(SYNCTHING), "generate", f"--home={instance.home}", "--no-default-folder", "--skip-port-probing"],
        check=True,
        capture_output=True,
        env=env,
        timeout=60,
    )
    out = subprocess.run(
        [str(SYNCTHING), "--device-id", f"--home={instance.home}"],
        check=True,
        capture_output=True,
        env=env,
        timeout=60,
    )
    instance.device_id = out.stdout.decode().strip().splitlines()[-1]


@contextlib.contextmanager
def _running(*instances: Instance) -> Iterator[None]:
    env = {**os.environ, "STNOUPGRADE": "1", "STNODEFAULTFOLDER": "1"}
    try:
        for instance in instances:
            instance.process = subprocess.Popen(
                [str(SYNCTHING), "serve", f"--home={instance.home}", "--no-browser", "--no-restart"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        yield
    finally:
        for instance in instances:
            if instance.process is not None:
                instance.process.terminate()
                try:
                    instance.process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    instance.process.kill()
                    instance.process.wait(timeout=20)


def _wait(condition: Callable[[], bool], what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    pytest.fail(f"Syncthing did not replicate {what} within {timeout:.0f} s")


def _change_files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in (folder / CHANGES).rglob("*.chg")}


def test_two_syncthing_peers_on_loopback_make_both_casebooks_converge(tmp_path: Path) -> None:
    one = Instance(tmp_path / "st-dsl", tmp_path / "dsl-laptop" / "Team", _free_port())
    two = Instance(tmp_path / "st-deputy", tmp_path / "deputy-laptop" / "Team", _free_port())
    for instance in (one, two):
        _generate(instance)
    _configure(one, two)
    _configure(two, one)
    two.folder.mkdir(parents=True)

    dsl_vault, _ = Vault.create(
        tmp_path / "dsl", "Ms Ada Lead", "DSL", PASSPHRASE, school="Fictional Academy", kdf=FAST_KDF
    )
    dsl = RecordStore(dsl_vault)
    child = new_child(dsl, "Syncthingperson")
    concern = new_concern(dsl, child.id, "seen crying at the gate")
    team.create_team(dsl, one.folder)
    code = team.invite(dsl).value.code
    deputy: RecordStore | None = None
    with _running(one, two):
        _wait(lambda: any((two.folder / "enrol").glob("*.enrol")) and bool(_change_files(two.folder)), "the invitation")
        _wait(lambda: _change_files(one.folder) <= _change_files(two.folder), "the DSL's change files")
        deputy = team.join_team(
            tmp_path / "deputy",
            two.folder,
            code,
            name="Mr Ben Deputy",
            role="Deputy DSL",
            passphrase=PASSPHRASE,
            kdf=FAST_KDF,
        ).casebook
        assert deputy.get(concern.id).body() == dsl.get(concern.id).body()

        # concurrent offline edits: each amends the same concern and records a child, before either syncs
        recording.amend(dsl, concern.id, "the DSL spoke to the parent", outcome="parent informed")
        recording.amend(deputy, concern.id, "the deputy rang the school nurse", immediate_action="nurse told")
        new_child(dsl, "Dslofflineperson")
        new_child(deputy, "Deputyofflineperson")
        for _ in range(3):
            team.sync(dsl)
            team.sync(deputy)
            _wait(lambda: _change_files(one.folder) == _change_files(two.folder), "every change file")
        team.sync(dsl)
        team.sync(deputy)
        assert snapshot(dsl) == snapshot(deputy)
        merged = deputy.get_as(Concern, concern.id)
        assert merged.outcome == "parent informed" and merged.immediate_action == "nurse told"
        assert team.status(dsl).rejected == () and team.status(deputy).rejected == ()
    dsl.vault.lock()
    if deputy is not None:
        deputy.vault.lock()
