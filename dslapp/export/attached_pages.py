"""Attachments ticked for a pack, appended after it: a PDF's own pages after a captioned title page, a picture
drawn on an A4 page under its caption (pure: bytes in, bytes out; nothing touches the disk)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from dslapp.export.fonts import register_fonts
from dslapp.text import dmy

_MARGIN = 42


@dataclass(frozen=True)
class AttachedFile:
    """One attachment to append: what to call it, what it is, its bytes and the hash they were kept with."""

    title: str
    file_name: str
    media_label: str
    is_pdf: bool
    is_drawable: bool
    """A PNG or JPEG, which reportlab draws; other pictures (HEIC) get a page saying so."""
    attached_on: date
    sha256: str
    data: bytes


def _caption(canvas: Canvas, number: int, item: AttachedFile, fonts: tuple[str, str], note: str = "") -> float:
    """The caption at the top of a page; returns the height left below it."""
    regular, bold = fonts
    width, height = A4
    y = height - _MARGIN
    canvas.setFont(bold, 13)
    canvas.drawString(_MARGIN, y - 12, f"Attachment {number}: {item.title}"[:90])
    canvas.setFont(regular, 8.5)
    lines = [
        f"{item.media_label} · file name as received: {item.file_name or '(none)'} · attached {dmy(item.attached_on)}",
        f"SHA-256 of the file kept in the casebook: {item.sha256}",
    ]
    if note:
        lines.append(note)
    for n, line in enumerate(lines):
        canvas.drawString(_MARGIN, y - 28 - 11 * n, line[:130])
    bottom = y - 28 - 11 * len(lines)
    canvas.setLineWidth(0.5)
    canvas.line(_MARGIN, bottom, width - _MARGIN, bottom)
    return float(bottom - 10)


def _picture_page(number: int, item: AttachedFile, fonts: tuple[str, str]) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1)
    top = _caption(canvas, number, item, fonts)
    if item.is_drawable:
        picture = ImageReader(io.BytesIO(item.data))
        pw, ph = picture.getSize()
        room_w, room_h = A4[0] - 2 * _MARGIN, top - _MARGIN
        scale = min(room_w / pw, room_h / ph)
        canvas.drawImage(picture, _MARGIN, top - ph * scale, pw * scale, ph * scale)
    else:
        canvas.setFont(fonts[0], 11)
        canvas.drawString(_MARGIN, top - 20, "This photo is kept in the casebook as received; it cannot be")
        canvas.drawString(_MARGIN, top - 35, "reproduced in this pack. Ask the school for a copy.")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _title_page(number: int, item: AttachedFile, fonts: tuple[str, str], pages: int | None) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1)
    note = ("Its page follows." if pages == 1 else f"Its {pages} pages follow.") if pages else ""
    top = _caption(canvas, number, item, fonts, note)
    if pages is None:
        canvas.setFont(fonts[0], 11)
        canvas.drawString(_MARGIN, top - 20, "This PDF is password protected or damaged, so its pages could not be")
        canvas.drawString(_MARGIN, top - 35, "added to this pack. Ask the school for a copy.")
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def append_attachments(pack: bytes, items: Sequence[AttachedFile], *, first_number: int = 1) -> tuple[bytes, int]:
    """``pack`` with ``items`` appended after it; returns (bytes, pages added)."""
    if not items:
        return pack, 0
    fonts = register_fonts()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pack)))
    before = len(writer.pages)
    for number, item in enumerate(items, start=first_number):
        if item.is_pdf:
            reader: PdfReader | None
            try:
                reader = PdfReader(io.BytesIO(item.data))
                if reader.is_encrypted:
                    reader = None
                else:
                    _ = len(reader.pages)
            except Exception:  # a damaged PDF: its title page says so
                reader = None
            writer.append(
                PdfReader(io.BytesIO(_title_page(number, item, fonts, len(reader.pages) if reader else None)))
            )
            if reader is not None:
                writer.append(reader)
        else:
            writer.append(PdfReader(io.BytesIO(_picture_page(number, item, fonts))))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages) - before
