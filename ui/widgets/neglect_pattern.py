"""The neglect pattern inside the concern form's decision box: shown before saving whenever the decision is
not to refer and the child has a pattern of neglect indicator concerns, with the earlier concerns' count and
dates, the learning in one line, and the required "What would make you refer?".

The child's concerns come once from ``ui.operations.casework.load_neglect_history``; the pattern is worked
out here as the DSL types, by the same pure rule the concern service applies when saving.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QPlainTextEdit, QVBoxLayout, QWidget

from dslapp.guidance import neglect
from dslapp.guidance.config import get_config
from dslapp.models import Category, DslDecision
from dslapp.services.concerns import NeglectHistory
from ui import strings
from ui.widgets.common import field_label, set_invalid, text_label
from ui.widgets.concern_fields import text_box


class NeglectPatternBox(QFrame):
    """Hidden unless it applies; ``required()`` says whether ``refer_if`` must be filled in to save."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setProperty("tone", "warning")
        self.history: NeglectHistory | None = None
        self._applies = False
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        self.heading = text_label(strings.CONCERN_PATTERN_HEADING, "SectionTitle", wrap=True)
        self.earlier = text_label("", wrap=True)
        self.learning = text_label("", wrap=True)
        self.refer_if: QPlainTextEdit = text_box(
            strings.CONCERN_REFER_IF, placeholder=strings.CONCERN_REFER_IF_HINT, height=64
        )
        self.refer_if.setMaximumHeight(96)
        self.refer_if.textChanged.connect(self.changed.emit)
        about = QVBoxLayout()
        about.setSpacing(4)
        about.addWidget(self.heading)
        about.addWidget(self.earlier)
        about.addWidget(self.learning)
        about.addStretch(1)
        grid.addLayout(about, 0, 0, 2, 1)
        grid.addWidget(field_label(strings.CONCERN_REFER_IF, self.refer_if), 0, 1)
        grid.addWidget(self.refer_if, 1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        self.hide()

    def set_history(self, history: NeglectHistory | None) -> None:
        self.history = history

    def update_for(
        self,
        concern_id: uuid.UUID,
        observed_at: datetime,
        categories: list[str],
        decision: str,
        what_happened: str,
        child_words: str,
    ) -> None:
        """Work out the pattern for the concern as it now stands in the form, and show or hide the box."""
        pattern = None
        if self.history is not None:
            draft = neglect.DraftConcern(
                concern_id,
                observed_at,
                tuple(Category(c) for c in categories),
                DslDecision(decision),
                child_words,
                what_happened,
            )
            config = get_config()
            pattern = self.history.pattern_for(draft, config)
            if pattern is not None and neglect.earlier_in_pattern(pattern, draft):
                self.earlier.setText(neglect.decision_pattern_text(pattern, draft, config))
                self.learning.setText(
                    strings.CONCERN_PATTERN_LEARNING.format(learning=config.learning.persistent.title)
                )
            else:
                pattern = None
        self._applies = pattern is not None
        self.setVisible(self._applies)
        if not self._applies:
            set_invalid(self.refer_if, False)

    def applies(self) -> bool:
        return self._applies

    def required(self) -> bool:
        return self._applies and not self.refer_if.toPlainText().strip()

    def text(self) -> str:
        return self.refer_if.toPlainText().strip()
