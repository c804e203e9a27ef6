"""The Chronology tab: rows in date order, filters, quality hints, manual entries with approximate dates,
re-wording as an amendment, and PDF export (with and without a password) audited. Fictional data only."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import open_record

from dslapp.guidance.chronology_quality import hints_for_rows
from dslapp.models import Category, Child, ChronologyEntry, Concern, Referral, ReferralStatus
from dslapp.services.chronology import KeptRows, build_chronology, chronology_summary, kept_chronology
from dslapp.services.timeline import timeline_from_chronology
from dslapp.store import RecordStore
from dslapp.vault import audit
from dslapp.vault.vault import Vault
from ui import strings
from ui.dialogs.chronology_entry import EntryDialog
from ui.dialogs.export_pdf import ExportPdfDialog
from ui.dialogs.print_chronology import paint_chronology, set_up_printer
from ui.operations import casework
from ui.windows.chronology_tab import WRAP_LIMIT, ChronologyTab


def _seed(store: RecordStore) -> Child:
    child = store.add(Child(legal_forename="Łucja", legal_surname="Fictionska", dob=date(2014, 3, 2)))
    store.add(
        Concern(
            child_id=child.id,
            observed_at=datetime(2024, 11, 5, 9, 0),
            reporter_name="Ms Class Teacher",
            categories=[Category.NEGLECT],
            what_happened="Came in without a coat in the rain; said there was no breakfast at home.",
            immediate_action="Breakfast club and a spare coat.",
            significant=True,
        )
    )
    store.add(
        Concern(
            child_id=child.id,
            observed_at=datetime(2024, 2, 12, 14, 30),
            reporter_name="Mr Lunch Supervisor",
            categories=[Category.EMOTIONAL],
            what_happened="Mum is clearly manipulative at pick-up.",
            significant=True,
        )
    )
    store.add(
        Concern(
            child_id=child.id,
            observed_at=datetime(2024, 6, 3, 10, 0),
            reporter_name="Ms TA",
            categories=[Category.OTHER],
            what_happened="Lost a reading book.",
            significant=False,
        )
    )
    return child


def _open_tab(qtbot: QtBot, make_app, vault: Vault, store: RecordStore):  # type: ignore[no-untyped-def]
    child = _seed(store)
    app, record = open_record(qtbot, make_app, vault, child, "chronology")
    assert record.current_tab() == "chronology"
    tab = record.chronology
    assert isinstance(tab, ChronologyTab)
    return app, child, tab


def _events(tab: ChronologyTab) -> list[str]:
    return [row.event for row in tab.model.rows]


def _audit(app) -> list[audit.AuditEvent]:  # type: ignore[no-untyped-def]
    return audit.events(app.session.require_store().vault.db)


def test_rows_in_date_order_filters_and_hints(qtbot: QtBot, make_app, vault: Vault, store: RecordStore) -> None:  # type: ignore[no-untyped-def]
    app, _child, tab = _open_tab(qtbot, make_app, vault, store)
    rows = tab.model.rows
    assert [r.sort_date for r in rows] == [date(2024, 2, 12), date(2024, 11, 5)]  # significant only, oldest first
    assert tab.timeline.timeline.events and len(tab.timeline.timeline.events) == 2

    # the judgemental wording gets a gentle hint (icon + tooltip), the other row does not mention opinion
    manipulative = rows[0]
    hints = tab.model.hints[manipulative.key]
    assert any(h.code == "opinion" and h.word.lower() == "clearly" for h in hints)
    tip = tab.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "opinion" in tip and tab.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert not any(h.code == "opinion" for h in tab.model.hints.get(rows[1].key, []))
    tab.table.selectRow(0)
    assert "may read as opinion" in tab.entry_view.toPlainText()

    # filters: category, then everything (not only significant)
    tab.category.setCurrentIndex(tab.category.findData(Category.NEGLECT.value))
    assert _events(tab) == [rows[1].event]
    tab.clear_filters()
    tab.significant.setChecked(False)
    assert len(tab.model.rows) == 3 and tab.model.rows[1].event == "Lost a reading book."
    tab.significant.setChecked(True)
    tab.source.setText("lunch")
    tab.source.editingFinished.emit()
    assert _events(tab) == [manipulative.event]
    tab.clear_filters()

    # the summary counts by category per quarter
    assert tab.summary.rowCount() == 2
    labels = {tab.summary.verticalHeaderItem(r).text() for r in range(tab.summary.rowCount())}
    assert labels == {Category.NEGLECT.label, Category.EMOTIONAL.label}

    # clicking an event on the timeline selects its row
    tab.select_record(rows[1].record_id)
    assert tab.current() == rows[1]
    app.lock()


def test_manual_approximate_entry_sorts_and_editing_keeps_the_original(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore
) -> None:  # type: ignore[no-untyped-def]
    app, child, tab = _open_tab(qtbot, make_app, vault, store)
    dialog = tab.add_entry()
    assert isinstance(dialog, EntryDialog)
    dialog.approximate.setChecked(True)
    qtbot.keyClicks(dialog.period, "Spring 2019")
    qtbot.keyClicks(dialog.event_box, "Previous school reported concerns about attendance.")
    dialog.source.setText("Previous school (DSL)")
    dialog.save()
    assert dialog.error.text() == "", dialog.error.text()
    page = app.workspace.child_page
    tab = page.chronology
    assert tab.model.rows[0].when == "Spring 2019" and tab.model.rows[0].approximate
    assert [r.sort_date for r in tab.model.rows] == sorted(r.sort_date for r in tab.model.rows)

    # a bad period is refused with a clear message, nothing saved
    bad = tab.add_entry()
    assert bad is not None
    bad.approximate.setChecked(True)
    bad.period.setText("last spring")
    bad.event_box.setPlainText("Something")
    bad.save()
    assert bad.error.text() == strings.CHRONO_NEED_PERIOD
    bad.reject()

    # editing the manual entry is an amendment: a reason is required and the original is kept
    tab.table.selectRow(0)
    tab._details.clear()  # the side panel's read not come yet: the form reads the entry first
    edit = tab.edit_current()
    assert isinstance(edit, EntryDialog) and edit.mode == "amend"
    assert edit.reason.isVisibleTo(edit)
    edit.event_box.setPlainText("Previous school reported persistent absence (attendance 82%).")
    edit.save()
    assert edit.error.text() == strings.AMEND_NEED_REASON
    edit.reason.setPlainText("Added the attendance figure from the transfer file.")
    edit.save()
    tab = app.workspace.child_page.chronology
    assert tab.model.rows[0].event.startswith("Previous school reported persistent absence")
    entry_id = tab.model.rows[0].entry_id
    store_now = app.session.require_store()
    amendments = store_now.amendments(entry_id)
    assert len(amendments) == 1
    assert "Previous school reported concerns about attendance." in str(amendments[0])
    assert store_now.get_as(ChronologyEntry, entry_id).version == 2

    # a row built from a concern gets the DSL's own wording as a linked entry (the concern is untouched)
    built = next(i for i, r in enumerate(tab.model.rows) if r.kind == "concern" and "manipulative" in r.event)
    tab.table.selectRow(built)
    curate = tab.edit_current()
    assert curate is not None and curate.mode == "curate" and not curate.reason.isVisibleTo(curate)
    curate.event_box.setPlainText("At pick-up, mum shouted at Łucja and pulled her arm (seen by Mr Lunch Supervisor).")
    curate.impact.setPlainText("Łucja was tearful for the first lesson.")
    curate.save()
    tab = app.workspace.child_page.chronology
    row = next(r for r in tab.model.rows if r.kind == "concern" and r.entry_id)
    assert row.event.startswith("At pick-up") and row.impact
    concern = next(c for c in store_now.for_child(child.id, Concern) if "manipulative" in c.what_happened)
    assert concern.version == 1

    # locking closes an open entry form (no case text left on screen)
    left_open = tab.add_entry()
    assert left_open is not None and left_open.isVisible()
    app.lock()
    assert not shiboken6.isValid(left_open) or not left_open.isVisible()


def test_export_pdf_with_and_without_password_and_audit(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app, child, tab = _open_tab(qtbot, make_app, vault, store)
    dialog = tab.export_pdf()
    assert isinstance(dialog, ExportPdfDialog)
    assert dialog.warning.text() == strings.EXPORT_UNENCRYPTED  # no password yet: the plain warning
    assert "NOT encrypted" in dialog.warning.text() and dialog.warning.isVisibleTo(dialog)
    out = tmp_path / "out" / "chronology.pdf"
    out.parent.mkdir()
    dialog.path.setText(str(out))
    dialog.start()
    assert dialog.result_info is not None, dialog.error.text()
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "OFFICIAL-SENSITIVE" in text and "Fictionska" in text, text
    assert "manipulative at pick-up" in text and "spare coat" in text
    assert not reader.is_encrypted
    assert dialog.message_box is not None and str(out) in dialog.message_box.text()
    dialog.message_box.close()

    # a short password is refused; mismatched confirmation too; then an encrypted file
    locked = tab.export_pdf()
    assert locked is not None
    secret = tmp_path / "out" / "secret.pdf"
    locked.path.setText(str(secret))
    locked.password.setText("short")
    locked.confirm.setText("short")
    locked.start()
    assert "at least 8" in locked.error.text() and not secret.exists()
    locked.password.setText("fictional-pass-1")
    assert locked.warning.text() == strings.EXPORT_ENCRYPTED
    locked.confirm.setText("fictional-pass-2")
    locked.start()
    assert locked.error.text() == strings.EXPORT_PASSWORD_MISMATCH
    locked.confirm.setText("fictional-pass-1")
    locked.start()
    assert locked.result_info is not None and locked.result_info.encrypted
    encrypted = PdfReader(io.BytesIO(secret.read_bytes()))
    assert encrypted.is_encrypted
    assert encrypted.decrypt("fictional-pass-1") != 0
    assert "OFFICIAL-SENSITIVE" in encrypted.pages[0].extract_text()
    assert locked.message_box is not None
    locked.message_box.close()

    # Cancel in the progress dialog stops the export: nothing written, nothing audited
    cancelled = tab.export_pdf()
    assert cancelled is not None
    never = tmp_path / "out" / "never.pdf"
    cancelled.path.setText(str(never))
    start = cancelled.exporter

    def cancel_then_start(*args):  # type: ignore[no-untyped-def]
        args[3].cancel()  # as the progress dialog's Cancel button does
        start(*args)

    cancelled.exporter = cancel_then_start
    cancelled.start()
    assert cancelled.error.text() == strings.EXPORT_CANCELLED and not never.exists()
    assert cancelled.export_button.isEnabled()
    cancelled.reject()

    exports = [e for e in _audit(app) if e.action == "export" and e.object == str(child.id)]
    assert len(exports) == 2
    assert "not password-protected" in exports[0].detail and "password-protected" in exports[1].detail

    # the export menu in the header: no MASH enquiry for this child, so that item is disabled
    button = tab.export_menu_button
    assert button.isVisibleTo(app.window) and not button.mash_action.isEnabled()
    button.pack_action.trigger()  # the button asks; the tab opens the export
    pack = tab.dialogs[-1]
    assert isinstance(pack, ExportPdfDialog) and pack.windowTitle() == strings.CASE_EXPORT_PACK_TITLE
    pack.reject()
    app.lock()


def test_print_lays_out_pages_with_marking_and_audits(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app, child, tab = _open_tab(qtbot, make_app, vault, store)
    assert tab.view is not None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    set_up_printer(printer)
    out = tmp_path / "printed.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    pages = paint_chronology(printer, tab.view.chronology, "Mrs Jo Testdsl", datetime(2026, 11, 23, 10, 0))
    assert pages >= 1
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(out)).pages).split())  # Qt writes tabs
    assert text.count("OFFICIAL-SENSITIVE") >= 2 and "Page 1 of" in text and "Łucja" in text
    assert "02/03/2014" in text  # the child's DOB in the header

    preview = tab.print_preview()
    assert preview is not None
    QApplication.processEvents()
    preview.accept()  # what printing from the preview does
    prints = [e for e in _audit(app) if e.action == "print" and e.object == str(child.id)]
    assert len(prints) == 1 and "2 entries" in prints[0].detail
    app.lock()


def _hungry_every_day(store: RecordStore, days: int) -> Child:
    """A fictional child with a significant neglect concern on each of ``days`` days (a chronology of many pages)."""
    child = store.add(Child(legal_forename="Łucja", legal_surname="Fictionska", dob=date(2014, 3, 2)))
    store.add_many(
        [
            Concern(
                child_id=child.id, observed_at=datetime(2023, 1, 1, 9, 0) + timedelta(days=n),
                reporter_name="Ms Class Teacher", categories=[Category.NEGLECT],
                what_happened=f"Came in hungry (day {n}).", significant=True,
            )
            for n in range(days)
        ]
    )  # fmt: skip
    return child


def test_the_chronology_is_built_when_its_tab_is_seen_and_rows_come_a_page_at_a_time(
    qtbot: QtBot,
    make_app,  # type: ignore[no-untyped-def]
    vault: Vault,
    store: RecordStore,
) -> None:
    from ui.models.chronology import PAGE

    child = _hungry_every_day(store, PAGE + 50)
    _app, record = open_record(qtbot, make_app, vault, child, "overview")
    assert record.opened is None  # the Overview painted from the front sheet, without the concerns
    assert record.front.counts.concerns == PAGE + 50
    assert record.tabs.tabText(1).endswith(f"({PAGE + 50})")  # the Concerns tab's count, from a count query
    tab = record.chronology
    assert tab.model.rows == []  # the Overview painted without building the chronology

    record.set_tab("chronology")
    qtbot.waitUntil(lambda: len(tab.model.rows) == PAGE + 50)
    assert tab.model.rowCount() == PAGE  # a page handed to the view; the rest when it scrolls
    assert tab.model.canFetchMore()
    tab.model.fetchMore()
    assert tab.model.rowCount() == PAGE + 50 and not tab.model.canFetchMore()


def test_a_kept_chronology_is_shown_making_only_the_rows_on_screen(
    qtbot: QtBot,
    make_app,  # type: ignore[no-untyped-def]
    vault: Vault,
    store: RecordStore,
) -> None:
    """Read as kept, the tab's rows are made as the table asks for them: the count, the hints, the timeline and the
    row found again after a reload come from the kept columns; the summary is made when its pane is seen."""
    from ui.models.chronology import PAGE

    count = WRAP_LIMIT + 50  # beyond the rows sized to their text: one line each, as a heavy child's are
    child = _hungry_every_day(store, count)
    built = build_chronology(store, child.id)
    assert kept_chronology(store, child.id).read == "built"  # kept, as an earlier opening keeps it
    app, record = open_record(qtbot, make_app, vault, child, "chronology")
    tab = record.chronology
    qtbot.waitUntil(lambda: len(tab.model.rows) == count and not app.runner.busy)
    rows = tab.model.rows
    assert isinstance(rows, KeptRows)
    assert 0 < rows.made < 60  # a screenful of the first page, not the 450 rows
    hinted = hints_for_rows(built.rows)
    assert tab.model.hints == hinted and len(hinted) > 0
    assert tab.count_label.text() == strings.CHRONO_COUNT.format(count=count, hints=len(hinted))
    assert tab.timeline.timeline.events == timeline_from_chronology(built).events
    assert tab.view is not None and "summary" not in vars(tab.view)  # made only when the pane is seen
    tab.side.setCurrentIndex(1)
    assert vars(tab.view)["summary"] == chronology_summary(built)
    assert tab.summary.rowCount() == 1

    tab.table.selectRow(PAGE - 3)
    chosen = tab.current()
    tab.reload()  # as after a save: the selected row stays selected
    qtbot.waitUntil(lambda: tab.model.rows is not rows and not app.runner.busy)
    assert tab.current() == chosen == built.rows[PAGE - 3]
    assert list(tab.model.rows) == list(built.rows)


def test_the_tab_reads_no_whole_file_and_its_panel_reads_the_row_with_its_links_and_amendments(
    qtbot: QtBot,
    make_app,  # type: ignore[no-untyped-def]
    vault: Vault,
    store: RecordStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    child = _seed(store)
    concern = next(c for c in store.for_child(child.id, Concern) if "manipulative" in c.what_happened)
    store.add(
        Referral(
            child_id=child.id, started_on=date(2024, 2, 14), status=ReferralStatus.SENT, sent_on=date(2024, 2, 14),
            reference="MASH-FICTION-1", concern_ids=[concern.id],
        )
    )  # fmt: skip
    store.amend(concern.id, {"where": "At the school gate"}, "Added where it happened")
    whole_reads: list[str] = []
    read_whole = casework.open_child
    monkeypatch.setattr(casework, "open_child", lambda *a, **k: (whole_reads.append(str(a[1])), read_whole(*a, **k))[1])
    app, record = open_record(qtbot, make_app, vault, child, "overview")
    jobs: list[str] = []
    submit = app.runner.submit
    monkeypatch.setattr(app.runner, "submit", lambda *a, **k: (jobs.append("job"), submit(*a, **k))[1])

    record.set_tab("chronology")
    tab = record.chronology
    qtbot.waitUntil(lambda: bool(tab.model.rows) and not app.runner.busy)
    assert whole_reads == [] and record.opened is None  # the child's whole file is not read
    assert len(jobs) == 1  # the chronology with the first row's records for the side panel: the tab paints once
    assert tab.current() == tab.model.rows[0] and tab.model.rows[0].record_id == str(concern.id)
    shown = tab.entry_view.toPlainText()
    assert "may read as opinion" in shown  # the row's hints
    assert "Led to: MASH enquiry sent 14/02/2024." in shown  # its link, found without the whole file
    assert strings.AMENDED_NOTE.format(count=1) in shown and "At the school gate" in shown  # and its amendment
    assert tab._summary is None  # the summary beside it is built when first seen
    tab.side.setCurrentIndex(1)
    assert tab._summary is not None and tab._summary.rowCount() == 2  # neglect, emotional abuse

    # another row: its own record, read in one small job
    jobs.clear()
    tab.table.selectRow(next(n for n, row in enumerate(tab.model.rows) if "coat" in row.event))
    qtbot.waitUntil(lambda: "spare coat" in tab.entry_view.toPlainText())
    assert len(jobs) == 1 and "Led to" not in tab.entry_view.toPlainText()
    tab.table.selectRow(0)  # read already: shown at once, no job
    assert len(jobs) == 1 and "At the school gate" in tab.entry_view.toPlainText()

    # a change to the child's records: the chronology and the panel read again, still not the whole file
    failed: list[object] = []
    casework.amend_concern(
        app.session, str(concern.id), "Named the room", {"where": "In the hall"}, lambda _s: None, failed.append
    )
    qtbot.waitUntil(lambda: "In the hall" in tab.entry_view.toPlainText() and not app.runner.busy)
    assert not failed and whole_reads == [] and record.opened is None
    assert strings.AMENDED_NOTE.format(count=2) in tab.entry_view.toPlainText()

    # the row selected stays selected after a change, its records read with the rows
    coat = next(n for n, row in enumerate(tab.model.rows) if "coat" in row.event)
    tab.table.selectRow(coat)
    qtbot.waitUntil(lambda: "spare coat" in tab.entry_view.toPlainText() and not app.runner.busy)
    jobs.clear()
    tab._details.clear()
    tab.reload()
    qtbot.waitUntil(lambda: not app.runner.busy)
    assert len(jobs) == 1 and tab.current() == tab.model.rows[coat]
    assert "spare coat" in tab.entry_view.toPlainText() and "At the school gate" not in tab.entry_view.toPlainText()
    app.lock()


def test_keyboard_end_reaches_the_last_row_while_rows_come_a_page_at_a_time(
    qtbot: QtBot,
    make_app,  # type: ignore[no-untyped-def]
    vault: Vault,
    store: RecordStore,
) -> None:
    from ui.models.chronology import PAGE

    child = _hungry_every_day(store, PAGE * 2 + 30)
    app, record = open_record(qtbot, make_app, vault, child, "chronology")
    tab = record.chronology
    qtbot.waitUntil(lambda: len(tab.model.rows) == PAGE * 2 + 30 and not app.runner.busy)
    assert tab.model.rowCount() == PAGE  # one page handed to the view
    hinted = sum(1 for row in tab.model.rows if tab.model.hints.get(row.key))
    assert tab.count_label.text() == strings.CHRONO_COUNT.format(count=PAGE * 2 + 30, hints=hinted)  # every row
    tab.table.setFocus()
    tab.table.selectRow(PAGE - 1)  # the last row handed to the view: Down goes on to the next page
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    assert tab.table.currentIndex().row() == PAGE and tab.model.rowCount() > PAGE
    qtbot.keyClick(tab.table, Qt.Key.Key_End)
    last = PAGE * 2 + 29
    assert tab.table.currentIndex().row() == last and tab.model.rowCount() == PAGE * 2 + 30
    qtbot.waitUntil(lambda: f"(day {last})" in tab.entry_view.toPlainText())
    qtbot.keyClick(tab.table, Qt.Key.Key_Home)
    assert tab.table.currentIndex().row() == 0
    qtbot.keyClick(tab.table, Qt.Key.Key_PageDown)
    assert tab.table.currentIndex().row() > 0
    app.lock()
