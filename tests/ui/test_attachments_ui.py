"""The Attachments tab: add a scan, view it (picture and PDF, from memory), tick it for the referral pack,
withdraw it with a reason."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from attachment_files import pdf_with, plain_png
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot
from ui_helpers import choose_child, open_concern_dialog, open_record, tick_category

from dslapp.models import Attachment, Category, Child, Concern
from dslapp.services import concerns
from dslapp.store import RecordStore
from ui import strings
from ui.dialogs.attachment_viewer import AttachmentViewer
from ui.models.records import OBJECT_ROLE
from ui.windows.attachments_tab import AddAttachmentDialog, AttachmentsTab

SHOTS = os.environ.get("DSLAPP_ATTACH_SHOTS", "")


def _open_tab(qtbot: QtBot, make_app, vault, child: Child):  # type: ignore[no-untyped-def]
    app, record = open_record(qtbot, make_app, vault, child, "attachments")
    assert isinstance(record.attachments, AttachmentsTab)
    return app, record.attachments


def _select(tab: AttachmentsTab, title: str) -> None:
    listing = tab.listing
    for row in range(listing.proxy.rowCount()):
        item = listing.proxy.index(row, 0).data(OBJECT_ROLE)
        if isinstance(item, Attachment) and item.title == title:
            listing.table.selectRow(row)
            return
    raise AssertionError(f"{title} is not listed")


def _attachments(app) -> list[Attachment]:  # type: ignore[no-untyped-def]
    store: RecordStore = app.session.require_store()
    return store.for_child(app.workspace.child_page.child_id, Attachment)


def test_add_view_tick_and_withdraw(qtbot: QtBot, make_app, vault, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    child = store.add(Child(legal_forename="Pip", legal_surname="Fictional", dob=date(2016, 2, 3)))
    scan = tmp_path / "concern form scan.png"
    scan.write_bytes(plain_png())
    letter = tmp_path / "clinic letter.pdf"
    letter.write_bytes(pdf_with("A letter from the fictional clinic about Pip's appointment."))
    app, tab = _open_tab(qtbot, make_app, vault, child)
    tab.add_file(scan, "Scanned concern form")
    qtbot.waitUntil(lambda: len(_attachments(app)) == 1)
    tab.add_file(letter, "Letter from the clinic")
    qtbot.waitUntil(lambda: len(_attachments(app)) == 2)
    qtbot.waitUntil(lambda: app.workspace.child_page.tabs.tabText(8).endswith("(2)"))
    _select(tab, "Scanned concern form")
    tab.view()
    qtbot.waitUntil(lambda: tab.viewer is not None and tab.viewer.isVisible())
    viewer = tab.viewer
    assert isinstance(viewer, AttachmentViewer) and viewer.picture is not None
    assert not viewer.picture.pixmap().isNull()
    if SHOTS:
        viewer.grab().save(f"{SHOTS}/viewer-image.png")
    _select(tab, "Letter from the clinic")
    tab.view()
    qtbot.waitUntil(lambda: tab.viewer is not viewer and tab.viewer is not None and tab.viewer.isVisible())
    pdf_viewer = tab.viewer
    assert pdf_viewer is not None and pdf_viewer.document is not None
    qtbot.waitUntil(lambda: pdf_viewer.document.status() == QPdfDocument.Status.Ready)
    assert pdf_viewer.document.pageCount() == 1
    if SHOTS:
        qtbot.wait(300)
        pdf_viewer.grab().save(f"{SHOTS}/viewer-pdf.png")
        app.window.grab().save(f"{SHOTS}/tab.png")
    tab.referral_tick.click()
    qtbot.waitUntil(lambda: any(a.in_referral_pack for a in _attachments(app)))
    _select(tab, "Scanned concern form")
    tab.withdraw("Scanned for the wrong child")
    qtbot.waitUntil(lambda: any(a.withdrawn for a in _attachments(app)))
    withdrawn = next(a for a in _attachments(app) if a.withdrawn)
    assert withdrawn.withdrawn_reason == "Scanned for the wrong child"


def test_the_concern_dialog_attaches_the_scanned_form_as_the_original(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_app, vault, store, tmp_path: Path
) -> None:
    child = store.add(Child(legal_forename="Zofia", legal_surname="Testchild", dob=date(2017, 3, 14)))
    scan = tmp_path / "scanned form.png"
    scan.write_bytes(plain_png())
    app, _tab = _open_tab(qtbot, make_app, vault, child)
    dialog = open_concern_dialog(app)
    choose_child(dialog, "Zofia Testchild")
    tick_category(dialog, "Neglect")
    qtbot.keyClicks(dialog.facts, "Typed from the paper form handed in at break.")
    dialog.decision.setCurrentIndex(dialog.decision.findData("monitor"))
    qtbot.keyClicks(dialog.reasons, "First such concern; monitor.")
    dialog.set_original(scan)
    assert "scanned form.png" in dialog.original_label.text()
    if SHOTS:
        dialog.grab().save(f"{SHOTS}/concern-dialog.png")
    dialog.save()
    qtbot.waitUntil(lambda: len(_attachments(app)) == 1)
    [original] = _attachments(app)
    assert original.original_of and original.attached_to is not None
    store_now: RecordStore = app.session.require_store()
    assert store_now.get_as(Concern, original.attached_to).what_happened.startswith("Typed from the paper form")
    page = app.workspace.child_page
    qtbot.waitUntil(lambda: page.opened is not None and len(page.opened.file.attachments) == 1)
    page.set_tab("concerns")
    reading = page.concerns.listing.reader.toPlainText()
    assert strings.ATTACHED_ORIGINAL.format(name=strings.ATTACH_ORIGINAL_TITLE) in reading


def test_the_add_dialog_attaches_to_a_chosen_concern(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_app, vault, store, tmp_path: Path
) -> None:
    child = store.add(Child(legal_forename="Quill", legal_surname="Fictional", dob=date(2016, 2, 3)))
    concern = concerns.record_concern(
        store,
        child_id=child.id,
        observed_at=datetime(2026, 11, 2, 9, 0),
        categories=[Category.NEGLECT],
        what_happened="Arrived without a coat.",
        reporter_name="Mr Class Teacher",
    ).value
    minutes = tmp_path / "minutes.pdf"
    minutes.write_bytes(pdf_with("Conference minutes (fictional)."))
    app, tab = _open_tab(qtbot, make_app, vault, child)
    tab.choose_file()
    dialog = tab.dialog
    assert isinstance(dialog, AddAttachmentDialog)
    assert not dialog.original.isEnabled()  # the child's file itself has no original
    dialog.save()
    assert dialog.error.text() == strings.ATTACH_DIALOG_NEED_FILE
    dialog.path.setText(str(minutes))
    qtbot.keyClicks(dialog.title, "Scanned concern form")
    dialog.to.setCurrentIndex(dialog.to.findData(str(concern.id)))
    assert dialog.original.isEnabled()
    dialog.original.setChecked(True)
    if SHOTS:
        dialog.grab().save(f"{SHOTS}/add-dialog.png")
    dialog.save()
    qtbot.waitUntil(lambda: len(_attachments(app)) == 1)
    [attached] = _attachments(app)
    assert attached.attached_to == concern.id and attached.original_of and attached.title == "Scanned concern form"
