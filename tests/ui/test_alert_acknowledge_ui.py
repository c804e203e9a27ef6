"""Acknowledging a practice alert on the child's Overview keeps it visible with the DSL's note."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from dslapp.guidance.alerts import AlertItem
from dslapp.models import Category, Concern, DslDecision, ThresholdDecision
from dslapp.services import recording
from dslapp.services.alerts import practice_alerts
from dslapp.services.children import add_child
from dslapp.store import RecordStore
from ui.operations import guidance_ops
from ui.operations.guidance_ops import OverviewGuidance
from ui.widgets.practice_cards import ALERTS_SHOWN, guidance_widget


def test_acknowledge_from_the_overview(qtbot: QtBot, store: RecordStore) -> None:
    child = add_child(store, legal_forename="Jaycee", legal_surname="Testchild", dob=date(2017, 3, 3)).value
    for day in (date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 2)):
        recording.record(
            store,
            Concern,
            child_id=child.id,
            observed_at=datetime(day.year, day.month, day.day, 8, 45),
            reporter_name="Mr C. Example",
            categories=[Category.NEGLECT],
            what_happened="Arrived hungry.",
            dsl_decision=DslDecision.MONITOR,
            decision_reasons="Monitoring.",
            refer_if="Any further morning arriving hungry.",
        )
    on = date(2026, 11, 20)
    alert = next(a for a in practice_alerts(store, on, child_id=child.id) if a.rule_id == "cumulative_neglect")
    from ui.widgets.practice_cards import guidance_widget

    seen: list[str] = []
    widget = guidance_widget(guidance_ops.OverviewGuidance([alert], None), lambda: None, lambda a: seen.append(a.key))
    buttons = [b for b in widget.findChildren(QPushButton) if b.text().startswith("Acknowledge")]
    assert len(buttons) == 1
    buttons[0].click()
    assert seen == [alert.key]
    from dslapp.services.alerts import acknowledge_alert

    acknowledge_alert(store, alert, "Early Help conversation booked.", on)
    again = next(a for a in practice_alerts(store, on, child_id=child.id) if a.key == alert.key)
    shown = guidance_widget(guidance_ops.OverviewGuidance([again], None), lambda: None, lambda a: None)
    qtbot.addWidget(widget)
    qtbot.addWidget(shown)
    assert not [b for b in shown.findChildren(QPushButton) if b.text().startswith("Acknowledge")]
    assert any("Early Help conversation booked." in label.text() for label in shown.findChildren(QLabel))


def test_a_long_list_of_alerts_opens_on_the_first_and_shows_every_one_when_asked(qtbot: QtBot) -> None:
    alerts = [
        AlertItem(
            "alerts", "c-1", "Fictional Child", f"r-{n}", f"Child on a CP plan: inform the social worker ({n})", None,
            False, rule_id="cp_plan_new_concern", reason=f"A new concern was recorded (number {n}).", key=f"k-{n}",
        )
        for n in range(ALERTS_SHOWN + 7)
    ]  # fmt: skip
    acknowledged: list[AlertItem] = []
    widget = guidance_widget(OverviewGuidance(alerts, None), lambda: None, acknowledged.append)
    qtbot.addWidget(widget)

    def titles() -> list[str]:
        return [label.text() for label in widget.findChildren(QLabel) if "inform the social worker" in label.text()]

    assert len(titles()) == ALERTS_SHOWN
    assert any(label.text() == f"Practice alerts ({len(alerts)})" for label in widget.findChildren(QLabel))
    more = [b for b in widget.findChildren(QPushButton) if b.text() == f"Show all {len(alerts)} alerts"]
    assert len(more) == 1
    more[0].click()
    assert len(titles()) == len(alerts) and more[0].isHidden()
    last = [b for b in widget.findChildren(QPushButton) if b.accessibleName().endswith(f"({len(alerts) - 1})")]
    last[0].click()
    assert acknowledged == [alerts[-1]]


def test_one_more_alert_beyond_those_built_updates_the_card_in_place(qtbot: QtBot) -> None:
    def alert(n: int) -> AlertItem:
        return AlertItem(
            "alerts", "c-1", "Fictional Child", f"r-{n}", f"Child on a CP plan: inform the social worker ({n})", None,
            False, rule_id="cp_plan_new_concern", reason=f"A new concern was recorded (number {n}).", key=f"k-{n}",
        )  # fmt: skip

    first = [alert(n) for n in range(ALERTS_SHOWN + 3)]
    widget = guidance_widget(OverviewGuidance(first, None), lambda: None, lambda _a: None)
    qtbot.addWidget(widget)
    saved = [*first, alert(ALERTS_SHOWN + 3)]  # a save added a concern: one more alert, after those built
    assert widget.took(OverviewGuidance(saved, None))
    labels = [label.text() for label in widget.findChildren(QLabel)]
    assert f"Practice alerts ({len(saved)})" in labels
    more = [b for b in widget.findChildren(QPushButton) if b.text() == f"Show all {len(saved)} alerts"]
    more[0].click()
    shown = [t for t in (label.text() for label in widget.findChildren(QLabel)) if "inform the social worker" in t]
    assert len(shown) == len(saved) and shown[-1].endswith(f"({ALERTS_SHOWN + 3})")
    assert not widget.took(OverviewGuidance([*saved, alert(99)], None))  # every alert shown: built again
    assert not guidance_widget(OverviewGuidance(first, None), lambda: None).took(OverviewGuidance(first[1:], None))


def test_the_guidance_card_is_refilled_for_the_next_child_showing_only_that_childs_guidance(qtbot: QtBot) -> None:
    """A record page keeps one guidance card and refills it for each child (widgets cost far more to make than to
    fill): what the last child showed is emptied, never left behind under the next child's name."""

    def alert(n: int, acknowledged: bool = False) -> AlertItem:
        return AlertItem(
            "alerts", "c-1", "Fictional Child", f"r-{n}", f"Neglect pattern: {n} concerns", None, False,
            rule_id="cumulative_neglect", reason=f"Reason number {n}.", key=f"k-{n}",
            acknowledged_on=date(2026, 11, 2) if acknowledged else None,
            acknowledged_note="Early Help conversation booked." if acknowledged else "",
        )  # fmt: skip

    decision = ThresholdDecision(
        child_id=uuid.uuid4(), decided_on=date(2026, 10, 1), level=3, reasoning="Needs across all three domains.",
        decided_by="Ms D. Example",
    )  # fmt: skip
    widget = guidance_widget(OverviewGuidance([alert(1), alert(2), alert(3)], decision), lambda: None, lambda _a: None)
    qtbot.addWidget(widget)
    widget.show()
    buttons = len(widget.findChildren(QPushButton))

    def shown() -> list[str]:
        return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget) and label.text()]

    def acknowledge_buttons() -> list[QPushButton]:
        return [b for b in widget.findChildren(QPushButton) if b.text().startswith("Acknowledge")]

    assert "Neglect pattern: 3 concerns" in shown() and any(t.startswith("Level 3") for t in shown())
    assert len(acknowledge_buttons()) == 3

    widget.show_guidance(OverviewGuidance([alert(7, acknowledged=True)], None))
    texts = [label.text() for label in widget.findChildren(QLabel)]  # hidden ones too: nothing left behind
    assert not any(t.startswith(("Neglect pattern: 1", "Neglect pattern: 2", "Neglect pattern: 3")) for t in texts)
    assert not any("Reason number 2" in t or t.startswith("Level 3") for t in texts)
    assert "Practice alerts (1)" in shown() and "Neglect pattern: 7 concerns" in shown()
    assert any("Early Help conversation booked." in t for t in shown())
    assert not acknowledge_buttons()  # acknowledged: its note, no button
    assert any(t.startswith("No Levels of Need decision") for t in shown())
    assert len(widget.findChildren(QPushButton)) == buttons  # the blocks were refilled, none made

    widget.show_guidance(OverviewGuidance([], None))
    assert widget.alerts_card.isHidden()
    assert not any("Neglect pattern" in t for t in (label.text() for label in widget.findChildren(QLabel)))
