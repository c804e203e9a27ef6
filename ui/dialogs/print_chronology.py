"""Printing a chronology through Qt's print preview.

QtPdf is not part of PySide6-Essentials, so the exported PDF cannot be painted here; the chronology is
laid out as an HTML table in a QTextDocument instead (Qt shapes every script, Arabic included) and each
page gets the same furniture as the PDF: OFFICIAL-SENSITIVE top and bottom, the child's name, date of
birth and the period covered, "Page X of Y", and the table header repeated. A4 landscape.
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from dslapp.export.chronology_pdf import header_name
from dslapp.models import Impact
from dslapp.services.chronology import Chronology
from ui import strings
from ui.formatting import dmy, dmy_hm

IMPACT_MARK = {Impact.POSITIVE: "+", Impact.NEGATIVE: "−", Impact.UNKNOWN: "?"}


def chronology_html(chronology: Chronology) -> str:
    e = html.escape
    head = "".join(
        f"<th align='left' width='{w}%' style='background:#e4e7eb; padding:4px'>{e(t)}</th>"
        for t, w in zip(strings.CHRONO_COLUMNS[1:], (10, 31, 13, 17, 19, 10), strict=True)
    )
    body = []
    for row in chronology.rows:
        impact = f"<b>{IMPACT_MARK[row.impact_kind]}</b> {e(row.impact)}" if row.impact else ""
        if not row.impact and row.impact_kind != Impact.UNKNOWN:
            impact = f"<b>{IMPACT_MARK[row.impact_kind]}</b>"
        event = e(row.event).replace("\n", "<br>")
        if row.category_label:
            event += f"<br><span style='color:#52606d'>{e(row.category_label)}</span>"
        cells = (e(row.when), event, e(row.source), impact, e(row.action).replace("\n", "<br>"), e(row.recorded_by))
        body.append("<tr>" + "".join(f"<td style='padding:4px'>{c}</td>" for c in cells) + "</tr>")
    if not body:
        body.append(f"<tr><td colspan='6'>{e(strings.CHRONO_EMPTY)}</td></tr>")
    return (
        "<table width='100%' border='1' cellspacing='0' cellpadding='4' style='border-collapse:collapse;"
        f" border-color:#9aa5b1'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def set_up_printer(printer: QPrinter) -> None:
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(12, 10, 12, 10),
            QPageLayout.Unit.Millimeter,
        )
    )


def paint_chronology(printer: QPrinter, chronology: Chronology, printed_by: str, printed_on: datetime) -> int:
    """Lay the chronology out on ``printer``'s pages; returns the number of pages."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        page = printer.pageRect(QPrinter.Unit.DevicePixel)
        dpi = printer.resolution()
        scale = dpi / 96.0
        width, height = page.width(), page.height()
        band = 0.42 * dpi  # header and footer bands, in device pixels
        document = QTextDocument()
        font = QFont("DejaVu Sans")
        font.setPointSizeF(8.5)
        document.setDefaultFont(font)
        document.setHtml(chronology_html(chronology))
        # lay out at 96 dpi and scale up, so the point sizes come out right on any printer
        document.setPageSize(QSizeF(width / scale, (height - 2 * band) / scale))
        pages = max(1, document.pageCount())
        child = chronology.child
        title = (
            f"{strings.CHRONO_PRINT_TITLE}: {header_name(child)}  ·  {strings.CHILD_DOB} {dmy(child.dob)}"
            f"  ·  {chronology.range_label}"
        )
        small = QFont("DejaVu Sans")
        small.setPointSizeF(8)
        bold = QFont(small)
        bold.setBold(True)
        for number in range(pages):
            if number:
                printer.newPage()
            painter.save()
            painter.setFont(bold)
            painter.drawText(QRectF(0, 0, width, band / 2), Qt.AlignmentFlag.AlignHCenter, strings.PROTECTIVE_MARKING)
            painter.setFont(small)
            painter.drawText(QRectF(0, band / 2, width, band / 2), Qt.AlignmentFlag.AlignLeft, title)
            painter.setFont(bold)
            painter.drawText(
                QRectF(0, height - band / 2, width, band / 2), Qt.AlignmentFlag.AlignHCenter, strings.PROTECTIVE_MARKING
            )
            painter.setFont(small)
            painter.drawText(
                QRectF(0, height - band / 2, width, band / 2),
                Qt.AlignmentFlag.AlignRight,
                strings.CHRONO_PRINT_PAGE.format(page=number + 1, pages=pages),
            )
            painter.drawText(
                QRectF(0, height - band / 2, width, band / 2),
                Qt.AlignmentFlag.AlignLeft,
                strings.CHRONO_PRINT_BY.format(name=printed_by, when=dmy_hm(printed_on)),
            )
            painter.translate(QPointF(0, band))
            painter.scale(scale, scale)
            page_height = document.pageSize().height()
            painter.translate(QPointF(0, -number * page_height))
            clip = QRectF(0, number * page_height, document.pageSize().width(), page_height)
            painter.setClipRect(clip)
            document.drawContents(painter, clip)
            painter.restore()
        return pages
    finally:
        painter.end()


def preview_dialog(
    chronology: Chronology, printed_by: str, printed_on: datetime, parent: QWidget | None = None
) -> QPrintPreviewDialog:
    """A print preview (not yet shown); it is accepted when the user prints from it."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    set_up_printer(printer)
    printer.setDocName(strings.CHRONO_PRINT_TITLE)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(strings.CHRONO_PRINT)
    dialog.resize(1100, 800)
    dialog.paintRequested.connect(lambda p: paint_chronology(p, chronology, printed_by, printed_on))
    dialog.printer_ = printer  # type: ignore[attr-defined]  # keep it alive with the dialog
    return dialog
