"""The school roll (issue 17 item 6): reading MIS exports, mapping, preview, matching, import, report, the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import PASSPHRASE
from support import run_cli as run

from dslapp.errors import CannotReadFile, RollFileUnreadable, RollMappingInvalid
from dslapp.models import Child, Person
from dslapp.models.roll import RollField
from dslapp.services import roll
from dslapp.services.children import add_child
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault

FIXTURES = Path(__file__).parent.parent / "fixtures"
SIMS = FIXTURES / "roll_sims_cp1252.csv"
ARBOR = FIXTURES / "roll_arbor_utf8_bom.csv"


def _casebook_children(store: RecordStore) -> tuple[Child, Child]:
    amira = add_child(
        store,
        legal_forename="Amira",
        legal_surname="Casebookchild",
        dob=date(2017, 2, 3),
        upn="A100000000007",
        gender="F",
        year_group="Year 3",
        address="7 Old Lane, Fictionton",
    ).value
    freya = add_child(
        store, legal_forename="Freya", legal_surname="Namematch", dob=date(2018, 9, 9), year_group="Year 2", gender="F"
    ).value
    return amira, freya


# ---- reading ----------------------------------------------------------------------------------------------


def test_reads_windows_1252_with_commas() -> None:
    table = roll.read_roll_file(SIMS)
    assert table.encoding == "Windows-1252" and table.delimiter == ","
    assert table.headers[:3] == ["UPN", "Legal Surname", "Legal Forename"]
    assert table.rows[0][2] == "Zoë"  # cp1252 0xEB, not mojibake
    assert len(table.rows) == 8  # the blank row at the end is not a pupil


def test_reads_utf8_with_bom_and_semicolons() -> None:
    table = roll.read_roll_file(ARBOR)
    assert table.encoding == "UTF-8" and table.delimiter == ";"
    assert table.headers[0] == "UPN"  # the BOM is not part of the first header
    assert table.rows[0][1] == "Łucja"


def test_header_names_of_different_mis_are_guessed() -> None:
    sims = roll.guess_mapping(roll.read_roll_file(SIMS).headers)
    assert sims[RollField.LEGAL_FORENAME] == "Legal Forename"
    assert sims[RollField.PREFERRED_FORENAME] == "Preferred Forename"
    assert sims[RollField.DOB] == "DOB" and sims[RollField.YEAR_GROUP] == "Year"
    assert sims[RollField.CONTACT_NAME] == "Primary Contact"
    assert sims[RollField.CONTACT_PHONE] == "Primary Contact Telephone"
    arbor = roll.guess_mapping(roll.read_roll_file(ARBOR).headers)
    assert arbor[RollField.LEGAL_FORENAME] == "Legal first name"
    assert arbor[RollField.LEGAL_SURNAME] == "Legal last name"
    assert arbor[RollField.DOB] == "Date of birth" and arbor[RollField.YEAR_GROUP] == "Year group"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("04/03/2016", date(2016, 3, 4)),
        ("4/3/2016", date(2016, 3, 4)),
        ("04-03-2016", date(2016, 3, 4)),
        ("2016-03-04", date(2016, 3, 4)),
        ("2016-03-04T00:00:00", date(2016, 3, 4)),
        ("04/03/2016 00:00", date(2016, 3, 4)),
        ("04 Mar 2016", date(2016, 3, 4)),
    ],
)
def test_uk_and_iso_dates(text: str, expected: date) -> None:
    assert roll.parse_roll_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2015", "03/04", "yesterday", "2016/13/01"])
def test_dates_that_are_not_dates(text: str) -> None:
    assert roll.parse_roll_date(text) is None


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "empty"),
        (b"UPN,Surname,Forename,DOB\r\n", "no pupils"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"just one column\nand another row\n", "cannot be read as a school roll"),
    ],
)
def test_malformed_files_are_refused_kindly(data: bytes, says: str) -> None:
    with pytest.raises(RollFileUnreadable) as caught:
        roll.parse_roll_bytes(data)
    assert says in str(caught.value) and "\n" not in str(caught.value)


def test_a_mapping_without_dates_of_birth_is_refused() -> None:
    table = roll.read_roll_file(SIMS)
    mapping = roll.guess_mapping(table.headers)
    del mapping[RollField.DOB]
    with pytest.raises(RollMappingInvalid, match="date of birth"):
        roll.read_pupils(table, mapping, on=date(2026, 12, 3))
    mapping[RollField.DOB] = "Birthday"
    with pytest.raises(RollMappingInvalid, match="no column called"):
        roll.read_pupils(table, mapping, on=date(2026, 12, 3))


def test_awkward_rows_are_skipped_with_reasons() -> None:
    table = roll.read_roll_file(SIMS)
    reading = roll.read_pupils(table, roll.guess_mapping(table.headers), on=date(2026, 12, 3))
    assert [p.legal_forename for p in reading.pupils] == ["Zoë", "Oliver", "Amira", "Freya"]
    reasons = {s.row: s.reason for s in reading.skipped}
    assert reasons[4] == reasons[5] == roll.DUPLICATE_UPN  # both rows: which one is right cannot be known
    assert reasons[6] == roll.NO_DOB
    assert "31/02/2015" in reasons[7] and "not a date" in reasons[7]
    zoe = reading.pupils[0]
    assert zoe.preferred_forename == "Zo" and zoe.dob == date(2016, 3, 4) and zoe.contact_name == "Ms Parent Testpupil"
    assert reading.pupils[1].dob == date(2015, 11, 20)  # an ISO date in the same file


# ---- preview, matching, import ------------------------------------------------------------------------------


def test_preview_matches_by_upn_then_by_name_and_dob(store: RecordStore) -> None:
    amira, freya = _casebook_children(store)
    table = roll.read_roll_file(SIMS)
    before = store.count()
    preview = roll.preview_roll(store, table, roll.guess_mapping(table.headers))
    assert store.count() == before  # a preview writes nothing
    by_name = {m.pupil.legal_forename: m for m in preview.matches}
    assert by_name["Amira"].child_id == str(amira.id) and by_name["Amira"].matched_by == "UPN"
    assert by_name["Amira"].changes == {
        "address": ("7 Old Lane, Fictionton", "7 Updated Lane, Fictionton"),
        "year_group": ("Year 3", "Year 4"),
    }
    assert by_name["Freya"].child_id == str(freya.id) and by_name["Freya"].matched_by == "name and date of birth"
    assert by_name["Freya"].changes == {"year_group": ("Year 2", "Year 3")}
    assert [m.pupil.legal_forename for m in preview.new_pupils] == ["Zoë", "Oliver"]
    assert len(preview.skipped) == 4


def test_same_name_and_dob_with_a_different_upn_is_not_matched_silently(store: RecordStore) -> None:
    add_child(store, legal_forename="Oliver", legal_surname="Examplechild", dob=date(2015, 11, 20), upn="Z999999999999")
    table = roll.read_roll_file(SIMS)
    preview = roll.preview_roll(store, table, roll.guess_mapping(table.headers))
    assert "Oliver" not in [m.pupil.legal_forename for m in preview.matches]
    assert any(s.reason == roll.DIFFERENT_UPN and s.row == 3 for s in preview.skipped)


def test_import_updates_by_amendment_adds_only_chosen_and_reports(store: RecordStore) -> None:
    amira, freya = _casebook_children(store)
    table = roll.read_roll_file(SIMS)
    mapping = roll.guess_mapping(table.headers)
    preview = roll.preview_roll(store, table, mapping)
    zoe = next(m for m in preview.new_pupils if m.pupil.legal_forename == "Zoë")
    saved = roll.import_roll(store, table, mapping, add={zoe.pupil.key})
    report = saved.value
    assert report.on_roll == 4 and report.not_chosen == 1 and report.unchanged == 0
    assert [name for name, _ in report.added] == ["Zo Testpupil"]
    assert sorted((n, f) for n, _, f in report.updated) == [
        ("Amira Casebookchild", ["address", "year_group"]),
        ("Freya Namematch", ["year_group"]),
    ]
    assert [s.row for s in report.skipped] == [4, 5, 6, 7]
    assert saved.changes.touches("child", roll.ROLL_KIND)

    # updates are amendments with the reason, the original kept
    updated = store.get_as(Child, amira.id)
    assert updated.year_group == "Year 4" and updated.version == 2
    history = store.amendments(amira.id)
    reason = f"Updated from the school roll imported {store.vault.now().strftime('%d/%m/%Y')}"
    assert history[-1].reason == reason and history[-1].previous["address"] == "7 Old Lane, Fictionton"
    assert store.get_as(Child, freya.id).year_group == "Year 3"

    # only the chosen pupil became a child, with the contact from the roll
    children = store.all_of(Child)
    assert sorted(c.legal_forename for c in children) == ["Amira", "Freya", "Zoë"]
    new = next(c for c in children if c.legal_forename == "Zoë")
    assert new.known_as == "Zo" and new.upn == "A100000000001" and new.dob == date(2016, 3, 4)
    contact = store.for_child(new.id, Person)[0]
    assert contact.name == "Ms Parent Testpupil" and contact.relationship == "Mother"

    # the import is audited, with counts and no names
    rows = store.db.execute("SELECT action, object, detail FROM audit WHERE object = ?", (roll.ROLL_KIND,)).fetchall()
    assert [tuple(r) for r in rows] == [
        ("import", "school_roll", "4 pupils on the roll; 1 added, 2 updated, 4 skipped")
    ]

    # the roll and the mapping are kept in the vault
    kept = roll.school_roll(store)
    assert kept is not None and len(kept.pupils) == 4
    assert roll.saved_mapping(store) == mapping


def test_importing_the_same_roll_again_changes_nothing_more(store: RecordStore) -> None:
    _casebook_children(store)
    table = roll.read_roll_file(SIMS)
    mapping = roll.guess_mapping(table.headers)
    roll.import_roll(store, table, mapping)
    again = roll.import_roll(store, table, mapping).value
    assert again.updated == [] and again.unchanged == 2


def test_unticked_updates_are_not_applied(store: RecordStore) -> None:
    amira, _ = _casebook_children(store)
    table = roll.read_roll_file(SIMS)
    mapping = roll.guess_mapping(table.headers)
    report = roll.import_roll(store, table, mapping, update=set()).value
    assert report.updated == [] and store.get_as(Child, amira.id).version == 1


def test_the_remembered_mapping_is_used_next_time(store: RecordStore) -> None:
    table = roll.read_roll_file(ARBOR)
    mapping = roll.guess_mapping(table.headers)
    mapping[RollField.PREFERRED_FORENAME] = "Gender"  # a deliberate, odd choice the school made
    mapping.pop(RollField.GENDER)
    roll.import_roll(store, table, mapping)
    assert roll.mapping_for(store, table)[RollField.PREFERRED_FORENAME] == "Gender"


def test_pupils_without_a_file_and_adding_one_from_the_roll(store: RecordStore) -> None:
    _casebook_children(store)
    table = roll.read_roll_file(SIMS)
    roll.import_roll(store, table, roll.guess_mapping(table.headers))
    offered = roll.pupils_without_a_file(store)
    assert [p.legal_forename for p in offered] == ["Oliver", "Zoë"]  # by surname; matched children are not offered
    saved = roll.add_child_from_roll(store, offered[1].key)
    assert saved.value.legal_forename == "Zoë" and saved.changes.touches("child")
    audit = store.db.execute("SELECT detail FROM audit WHERE object = ?", (str(saved.value.id),)).fetchall()
    assert ("child added from the school roll",) in [tuple(r) for r in audit]
    assert [p.legal_forename for p in roll.pupils_without_a_file(store)] == ["Oliver"]
    again = roll.add_child_from_roll(store, offered[1].key)  # chosen twice: the same child, nothing written
    assert again.value.id == saved.value.id and again.changes.empty


def test_the_roll_is_not_on_disk_in_plaintext(vault: Vault, tmp_path: Path) -> None:
    store = RecordStore(vault)
    marker = "MkRollMarker7c1d"
    csv_file = tmp_path / "outside" / "roll.csv"
    csv_file.parent.mkdir()
    csv_file.write_text(f"UPN,Surname,Forename,DOB\nC300000000001,{marker}surname,Sunny,01/02/2016\n", encoding="utf-8")
    table = roll.read_roll_file(csv_file)
    roll.import_roll(store, table, roll.guess_mapping(table.headers))
    assert roll.pupils_without_a_file(store)[0].legal_surname == f"{marker}surname"
    vault.db.execute("PRAGMA wal_checkpoint(FULL)")
    hits = [
        path
        for path in vault.directory.rglob("*")
        if path.is_file()
        and any(needle in path.read_bytes() for needle in (marker.encode(), marker.encode("utf-16-le")))
    ]
    assert hits == []


# ---- the command line --------------------------------------------------------------------------------------


def _cli_vault(vault_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "init", "--vault", str(vault_dir), "--name", "Ms Ada Testperson")[0] == 0
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        _casebook_children(RecordStore(vault))


def _state(vault_dir: Path) -> tuple[object, ...]:
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        db = vault.db
        return (
            db.execute("SELECT id, version, body FROM records ORDER BY id").fetchall(),
            db.scalar("SELECT count(*) FROM amendments"),
            db.scalar("SELECT count(*) FROM meta WHERE key LIKE 'school_roll%'"),
        )


@pytest.mark.usefixtures("cli_env")
def test_cli_dry_run_changes_nothing(vault_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _cli_vault(vault_dir, capsys)
    before = _state(vault_dir)
    code, out, err = run(
        capsys,
        "roll",
        "import",
        "--vault",
        str(vault_dir),
        str(SIMS),
        "--dry-run",
        "--add",
        "A100000000001",
        "--add",
        "A100000000007",
    )
    assert code == 0, err
    assert "Dry run, nothing was changed" in out
    assert "Would add 1" in out and "Zo Testpupil" in out
    assert "Would update 2" in out and "Amira Casebookchild: address, year group" in out
    assert "row 6 (Riley Nodob): no date of birth" in out
    assert "note: --add A100000000007: no pupil with that UPN is on the roll without a file" in out  # has a file
    assert _state(vault_dir) == before


@pytest.mark.usefixtures("cli_env")
def test_cli_import_with_a_column_mapping_file(
    vault_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _cli_vault(vault_dir, capsys)
    columns = tmp_path / "columns.json"
    columns.write_text(
        json.dumps(
            {
                "upn": "UPN",
                "legal_forename": "Legal first name",
                "legal_surname": "Legal last name",
                "dob": "Date of birth",
            }
        ),
        encoding="utf-8",
    )
    code, out, err = run(
        capsys, "roll", "import", "--vault", str(vault_dir), str(ARBOR), "--columns", str(columns), "--json"
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["on_roll"] == 2 and report["not_chosen"] == 2 and report["added"] == [] and not report["dry_run"]
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        store = RecordStore(vault)
        assert roll.saved_mapping(store) == roll.mapping_from_json(json.loads(columns.read_text("utf-8")))
        assert [p.legal_forename for p in roll.pupils_without_a_file(store)] == ["Łucja", "Noor"]


@pytest.mark.usefixtures("cli_env")
@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "That file is empty"),
        (b"\x00\x01\x02garbage", "binary data"),
        (b"Name,Favourite colour\nSam,Blue\n", "Say which column holds the pupils'"),
    ],
)
def test_cli_malformed_csv_is_one_kind_line(
    vault_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, says: str
) -> None:
    _cli_vault(vault_dir, capsys)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    code, out, err = run(capsys, "roll", "import", "--vault", str(vault_dir), str(bad))
    assert code == 1 and out == ""
    assert err.startswith("dslapp: ") and says in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.usefixtures("cli_env")
def test_cli_missing_file_and_bad_mapping(vault_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _cli_vault(vault_dir, capsys)
    code, _, err = run(capsys, "roll", "import", "--vault", str(vault_dir), str(tmp_path / "nope.csv"))
    assert code == 1 and "There is no file at" in err
    columns = tmp_path / "columns.json"
    columns.write_text('{"shoe_size": "Shoes"}', encoding="utf-8")
    code, _, err = run(capsys, "roll", "import", "--vault", str(vault_dir), str(SIMS), "--columns", str(columns))
    assert code == 1 and "not a roll field" in err


def test_cannot_read_a_folder(tmp_path: Path) -> None:
    with pytest.raises(CannotReadFile):
        roll.read_roll_file(tmp_path)


# ---- hostile files ---------------------------------------------------------------------------------------


@given(data=st.binary(max_size=2000))
def test_any_bytes_are_a_table_or_a_kind_refusal(data: bytes) -> None:
    try:
        table = roll.parse_roll_bytes(data)
    except RollFileUnreadable as exc:
        assert "\n" not in str(exc)
        return
    assert table.rows and len([h for h in table.headers if h]) >= 2


@given(cells=st.lists(st.lists(st.text(max_size=400), min_size=0, max_size=6), min_size=1, max_size=8))
def test_any_cells_under_a_mapping_are_pupils_or_skips(cells: list[list[str]]) -> None:
    headers = ["UPN", "Forename", "Surname", "DOB", "Year", "Address"]
    table = roll.RollTable(headers=headers, rows=cells, encoding="UTF-8", delimiter=",")
    reading = roll.read_pupils(table, roll.guess_mapping(headers), on=date(2026, 12, 3))
    assert len(reading.pupils) + len(reading.skipped) == len(cells)
