"""Attachments ticked for a pack, appended after it: a PDF's own pages after a captioned title page, a picture
drawn on an A4 page under its caption, each page inside the pack's marked and numbered page (pure: bytes in,
bytes out; nothing touches the disk)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pypdf import PdfReader, PdfWriter, Transformation
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from dslapp.export.fonts import register_fonts
from dslapp.export.page import FOOTER_RULE, HEADER_RULE, MARGIN, NumberedCanvas, PageInfo, draw_furniture
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


def attachment_section(items: Sequence[AttachedFile], *, first_number: int = 1) -> tuple[bytes, int]:
    """The attachments' own pages, each file after its captioned title page (or a picture on its captioned
    page); returns (bytes, pages). Unmarked: :func:`append_section` places them in the pack's pages."""
    fonts = register_fonts()
    writer = PdfWriter()
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
    return out.getvalue(), len(writer.pages)


def _furniture_pages(info: PageInfo, first_page: int, count: int, total: int) -> PdfReader:
    """``count`` empty pages carrying the pack's marking, header and "Page X of Y" footer."""
    out = io.BytesIO()

    def furniture(canvas: Canvas, number: int, _count: int) -> None:
        draw_furniture(canvas, info, first_page + number - 1, total)

    canvas = NumberedCanvas(out, pagesize=info.pagesize, invariant=1, furniture=furniture)
    for _ in range(count):
        canvas.showPage()
    canvas.save()
    return PdfReader(io.BytesIO(out.getvalue()))


def append_section(
    pack: bytes, section: bytes, *, info: PageInfo, first_page: int, total: int, outline: str = ""
) -> bytes:
    """``pack`` with ``section``'s pages after it, each scaled into the body of a page that carries the
    pack's marking, the child's name and date of birth, and "Page X of ``total``" (numbered from
    ``first_page``): an attached file's page is never a page of the pack without them. ``outline`` names the
    section's entry in the PDF's outline."""
    pages = PdfReader(io.BytesIO(section)).pages
    if not pages:
        return pack
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pack)))
    frames = _furniture_pages(info, first_page, len(pages), total)
    width, height = info.pagesize
    room_w, room_h = width - 2 * MARGIN, height - HEADER_RULE - FOOTER_RULE - 8
    top = height - HEADER_RULE - 4
    for page, frame in zip(pages, frames.pages, strict=True):
        box = page.mediabox
        scale = min(room_w / float(box.width), room_h / float(box.height))
        x = MARGIN + (room_w - float(box.width) * scale) / 2 - float(box.left) * scale
        y = top - float(box.height) * scale - float(box.bottom) * scale
        placed = writer.add_page(frame)
        placed.merge_transformed_page(page, Transformation().scale(scale, scale).translate(x, y))
    if outline:
        writer.add_outline_item(title=outline, page_number=first_page - 1)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
