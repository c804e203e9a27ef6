"""Amending keeps the original; copied case text is cleared; unfinished concerns come back as drafts."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot
from ui_helpers import choose_child, open_concern_dialog, tick_category, workspace

from dslapp.guidance import neglect
from dslapp.models import Category, Child, Concern, DslDecision, Referral, ReferralOutcome, ReferralStatus
from dslapp.models.base import local_now
from dslapp.models.referral import ParentConsent
from dslapp.services import drafts
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault
from ui import strings
from ui.dialogs.amend_concern import AmendConcernDialog
from ui.dialogs.record_concern import RecordConcernDialog
from ui.windows.unlock import UnlockPage
from ui.windows.workspace import Location

PASSPHRASE = "correct horse battery staple (fictional)"
ORIGINAL = "Bruise about 2 cm on the left forearm, noticed during PE."


def _seed(store: RecordStore) -> tuple[Child, Concern]:
    child = store.add(Child(legal_forename="Tomasz", legal_surname="Fictionson", dob=date(2015, 9, 1)))
    concern = store.add(
        Concern(
            child_id=child.id,
            observed_at=local_now() - timedelta(minutes=45),
            reporter_name="Mr P. E. Teacher",
            categories=[Category.PHYSICAL],
            what_happened=ORIGINAL,
            child_words="I fell off my bike.",
        )
    )
    return child, concern


def _unlock(qtbot: QtBot, app) -> None:  # type: ignore[no-untyped-def]
    page = app.window.screen_widget
    assert isinstance(page, UnlockPage)
    qtbot.keyClicks(page.passphrase, PASSPHRASE)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)


def test_amend_shows_the_original_needs_a_reason_and_keeps_both(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore
) -> None:  # type: ignore[no-untyped-def]
    child, concern = _seed(store)
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    _unlock(qtbot, app)
    ws = workspace(app)
    ws.go(Location("child", str(child.id), "concerns"))
    page = ws.child_page
    assert page is not None
    assert page.concerns.current().id == concern.id
    qtbot.mouseClick(page.concerns.amend_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in app.dialogs if isinstance(d, AmendConcernDialog))
    assert ORIGINAL in dialog.original.toPlainText()  # the record as it stands, beside the edit
    dialog.facts.setPlainText(ORIGINAL.replace("2 cm", "3 cm"))
    dialog.save()
    assert dialog.error.text() == strings.AMEND_NEED_REASON  # no reason, no amendment
    qtbot.keyClicks(dialog.reason, "Measured again with the school nurse: 3 cm.")
    dialog.save()
    assert dialog not in app.dialogs

    # the page refreshed from the Changes; the record shows the amendment and the earlier text
    assert page.opened is not None
    amended = page.opened.file.concerns[0]
    assert "3 cm" in amended.what_happened and amended.version == 2
    reading = page.concerns.listing.reader.toPlainText()
    assert "Amended 1 time(s)" in reading
    assert ORIGINAL in reading
    assert "Measured again with the school nurse" in reading
    history = [page._history_text(h) for h in page.opened.history]
    assert "Amended a record of concern" in history

    app.lock()
    reopened = Vault.open(vault.directory, PASSPHRASE)
    try:
        kept = RecordStore(reopened).amendments(concern.id)
        assert [a.previous["what_happened"] for a in kept] == [ORIGINAL]
        assert kept[0].reason == "Measured again with the school nurse: 3 cm."
    finally:
        reopened.lock()


def test_copied_case_text_is_cleared_by_the_timer_and_on_lock(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore
) -> None:  # type: ignore[no-untyped-def]
    child, _concern = _seed(store)
    vault.lock()
    harness = make_app(real_dir=vault.directory)
    app = harness.app
    app.start()
    _unlock(qtbot, app)
    ws = workspace(app)
    ws.go(Location("child", str(child.id), "concerns"))
    clipboard = QGuiApplication.clipboard()
    qtbot.mouseClick(ws.child_page.concerns.copy_button, Qt.MouseButton.LeftButton)
    assert ORIGINAL in clipboard.text()
    timer = harness.timers.made[-1]
    assert timer.seconds == 30
    timer.fire()
    assert clipboard.text() == ""

    # text the user copied from elsewhere afterwards is left alone
    qtbot.mouseClick(ws.child_page.concerns.copy_button, Qt.MouseButton.LeftButton)
    clipboard.setText("the dinner menu")
    harness.timers.made[-1].fire()
    assert clipboard.text() == "the dinner menu"

    # locking clears it at once
    qtbot.mouseClick(ws.child_page.concerns.copy_button, Qt.MouseButton.LeftButton)
    app.lock()
    assert clipboard.text() == ""


def test_closing_mid_draft_then_reopening_offers_the_draft(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore
) -> None:  # type: ignore[no-untyped-def]
    child, _concern = _seed(store)
    vault.lock()
    first = make_app(real_dir=vault.directory).app
    first.start()
    _unlock(qtbot, first)
    dialog = open_concern_dialog(first)
    choose_child(dialog, "Tomasz Fictionson")
    tick_category(dialog, "Neglect")
    qtbot.keyClicks(dialog.facts, "Came in hungry again; no packed lunch.")
    qtbot.keyClicks(dialog.words.edit, "There's no food at home.")
    dialog.autosave_now()  # what the timer does every few seconds
    assert "Draft saved" in dialog.draft_label.text()
    qtbot.keyClicks(dialog.immediate, " Gave toast at break.")  # typed after the last autosave
    first.quit()  # closing the app: the draft is kept (encrypted) and the vault locked
    assert first.is_locked

    second = make_app(real_dir=vault.directory).app
    second.start()
    _unlock(qtbot, second)
    ws = workspace(second)
    assert ws.draft_banner.isVisible()
    assert "unfinished record of concern about Tomasz Fictionson" in ws.draft_banner.message.text()
    continue_button = ws.draft_banner.buttons.itemAt(0).widget()
    qtbot.mouseClick(continue_button, Qt.MouseButton.LeftButton)
    reopened = next(d for d in second.dialogs if isinstance(d, RecordConcernDialog))
    assert reopened.facts.toPlainText() == "Came in hungry again; no packed lunch."
    assert reopened.words.edit.toPlainText() == "There's no food at home."
    assert reopened.immediate.toPlainText().strip() == "Gave toast at break."
    assert reopened.categories.selected() == ["neglect"]
    assert reopened.child_id() == str(child.id)
    assert not ws.draft_banner.isVisible()

    # finishing it saves the concern and removes the draft
    reopened.decision.setCurrentIndex(reopened.decision.findData("monitor"))
    qtbot.keyClicks(reopened.reasons, "Speak to dad at pick-up.")
    reopened.save()
    assert second.session is not None
    store2 = second.session.require_store()
    assert drafts.list_drafts(store2) == []
    assert len(store2.for_child(child.id, Concern)) == 2


def test_cancel_asks_and_can_keep_the_draft(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    _seed(store)
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    _unlock(qtbot, app)
    dialog = open_concern_dialog(app)
    qtbot.keyClicks(dialog.facts, "Left the site at lunch without permission.")
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(RecordConcernDialog, "ask_keep_draft", lambda self: QMessageBox.StandardButton.Save)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert app._concern_dialogs() == []
    ws = workspace(app)
    assert ws.draft_banner.isVisible()
    # discarding from the banner (after confirming) removes it
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    discard = ws.draft_banner.buttons.itemAt(1).widget()
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    assert not ws.draft_banner.isVisible()


def test_locking_mid_concern_keeps_the_draft_without_asking(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore
) -> None:  # type: ignore[no-untyped-def]
    _seed(store)
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    _unlock(qtbot, app)
    dialog = open_concern_dialog(app)
    qtbot.keyClicks(dialog.facts, "Disclosed something at lunch; see me.")
    app.lock()
    assert app._concern_dialogs() == []
    _unlock(qtbot, app)
    assert workspace(app).draft_banner.isVisible()


def test_saving_needs_reasons_for_every_decision(qtbot: QtBot, make_app, vault: Vault, store: RecordStore) -> None:  # type: ignore[no-untyped-def]
    _seed(store)
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    _unlock(qtbot, app)
    dialog = open_concern_dialog(app)
    dialog.save()
    assert dialog.error.text() == strings.NEED_CHILD
    choose_child(dialog, "Tomasz Fictionson")
    dialog.save()
    assert dialog.error.text() == strings.NEED_CATEGORY
    tick_category(dialog, "Neglect")
    dialog.save()
    assert dialog.error.text() == strings.NEED_FACTS
    qtbot.keyClicks(dialog.facts, "No coat again.")
    dialog.decision.setCurrentIndex(dialog.decision.findData("no_further_action"))
    dialog.save()
    assert dialog.error.text() == strings.NEED_REASONS
    assert dialog.reasons.property("invalid") is True
    # every input says what it is to a screen reader
    unnamed = [
        w.objectName() or type(w).__name__
        for w in dialog.findChildren(QLineEdit) + dialog.findChildren(QPlainTextEdit)
        if not w.accessibleName() and not w.objectName().startswith("qt_") and w.parent() is not dialog.child_combo
    ]
    assert unnamed == []


def _seed_neglect(store: RecordStore) -> tuple[Child, Concern]:
    child = store.add(Child(legal_forename="Tomasz", legal_surname="Fictionson", dob=date(2015, 9, 1)))
    concern = store.add(
        Concern(
            child_id=child.id,
            observed_at=local_now() - timedelta(minutes=45),
            reporter_name="Mrs L. Unchtime",
            categories=[Category.NEGLECT],
            what_happened="Came in without a coat in the rain, third time this week.",
        )
    )
    return child, concern


def _open_amend(qtbot: QtBot, make_app, vault: Vault, child: Child):  # type: ignore[no-untyped-def]
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
    return app, page, dialog


def test_amending_a_neglect_concern_to_monitor_needs_reasons(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore
) -> None:  # type: ignore[no-untyped-def]
    """The amend dialog applies the concern service's neglect rule, not a generic amend that skips it."""
    child, concern = _seed_neglect(store)
    app, _page, dialog = _open_amend(qtbot, make_app, vault, child)
    dialog.decision.setCurrentIndex(dialog.decision.findData("monitor"))
    assert dialog.reasons.toPlainText() == ""
    qtbot.keyClicks(dialog.reason, "DSL decision made after speaking to the class teacher.")
    dialog.save()

    expected = neglect.reasoning_required_message(
        Concern.model_validate({**concern.model_dump(), "dsl_decision": "monitor"})
    )
    assert expected  # the rule applies to this change
    assert dialog.error.text() == expected
    assert "\n" not in dialog.error.text()
    assert dialog in app.dialogs  # still open, with what was typed
    assert dialog.save_button.isEnabled()
    assert app.session is not None
    unchanged = app.session.require_store().get_as(Concern, concern.id)
    assert unchanged.version == 1 and unchanged.dsl_decision == DslDecision.PENDING


def test_amending_a_neglect_concern_to_monitor_with_reasons_is_saved(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore
) -> None:  # type: ignore[no-untyped-def]
    child, concern = _seed_neglect(store)
    app, page, dialog = _open_amend(qtbot, make_app, vault, child)
    dialog.decision.setCurrentIndex(dialog.decision.findData("monitor"))
    qtbot.keyClicks(dialog.reasons, "Coat bought from the school fund; mum says the old one was lost. Check next week.")
    qtbot.keyClicks(dialog.reason, "DSL decision made after speaking to mum.")
    dialog.save()
    assert dialog.error.text() == ""
    assert dialog not in app.dialogs
    assert app.session is not None
    amended = app.session.require_store().get_as(Concern, concern.id)
    assert amended.version == 2 and amended.dsl_decision == DslDecision.MONITOR
    assert amended.decision_reasons.startswith("Coat bought from the school fund")
    assert page.opened is not None and page.opened.file.concerns[0].version == 2


def test_a_concern_records_its_impact_and_the_referral_it_follows_and_the_impact_can_be_added_later(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore
) -> None:  # type: ignore[no-untyped-def]
    """Issue 14, items 6 and 10: the impact on the child is asked for (not required), a new concern can be linked
    to the child's latest referral outcome, and an amendment can add the impact later."""
    child, _ = _seed(store)
    sent = local_now().date() - timedelta(days=10)
    referral = store.add(
        Referral(
            child_id=child.id,
            started_on=sent,
            status=ReferralStatus.OUTCOME,
            sent_on=sent,
            consent=ParentConsent.TOLD_AGREED,
            outcome=ReferralOutcome.NO_FURTHER_ACTION,
            outcome_on=sent + timedelta(days=3),
        )
    )
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    _unlock(qtbot, app)
    dialog = open_concern_dialog(app)
    choose_child(dialog, "Tomasz Fictionson")
    qtbot.waitUntil(lambda: dialog.follows.count() == 2, timeout=3000)
    assert dialog.follows.itemText(1).startswith("Outcome of the MASH enquiry sent")
    assert dialog.impact.placeholderText() == strings.CONCERN_IMPACT_HINT
    tick_category(dialog, "Physical abuse")
    qtbot.keyClicks(dialog.facts, "A second bruise, right forearm.")
    dialog.follows.setCurrentIndex(1)
    dialog.save()
    qtbot.waitUntil(lambda: dialog not in app.dialogs, timeout=3000)
    store = app.session.require_store()
    saved = next(c for c in store.for_child(child.id, Concern) if "second bruise" in c.what_happened)
    assert saved.follows_id == referral.id and saved.impact_on_child == ""

    ws = workspace(app)
    ws.go(Location("child", str(child.id), "concerns"))
    page = ws.child_page
    assert page is not None
    concern = page.concerns.current()
    assert concern is not None
    qtbot.mouseClick(page.concerns.amend_button, Qt.MouseButton.LeftButton)
    amend = next(d for d in app.dialogs if isinstance(d, AmendConcernDialog))
    amend.impact.setPlainText("Would not change for PE; said her arm hurt.")
    qtbot.keyClicks(amend.reason, "Impact seen later the same day.")
    amend.save()
    qtbot.waitUntil(lambda: amend not in app.dialogs, timeout=3000)
    again = store.get_as(Concern, concern.id)
    assert again.impact_on_child == "Would not change for PE; said her arm hurt." and again.version == 2
