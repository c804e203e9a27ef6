"""The neglect pattern inside the concern form's decision box, before saving: the earlier concerns' count
and dates, the learning in one line, and a required "What would make you refer?". Fixed dates; fictional."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDateTime, Qt
from pytestqt.qtbot import QtBot
from ui_helpers import choose_child, open_concern_dialog, tick_category, unlock, workspace

from dslapp.models import Category, Child, Concern, DslDecision
from dslapp.store import RecordStore
from dslapp.vault.vault import Vault
from ui import strings
from ui.dialogs.amend_concern import AmendConcernDialog
from ui.windows.workspace import Location

ON = datetime(2025, 6, 2, 10, 15)
PASSPHRASE = "correct horse battery staple (fictional)"


def _seed(store: RecordStore) -> Child:
    child = store.add(Child(legal_forename="Tomasz", legal_surname="Fictionson", dob=date(2015, 9, 1)))
    for day, cats, what in (
        (date(2025, 4, 14), [Category.ATTENDANCE], "Arrived late again at 09:25."),
        (date(2025, 5, 12), [Category.EMOTIONAL], "Upset at lunch; said he was hungry as there was no breakfast."),
    ):
        store.add(
            Concern(
                child_id=child.id,
                observed_at=datetime(day.year, day.month, day.day, 9, 0),
                recorded_at=datetime(day.year, day.month, day.day, 15, 0),
                reporter_name="Mrs L. Unchtime",
                categories=cats,
                what_happened=what,
                dsl_decision=DslDecision.MONITOR,
                decision_reasons="Monitoring; spoke to dad.",
            )
        )
    return child


def test_the_pattern_shows_before_saving_and_what_would_make_you_refer_is_required(
    qtbot: QtBot, make_app, vault: Vault, store: RecordStore
) -> None:  # type: ignore[no-untyped-def]
    child = _seed(store)
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    unlock(qtbot, app, PASSPHRASE)
    dialog = open_concern_dialog(app)
    choose_child(dialog, "Tomasz Fictionson")
    dialog.observed.setDateTime(QDateTime(ON))
    tick_category(dialog, "Other")
    qtbot.keyClicks(dialog.facts, "Wearing the same clothes as on Friday; no coat.")
    box = dialog.pattern_box
    assert box.isHidden()  # no decision yet
    dialog.decision.setCurrentIndex(dialog.decision.findData("monitor"))
    assert not box.isHidden()
    assert box.earlier.text() == "2 earlier concerns showing signs of neglect: 14/04/2025, 12/05/2025."
    assert box.learning.text() == "Learning from reviews: “Persistent” is not a reason to wait."
    qtbot.keyClicks(dialog.reasons, "Spoke to dad at pick-up; coat from lost property.")
    dialog.save()
    assert dialog.error.text() == strings.NEED_REFER_IF
    assert box.refer_if.property("invalid") is True
    # acting on it needs nothing more; back to not referring, it is asked again
    dialog.decision.setCurrentIndex(dialog.decision.findData("mash_enquiry"))
    assert box.isHidden()
    dialog.decision.setCurrentIndex(dialog.decision.findData("support_in_school"))
    assert not box.isHidden()
    qtbot.keyClicks(box.refer_if, "Any further day without a coat or breakfast: MASH contact.")
    dialog.save()
    assert dialog not in app._concern_dialogs()
    assert app.session is not None
    saved = [c for c in app.session.require_store().for_child(child.id, Concern) if c.observed_at == ON]
    assert [c.refer_if for c in saved] == ["Any further day without a coat or breakfast: MASH contact."]


def test_no_pattern_no_box(qtbot: QtBot, make_app, vault: Vault, store: RecordStore) -> None:  # type: ignore[no-untyped-def]
    store.add(Child(legal_forename="Tomasz", legal_surname="Fictionson", dob=date(2015, 9, 1)))
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    unlock(qtbot, app, PASSPHRASE)
    dialog = open_concern_dialog(app)
    choose_child(dialog, "Tomasz Fictionson")
    dialog.observed.setDateTime(QDateTime(ON))
    tick_category(dialog, "Neglect")
    qtbot.keyClicks(dialog.facts, "Hungry at break.")
    dialog.decision.setCurrentIndex(dialog.decision.findData("monitor"))
    assert dialog.pattern_box.isHidden()


def test_the_amend_dialog_asks_too(qtbot: QtBot, make_app, vault: Vault, store: RecordStore) -> None:  # type: ignore[no-untyped-def]
    child = _seed(store)
    pending = store.add(
        Concern(
            child_id=child.id,
            observed_at=ON,
            recorded_at=ON,
            reporter_name="Mrs L. Unchtime",
            categories=[Category.NEGLECT],
            what_happened="No coat in the rain.",
        )
    )
    vault.lock()
    app = make_app(real_dir=vault.directory).app
    app.start()
    unlock(qtbot, app, PASSPHRASE)
    ws = workspace(app)
    ws.go(Location("child", str(child.id), "concerns"))
    page = ws.child_page
    assert page is not None
    qtbot.mouseClick(page.concerns.amend_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in app.dialogs if isinstance(d, AmendConcernDialog))
    assert dialog.concern.id == pending.id
    dialog.decision.setCurrentIndex(dialog.decision.findData("monitor"))
    assert not dialog.pattern_box.isHidden()
    qtbot.keyClicks(dialog.reasons, "Spoke to dad.")
    qtbot.keyClicks(dialog.reason, "DSL decision made.")
    dialog.save()
    assert dialog.error.text() == strings.NEED_REFER_IF
    qtbot.keyClicks(dialog.pattern_box.refer_if, "A further concern before half term.")
    dialog.save()
    assert dialog not in app.dialogs
    assert app.session is not None
    assert app.session.require_store().get_as(Concern, pending.id).refer_if == "A further concern before half term."
