"""The Early Help tab of a child's record: plans (goals, baselines, TAF, next review) and their reviews,
with "Start Early Help plan", the review guide, closing a plan and the Levels of Need tool.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from html import escape
from typing import Any

from PySide6.QtWidgets import QWidget

from dslapp.guidance import early_help as guide
from dslapp.guidance.config import get_config
from dslapp.models import Concern, EarlyHelpPlan, EarlyHelpReview, Record, ThresholdDecision
from dslapp.models.early_help import LEVEL_LABELS, PlanStatus
from ui import strings
from ui.formatting import dmy
from ui.models.records import Column
from ui.operations import casework
from ui.operations.session import Session
from ui.widgets.common import text_label
from ui.widgets.record_tab import RecordTab


def plan_html(plan: EarlyHelpPlan, reviews: Sequence[EarlyHelpReview]) -> str:
    """A plan as the DSL reads it: views, worries, SMART goals with baseline and latest score, TAF, reviews."""
    latest = {str(p.goal_id): p.score for r in reviews for p in r.goal_progress}
    parts = [f"<h3>{strings.EH_PLAN_STARTED.format(date=dmy(plan.started_on))}</h3>"]
    status = (
        strings.EH_STATUS_OPEN
        if plan.status == PlanStatus.OPEN
        else strings.EH_STATUS_CLOSED.format(date=dmy(plan.closed_on))
    )
    parts.append(
        f"<p><b>{strings.EH_STATUS}</b> {status}"
        + (f" · <b>{strings.EH_NEXT_REVIEW_LABEL}</b> {dmy(plan.next_review)}" if plan.next_review else "")
        + "</p>"
    )
    for label, text in (
        (strings.EH_LEAD, plan.lead_practitioner),
        (strings.EH_FAMILY_VIEW, plan.family_view),
        (strings.EH_CHILD_VIEW, plan.child_view),
        (strings.EH_WORRIES, plan.worries),
        (strings.EH_WORKING_WELL, plan.working_well),
        (strings.EH_IMPROVED, plan.closing_summary),
    ):
        if text:
            parts.append(f"<p><b>{label}</b><br>{escape(text)}</p>")
    rows = "".join(
        f"<tr><td>{escape(g.what_will_change)}</td><td>{escape(g.who_does_what)}</td><td>{dmy(g.by_when)}</td>"
        f"<td>{escape(g.how_we_will_know)}</td><td align='center'>{g.baseline}</td>"
        f"<td align='center'>{latest.get(str(g.goal_id), '—')}</td></tr>"
        for g in plan.goals
    )
    parts.append(
        f"<p><b>{strings.EH_SMART_GOALS}</b></p><table cellspacing='0' cellpadding='4' border='1' width='100%'>"
        f"<tr>{''.join(f'<th>{title}</th>' for title in strings.EH_GOAL_COLUMNS)}</tr>{rows}</table>"
    )
    if plan.taf_members:
        parts.append(f"<p><b>{strings.EH_TAF}</b> {escape(', '.join(plan.taf_members))}</p>")
    if reviews:
        items = "".join(
            f"<li>{dmy(r.held_on)}: <b>{r.overall.label}</b>, {r.decision.label.lower()}. "
            f"{escape(r.life_improved)}{_mark_html(r)}</li>"
            for r in reviews
        )
        parts.append(f"<p><b>{strings.EH_REVIEWS}</b></p><ul>{items}</ul>")
    return "".join(parts)


def review_mark(review: EarlyHelpReview) -> str:
    """The guidance's mark on a review whose "how has life improved?" answer describes services (else "")."""
    config = get_config()
    return config.early_help.describes_services_mark if guide.describes_services(review, config) else ""


def _mark_html(review: EarlyHelpReview) -> str:
    mark = review_mark(review)
    return f" <b>({escape(mark)})</b>" if mark else ""


def summary(record: Record) -> str:
    if isinstance(record, EarlyHelpPlan):
        state = strings.EH_SUMMARY_OPEN if record.status == PlanStatus.OPEN else strings.EH_SUMMARY_CLOSED
        review = strings.EH_SUMMARY_REVIEW.format(date=dmy(record.next_review)) if record.next_review else ""
        return strings.EH_SUMMARY.format(goals=len(record.goals), state=state, review=review)
    if isinstance(record, EarlyHelpReview):
        first_line = record.life_improved.strip().splitlines()[0] if record.life_improved else ""
        mark = review_mark(record)
        return f"{record.overall.label} ({mark}): {first_line}" if mark else f"{record.overall.label}: {first_line}"
    if isinstance(record, ThresholdDecision):
        return f"{LEVEL_LABELS.get(record.level, record.level)}: {record.reasoning.strip().splitlines()[0]}"
    return ""


class EarlyHelpTab(RecordTab):
    def __init__(
        self,
        session: Session,
        child_id: str,
        on: date,
        opened: Callable[[], Any],
        detail: Callable[[Record], str],
        parent: QWidget | None = None,
    ) -> None:
        self.opened = opened
        self._detail = detail
        self.plans: list[EarlyHelpPlan] = []
        self.reviews: list[EarlyHelpReview] = []
        super().__init__(
            session,
            child_id,
            on,
            [
                Column[Record](
                    strings.EH_COLUMN_DATE, lambda r: dmy(r.occurred_on()), lambda r: str(r.occurred_on()), 100
                ),
                Column[Record](strings.EH_COLUMN_RECORD, lambda r: r.LABEL, width=170),
                Column[Record](strings.EH_COLUMN_SUMMARY, summary),
            ],
            detail=self._html,
            name=strings.EH_LIST_NAME,
            parent=parent,
        )
        self.start_button = self.add_action(strings.EH_START_PLAN, self.start_plan, icon="plus", primary=True)
        self.review_button = self.add_action(strings.EH_REVIEW_PLAN, self.review_plan)
        self.close_button = self.add_action(strings.EH_CLOSE_PLAN, self.close_plan)
        self.threshold_button = self.add_action(strings.THRESHOLD_TITLE, self.threshold_tool)
        self.hint = text_label("", "Hint")
        self.trailing.addWidget(self.hint)
        self.update_actions()

    def hold(self, items: Sequence[Record]) -> None:
        self.plans = [r for r in items if isinstance(r, EarlyHelpPlan)]
        self.reviews = [r for r in items if isinstance(r, EarlyHelpReview)]

    def _html(self, record: Record) -> str:
        if isinstance(record, EarlyHelpPlan):
            return plan_html(
                record, [r for r in sorted(self.reviews, key=lambda r: r.held_on) if r.plan_id == record.id]
            )
        if isinstance(record, EarlyHelpReview) and (mark := review_mark(record)):
            return f"{self._detail(record)}<p><b>{escape(mark)}</b></p>"
        return self._detail(record)

    def current_plan(self) -> EarlyHelpPlan | None:
        """The selected plan (or the plan of the selected review), else the latest open plan."""
        record = self.listing.current()
        if isinstance(record, EarlyHelpReview):
            record = next((p for p in self.plans if p.id == record.plan_id), None)
        if isinstance(record, EarlyHelpPlan) and record.status == PlanStatus.OPEN:
            return record
        open_plans = sorted((p for p in self.plans if p.status == PlanStatus.OPEN), key=lambda p: p.started_on)
        return open_plans[-1] if open_plans else None

    def update_actions(self) -> None:
        plan = self.current_plan()
        self.review_button.setEnabled(plan is not None)
        self.close_button.setEnabled(plan is not None)
        self.hint.setText(
            strings.EH_NEXT_REVIEW.format(date=dmy(plan.next_review)) if plan is not None and plan.next_review else ""
        )

    def _child_name(self) -> str:
        opened = self.opened()
        return opened.file.child.display_name if opened is not None else strings.THE_CHILD

    def start_plan(self) -> None:
        from ui.dialogs.early_help_plan import StartPlanDialog

        self.show_dialog(StartPlanDialog(self.session, self.child_id, self.on, self))

    def review_plan(self) -> None:
        from ui.dialogs.eh_review_guide import ReviewGuide

        plan = self.current_plan()
        if plan is None:
            return
        self.show_dialog(ReviewGuide(self.session, plan, self.reviews, self._child_name(), self.on, self))

    def close_plan(self) -> None:
        from ui.dialogs.early_help_plan import ClosePlanDialog

        plan = self.current_plan()
        if plan is None:
            return
        self.show_dialog(ClosePlanDialog(self.session, plan, self.on, self))

    def threshold_tool(self) -> None:

        opened = self.opened()
        if opened is None:  # from the Overview, before a record tab has read the whole file
            casework.load_concerns(self.session, self.child_id, self._threshold_tool_with, owner=self)
            return
        self._threshold_tool_with(list(opened.file.concerns))

    def _threshold_tool_with(self, concerns: list[Concern]) -> None:
        from ui.dialogs.threshold_tool import ThresholdTool

        self.show_dialog(ThresholdTool(self.session, self.child_id, concerns, self.on, self))
