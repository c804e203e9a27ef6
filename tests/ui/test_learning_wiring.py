"""The learning pieces wired into a child's record: voice panel, supervision notes, cards after a decision."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot
from ui_helpers import AppHarness, add_child, set_up_casebook, workspace

from dslapp.models import Category, Child, Concern, DslDecision
from dslapp.services import learning, supervision
from dslapp.services.child_voice import VoiceEntry, VoiceSource
from ui import strings
from ui.dialogs.export_pdf import ExportPdfDialog
from ui.operations.learning import ChildVoice
from ui.widgets import learning_card
from ui.widgets.learning_card import LearningCardsDialog
from ui.widgets.voice_panel import LATER_MS, VoicePanel
from ui.windows.workspace import Location


def _child_page(qtbot: QtBot, make_app, forename: str):  # type: ignore[no-untyped-def]
    harness: AppHarness = make_app()
    app = harness.app
    app.start()
    set_up_casebook(qtbot, app)
    add_child(qtbot, app, forename, "Fictional", date(2016, 4, 3))
    space = workspace(app)
    store = space.session.require_store()
    child = store.all_of(Child)[0]
    return app, space, store, child


def _open(space, child: Child, tab: str = "overview"):  # type: ignore[no-untyped-def]
    space.go(Location("child", str(child.id), tab))
    page = space.child_page
    assert page is not None and page.child_id == str(child.id)
    return page


def _no_coat(child: Child) -> Concern:
    """A concern with the child's own words."""
    return Concern(
        child_id=child.id,
        observed_at=datetime(2026, 1, 5, 9, 0),
        reporter_name="Ms Teacher",
        categories=[Category.NEGLECT],
        what_happened="No coat in the snow.",
        child_words="I couldn't find my coat.",
        dsl_decision=DslDecision.MONITOR,
    )


def test_overview_shows_the_childs_words_and_supervision_notes(qtbot: QtBot, make_app) -> None:  # type: ignore[no-untyped-def]
    _app, space, store, child = _child_page(qtbot, make_app, "Ines")
    page = _open(space, child)
    assert page.voice_panel.count == 0
    assert page.supervision_notes.notes == []

    # a concern with the child's own words, recorded through the session so the page hears the change
    concern = _no_coat(child)
    store.add(concern)
    page.load()
    assert page.voice_panel.count == 1
    qtbot.waitUntil(lambda: not page.voice_panel.pending)  # the words laid out after the record's first paint
    assert "I couldn't find my coat." in page.voice_panel.entries.toPlainText()
    assert page.voice_panel.isVisibleTo(page.overview)

    # a supervision session linked to the child appears on the Overview once recorded
    space.session.write(
        lambda s: supervision.record_session(
            s,
            held_on=date(2026, 2, 1),
            supervisor="Mr Fictional Supervisor",
            child_ids=[str(child.id)],
            reflections="Ines's coat: read the neglect concerns together.",
        )
    )
    assert len(page.supervision_notes.notes) == 1
    text = page.supervision_notes.view.toPlainText()
    assert "Mr Fictional Supervisor" in text and "read the neglect concerns together" in text
    assert page.supervision_notes.isVisibleTo(page.overview)


def test_card_after_chronology_export_once_per_child(qtbot: QtBot, make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _app, space, _store, child = _child_page(qtbot, make_app, "Zola")
    page = _open(space, child, "chronology")
    tab = page.chronology
    learning_card.LAST_SHOWN.clear()

    def export(name: str) -> ExportPdfDialog:
        dialog = tab.export_pdf()
        assert isinstance(dialog, ExportPdfDialog)
        dialog.path.setText(str(tmp_path / name))
        dialog.start()
        assert dialog.result_info is not None, dialog.error.text()
        if dialog.message_box is not None:
            dialog.message_box.close()
        return dialog

    export("one.pdf")
    assert learning_card.LAST_SHOWN, "no learning card after the export"
    cards = learning_card.LAST_SHOWN[0]
    assert isinstance(cards, LearningCardsDialog) and cards.isVisible() and not cards.isModal()
    titles = [c.card.title for c in cards.cards.visible_cards()]
    assert any("chronology" in t.casefold() for t in titles), titles
    # "Read the full entry" opens the library at that entry
    first = cards.cards.visible_cards()[0]
    first.read_button.click()
    assert space.pages.currentWidget() is space.learning
    assert str(first.card.entry_id) in {str(learning.entry_id("chronology")), str(learning.entry_id("cumulative_harm"))}
    for widget in list(cards.cards.visible_cards()):
        widget.dismiss_button.click()
    assert not cards.isVisible()

    learning_card.LAST_SHOWN.clear()
    export("two.pdf")
    assert learning_card.LAST_SHOWN == []  # the same child and moment: not shown again


def test_voice_check_before_sending_and_card_after_nfa_and_neglect_not_referred(qtbot: QtBot, make_app) -> None:  # type: ignore[no-untyped-def]
    from dslapp.services import mash
    from ui.windows.referrals_tab import MarkSentDialog, OutcomeDialog

    app, space, store, child = _child_page(qtbot, make_app, "Amira")
    referral = mash.start_enquiry(store, child.id).value
    mash.update_enquiry(
        store, referral.id, {"consent": "not_told", "not_told_reason": "Telling could increase the risk."}
    )
    page = _open(space, child, "referrals")
    tab = page.referrals
    learning_card.LAST_SHOWN.clear()

    # nothing in the child's own words yet: the dialog says so, without blocking
    dialog = tab.mark_sent()
    assert isinstance(dialog, MarkSentDialog)
    assert dialog.voice_check.isVisibleTo(dialog) and dialog.voice_check.text()
    dialog.reference.setText("MASH-0002")
    dialog.save_button.click()
    assert dialog.error.text() == ""
    tab.acknowledged().save_button.click()

    outcome = tab.record_outcome()
    assert isinstance(outcome, OutcomeDialog)
    outcome.outcome.setCurrentIndex(outcome.outcome.findData("no_further_action"))
    outcome.save_button.click()
    assert outcome.error.text() == ""
    assert learning_card.LAST_SHOWN, "no learning card after no further action"
    cards = learning_card.LAST_SHOWN[0]
    assert cards.isVisible() and not cards.isModal()
    assert [str(w.card.entry_id) for w in cards.cards.visible_cards()] == [str(learning.entry_id("challenge"))]
    cards.close()

    # a neglect concern closed without referral, saved through the app's saved handler
    learning_card.LAST_SHOWN.clear()
    concern = store.add(
        Concern(
            child_id=child.id,
            observed_at=datetime(2026, 1, 5, 9, 0),
            reporter_name="Ms Teacher",
            categories=[Category.NEGLECT],
            what_happened="No coat again.",
            dsl_decision=DslDecision.MONITOR,
        )
    )
    app._concern_saved(concern)
    assert learning_card.LAST_SHOWN
    keys = {str(w.card.entry_id) for w in learning_card.LAST_SHOWN[0].cards.visible_cards()}
    assert str(learning.entry_id("persistent")) in keys
    learning_card.LAST_SHOWN[0].close()
    learning_card.LAST_SHOWN.clear()
    app._concern_saved(concern)
    assert learning_card.LAST_SHOWN == []


def test_review_guide_shows_a_card_inline_after_no_change(qtbot: QtBot, make_app) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from dslapp.models import Judgement, ReviewDecision
    from dslapp.services import early_help
    from ui.dialogs.eh_review_guide import ReviewGuide
    from ui.widgets.learning_card import LearningCards

    _app, space, store, child = _child_page(qtbot, make_app, "Noor")
    today = date.today()
    plan = early_help.start_plan(
        store,
        child.id,
        started_on=today - timedelta(weeks=8),
        goals=[{"what_will_change": "Noor has breakfast before school", "who_does_what": "Mum", "baseline": 2}],
    ).value
    guide = ReviewGuide(space.session, plan, [], "Noor Fictional", today, space)
    qtbot.addWidget(guide)
    assert guide.voice_check.property("has_prompt")  # no words of Noor's recorded yet
    result = early_help.review_plan(
        store,
        plan.id,
        held_on=today,
        life_improved="Noor still comes in hungry.",
        overall=Judgement.NO_CHANGE.value,
        decision=ReviewDecision.CONTINUE.value,
        next_review=(today + timedelta(weeks=6)).isoformat(),
    )
    guide._saved(result)
    inline = guide.findChildren(LearningCards)
    assert len(inline) == 1
    assert [str(w.card.entry_id) for w in inline[0].cards] == [str(learning.entry_id("life_improved"))]
    # "Read the full entry" on an inline card reaches the workspace by signal, not by walking up widgets
    inline[0].cards[0].read_button.click()
    assert space.pages.currentWidget() is space.learning and space.learning_button.isChecked()
    assert "How has life improved for the child?" in space.learning.view.toPlainText()
    inline[0].cards[0].dismiss_button.click()
    assert inline[0].visible_cards() == []


def test_starting_an_escalation_shows_the_challenge_card(qtbot: QtBot, make_app) -> None:  # type: ignore[no-untyped-def]
    _app, space, _store, child = _child_page(qtbot, make_app, "Tomas")
    tab = _open(space, child, "escalations").escalations
    learning_card.LAST_SHOWN.clear()
    tab.start()
    dialog = tab.dialog
    dialog.summary_box.setPlainText("We disagree with the step-down; we ask for a strategy discussion (fictional).")
    dialog.save_button.click()
    assert dialog.error.text() == ""
    assert learning_card.LAST_SHOWN
    cards = learning_card.LAST_SHOWN[0]
    assert [str(w.card.entry_id) for w in cards.cards.visible_cards()] == [str(learning.entry_id("challenge"))]
    cards.close()


def test_the_voice_panel_shows_the_newest_words_first_and_all_of_them_when_asked(qtbot: QtBot) -> None:
    panel = VoicePanel()
    qtbot.addWidget(panel)
    start = date(2024, 9, 2)
    entries = [
        VoiceEntry(start + timedelta(days=n), VoiceSource.CONCERN, f"id-{n}", f"Fictional words number {n}.")
        for n in range(120)
    ][::-1]  # newest first, as the service gives them
    panel.show_voice(ChildVoice(entries, entries[0].on, None))
    shown = panel.entries.toPlainText()
    assert "Fictional words number 119." in shown and "Fictional words number 70." in shown
    assert "Fictional words number 69." not in shown
    assert "The newest 50 of 120" in shown
    panel.entries.anchorClicked.emit(QUrl("#all"))
    everything = panel.entries.toPlainText()
    assert "Fictional words number 0." in everything and "The newest" not in everything


def test_opening_a_record_lays_the_childs_words_out_after_its_first_paint_and_loses_none(qtbot: QtBot) -> None:
    """The words sit below the Overview's first screen: laid out once the record has painted (or before the panel
    itself first draws, or after LATER_MS at most); the count, last date and prompt at once."""
    panel = VoicePanel()
    qtbot.addWidget(panel)
    entries = [
        VoiceEntry(date(2026, 3, 1) - timedelta(days=n), VoiceSource.CONCERN, f"id-{n}", f"Fictional words {n}.")
        for n in range(60)
    ]
    panel.show_voice(ChildVoice(entries, entries[0].on, None), later=True)
    assert panel.pending and panel.count == 60 and panel.entries.toPlainText() == ""
    assert panel.last_label.text() == strings.VOICE_LAST.format(day="01/03/2026")
    panel.painted()  # the record painted: the words follow when the event loop next turns
    assert panel.pending
    qtbot.waitUntil(lambda: not panel.pending, timeout=50)  # well before LATER_MS
    shown = panel.entries.toPlainText()
    assert "Fictional words 0." in shown and "Fictional words 49." in shown and "The newest 50 of 60" in shown

    panel.show_voice(ChildVoice(entries[:2], entries[0].on, None), later=True)
    panel.resize(500, 400)
    panel.show()
    assert panel.pending
    panel.grab()  # the panel itself on screen first: its words laid out before it draws
    assert not panel.pending and "Fictional words 1." in panel.entries.toPlainText()

    panel.show_voice(ChildVoice(entries[:1], entries[0].on, None), later=True)
    panel.hide()
    qtbot.waitUntil(lambda: not panel.pending, timeout=LATER_MS * 10)  # nothing painted: LATER_MS at most
    assert (
        "Fictional words 1." not in panel.entries.toPlainText() and "Fictional words 0." in panel.entries.toPlainText()
    )


def test_the_record_page_lays_the_words_out_after_it_paints(qtbot: QtBot, make_app) -> None:  # type: ignore[no-untyped-def]
    _app, space, store, child = _child_page(qtbot, make_app, "Ines")
    store.add(_no_coat(child))
    page = _open(space, child)
    assert page.voice_panel.count == 1 and page.voice_panel.pending  # read and counted; words not yet laid out
    page.grab()  # the record's first paint (the panel is below the first screen)
    assert page.voice_panel.pending
    qtbot.waitUntil(lambda: not page.voice_panel.pending, timeout=50)
    assert "I couldn't find my coat." in page.voice_panel.entries.toPlainText()
