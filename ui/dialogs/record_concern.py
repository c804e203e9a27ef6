"""Record a concern: fast and keyboard-first, autosaved as an encrypted draft while it is typed.

The DSL decision always needs reasons (a decision not to refer most of all). Saving writes the concern
and its follow-up actions in one transaction and removes the draft. Closing before saving asks whether
to keep the draft; locking keeps it without asking; after a lock or a crash the draft is offered back.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from dslapp.errors import CasebookError
from dslapp.models import Child, Concern
from dslapp.models.roll import RollPupil
from dslapp.services.children import ChildSummary
from dslapp.services.concerns import NeglectHistory
from dslapp.services.drafts import Draft
from dslapp.services.roll import ROLL_KIND
from ui import strings, theme
from ui.formatting import dmy, when_saved
from ui.operations import casework, roll_ops
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.body_map import BodyMapEditor
from ui.widgets.common import DemoBadge, field_label, set_invalid, text_label
from ui.widgets.concern_fields import (
    ActionsEditor,
    CategoryList,
    ChildWordsBox,
    decision_combo,
    severity_combo,
    text_box,
)
from ui.widgets.neglect_pattern import NeglectPatternBox

AUTOSAVE_MS = 4000
ROLL_PREFIX = "roll:"
"""Item data of a school-roll pupil with no file yet in the child picker (a child's item data is its id)."""
DEFAULT_ACTION_DAYS = 7


def _default_size(parent: QWidget | None) -> QSize:
    """As tall as the screen allows (up to the whole form), so the decision is in view on a large screen."""
    screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    available = screen.availableGeometry() if screen is not None else None
    height = 900 if available is None else min(900, available.height() - 60)
    width = 1080 if available is None else min(1080, available.width() - 40)
    return QSize(width, max(height, 560))


class RecordConcernDialog(QDialog):
    saved = Signal(object)  # the Concern
    cards = Signal(object)  # the learning cards chosen for the decision in the same job (a tuple, maybe empty)

    def __init__(
        self,
        session: Session,
        *,
        child_id: str | None = None,
        draft: Draft | None = None,
        now: Callable[[], datetime] = datetime.now,
        today: Callable[[], date] | None = None,
        autosave_ms: int = AUTOSAVE_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._now = now
        self._today = today or (lambda: now().date())
        self.draft_id = draft.id if draft else casework.new_draft_id()
        self._draft_exists = draft is not None
        self._dirty = False
        self._closing = False
        self._saving = False
        self._wanted_roll = str(draft.data.get("roll_pupil") or "") if draft else ""
        self._wanted_child = (
            child_id or (draft.child_id if draft else None) or (draft.data.get("child_id") if draft else None)
        )
        self.setWindowTitle(strings.CONCERN_TITLE)
        self.setModal(False)
        self.setMinimumSize(860, 560)
        self.resize(_default_size(parent))

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        header = QHBoxLayout()
        header.setContentsMargins(24, 18, 24, 10)
        title = text_label(strings.CONCERN_TITLE, "PageTitle")
        header.setSpacing(12)
        header.addWidget(title)
        if session.demo:
            header.addWidget(DemoBadge(strings.DEMO_BADGE), 0, Qt.AlignmentFlag.AlignVCenter)
        header.addStretch(1)
        self.draft_label = text_label(strings.CONCERN_DRAFT_NOT_YET, "Hint")
        header.addWidget(self.draft_label)
        outer.addLayout(header)

        scroll = QScrollArea()
        self.form_scroll = scroll
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(24, 4, 24, 12)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(0, 0)
        grid.setColumnStretch(1, 1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        # ---- left column: who, when, where, what kind
        left = QVBoxLayout()
        left.setSpacing(5)
        self.child_combo = QComboBox()
        self.child_combo.setEditable(True)
        self.child_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.child_combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(strings.CONCERN_CHILD_PLACEHOLDER)
        completer = self.child_combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.observed = QDateTimeEdit(QDateTime(now().replace(second=0, microsecond=0)))
        self.observed.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.observed.setCalendarPopup(True)
        self.reporter = QLineEdit(session.user_name)
        self.reporter_role = QLineEdit(session.user_role)
        self.where = QLineEdit()
        self.where.setPlaceholderText(strings.CONCERN_WHERE_PLACEHOLDER)
        self.severity = severity_combo()
        self.categories = CategoryList()
        self.categories.setObjectName("Categories")
        self.categories.setMinimumHeight(300)

        def pair(first: tuple[str, QWidget], second: tuple[str, QWidget], ratio: tuple[int, int]) -> QGridLayout:
            row = QGridLayout()
            row.setHorizontalSpacing(10)
            row.setVerticalSpacing(5)
            for column, (label, widget) in enumerate((first, second)):
                row.addWidget(field_label(label, widget), 0, column)
                row.addWidget(widget, 1, column)
                row.setColumnStretch(column, ratio[column])
            return row

        left.addWidget(field_label(strings.CONCERN_CHILD, self.child_combo))
        left.addWidget(self.child_combo)
        self.roll_hint = text_label(strings.ROLL_PICKER_HINT, "Hint", wrap=True)
        self.roll_hint.setVisible(False)
        left.addWidget(self.roll_hint)
        left.addSpacing(4)
        left.addLayout(
            pair((strings.CONCERN_OBSERVED, self.observed), (strings.CONCERN_SEVERITY, self.severity), (3, 2))
        )
        left.addSpacing(4)
        left.addLayout(
            pair((strings.CONCERN_REPORTER, self.reporter), (strings.CONCERN_REPORTER_ROLE, self.reporter_role), (3, 2))
        )
        left.addSpacing(4)
        left.addWidget(field_label(strings.CONCERN_WHERE, self.where))
        left.addWidget(self.where)
        left.addSpacing(4)
        left.addWidget(field_label(strings.CONCERN_CATEGORIES, self.categories))
        left.addWidget(self.categories, 1)
        left_holder = QWidget()
        left_holder.setLayout(left)
        left_holder.setFixedWidth(360)
        left.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(left_holder, 0, 0)

        # ---- right column: the account
        right = QVBoxLayout()
        right.setSpacing(5)
        right.setContentsMargins(0, 0, 0, 0)
        self.facts = text_box(strings.CONCERN_FACTS, placeholder=strings.CONCERN_FACTS_HINT, height=130)
        self.words = ChildWordsBox()
        self.body_notes = text_box(strings.CONCERN_BODY, placeholder=strings.CONCERN_BODY_PLACEHOLDER, height=48)
        self.body_notes.setMaximumHeight(72)
        self.immediate = text_box(strings.CONCERN_IMMEDIATE, height=60)
        self.immediate.setMaximumHeight(96)
        self.impact = text_box(strings.CONCERN_IMPACT, placeholder=strings.CONCERN_IMPACT_HINT, height=48)
        self.impact.setMaximumHeight(72)
        self.follows = QComboBox()
        self.follows.setAccessibleName(strings.CONCERN_FOLLOWS)
        self.follows.addItem(strings.CONCERN_FOLLOWS_NONE, None)
        self._wanted_follows: str | None = None
        right.addWidget(field_label(strings.CONCERN_FACTS, self.facts))
        right.addWidget(self.facts, 3)
        right.addSpacing(3)
        words_label = field_label(strings.CONCERN_WORDS, self.words.edit)
        right.addWidget(words_label)
        right.addWidget(self.words, 2)
        right.addSpacing(3)
        right.addWidget(field_label(strings.CONCERN_BODY, self.body_notes))
        right.addWidget(self.body_notes)
        right.addSpacing(3)
        right.addWidget(field_label(strings.CONCERN_IMMEDIATE, self.immediate))
        right.addWidget(self.immediate)
        right.addSpacing(3)
        right.addWidget(field_label(strings.CONCERN_IMPACT, self.impact))
        right.addWidget(self.impact)
        right.addSpacing(3)
        right.addWidget(field_label(strings.CONCERN_FOLLOWS, self.follows))
        right.addWidget(self.follows)
        grid.addLayout(right, 0, 1)

        # ---- decision, actions, chronology (full width)
        decision_card = QFrame()
        decision_card.setObjectName("Card")
        decision = QGridLayout(decision_card)
        decision.setContentsMargins(16, 12, 16, 12)
        decision.setHorizontalSpacing(16)
        decision.setVerticalSpacing(5)
        self.decision = decision_combo()
        self.reasons = text_box(strings.CONCERN_REASONS, placeholder=strings.CONCERN_REASONS_HINT, height=56)
        decision.addWidget(field_label(strings.CONCERN_DECISION, self.decision), 0, 0)
        decision.addWidget(self.decision, 1, 0, Qt.AlignmentFlag.AlignTop)
        decision.addWidget(field_label(strings.CONCERN_REASONS, self.reasons), 0, 1)
        decision.addWidget(self.reasons, 1, 1)
        # the neglect pattern and "what would make you refer?", shown while the decision is not to refer
        self.pattern_box = NeglectPatternBox()
        decision.addWidget(self.pattern_box, 2, 0, 1, 2)
        self.action_rows = ActionsEditor(session.user_name, QDate(now().date() + timedelta(days=DEFAULT_ACTION_DAYS)))
        decision.addWidget(field_label(strings.CONCERN_ACTIONS), 3, 0, 1, 2)
        decision.addWidget(self.action_rows, 4, 0, 1, 2)
        self.significant = QCheckBox(strings.CONCERN_SIGNIFICANT)
        decision.addWidget(self.significant, 5, 0, 1, 2)
        decision.setColumnStretch(1, 1)
        self.decision.setMinimumWidth(290)
        # ---- body map (full width, above the decision)
        body_card = QFrame()
        body_card.setObjectName("Card")
        body_layout = QVBoxLayout(body_card)
        body_layout.setContentsMargins(16, 12, 16, 12)
        body_layout.setSpacing(6)
        self.body_map = BodyMapEditor()
        self.body_map_toggle = QPushButton(strings.BODY_MAP_SHOW)
        self.body_map_toggle.setCheckable(True)
        self.body_map_toggle.setAutoDefault(False)
        self.body_map_toggle.toggled.connect(self._show_body_map)
        self.body_map_note = text_label(strings.BODY_MAP_COLLAPSED, "Hint")
        body_header = QHBoxLayout()
        body_header.addWidget(field_label(strings.BODY_MAP, self.body_map.canvas))
        body_header.addSpacing(12)
        body_header.addWidget(self.body_map_note)
        body_header.addStretch(1)
        body_header.addWidget(self.body_map_toggle)
        body_layout.addLayout(body_header)
        body_layout.addWidget(self.body_map)
        self.body_map.hide()  # shown on request (or when a draft has marks): the decision stays in view
        grid.addWidget(body_card, 1, 0, 1, 2)
        grid.addWidget(decision_card, 2, 0, 1, 2)
        grid.setRowStretch(3, 1)

        # ---- footer
        footer = QHBoxLayout()
        footer.setContentsMargins(24, 10, 24, 16)
        footer.setSpacing(8)
        self.error = text_label("", "InlineError", wrap=True)
        self.error.setAccessibleName(strings.CONCERN_ERROR_NAME)
        footer.addWidget(self.error, 1)
        self.original: Path | None = None
        self.original_button = QPushButton(theme.icon("plus"), strings.ATTACH_ORIGINAL)
        self.original_button.setToolTip(strings.ATTACH_ORIGINAL_TIP)
        self.original_button.setAutoDefault(False)
        self.original_button.clicked.connect(self.choose_original)
        self.original_label = text_label("", "Hint")
        self.original_clear = QPushButton(strings.ATTACH_ORIGINAL_CLEAR)
        self.original_clear.setAutoDefault(False)
        self.original_clear.clicked.connect(lambda: self.set_original(None))
        self.original_clear.setVisible(False)
        footer.addWidget(self.original_label)
        footer.addWidget(self.original_clear)
        footer.addWidget(self.original_button)
        self.cancel_button = QPushButton(strings.CANCEL)
        self.cancel_button.clicked.connect(self.close)
        self.save_button = QPushButton(theme.icon("check", theme.colours().accent_text), strings.CONCERN_SAVE)
        self.save_button.setObjectName("Primary")
        self.save_button.setToolTip(strings.CONCERN_SAVE_TIP)
        self.save_button.clicked.connect(self.save)
        self.save_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)
        footer.addWidget(self.cancel_button)
        footer.addWidget(self.save_button)
        outer.addLayout(footer)

        for keys in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.save)
        # the same keys while typing in any field, even where the window manager has not activated us
        for editor in self.findChildren(QWidget):
            if isinstance(editor, QLineEdit | QPlainTextEdit):
                editor.installEventFilter(self)

        # ---- drafts and change tracking
        self._autosave = QTimer(self)
        self._autosave.setInterval(autosave_ms)
        self._autosave.timeout.connect(self.autosave_now)
        for signal in (
            self.observed.dateTimeChanged,
            self.reporter.textChanged,
            self.reporter_role.textChanged,
            self.where.textChanged,
            self.severity.currentIndexChanged,
            self.categories.changed,
            self.facts.textChanged,
            self.words.edit.textChanged,
            self.body_notes.textChanged,
            self.body_map.changed,
            self.immediate.textChanged,
            self.impact.textChanged,
            self.follows.currentIndexChanged,
            self.decision.currentIndexChanged,
            self.reasons.textChanged,
            self.action_rows.changed,
            self.significant.toggled,
            self.child_combo.currentIndexChanged,
            self.pattern_box.changed,
        ):
            signal.connect(self._changed)
        self._pattern_id = uuid.uuid4()  # the new concern's stand-in id while the pattern is worked out
        self._history_for: str | None = None
        for signal in (
            self.observed.dateTimeChanged,
            self.categories.changed,
            self.facts.textChanged,
            self.words.edit.textChanged,
            self.decision.currentIndexChanged,
        ):
            signal.connect(self._refresh_pattern)
        self.child_combo.currentIndexChanged.connect(self._load_history)

        if draft is not None:
            self.load_data(draft.data)
            self.draft_label.setText(strings.CONCERN_DRAFT_SAVED.format(when=when_saved(draft.updated_at, self._now())))
            self._dirty = False
        casework.load_children(session, self._children_loaded, owner=self)
        self.child_combo.currentIndexChanged.connect(self._load_followable)
        self.child_combo.currentIndexChanged.connect(self._show_roll_hint)
        session.changed.connect(self._session_changed)
        self._autosave.start()
        (self.facts if self._wanted_child else self.child_combo).setFocus()

    # ---- children ---------------------------------------------------------------------------------

    def _children_loaded(self, children: list[ChildSummary]) -> None:
        dirty = self._dirty
        self.child_combo.blockSignals(True)
        self.child_combo.clear()
        for child in children:
            year = f", {child.year_group}" if child.year_group else ""
            self.child_combo.addItem(f"{child.display_name} ({dmy(child.dob)}{year})", child.id)
        index = self.child_combo.findData(self._wanted_child) if self._wanted_child else -1
        self.child_combo.setCurrentIndex(index)
        if index < 0:
            self.child_combo.setEditText("")
        self.child_combo.blockSignals(False)
        self._dirty = dirty
        self._load_history()
        self._load_followable()
        if self._wanted_child:
            self.facts.setFocus()
        else:
            self.child_combo.setFocus()
        roll_ops.load_roll_pupils(self.session, self._roll_loaded, owner=self)

    def _show_roll_hint(self, *_args: object) -> None:
        self.roll_hint.setVisible(self.roll_pupil_key() is not None)
        line = self.child_combo.lineEdit()
        if line is not None and not line.hasFocus():
            line.setCursorPosition(0)  # the name, not the end of a long entry

    def _roll_loaded(self, pupils: list[RollPupil]) -> None:
        """Pupils on the school roll with no file yet, after the children: choosing one starts their file."""
        if not shiboken6.isValid(self):
            return
        dirty = self._dirty
        self.child_combo.blockSignals(True)
        for index in reversed(range(self.child_combo.count())):
            if str(self.child_combo.itemData(index)).startswith(ROLL_PREFIX):
                self.child_combo.removeItem(index)
        for pupil in pupils:
            year = f", {pupil.year_group}" if pupil.year_group else ""
            label = strings.ROLL_PICKER_ITEM.format(name=pupil.display_name, dob=dmy(pupil.dob), year=year)
            self.child_combo.addItem(label, ROLL_PREFIX + pupil.key)
        if self._wanted_roll and self.child_combo.currentIndex() < 0:
            index = self.child_combo.findData(ROLL_PREFIX + self._wanted_roll)
            self.child_combo.setCurrentIndex(index)
        self.child_combo.blockSignals(False)
        self._show_roll_hint()
        self._dirty = dirty

    def _session_changed(self, changes: Any) -> None:
        if shiboken6.isValid(self) and changes.touches("child") and self.session.is_open:
            self._wanted_child = self.child_id() or self._wanted_child
            casework.load_children(self.session, self._children_loaded, owner=self)
        elif shiboken6.isValid(self) and changes.touches(ROLL_KIND) and self.session.is_open:
            self._wanted_roll = self.roll_pupil_key() or self._wanted_roll
            roll_ops.load_roll_pupils(self.session, self._roll_loaded, owner=self)  # a new roll was imported
        elif shiboken6.isValid(self) and changes.touches(Concern.KIND) and self.session.is_open:
            self._history_for = None
            self._load_history()

    # ---- the neglect pattern in the decision box ----------------------------------------------------

    def _load_history(self, *_args: object) -> None:
        child_id = self.child_id()
        if child_id == self._history_for or not self.session.is_open:
            return
        self._history_for = child_id
        if not child_id:
            self._history_loaded(None)
            return
        casework.load_neglect_history(self.session, child_id, self._history_loaded, owner=self)

    def _history_loaded(self, history: NeglectHistory | None) -> None:
        if shiboken6.isValid(self):
            self.pattern_box.set_history(history)
            self._refresh_pattern()

    def _refresh_pattern(self, *_args: object) -> None:
        self.pattern_box.update_for(
            self._pattern_id,
            _py_datetime(self.observed),
            self.categories.selected(),
            str(self.decision.currentData()),
            self.facts.toPlainText(),
            self.words.edit.toPlainText(),
        )

    def _load_followable(self, *_args: object) -> None:
        child_id = self.child_id()
        if child_id and self.session.is_open:
            casework.load_followable_referrals(self.session, child_id, self._followable_loaded, owner=self)

    def _followable_loaded(self, referrals: list[tuple[str, str]]) -> None:
        if not shiboken6.isValid(self):
            return
        dirty = self._dirty
        wanted = self.follows.currentData() or self._wanted_follows
        self.follows.blockSignals(True)
        self.follows.clear()
        self.follows.addItem(strings.CONCERN_FOLLOWS_NONE, None)
        for referral_id, label in referrals:
            self.follows.addItem(label, referral_id)
        self.follows.setCurrentIndex(max(0, self.follows.findData(wanted)) if wanted else 0)
        self.follows.blockSignals(False)
        self._dirty = dirty

    def _chosen(self) -> str | None:
        """The chosen item's data: a child's id, or a roll pupil's key after ROLL_PREFIX."""
        index = self.child_combo.currentIndex()
        if index < 0:
            return None
        # an edited-away name leaves the index pointing at the old item: check the text still matches
        if self.child_combo.currentText() != self.child_combo.itemText(index):
            found = self.child_combo.findText(self.child_combo.currentText())
            return str(self.child_combo.itemData(found)) if found >= 0 else None
        return str(self.child_combo.itemData(index))

    def child_id(self) -> str | None:
        chosen = self._chosen()
        return None if chosen is None or chosen.startswith(ROLL_PREFIX) else chosen

    def roll_pupil_key(self) -> str | None:
        """The school-roll pupil chosen (no file yet: saving starts one), or None."""
        chosen = self._chosen()
        return chosen.removeprefix(ROLL_PREFIX) if chosen and chosen.startswith(ROLL_PREFIX) else None

    def select_child(self, child_id: str) -> None:
        self._wanted_child = child_id
        index = self.child_combo.findData(child_id)
        if index >= 0:
            self.child_combo.setCurrentIndex(index)

    # ---- data -------------------------------------------------------------------------------------

    def data(self) -> dict[str, Any]:
        """Everything typed so far (what a draft holds)."""
        return {
            "child_id": self.child_id() or (None if self.roll_pupil_key() else self._wanted_child),
            "roll_pupil": self.roll_pupil_key() or "",
            "observed_at": _py_datetime(self.observed).isoformat(),
            "reporter_name": self.reporter.text(),
            "reporter_role": self.reporter_role.text(),
            "where": self.where.text(),
            "severity": self.severity.currentData(),
            "categories": self.categories.selected(),
            "what_happened": self.facts.toPlainText(),
            "child_words": self.words.edit.toPlainText(),
            "body_map_notes": self.body_notes.toPlainText(),
            "body_marks": self.body_map.marks(),
            "immediate_action": self.immediate.toPlainText(),
            "impact_on_child": self.impact.toPlainText(),
            "follows_id": self.follows.currentData(),
            "dsl_decision": self.decision.currentData(),
            "decision_reasons": self.reasons.toPlainText(),
            "refer_if": self.pattern_box.refer_if.toPlainText(),
            "actions": [r.values() for r in self.action_rows.rows],
            "significant": self.significant.isChecked(),
        }

    def load_data(self, data: dict[str, Any]) -> None:
        if data.get("child_id"):
            self.select_child(str(data["child_id"]))
        with contextlib.suppress(TypeError, ValueError):
            self.observed.setDateTime(QDateTime(datetime.fromisoformat(str(data.get("observed_at")))))
        self.reporter.setText(str(data.get("reporter_name", "")))
        self.reporter_role.setText(str(data.get("reporter_role", "")))
        self.where.setText(str(data.get("where", "")))
        self.severity.setCurrentIndex(max(self.severity.findData(data.get("severity")), 0))
        self.categories.set_selected(data.get("categories", []))
        self.facts.setPlainText(str(data.get("what_happened", "")))
        self.words.edit.setPlainText(str(data.get("child_words", "")))
        self.body_notes.setPlainText(str(data.get("body_map_notes", "")))
        marks = data.get("body_marks", [])
        self.body_map.set_marks(marks if isinstance(marks, list) else [])
        if self.body_map.marks():
            self.body_map_toggle.setChecked(True)
        self.immediate.setPlainText(str(data.get("immediate_action", "")))
        self.impact.setPlainText(str(data.get("impact_on_child", "")))
        self._wanted_follows = str(data["follows_id"]) if data.get("follows_id") else None
        self.follows.setCurrentIndex(max(0, self.follows.findData(self._wanted_follows)))
        self.decision.setCurrentIndex(max(self.decision.findData(data.get("dsl_decision")), 0))
        self.reasons.setPlainText(str(data.get("decision_reasons", "")))
        self.pattern_box.refer_if.setPlainText(str(data.get("refer_if", "")))
        for action in data.get("actions", []):
            self.action_rows.add_row(action)
        self.significant.setChecked(bool(data.get("significant")))

    def has_content(self) -> bool:
        return any(
            box.toPlainText().strip()
            for box in (self.facts, self.words.edit, self.body_notes, self.immediate, self.impact, self.reasons)
        ) or bool(
            self.categories.selected()
            or self.where.text().strip()
            or self.action_rows.values()
            or self.body_map.marks()
        )

    def _show_body_map(self, shown: bool) -> None:
        self.body_map.setVisible(shown)
        self.body_map_note.setVisible(not shown)
        self.body_map_toggle.setText(strings.BODY_MAP_HIDE if shown else strings.BODY_MAP_SHOW)
        if shown:
            QTimer.singleShot(0, lambda: self.form_scroll.ensureWidgetVisible(self.body_map, 0, 40))

    def _changed(self, *_args: object) -> None:
        self._dirty = True
        if self.error.text():
            self.error.setText("")

    # ---- drafts -----------------------------------------------------------------------------------

    def autosave_now(self) -> None:
        """Save the draft if anything changed since the last save (on a timer, on lock and on close)."""
        if not self._dirty or self._saving or not self.has_content() or not self.session.is_open:
            return
        self._dirty = False
        self._draft_exists = True
        casework.save_draft(
            self.session, self.data(), self.child_id() or self._wanted_child, self.draft_id, on_done=self._draft_saved
        )

    def _draft_saved(self, _draft_id: str) -> None:
        if shiboken6.isValid(self.draft_label):  # the dialog may have closed while the draft was written
            self.draft_label.setText(strings.CONCERN_DRAFT_SAVED.format(when=when_saved(self._now(), self._now())))

    def close_for_lock(self) -> None:
        """The casebook is locking: keep what was typed as a draft, without asking, and close."""
        self._dirty = self._dirty or (self.has_content() and not self._draft_exists)
        self.autosave_now()
        self._closing = True
        self._autosave.stop()
        self.close()

    # ---- saving -----------------------------------------------------------------------------------

    def validate(self) -> tuple[dict[str, Any], list[dict[str, str]]] | None:
        def problem(message: str, widget: QWidget) -> None:
            self.error.setText(message)
            set_invalid(widget, True)
            widget.setFocus()

        for widget in (self.child_combo, self.reporter, self.categories, self.facts, self.reasons):
            set_invalid(widget, False)
        set_invalid(self.pattern_box.refer_if, False)
        child_id = self.child_id()
        if not child_id and not self.roll_pupil_key():
            problem(strings.NEED_CHILD, self.child_combo)
            return None
        observed = _py_datetime(self.observed)
        if observed > self._now() + timedelta(minutes=5):
            problem(strings.OBSERVED_IN_FUTURE, self.observed)
            return None
        if not self.reporter.text().strip():
            problem(strings.NEED_REPORTER, self.reporter)
            return None
        if not self.categories.selected():
            problem(strings.NEED_CATEGORY, self.categories)
            return None
        if not self.facts.toPlainText().strip():
            problem(strings.NEED_FACTS, self.facts)
            return None
        if self.decision.currentData() != "pending" and not self.reasons.toPlainText().strip():
            problem(strings.NEED_REASONS, self.reasons)
            return None
        self._refresh_pattern()
        if self.pattern_box.required():
            problem(strings.NEED_REFER_IF, self.pattern_box.refer_if)
            self.form_scroll.ensureWidgetVisible(self.pattern_box)
            return None
        incomplete = self.action_rows.incomplete()
        if incomplete is not None:
            problem(strings.NEED_ACTION_FIELDS, incomplete.owner)
            return None
        now = self._now().replace(microsecond=0)
        fields: dict[str, Any] = {
            "child_id": child_id or "",
            "observed_at": observed.isoformat(),
            "recorded_at": max(now, observed).isoformat(),
            "reporter_name": self.reporter.text().strip(),
            "reporter_role": self.reporter_role.text().strip(),
            "categories": self.categories.selected(),
            "severity": self.severity.currentData(),
            "where": self.where.text().strip(),
            "what_happened": self.facts.toPlainText().strip(),
            "child_words": self.words.edit.toPlainText().strip(),
            "body_map_notes": self.body_notes.toPlainText().strip(),
            "body_marks": self.body_map.marks(),
            "immediate_action": self.immediate.toPlainText().strip(),
            "impact_on_child": self.impact.toPlainText().strip(),
            "follows_id": self.follows.currentData(),
            "dsl_decision": self.decision.currentData(),
            "decision_reasons": self.reasons.toPlainText().strip(),
            "refer_if": self.pattern_box.text() if self.pattern_box.applies() else "",
            "significant": self.significant.isChecked(),
        }
        return fields, self.action_rows.values()

    def save(self) -> None:
        if self._saving:
            return
        checked = self.validate()
        if checked is None:
            return
        fields, actions = checked
        self._saving = True
        self._autosave.stop()
        self.save_button.setEnabled(False)
        pupil_key = self.roll_pupil_key()
        if pupil_key and not fields["child_id"]:
            # the child is on the school roll with no file yet: start the file from the roll (audited), then save
            roll_ops.add_child_from_roll(
                self.session,
                pupil_key,
                lambda saved: self._roll_child_made(saved, fields, actions),
                self._save_failed,
                owner=self,
            )
            return
        self._record(fields, actions)

    def _roll_child_made(self, saved: Saved[Child], fields: dict[str, Any], actions: list[dict[str, str]]) -> None:
        child_id = str(saved.value.id)
        self._wanted_roll = ""
        self.select_child(child_id)
        self._record({**fields, "child_id": child_id}, actions)

    def _record(self, fields: dict[str, Any], actions: list[dict[str, str]]) -> None:
        casework.record_concern(
            self.session,
            fields,
            actions,
            self.draft_id if self._draft_exists else None,
            self._saved,
            self._save_failed,
            original=self.original,
            on=self._today(),
        )

    def choose_original(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, strings.ATTACH_ORIGINAL, "", strings.ATTACH_PICK_FILTER)
        if chosen:
            self.set_original(Path(chosen))

    def set_original(self, path: Path | None) -> None:
        """The scan or photo of the paper form to attach as this concern's original when it is saved."""
        self.original = path
        self.original_label.setText(strings.ATTACH_ORIGINAL_CHOSEN.format(name=path.name) if path else "")
        self.original_clear.setVisible(path is not None)

    def _saved(self, saved: Saved[Concern]) -> None:
        concern = saved.value
        self._closing = True
        self.saved.emit(concern)
        self.cards.emit(saved.cards)
        self.accept()

    def _save_failed(self, error: CasebookError) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self._autosave.start()
        self.error.setText(str(error))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and _is_save_key(event):
            self.save()
            return True
        return super().eventFilter(watched, event)

    # ---- closing ----------------------------------------------------------------------------------

    def reject(self) -> None:
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing or not self.has_content():
            self._autosave.stop()
            if not self._closing and self._draft_exists and not self.has_content():
                casework.discard_draft(self.session, self.draft_id)
            self._closing = True
            event.accept()
            self.done(QDialog.DialogCode.Rejected)
            return
        answer = self.ask_keep_draft()
        if answer == QMessageBox.StandardButton.Cancel:
            event.ignore()
            return
        self._autosave.stop()
        if answer == QMessageBox.StandardButton.Discard:
            if self._draft_exists:
                casework.discard_draft(self.session, self.draft_id)
        else:
            self._dirty = True
            self.autosave_now()
        self._closing = True
        event.accept()
        self.done(QDialog.DialogCode.Rejected)

    def ask_keep_draft(self) -> QMessageBox.StandardButton:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(strings.CONCERN_CLOSE_TITLE)
        box.setText(strings.CONCERN_CLOSE_TEXT)
        keep = box.addButton(strings.CONCERN_KEEP_DRAFT, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(strings.DISCARD, QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(strings.CANCEL, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        role = box.buttonRole(clicked) if clicked else QMessageBox.ButtonRole.RejectRole
        if role == QMessageBox.ButtonRole.AcceptRole:
            return QMessageBox.StandardButton.Save
        if role == QMessageBox.ButtonRole.DestructiveRole:
            return QMessageBox.StandardButton.Discard
        return QMessageBox.StandardButton.Cancel


def _is_save_key(event: QKeyEvent) -> bool:
    control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
    return control and event.key() in (Qt.Key.Key_S, Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _py_datetime(edit: QDateTimeEdit) -> datetime:
    value = edit.dateTime().toPython()
    assert isinstance(value, datetime)
    return value
