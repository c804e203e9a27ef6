"""Amend a record of concern: the record as it stands on the left, the amendment on the right, and a
required reason. The store keeps the original text with who, when and why (never edited in place)."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from dslapp.errors import CasebookError
from dslapp.models import Concern, Record
from dslapp.models.base import Amendment
from dslapp.services.concerns import DECISION_FIELDS, NeglectHistory
from ui import strings, theme
from ui.operations import casework
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.body_map import BodyMapEditor
from ui.widgets.common import field_label, set_invalid, text_label
from ui.widgets.concern_fields import CategoryList, ChildWordsBox, decision_combo, severity_combo, text_box
from ui.widgets.neglect_pattern import NeglectPatternBox
from ui.widgets.record_views import concern_html


class AmendConcernDialog(QDialog):
    amended = Signal(object)

    def __init__(
        self,
        session: Session,
        concern: Concern,
        amendments: list[Amendment] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.concern = concern
        self.setWindowTitle(strings.AMEND_TITLE)
        self.resize(1100, 760)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(text_label(strings.AMEND_TITLE, "PageTitle"))

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.setHandleWidth(12)
        original = QWidget()
        original_layout = QVBoxLayout(original)
        original_layout.setContentsMargins(0, 0, 0, 0)
        original_layout.addWidget(text_label(strings.AMEND_ORIGINAL, "SectionTitle"))
        self.original = QTextBrowser()
        self.original.setAccessibleName(strings.AMEND_ORIGINAL)
        self.original.setHtml(concern_html(concern, amendments or []))
        original_layout.addWidget(self.original, 1)
        splitter.addWidget(original)

        form = QWidget()
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, 8, 0)
        form_layout.setSpacing(5)
        form_layout.addWidget(text_label(strings.AMEND_CHANGES, "SectionTitle"))
        self.categories = CategoryList()
        self.categories.set_selected(c.value for c in concern.categories)
        self.categories.setMinimumHeight(150)
        self.severity = severity_combo()
        self.severity.setCurrentIndex(self.severity.findData(concern.severity.value))
        self.facts = text_box(strings.CONCERN_FACTS, height=110)
        self.facts.setPlainText(concern.what_happened)
        self.words = ChildWordsBox()
        self.words.edit.setPlainText(concern.child_words)
        self.body_notes = text_box(strings.CONCERN_BODY, height=44)
        self.body_notes.setPlainText(concern.body_map_notes)
        self.body_map = BodyMapEditor(stacked=True)
        self.body_map.set_marks([mark.model_dump(mode="json") for mark in concern.body_marks])
        self.immediate = text_box(strings.CONCERN_IMMEDIATE, height=56)
        self.immediate.setPlainText(concern.immediate_action)
        self.decision = decision_combo()
        self.decision.setCurrentIndex(self.decision.findData(concern.dsl_decision.value))
        self.reasons = text_box(strings.CONCERN_REASONS, height=56)
        self.reasons.setPlainText(concern.decision_reasons)
        self.pattern_box = NeglectPatternBox()
        self.pattern_box.refer_if.setPlainText(concern.refer_if)
        self.outcome = text_box(strings.CONCERN_OUTCOME, height=44)
        self.outcome.setPlainText(concern.outcome)
        self.impact = text_box(strings.CONCERN_IMPACT, placeholder=strings.CONCERN_IMPACT_HINT, height=56)
        self.impact.setPlainText(concern.impact_on_child)
        self.significant = QCheckBox(strings.CONCERN_SIGNIFICANT)
        self.significant.setChecked(concern.significant)
        for label, widget in (
            (strings.CONCERN_CATEGORIES, self.categories),
            (strings.CONCERN_SEVERITY, self.severity),
            (strings.CONCERN_FACTS, self.facts),
            (strings.CONCERN_WORDS, self.words.edit),
            (strings.CONCERN_BODY, self.body_notes),
            (strings.BODY_MAP, self.body_map),
            (strings.CONCERN_IMMEDIATE, self.immediate),
            (strings.CONCERN_DECISION, self.decision),
            (strings.CONCERN_REASONS, self.reasons),
            (strings.CONCERN_OUTCOME, self.outcome),
            (strings.CONCERN_IMPACT, self.impact),
        ):
            form_layout.addWidget(field_label(label, widget))
            form_layout.addWidget(self.words if widget is self.words.edit else widget)
            if widget is self.reasons:
                form_layout.addWidget(self.pattern_box)
        form_layout.addWidget(self.significant)
        scroll = QScrollArea()
        self.form_scroll = scroll
        scroll.setWidgetResizable(True)
        scroll.setWidget(form)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        self.reason = text_box(strings.AMEND_REASON, placeholder=strings.AMEND_REASON_HINT, height=52)
        self.reason.setMaximumHeight(110)  # the amendment itself gets the height
        layout.addWidget(field_label(strings.AMEND_REASON, self.reason))
        layout.addWidget(self.reason)
        footer = QHBoxLayout()
        self.error = text_label("", "InlineError", wrap=True)
        footer.addWidget(self.error, 1)
        cancel = QPushButton(strings.CANCEL)
        cancel.clicked.connect(self.reject)
        self.save_button = QPushButton(theme.icon("check", theme.colours().accent_text), strings.AMEND_SAVE)
        self.save_button.setObjectName("Primary")
        self.save_button.clicked.connect(self.save)
        footer.addWidget(cancel)
        footer.addWidget(self.save_button)
        layout.addLayout(footer)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        for signal in (
            self.categories.changed,
            self.facts.textChanged,
            self.words.edit.textChanged,
            self.decision.currentIndexChanged,
        ):
            signal.connect(self._refresh_pattern)
        if session.is_open:
            casework.load_neglect_history(session, str(concern.child_id), self._history_loaded, owner=self)
        self.facts.setFocus()

    def _history_loaded(self, history: NeglectHistory) -> None:
        if shiboken6.isValid(self):
            self.pattern_box.set_history(history)
            self._refresh_pattern()

    def _refresh_pattern(self, *_args: object) -> None:
        self.pattern_box.update_for(
            self.concern.id,
            self.concern.observed_at,
            self.categories.selected(),
            str(self.decision.currentData()),
            self.facts.toPlainText(),
            self.words.edit.toPlainText(),
        )

    def changes(self) -> dict[str, Any]:
        proposed: dict[str, Any] = {
            "categories": self.categories.selected(),
            "severity": self.severity.currentData(),
            "what_happened": self.facts.toPlainText().strip(),
            "child_words": self.words.edit.toPlainText().strip(),
            "body_map_notes": self.body_notes.toPlainText().strip(),
            "body_marks": self.body_map.marks(),
            "immediate_action": self.immediate.toPlainText().strip(),
            "dsl_decision": self.decision.currentData(),
            "decision_reasons": self.reasons.toPlainText().strip(),
            "refer_if": self.pattern_box.refer_if.toPlainText().strip(),
            "outcome": self.outcome.toPlainText().strip(),
            "impact_on_child": self.impact.toPlainText().strip(),
            "significant": self.significant.isChecked(),
        }
        current = self.concern.model_dump(mode="json")
        return {k: v for k, v in proposed.items() if current.get(k) != v}

    def save(self) -> None:
        reason = self.reason.toPlainText().strip()
        changes = self.changes()
        if not changes:
            self.error.setText(strings.AMEND_NOTHING)
            return
        self._refresh_pattern()
        if DECISION_FIELDS & changes.keys() and self.pattern_box.required():
            self.error.setText(strings.NEED_REFER_IF)
            set_invalid(self.pattern_box.refer_if, True)
            self.form_scroll.ensureWidgetVisible(self.pattern_box)
            self.pattern_box.refer_if.setFocus()
            return
        if not reason:
            self.error.setText(strings.AMEND_NEED_REASON)
            set_invalid(self.reason, True)
            self.reason.setFocus()
            return
        self.save_button.setEnabled(False)
        casework.amend_concern(self.session, str(self.concern.id), reason, changes, self._done, self._failed)

    def _done(self, saved: Saved[Record]) -> None:
        self.amended.emit(saved.value)
        self.accept()

    def _failed(self, error: CasebookError) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(str(error))
