"""The command line for leaving the app, CP file transfer, automatic backups and damaged vaults."""

from __future__ import annotations

import io
import os
import re
import sqlite3
import stat
from datetime import date, datetime
from pathlib import Path

import pytest
from support import FAST_KDF, PASSPHRASE
from support import run_cli as run

from dslapp.errors import WrongPassphrase
from dslapp.models import Category, Concern
from dslapp.services import casebook as casebook_service
from dslapp.services import recording
from dslapp.services.children import add_child
from dslapp.store import RecordStore
from dslapp.vault import audit
from dslapp.vault.backup import list_backups
from dslapp.vault.vault import DB_NAME, Vault


def _one_child(vault_dir: Path, forename: str = "Amira") -> str:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        store = RecordStore(vault)
        child = add_child(store, legal_forename=forename, legal_surname="Testchild", dob=date(2017, 2, 3)).value
        recording.record(
            store,
            Concern,
            child_id=child.id,
            observed_at=datetime(2026, 11, 2, 10, 15),
            reporter_name="Ms P. Example",
            categories=[Category.NEGLECT],
            what_happened="Hungry at break; ate two portions at lunch.",
        )
    return str(child.id)


def test_confirm_passphrase_checks_the_signed_in_users_own_wrap(store: RecordStore) -> None:
    vault = store.vault
    casebook_service.confirm_passphrase(store, PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        casebook_service.confirm_passphrase(store, "not it")
    vault.add_user("Mr Bo Deputyperson", "Deputy DSL", "deputy's own passphrase", kdf=FAST_KDF)
    with pytest.raises(WrongPassphrase):
        casebook_service.confirm_passphrase(store, "deputy's own passphrase")  # another user's does not confirm mine
    assert vault.is_open


def test_export_plain_writes_a_private_plain_sqlite_copy_and_is_audited(
    capsys: pytest.CaptureFixture[str], cli_env: None, vault_dir: Path, tmp_path: Path
) -> None:
    run(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")
    child_id = _one_child(vault_dir, "Çağla")
    out = tmp_path / "whole-casebook.sqlite"
    code, stdout, err = run(capsys, "export", "plain", "--vault", str(vault_dir), "--out", str(out))
    assert code == 0, err
    assert "unencrypted" in stdout
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    with sqlite3.connect(out) as plain:
        names = plain.execute(
            "SELECT json_extract(body, '$.legal_forename') FROM records WHERE kind='child'"
        ).fetchall()
        kinds = {r[0] for r in plain.execute("SELECT kind FROM records")}
    assert names == [("Çağla",)] and kinds == {"child", "concern"}
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        assert any(e.action == "export" and e.detail == "plain SQLite export" for e in audit.events(vault.db))
    # never over an existing file
    code, _, err = run(capsys, "export", "plain", "--vault", str(vault_dir), "--out", str(out))
    assert code == 1 and "already exists" in err
    # plain takes no child; other exports need one
    assert run(capsys, "export", "plain", "--vault", str(vault_dir), "--child", child_id, "--out", "x")[0] == 2
    assert run(capsys, "export", "bundle", "--vault", str(vault_dir), "--out", str(tmp_path / "b.json"))[0] == 2


def test_exports_that_leave_the_vault_need_the_passphrase_confirmed(
    capsys: pytest.CaptureFixture[str],
    cli_env: None,
    vault_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")
    child_id = _one_child(vault_dir)
    checked: list[str] = []

    def refuse(casebook: object, passphrase: str) -> None:
        checked.append(passphrase)
        raise WrongPassphrase()

    monkeypatch.setattr(casebook_service, "confirm_passphrase", refuse)
    for argv in (
        ("export", "plain", "--vault", str(vault_dir), "--out", str(tmp_path / "plain.sqlite")),
        ("export", "bundle", "--vault", str(vault_dir), "--child", child_id, "--out", str(tmp_path / "b.json")),
    ):
        code, _, err = run(capsys, *argv)
        assert code == 1 and "passphrase is not right" in err and err.count("\n") == 1
    assert checked == [PASSPHRASE, PASSPHRASE]
    assert not (tmp_path / "plain.sqlite").exists() and not (tmp_path / "b.json").exists()


def test_transfer_from_one_school_to_another_on_the_command_line(
    capsys: pytest.CaptureFixture[str],
    cli_env: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sender, receiver, out = tmp_path / "sender", tmp_path / "receiver", tmp_path / "out"
    out.mkdir()
    run(capsys, "init", "--vault", str(sender), "--name", "Ms Ada Sender", "--school", "Fictional Sender Primary")
    run(capsys, "init", "--vault", str(receiver), "--name", "Mr Bo Receiver", "--school", "Fictional High")
    child_id = _one_child(sender)
    code, stdout, err = run(
        capsys,
        "transfer",
        "export",
        "--vault",
        str(sender),
        "--child",
        child_id[:8],
        "--to-school",
        "Fictional High",
        "--to-dsl",
        "Mr Bo Receiver",
        "--out",
        str(out),
    )
    assert code == 0, err
    passphrase = re.search(r"\n    ([A-Z2-9]{4}(?:-[A-Z2-9]{4}){5})\n", stdout)
    transfer_id = re.search(r"Transfer id:\s+(\S+)", stdout)
    pack = next(out.glob("*.dsltransfer"))
    assert passphrase and transfer_id and "separate route" in stdout
    assert len(list(out.glob("*-covering-letter.pdf"))) == 1

    # receiving: the casebook passphrase and then the pack's one-time passphrase, both on stdin
    monkeypatch.delenv("DSLAPP_PASSPHRASE")
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\nAAAA-AAAA-AAAA-AAAA-AAAA-AAAA\n"))
    code, _, err = run(capsys, "transfer", "import", "--vault", str(receiver), "--passphrase-stdin", str(pack))
    assert code == 1 and "could not be opened" in err and err.count("\n") == 1  # the pack is checked first
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSPHRASE}\n{passphrase.group(1)}\n"))
    code, stdout, err = run(capsys, "transfer", "import", "--vault", str(receiver), "--passphrase-stdin", str(pack))
    assert code == 0, err
    receipt = re.search(r"RECEIPT CODE: ([A-Z]{4}-[A-Z]{4}-[A-Z]{4})", stdout)
    assert receipt and "Fictional Sender Primary" in stdout
    monkeypatch.setenv("DSLAPP_PASSPHRASE", PASSPHRASE)
    code, stdout, _ = run(capsys, "children", "--vault", str(receiver), "--json")
    assert child_id in stdout

    # back at the sender: Today lists it until the receipt code is recorded
    code, stdout, _ = run(capsys, "today", "--vault", str(sender), "--json")
    assert transfer_id.group(1) in stdout
    code, _, err = run(
        capsys,
        "transfer",
        "receipt",
        "--vault",
        str(sender),
        "--transfer",
        transfer_id.group(1)[:8],
        "--code",
        "ABCD-EFGH-JKLM",
    )
    assert code == 1 and "does not match" in err
    code, stdout, err = run(
        capsys,
        "transfer",
        "receipt",
        "--vault",
        str(sender),
        "--transfer",
        transfer_id.group(1)[:8],
        "--code",
        receipt.group(1),
    )
    assert code == 0 and "Mr Bo Receiver" in stdout and "closed" in stdout, err
    code, stdout, _ = run(capsys, "today", "--vault", str(sender), "--json")
    assert transfer_id.group(1) not in stdout


def test_transfer_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], cli_env: None) -> None:
    assert run(capsys, "transfer")[0] == 2
    assert run(capsys, "transfer", "export", "--child", "x")[0] == 2
    assert run(capsys, "transfer", "receipt", "--transfer", "x")[0] == 2


def test_commands_take_rolling_backups_and_a_damaged_vault_says_how_to_restore(
    capsys: pytest.CaptureFixture[str], cli_env: None, vault_dir: Path
) -> None:
    run(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")
    _one_child(vault_dir)
    code, _, err = run(capsys, "children", "--vault", str(vault_dir))
    assert code == 0, err
    made = list_backups(vault_dir)
    assert len(made) == 1 and made[0].automatic
    run(capsys, "children", "--vault", str(vault_dir))
    assert len(list_backups(vault_dir)) == 1  # nothing changed since: no new copy
    db_path = vault_dir / DB_NAME
    data = bytearray(db_path.read_bytes())
    data[4096:] = bytes(len(data) - 4096)
    db_path.write_bytes(bytes(data))
    code, _, err = run(capsys, "children", "--vault", str(vault_dir))
    assert code == 1 and err.count("\n") == 1 and "damaged" in err
    assert f"dslapp restore --vault {vault_dir} {made[0].path}" in err
    code, _, err = run(capsys, "restore", "--vault", str(vault_dir), str(made[0].path))
    assert code == 0, err
    code, stdout, _ = run(capsys, "children", "--vault", str(vault_dir), "--json")
    assert code == 0 and "Amira" in stdout


def test_hostile_file_names_give_one_plain_line(
    capsys: pytest.CaptureFixture[str], cli_env: None, vault_dir: Path
) -> None:
    """Found by the fuzzer: control characters and bidi overrides in a file name are shown escaped, so the
    error stays on one line and cannot drive the terminal; a NUL (which no shell can pass) is a usage error."""
    run(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")
    hostile = "evil\x1b[2J\u202e\nname\x85.json"
    code, _, err = run(capsys, "import", "--vault", str(vault_dir), hostile)
    assert code == 1 and err.count("\n") == 1 and len(err.splitlines()) == 1
    assert "\x1b" not in err and "\u202e" not in err and "\\x1b" in err and "\\u202e" in err
    code, _, err = run(capsys, "import", "--vault", str(vault_dir), "a\x00b.json")
    assert code == 2 and "NUL" in err
