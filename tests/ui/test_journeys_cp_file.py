"""Two journeys through the real app, as a DSL and a member of staff would take them (issues 17 and 19, "Done when").

1. A scanned paper concern with a body map, recorded against one child, linked to her brother with an extract, the
   two put in a household and seen together, then a referral pack for each that tells nothing of the other.
2. A team of one with a reporting key; a teaching assistant reports in staff mode with a body-map mark; the DSL's
   app merges, Today shows the staff concern first, the DSL matches it and records the concern (the mark arrives
   on it); staff mode then says when the safeguarding team received it.

Real vaults in temp folders, real PDFs read back with pypdf, real widgets. Fictional data only. With
``DSLAPP_SHOTS=<folder>`` the screens met on the way are saved as PNGs there, to look at.
"""

from __future__ import annotations

import io
import json
import os
import time
from datetime import date, timedelta
from pathlib import Path

from attachment_files import pdf_with
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import choose_child, open_concern_dialog, support, tick_category, visible_text

from dslapp.models import (
    Attachment,
    BodyView,
    Category,
    Child,
    ChildLink,
    ChildStatus,
    Concern,
    DslDecision,
    MarkType,
    Severity,
)
from dslapp.services import recording, staff_reports, team
from dslapp.services.staff_mode import StaffMode
from dslapp.store import RecordStore
from dslapp.team.staff_drop import read_config
from dslapp.vault.vault import Vault
from ui.dialogs.household import JoinHouseholdDialog
from ui.dialogs.link_child import LinkChildDialog
from ui.dialogs.staff_report import StaffReportDialog
from ui.models.records import OBJECT_ROLE
from ui.operations import team_ops
from ui.windows.child_record import ChildRecordPage
from ui.windows.staff_report import StaffReportWindow
from ui.windows.today import STAFF_SECTION
from ui.windows.unlock import UnlockPage
from ui.windows.workspace import Location

SHOTS = os.environ.get("DSLAPP_SHOTS", "")
TODAY = date.today()
SCAN_MARKER = "Zebrafinch scanned form 4471"
A_UPN = "A123456789012"
B_UPN = "B987654321098"
A_FACTS = "Fingertip bruising on the back of the left upper arm, seen while changing for PE."
A_WORDS = "Uncle Fictionman squeezed my arm when I spilt the juice."
B_CONCERN = "Oskar came in with no packed lunch for the third day running."
EXTRACT = "Her brother may have seen something at home on Monday evening; check in with him today."


def _shot(qtbot: QtBot, widget: QWidget, name: str) -> None:
    if SHOTS:
        qtbot.wait(50)
        widget.grab().save(os.path.join(SHOTS, name))


def _unlock(qtbot: QtBot, make_app, vault: Vault):  # type: ignore[no-untyped-def]
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, support.PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    return app


def _unlock_only(qtbot: QtBot, make_app, vault: Vault):  # type: ignore[no-untyped-def]
    app = make_app(real_dir=vault.directory).app
    app.start()
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, support.PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    return app


def _go(app, child: Child, tab: str) -> ChildRecordPage:  # type: ignore[no-untyped-def]
    app.workspace.go(Location("child", str(child.id), tab))
    page = app.workspace.child_page
    assert isinstance(page, ChildRecordPage) and page.child_id == str(child.id)
    return page


def _export_pack(qtbot: QtBot, page: ChildRecordPage, out: Path) -> list[str]:
    dialog = page.chronology.export_pack()
    assert dialog is not None
    dialog.path.setText(str(out))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result_info is not None or bool(dialog.error.text()), timeout=20_000)
    assert dialog.result_info is not None, dialog.error.text()
    if dialog.message_box is not None:
        dialog.message_box.close()
    return [p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages]


def _labels(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def test_scanned_concern_with_a_body_map_for_two_siblings_and_a_pack_each(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore, tmp_path: Path
) -> None:
    sister = store.add(Child(legal_forename="Marigold", legal_surname="Testsibling", dob=date(2016, 4, 9),
                             year_group="Year 5", upn=A_UPN, status=ChildStatus.EARLY_HELP))  # fmt: skip
    brother = store.add(Child(legal_forename="Oskar", legal_surname="Testsibling", dob=date(2018, 10, 2),
                              year_group="Year 3", upn=B_UPN))  # fmt: skip
    recording.record(
        store, Concern, child_id=brother.id, observed_at=f"{TODAY - timedelta(days=3)}T08:50",
        reporter_name="Ms Fictionteacher", reporter_role="Class teacher", categories=[Category.NEGLECT],
        severity=Severity.LOW, what_happened=B_CONCERN, dsl_decision=DslDecision.MONITOR,
        decision_reasons="Speak to dad at pick-up.",
    )  # fmt: skip
    scan = tmp_path / "concern form scan.pdf"
    scan.write_bytes(pdf_with(f"Handwritten concern form (fictional). {SCAN_MARKER}"))
    app = _unlock(qtbot, make_app, vault)
    started = time.perf_counter()

    # record the concern from the paper form: body map with one mark, the scan as the original
    dialog = open_concern_dialog(app)
    choose_child(dialog, "Marigold Testsibling")
    tick_category(dialog, "Physical abuse")
    qtbot.keyClicks(dialog.where, "Year 5 changing room")
    qtbot.keyClicks(dialog.facts, A_FACTS)
    qtbot.keyClicks(dialog.words.edit, A_WORDS)
    qtbot.mouseClick(dialog.body_map_toggle, Qt.MouseButton.LeftButton)
    canvas = dialog.body_map.canvas
    dialog.form_scroll.ensureWidgetVisible(canvas)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=canvas.point_for(BodyView.BACK, 0.21, 0.33).toPoint())
    [row] = dialog.body_map.rows
    row.mark_type.setCurrentIndex(row.mark_type.findData("bruise"))
    row.size_cm.setValue(1.5)
    qtbot.keyClicks(row.colour, "blue-purple")
    qtbot.keyClicks(row.shape, "four ovals in a line")
    qtbot.keyClicks(row.explanation, "He squeezed my arm")
    dialog.set_original(scan)
    dialog.decision.setCurrentIndex(dialog.decision.findData("consultation"))
    qtbot.keyClicks(dialog.reasons, "Marks and disclosure: consulted the Front Door.")
    dialog.significant.setChecked(True)
    _shot(qtbot, dialog, "journey-concern-dialog.png")
    dialog.save()
    assert dialog.error.text() == ""
    qtbot.waitUntil(lambda: dialog not in app.dialogs, timeout=5000)
    live: RecordStore = app.session.require_store()
    [concern] = live.for_child(sister.id, Concern)
    assert [m.number for m in concern.body_marks] == [1]
    qtbot.waitUntil(lambda: len(live.for_child(sister.id, Attachment)) == 1)
    [original] = live.for_child(sister.id, Attachment)
    assert original.original_of and original.attached_to == concern.id

    # link the concern to her brother, with an extract for his file
    page = _go(app, sister, "concerns")
    assert isinstance(page.concerns.current(), Concern)
    page.concerns.link_child()
    link = page.concerns.dialog
    assert isinstance(link, LinkChildDialog)
    link.child.setCurrentIndex(link.child.findData(str(brother.id)))
    link.relationship.setCurrentIndex(link.relationship.findData("sibling"))
    link.extract.setPlainText(EXTRACT)
    _shot(qtbot, link, "journey-link-child.png")
    link.save()
    assert link.error.text() == ""
    [saved_link] = live.for_child(brother.id, ChildLink)
    assert saved_link.concern_id == concern.id

    # one household for the two of them; the card shows the family with each child's status
    page = _go(app, sister, "overview")
    page.household.choose_child()
    join = page.household.dialog
    assert isinstance(join, JoinHouseholdDialog)
    join.other.setCurrentIndex(join.other.findData(str(brother.id)))
    join.save()
    assert join.error.text() == ""
    qtbot.waitUntil(lambda: "Oskar Testsibling" in _labels(page.household), timeout=5000)
    texts = _labels(page.household)
    assert "Marigold Testsibling" in texts and "Oskar Testsibling" in texts
    assert ChildStatus.EARLY_HELP.label in texts and ChildStatus.UNIVERSAL.label in texts, texts  # each one's status
    assert any(t.startswith("1 concern in the last 90 days:") and "Neglect" in t for t in texts)
    if SHOTS:
        page.resize(1280, 1500)
        page.show()
    _shot(qtbot, page.household, "journey-household-card.png")
    minutes = (time.perf_counter() - started) / 60
    print(f"\nrecord, link and household (driven, no typing delay): {minutes:.2f} min")

    # tick the scan for the referral pack, then export the sister's pack
    page = _go(app, sister, "attachments")
    tab = page.attachments
    listing = tab.listing
    rows = [listing.proxy.index(r, 0).data(OBJECT_ROLE) for r in range(listing.proxy.rowCount())]
    listing.table.selectRow(next(n for n, item in enumerate(rows) if isinstance(item, Attachment)))
    tab.referral_tick.click()
    qtbot.waitUntil(lambda: live.get_as(Attachment, original.id).in_referral_pack, timeout=5000)
    sister_pages = _export_pack(qtbot, _go(app, sister, "chronology"), tmp_path / "sister-pack.pdf")
    sister_text = "\n".join(sister_pages)
    assert "blue-purple" in sister_text and "He squeezed my arm" in sister_text  # the body-map description
    assert SCAN_MARKER in sister_text  # the attachment's pages
    for leak in ("Oskar", B_UPN, B_CONCERN[:30], "packed lunch"):
        assert leak not in sister_text, leak

    # his pack has the extract and nothing of hers
    brother_pages = _export_pack(qtbot, _go(app, brother, "chronology"), tmp_path / "brother-pack.pdf")
    brother_text = " ".join(" ".join(brother_pages).split())
    assert "check in with him today" in brother_text
    for leak in ("Marigold", A_UPN, "Fingertip", "Fictionman", "blue-purple", SCAN_MARKER):
        assert leak not in brother_text, leak
    if SHOTS:
        (Path(SHOTS) / "journey-sister-pack.pdf").write_bytes((tmp_path / "sister-pack.pdf").read_bytes())
        (Path(SHOTS) / "journey-brother-pack.pdf").write_bytes((tmp_path / "brother-pack.pdf").read_bytes())


STAFF_MARKER = "Quillwort staff account 3390"


def test_a_teaching_assistant_reports_with_a_body_map_and_the_dsl_takes_it_in(  # type: ignore[no-untyped-def]
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore, tmp_path: Path
) -> None:
    # the DSL: a team of one with a reporting key, and the staff configuration IT deploys
    child = store.add(Child(legal_forename="Tansy", legal_surname="Testreport", dob=date(2017, 6, 21),
                            year_group="Year 4"))  # fmt: skip
    team.create_team(store, tmp_path / "team folder")
    staff_reports.create_reporting_key(store)
    config_file = tmp_path / "STAFF.json"
    config_file.write_text(json.dumps(staff_reports.staff_config(store).model_dump(mode="json")))
    vault.lock()

    # a teaching assistant opens staff mode on a staff-room computer and reports, with one mark on the body map
    mode = StaffMode(read_config(config_file), home=tmp_path / "staff computer")
    window = StaffReportWindow(mode)
    qtbot.addWidget(window)
    window.resize(900, 1000)
    with qtbot.waitActive(window):
        window.show()
    started = time.perf_counter()
    qtbot.keyClicks(window.reporter_name, "Mr Tom Testassistant")
    qtbot.keyClicks(window.reporter_role, "Teaching assistant")
    qtbot.keyClicks(window.child_name, "Tansy Testreport")
    qtbot.keyClicks(window.year_group, "Year 4")
    qtbot.keyClicks(window.where, "Year 4 cloakroom")
    qtbot.keyClicks(window.what, f"A round red mark on her left cheek, about 2 cm. {STAFF_MARKER}")
    qtbot.keyClicks(window.words, "The door hit me.")
    canvas = window.body_map.canvas
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=canvas.point_for(BodyView.FRONT, 0.56, 0.08).toPoint())
    [mark] = window.body_map.rows
    mark.mark_type.setCurrentIndex(mark.mark_type.findData("other"))
    mark.size_cm.setValue(2.0)
    qtbot.keyClicks(mark.colour, "red")
    qtbot.keyClicks(mark.explanation, "The door hit me")
    qtbot.keyClicks(window.did, "Listened, wrote it down, came to the office.")
    if SHOTS:
        window.resize(900, 1900)  # the whole form, body map included, in one picture
    _shot(qtbot, window, "journey-staff-mode.png")
    window.resize(900, 1000)
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    seconds = time.perf_counter() - started
    print(f"\nstaff side, start to receipt (driven, no typing delay): {seconds:.2f} s")
    assert not window.problem.isVisible(), window.problem.text()
    code = window.last_receipt
    assert code and code in window.outcome.message.text()
    _shot(qtbot, window, "journey-staff-mode-sent.png")
    qtbot.wait(50)  # let the staff window settle, or it takes focus back from the DSL's window opening next

    # the DSL's app merges; Today shows the concern from staff first
    app = _unlock_only(qtbot, make_app, vault)
    team_ops.merge_now(app.session)
    today = app.workspace.today
    qtbot.waitUntil(lambda: today.sections[STAFF_SECTION].list.count() == 1, timeout=5000)
    assert today.first_list() is today.sections[STAFF_SECTION].list
    assert today.staff_alert.isVisibleTo(today)
    _shot(qtbot, today, "journey-today-staff.png")

    # the DSL opens it, matches it to the child and records the concern
    section = today.sections[STAFF_SECTION]
    section.list.itemClicked.emit(section.list.item(0))
    (dialog,) = [d for d in app.dialogs if isinstance(d, StaffReportDialog)]
    assert dialog.child.currentData() == str(child.id)
    # the account shows where the mark is and what it looks like, not only how many there are
    assert "1 (front): other mark, 2 cm, red. Child said: “The door hit me”" in visible_text(dialog)
    dialog.category.setCurrentIndex(dialog.category.findData("physical_abuse"))
    dialog.decision.setPlainText("Spoke with Tansy and her class teacher; explanation consistent; monitor.")
    dialog.dsl_decision.setCurrentIndex(dialog.dsl_decision.findData("monitor"))
    _shot(qtbot, dialog, "journey-staff-triage.png")
    dialog.save()
    assert not dialog.isVisible()
    live: RecordStore = app.session.require_store()
    [concern] = live.for_child(child.id, Concern)
    assert STAFF_MARKER in concern.what_happened
    assert [(m.number, m.view, m.mark_type, m.colour, m.child_explanation) for m in concern.body_marks] == [
        (1, BodyView.FRONT, MarkType.OTHER, "red", "The door hit me")
    ]

    # staff mode, at its next look at the folder, says when the team received it (nothing else comes back)
    window.show()
    window.check_outbox()
    line = window.receipts.item(0).text()
    assert line.startswith(code) and "received by the safeguarding team at" in line
    _shot(qtbot, window, "journey-staff-mode-received.png")
