"""The command line, driven in-process through ``main(argv)``: outputs, exit codes, one-line errors."""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from support import PASSPHRASE
from support import run_cli as run

from dslapp import __version__
from dslapp.cli import build_parser
from dslapp.models import Action, Category, Concern, EarlyHelpPlan
from dslapp.services import recording
from dslapp.services.children import add_child
from dslapp.store import RecordStore
from dslapp.vault.vault import DB_NAME, Vault


def _small_caseload(vault_dir: Path) -> tuple[str, str]:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        store = RecordStore(vault)
        amira = add_child(store, legal_forename="Amira", legal_surname="Testchild", dob=date(2017, 2, 3)).value
        olena = add_child(store, legal_forename="Олена", legal_surname="Коваленко", dob=date(2012, 8, 30)).value
        recording.record(
            store,
            Concern,
            child_id=amira.id,
            observed_at=datetime(2026, 11, 2, 10, 15),
            reporter_name="Ms P. Example",
            categories=[Category.NEGLECT],
            what_happened="Hungry at break; ate two portions at lunch.",
        )
        recording.record(
            store, Action, child_id=amira.id, what="Call mum about breakfast club", owner="DSL", due=date(2026, 11, 10)
        )
        recording.record(
            store, EarlyHelpPlan, child_id=olena.id, started_on=date(2026, 10, 1), next_review=date(2026, 11, 20)
        )
    return str(amira.id), str(olena.id)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and __version__ in out


def _command_tree(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser, str | None]]:
    """Every command under ``parser``, however deeply nested: (words after ``dslapp``, its parser, the help
    its parent lists it with; None when it is listed with none)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            listed = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield (*path, name), sub, listed.get(name)
                yield from _command_tree(sub, (*path, name))


def _commands() -> list[tuple[str, ...]]:
    return [path for path, _, _ in _command_tree(build_parser())]


def test_the_help_walk_reaches_every_nested_command() -> None:
    """The walk below is only as good as what it reaches: nested commands are there, and none is missed."""
    commands = _commands()
    assert {("init",), ("demo",), ("audit",), ("transfer",), ("transfer", "export"), ("transfer", "receipt")} <= set(
        commands
    )
    assert {("retention", "list"), ("retention", "dispose"), ("bench",)} <= set(commands)
    assert len(commands) == len(set(commands)) >= 17


@pytest.mark.parametrize("path", _commands(), ids=" ".join)
def test_every_command_and_option_has_help(capsys: pytest.CaptureFixture[str], path: tuple[str, ...]) -> None:
    """Each command (nested ones too) is listed with help text and each of its options has a help string; its
    own ``--help`` exits 0 and shows every option, and every command under it with that help text."""
    parser, listed = next((p, h) for words, p, h in _command_tree(build_parser()) if words == path)
    assert listed and listed != argparse.SUPPRESS and listed.strip(), f"dslapp {' '.join(path)} has no help text"
    options = [a for a in parser._actions if a.option_strings and not isinstance(a, argparse._HelpAction)]
    for option in options:
        assert option.help and option.help != argparse.SUPPRESS and option.help.strip(), (
            f"dslapp {' '.join(path)} {'/'.join(option.option_strings)} has no help string"
        )
    positionals = [a for a in parser._actions if not a.option_strings and not isinstance(a, argparse._SubParsersAction)]
    for positional in positionals:
        assert positional.help and positional.help.strip(), f"dslapp {' '.join(path)} {positional.dest} has no help"
    code, out, err = run(capsys, *path, "--help")
    assert code == 0 and err == "", err
    assert out.startswith(f"usage: dslapp {' '.join(path)}"), out
    flat = " ".join(out.split())
    for option in options:
        assert option.option_strings[-1] in out, option.option_strings
    for words, _, help_text in _command_tree(parser):
        if len(words) == 1:  # the commands directly under this one
            assert words[0] in out and help_text is not None and " ".join(help_text.split()) in flat, words


@pytest.mark.parametrize(
    "argv",
    [
        (*path, choice)
        for path, parser, _ in _command_tree(build_parser())
        for action in parser._actions
        if not action.option_strings and action.choices and not isinstance(action, argparse._SubParsersAction)
        for choice in action.choices
    ],
    ids=" ".join,
)
def test_help_after_a_chosen_action_exits_0(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    """``dslapp audit verify --help``, ``dslapp export bundle --help``: the command's help, not an error."""
    code, out, err = run(capsys, *argv, "--help")
    assert code == 0 and err == "" and out.startswith(f"usage: dslapp {argv[0]}"), (out, err)


def test_the_top_level_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and out.startswith("usage: dslapp")
    flat = " ".join(out.split())
    for words, _, help_text in _command_tree(build_parser()):
        if len(words) == 1:
            assert words[0] in out and help_text is not None and " ".join(help_text.split()) in flat, words


def test_init_prints_the_recovery_key_once(capsys: pytest.CaptureFixture[str], cli_env: None, vault_dir: Path) -> None:
    code, out, _ = run(
        capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson", "--school", "Fictional"
    )
    assert code == 0
    key = re.search(r"([A-Z2-9]{4}(?:-[A-Z2-9]{4}){7})", out)
    assert key, out
    assert key.group(1) not in (vault_dir / "vault.keys").read_text()
    Vault.open_with_recovery_key(vault_dir, key.group(1), "new").lock()


def test_children_today_and_audit(capsys: pytest.CaptureFixture[str], cli_env: None, vault_dir: Path) -> None:
    run(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")
    amira, olena = _small_caseload(vault_dir)
    code, out, _ = run(capsys, "children", "--vault", str(vault_dir), "--json")
    assert code == 0
    listed = json.loads(out)
    assert [c["legal_forename"] for c in listed] == ["Олена", "Amira"] or {c["id"] for c in listed} == {amira, olena}
    assert {c["id"] for c in listed} == {amira, olena}
    code, out, _ = run(capsys, "today", "--vault", str(vault_dir), "--on", "18/11/2026", "--json")
    day = json.loads(out)
    assert [i["title"] for i in day["overdue_actions"]] == ["Call mum about breakfast club"]
    assert [i["child_id"] for i in day["reviews_due"]] == [olena]
    code, out, _ = run(capsys, "audit", "verify", "--vault", str(vault_dir))
    assert code == 0 and "unbroken" in out


def test_wrong_passphrase_is_one_line_exit_1(
    capsys: pytest.CaptureFixture[str], cli_env: None, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")
    monkeypatch.setenv("DSLAPP_PASSPHRASE", "wrong")
    code, out, err = run(capsys, "children", "--vault", str(vault_dir))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "passphrase is not right" in err and "Traceback" not in err


def test_no_vault_is_a_kind_error(capsys: pytest.CaptureFixture[str], cli_env: None, tmp_path: Path) -> None:
    code, _, err = run(capsys, "children", "--vault", str(tmp_path / "nowhere"))
    assert code == 1 and "no casebook" in err.lower()


def test_edited_audit_row_is_named(capsys: pytest.CaptureFixture[str], cli_env: None, vault_dir: Path) -> None:
    run(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")
    _small_caseload(vault_dir)
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.db.execute("DROP TRIGGER audit_never_changed")  # what someone with the key and raw SQL could do
        vault.db.execute("UPDATE audit SET user = 'Someone else' WHERE seq = 3")
    code, _, err = run(capsys, "audit", "verify", "--vault", str(vault_dir))
    assert code == 1 and "row 3" in err and "changed" in err


@pytest.mark.parametrize("victim", ["middle", "newest"])
def test_removed_audit_row_is_detected(
    capsys: pytest.CaptureFixture[str], cli_env: None, vault_dir: Path, victim: str
) -> None:
    run(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")
    _small_caseload(vault_dir)
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        vault.db.execute("DROP TRIGGER audit_never_deleted")
        newest = vault.db.scalar("SELECT max(seq) FROM audit")
        seq = 4 if victim == "middle" else newest
        vault.db.execute("DELETE FROM audit WHERE seq = ?", (seq,))
        # the vault's own lock row is appended after this; remove the newest rows via the last one
    code, _, err = run(capsys, "audit", "verify", "--vault", str(vault_dir))
    assert code == 1 and f"row {seq}" in err


def test_bundle_export_import_round_trip(capsys: pytest.CaptureFixture[str], cli_env: None, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    run(capsys, "init", "--vault", str(first), "--name", "Ms Ada Testperson")
    run(capsys, "init", "--vault", str(second), "--name", "Mr Bo Receiver")
    amira, _ = _small_caseload(first)
    out1, out2 = tmp_path / "a.json", tmp_path / "b.json"
    assert run(capsys, "export", "bundle", "--vault", str(first), "--child", amira[:8], "--out", str(out1))[0] == 0
    code, _out, err = run(capsys, "import", "--vault", str(second), str(out1))
    assert code == 0, err
    assert run(capsys, "export", "bundle", "--vault", str(second), "--child", amira, "--out", str(out2))[0] == 0
    a, b = json.loads(out1.read_text()), json.loads(out2.read_text())
    for header in ("exported_at", "exported_by", "school", "app_version"):
        a.pop(header), b.pop(header)
    assert a == b
    code, _, err = run(capsys, "import", "--vault", str(second), str(out1))
    assert code == 1 and "already in this casebook" in err


def test_malformed_bundle_names_the_field_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], cli_env: None, tmp_path: Path, vault_dir: Path
) -> None:
    run(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")
    amira, _ = _small_caseload(vault_dir)
    good = tmp_path / "good.json"
    run(capsys, "export", "bundle", "--vault", str(vault_dir), "--child", amira, "--out", str(good))
    other = tmp_path / "other"
    run(capsys, "init", "--vault", str(other), "--name", "Mr Bo Receiver")
    data = json.loads(good.read_text())
    data["concerns"][0]["observed_at"] = "yesterday-ish"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    code, _, err = run(capsys, "import", "--vault", str(other), str(bad))
    assert code == 1 and err.count("\n") == 1 and "concerns[0].observed_at" in err and "Nothing was added" in err
    (tmp_path / "junk.json").write_text("{ nope")
    code, _, err = run(capsys, "import", "--vault", str(other), str(tmp_path / "junk.json"))
    assert code == 1 and "not valid JSON" in err
    code, out, _ = run(capsys, "children", "--vault", str(other), "--json")
    assert json.loads(out) == []


def test_backup_and_restore_are_verified_and_keep_the_damaged_file(
    capsys: pytest.CaptureFixture[str], cli_env: None, tmp_path: Path, vault_dir: Path
) -> None:
    run(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")
    amira, olena = _small_caseload(vault_dir)
    backup_file = tmp_path / "casebook.casebook-backup"
    code, out, err = run(capsys, "backup", "--vault", str(vault_dir), "--out", str(backup_file))
    assert code == 0 and "verified" in out, err
    # damage the live vault
    db_path = vault_dir / DB_NAME
    data = bytearray(db_path.read_bytes())
    data[4096:] = bytes(len(data) - 4096)  # every page after the first
    db_path.write_bytes(bytes(data))
    code, _, err = run(capsys, "children", "--vault", str(vault_dir))
    assert code == 1 and "damaged" in err
    code, out, err = run(capsys, "restore", "--vault", str(vault_dir), str(backup_file))
    assert code == 0, err
    kept = list(vault_dir.glob("casebook.db.replaced-*"))
    assert len(kept) == 1 and kept[0].read_bytes()[4096:8192] == bytes(4096)
    code, out, _ = run(capsys, "children", "--vault", str(vault_dir), "--json")
    assert {c["id"] for c in json.loads(out)} == {amira, olena}
    assert run(capsys, "audit", "verify", "--vault", str(vault_dir))[0] == 0


def test_plain_export_opens_with_plain_sqlite(store: RecordStore, tmp_path: Path) -> None:
    from dslapp.vault.backup import export_plain

    add_child(store, legal_forename="Çağla", legal_surname="Yılmaz", dob=date(2013, 5, 5))
    out = export_plain(store.vault, tmp_path / "plain.sqlite")
    with sqlite3.connect(out) as plain:
        names = plain.execute(
            "SELECT json_extract(body, '$.legal_forename') FROM records WHERE kind='child'"
        ).fetchall()
    assert names == [("Çağla",)]


def test_unwritable_output_is_a_kind_error(
    capsys: pytest.CaptureFixture[str], cli_env: None, tmp_path: Path, vault_dir: Path
) -> None:
    run(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")
    amira, _ = _small_caseload(vault_dir)
    code, _, err = run(
        capsys,
        "export",
        "bundle",
        "--vault",
        str(vault_dir),
        "--child",
        amira,
        "--out",
        str(tmp_path / "no" / "such" / "folder.json"),
    )
    assert code == 1 and "does not exist" in err
