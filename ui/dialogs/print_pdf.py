"""Printing an already-rendered PDF (the MASH enquiry, the referral pack) through Qt's print preview.

The PDF bytes stay in memory: QtPdf reads them from a QBuffer and each page is rasterised into a QImage
and painted onto the printer, so nothing in plaintext is ever written to disk. A4, the orientation taken
from the first page; each page is scaled to the printable area keeping its aspect ratio (a page the
other way round, like the pack's landscape chronology, is turned to fill the sheet).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QObject, QRectF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from ui import strings

MAX_RENDER_DPI = 300  # a 1200 dpi A4 page would be a ~550 MB image; 300 dpi is sharp on paper


def load_pdf(pdf_bytes: bytes, parent: QObject | None = None) -> QPdfDocument:
    """A QPdfDocument read from memory (a QBuffer owned by the document); raises ValueError if unreadable."""
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf_bytes))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise ValueError(strings.PRINT_UNREADABLE.format(error=document.error().name))
    document.buffer_ = buffer  # type: ignore[attr-defined]  # keep the bytes alive with the document
    return document


def set_up_printer(printer: QPrinter, document: QPdfDocument) -> None:
    """A4, portrait or landscape as the first page is, with the printer's own smallest margins."""
    first = document.pagePointSize(0)
    landscape = first.width() > first.height()
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )


def paint_pdf(printer: QPrinter, document: QPdfDocument) -> int:
    """Paint every page of ``document`` onto ``printer`` (a new sheet for each); returns the page count."""
    pages = document.pageCount()
    painter = QPainter()
    if pages < 1 or not painter.begin(printer):
        return 0
    try:
        area = printer.pageRect(QPrinter.Unit.DevicePixel)
        dpi = max(1, printer.resolution())
        shrink = min(1.0, MAX_RENDER_DPI / dpi)
        for number in range(pages):
            if number:
                printer.newPage()
            size = document.pagePointSize(number)
            if size.width() <= 0 or size.height() <= 0:
                continue
            # a page the other way round from the sheet (the pack's landscape chronology on portrait paper)
            # is turned a quarter so it fills the sheet, as a PDF viewer's "auto-rotate" would
            turn = (size.width() > size.height()) != (area.width() > area.height())
            across, down = (area.height(), area.width()) if turn else (area.width(), area.height())
            scale = min(across / size.width(), down / size.height())
            width, height = size.width() * scale, size.height() * scale
            image = document.render(number, QSize(max(1, round(width * shrink)), max(1, round(height * shrink))))
            painter.save()
            # the painter's origin is the printable area's top left: centre the page in it
            painter.translate(area.width() / 2, area.height() / 2)
            if turn:
                painter.rotate(90)
            painter.drawImage(QRectF(-width / 2, -height / 2, width, height), image)
            painter.restore()
        return pages
    finally:
        painter.end()


def preview_dialog(
    parent: QWidget | None, pdf_bytes: bytes, title: str, on_printed: Callable[[int], None]
) -> QPrintPreviewDialog:
    """A print preview of the PDF (not yet shown). Printing from it accepts the dialog, which calls
    ``on_printed(page count)`` (for the audit); closing it without printing calls nothing."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    document = load_pdf(pdf_bytes, dialog)
    set_up_printer(printer, document)
    printer.setDocName(title)
    dialog.setWindowTitle(title)
    dialog.resize(1000, 800)
    dialog.paintRequested.connect(lambda p: paint_pdf(p, document))
    pages = document.pageCount()
    dialog.accepted.connect(lambda: on_printed(pages))
    dialog.printer_ = printer  # type: ignore[attr-defined]  # keep it alive with the dialog
    dialog.document_ = document  # type: ignore[attr-defined]
    return dialog


def print_pdf_with_preview(
    parent: QWidget | None, pdf_bytes: bytes, title: str, on_printed: Callable[[int], None]
) -> QPrintPreviewDialog:
    """Open (window-modal, non-blocking) a print preview of ``pdf_bytes``; see ``preview_dialog``."""
    dialog = preview_dialog(parent, pdf_bytes, title, on_printed)
    dialog.open()
    return dialog
