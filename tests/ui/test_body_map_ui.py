"""The body map in the app: click an outline to place a numbered mark, describe it, save; the record pane
draws it; amending the marks keeps the original ones in the history."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot
from ui_helpers import choose_child, open_concern_dialog, tick_category, workspace

from dslapp.models import BodyMark, BodyView, Category, Child, Concern, MarkType
from dslapp.models.base import local_now
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault
from ui.dialogs.amend_concern import AmendConcernDialog
from ui.windows.unlock import UnlockPage
from ui.windows.workspace import Location

PASSPHRASE = "correct horse battery staple (fictional)"
SHOTS = os.environ.get("DSLAPP_BODY_MAP_SHOTS", "")
"""Set to a folder to save screenshots of the dialogs (for looking at, not asserted)."""


def _unlock(qtbot: QtBot, app) -> None:  # type: ignore[no-untyped-def]
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)


def _shot(qtbot: QtBot, widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        qtbot.wait(50)
        widget.grab().save(str(Path(SHOTS) / name))


def test_clicking_the_outline_places_a_numbered_mark_that_is_saved_with_the_concern(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore
) -> None:  # type: ignore[no-untyped-def]
    child = store.add(Child(legal_forename="Juniper", legal_surname="Fictionfield", dob=date(2016, 5, 1)))
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    _unlock(qtbot, app)
    dialog = open_concern_dialog(app)
    choose_child(dialog, "Juniper Fictionfield")
    tick_category(dialog, "Physical abuse")
    qtbot.keyClicks(dialog.facts, "Bruising seen on the back of the left upper arm while changing for PE.")
    canvas = dialog.body_map.canvas
    assert not canvas.isVisible()  # folded away until asked for, so the decision stays in view
    qtbot.mouseClick(dialog.body_map_toggle, Qt.MouseButton.LeftButton)
    assert canvas.isVisible()
    dialog.form_scroll.ensureWidgetVisible(canvas)

    # a click beside the outline places nothing; a click on the back of the arm places mark 1
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert dialog.body_map.marks() == []
    on_arm = canvas.point_for(BodyView.BACK, 0.21, 0.33).toPoint()
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=on_arm)
    on_cheek = canvas.point_for(BodyView.FRONT, 0.6, 0.1).toPoint()
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=on_cheek)
    rows = dialog.body_map.rows
    assert [(r.number, r.view) for r in rows] == [(1, "back"), (2, "front")]
    first = rows[0]
    first.mark_type.setCurrentIndex(first.mark_type.findData("bruise"))
    first.size_cm.setValue(1.5)
    qtbot.keyClicks(first.colour, "blue-purple")
    qtbot.keyClicks(first.shape, "four ovals in a line")
    qtbot.keyClicks(first.explanation, "My brother grabbed me")
    rows[1].mark_type.setCurrentIndex(rows[1].mark_type.findData("scratch"))
    dialog.form_scroll.ensureWidgetVisible(canvas)
    _shot(qtbot, dialog, "record-concern-body-map.png")
    # removing a mark takes it off the map
    qtbot.mouseClick(rows[1].remove, Qt.MouseButton.LeftButton)
    assert [m["number"] for m in dialog.body_map.marks()] == [1]
    assert [m["number"] for m in canvas.marks] == [1]
    dialog.decision.setCurrentIndex(dialog.decision.findData("monitor"))
    qtbot.keyClicks(dialog.reasons, "Explanation consistent; speak to parent at pick-up.")
    dialog.save()
    qtbot.waitUntil(lambda: dialog not in app.dialogs, timeout=5000)

    ws = workspace(app)
    ws.go(Location("child", str(child.id), "concerns"))
    page = ws.child_page
    assert page is not None and page.opened is not None
    saved = page.opened.file.concerns[0]
    assert len(saved.body_marks) == 1
    mark = saved.body_marks[0]
    assert (mark.number, mark.view, mark.mark_type, mark.size_cm) == (1, BodyView.BACK, MarkType.BRUISE, 1.5)
    assert (mark.x, mark.y) == (round(mark.x, 4), round(mark.y, 4))
    assert abs(mark.x - 0.21) < 0.01 and abs(mark.y - 0.33) < 0.01
    assert mark.child_explanation == "My brother grabbed me"
    reading = page.concerns.listing.reader.toPlainText()
    assert "Body map: 1 mark" in reading
    assert "My brother grabbed me" in reading
    assert "<img" in page.concerns.listing.reader.toHtml()
    _shot(qtbot, page, "child-record-body-map.png")


def test_amending_the_marks_keeps_the_original_and_shows_it_as_the_earlier_version(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore
) -> None:  # type: ignore[no-untyped-def]
    child = store.add(Child(legal_forename="Juniper", legal_surname="Fictionfield", dob=date(2016, 5, 1)))
    original = BodyMark(number=1, view=BodyView.FRONT, x=0.5, y=0.3, size_cm=2, colour="red", shape="round")
    concern = store.add(
        Concern(
            child_id=child.id,
            observed_at=local_now() - timedelta(minutes=30),
            reporter_name="Mr P. E. Teacher",
            categories=[Category.PHYSICAL],
            what_happened="Red mark on the chest seen during PE.",
            body_marks=[original],
        )
    )
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    _unlock(qtbot, app)
    ws = workspace(app)
    ws.go(Location("child", str(child.id), "concerns"))
    page = ws.child_page
    assert page is not None
    qtbot.mouseClick(page.concerns.amend_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in app.dialogs if isinstance(d, AmendConcernDialog))
    assert [m["number"] for m in dialog.body_map.marks()] == [1]
    assert dialog.changes() == {}  # loading the marks is not a change
    dialog.body_map.rows[0].size_cm.setValue(3.0)
    assert "body_marks" in dialog.changes()
    dialog.form_scroll.ensureWidgetVisible(dialog.body_map)
    _shot(qtbot, dialog, "amend-concern-body-map.png")
    qtbot.keyClicks(dialog.reason, "Measured again with the school nurse: 3 cm.")
    dialog.save()
    qtbot.waitUntil(lambda: dialog not in app.dialogs, timeout=5000)
    assert page.opened is not None
    assert page.opened.file.concerns[0].body_marks[0].size_cm == 3.0
    reading = page.concerns.listing.reader.toPlainText()
    assert "1 (front): bruise, 2 cm, red, round." in reading  # the earlier version, described

    app.lock()
    reopened = Vault.open(vault.directory, PASSPHRASE)
    try:
        kept = RecordStore(reopened).amendments(concern.id)
        assert kept[0].previous["body_marks"][0]["size_cm"] == 2.0
    finally:
        reopened.lock()


def test_the_casebook_menu_prints_and_saves_the_blank_concern_form(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrintPreviewDialog
    from PySide6.QtWidgets import QFileDialog

    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    assert not app.window.blank_form_print_action.isEnabled()  # locked: nothing to print from
    _unlock(qtbot, app)
    workspace(app)
    assert app.window.blank_form_print_action.isEnabled()

    app.window.blank_form_print_action.trigger()
    qtbot.waitUntil(lambda: any(isinstance(d, QPrintPreviewDialog) and d.isVisible() for d in app.dialogs))
    preview = next(d for d in app.dialogs if isinstance(d, QPrintPreviewDialog))
    assert preview.document_.pageCount() == 2  # type: ignore[attr-defined]
    _shot(qtbot, preview, "blank-form-preview.png")
    preview.accept()  # what printing from the preview does

    out = tmp_path / "blank.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(out), "")))
    app.window.blank_form_save_action.trigger()
    qtbot.waitUntil(out.exists, timeout=5000)
    app.lock()
    reopened = Vault.open(vault.directory, PASSPHRASE)
    try:
        rows = reopened.db.execute(
            "SELECT action, detail FROM audit WHERE object = 'blank-concern-form' ORDER BY seq"
        ).fetchall()
    finally:
        reopened.lock()
    assert [r[0] for r in rows] == ["print", "export"]


def test_a_draft_keeps_its_marks_and_opens_with_the_body_map_shown(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore
) -> None:  # type: ignore[no-untyped-def]
    store.add(Child(legal_forename="Juniper", legal_surname="Fictionfield", dob=date(2016, 5, 1)))
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    _unlock(qtbot, app)
    dialog = open_concern_dialog(app)
    dialog.body_map_toggle.click()
    row = dialog.body_map.add_mark("front", 0.5, 0.3)
    assert row is not None
    qtbot.keyClicks(row.explanation, "I walked into the door")
    assert dialog.has_content()  # a mark alone is worth keeping as a draft
    data = dialog.data()
    dialog.close_for_lock()

    restored = open_concern_dialog(app)
    restored.load_data(data)
    assert restored.body_map_toggle.isChecked() and restored.body_map.canvas.isVisible()
    [mark] = restored.body_map.marks()
    assert (mark["number"], mark["view"], mark["child_explanation"]) == (1, "front", "I walked into the door")
    assert restored.body_map.canvas.marks == [mark]
