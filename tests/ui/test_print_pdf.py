"""Printing the MASH enquiry and the referral pack with a preview: the PDF is read from memory with QtPdf
and each page painted onto the printer; printing is audited; nothing is written to the temp folder.
Fictional data only."""

from __future__ import annotations

import io
import os
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDir
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas
from ui_helpers import open_referrals_tab

from dslapp.models import Category, Child, Referral
from dslapp.services import concerns, mash
from dslapp.store import RecordStore
from dslapp.vault import audit
from ui.dialogs.print_pdf import load_pdf, paint_pdf, preview_dialog, set_up_printer
from ui.windows.referrals_tab import ReferralsTab


def _child(store: RecordStore) -> Child:
    child = store.add(Child(legal_forename="Amira", legal_surname="Fictional", dob=date(2015, 5, 4)))
    concerns.record_concern(
        store,
        child_id=child.id,
        observed_at=datetime(2026, 11, 2, 9, 0),
        categories=[Category.NEGLECT],
        what_happened="Amira arrived without a coat in the rain and said she had not eaten.",
        reporter_name="Mr Class Teacher",
        reporter_role="Teacher",
    )
    return child


def _pdf(pages: int, size: tuple[float, float] = A4) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=size)
    for number in range(pages):
        canvas.drawString(72, size[1] - 72, f"Fictional page {number + 1}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _audit(app) -> list[audit.AuditEvent]:  # type: ignore[no-untyped-def]
    return audit.events(app.session.require_store().vault.db)


def test_paints_every_page_onto_the_printer(qtbot: QtBot, tmp_path: Path) -> None:
    document = load_pdf(_pdf(3))
    assert document.pageCount() == 3
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    set_up_printer(printer, document)
    out = tmp_path / "printed.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert paint_pdf(printer, document) == 3
    reader = PdfReader(str(out))
    assert len(reader.pages) == 3
    box = reader.pages[0].mediabox
    assert float(box.width) < float(box.height)  # A4 portrait, like the source


def test_landscape_source_prints_landscape_and_bad_bytes_refused(qtbot: QtBot) -> None:
    document = load_pdf(_pdf(1, landscape(A4)))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    set_up_printer(printer, document)
    assert printer.pageLayout().orientation() == printer.pageLayout().Orientation.Landscape
    with pytest.raises(ValueError):
        load_pdf(b"not a pdf")


def test_preview_writes_nothing_to_the_temp_folder(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    assert Path(QDir.tempPath()).resolve() == temp.resolve()
    printed: list[int] = []
    dialog = preview_dialog(None, _pdf(2), "Print enquiry", printed.append)
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(5):
        QApplication.processEvents()
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None and widget.pageCount() == 2  # the preview was painted, from memory
    assert os.listdir(temp) == []
    dialog.reject()
    assert printed == []  # closing the preview prints nothing, so audits nothing


def test_print_enquiry_and_pack_from_the_tab_are_audited(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    child = _child(store)
    mash.start_enquiry(store, child.id)
    app, tab = open_referrals_tab(qtbot, make_app, vault, child)
    assert isinstance(tab, ReferralsTab)
    assert tab.print_button.isEnabled() and tab.print_pack_button.isEnabled()

    tab.print_enquiry()
    qtbot.waitUntil(lambda: isinstance(tab.preview, QPrintPreviewDialog) and tab.preview.isVisible())
    pages = tab.preview.document_.pageCount()
    assert pages >= 1
    tab.preview.accept()  # what printing from the preview does
    qtbot.waitUntil(lambda: any(e.action == "print" for e in _audit(app)))
    prints = [e for e in _audit(app) if e.action == "print" and e.object == str(child.id)]
    assert len(prints) == 1 and "MASH enquiry" in prints[0].detail

    tab.print_pack()
    qtbot.waitUntil(lambda: tab.preview is not None and tab.preview.isVisible())
    pages = tab.preview.document_.pageCount()
    tab.preview.accept()
    qtbot.waitUntil(lambda: len([e for e in _audit(app) if e.action == "print"]) == 2)
    pack = [e for e in _audit(app) if e.action == "print" and "referral pack" in e.detail]
    assert len(pack) == 1 and f"{pages} pages" in pack[0].detail

    # closing without printing audits nothing; locking closes an open preview
    tab.print_enquiry()
    qtbot.waitUntil(lambda: tab.preview is not None and tab.preview.isVisible())
    preview = tab.preview
    app.lock()
    assert not preview.isVisible()


def test_print_from_the_editor_saves_edits_first_and_locking_closes_it(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    child = _child(store)
    mash.start_enquiry(store, child.id)
    app, tab = open_referrals_tab(qtbot, make_app, vault, child)
    tab.open_current()
    editor = tab.editor
    assert editor is not None and editor.print_button.menu() is not None
    editor.set_value("type_of_request", "Request for a child in need assessment (section 17)")
    editor.print_pack()  # the unsaved edit is autosaved, then saved to the enquiry before the PDF is built
    qtbot.waitUntil(lambda: isinstance(editor.preview, QPrintPreviewDialog) and editor.preview.isVisible())
    preview = editor.preview
    preview.accept()
    qtbot.waitUntil(lambda: any(e.action == "print" and "referral pack" in e.detail for e in _audit(app)))
    store_now = app.session.require_store()
    referral = store_now.for_child(child.id, Referral)[0]
    assert referral.form["type_of_request"].startswith("Request for a child in need")
    assert mash.pending_edits(store_now, referral.id) == {}

    editor.print_enquiry()
    qtbot.waitUntil(lambda: editor.preview is not preview and editor.preview is not None)
    second = editor.preview
    assert second.isVisible()
    app.lock()
    assert not second.isVisible() and not editor.isVisible()


def test_a_landscape_page_in_a_portrait_pack_is_turned_to_fill_the_sheet(qtbot: QtBot, tmp_path: Path) -> None:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for size in (A4, landscape(A4)):
        canvas.setPageSize(size)
        canvas.drawString(72, size[1] - 72, "Fictional chronology")
        canvas.showPage()
    canvas.save()
    document = load_pdf(out.getvalue())
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    set_up_printer(printer, document)
    printed = tmp_path / "mixed.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    assert paint_pdf(printer, document) == 2
    reader = PdfReader(str(printed))
    assert len(reader.pages) == 2
    assert all(float(p.mediabox.width) < float(p.mediabox.height) for p in reader.pages)
