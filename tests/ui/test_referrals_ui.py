"""The Referrals tab and the MASH enquiry editor on a real vault: start an enquiry pre-filled from the file,
jump from a gap to its question, autosave and reopen, mark as sent (refused without a consent reason),
record an outcome and disagree with it (an escalation), and export a DRAFT PDF. Fictional data only."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot
from ui_helpers import open_referrals_tab

from dslapp.models import Category, Child, Escalation, Referral, ReferralStatus
from dslapp.services import concerns, mash
from dslapp.store import RecordStore
from ui.dialogs.export_pdf import ExportPdfDialog
from ui.dialogs.mash_editor import MashEditor
from ui.windows.referrals_tab import DisagreeDialog, MarkSentDialog, OutcomeDialog

TODAY = date.today()
REASON = "Telling mum could increase the risk: domestic abuse at home (fictional)."


def _child(store: RecordStore) -> Child:
    child = store.add(Child(legal_forename="Amira", legal_surname="Fictional", dob=date(2015, 5, 4)))
    concerns.record_concern(
        store,
        child_id=child.id,
        observed_at=datetime.combine(TODAY - timedelta(days=2), datetime.min.time()).replace(hour=9),
        categories=[Category.NEGLECT],
        what_happened="Amira arrived without a coat in the rain and said she had not eaten.",
        child_words="There was nothing for breakfast again.",
        reporter_name="Mr Class Teacher",
        reporter_role="Teacher",
    )
    return child


def _store(app) -> RecordStore:  # type: ignore[no-untyped-def]
    return app.session.require_store()


def _referral(app) -> Referral:  # type: ignore[no-untyped-def]
    referrals: list[Referral] = _store(app).for_child(app.workspace.child_page.child_id, Referral)
    assert len(referrals) == 1
    return referrals[0]


def test_start_prefilled_gap_focuses_field_autosave_and_reopen(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    child = _child(store)
    app, tab = open_referrals_tab(qtbot, make_app, vault, child)
    assert tab.start_button.isEnabled() and not tab.sent_button.isEnabled()
    tab.start()
    editor = tab.editor
    assert isinstance(editor, MashEditor) and editor.isVisible()
    name = editor.fields["child_name"]
    assert isinstance(name, QLineEdit) and name.text() == "Amira Fictional"
    assert "nothing for breakfast" in editor.value("child_words")
    # every section and field of the form is there
    assert set(editor.fields) == set(editor.form.keys)
    # the tab lists the new draft with its status chip
    assert tab.current() is not None and tab.chip.text() == "Draft"

    # the completeness panel lists the missing type of request; clicking it focuses that question
    wanted = [item for item in editor.gap_items if item.gap.field == "type_of_request"]
    assert wanted, [item.gap for item in editor.gap_items]
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=2000)
    qtbot.mouseClick(wanted[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.fields["type_of_request"].hasFocus(), timeout=2000)

    # an edit is autosaved (encrypted draft), not yet saved to the record; reopening keeps it
    editor.set_value("type_of_request", "Request for a child in need assessment (section 17)")
    impact = editor.fields["impact_on_child"]
    assert isinstance(impact, QPlainTextEdit)
    impact.setPlainText("Amira is hungry and cold in lessons and cannot concentrate (fictional).")
    editor.autosave_now()
    referral = _referral(app)
    assert "type_of_request" not in referral.form
    pending = mash.pending_edits(_store(app), referral.id)
    assert pending["type_of_request"].startswith("Request for a child in need")
    assert not any(g.field == "type_of_request" for g in editor.gaps)
    editor.close_editor()
    tab.open_current()
    reopened = tab.editor
    assert reopened is not None and reopened is not editor
    assert reopened.value("type_of_request").startswith("Request for a child in need")
    assert "cannot concentrate" in reopened.value("impact_on_child")

    # Save applies the edits as one amendment
    reopened.save()
    saved = _referral(app)
    assert saved.form["type_of_request"].startswith("Request for a child in need")
    assert mash.pending_edits(_store(app), saved.id) == {}


def test_sent_needs_consent_reason_then_outcome_and_disagree(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    child = _child(store)
    referral = mash.start_enquiry(store, child.id).value
    app, tab = open_referrals_tab(qtbot, make_app, vault, child)
    assert tab.current() is not None and tab.sent_button.isEnabled()

    # parents not told and no reason: refused with the consent message
    mash.update_enquiry(_store(app), referral.id, {"consent": "not_told"})
    dialog = tab.mark_sent()
    assert isinstance(dialog, MarkSentDialog)
    dialog.reference.setText("MASH-0001")
    dialog.save_button.click()
    assert "Say why the parents were not told" in dialog.error.text()
    assert "has not been marked as sent" in dialog.error.text()
    assert _referral(app).status == ReferralStatus.DRAFT

    # with the reason it succeeds and records how, when and the reference
    mash.update_enquiry(_store(app), referral.id, {"not_told_reason": REASON})
    dialog = tab.mark_sent()
    assert dialog is not None
    dialog.via.setCurrentIndex(dialog.via.findData("phone"))
    dialog.reference.setText("MASH-0001")
    dialog.save_button.click()
    assert dialog.error.text() == ""
    sent = _referral(app)
    assert sent.status == ReferralStatus.SENT and sent.sent_on == TODAY and sent.reference == "MASH-0001"
    assert sent.sent_via is not None and sent.sent_via.value == "phone"
    assert tab.chip.text() == "Sent" and tab.ack_button.isEnabled() and not tab.sent_button.isEnabled()

    tab.acknowledged().save_button.click()
    assert _referral(app).acknowledged_on == TODAY

    outcome = tab.record_outcome()
    assert isinstance(outcome, OutcomeDialog)
    outcome.outcome.setCurrentIndex(outcome.outcome.findData("no_further_action"))
    outcome.notes.setPlainText("Front Door decided no further action (fictional).")
    outcome.save_button.click()
    done = _referral(app)
    assert done.status == ReferralStatus.OUTCOME and done.outcome is not None
    assert done.outcome.value == "no_further_action" and done.outcome_on == TODAY
    assert tab.listing.model.index(0, 5).data() == "No further action"
    assert tab.disagree_button.isEnabled()

    disagree = tab.disagree()
    assert isinstance(disagree, DisagreeDialog)
    disagree.save_button.click()
    assert "disagree" in disagree.error.text()
    disagree.summary_box.setPlainText("Amira's needs are not being met; we ask for a child in need assessment.")
    disagree.save_button.click()
    assert disagree.error.text() == ""
    escalations: list[Escalation] = _store(app).for_child(child.id, Escalation)
    assert len(escalations) == 1 and "child in need assessment" in escalations[0].summary


def test_export_incomplete_enquiry_is_marked_draft(qtbot: QtBot, make_app, vault, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    child = _child(store)
    mash.start_enquiry(store, child.id)
    _app, tab = open_referrals_tab(qtbot, make_app, vault, child)
    tab.open_current()
    editor = tab.editor
    assert editor is not None and any(g.blocking for g in editor.gaps)
    dialog = editor.export_enquiry()
    assert isinstance(dialog, ExportPdfDialog)
    out = tmp_path / "enquiry.pdf"
    dialog.path.setText(str(out))
    dialog.start()
    assert dialog.result_info is not None, dialog.error.text()
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    pages = [page.extract_text() for page in reader.pages]
    assert all("DRAFT" in text and "OFFICIAL-SENSITIVE" in text for text in pages)
    assert "Amira" in pages[0]
    if dialog.message_box is not None:
        dialog.message_box.close()

    pack = editor.export_pack()
    out_pack = tmp_path / "pack.pdf"
    pack.path.setText(str(out_pack))
    pack.start()
    assert pack.result_info is not None, pack.error.text()
    assert "OFFICIAL-SENSITIVE" in PdfReader(io.BytesIO(out_pack.read_bytes())).pages[0].extract_text()
    if pack.message_box is not None:
        pack.message_box.close()


def test_locking_closes_the_editor(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    child = _child(store)
    mash.start_enquiry(store, child.id)
    app, tab = open_referrals_tab(qtbot, make_app, vault, child)
    tab.open_current()
    editor = tab.editor
    assert editor is not None and editor.isVisible()
    sent = tab.mark_sent()
    assert sent is not None and sent.isVisible()
    app.lock()
    assert not editor.isVisible() and not sent.isVisible()


def test_the_consent_section_records_each_case_apart(qtbot: QtBot, make_app, vault, store) -> None:  # type: ignore[no-untyped-def]
    """Told and refused is its own answer, with its own reason; the "not told" reason cannot be typed for it."""
    child = _child(store)
    app, tab = open_referrals_tab(qtbot, make_app, vault, child)
    tab.start()
    editor = tab.editor
    assert isinstance(editor, MashEditor)
    consent = editor.fields["consent"]
    not_told, without = editor.fields["not_told_reason"], editor.fields["without_consent_reason"]
    assert isinstance(consent, QComboBox) and isinstance(without, QPlainTextEdit)
    consent.setCurrentIndex(consent.findData("told_refused"))
    assert without.isEnabled() and not not_told.isEnabled()
    without.setPlainText("Mum refused; a bruise on a baby's face cannot wait for her agreement (fictional).")
    editor.save()
    saved = _referral(app)
    assert saved.consent is not None and saved.consent.value == "told_refused"
    assert saved.without_consent_reason.startswith("Mum refused") and saved.not_told_reason == ""
    consent.setCurrentIndex(consent.findData("not_told"))
    assert not_told.isEnabled() and not without.isEnabled()
    editor.close_editor()
