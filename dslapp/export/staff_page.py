"""Pages for documents about the DSL's practice rather than one child (supervision, governors' summary).

The same marking, fonts and "Page X of Y" as every other export, but the header names the document,
the school and the period instead of a child (the governors' summary must not identify any child).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer

from dslapp.export.fonts import BOLD, REGULAR, register_fonts
from dslapp.export.page import HEADER_RULE, INK, MARGIN, MARKING, MUTED, PageInfo, build_pdf
from dslapp.export.text import para

BODY = ParagraphStyle("staff-body", fontName=REGULAR, fontSize=9, leading=12, textColor=INK, spaceAfter=4)
NOTE = ParagraphStyle("staff-note", parent=BODY, textColor=MUTED, fontSize=8.2, leading=10.5)
HEAD = ParagraphStyle("staff-head", parent=BODY, fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=8)


@dataclass(frozen=True)
class StaffPageInfo:
    title: str
    subtitle: str
    generated_by: str
    generated_on: datetime
    school: str = ""
    marking: str = MARKING


def body_width() -> float:
    return float(A4[0] - 2 * MARGIN)


def paragraph(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    register_fonts()  # a Paragraph maps its font when made, so the fonts must be known first
    return Paragraph(para(text).replace("\n", "<br/>"), style)


def heading(text: str) -> Paragraph:
    register_fonts()
    return Paragraph(para(text), HEAD)


def gap(points: float = 6) -> Spacer:
    return Spacer(1, points)


def build_staff_pdf(story: Sequence[Flowable], info: StaffPageInfo) -> tuple[bytes, int]:
    """Lay out ``story`` on marked, numbered A4 portrait pages. Returns (PDF bytes, page count)."""
    page = PageInfo(
        title=info.title,
        child_name="",
        dob=None,
        date_range="",
        generated_by=info.generated_by,
        generated_on=info.generated_on,
        school=info.school,
        marking=info.marking,
        landscape=False,
        subtitle=info.subtitle,
    )
    return build_pdf(story, page, body_top=HEADER_RULE + 8)
