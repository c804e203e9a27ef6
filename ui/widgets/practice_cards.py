"""Practice guidance on the child's Overview: the practice alerts (each saying why it fired) and the latest
Levels of Need decision.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from dslapp.guidance import thresholds
from dslapp.guidance.alerts import AlertItem
from ui import strings
from ui.formatting import dmy
from ui.operations.guidance_ops import OverviewGuidance
from ui.widgets.common import Card, text_label

ALERTS_SHOWN = 10
"""Alerts built when the Overview opens; the rest when the DSL asks (the card's title gives the number)."""


def _alert_block(alert: AlertItem, acknowledge: Callable[[AlertItem], None] | None) -> QVBoxLayout:
    """One alert: its title, why it fired, and the DSL's acknowledgement or the button to make one."""
    block = QVBoxLayout()
    block.setSpacing(1)
    title = text_label(alert.title, "Value", wrap=True)
    title.setStyleSheet("font-weight: 600;")
    block.addWidget(title)
    block.addWidget(text_label(alert.reason, "Hint", wrap=True, selectable=True))
    if alert.acknowledged_on is not None:
        note = strings.ALERT_ACKNOWLEDGED.format(date=dmy(alert.acknowledged_on), note=alert.acknowledged_note)
        block.addWidget(text_label(note, "Muted", wrap=True, selectable=True))
    elif acknowledge is not None:
        ack = QPushButton(strings.ALERT_ACKNOWLEDGE)
        ack.setAccessibleName(strings.ALERT_ACKNOWLEDGE_NAME.format(alert=alert.title))
        ack.clicked.connect(lambda _=False, a=alert: acknowledge(a))
        line = QHBoxLayout()
        line.addWidget(ack)
        line.addStretch(1)
        block.addLayout(line)
    return block


class PracticeGuidance(QWidget):
    """The practice alerts (the first :data:`ALERTS_SHOWN` built, the rest when the DSL asks) and the latest
    Levels of Need decision."""

    def __init__(
        self,
        guidance: OverviewGuidance,
        open_threshold_tool: Callable[[], None],
        acknowledge: Callable[[AlertItem], None] | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("PracticeGuidance")
        self.guidance = guidance
        self._acknowledge = acknowledge
        self.alerts_card: Card | None = None
        self.more: QPushButton | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        if guidance.alerts:
            alerts = self.alerts_card = Card(
                strings.ALERTS_TITLE_COUNT.format(count=len(guidance.alerts)), icon="alert"
            )
            alerts.setAccessibleName(strings.ALERTS_TITLE)
            for alert in guidance.alerts[:ALERTS_SHOWN]:
                alerts.body.addLayout(_alert_block(alert, acknowledge))
            if len(guidance.alerts) > ALERTS_SHOWN:  # a child on a plan with a concern most days: one click away
                more = self.more = QPushButton()
                self._name_more()
                more.clicked.connect(self._show_rest)
                line = QHBoxLayout()
                line.addWidget(more)
                line.addStretch(1)
                alerts.body.addLayout(line)
            row.addWidget(alerts, 3)
        row.addWidget(_threshold_card(guidance, open_threshold_tool), 2)

    def took(self, guidance: OverviewGuidance) -> bool:
        """Show ``guidance`` in place when only alerts not yet built changed (a child on a plan gains one at each
        save); False when it must be built again."""
        old = self.guidance
        in_place = (
            self.more is not None
            and not self.more.isHidden()
            and guidance.threshold == old.threshold
            and len(guidance.alerts) > ALERTS_SHOWN
            and guidance.alerts[:ALERTS_SHOWN] == old.alerts[:ALERTS_SHOWN]
        )
        if in_place:
            self.guidance = guidance
            self._name_more()
        return in_place

    def _name_more(self) -> None:
        count = len(self.guidance.alerts)
        if self.alerts_card is not None:
            self.alerts_card.title.setText(strings.ALERTS_TITLE_COUNT.format(count=count))
        if self.more is not None:
            self.more.setText(strings.ALERTS_SHOW_ALL.format(count=count))
            self.more.setAccessibleName(strings.ALERTS_SHOW_ALL.format(count=count))

    def _show_rest(self) -> None:
        if self.more is None or self.alerts_card is None:
            return
        self.more.hide()
        for alert in self.guidance.alerts[ALERTS_SHOWN:]:
            self.alerts_card.body.addLayout(_alert_block(alert, self._acknowledge))


def guidance_widget(
    guidance: OverviewGuidance,
    open_threshold_tool: Callable[[], None],
    acknowledge: Callable[[AlertItem], None] | None = None,
) -> PracticeGuidance:
    return PracticeGuidance(guidance, open_threshold_tool, acknowledge)


def _threshold_card(guidance: OverviewGuidance, open_threshold_tool: Callable[[], None]) -> Card:
    card = Card(strings.THRESHOLD_TITLE, icon="shield")
    card.setAccessibleName(strings.THRESHOLD_TITLE)
    decision = guidance.threshold
    if decision is None:
        card.body.addWidget(text_label(strings.THRESHOLD_NONE, "Muted", wrap=True))
    else:
        try:
            name = thresholds.level(decision.level).name
        except Exception:
            name = ""
        level = text_label(strings.THRESHOLD_LEVEL.format(level=decision.level, name=name), "Value")
        level.setStyleSheet("font-weight: 600;")
        card.body.addWidget(level)
        who = strings.THRESHOLD_DECIDED.format(date=dmy(decision.decided_on), by=decision.decided_by)
        if decision.consulted:
            who += strings.THRESHOLD_CONSULTED.format(who=decision.consulted)
        card.body.addWidget(text_label(who, "Hint", wrap=True))
        reasoning = decision.reasoning.strip()
        card.body.addWidget(text_label(reasoning[:280] + ("…" if len(reasoning) > 280 else ""), wrap=True))
    button = QPushButton(strings.THRESHOLD_OPEN_TOOL)
    button.clicked.connect(open_threshold_tool)
    buttons = QHBoxLayout()
    buttons.addWidget(button)
    buttons.addStretch(1)
    card.body.addLayout(buttons)
    return card
