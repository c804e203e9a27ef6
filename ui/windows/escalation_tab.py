"""The Escalations tab: disagreements under the Case Resolution Protocol, stage by stage, with respond-by
dates, responses, stepping up (suggested when a stage's timescale passes) and the outcome.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from dslapp.guidance import escalation as guide
from dslapp.guidance.config import get_config
from dslapp.guidance.learning_cards import LearningEvent
from dslapp.models import Escalation, Record
from dslapp.models.referral import DisagreementType
from ui import strings, theme
from ui.dialogs.escalation_form import EscalationForm
from ui.dialogs.guidance_common import FormDialog, PromptPanel, date_edit, text_box, to_date
from ui.formatting import dmy
from ui.models.records import Column
from ui.operations import guidance_ops
from ui.operations.session import Session
from ui.widgets.learning_card import show_cards_for
from ui.widgets.record_tab import RecordTab


def _stage_title(number: int) -> str:
    try:
        return guide.stage(number).title
    except Exception:
        return strings.ESCALATION_STAGE.format(number=number)


class StartEscalationDialog(EscalationForm):
    def __init__(self, session: Session, child_id: str, on: date, parent: QWidget | None = None) -> None:
        config = get_config()
        super().__init__(
            strings.ESCALATION_START, config.learning.challenge.text, strings.ESCALATION_START_SAVE, parent
        )
        self.session = session
        self.child_id = child_id
        self.resize(720, 560)
        self.disagreement = QComboBox()
        for kind, label in guide.disagreement_types().items():
            self.disagreement.addItem(label, kind.value)
        self.form.addRow(strings.ESCALATION_ABOUT, self.disagreement)
        self.add_escalation_fields(on, 110)

    def save(self) -> None:
        summary = self.summary(strings.ESCALATION_NEED_SUMMARY)
        if not summary:
            return
        guidance_ops.start_escalation(
            self.session,
            self.child_id,
            DisagreementType(self.disagreement.currentData()),
            to_date(self.raised_on),
            summary,
            self.with_whom.text().strip(),
            self._started,
            self.show_error,
        )


class ResponseDialog(FormDialog):
    def __init__(self, session: Session, step: Escalation, on: date, parent: QWidget | None = None) -> None:
        super().__init__(
            strings.ESCALATION_RESPOND,
            strings.ESCALATION_RESPOND_INTRO.format(stage=_stage_title(step.stage), with_whom=step.with_whom),
            strings.ESCALATION_RESPONSE_SAVE,
            parent,
        )
        self.session = session
        self.step = step
        self.resize(640, 420)
        self.on = date_edit(on)
        self.form.addRow(strings.ESCALATION_RESPONDED_ON, self.on)
        self.outcome = text_box(strings.ESCALATION_RESPONSE_PLACEHOLDER, 110)
        self.form.addRow(strings.ESCALATION_RESPONSE, self.outcome)
        self.resolved = QCheckBox(strings.ESCALATION_RESOLVES)
        self.form.addRow("", self.resolved)
        self.save_button.clicked.connect(self.save)

    def save(self) -> None:
        text = self.outcome.toPlainText().strip()
        if not text:
            self.show_error(strings.ESCALATION_NEED_RESPONSE)
            return
        guidance_ops.record_escalation_response(
            self.session,
            str(self.step.id),
            to_date(self.on),
            text,
            self.resolved.isChecked(),
            lambda _e: self.accept(),
            self.show_error,
        )


class StepUpDialog(FormDialog):
    def __init__(self, session: Session, step: Escalation, on: date, parent: QWidget | None = None) -> None:
        following = guide.next_stage(step.stage)
        title = following.title if following else strings.ESCALATION_STEP_UP
        super().__init__(
            strings.ESCALATION_STEP_UP,
            f"{title}. {following.advice if following else ''}".strip(),
            strings.ESCALATION_STEP_UP_SAVE,
            parent,
        )
        self.session = session
        self.step = step
        self.resize(680, 460)
        self.on = date_edit(on)
        self.form.addRow(strings.ESCALATION_RAISED_ON, self.on)
        self.with_whom = QLineEdit()
        self.with_whom.setPlaceholderText(following.with_whom if following else "")
        self.form.addRow(strings.ESCALATION_WITH_WHOM, self.with_whom)
        self.summary = text_box(strings.ESCALATION_STEP_UP_PLACEHOLDER, 110)
        self.summary.setPlainText(step.summary)
        self.form.addRow(strings.ESCALATION_SUMMARY, self.summary)
        self.save_button.clicked.connect(self.save)

    def save(self) -> None:
        text = self.summary.toPlainText().strip()
        if not text:
            self.show_error(strings.ESCALATION_NEED_STEP_UP_SUMMARY)
            return
        guidance_ops.step_up_escalation(
            self.session,
            str(self.step.id),
            to_date(self.on),
            text,
            self.with_whom.text().strip(),
            lambda _e: self.accept(),
            self.show_error,
        )


class EscalationTab(RecordTab):
    def __init__(
        self, session: Session, child_id: str, on: date, detail: Callable[[Record], str], parent: QWidget | None = None
    ) -> None:
        self.items: list[Escalation] = []
        self.panel: PromptPanel | None = None
        super().__init__(
            session,
            child_id,
            on,
            [
                Column[Escalation](
                    strings.ESCALATION_COLUMN_RAISED, lambda e: dmy(e.raised_on), lambda e: e.raised_on.isoformat(), 96
                ),
                Column[Escalation](strings.ESCALATION_COLUMN_STAGE, lambda e: _stage_title(e.stage), width=170),
                Column[Escalation](strings.ESCALATION_COLUMN_STATE, self._state, width=130),
                Column[Escalation](
                    strings.ESCALATION_COLUMN_RESPOND_BY,
                    lambda e: dmy(e.respond_by),
                    lambda e: str(e.respond_by or ""),
                    96,
                ),
                Column[Escalation](strings.ESCALATION_COLUMN_WITH, lambda e: e.with_whom, width=160),
                Column[Escalation](
                    strings.ESCALATION_COLUMN_SUMMARY, lambda e: e.summary.strip().splitlines()[0] if e.summary else ""
                ),
            ],
            detail=detail,
            colour=lambda e: theme.colours().danger if guide.response_overdue(e, self.on, self.items) else None,
            name=strings.ESCALATION_LIST_NAME,
            parent=parent,
        )
        self.start_button = self.add_action(strings.ESCALATION_START, self.start, icon="plus", primary=True)
        self.respond_button = self.add_action(strings.ESCALATION_RESPOND, self.respond)
        self.step_button = self.add_action(strings.ESCALATION_STEP_UP, self.step_up)
        self.update_actions()

    def _state(self, step: Escalation) -> str:
        if step.resolved_on:
            return strings.ESCALATION_RESOLVED.format(date=dmy(step.resolved_on))
        if guide.later_step(step, self.items) is not None:
            return strings.ESCALATION_STEPPED_UP
        if guide.response_overdue(step, self.on, self.items):
            return strings.ESCALATION_OVERDUE
        return strings.ESCALATION_RESPONDED if not guide.awaiting_response(step) else strings.ESCALATION_AWAITING

    def hold(self, items: Sequence[Escalation]) -> None:
        self.items = list(items)

    def update_items(self, items: Sequence[Escalation]) -> None:
        self.set_items(items)  # a row's colour depends on the later steps: the few rows shown again

    def current_step(self) -> Escalation | None:
        step = self.listing.current()
        if not isinstance(step, Escalation) or step.resolved_on or guide.later_step(step, self.items):
            return None
        return step

    def update_actions(self) -> None:
        step = self.current_step()
        self.respond_button.setEnabled(step is not None)
        self.step_button.setEnabled(step is not None and guide.next_stage(step.stage) is not None)
        if self.panel is not None:
            self.panel.deleteLater()
            self.panel = None
        prompt = guide.next_stage_prompt(step, self.on, self.items) if step is not None else None
        if prompt is not None:
            self.panel = PromptPanel(prompt, lambda _code: self.step_up(), tone="warning")
            self.above_list.addWidget(self.panel)

    def start(self) -> None:
        dialog = self.show_dialog(StartEscalationDialog(self.session, self.child_id, self.on, self))
        dialog.started.connect(self._started)

    def _started(self, escalation: Escalation, raised_on: date) -> None:
        show_cards_for(self.session, self, LearningEvent.ESCALATION_CONSIDERED, escalation, raised_on)

    def respond(self) -> None:
        step = self.current_step()
        if step is not None:
            self.show_dialog(ResponseDialog(self.session, step, self.on, self))

    def step_up(self) -> None:
        step = self.current_step()
        if step is not None and guide.next_stage(step.stage) is not None:
            self.show_dialog(StepUpDialog(self.session, step, self.on, self))
