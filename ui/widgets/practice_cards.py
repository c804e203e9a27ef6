"""Practice guidance on the child's Overview: the practice alerts (each saying why it fired) and the latest
Levels of Need decision.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from dslapp.guidance import thresholds
from dslapp.guidance.alerts import AlertItem
from dslapp.models import ThresholdDecision
from ui import strings
from ui.formatting import dmy
from ui.operations.guidance_ops import OverviewGuidance
from ui.widgets.common import Card, text_label

ALERTS_SHOWN = 10
"""Alerts built when the Overview opens; the rest when the DSL asks (the card's title gives the number)."""


class _AlertBlock(QWidget):
    """One alert: its title, why it fired, and the DSL's acknowledgement or the button to make one. Made once and
    given each alert in turn (a record opened, or saved to, refills the blocks it has)."""

    def __init__(self, acknowledge: Callable[[AlertItem], None] | None) -> None:
        super().__init__()
        self._acknowledge = acknowledge
        self.alert: AlertItem | None = None
        block = QVBoxLayout(self)
        block.setContentsMargins(0, 0, 0, 0)
        block.setSpacing(1)
        self.title = text_label("", "Value", wrap=True)
        self.title.setStyleSheet("font-weight: 600;")
        block.addWidget(self.title)
        self.reason = text_label("", "Hint", wrap=True, selectable=True)
        block.addWidget(self.reason)
        self.note = text_label("", "Muted", wrap=True, selectable=True)
        block.addWidget(self.note)
        self.ack = QPushButton()
        self.ack.clicked.connect(self._acknowledged)
        line = QHBoxLayout()
        line.addWidget(self.ack)
        line.addStretch(1)
        block.addLayout(line)

    def show_alert(self, alert: AlertItem | None) -> None:
        """Show ``alert`` (None: nothing, every text emptied, the block hidden)."""
        self.alert = alert
        self.title.setText(alert.title if alert else "")
        self.reason.setText(alert.reason if alert else "")
        acknowledged = alert is not None and alert.acknowledged_on is not None
        if alert is not None and alert.acknowledged_on is not None:
            note = strings.ALERT_ACKNOWLEDGED.format(date=dmy(alert.acknowledged_on), note=alert.acknowledged_note)
        else:
            note = ""
        self.note.setText(note)
        self.note.setVisible(acknowledged)
        asks = alert is not None and not acknowledged and self._acknowledge is not None
        self.ack.setText(strings.ALERT_ACKNOWLEDGE if asks else "")
        self.ack.setAccessibleName(strings.ALERT_ACKNOWLEDGE_NAME.format(alert=alert.title) if asks and alert else "")
        self.ack.setVisible(asks)
        self.setVisible(alert is not None)

    def _acknowledged(self) -> None:
        if self.alert is not None and self._acknowledge is not None:
            self._acknowledge(self.alert)


class _ThresholdCard(Card):
    """The latest Levels of Need decision (or that none is recorded) and the button to the tool."""

    def __init__(self, open_threshold_tool: Callable[[], None]) -> None:
        super().__init__(strings.THRESHOLD_TITLE, icon="shield")
        self.setAccessibleName(strings.THRESHOLD_TITLE)
        self.none = text_label("", "Muted", wrap=True)
        self.level = text_label("", "Value")
        self.level.setStyleSheet("font-weight: 600;")
        self.who = text_label("", "Hint", wrap=True)
        self.reasoning = text_label("", wrap=True)
        for label in (self.none, self.level, self.who, self.reasoning):
            self.body.addWidget(label)
        button = QPushButton(strings.THRESHOLD_OPEN_TOOL)
        button.clicked.connect(open_threshold_tool)
        buttons = QHBoxLayout()
        buttons.addWidget(button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)

    def show_decision(self, decision: ThresholdDecision | None) -> None:
        if decision is None:
            texts = (strings.THRESHOLD_NONE, "", "", "")
        else:
            try:
                name = thresholds.level(decision.level).name
            except Exception:
                name = ""
            who = strings.THRESHOLD_DECIDED.format(date=dmy(decision.decided_on), by=decision.decided_by)
            if decision.consulted:
                who += strings.THRESHOLD_CONSULTED.format(who=decision.consulted)
            reasoning = decision.reasoning.strip()
            texts = (
                "",
                strings.THRESHOLD_LEVEL.format(level=decision.level, name=name),
                who,
                reasoning[:280] + ("…" if len(reasoning) > 280 else ""),
            )
        for label, text in zip((self.none, self.level, self.who, self.reasoning), texts, strict=True):
            label.setText(text)
            label.setVisible(bool(text) or (label is self.reasoning and decision is not None))


class PracticeGuidance(QWidget):
    """The practice alerts (the first :data:`ALERTS_SHOWN` built, the rest when the DSL asks) and the latest
    Levels of Need decision. Built once (a record page builds it ahead) and given each child's guidance with
    :meth:`show_guidance`: the cards and alert blocks are refilled, not made again (widgets cost far more to make
    and style than to fill)."""

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
        self._blocks: list[_AlertBlock] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(14)
        alerts = self.alerts_card = Card(strings.ALERTS_TITLE_COUNT.format(count=0), icon="alert")
        alerts.setAccessibleName(strings.ALERTS_TITLE)
        self._alert_list = QVBoxLayout()
        self._alert_list.setSpacing(alerts.body.spacing())
        alerts.body.addLayout(self._alert_list)
        more = self.more = QPushButton()
        more.clicked.connect(self._show_rest)
        line = QHBoxLayout()
        line.addWidget(more)
        line.addStretch(1)
        alerts.body.addLayout(line)
        row.addWidget(alerts, 3)
        self._threshold = _ThresholdCard(open_threshold_tool)
        row.addWidget(self._threshold, 2)
        self.show_guidance(guidance)

    def build_ahead(self, blocks: int) -> None:
        """Make ``blocks`` alert blocks now (hidden, styled), so that showing that many alerts only fills them."""
        while len(self._blocks) < blocks:
            self._new_block()
        self.ensurePolished()  # the card and its children, hidden until shown: styled now, not when first shown

    def _new_block(self) -> _AlertBlock:
        block = _AlertBlock(self._acknowledge)
        block.hide()
        self._alert_list.addWidget(block)
        self._blocks.append(block)
        return block

    def _show_alerts(self, alerts: Sequence[AlertItem]) -> None:
        """The blocks show ``alerts`` in order; blocks beyond them are emptied and hidden."""
        while len(self._blocks) < len(alerts):
            self._new_block()
        for number, block in enumerate(self._blocks):
            block.show_alert(alerts[number] if number < len(alerts) else None)

    def show_guidance(self, guidance: OverviewGuidance) -> None:
        """Show ``guidance`` in place of what is shown: the first :data:`ALERTS_SHOWN` alerts, a button for the
        rest, and the Levels of Need decision."""
        self.guidance = guidance
        self._show_alerts(guidance.alerts[:ALERTS_SHOWN])
        self.more.setVisible(len(guidance.alerts) > ALERTS_SHOWN)  # a child on a plan with a concern most days
        self._name_more()
        self.alerts_card.setVisible(bool(guidance.alerts))
        self._threshold.show_decision(guidance.threshold)

    def took(self, guidance: OverviewGuidance) -> bool:
        """Show ``guidance`` in place when only alerts not yet built changed (a child on a plan gains one at each
        save); False when it must be shown again whole."""
        old = self.guidance
        in_place = (
            not self.more.isHidden()
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
        self.alerts_card.title.setText(strings.ALERTS_TITLE_COUNT.format(count=count))
        shown = count > ALERTS_SHOWN
        self.more.setText(strings.ALERTS_SHOW_ALL.format(count=count) if shown else "")
        self.more.setAccessibleName(strings.ALERTS_SHOW_ALL.format(count=count) if shown else "")

    def _show_rest(self) -> None:
        self.more.hide()
        self._show_alerts(self.guidance.alerts)


def guidance_widget(
    guidance: OverviewGuidance,
    open_threshold_tool: Callable[[], None],
    acknowledge: Callable[[AlertItem], None] | None = None,
) -> PracticeGuidance:
    return PracticeGuidance(guidance, open_threshold_tool, acknowledge)
