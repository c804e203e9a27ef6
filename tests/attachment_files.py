"""Small real files for attachment tests: a PDF made with reportlab, photos made with Pillow (one carrying GPS)."""

from __future__ import annotations

import io

from PIL import Image
from reportlab.pdfgen import canvas

GPS_IFD = 0x8825


def pdf_with(text: str) -> bytes:
    """A one-page PDF whose content stream holds ``text`` uncompressed (so a scan for it can find it)."""
    out = io.BytesIO()
    page = canvas.Canvas(out, pageCompression=0, invariant=1)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return out.getvalue()


def _picture() -> Image.Image:
    image = Image.new("RGB", (64, 48), (200, 220, 240))
    for x in range(64):
        image.putpixel((x, 24), (20, 40, 60))
    return image


def jpeg_with_gps(comment: bytes = b"") -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Fictional Camera Co"  # Make: kept
    exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 1.5), 3: "W", 4: (0.0, 7.0, 39.0)}
    out = io.BytesIO()
    _picture().save(out, "JPEG", exif=exif, quality=90, comment=comment)
    return out.getvalue()


def png_with_gps() -> bytes:
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 1.5), 3: "W", 4: (0.0, 7.0, 39.0)}
    out = io.BytesIO()
    _picture().save(out, "PNG", exif=exif)
    return out.getvalue()


def plain_png() -> bytes:
    out = io.BytesIO()
    _picture().save(out, "PNG")
    return out.getvalue()


def exif_of(data: bytes) -> Image.Exif:
    with Image.open(io.BytesIO(data)) as image:
        return image.getexif()


def pixels_of(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("RGB").tobytes()
