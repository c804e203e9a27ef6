"""The covering letter that goes with a CP file transfer pack (A4 portrait, OFFICIAL-SENSITIVE on every page).

Addressed to the receiving school's DSL: who the child is, what is enclosed, how to open and import it,
that the passphrase comes separately, and how to confirm receipt. Uses the shared page template and
fonts of :mod:`dslapp.export.page` (marking, header with the child's name and date of birth, page X of Y).
"""

from __future__ import annotations

from datetime import date, datetime

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from dslapp.export.fonts import BOLD, REGULAR, register_fonts
from dslapp.export.page import INK, MUTED, RULE, PageInfo, build_pdf
from dslapp.export.text import para
from dslapp.models import Child
from dslapp.services.bundle import CaseBundle, enclosed_counts
from dslapp.text import dmy


def covering_letter_pdf(
    *,
    child: Child,
    bundle: CaseBundle,
    from_school: str,
    from_dsl: str,
    to_school: str,
    to_dsl: str,
    sent_on: date,
    pack_name: str,
    pack_size: int,
    pack_sha256: str,
    generated_on: datetime,
) -> bytes:
    """The letter as PDF bytes. It never contains the pack's passphrase."""
    register_fonts()
    body = ParagraphStyle("letter", fontName=REGULAR, fontSize=10, leading=14, textColor=INK, spaceAfter=6)
    small = ParagraphStyle("letter-small", parent=body, fontSize=8.5, leading=11, textColor=MUTED)
    heading = ParagraphStyle("letter-heading", parent=body, fontName=BOLD, fontSize=12, leading=16, spaceBefore=8)
    name = child.full_legal_name + (f" (known as {child.known_as})" if child.known_as else "")
    to_line = f"The Designated Safeguarding Lead{', ' + to_dsl if to_dsl else ''}, {to_school}"
    story: list[Flowable] = [
        Paragraph(f"<b>To:</b> {para(to_line)}", body),
        Paragraph(f"<b>From:</b> {para(from_dsl)}, {para(from_school)}", body),
        Paragraph(f"<b>Date sent:</b> {dmy(sent_on)}", body),
        Paragraph(f"Child protection file: {para(name)}, born {dmy(child.dob)}", heading),
        Paragraph(
            "This letter goes with the child protection (CP) file of the child named above, who is joining your "
            "school. As Keeping Children Safe in Education asks, the CP file is sent to you, the DSL, separately "
            "from the pupil file and securely, and we ask you to confirm that you have received it.",
            body,
        ),
        Paragraph("What is enclosed", heading),
        Paragraph(
            f"One encrypted transfer pack: <b>{para(pack_name)}</b> ({_size(pack_size)}). It holds the child's whole "
            "CP file with its history of amendments:",
            body,
        ),
    ]
    rows = [[para(label), str(count)] for label, count in enclosed_counts(bundle)]
    rows.insert(0, ["Child's details (front sheet)", "1"])
    table = Table(rows, colWidths=[300, 60], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 9.5),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    story += [
        table,
        Spacer(1, 6),
        Paragraph(
            "To check that the file you received is the one we sent, its SHA-256 fingerprint is:<br/>"
            f"<font name='{REGULAR}' size='8'>{pack_sha256}</font>",
            small,
        ),
        Paragraph("How to open it", heading),
        Paragraph(
            "In DSL Casebook, choose <b>Import a CP file transfer</b> and select the pack, or on the command line "
            f"run <b>dslapp transfer import {para(pack_name)}</b>. The child is added with their full history, "
            "marked as received from our school.",
            body,
        ),
        Paragraph(
            "<b>You will need a one-time passphrase. It is not in this letter and not in the pack.</b> "
            f"{para(from_dsl)} will give it to you by a separate route, usually by telephone. Please do not ask "
            "for it to be sent by email with the pack.",
            body,
        ),
        Paragraph("Confirming receipt", heading),
        Paragraph(
            "When the pack has been imported, DSL Casebook shows a <b>receipt code</b> of three groups of four "
            f"letters. Please give it to {para(from_dsl)} at {para(from_school)}, who will record it: it shows that "
            "the file reached you and was opened. If we have not heard from you within 5 school days, we will "
            "contact you.",
            body,
        ),
        Paragraph(
            "If your school does not use DSL Casebook, please contact us and we will arrange another secure way "
            "to send the file. Keep this letter with the child's CP file.",
            body,
        ),
    ]
    info = PageInfo(
        title="CP file transfer: covering letter",
        child_name=child.full_legal_name,
        dob=child.dob,
        date_range=f"sent {dmy(sent_on)}",
        generated_by=from_dsl,
        generated_on=generated_on,
        school=from_school,
        landscape=False,
    )
    pdf, _pages = build_pdf(story, info)
    return pdf


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(size // 1024, 1)} KB"
    return f"{size / (1024 * 1024):.1f} MB"
