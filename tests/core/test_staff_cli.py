"""``dslapp team reporting-key`` → ``dslapp report --from`` → ``dslapp team sync`` → ``dslapp today --json``
(issue 19), and the one-line errors of staff mode's command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import run_cli
from test_canary import _files_under, _leaks

from dslapp.config import home_override

CONCERN = {
    "reporter_name": "Ms Pat Lunchtime-Supervisor",
    "reporter_role": "Midday supervisor",
    "child_name": "Rory Examplechild",
    "year_group": "Year 3",
    "observed_at": "2026-12-03T12:20:00",
    "where": "Playground",
    "what_happened": "Rory said he had not eaten since yesterday lunchtime and was very hungry.",
    "child_words": "There wasn't any food at home.",
    "action_taken": "Gave him toast and came to find the DSL.",
    "told_others": "His class teacher",
    "urgent": True,
}


def test_reporting_key_report_sync_today(tmp_path: Path, capsys: pytest.CaptureFixture[str], cli_env: None) -> None:
    vault, folder, staff = tmp_path / "dsl", tmp_path / "Team", tmp_path / "STAFF.json"
    assert (
        run_cli(capsys, "init", "--vault", str(vault), "--name", "Ms Ada Lead", "--school", "Fictional Academy")[0] == 0
    )
    assert run_cli(capsys, "team", "create", "--vault", str(vault), "--folder", str(folder))[0] == 0
    code, out, err = run_cli(
        capsys,
        "team",
        "reporting-key",
        "--vault",
        str(vault),
        "--out",
        str(staff),
        "--contact",
        "Ms Ada Lead|DSL|01632 960000|Office by the hall",
        "--paper-form",
        "the tray in the staff room",
    )
    assert code == 0, err
    config = json.loads(staff.read_text())
    assert config["school"] == "Fictional Academy"
    assert config["team"][0]["phone"] == "01632 960000"
    assert Path(config["drop_folder"]) == folder
    assert config["paper_form"] == "the tray in the staff room"

    concern = tmp_path / "concern.json"
    concern.write_text(json.dumps(CONCERN))
    code, out, err = run_cli(capsys, "report", "--config", str(staff), "--from", str(concern))
    assert code == 0, err
    receipt = out.strip()
    assert len(receipt) == 11 and receipt[5] == "-"

    code, out, err = run_cli(capsys, "team", "sync", "--vault", str(vault))
    assert code == 0, err
    assert "New concerns from staff: 1" in out
    code, out, err = run_cli(capsys, "today", "--vault", str(vault), "--on", "2026-12-03", "--json")
    assert code == 0, err
    today = json.loads(out)
    (item,) = today["staff_concerns"]
    assert item["title"].startswith("URGENT: Rory Examplechild (Year 3)")
    assert item["rule_id"] == "staff_concern_new"


def test_report_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], cli_env: None) -> None:
    code, _, err = run_cli(capsys, "report", "--config", str(tmp_path / "missing.json"), "--from", "x.json")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "staff reporting configuration" in err


def test_a_concern_waits_when_the_drop_folder_is_away(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cli_env: None
) -> None:
    vault, drop, staff = tmp_path / "dsl", tmp_path / "share", tmp_path / "STAFF.json"
    assert run_cli(capsys, "init", "--vault", str(vault), "--name", "Ms Ada Lead")[0] == 0
    drop.mkdir()
    args = ("team", "reporting-key", "--vault", str(vault), "--out", str(staff), "--drop", str(drop))
    assert run_cli(capsys, *args)[0] == 0
    drop.rmdir()
    concern = tmp_path / "concern.json"
    concern.write_text(json.dumps({**CONCERN, "what_happened": ""}))
    code, _, err = run_cli(capsys, "report", "--config", str(staff), "--from", str(concern))
    assert code == 1 and "Still needed: what you saw or heard" in err
    concern.write_text(json.dumps(CONCERN))
    code, _, err = run_cli(capsys, "report", "--config", str(staff), "--from", str(concern))
    assert code == 0 and "Not yet delivered" in err and "tell the DSL in person" in err
    # the staff side's disk (outbox, receipts, logs, settings: all under DSLAPP_HOME) holds nothing in clear
    home = home_override()
    assert home is not None and (home / "staff" / "outbox").is_dir()
    assert _leaks(_files_under(home), ["Rory Examplechild", "Lunchtime-Supervisor", "any food at home"]) == []
