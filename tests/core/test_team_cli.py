"""``dslapp team`` end to end (issue 18): create → invite → join → record on both → sync → both converge;
status (text and JSON), remove, and one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import PASSPHRASE, run_cli
from team_world import deliver, new_child, snapshot

from dslapp.store import RecordStore
from dslapp.vault.vault import Vault


def _init(capsys: pytest.CaptureFixture[str], vault: Path) -> None:
    code, _, err = run_cli(
        capsys, "init", "--vault", str(vault), "--name", "Ms Ada Lead", "--school", "Fictional Academy"
    )
    assert code == 0, err


def _add_child(vault: Path, surname: str) -> str:
    store = RecordStore(Vault.open(vault, PASSPHRASE))
    try:
        return str(new_child(store, surname).id)
    finally:
        store.vault.lock()


def _snapshot(vault: Path) -> dict[str, object]:
    store = RecordStore(Vault.open(vault, PASSPHRASE))
    try:
        return snapshot(store)
    finally:
        store.vault.lock()


def test_create_invite_join_record_sync_converge(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cli_env: None
) -> None:
    dsl, deputy = tmp_path / "dsl", tmp_path / "deputy"
    folder_dsl, folder_deputy = tmp_path / "OneDrive-Fictional" / "Team", tmp_path / "deputy-sync" / "Team"
    _init(capsys, dsl)
    _add_child(dsl, "Beforeteamperson")

    code, out, err = run_cli(capsys, "team", "create", "--vault", str(dsl), "--folder", str(folder_dsl))
    assert code == 0, err
    assert "first device" in out

    code, out, err = run_cli(capsys, "team", "invite", "--vault", str(dsl))
    assert code == 0, err
    code_line = out.splitlines()[1].strip()
    assert len(code_line) == 29 and code_line.count("-") == 5

    shutil.copytree(folder_dsl, folder_deputy)  # the sync engine brings the folder to the deputy's laptop
    code, out, err = run_cli(
        capsys,
        "team",
        "join",
        "--vault",
        str(deputy),
        "--folder",
        str(folder_deputy),
        "--code",
        code_line,
        "--name",
        "Mr Ben Deputy",
        "--role",
        "Deputy DSL",
    )
    assert code == 0, err
    assert "RECOVERY KEY" in out
    assert not list((folder_deputy / "enrol").iterdir()), "the invitation is used once"

    # the code works once: the deputy's first change file reaches the DSL's copy of the folder
    deliver(folder_deputy, folder_dsl)
    code, _, err = run_cli(
        capsys,
        "team",
        "join",
        "--vault",
        str(tmp_path / "third"),
        "--folder",
        str(folder_dsl),
        "--code",
        code_line,
        "--name",
        "Mx Cee Deputy",
    )
    assert code == 1 and "already been used" in err
    assert run_cli(capsys, "team", "sync", "--vault", str(dsl))[0] == 0
    assert not list((folder_dsl / "enrol").iterdir()), "the DSL's laptop tidies the used invitation away"
    _add_child(dsl, "Dslsideperson")
    _add_child(deputy, "Deputysideperson")
    for _ in range(2):
        for vault in (dsl, deputy):
            code, out, err = run_cli(capsys, "team", "sync", "--vault", str(vault))
            assert code == 0, err
        deliver(folder_dsl, folder_deputy)
        deliver(folder_deputy, folder_dsl)
    assert _snapshot(dsl) == _snapshot(deputy)
    assert "Deputysideperson" in json.dumps(_snapshot(dsl)["records"])
    assert "Beforeteamperson" in json.dumps(_snapshot(deputy)["records"])

    code, out, err = run_cli(capsys, "team", "status", "--vault", str(dsl), "--json")
    assert code == 0, err
    state = json.loads(out)
    assert state["in_team"] and state["pending"] == 0 and state["rejected"] == []
    assert {d["name"] for d in state["devices"]} >= {"Ms Ada Lead", "Mr Ben Deputy"}
    code, out, _ = run_cli(capsys, "team", "status", "--vault", str(dsl))
    assert "Last merge:" in out and "Mr Ben Deputy" in out

    code, out, err = run_cli(capsys, "audit", "verify", "--vault", str(dsl))
    assert code == 0, err
    assert "Team device Mr Ben Deputy" in out

    deputy_id = next(d["device_id"] for d in state["devices"] if d["name"] == "Mr Ben Deputy")
    code, out, err = run_cli(capsys, "team", "remove", "--vault", str(dsl), "--device", deputy_id[:8])
    assert code == 0, err
    assert list((folder_dsl / "keys").glob("*.key"))


def test_team_errors_are_one_friendly_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], cli_env: None) -> None:
    vault, folder = tmp_path / "v", tmp_path / "team"
    _init(capsys, vault)
    code, _, err = run_cli(capsys, "team", "sync", "--vault", str(vault))
    assert code == 1 and err.count("\n") == 1 and "not part of a team" in err
    code, out, _ = run_cli(capsys, "team", "status", "--vault", str(vault))
    assert code == 0 and "not part of a team" in out
    assert run_cli(capsys, "team", "create", "--vault", str(vault), "--folder", str(folder))[0] == 0
    code, _, err = run_cli(capsys, "team", "create", "--vault", str(vault), "--folder", str(folder))
    assert code == 1 and "already part of a team" in err and err.count("\n") == 1
    code, _, err = run_cli(
        capsys,
        "team",
        "join",
        "--vault",
        str(tmp_path / "new"),
        "--folder",
        str(folder),
        "--code",
        "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF",
        "--name",
        "Mr Ben Deputy",
    )
    assert code == 1 and "does not match any invitation" in err and err.count("\n") == 1
    assert not (tmp_path / "new").exists(), "no casebook is made for a wrong code"
    code, _, err = run_cli(capsys, "team", "remove", "--vault", str(vault), "--device", "nosuchdevice")
    assert code == 1 and "no device with that id" in err
    shutil.rmtree(folder)
    code, _, err = run_cli(capsys, "team", "sync", "--vault", str(vault))
    assert code == 1 and "cannot be found" in err and err.count("\n") == 1
