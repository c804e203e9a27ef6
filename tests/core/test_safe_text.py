"""Text that could mislead a reader or break a message: input quoted in messages, broken characters (lone
surrogates), and bidirectional overrides. Stored text stays exactly as typed (records are evidence).
All names are fictional.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dslapp.errors import CasebookError, InvalidRecord
from dslapp.models import (
    RECORD_KINDS,
    ChronologyEntry,
)
from dslapp.services import recording
from dslapp.services.children import add_child
from dslapp.store import RecordStore
from dslapp.store.records import validate
from dslapp.text import BIDI_CONTROLS, for_display, one_line, quote_for_message

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
    child, _ = add_child(store, legal_forename="Sam", legal_surname="Example", dob=date(2015, 3, 4))
    with pytest.raises(InvalidRecord) as caught:
        recording.record(store, ChronologyEntry, child_id=child.id, on=date(2026, 1, 5), event="Moved \ud800 house")
    assert str(caught.value) == (
        "Chronology entry: event contains a broken character (half of a pair) that cannot be saved; "
        "please type that part again"
    )


def test_messages_quoting_a_name_stay_one_line() -> None:
    error = CasebookError(f"{quote_for_message('Sam' + chr(10) + 'Example' + chr(0x202E))} is already here.")
    assert str(error) == "“Sam\\nExample\\u202e” is already here."
    assert "\n" not in str(CasebookError("raw\ninput"))
