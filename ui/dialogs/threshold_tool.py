"""The Levels of Need tool: four levels by three domains of descriptors to mark, a suggested level, the
level chosen, the reasoning (required), who was consulted and the concerns the decision rests on.

Descriptors and wording come from ``resources/guidance/levels_of_need.toml``; the decision is saved by
``services.thresholds.record_threshold_decision``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dslapp.guidance import thresholds as guide
from dslapp.guidance.prompts import Prompt
from dslapp.models import Concern, ThresholdDecision
from ui import strings
from ui.dialogs.guidance_common import FormDialog, PromptPanel, date_edit, text_box, to_date
from ui.formatting import dmy
from ui.operations import guidance_ops
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.common import text_label


class _Toggle(QLabel):
    """A descriptor's wrapping text; clicking it ticks its box."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self.box = box
        self.setWordWrap(True)
        self.setBuddy(box)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.box.toggle()


class Checklist(QScrollArea):
    """Descriptors as tick boxes with wrapping text (one level of one domain)."""

    changed = Signal()

    def __init__(self, items: Sequence[str], name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setWidgetResizable(True)
        self.setObjectName("Checklist")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        self.texts = list(items)
        self.boxes: list[QCheckBox] = []
        for text in items:
            row = QHBoxLayout()
            row.setSpacing(6)
            box = QCheckBox()
            box.setAccessibleName(text)
            box.toggled.connect(lambda _on: self.changed.emit())
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(_Toggle(text, box), 1)
            layout.addLayout(row)
            self.boxes.append(box)
        layout.addStretch(1)
        self.setWidget(holder)

    def marked(self) -> list[str]:
        return [t for t, b in zip(self.texts, self.boxes, strict=True) if b.isChecked()]


class ThresholdTool(FormDialog):
    def __init__(
        self,
        session: Session,
        child_id: str,
        concerns: Sequence[Concern],
        on: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(strings.THRESHOLD_TITLE, strings.THRESHOLD_INTRO, strings.THRESHOLD_SAVE, parent)
        self.session = session
        self.child_id = child_id
        self.on = on
        self.saved: Any = None
        self.resize(1180, 860)
        self.levels = guide.levels()
        self.domains = guide.domains()
        grid_texts = guide.descriptor_grid()
        self.lists: dict[tuple[int, str], Checklist] = {}
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(strings.THRESHOLD_DOMAINS_NAME)
        for domain in self.domains:
            page = QWidget()
            grid = QGridLayout(page)
            grid.setContentsMargins(6, 10, 6, 6)
            grid.setHorizontalSpacing(10)
            if domain.question:
                grid.addWidget(text_label(domain.question, "Hint", wrap=True), 0, 0, 1, len(self.levels))
            for column, level in enumerate(self.levels):
                heading = text_label(f"{level.level}. {level.name}", "SectionTitle")
                heading.setToolTip(level.summary)
                grid.addWidget(heading, 1, column)
                box = Checklist(
                    grid_texts[level.level][domain.key],
                    strings.THRESHOLD_CHECKLIST_NAME.format(domain=domain.title, level=level.level),
                )
                box.changed.connect(self._evidence_changed)
                grid.addWidget(box, 2, column)
                grid.setColumnStretch(column, 1)
                self.lists[(level.level, domain.key)] = box
            grid.setRowStretch(2, 1)
            self.tabs.addTab(page, domain.title)
        self.tabs.setMinimumHeight(400)
        self.body.insertWidget(0, self.tabs, 1)

        self.suggested = text_label("", "Value", wrap=True)
        self.suggested.setAccessibleName(strings.THRESHOLD_SUGGESTED)
        self.form.addRow(strings.THRESHOLD_SUGGESTED, self.suggested)
        self.level = QComboBox()
        self.level.addItem(strings.THRESHOLD_CHOOSE, 0)
        for level in self.levels:
            self.level.addItem(f"{level.level}. {level.name}", level.level)
        self.level.currentIndexChanged.connect(lambda _i: self._show_prompts())
        self.level_summary = text_label("", "Hint", wrap=True)
        row = QHBoxLayout()
        row.addWidget(self.level)
        row.addWidget(self.level_summary, 1)
        self.form.addRow(strings.THRESHOLD_CHOSEN, row)
        self.prompts_box = QVBoxLayout()
        self.form.addRow(self.prompts_box)
        self.reasoning = text_box(strings.THRESHOLD_REASONING_PLACEHOLDER, 90)
        self.reasoning.setAccessibleName(strings.THRESHOLD_REASONING_NAME)
        self.reasoning.setMaximumHeight(110)
        self.form.addRow(strings.THRESHOLD_REASONING, self.reasoning)
        self.consulted = QLineEdit()
        self.consulted.setPlaceholderText(strings.THRESHOLD_CONSULTED_PLACEHOLDER)
        self.form.addRow(strings.THRESHOLD_CONSULTED_LABEL, self.consulted)
        self.decided_on = date_edit(on)
        self.form.addRow(strings.THRESHOLD_DECIDED_ON, self.decided_on)
        self.concerns = QListWidget()
        self.concerns.setAccessibleName(strings.THRESHOLD_CONCERNS_NAME)
        self.concerns.setMaximumHeight(120)
        for concern in sorted(concerns, key=lambda c: c.observed_at, reverse=True):
            categories = ", ".join(x.label for x in concern.categories)
            item = QListWidgetItem(f"{dmy(concern.observed_at)}  {categories}")
            item.setData(Qt.ItemDataRole.UserRole, str(concern.id))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.concerns.addItem(item)
        self.form.addRow(
            strings.THRESHOLD_CONCERNS,
            self.concerns if concerns else text_label(strings.THRESHOLD_NO_CONCERNS, "Muted"),
        )
        self.panels: list[PromptPanel] = []
        self.save_button.clicked.connect(self.save)
        self._evidence_changed()

    # ---- evidence and prompts -----------------------------------------------------------------------

    def evidence(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {d.key: [] for d in self.domains}
        for (_level, domain), box in self.lists.items():
            out[domain].extend(box.marked())
        return out

    def mark(self, level: int, domain: str, row: int = 0, checked: bool = True) -> None:
        self.lists[(level, domain)].boxes[row].setChecked(checked)

    def chosen_level(self) -> int:
        return int(self.level.currentData() or 0)

    def concern_ids(self) -> list[str]:
        return [
            self.concerns.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.concerns.count())
            if self.concerns.item(r).checkState() == Qt.CheckState.Checked
        ]

    def _evidence_changed(self) -> None:
        evidence = self.evidence()
        for number, domain in enumerate(self.domains):
            count = len(evidence[domain.key])
            self.tabs.setTabText(number, f"{domain.title} ({count})" if count else domain.title)
        suggested = guide.suggested_level(evidence)
        if suggested is None:
            self.suggested.setText(strings.THRESHOLD_SUGGEST_HINT)
        else:
            self.suggested.setText(strings.THRESHOLD_LEVEL.format(level=suggested, name=guide.level(suggested).name))
        self._show_prompts()

    def _show_prompts(self) -> None:
        level = self.chosen_level()
        self.level_summary.setText(guide.level(level).summary if level else "")
        for panel in self.panels:
            panel.deleteLater()
        self.panels = []
        if level:
            for prompt in guide.threshold_prompts(level, self.evidence()):
                self._add_panel(prompt)

    def _add_panel(self, prompt: Prompt) -> None:
        panel = PromptPanel(prompt, None, tone="warning")
        self.panels.append(panel)
        self.prompts_box.addWidget(panel)

    def prompt_codes(self) -> list[str]:
        return [p.prompt.code for p in self.panels]

    # ---- saving -------------------------------------------------------------------------------------

    def save(self) -> None:
        if not self.chosen_level():
            self.show_error(strings.THRESHOLD_NEED_LEVEL)
            return
        reasoning = self.reasoning.toPlainText().strip()
        if not reasoning:
            self.show_error(strings.THRESHOLD_NEED_REASONING)
            self.reasoning.setFocus()
            return
        fields = {
            "level": self.chosen_level(),
            "evidence": {k: v for k, v in self.evidence().items() if v},
            "reasoning": reasoning,
            "consulted": self.consulted.text().strip(),
            "concern_ids": self.concern_ids(),
            "decided_on": to_date(self.decided_on),
        }
        guidance_ops.record_threshold_decision(self.session, self.child_id, fields, self._saved, self.show_error)

    def _saved(self, result: Saved[ThresholdDecision]) -> None:
        self.saved = result.value
        self.accept()
