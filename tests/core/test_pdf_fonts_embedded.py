"""Every font a PDF names is embedded (found by the bundle's smoke test: the referral pack's tables also named
Helvetica, unembedded, which `pdffonts` reports and PDF/A checkers refuse)."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from dslapp.export.fonts import REGULAR, register_fonts
from dslapp.export.form_layout import table


def _fonts(pdf: bytes) -> dict[str, bool]:
    """Each font's name, and whether its file is embedded."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
    return found


def test_a_boxed_table_names_only_embedded_fonts() -> None:
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, initialFontName=REGULAR)
    doc.build([table(["What will change", "Who"], [["Breakfast every day", ""]], [300, 150])])
    fonts = _fonts(buffer.getvalue())
    assert fonts and all(fonts.values()), fonts
