"""Printing the recovery key sheet (through the OS print dialog, which also offers 'Save as PDF')."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from ui import strings
from ui.formatting import dmy


def recovery_sheet_html(recovery_key: str, name: str, school: str, on: date) -> str:
    e = html.escape
    return (
        f"<h1>{e(strings.SETUP_KEY_PRINT_TITLE)}</h1>"
        f"<p>{e(school)}<br>{e(strings.SETUP_KEY_PRINT_BY.format(name=name, date=dmy(on)))}</p>"
        f"<p style='font-family: monospace; font-size: 22pt; letter-spacing: 2px; margin: 24px 0'>"
        f"{e(recovery_key)}</p>"
        f"<p>{e(strings.SETUP_KEY_PRINT_BODY)}</p>"
        f"<p><b>{e(strings.PROTECTIVE_MARKING)}</b></p>"
    )


def print_recovery_key(parent: QWidget, recovery_key: str, name: str, school: str) -> bool:
    """Show the print dialog and print the sheet; True when it was sent to a printer (or PDF)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(strings.SETUP_KEY_PRINT)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    document = QTextDocument()
    document.setHtml(recovery_sheet_html(recovery_key, name, school, date.today()))
    document.print_(printer)
    return True
