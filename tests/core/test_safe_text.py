"""Text that could mislead a reader: names with nothing visible in them, NUL characters, broken characters
(lone surrogates), and bidirectional overrides that would reorder what is shown around them.

Stored text stays exactly as typed (records are evidence); the command line and PDFs show it safely; a
new name must have something a reader can see. Real vault, real CLI, real PDFs read back with pypdf.
All names are fictional.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from support import PASSPHRASE
from support import run_cli as run

from dslapp.errors import CasebookError, InvalidRecord
from dslapp.models import (
    RECORD_KINDS,
    Category,
    Child,
    ChronologyEntry,
    Concern,
    Person,
    Professional,
    SupervisionNote,
)
from dslapp.services import recording
from dslapp.services.children import add_child
from dslapp.services.documents import export_chronology_pdf, export_mash_pdf, export_referral_pack
from dslapp.services.mash import start_enquiry
from dslapp.store import RecordStore
from dslapp.store.records import validate
from dslapp.text import BIDI_CONTROLS, for_display, name_problem, one_line, quote_for_message, visible_text
from dslapp.vault.vault import Vault

BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")

# ---- the helpers -----------------------------------------------------------------------------------------


def test_one_line_escapes_what_would_break_or_hide_a_message_and_keeps_every_script() -> None:
    assert one_line("two\nlines\r\tand \x1b[31mred\x00") == "two\\nlines\\r\\tand \\x1b[31mred\\x00"
    assert one_line("evil\u202etxt.exe \u2066x\u2069 \u200b \ufeff \ud800") == (
        "evil\\u202etxt.exe \\u2066x\\u2069 \\u200b \\ufeff \\ud800"
    )
    kept = "Łucja Wiśniewska, Nguyễn Thị Hương, أمينة, Олена, 👩\u200d👧, می\u200cخواهم"
    assert one_line(kept) == kept  # joiners are part of how emoji and Persian are written


def test_quote_for_message_quotes_escapes_and_cuts_short() -> None:
    assert quote_for_message("a\nb") == "“a\\nb”"
    long = quote_for_message("x" * 500)
    assert long == "“" + "x" * 60 + "…”"
    assert "\n" not in quote_for_message(Path("/tmp/odd\nname.json"))


def test_for_display_takes_out_overrides_and_isolates_only() -> None:
    for ch in BIDI_CONTROLS:
        assert for_display(f"Sam{ch}Example") == "SamExample"
    assert for_display("Zoë \u200fأمينة\u200e") == "Zoë \u200fأمينة\u200e"  # marks do not override: kept


@pytest.mark.parametrize(
    "name",
    ["\u200b", "\ufeff", "\u2060", "\u00ad", "\u200e\u200f", "\u202e", "\u2066\u2069", " \u200b \u3164 ", "\x7f"],
)
def test_a_name_of_only_invisible_characters_has_a_problem(name: str) -> None:
    assert visible_text(name) == ""
    assert name_problem(name) == "has no letters that can be seen; please type the name"


def test_a_real_name_has_none() -> None:
    for name in ("Łucja", "Nguyễn Thị Hương", "أمينة", "O'Neill-Smith", "Ng", "李", "Mehr\u200cnaz"):
        assert name_problem(name) == ""
    assert name_problem("Sam\x00") == "contains a NUL character, which a name cannot hold"


# ---- names are refused when nothing in them can be seen, or they hold a NUL ----------------------------------

CHILD = "00000000-0000-4000-8000-000000000001"
NAME_FIELDS: list[tuple[type[Any], str, dict[str, Any]]] = [
    (Child, "legal_forename", {"legal_surname": "Example", "dob": "2015-03-04"}),
    (Child, "legal_surname", {"legal_forename": "Sam", "dob": "2015-03-04"}),
    (Child, "known_as", {"legal_forename": "Sam", "legal_surname": "Example", "dob": "2015-03-04"}),
    (Person, "name", {"child_id": CHILD, "relationship": "Mother"}),
    (Professional, "name", {"child_id": CHILD, "role": "Social worker"}),
    (
        Concern,
        "reporter_name",
        {
            "child_id": CHILD,
            "observed_at": "2026-01-05T09:00:00",
            "categories": ["other"],
            "what_happened": "Seen crying at lunch.",
        },
    ),
    (SupervisionNote, "supervisor", {"held_on": "2026-01-05"}),
]


@pytest.mark.parametrize(("cls", "field", "rest"), NAME_FIELDS, ids=[f"{c.__name__}.{f}" for c, f, _ in NAME_FIELDS])
@pytest.mark.parametrize(
    "bad",
    [
        pytest.param("\u200b\u200b", id="zero-width-spaces"),
        pytest.param("\ufeff\u2060\u00ad", id="bom-word-joiner-soft-hyphen"),
        pytest.param("\u200e\u202e\u2066", id="bidi-marks"),
        pytest.param("Sam\x00", id="nul"),
    ],
)
def test_names_that_show_nothing_or_hold_a_nul_are_refused(
    cls: type[Any], field: str, rest: dict[str, Any], bad: str
) -> None:
    with pytest.raises(InvalidRecord) as caught:
        validate(cls, {**rest, field: bad})
    message = str(caught.value)
    assert field.replace("_", " ") in message
    assert "NUL" in message if "\x00" in bad else "no letters that can be seen" in message
    assert "\n" not in message and "\x00" not in message


def test_names_already_saved_still_read_back(store: RecordStore) -> None:
    """Checks on new names do not stop a record saved (or received in a bundle) earlier from reading back."""
    stored = Child.model_validate(
        {"legal_forename": "\u200b", "legal_surname": "Example", "dob": "2015-03-04"}, context={"stored": True}
    )
    assert stored.legal_forename == "\u200b"


def test_adding_a_child_refuses_an_invisible_name(store: RecordStore) -> None:
    with pytest.raises(InvalidRecord, match="legal forename has no letters that can be seen"):
        add_child(store, legal_forename="\u200b\u2060", legal_surname="Example", dob=date(2015, 3, 4))
    assert store.count("child") == 0


# ---- lone surrogates are refused by every field of every record kind -----------------------------------------


@pytest.mark.parametrize("kind", sorted(RECORD_KINDS))
def test_no_field_of_any_record_kind_accepts_a_lone_surrogate(kind: str) -> None:
    """Found by the bundle fuzzer: a lone surrogate passed validation in a plain-text field and then failed
    inside the database insert. Every field refuses one, whatever its type (text, list or free-form)."""
    cls = RECORD_KINDS[kind]
    for field in cls.model_fields:
        for value in ("bad \ud800", ["bad \udc00"], {"key": "bad \ud800"}, {"bad \udfff": "key"}):
            with pytest.raises(InvalidRecord) as caught:
                validate(cls, {field: value})
            assert "\n" not in str(caught.value)
            errors = caught.value.__cause__.errors()  # type: ignore[union-attr]
            assert any(e["loc"][:1] == (field,) for e in errors), (kind, field, value)


def test_a_lone_surrogate_is_named_in_plain_words(store: RecordStore) -> None:
    child = add_child(store, legal_forename="Sam", legal_surname="Example", dob=date(2015, 3, 4)).value
    with pytest.raises(InvalidRecord) as caught:
        recording.record(store, ChronologyEntry, child_id=child.id, on=date(2026, 1, 5), event="Moved \ud800 house")
    assert str(caught.value) == (
        "Chronology entry: event contains a broken character (half of a pair) that cannot be saved; "
        "please type that part again"
    )


# ---- bidirectional overrides cannot reorder the command line's output or a PDF ---------------------------------

FORENAME = "Sam"
SURNAME = "Ex\u202eelpmaxe"  # typed (or pasted) with a right-to-left override in the middle
KNOWN_AS = "أمينة\u2066 \u202dX"


def _case(store: RecordStore) -> Child:
    child = add_child(store, legal_forename=FORENAME, legal_surname=SURNAME, dob=date(2015, 3, 4)).value
    recording.record(
        store,
        Concern,
        child_id=child.id,
        observed_at=datetime(2026, 1, 5, 9, 0),
        reporter_name="Mr T. \u202eFictional",
        categories=[Category.EMOTIONAL],
        what_happened="Said \u202ethe file is called exe.txt\u202c and laughed.",
        significant=True,
    )
    recording.record(
        store, ChronologyEntry, child_id=child.id, on=date(2026, 1, 6), event="Met \u2067mum\u2069 at the gate"
    )
    recording.record(store, Person, child_id=child.id, name=KNOWN_AS, relationship="Aunt")
    return child


def test_a_bidi_override_in_a_name_is_not_shown_by_the_cli_and_is_kept_as_typed(
    capsys: pytest.CaptureFixture[str], cli_env: None, vault: Vault, store: RecordStore
) -> None:
    child = _case(store)
    vault.lock()
    code, out, err = run(capsys, "children", "--vault", str(vault.directory))
    assert code == 0, err
    assert not BIDI.search(out + err), repr(out)
    assert "Sam Exelpmaxe" in out  # shown without the override, nothing else changed
    code, out, err = run(capsys, "children", "--vault", str(vault.directory), "--json")
    assert code == 0 and not BIDI.search(out), repr(out)
    assert "Ex\\u202eelpmaxe" in out  # JSON keeps the exact value, written as an escape
    reopened = Vault.open(vault.directory, PASSPHRASE)
    try:
        assert RecordStore(reopened).get_as(Child, child.id).legal_surname == SURNAME  # the record is evidence
    finally:
        reopened.lock()


def _pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    meta = reader.metadata or {}
    outline = str(reader.outline)
    return text + "\n" + " ".join(str(v) for v in meta.values()) + "\n" + outline


def test_a_bidi_override_is_not_drawn_in_the_chronology_pdf(store: RecordStore, tmp_path: Path) -> None:
    child = _case(store)
    out = tmp_path / "chronology.pdf"
    export_chronology_pdf(store, child.id, out)
    text = _pdf_text(out)
    assert not BIDI.search(text), [m.group() for m in BIDI.finditer(text)]
    assert "Sam Exelpmaxe" in " ".join(text.split())
    assert "the file is called exe.txt" in " ".join(text.split())


def test_a_bidi_override_is_not_drawn_in_the_referral_pack_or_mash_enquiry(store: RecordStore, tmp_path: Path) -> None:
    child = _case(store)
    referral = start_enquiry(store, child.id).value
    for name, export in (("pack.pdf", export_referral_pack), ("mash.pdf", export_mash_pdf)):
        out = tmp_path / name
        export(store, referral.id if export is export_mash_pdf else child.id, out)
        text = _pdf_text(out)
        assert not BIDI.search(text), (name, [hex(ord(m.group())) for m in BIDI.finditer(text)])
        assert "Exelpmaxe" in text, name


def test_messages_quoting_a_name_stay_one_line() -> None:
    error = CasebookError(f"{quote_for_message('Sam' + chr(10) + 'Example' + chr(0x202E))} is already here.")
    assert str(error) == "“Sam\\nExample\\u202e” is already here."
    assert "\n" not in str(CasebookError("raw\ninput"))


def test_a_user_name_of_only_invisible_characters_is_refused_at_init(
    capsys: pytest.CaptureFixture[str], cli_env: None, vault_dir: Path
) -> None:
    """User names are shown on the unlock screen and credited in every audit row: the same rule as records."""
    code, _out, err = run(capsys, "init", "--vault", str(vault_dir), "--name", "\u200b\ufeff")
    assert code == 1, err
    assert err == "dslapp: Your name has no letters that can be seen; please type the name.\n"
    assert not vault_dir.exists()
