"""Page headers fit any name (issue 14, item 12): no two pieces of header text overlap.

Checked twice: on ``header_runs`` (where each piece goes) over many lengths of name, note and school, on
portrait and landscape pages; and on real PDFs read back with pypdf (``extract_text(visitor_text=...)``),
for the longest names in the demo and a 60-character hyphenated name, on the MASH enquiry, the referral
pack and the chronology. Every name is fictional.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from mash_cases import ago
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from dslapp.demo import build_demo
from dslapp.export.chronology_pdf import header_name
from dslapp.export.fonts import BOLD, REGULAR, register_fonts
from dslapp.export.page import HEADER_RULE, MARGIN, HeaderRun, PageInfo, header_runs
from dslapp.models import Child
from dslapp.models.referral import SentVia
from dslapp.services import mash
from dslapp.services.children import add_child, list_children
from dslapp.services.documents import export_chronology_pdf, export_mash_pdf, export_referral_pack
from dslapp.store import RecordStore

LONG_NAME = "Wilhelmina-Anastasia Featherstonehaugh-Montgomery-Fictionshire"
REFERENCE = "FX-MASH-2026-000123456"

assert len(LONG_NAME) == 62 and LONG_NAME.count("-") == 3


@dataclass(frozen=True)
class Box:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float

    def overlaps(self, other: Box, slack: float = 0.3) -> bool:
        return (
            self.x0 < other.x1 - slack
            and other.x0 < self.x1 - slack
            and self.y0 < other.y1 - slack
            and other.y0 < self.y1 - slack
        )


def _box(text: str, font: str, size: float, x: float, baseline: float) -> Box:
    """The ink a line of text can take: the font's descent below the baseline to its ascent above."""
    return Box(text, x, x + stringWidth(text, font, size), baseline - 0.24 * size, baseline + 0.76 * size)


def _run_box(run: HeaderRun, height: float) -> Box:
    x = run.x - run.width() if run.right else run.x
    return _box(run.text, run.font, run.size, x, height - run.down)


def _overlapping(boxes: list[Box]) -> list[tuple[str, str]]:
    return [(a.text, b.text) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.overlaps(b)]


def _info(name: str, *, landscape: bool, note: str = "", school: str = "Fictionton Primary (fictional)") -> PageInfo:
    return PageInfo(
        title="Referral pack · Chronology of significant events",
        child_name=name,
        dob=date(2017, 4, 2),
        date_range="01/09/2024 to 03/12/2026",
        generated_by="Ms Ada Testperson (DSL)",
        generated_on=datetime(2026, 12, 3, 9, 30, tzinfo=UTC),
        school=school,
        landscape=landscape,
        header_note=note,
    )


@pytest.mark.parametrize("landscape", [False, True])
@pytest.mark.parametrize(
    "note", ["", f"Sent 01/12/2026 · Ref. {REFERENCE}", "Started 01/12/2026 · not yet sent", "Ref. " + "X" * 90]
)
@pytest.mark.parametrize(
    "school", ["", "Fictionton Primary (fictional)", "The Fictionton Church of England Voluntary Aided " * 3]
)
def test_header_runs_never_overlap_and_stay_inside_the_margins(landscape: bool, note: str, school: str) -> None:
    register_fonts()
    for length in (*range(4, 130, 7), 300):
        name = ("Anne-Marie Fictionperson-Testington " * 10)[:length].strip() or "A"
        for shown in (name, f"{name} (known as Annie)", "-".join([name.replace(" ", "")] * 2)):
            info = _info(shown, landscape=landscape, note=note, school=school)
            width, height = info.pagesize
            runs = header_runs(info)
            boxes = [_run_box(run, height) for run in runs]
            assert not _overlapping(boxes), (shown, note, school)
            for box in boxes:
                assert box.x0 >= MARGIN - 0.5 and box.x1 <= width - MARGIN + 0.5, box.text
                assert box.y0 > height - HEADER_RULE, box.text  # above the header rule
            names = [run for run in runs if run.font == BOLD and run.down != runs[0].down]
            assert names and names[0].size >= 7.0


def test_a_name_that_fits_keeps_the_usual_one_line_header() -> None:
    register_fonts()
    runs = header_runs(_info("Łucja Wiśniewska (known as Lucy)", landscape=False, note="Sent 01/12/2026"))
    name, dob, note = runs[2:]
    assert (name.size, name.down) == (11.0, dob.down) and dob.text == "Date of birth: 02/04/2017" and note.right


def test_a_long_hyphenated_name_wraps_after_a_hyphen_not_inside_a_word() -> None:
    register_fonts()
    runs = header_runs(_info(LONG_NAME, landscape=False, note=f"Sent 01/12/2026 · Ref. {REFERENCE}"))
    lines = [run.text for run in runs[2:] if run.font == BOLD]
    assert "".join(lines).replace(" ", "") == LONG_NAME.replace(" ", "") or " ".join(lines) == LONG_NAME
    assert all(line.endswith(("-", "Featherstonehaugh", "Anastasia")) for line in lines[:-1]), lines


# ---- the PDFs themselves -------------------------------------------------------------------------------


def header_boxes(data: bytes) -> list[list[Box]]:
    """For each page, the text drawn above the header rule, as boxes (read back from the PDF)."""
    reader = PdfReader(io.BytesIO(data))
    pages: list[list[Box]] = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        found: list[Box] = []

        def visit(
            text: str, cm: Any, tm: Any, font: Any, size: float, found: list[Box] = found, height: float = height
        ) -> None:
            if not text.strip() or font is None:
                return
            scale = tm[0] * cm[0]
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            if y <= height - HEADER_RULE or abs(tm[1]) > 1e-6:
                return  # the body, the footer, or the diagonal watermark
            name = str(font.get("/BaseFont", ""))
            drawn = BOLD if "Bold" in name else REGULAR
            found.append(_box(text.strip(), drawn, size * scale, x, y))

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def _assert_headers_fit(data: bytes, name: str) -> None:
    pages = header_boxes(data)
    assert pages
    for number, boxes in enumerate(pages, start=1):
        texts = " ".join(b.text for b in boxes)
        assert "Date of birth" in texts, (number, texts)
        assert not _overlapping(boxes), (name, number, _overlapping(boxes))


def _child_named(store: RecordStore, forename: str, surname: str) -> Child:
    child = add_child(
        store, legal_forename=forename, legal_surname=surname, dob=date(ago(0).year - 9, 4, 2), known_as="Billie"
    ).value
    return child


def _sent_enquiry(store: RecordStore, child_id: object) -> None:
    referral = mash.start_enquiry(store, str(child_id)).value
    mash.update_enquiry(store, referral.id, {"parents_aware": True, "parents_agreed": True})
    mash.mark_sent(store, referral.id, ago(0), SentVia.ONLINE_FORM, REFERENCE)


def test_a_sixty_character_hyphenated_name_fits_every_header(store: RecordStore, tmp_path: Path) -> None:
    forename, surname = LONG_NAME.split(" ", 1)
    child = _child_named(store, forename, surname)
    _sent_enquiry(store, child.id)
    for name, export in (
        ("enquiry.pdf", export_mash_pdf),
        ("pack.pdf", export_referral_pack),
        ("chronology.pdf", export_chronology_pdf),
    ):
        out = tmp_path / name
        export(store, str(child.id), out)
        _assert_headers_fit(out.read_bytes(), name)
    # The whole name is there (wrapped after a hyphen), never cut.
    text = " ".join(" ".join(b.text for b in page) for page in header_boxes((tmp_path / "enquiry.pdf").read_bytes()))
    for part in ("Wilhelmina-", "Featherstonehaugh-", "Fictionshire", "(known as Billie)"):
        assert part in text


def test_the_longest_demo_names_fit_the_enquiry_and_pack_headers(store: RecordStore, tmp_path: Path) -> None:
    build_demo(store, children=12, seed=2026)
    children = sorted(list_children(store), key=lambda c: -len(header_name(store.get_as(Child, c.id))))[:3]
    for summary in children:
        _sent_enquiry(store, summary.id)
        for name, export in (("enquiry.pdf", export_mash_pdf), ("pack.pdf", export_referral_pack)):
            out = tmp_path / name
            export(store, summary.id, out)
            _assert_headers_fit(out.read_bytes(), f"{summary.display_name}: {name}")
