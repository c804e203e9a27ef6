"""The chronology PDF, exported from a real vault and read back with pypdf.

Every entry's text present and in date order; the marking and the child header on every page; "Page X
of N" right; multi-script names present and the fonts embedded; AES-256 password protection; progress
and cancel; plain-words errors for a place that cannot be written. All names and events are fictional.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import subprocess
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError
from pypdf.generic import DictionaryObject

from dslapp.errors import CannotWriteFile, ExportCancelled, WeakPdfPassword
from dslapp.export.chronology_pdf import (
    COLUMNS,
    bare_table_pdf,
    bench_chronology_pdf,
    render_chronology_pdf,
    synthetic_chronology,
)
from dslapp.export.fonts import register_fonts
from dslapp.export.text import Wrapper, has_rtl, visual
from dslapp.models import Category, Child, ChronologyEntry, Concern, Impact, Severity
from dslapp.services import recording
from dslapp.services.children import add_child
from dslapp.services.chronology import build_chronology
from dslapp.services.documents import export_chronology_pdf
from dslapp.services.documents import record_chronology_print as record_print
from dslapp.store import RecordStore

NAMES = ("Łucja Wiśniewska", "Nguyễn Thị Hương", "Çağla Yılmaz", "Αλέξανδρος", "Олена", "أمينة الحسن")
PASSWORD = "fictional PDF password 42"
FILLER_TEXT = (
    "Class teacher noticed that she was hungry at breakfast club and had no coat although it was raining; "
    "she said her older brother had taken her to school because mum was asleep. The DSL spoke with mum at "
    "pick-up, who said money was tight this month and agreed to a referral to the food bank and Early Help."
)
FILLER = FILLER_TEXT.split()


def _text(rnd: random.Random, low: int, high: int) -> str:
    start = rnd.randrange(len(FILLER))
    words = [FILLER[(start + i) % len(FILLER)] for i in range(rnd.randint(low, high))]
    return " ".join(words)


def _make_case(store: RecordStore, entries: int = 60) -> tuple[Child, list[str]]:
    """A child with ``entries`` significant events (concerns and manual entries, some with approximate
    periods, some with long text, the multi-script names), recorded in shuffled order.

    Returns the child and each entry's unique marker ("Entry 07:") in expected date order.
    """
    child = add_child(store, legal_forename="Łucja", legal_surname="Wiśniewska", dob=date(2014, 4, 2)).value
    rnd = random.Random(20261123)
    plan: list[tuple[date, str | None, str]] = []  # (sort date, period, marker)
    start = date(2019, 9, 2)
    for index in range(entries):
        day = start + timedelta(days=index * 30)
        period = None
        if index in (0, 1, 2):
            period = {0: "2018", 1: "Spring 2019", 2: "Summer 2019"}[index]
            day = {0: date(2018, 1, 1), 1: date(2019, 1, 1), 2: date(2019, 4, 15)}[index]
        plan.append((day, period, f"Entry {index:02d}:"))
    order = list(range(entries))
    rnd.shuffle(order)
    for index in order:
        day, period, marker = plan[index]
        if index % 3 == 0 or period:
            named = index // 3 < len(NAMES) and index % 3 == 0
            event = f"{marker} visit by {NAMES[index // 3]}." if named else f"{marker} {_text(rnd, 10, 70)}"
            fields: dict[str, object] = {
                "child_id": child.id,
                "event": event,
                "source": rnd.choice(["Health visitor", "Police", "Children's social care", "GP surgery"]),
                "impact": _text(rnd, 4, 40) if index % 4 else "",
                "impact_kind": rnd.choice(list(Impact)),
                "action_taken": _text(rnd, 5, 45),
                "recorded_by": "Ms Ada Testperson",
            }
            if period:
                fields["period"] = period
            else:
                fields["on"] = day
            recording.record(store, ChronologyEntry, **fields)
        else:
            recording.record(
                store,
                Concern,
                child_id=child.id,
                observed_at=datetime(day.year, day.month, day.day, 8, 45),
                reporter_name="Mr T. Fictional",
                reporter_role="Class teacher",
                categories=[rnd.choice([Category.NEGLECT, Category.EMOTIONAL, Category.ATTENDANCE])],
                severity=rnd.choice(list(Severity)),
                what_happened=f"{marker} {_text(rnd, 20, 90)}",
                child_words="I had no breakfast again." if index % 2 else "",
                immediate_action=_text(rnd, 5, 30),
                significant=True,
            )
    return child, [marker for _, _, marker in sorted(plan, key=lambda p: (p[0], p[1] is None))]


def _pages_text(data: bytes, password: str | None = None) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    if password is not None:
        reader.decrypt(password)
    return [page.extract_text() for page in reader.pages]


def _flat(text: str) -> str:
    return " ".join(text.split())


FURNITURE = re.compile(
    r"OFFICIAL-SENSITIVE|Chronology of significant events|Date of birth: \S+|Period: .*|Generated by .*|"
    r"Impact on the child: .*|Page \d+ of \d+|\(continued\)"
)


def _body(pages: list[str], child: Child) -> str:
    """The table text of every page, furniture removed, whitespace collapsed."""
    out = []
    for page in pages:
        page = page.replace(f"{child.full_legal_name}\nDate of birth", "Date of birth")
        page = FURNITURE.sub(" ", page)
        for heading, _ in COLUMNS:
            page = page.replace(heading, " ")
        page = page.replace("Date or\nperiod", " ")
        out.append(page)
    return _flat(" ".join(out))


def _present(haystack: str, needle: str) -> bool:
    """``needle`` appears whole, or split in two at a word boundary (an entry continued on the next page)."""
    needle = _flat(needle)
    if needle in haystack:
        return True
    words = needle.split()
    return any(" ".join(words[:k]) in haystack and " ".join(words[k:]) in haystack for k in range(3, len(words) - 2))


@pytest.fixture
def case(store: RecordStore) -> tuple[Child, list[str]]:
    return _make_case(store)


def test_every_entry_is_present_and_in_date_order(
    store: RecordStore, case: tuple[Child, list[str]], tmp_path: Path
) -> None:
    child, markers = case
    out = tmp_path / "chronology.pdf"
    result = export_chronology_pdf(store, child.id, out)
    assert result.entries == 60 and result.pages >= 3 and not result.encrypted
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and result.size == len(data)
    body = _body(_pages_text(data), child)
    # Every cell of every entry, in full.
    chronology = build_chronology(store, child.id)
    for row in chronology.rows:
        for text in (row.event, row.source, row.impact, row.action):
            if text and not has_rtl(text):
                assert _present(body, text), text[:60]
    # In date order, approximate periods first ("2018", "Spring 2019", "Summer 2019").
    positions = [body.find(marker) for marker in markers]
    assert -1 not in positions
    assert positions == sorted(positions)
    assert [r.when for r in chronology.rows[:3]] == ["2018", "Spring 2019", "Summer 2019"]
    assert body.count("End of chronology: 60 entries.") == 1 and body.find("End of chronology") > positions[-1]
    # Each date is shown dd/mm/yyyy.
    assert f"{date(2019, 9, 2) + timedelta(days=4 * 30):%d/%m/%Y}" in body


def test_marking_and_child_header_on_every_page_and_page_numbers(
    store: RecordStore, case: tuple[Child, list[str]], tmp_path: Path
) -> None:
    child, _ = case
    out = tmp_path / "chronology.pdf"
    export_chronology_pdf(store, child.id, out)
    pages = _pages_text(out.read_bytes())
    total = len(pages)
    assert total >= 3
    for number, text in enumerate(pages, start=1):
        assert text.count("OFFICIAL-SENSITIVE") == 2  # top and bottom
        assert "Łucja Wiśniewska" in text
        assert "Date of birth: 02/04/2014" in text
        assert "Period: 2018 to " in text
        assert f"Page {number} of {total}" in text
        assert re.search(r"Generated by Ms Ada Testperson \(DSL\) on \d\d/\d\d/\d{4} at \d\d:\d\d", text)
        for heading in ("Significant event", "Source / agency", "Impact on the child", "Action taken and outcome"):
            assert heading in text  # the table header is repeated on every page
    assert f"Page {total + 1} of" not in " ".join(pages)


def test_multi_script_names_are_present_and_fonts_embedded(
    store: RecordStore, case: tuple[Child, list[str]], tmp_path: Path
) -> None:
    child, _ = case
    out = tmp_path / "chronology.pdf"
    export_chronology_pdf(store, child.id, out)
    data = out.read_bytes()
    text = "\n".join(_pages_text(data))
    for name in NAMES[:-1]:
        assert name in text, name
    # Arabic is drawn shaped (joined presentation forms) in visual order. pypdf gives the presentation forms
    # back; folding them (NFKC) must give the name as typed.
    arabic = NAMES[-1]
    assert arabic not in text  # unshaped letters would mean reportlab drew isolated forms
    assert arabic in unicodedata.normalize("NFKC", text)
    # Only DejaVu Sans, embedded (no Helvetica: it has no glyphs for these scripts).
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            assert str(font["/BaseFont"]).split("+")[-1] in ("DejaVuSans", "DejaVuSans-Bold")
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor


def test_arabic_lines_are_shaped_and_reordered_for_drawing() -> None:
    name = NAMES[-1]
    drawn = visual(name)
    assert drawn != name and not any("\u0600" <= ch <= "\u06ff" for ch in drawn)  # presentation forms only
    assert unicodedata.normalize("NFKC", drawn)[::-1] == name  # visual order is reading order reversed
    assert visual("Łucja Wiśniewska") == "Łucja Wiśniewska"  # left-to-right text is left alone
    regular, _bold = register_fonts()  # on its own this test may be the first to draw text
    lines = Wrapper(regular, 8).wrap(f"Mother {name} attended the meeting", 1000)
    assert len(lines) == 1 and lines[0].startswith("Mother ") and lines[0].endswith(" attended the meeting")


def test_a_password_protected_export_needs_the_password(
    store: RecordStore, case: tuple[Child, list[str]], tmp_path: Path
) -> None:
    child, _ = case
    out = tmp_path / "protected.pdf"
    result = export_chronology_pdf(store, child.id, out, password=PASSWORD)
    assert result.encrypted
    data = out.read_bytes()
    reader = PdfReader(io.BytesIO(data))
    assert reader.is_encrypted
    encrypt = reader.trailer["/Encrypt"].get_object()
    assert isinstance(encrypt, DictionaryObject)
    assert (encrypt["/V"], encrypt["/R"]) == (5, 6)  # AES-256
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert not reader.decrypt("not the password")
    assert b"Wi\xc5\x9bniewska" not in data and b"OFFICIAL-SENSITIVE" not in data
    opened = PdfReader(io.BytesIO(data))
    assert opened.decrypt(PASSWORD)
    assert "Łucja Wiśniewska" in opened.pages[0].extract_text()
    if shutil.which("qpdf"):
        check = subprocess.run(
            ["qpdf", f"--password={PASSWORD}", "--check", str(out)], capture_output=True, text=True, check=False
        )
        assert check.returncode == 0, check.stdout + check.stderr


def test_a_weak_password_is_refused_before_anything_is_written(
    store: RecordStore, case: tuple[Child, list[str]], tmp_path: Path
) -> None:
    child, _ = case
    out = tmp_path / "weak.pdf"
    with pytest.raises(WeakPdfPassword, match="at least 8 characters"):
        export_chronology_pdf(store, child.id, out, password="abc")
    assert not out.exists()


def _audit_rows(store: RecordStore, action: str) -> list[tuple[str, str]]:
    return [
        (str(r[0]), str(r[1]))
        for r in store.db.execute("SELECT object, detail FROM audit WHERE action = ? ORDER BY seq", (action,))
    ]


def test_exports_are_audited_without_case_text(
    store: RecordStore, case: tuple[Child, list[str]], tmp_path: Path
) -> None:
    child, _ = case
    assert _audit_rows(store, "export") == []
    export_chronology_pdf(store, child.id, tmp_path / "a.pdf")
    export_chronology_pdf(store, child.id, tmp_path / "b.pdf", password=PASSWORD)
    rows = _audit_rows(store, "export")
    assert [obj for obj, _ in rows] == [str(child.id), str(child.id)]
    assert "not password-protected" in rows[0][1] and rows[1][1].endswith("password-protected")
    for _, detail in rows:
        assert "Łucja" not in detail and "chronology PDF: 60 entries" in detail


def test_an_unwritable_place_gives_a_plain_error_and_no_audit(
    store: RecordStore, case: tuple[Child, list[str]], tmp_path: Path
) -> None:
    child, _ = case
    with pytest.raises(CannotWriteFile, match="does not exist"):
        export_chronology_pdf(store, child.id, tmp_path / "no such folder" / "c.pdf")
    with pytest.raises(CannotWriteFile, match="is a folder"):
        export_chronology_pdf(store, child.id, tmp_path)
    assert _audit_rows(store, "export") == []


def test_progress_is_reported_and_cancel_writes_nothing(
    store: RecordStore, case: tuple[Child, list[str]], tmp_path: Path
) -> None:
    child, _ = case
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    export_chronology_pdf(store, child.id, tmp_path / "ok.pdf", progress=progress)
    assert seen[0] == (0, 61) and seen[-1] == (61, 61)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert len(seen) >= 4

    folder = tmp_path / "cancelled"
    folder.mkdir()

    def cancel(done: int, total: int) -> bool:
        return done < 20

    with pytest.raises(ExportCancelled):
        export_chronology_pdf(store, child.id, folder / "c.pdf", progress=cancel, password=PASSWORD)
    assert list(folder.iterdir()) == []  # no file, no temporary file
    assert len(_audit_rows(store, "export")) == 1


def test_long_text_is_wrapped_across_pages_never_cut(store: RecordStore, tmp_path: Path) -> None:
    child = add_child(store, legal_forename="Αλέξανδρος", legal_surname="Παπαδόπουλος", dob=date(2012, 6, 1)).value
    long_event = " ".join(f"w{i:04d}" for i in range(1500))
    url = "https://example.invalid/" + "x" * 300 + "/end"
    recording.record(store, ChronologyEntry, child_id=child.id, on=date(2024, 1, 2), event=long_event, source="Police")
    recording.record(
        store, ChronologyEntry, child_id=child.id, on=date(2024, 1, 3), event=f"See {url}", source="Police"
    )
    out = tmp_path / "long.pdf"
    result = export_chronology_pdf(store, child.id, out)
    assert result.pages >= 3
    pages = _pages_text(out.read_bytes())
    words = re.findall(r"w\d{4}", " ".join(pages))
    assert words == [f"w{i:04d}" for i in range(1500)]  # every word, once, in order
    joined = re.sub(r"\s+", "", " ".join(pages))
    assert url in joined  # the long address is broken between characters, not cut
    assert "(continued)" in " ".join(pages)
    assert sum(p.count("Αλέξανδρος Παπαδόπουλος") for p in pages) == len(pages)


def test_date_range_export_shows_only_that_period(
    store: RecordStore, case: tuple[Child, list[str]], tmp_path: Path
) -> None:
    child, _ = case
    out = tmp_path / "range.pdf"
    result = export_chronology_pdf(store, child.id, out, since=date(2021, 1, 1), until=date(2021, 12, 31))
    expected = build_chronology(store, child.id, since=date(2021, 1, 1), until=date(2021, 12, 31))
    assert 0 < result.entries == len(expected.rows) < 60
    text = "\n".join(_pages_text(out.read_bytes()))
    assert "Period: 01/01/2021 to 31/12/2021" in text
    assert "2018" not in _body(text.split("\f"), child)


def test_an_empty_chronology_still_exports(store: RecordStore, tmp_path: Path) -> None:
    child = add_child(store, legal_forename="Olena", legal_surname="Shevchenko", dob=date(2015, 2, 3)).value
    out = tmp_path / "empty.pdf"
    result = export_chronology_pdf(store, child.id, out)
    assert result.entries == 0 and result.pages == 1
    text = _pages_text(out.read_bytes())[0]
    assert "No significant events are recorded" in text and "Page 1 of 1" in text


def test_render_and_baseline_are_pure_and_the_benchmark_reports_figures() -> None:
    chronology = synthetic_chronology(40)
    data = render_chronology_pdf(chronology, "Ms Ada Example (DSL)", datetime(2026, 11, 23, 9, 0))
    assert "Page 1 of" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    bare = PdfReader(io.BytesIO(bare_table_pdf(chronology.rows)))
    assert "Significant event" in bare.pages[0].extract_text()
    figures = bench_chronology_pdf(rows=40)
    assert set(figures) >= {"rows", "chronology_pdf_s", "bare_table_pdf_s", "ratio", "ok"}
    assert figures["rows"] == 40 and figures["chronology_pdf_s"] > 0 and figures["ratio"] > 0


def test_a_print_is_audited(store: RecordStore, case: tuple[Child, list[str]]) -> None:
    child, _ = case
    record_print(store, child.id, 60)
    assert _audit_rows(store, "print") == [(str(child.id), "chronology: 60 entries")]


def test_entries_of_every_height_lay_out_without_losing_a_word() -> None:
    """Entries from one line to several pages long, so splits land at every point of a page."""
    from dslapp.services.chronology import Chronology, ChronologyRow

    child = Child(legal_forename="Олена", legal_surname="Коваленко", dob=date(2013, 5, 6))
    rows = []
    for index in range(70):
        day = date(2020, 1, 1) + timedelta(days=index)
        words = " ".join(f"e{index}w{j}" for j in range(index * 9 + 1))
        rows.append(
            ChronologyRow(
                record_id=str(index),
                kind="chronology_entry",
                when=f"{day:%d/%m/%Y}",
                sort_date=day,
                event=words,
                source="Police",
                categories=(),
                severity=None,
                impact="",
                impact_kind=Impact.UNKNOWN,
                action="",
                recorded_by="Ms Ada Testperson",
            )
        )
    data = render_chronology_pdf(Chronology(child, tuple(rows)), "Ms Ada Testperson (DSL)", datetime(2026, 1, 2))
    found = re.findall(r"e\d+w\d+", " ".join(_pages_text(data)))
    assert found == [f"e{i}w{j}" for i in range(70) for j in range(i * 9 + 1)]
