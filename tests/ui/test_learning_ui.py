"""Learning library, supervision log, learning cards and the voice panel, driven through real widgets."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import AppHarness, add_child, set_up_casebook, visible_text, workspace

from dslapp.guidance.learning_cards import LearningEvent, select_cards
from dslapp.models import Category, Child, Concern, DslDecision
from dslapp.services import learning, supervision
from ui.operations import learning as ops
from ui.widgets.learning_card import LearningCards
from ui.widgets.voice_panel import VoicePanel
from ui.windows.learning import LearningPage
from ui.windows.supervision import ChildSupervisionNotes, SessionDialog, SupervisionPage, parse_actions
from ui.windows.today import ITEM_ROLE
from ui.windows.workspace import Location


def test_library_shows_the_starter_set_and_supervision_links_a_child(qtbot: QtBot, make_app) -> None:  # type: ignore[no-untyped-def]
    harness: AppHarness = make_app()
    app = harness.app
    app.start()
    set_up_casebook(qtbot, app)
    add_child(qtbot, app, "Zola", "Fictional", date(2016, 4, 3))
    space = workspace(app)
    store = space.session.require_store()
    child = store.all_of(Child)[0]

    qtbot.mouseClick(space.learning_button, Qt.MouseButton.LeftButton)
    page = space.learning
    assert isinstance(page, LearningPage) and space.pages.currentWidget() is page
    assert page.list.count() == len(learning.starter_entries())
    assert page.view.toPlainText().strip()  # the first entry is shown
    titles = [page.list.item(i).data(Qt.ItemDataRole.AccessibleTextRole) for i in range(page.list.count())]
    assert any("How has life improved for the child?" in t for t in titles)
    qtbot.keyClicks(page.search_box, "escalation")
    page.refresh()
    assert 0 < page.list.count() < len(learning.starter_entries())
    page.open_entry(str(learning.entry_id("chronology")))
    assert "A good chronology saves lives" in page.view.toPlainText()

    qtbot.mouseClick(space.supervision_button, Qt.MouseButton.LeftButton)
    sup = space.supervision
    assert isinstance(sup, SupervisionPage) and space.pages.currentWidget() is sup
    dialog: SessionDialog = sup.record_session(str(child.id))
    qtbot.keyClicks(dialog.supervisor, "Mr Fictional Supervisor")
    qtbot.keyClicks(dialog.reflections, "Could this happen here? Zola's neglect concerns read together.")
    qtbot.keyClicks(dialog.action_text, f"Threshold discussion | {date.today() + timedelta(days=2):%d/%m/%Y}")
    dialog.accept()
    assert sup.sessions.count() == 1
    assert "Zola Fictional" in sup.session_view.toPlainText()
    assert "Threshold discussion" in sup.action_list.item(0).text()

    # the action (about one child) is on Today and opens that child; a CPD reminder opens the supervision log
    supervision.record_cpd(store, training="DSL training", attended_on=date.today() - timedelta(days=700))
    space.go(Location("today"))
    space.today.refresh()
    section = space.today.sections["alerts"]
    rows = [section.list.item(i) for i in range(section.list.count())]
    action = next(r for r in rows if "Threshold discussion" in r.data(ITEM_ROLE).title)
    space.today._activated(action)
    assert space.current_child_id() == str(child.id)
    reminder = next(r for r in rows if "CPD refresher" in r.data(ITEM_ROLE).title)
    space.today._activated(reminder)
    assert space.pages.currentWidget() is sup

    # the DSL adds their own entry, with what will change and an action
    page.save(
        None,
        {
            "title": "Our attendance audit",
            "tags": ["attendance"],
            "what_we_will_change": "Read attendance with concerns.",
            "actions": parse_actions("Termly audit | 01/12/2026"),
        },
        "",
    )
    assert page.list.count() == len(learning.starter_entries()) + 1
    assert "Termly audit" in page.view.toPlainText()

    notes = ChildSupervisionNotes(space.session, str(child.id))
    qtbot.addWidget(notes)
    notes.refresh()
    assert len(notes.notes) == 1
    assert "neglect concerns read together" in notes.view.toPlainText()
    assert "Mr Fictional Supervisor" in notes.view.toPlainText()


def test_learning_card_and_voice_panel(qtbot: QtBot, make_app) -> None:  # type: ignore[no-untyped-def]
    harness: AppHarness = make_app()
    app = harness.app
    app.start()
    set_up_casebook(qtbot, app)
    add_child(qtbot, app, "Ines", "Fictional", date(2015, 1, 9))
    space = workspace(app)
    store = space.session.require_store()
    child = store.all_of(Child)[0]

    concern = Concern(
        child_id=child.id,
        observed_at=datetime(2026, 1, 5, 9, 0),
        reporter_name="Ms Teacher",
        categories=[Category.NEGLECT],
        what_happened="No coat in the snow.",
        child_words="I couldn't find it.",
        dsl_decision=DslDecision.MONITOR,
    )
    cards = LearningCards()
    qtbot.addWidget(cards)
    opened: list[str] = []
    cards.open_entry.connect(opened.append)
    shown: list[object] = []
    ops.cards_for_decision(
        space.session, concern, LearningEvent.CONCERN_DECIDED, date(2026, 1, 6), lambda s: shown.extend(s.value)
    )
    assert [c.card_id for c in shown] == [c.card_id for c in select_cards(concern, LearningEvent.CONCERN_DECIDED)]
    cards.show_cards(shown)  # type: ignore[arg-type]
    cards.show()
    assert "not a reason to wait" in visible_text(cards)
    qtbot.mouseClick(cards.cards[0].read_button, Qt.MouseButton.LeftButton)
    assert opened == [str(learning.entry_id("persistent"))]
    qtbot.mouseClick(cards.cards[0].dismiss_button, Qt.MouseButton.LeftButton)
    assert len(cards.visible_cards()) == len(shown) - 1
    # shown once: asking again for the same record and moment gives nothing
    again: list[object] = []
    ops.cards_for_decision(
        space.session, concern, LearningEvent.CONCERN_DECIDED, date(2026, 1, 7), lambda s: again.extend(s.value)
    )
    assert again == []

    store.add(concern)
    panel = VoicePanel()
    qtbot.addWidget(panel)
    ops.load_child_voice(space.session, str(child.id), date(2026, 6, 1), panel.show_voice)
    panel.show()
    assert panel.count == 1
    assert "I couldn't find it." in panel.entries.toPlainText()
    assert "05/01/2026" in panel.last_label.text()
    assert panel.prompt.isVisible()  # more than 90 days before 01/06/2026
