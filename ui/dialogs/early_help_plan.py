"""Start an Early Help plan, and revise its SMART goals."""

from __future__ import annotations

from datetime import date
from typing import Any

import shiboken6
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dslapp.guidance.config import get_config
from dslapp.guidance.early_help import next_review_default, review_date_problem
from dslapp.models import EarlyHelpPlan
from ui import strings
from ui.dialogs.guidance_common import FormDialog, date_edit, text_box, to_date
from ui.operations import guidance_ops
from ui.operations.session import Session
from ui.widgets.common import text_label


class GoalRow(QFrame):
    def __init__(self, number: int, goal: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        goal = goal or {}
        self.goal_id = goal.get("goal_id")
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        self.heading = text_label(strings.EH_GOAL_HEADING.format(number=number), "SectionTitle")
        grid.addWidget(self.heading, 0, 0)
        self.remove = QPushButton(strings.EH_GOAL_REMOVE)
        grid.addWidget(self.remove, 0, 3)
        self.what = QLineEdit(goal.get("what_will_change", ""))
        self.what.setPlaceholderText(strings.EH_GOAL_WHAT_PLACEHOLDER)
        self.what.setAccessibleName(strings.EH_GOAL_WHAT_NAME)
        grid.addWidget(self.what, 1, 0, 1, 4)
        self.who = QLineEdit(goal.get("who_does_what", ""))
        self.who.setPlaceholderText(strings.EH_GOAL_WHO_PLACEHOLDER)
        self.who.setAccessibleName(strings.EH_GOAL_WHO_NAME)
        grid.addWidget(self.who, 2, 0, 1, 2)
        grid.addWidget(text_label(strings.EH_GOAL_BY_WHEN, "FieldLabel"), 2, 2)
        by_when = goal.get("by_when")
        self.by_when = date_edit(date.fromisoformat(by_when) if isinstance(by_when, str) else by_when)
        grid.addWidget(self.by_when, 2, 3)
        self.how = QLineEdit(goal.get("how_we_will_know", ""))
        self.how.setPlaceholderText(strings.EH_GOAL_HOW)
        self.how.setAccessibleName(strings.EH_GOAL_HOW)
        grid.addWidget(self.how, 3, 0, 1, 2)
        grid.addWidget(text_label(strings.EH_GOAL_BASELINE, "FieldLabel"), 3, 2)
        self.baseline = QSpinBox()
        self.baseline.setRange(0, 10)
        self.baseline.setValue(int(goal.get("baseline", 0)))
        self.baseline.setAccessibleName(strings.EH_GOAL_BASELINE_NAME)
        grid.addWidget(self.baseline, 3, 3)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "what_will_change": self.what.text().strip(),
            "who_does_what": self.who.text().strip(),
            "by_when": to_date(self.by_when).isoformat(),
            "how_we_will_know": self.how.text().strip(),
            "baseline": self.baseline.value(),
        }
        if self.goal_id:
            out["goal_id"] = str(self.goal_id)
        return out


class GoalsEditor(QWidget):
    def __init__(self, goals: list[dict[str, Any]] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[GoalRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.holder = QVBoxLayout()
        self.holder.setSpacing(8)
        layout.addLayout(self.holder)
        add = QHBoxLayout()
        self.add_button = QPushButton(strings.EH_ADD_GOAL)
        self.add_button.clicked.connect(lambda: self.add_goal())
        add.addWidget(self.add_button)
        add.addStretch(1)
        layout.addLayout(add)
        starting: list[dict[str, Any] | None] = list(goals) if goals else [None]  # one empty row to begin with
        for goal in starting:
            self.add_goal(goal)

    def add_goal(self, goal: dict[str, Any] | None = None) -> GoalRow:
        row = GoalRow(len(self.rows) + 1, goal)
        row.remove.clicked.connect(lambda: self._remove(row))
        self.rows.append(row)
        self.holder.addWidget(row)
        return row

    def _remove(self, row: GoalRow) -> None:
        if len(self.rows) > 1:
            self.rows.remove(row)
            row.deleteLater()
            for number, other in enumerate(self.rows, 1):
                other.heading.setText(strings.EH_GOAL_HEADING.format(number=number))

    def goals(self) -> list[dict[str, Any]]:
        return [r.data() for r in self.rows if r.what.text().strip()]


class StartPlanDialog(FormDialog):
    def __init__(self, session: Session, child_id: str, on: date, parent: QWidget | None = None) -> None:
        super().__init__(strings.EH_START_TITLE, strings.EH_START_INTRO, strings.EH_START_SAVE, parent)
        self.session = session
        self.child_id = child_id
        self.on = on
        self.resize(900, 820)
        self.started_on = date_edit(on)
        self.form.addRow(strings.EH_STARTED_ON, self.started_on)
        self.lead = QLineEdit()
        self.form.addRow(strings.EH_LEAD, self.lead)
        self.started_from = QComboBox()
        self.started_from.setAccessibleName(strings.EH_STARTED_FROM)
        self.started_from.addItem(strings.EH_STARTED_FROM_NONE, None)
        self.form.addRow(strings.EH_STARTED_FROM, self.started_from)
        guidance_ops.load_plan_starters(session, child_id, self._starters_loaded, owner=self)
        self.family_view = text_box(strings.EH_FAMILY_VIEW_PLACEHOLDER)
        self.form.addRow(strings.EH_FAMILY_VIEW, self.family_view)
        self.child_view = text_box(strings.EH_CHILD_VIEW_PLACEHOLDER)
        self.form.addRow(strings.EH_CHILD_VIEW, self.child_view)
        self.worries = text_box(strings.EH_WORRIES_PLACEHOLDER)
        self.form.addRow(strings.EH_WORRIES, self.worries)
        self.working_well = text_box(strings.EH_WORKING_WELL_PLACEHOLDER)
        self.form.addRow(strings.EH_WORKING_WELL, self.working_well)
        self.goals = GoalsEditor()
        self.form.addRow(strings.EH_SMART_GOALS, self.goals)
        self.taf = QLineEdit()
        self.taf.setPlaceholderText(strings.EH_TAF_PLACEHOLDER)
        self.form.addRow(strings.EH_TAF_LABEL, self.taf)
        settings = get_config().early_help
        self.next_review = date_edit(next_review_default(on))
        self.form.addRow(strings.EH_NEXT_REVIEW_FIELD, self.next_review)
        self.form.addRow(
            "",
            text_label(
                strings.EH_REVIEW_INTERVAL.format(
                    weeks=settings.review_interval_weeks, most=settings.max_review_interval_weeks
                ),
                "Hint",
            ),
        )
        self.started_on.dateChanged.connect(
            lambda _d: self.next_review.setDate(self.started_on.date().addDays(settings.review_interval_weeks * 7))
        )
        self.save_button.clicked.connect(self.save)

    def _starters_loaded(self, starters: list[tuple[str, str]]) -> None:
        if not shiboken6.isValid(self):
            return
        for record_id, label in starters:
            self.started_from.addItem(label, record_id)

    def fields(self) -> dict[str, Any]:
        return {
            "started_on": to_date(self.started_on).isoformat(),
            "lead_practitioner": self.lead.text().strip(),
            "started_from_id": self.started_from.currentData(),
            "family_view": self.family_view.toPlainText().strip(),
            "child_view": self.child_view.toPlainText().strip(),
            "worries": self.worries.toPlainText().strip(),
            "working_well": self.working_well.toPlainText().strip(),
            "goals": self.goals.goals(),
            "taf_members": [m.strip() for m in self.taf.text().split(",") if m.strip()],
            "next_review": to_date(self.next_review).isoformat(),
        }

    def save(self) -> None:
        fields = self.fields()
        if not fields["goals"]:
            self.show_error(strings.EH_NEED_GOAL)
            return
        problem = review_date_problem(to_date(self.started_on), to_date(self.next_review))
        if problem:
            self.show_error(problem)
            return
        guidance_ops.start_plan(self.session, self.child_id, fields, lambda _p: self.accept(), self.show_error)


class ReviseGoalsDialog(FormDialog):
    def __init__(self, session: Session, plan: EarlyHelpPlan, parent: QWidget | None = None) -> None:
        super().__init__(
            strings.EH_REVISE_TITLE,
            strings.EH_REVISE_INTRO,
            strings.EH_REVISE_SAVE,
            parent,
        )
        self.session = session
        self.plan = plan
        self.resize(860, 700)
        self.goals = GoalsEditor([g.model_dump(mode="json") for g in plan.goals])
        self.form.addRow(strings.EH_GOALS, self.goals)
        self.reason = text_box(strings.EH_REVISE_REASON_PLACEHOLDER, 60)
        self.form.addRow(strings.EH_REVISE_REASON, self.reason)
        self.save_button.clicked.connect(self.save)

    def save(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.show_error(strings.EH_NEED_REVISE_REASON)
            return
        goals = self.goals.goals()
        if not goals:
            self.show_error(strings.EH_NEED_ONE_GOAL)
            return
        guidance_ops.revise_goals(
            self.session, str(self.plan.id), goals, reason, lambda _p: self.accept(), self.show_error
        )


class ClosePlanDialog(FormDialog):
    """Closing a plan asks what has improved for the child (required)."""

    def __init__(self, session: Session, plan: EarlyHelpPlan, on: date, parent: QWidget | None = None) -> None:
        from dslapp.guidance.early_help import closing_prompt

        prompt = closing_prompt(get_config())
        super().__init__(prompt.title, prompt.message, strings.EH_CLOSE_PLAN, parent)
        self.session = session
        self.plan = plan
        self.resize(640, 420)
        self.closed_on = date_edit(on)
        self.form.addRow(strings.EH_CLOSED_ON, self.closed_on)
        self.what_improved = text_box(strings.EH_DIFFERENT_PLACEHOLDER, 120)
        self.what_improved.setAccessibleName(prompt.title)
        self.form.addRow(strings.EH_IMPROVED_LABEL, self.what_improved)
        from ui.widgets.learning_card import show_voice_check

        self.voice_check = show_voice_check(session, self.form, str(plan.child_id), on, self)
        self.save_button.clicked.connect(self.save)

    def save(self) -> None:
        text = self.what_improved.toPlainText().strip()
        if not text:
            self.show_error(get_config().early_help.prompts.close)
            return
        guidance_ops.close_plan(
            self.session, str(self.plan.id), to_date(self.closed_on), text, lambda _p: self.accept(), self.show_error
        )
