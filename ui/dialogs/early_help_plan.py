"""Start an Early Help plan, and revise its SMART goals."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
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
from ui.dialogs.guidance_common import FormDialog, date_edit, text_box, to_date
from ui.operations import guidance_ops
from ui.operations.session import Session
from ui.widgets.common import text_label

START_TITLE = "Start an Early Help plan"
START_INTRO = (
    "A family-led plan. Write the family's view and the child's view in their own words, what we are worried "
    "about and what is working well, then SMART goals: what will change, who does what, by when, and how we "
    "will know, each with a 0–10 baseline."
)
REVISE_TITLE = "Revise the targets"


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
        self.heading = text_label(f"Goal {number}", "SectionTitle")
        grid.addWidget(self.heading, 0, 0)
        self.remove = QPushButton("Remove")
        grid.addWidget(self.remove, 0, 3)
        self.what = QLineEdit(goal.get("what_will_change", ""))
        self.what.setPlaceholderText("What will change for the child")
        self.what.setAccessibleName("What will change")
        grid.addWidget(self.what, 1, 0, 1, 4)
        self.who = QLineEdit(goal.get("who_does_what", ""))
        self.who.setPlaceholderText("Who does what (owner)")
        self.who.setAccessibleName("Who does what")
        grid.addWidget(self.who, 2, 0, 1, 2)
        grid.addWidget(text_label("By when", "FieldLabel"), 2, 2)
        by_when = goal.get("by_when")
        self.by_when = date_edit(date.fromisoformat(by_when) if isinstance(by_when, str) else by_when)
        grid.addWidget(self.by_when, 2, 3)
        self.how = QLineEdit(goal.get("how_we_will_know", ""))
        self.how.setPlaceholderText("How we will know")
        self.how.setAccessibleName("How we will know")
        grid.addWidget(self.how, 3, 0, 1, 2)
        grid.addWidget(text_label("Baseline (0–10)", "FieldLabel"), 3, 2)
        self.baseline = QSpinBox()
        self.baseline.setRange(0, 10)
        self.baseline.setValue(int(goal.get("baseline", 0)))
        self.baseline.setAccessibleName("Baseline")
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
        self.add_button = QPushButton("Add a goal")
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
                other.heading.setText(f"Goal {number}")

    def goals(self) -> list[dict[str, Any]]:
        return [r.data() for r in self.rows if r.what.text().strip()]


class StartPlanDialog(FormDialog):
    def __init__(self, session: Session, child_id: str, on: date, parent: QWidget | None = None) -> None:
        super().__init__(START_TITLE, START_INTRO, "Start the plan", parent)
        self.session = session
        self.child_id = child_id
        self.on = on
        self.resize(900, 820)
        self.started_on = date_edit(on)
        self.form.addRow("Started on", self.started_on)
        self.lead = QLineEdit()
        self.form.addRow("Lead practitioner", self.lead)
        self.family_view = text_box("What the family says, in their words")
        self.form.addRow("The family's view", self.family_view)
        self.child_view = text_box("What the child says, in their own words")
        self.form.addRow("The child's view", self.child_view)
        self.worries = text_box("What are we worried about?")
        self.form.addRow("What we are worried about", self.worries)
        self.working_well = text_box("What is working well?")
        self.form.addRow("What is working well", self.working_well)
        self.goals = GoalsEditor()
        self.form.addRow("SMART goals", self.goals)
        self.taf = QLineEdit()
        self.taf.setPlaceholderText("Names and roles, separated by commas")
        self.form.addRow("TAF members", self.taf)
        settings = get_config().early_help
        self.next_review = date_edit(next_review_default(on))
        self.form.addRow("Next review", self.next_review)
        self.form.addRow(
            "",
            text_label(
                f"Default {settings.review_interval_weeks} weeks; at most {settings.max_review_interval_weeks}.",
                "Hint",
            ),
        )
        self.started_on.dateChanged.connect(
            lambda _d: self.next_review.setDate(self.started_on.date().addDays(settings.review_interval_weeks * 7))
        )
        self.save_button.clicked.connect(self.save)

    def fields(self) -> dict[str, Any]:
        return {
            "started_on": to_date(self.started_on).isoformat(),
            "lead_practitioner": self.lead.text().strip(),
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
            self.show_error("Add at least one SMART goal: what will change for the child.")
            return
        problem = review_date_problem(to_date(self.started_on), to_date(self.next_review))
        if problem:
            self.show_error(problem)
            return
        guidance_ops.start_plan(self.session, self.child_id, fields, lambda _p: self.accept(), self.show_error)


class ReviseGoalsDialog(FormDialog):
    def __init__(self, session: Session, plan: EarlyHelpPlan, parent: QWidget | None = None) -> None:
        super().__init__(
            REVISE_TITLE,
            "Change the goals so they measure what must be different for the child. The previous goals are kept "
            "in the plan's history.",
            "Save the new targets",
            parent,
        )
        self.session = session
        self.plan = plan
        self.resize(860, 700)
        self.goals = GoalsEditor([g.model_dump(mode="json") for g in plan.goals])
        self.form.addRow("Goals", self.goals)
        self.reason = text_box("Why the targets are changing", 60)
        self.form.addRow("Reason", self.reason)
        self.save_button.clicked.connect(self.save)

    def save(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.show_error("Say why the targets are changing.")
            return
        goals = self.goals.goals()
        if not goals:
            self.show_error("Keep at least one goal.")
            return
        guidance_ops.revise_goals(
            self.session, str(self.plan.id), goals, reason, lambda _p: self.accept(), self.show_error
        )


class ClosePlanDialog(FormDialog):
    """Closing a plan asks what has improved for the child (required)."""

    def __init__(self, session: Session, plan: EarlyHelpPlan, on: date, parent: QWidget | None = None) -> None:
        from dslapp.guidance.early_help import closing_prompt

        prompt = closing_prompt(get_config())
        super().__init__(prompt.title, prompt.message, "Close the plan", parent)
        self.session = session
        self.plan = plan
        self.resize(640, 420)
        self.closed_on = date_edit(on)
        self.form.addRow("Closed on", self.closed_on)
        self.what_improved = text_box("What is different in the child's life now", 120)
        self.what_improved.setAccessibleName(prompt.title)
        self.form.addRow("What has improved", self.what_improved)
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
