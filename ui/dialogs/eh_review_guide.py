"""The Early Help review guide: a stepped review whose first, required question is how life has improved
for the child (DOMAIN.md, learning 1).

Steps: how life has improved (an answer only about services is gently asked "and what is different for
the child?" and cannot go on until it describes the child's life), the child's voice, progress per goal,
judgement and decision, then what the guidance says next (revise the targets, start a MASH enquiry draft).
Wording comes from ``resources/guidance/practice.toml``; the guide matches prompts on their codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from dslapp.guidance import early_help as guide
from dslapp.guidance.config import get_config
from dslapp.guidance.learning_cards import LearningEvent
from dslapp.guidance.prompts import ActionCode, Prompt, PromptCode
from dslapp.models import EarlyHelpPlan, EarlyHelpReview, Judgement, Referral, ReviewDecision
from dslapp.services.early_help import Reviewed
from ui import strings, theme
from ui.dialogs.early_help_plan import ReviseGoalsDialog
from ui.dialogs.guidance_common import PromptPanel, date_edit, text_box, to_date
from ui.operations import guidance_ops
from ui.operations.results import Saved
from ui.operations.session import Session
from ui.widgets.common import text_label
from ui.widgets.learning_card import add_cards_for, show_voice_check


class ReviewGuide(QDialog):
    """Emits ``mash_draft_started(referral)`` when the DSL starts a MASH enquiry draft from the guide."""

    mash_draft_started = Signal(object)
    LIFE, VOICE, GOALS, DECISION, NEXT = range(5)

    def __init__(
        self,
        session: Session,
        plan: EarlyHelpPlan,
        reviews: Sequence[EarlyHelpReview],
        child_name: str,
        on: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.plan = plan
        self.reviews = guide.reviews_of(plan, reviews)
        self.child_name = child_name
        self.on = on
        self.result_: Reviewed | None = None
        self.referral: Any = None
        self.config = get_config()
        settings = self.config.early_help
        self.setWindowTitle(strings.EH_REVIEW_WINDOW.format(child=child_name))
        self.resize(880, 720)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(22, 18, 22, 16)
        outer.setSpacing(10)
        outer.addWidget(text_label(strings.EH_REVIEW_FOR.format(child=child_name), "PageTitle"))
        self.step_label = text_label("", "PageSubtitle")
        outer.addWidget(self.step_label)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)

        # 1. how has life improved for the child?
        _page, layout = self._page()
        question = text_label(settings.life_improved_question, "SectionTitle", wrap=True)
        question.setStyleSheet("font-size: 17px;")
        layout.addWidget(question)
        layout.addWidget(text_label(settings.life_improved_hint, "Hint", wrap=True))
        self.life_improved = text_box(strings.EH_LIFE_PLACEHOLDER, 150)
        self.life_improved.setAccessibleName(settings.life_improved_question)
        layout.addWidget(self.life_improved)
        self.nudge = PromptPanel(guide.services_follow_up(child_name, self.config), tone="info")
        self.nudge.hide()
        layout.addWidget(self.nudge)
        layout.addStretch(1)

        # 2. the child's voice
        _page, layout = self._page()
        form = self._form(layout)
        self.held_on = date_edit(on)
        form.addRow(strings.EH_REVIEW_HELD_ON, self.held_on)
        self.attendees = QLineEdit(", ".join(plan.taf_members))
        self.attendees.setPlaceholderText(strings.EH_ATTENDEES_PLACEHOLDER)
        form.addRow(strings.EH_ATTENDEES, self.attendees)
        since = self.reviews[-1].held_on if self.reviews else plan.started_on
        self.child_voice = text_box(strings.EH_VOICE_PLACEHOLDER.format(child=child_name, since=since), 130)
        form.addRow(strings.EH_VOICE_LABEL.format(child=child_name), self.child_voice)
        self.impact = text_box(strings.EH_IMPACT_PLACEHOLDER.format(child=child_name), 70)
        form.addRow(strings.EH_IMPACT_LABEL, self.impact)
        layout.addStretch(1)

        # 3. progress per goal
        _page, layout = self._page()
        layout.addWidget(text_label(strings.EH_SCORE_HINT, "Hint"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        goals = QVBoxLayout(holder)
        goals.setContentsMargins(0, 0, 6, 0)
        self.scores: dict[str, tuple[QSpinBox, QLineEdit]] = {}
        last = {str(p.goal_id): p.score for r in self.reviews for p in r.goal_progress}
        for goal in plan.goals:
            card = QFrame()
            card.setObjectName("Card")
            grid = QGridLayout(card)
            grid.setContentsMargins(12, 10, 12, 10)
            grid.addWidget(text_label(goal.what_will_change, "Value", wrap=True), 0, 0, 1, 3)
            before = last.get(str(goal.goal_id), goal.baseline)
            grid.addWidget(text_label(strings.EH_GOAL_SCORES.format(baseline=goal.baseline, last=before), "Hint"), 1, 0)
            score = QSpinBox()
            score.setRange(0, 10)
            score.setValue(before)
            score.setAccessibleName(strings.EH_SCORE_NAME.format(goal=goal.what_will_change))
            grid.addWidget(text_label(strings.EH_SCORE_NOW, "FieldLabel"), 1, 1, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(score, 1, 2)
            evidence = QLineEdit()
            evidence.setPlaceholderText(strings.EH_EVIDENCE_PLACEHOLDER)
            grid.addWidget(evidence, 2, 0, 1, 3)
            grid.setColumnStretch(0, 1)
            goals.addWidget(card)
            self.scores[str(goal.goal_id)] = (score, evidence)
        goals.addStretch(1)
        scroll.setWidget(holder)
        layout.addWidget(scroll, 1)

        # 4. judgement and decision
        _page, layout = self._page()
        layout.addWidget(text_label(strings.EH_OVERALL, "SectionTitle"))
        row = QHBoxLayout()
        self.judgement = QButtonGroup(self)
        self.judgement_buttons: dict[Judgement, QRadioButton] = {}
        for number, judgement in enumerate(Judgement):
            button = QRadioButton(judgement.label)
            self.judgement.addButton(button, number)
            self.judgement_buttons[judgement] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        form = self._form(layout)
        self.decision = QComboBox()
        for decision in ReviewDecision:
            self.decision.addItem(decision.label, decision.value)
        form.addRow(strings.EH_DECISION, self.decision)
        self.reasons = text_box(strings.EH_DECISION_REASONS_PLACEHOLDER, 80)
        self.reasons.setMaximumHeight(120)
        self.decision.setMaximumWidth(340)
        form.addRow(strings.EH_DECISION_REASONS, self.reasons)
        self.next_review = date_edit(guide.next_review_default(on, self.config))
        self.next_label = QLabel(strings.EH_NEXT_REVIEW_FIELD)
        form.addRow(self.next_label, self.next_review)
        closing = guide.closing_prompt(self.config)
        self.closing_label = text_label(closing.message, "SectionTitle", wrap=True)
        self.closing = text_box(strings.EH_DIFFERENT_PLACEHOLDER, 90)
        self.closing.setMaximumHeight(140)
        self.closing.setAccessibleName(closing.title)
        form.addRow(self.closing_label)
        form.addRow(self.closing)
        self.voice_check = show_voice_check(
            session, form, str(plan.child_id), on, self, lambda: not self.closing.isHidden()
        )
        self.decision.currentIndexChanged.connect(self._decision_changed)
        self.held_on.dateChanged.connect(
            lambda _d: self.next_review.setDate(
                self.held_on.date().addDays(self.config.early_help.review_interval_weeks * 7)
            )
        )
        layout.addStretch(1)
        self._decision_changed()

        # 5. what next
        _page, layout = self._page()
        self.saved_label = text_label("", "SectionTitle", wrap=True)
        layout.addWidget(self.saved_label)
        self.prompts_box = QVBoxLayout()
        self.prompts_box.setSpacing(10)
        layout.addLayout(self.prompts_box)
        self.outcome = text_label("", "Value", wrap=True)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        self.panels: list[PromptPanel] = []

        self.error = text_label("", wrap=True)
        self.error.setStyleSheet(f"color: {theme.colours().danger};")
        outer.addWidget(self.error)
        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(strings.CANCEL)
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        self.back_button = QPushButton(strings.BACK)
        self.back_button.clicked.connect(self.back)
        buttons.addWidget(self.back_button)
        self.next_button = QPushButton(strings.NEXT)
        self.next_button.setObjectName("Primary")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        buttons.addWidget(self.next_button)
        self.done_button = QPushButton(strings.DONE)
        self.done_button.setObjectName("Primary")
        self.done_button.clicked.connect(self.accept)
        buttons.addWidget(self.done_button)
        outer.addLayout(buttons)
        self.show_step(self.LIFE)

    # ---- pages ------------------------------------------------------------------------------------

    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(10)
        self.stack.addWidget(page)
        return page, layout

    @staticmethod
    def _form(layout: QVBoxLayout) -> QFormLayout:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)
        return form

    def show_step(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        self.step_label.setText(
            strings.EH_REVIEW_STEP.format(
                number=step + 1, count=len(strings.EH_REVIEW_STEPS), step=strings.EH_REVIEW_STEPS[step]
            )
        )
        self.error.clear()
        finished = step == self.NEXT
        self.back_button.setVisible(0 < step < self.NEXT)
        self.next_button.setVisible(not finished)
        self.next_button.setText(strings.EH_REVIEW_SAVE if step == self.DECISION else strings.NEXT)
        self.cancel_button.setVisible(not finished)
        self.done_button.setVisible(finished)

    def step(self) -> int:
        return self.stack.currentIndex()

    def _decision_changed(self, *_: object) -> None:
        ending = ReviewDecision(self.decision.currentData()) in guide.ENDING_DECISIONS
        self.closing_label.setVisible(ending)
        self.closing.setVisible(ending)
        self.voice_check.setVisible(ending and bool(self.voice_check.property("has_prompt")))
        self.next_label.setVisible(not ending)
        self.next_review.setVisible(not ending)

    # ---- moving on --------------------------------------------------------------------------------

    def back(self) -> None:
        if 0 < self.step() < self.NEXT:
            self.show_step(self.step() - 1)

    def next(self) -> None:
        step = self.step()
        if step == self.LIFE:
            text = self.life_improved.toPlainText().strip()
            if not text:
                self.error.setText(self.config.early_help.errors.life_improved_required)
                self.life_improved.setFocus()
                return
            if guide.life_improved_is_about_services(text, self.config):
                self.nudge.show()  # asked gently, and the guide waits for the child's lived experience
                self.life_improved.setFocus()
                return
            self.nudge.hide()
        if step == self.DECISION:
            self.save()
            return
        self.show_step(step + 1)

    def fields(self) -> dict[str, Any]:
        checked = self.judgement.checkedId()
        decision = ReviewDecision(self.decision.currentData())
        fields: dict[str, Any] = {
            "held_on": to_date(self.held_on).isoformat(),
            "attendees": [a.strip() for a in self.attendees.text().split(",") if a.strip()],
            "life_improved": self.life_improved.toPlainText().strip(),
            "child_voice": self.child_voice.toPlainText().strip(),
            "impact_on_child": self.impact.toPlainText().strip(),
            "goal_progress": [
                {"goal_id": goal_id, "score": score.value(), "evidence": evidence.text().strip()}
                for goal_id, (score, evidence) in self.scores.items()
            ],
            "overall": list(Judgement)[checked].value if checked >= 0 else None,
            "decision": decision.value,
            "decision_reasons": self.reasons.toPlainText().strip(),
        }
        if decision not in guide.ENDING_DECISIONS:
            fields["next_review"] = to_date(self.next_review).isoformat()
        return fields

    def save(self) -> None:
        fields = self.fields()
        if fields["overall"] is None:
            self.error.setText(strings.EH_NEED_JUDGEMENT)
            return
        ending = ReviewDecision(fields["decision"]) in guide.ENDING_DECISIONS
        if ending and not self.closing.toPlainText().strip():
            self.error.setText(guide.closing_prompt(self.config).message)
            self.closing.setFocus()
            return
        problem = "" if ending else guide.review_date_problem(to_date(self.held_on), to_date(self.next_review))
        if problem:
            self.error.setText(problem)
            return
        guidance_ops.review_plan(self.session, str(self.plan.id), fields, self._saved, self._failed)

    def _failed(self, error: Exception) -> None:
        self.error.setText(str(error))

    def _saved(self, saved: Saved[Reviewed]) -> None:
        self.result_ = saved.value
        review = saved.value.review
        self.saved_label.setText(
            strings.EH_REVIEW_SAVED.format(held_on=review.held_on, judgement=review.overall.label.lower())
        )
        for prompt in saved.prompts:
            self._add_prompt(prompt)
        for event in (LearningEvent.EH_REVIEW_RECORDED, LearningEvent.CASE_CLOSED):
            add_cards_for(self.session, self.prompts_box, event, review, self.on, self)
        if review.decision in guide.ENDING_DECISIONS:
            guidance_ops.close_plan(
                self.session,
                str(self.plan.id),
                review.held_on,
                self.closing.toPlainText().strip(),
                lambda _p: self.outcome.setText(strings.EH_PLAN_CLOSED),
                self._failed,
            )
        self.show_step(self.NEXT)

    def _add_prompt(self, prompt: Prompt) -> None:
        if prompt.code == PromptCode.CLOSE_PLAN:
            return  # answered on the decision step
        panel = PromptPanel(prompt, self.act, tone="warning")
        self.panels.append(panel)
        self.prompts_box.addWidget(panel)

    # ---- the prompts' actions ---------------------------------------------------------------------

    def act(self, code: str) -> None:
        if code == ActionCode.REVISE_GOALS:
            plan = self.result_.plan if self.result_ is not None else self.plan
            self.revise_dialog = ReviseGoalsDialog(self.session, plan, self)
            self.revise_dialog.accepted.connect(lambda: self.outcome.setText(strings.EH_TARGETS_REVISED))
            self.revise_dialog.open()
        elif code == ActionCode.DRAFT_MASH_ENQUIRY:
            guidance_ops.start_mash_draft(self.session, str(self.plan.child_id), self._drafted, self._failed)

    def _drafted(self, saved: Saved[Referral]) -> None:
        referral = saved.value
        self.referral = referral
        for panel in self.panels:
            button = panel.buttons.get(ActionCode.DRAFT_MASH_ENQUIRY)
            if button is not None:
                button.setEnabled(False)
        self.outcome.setText(strings.EH_MASH_DRAFTED)
        self.mash_draft_started.emit(referral)

    def close_for_lock(self) -> None:
        self.reject()
