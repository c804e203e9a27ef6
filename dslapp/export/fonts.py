"""Fonts embedded in every PDF: DejaVu Sans (regular and bold), shipped in ``resources/fonts/``.

reportlab's built-in Helvetica cannot draw ś, Ł, ễ, Greek, Cyrillic or Arabic, and reportlab has no
font fallback, so every exported document uses DejaVu Sans throughout. The licence (Bitstream Vera,
DejaVu changes in the public domain) is shipped beside the fonts as ``LICENSE-DejaVu.txt``.
"""

from __future__ import annotations

import io
import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from dslapp.errors import CasebookError
from dslapp.paths import resource_files

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}

_lock = threading.Lock()
_registered = False


def register_fonts() -> tuple[str, str]:
    """Register the fonts with reportlab once per process; returns (regular, bold) font names."""
    global _registered
    with _lock:
        if not _registered:
            folder = resource_files() / "fonts"
            for name, filename in FILES.items():
                try:
                    data = (folder / filename).read_bytes()
                except OSError as exc:
                    raise CasebookError(
                        f"The font file {filename} is missing from this installation, so the PDF cannot be made. "
                        "Reinstall DSL Casebook."
                    ) from exc
                pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
            # <b> in a Paragraph picks the bold face; there is no italic face, so italic maps to upright.
            addMapping(REGULAR, 0, 0, REGULAR)
            addMapping(REGULAR, 1, 0, BOLD)
            addMapping(REGULAR, 0, 1, REGULAR)
            addMapping(REGULAR, 1, 1, BOLD)
            _registered = True
    return REGULAR, BOLD
