"""Practice alerts for Today and the child's Overview: each says which rule fired, why, and for which records.

Rules are plain functions over one child's records and a date (``RULES``), with their parameters and
words in ``resources/guidance/practice.toml`` (``[alerts]`` and ``[neglect.cumulative]``).
``services.today.today`` calls :func:`all_rules`, so nothing is registered by import side effects.

Not here, because Today already has a section for each: Early Help reviews due or overdue, referrals
awaiting an outcome, and CP file transfers awaiting receipt.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from dslapp.guidance import early_help, escalation, neglect
from dslapp.guidance.config import GuidanceConfig, resolve
from dslapp.guidance.neglect import ConcernLike
from dslapp.guidance.prompts import dmy, fill
from dslapp.models import (
    AlertAcknowledgement,
    Category,
    Child,
    ChildStatus,
    Concern,
    DslDecision,
    EarlyHelpPlan,
    EarlyHelpReview,
    EncompassNotice,
    Escalation,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    StatutoryRecord,
    StatutoryType,
)
from dslapp.models.early_help import PlanStatus
from dslapp.text import and_list
from dslapp.views import statutory as statutory_view
from dslapp.views.today import TodayItem

SECTION = "alerts"
INACTIVE = frozenset({ChildStatus.CLOSED, ChildStatus.TRANSFERRED})


class RuleId:
    """Stable rule ids (shown by ``dslapp today --json`` and matched by tests)."""

    CUMULATIVE_NEGLECT = neglect.RULE_ID
    EH_NO_IMPROVEMENT = "eh_no_improvement"
    EH_NO_REVIEW_BOOKED = "eh_no_review_booked"
    EH_DESCRIBES_SERVICES = "eh_describes_services"
    NFA_CONCERNS_CONTINUE = "nfa_concerns_continue"
    CP_PLAN_NEW_CONCERN = "cp_plan_new_concern"
    CHILD_VOICE_NOT_RECORDED = "child_voice_not_recorded"
    ESCALATION_RESPONSE_OVERDUE = "escalation_response_overdue"
    CONFERENCE_REPORT_DUE = "conference_report_due"
    CORE_GROUP_SOON = "core_group_soon"
    PEP_DUE = "pep_due"
    ENCOMPASS_TODAY = "encompass_today"
    STATUS_AFTER_PLAN_ENDED = "status_after_plan_ended"


@dataclass(frozen=True)
class AlertItem(TodayItem):
    """A Today item from a practice rule: which rule, why, and every record it is about."""

    rule_id: str = ""
    reason: str = ""
    record_ids: tuple[str, ...] = ()
    key: str = ""
    """Stable for the same alert on another day (rule, child and the record it is anchored to), so an
    acknowledgement can refer to it."""
    acknowledged_on: date | None = None
    acknowledged_note: str = ""
    """An acknowledged alert stays on the list, with the DSL's note: alerts are never silently hidden."""

    def as_json(self) -> dict[str, Any]:
        data = super().as_json()
        data.update(rule_id=self.rule_id, reason=self.reason, record_ids=list(self.record_ids), key=self.key)
        data.update(
            acknowledged_on=self.acknowledged_on.isoformat() if self.acknowledged_on else None,
            acknowledged_note=self.acknowledged_note,
        )
        return data


@dataclass
class CaseRecords:
    """The records of one child that the rules read."""

    child: Child
    concerns: list[ConcernLike] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    plans: list[EarlyHelpPlan] = field(default_factory=list)
    reviews: list[EarlyHelpReview] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)
    acknowledgements: list[AlertAcknowledgement] = field(default_factory=list)
    statutory: list[StatutoryRecord] = field(default_factory=list)
    encompass: list[EncompassNotice] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.child.display_name

    @property
    def first_name(self) -> str:
        """How to speak of the child in a sentence about them ("talk with Amira")."""
        return self.child.known_as or self.child.legal_forename

    def alert(
        self,
        rule_id: str,
        anchor: uuid.UUID | str,
        title: str,
        reason: str,
        *,
        due: date | None,
        overdue: bool = False,
        records: Iterable[uuid.UUID | str] = (),
    ) -> AlertItem:
        child_id = str(self.child.id)
        ids = tuple(dict.fromkeys([str(anchor), *(str(r) for r in records)]))
        return AlertItem(
            section=SECTION,
            child_id=child_id,
            child_name=self.name,
            record_id=str(anchor),
            title=title,
            due=due,
            overdue=overdue,
            rule_id=rule_id,
            reason=reason,
            record_ids=ids,
            key=f"{rule_id}:{child_id}:{anchor}",
        )


Rule = Callable[[CaseRecords, date, GuidanceConfig], list[AlertItem]]


def _sent_referrals(case: CaseRecords) -> list[Referral]:
    return [r for r in case.referrals if r.status != ReferralStatus.DRAFT and r.sent_on is not None]


# ---- the rules ----------------------------------------------------------------------------------------


def cumulative_neglect_rule(case: CaseRecords, on: date, config: GuidanceConfig) -> list[AlertItem]:
    """A pattern of neglect indicator concerns (3 within 90 days, or 4 within 183), counted across the whole
    case. Anchored to the latest concern of the pattern, so an acknowledgement (the DSL's review of the
    pattern as a whole) covers the pattern as it stood, and a further concern raises it again."""
    pattern = neglect.cumulative_neglect(case.concerns, on, config)
    if pattern is None:
        return []
    last = neglect.last_step(pattern, case.referrals, case.plans, case.acknowledgements, on, config)
    prompt = neglect.cumulative_neglect_prompt(pattern, case.name, config, last)
    latest = pattern.concerns[-1]
    return [
        case.alert(
            RuleId.CUMULATIVE_NEGLECT,
            latest.id,
            prompt.title,
            prompt.message,
            due=pattern.last,
            records=[c.id for c in pattern.concerns],
        )
    ]


def eh_no_improvement_rule(case: CaseRecords, on: date, config: GuidanceConfig) -> list[AlertItem]:
    """An open Early Help plan whose last two reviews found no improvement, with no referral since."""
    text = config.alerts.eh_no_improvement
    out = []
    for plan in case.plans:
        if plan.status != PlanStatus.OPEN:
            continue
        reviews = [r for r in case.reviews if r.held_on <= on]
        pair = early_help.stalled(plan, reviews, config)
        if pair is None:
            continue
        previous, current = pair
        if any(r.sent_on and r.sent_on >= current.held_on for r in _sent_referrals(case)):
            continue
        reason = fill(
            text.reason,
            previous=dmy(previous.held_on),
            current=dmy(current.held_on),
            name=case.name,
            previous_judgement=early_help.judgement_words(previous, config),
            current_judgement=early_help.judgement_words(current, config),
        )
        out.append(
            case.alert(
                RuleId.EH_NO_IMPROVEMENT,
                current.id,
                text.title,
                reason,
                due=current.held_on,
                records=[previous.id, plan.id],
            )
        )
    return out


def eh_no_review_booked_rule(case: CaseRecords, on: date, config: GuidanceConfig) -> list[AlertItem]:
    """An open Early Help plan with no next review date: a plan with no review booked is drifting."""
    text = config.alerts.eh_no_review_booked
    out = []
    for plan in case.plans:
        if plan.status != PlanStatus.OPEN or plan.next_review is not None or plan.started_on > on:
            continue
        held = [r.held_on for r in case.reviews if r.plan_id == plan.id and r.held_on <= on]
        since = max([plan.started_on, *held])
        last = fill(text.last_review, date=dmy(max(held))) if held else text.never_reviewed
        reason = fill(text.reason, name=case.name, started_on=dmy(plan.started_on), last=last)
        out.append(case.alert(RuleId.EH_NO_REVIEW_BOOKED, plan.id, text.title, reason, due=since, overdue=True))
    return out


def eh_describes_services_rule(case: CaseRecords, on: date, config: GuidanceConfig) -> list[AlertItem]:
    """An open Early Help plan with reviews (held by ``on``) whose "how has life improved for the child?"
    answer describes services, not the child's daily life. Anchored to the latest such review, so a new one
    raises it again after an acknowledgement; amending the answer to speak of the child clears it."""
    text = config.alerts.eh_describes_services
    out = []
    for plan in case.plans:
        if plan.status != PlanStatus.OPEN:
            continue
        marked = [
            r
            for r in early_help.reviews_of(plan, case.reviews)
            if r.held_on <= on and early_help.describes_services(r, config)
        ]
        if not marked:
            continue
        latest = marked[-1]
        dates = and_list([dmy(r.held_on) for r in marked])
        reason = fill(
            text.reason,
            count=len(marked),
            name=case.first_name,
            dates=dates,
            reviews=fill(text.one_review if len(marked) == 1 else text.many_reviews, dates=dates),
            answer=text.one_answer if len(marked) == 1 else text.many_answers,
        )
        out.append(
            case.alert(
                RuleId.EH_DESCRIBES_SERVICES,
                latest.id,
                text.title,
                reason,
                due=latest.held_on,
                records=[*(r.id for r in marked), plan.id],
            )
        )
    return out


def nfa_concerns_continue_rule(case: CaseRecords, on: date, config: GuidanceConfig) -> list[AlertItem]:
    """A referral ended in no further action and a new concern followed within 30 days: consider escalation."""
    settings = config.alerts.nfa_concerns_continue
    out = []
    sent = _sent_referrals(case)
    for referral in sent:
        if referral.outcome != ReferralOutcome.NO_FURTHER_ACTION or referral.outcome_on is None:
            continue
        ended = referral.outcome_on
        following = sorted(
            (
                c
                for c in case.concerns
                if ended < c.observed_at.date() <= min(on, ended + timedelta(days=settings.days))
            ),
            key=lambda c: c.observed_at,
        )
        if not following:
            continue
        concern = following[0]
        concern_on = concern.observed_at.date()
        if (on - concern_on).days > settings.lookback_days:
            continue
        challenged = any(e.referral_id == str(referral.id) or ended <= e.raised_on <= on for e in case.escalations)
        referred_again = any(r.id != referral.id and r.sent_on and concern_on <= r.sent_on <= on for r in sent)
        if challenged or referred_again:
            continue
        reason = fill(
            settings.reason,
            request_type=referral.request_type,
            sent_on=dmy(referral.sent_on),
            outcome_on=dmy(ended),
            concern_on=dmy(concern_on),
            name=case.name,
        )
        out.append(
            case.alert(
                RuleId.NFA_CONCERNS_CONTINUE,
                referral.id,
                settings.title,
                reason,
                due=concern_on,
                records=[concern.id],
            )
        )
    return out


def cp_plan_new_concern_rule(case: CaseRecords, on: date, config: GuidanceConfig) -> list[AlertItem]:
    """A new concern for a child on a CP plan, not yet passed to the social worker."""
    settings = config.alerts.cp_plan_new_concern
    if case.child.status != ChildStatus.CP:
        return []
    since = case.child.status_since or date.min
    out = []
    for concern in case.concerns:
        day = concern.observed_at.date()
        if not (since <= day <= on) or (on - day).days > settings.days:
            continue
        if concern.dsl_decision in settings.acting_decisions:
            continue
        reason = fill(settings.reason, name=case.name, concern_on=dmy(day))
        out.append(case.alert(RuleId.CP_PLAN_NEW_CONCERN, concern.id, settings.title, reason, due=day))
    return out


def last_voice_recorded(case: CaseRecords, on: date) -> date | None:
    """The last day (up to ``on``) something in the child's own words was recorded."""
    days = [c.observed_at.date() for c in case.concerns if c.child_words.strip()]
    days += [r.held_on for r in case.reviews if r.child_voice.strip()]
    days += [p.started_on for p in case.plans if p.child_view.strip()]
    days = [d for d in days if d <= on]
    return max(days) if days else None


def child_voice_rule(case: CaseRecords, on: date, config: GuidanceConfig) -> list[AlertItem]:
    """An open case (Early Help, CIN, CP, looked after) with nothing in the child's words for 90 days.

    Fires when more than ``days`` days have passed since the child's words were last recorded (or since
    the case opened, when they never have been).
    """
    settings = config.alerts.child_voice_not_recorded
    if case.child.status not in settings.open_statuses:
        return []
    opened = case.child.status_since
    if opened is not None and (on - opened).days <= settings.days:
        return []
    last = last_voice_recorded(case, on)
    if last is not None and (on - last).days <= settings.days:
        return []
    title = fill(settings.title, days=settings.days)
    if last is None:
        reason = fill(settings.reason_none, name=case.first_name, days=settings.days)
        due = opened + timedelta(days=settings.days) if opened else None
    else:
        reason = fill(settings.reason, name=case.first_name, last=dmy(last), days=settings.days)
        due = last + timedelta(days=settings.days)
    return [case.alert(RuleId.CHILD_VOICE_NOT_RECORDED, case.child.id, title, reason, due=due, overdue=True)]


def escalation_overdue_rule(case: CaseRecords, on: date, config: GuidanceConfig) -> list[AlertItem]:
    """An escalation stage whose respond-by date has passed with no response recorded."""
    settings = config.alerts.escalation_response_overdue
    out = []
    for step in case.escalations:
        if not escalation.response_overdue(step, on, case.escalations) or step.respond_by is None:
            continue
        following = escalation.next_stage(step.stage, config)
        values = {
            "with_whom": step.with_whom,
            "stage": step.stage,
            "raised_on": dmy(step.raised_on),
            "respond_by": dmy(step.respond_by),
            "next_stage": following.title if following else "",
        }
        reason = fill(settings.reason if following else settings.reason_final, **values)
        title = fill(settings.title, **values)
        records = [step.referral_id] if step.referral_id else []
        out.append(
            case.alert(
                RuleId.ESCALATION_RESPONSE_OVERDUE,
                step.id,
                title,
                reason,
                due=step.respond_by,
                overdue=True,
                records=records,
            )
        )
    return out


def conference_report_due_rule(case: CaseRecords, on: date, config: GuidanceConfig) -> list[AlertItem]:
    """The school's report for a review conference: shown from ``notice_days`` before the conference until the
    day itself, due ``report_days_before`` days before it (overdue after that). Anchored to the plan and the
    conference date, so each conference is its own reminder."""
    settings = config.alerts.conference_report_due
    out = []
    for record in case.statutory:
        for conference in record.review_conferences:
            if not (conference - timedelta(days=settings.notice_days) <= on <= conference) or not record.in_force(on):
                continue
            due = conference - timedelta(days=settings.report_days_before)
            values = {"conference": dmy(conference), "due": dmy(due), "name": case.name}
            values["plan"] = statutory_view.title(record)
            item = case.alert(
                RuleId.CONFERENCE_REPORT_DUE,
                record.id,
                fill(settings.title, **values),
                fill(settings.reason, **values),
                due=due,
                overdue=due < on,
            )
            out.append(replace(item, key=f"{item.key}:{conference.isoformat()}"))
    return out


def _meetings_soon(
    case: CaseRecords, on: date, rule_id: str, settings: Any, dates_of: Callable[[StatutoryRecord], list[date]]
) -> list[AlertItem]:
    out = []
    for record in case.statutory:
        for meeting in dates_of(record):
            if not (on <= meeting <= on + timedelta(days=settings.days)) or not record.in_force(on):
                continue
            values = {
                "meeting": dmy(meeting),
                "name": case.name,
                "plan": statutory_view.title(record),
                "teacher": record.designated_teacher or "not recorded",
                "virtual_school": record.virtual_school or "not recorded",
            }
            item = case.alert(
                rule_id, record.id, fill(settings.title, **values), fill(settings.reason, **values), due=meeting
            )
            out.append(replace(item, key=f"{item.key}:{meeting.isoformat()}"))
    return out


def core_group_soon_rule(case: CaseRecords, on: date, config: GuidanceConfig) -> list[AlertItem]:
    """A core group meeting of a CP plan in the coming week (``days``, today included)."""
    return _meetings_soon(case, on, RuleId.CORE_GROUP_SOON, config.alerts.core_group_soon, lambda r: r.core_groups)


def pep_due_rule(case: CaseRecords, on: date, config: GuidanceConfig) -> list[AlertItem]:
    """A PEP meeting of a child looked after (or previously looked after) in the next ``days`` days."""

    def peps(record: StatutoryRecord) -> list[date]:
        looked_after = {StatutoryType.LOOKED_AFTER, StatutoryType.PREVIOUSLY_LOOKED_AFTER}
        return record.pep_dates if record.status_type in looked_after else []

    return _meetings_soon(case, on, RuleId.PEP_DUE, config.alerts.pep_due, peps)


def encompass_today_rule(case: CaseRecords, on: date, config: GuidanceConfig) -> list[AlertItem]:
    """An Operation Encompass notification received on ``on``: the same day, for each child it names."""
    settings = config.alerts.encompass_today
    out = []
    for notice in case.encompass:
        if notice.received_at.date() != on:
            continue
        incident = f"{dmy(notice.incident_at)} {notice.incident_at:%H:%M}"
        values = {"incident": incident, "name": case.first_name}
        out.append(
            case.alert(
                RuleId.ENCOMPASS_TODAY,
                notice.id,
                fill(settings.title, **values),
                fill(settings.reason, **values),
                due=on,
            )
        )
    return out


def status_after_plan_ended_rule(case: CaseRecords, on: date, config: GuidanceConfig) -> list[AlertItem]:
    """The child's headline status (CIN, CP, looked after) still shows a plan whose records have all ended:
    the DSL decides what it is now (stepping down is never automatic), so Today asks them to."""
    settings = config.alerts.status_after_plan_ended
    implied = [r for r in case.statutory if statutory_view.implied_status(r) == case.child.status]
    if not implied or any(r.in_force(on) for r in implied):
        return []
    last = max(implied, key=lambda r: (r.ended_on or date.min, r.created_at))
    if last.ended_on is None:  # starts later: nothing has ended
        return []
    values = {"name": case.first_name, "plan": statutory_view.title(last), "ended": dmy(last.ended_on)}
    values["status"] = case.child.status.label
    return [
        case.alert(
            RuleId.STATUS_AFTER_PLAN_ENDED,
            last.id,
            fill(settings.title, **values),
            fill(settings.reason, **values),
            due=last.ended_on,
            overdue=True,
        )
    ]


RULES: dict[str, Rule] = {
    RuleId.CUMULATIVE_NEGLECT: cumulative_neglect_rule,
    RuleId.EH_NO_IMPROVEMENT: eh_no_improvement_rule,
    RuleId.EH_NO_REVIEW_BOOKED: eh_no_review_booked_rule,
    RuleId.EH_DESCRIBES_SERVICES: eh_describes_services_rule,
    RuleId.NFA_CONCERNS_CONTINUE: nfa_concerns_continue_rule,
    RuleId.CP_PLAN_NEW_CONCERN: cp_plan_new_concern_rule,
    RuleId.CHILD_VOICE_NOT_RECORDED: child_voice_rule,
    RuleId.ESCALATION_RESPONSE_OVERDUE: escalation_overdue_rule,
    RuleId.CONFERENCE_REPORT_DUE: conference_report_due_rule,
    RuleId.CORE_GROUP_SOON: core_group_soon_rule,
    RuleId.PEP_DUE: pep_due_rule,
    RuleId.ENCOMPASS_TODAY: encompass_today_rule,
    RuleId.STATUS_AFTER_PLAN_ENDED: status_after_plan_ended_rule,
}


# ---- running them ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConcernFacts:
    """The few fields of a concern the rules read (loading 50,000 full records for Today is too slow)."""

    id: uuid.UUID
    child_id: uuid.UUID
    observed_at: datetime
    categories: tuple[Category, ...]
    dsl_decision: DslDecision
    child_words: str
    what_happened: str = ""


def history_days(config: GuidanceConfig) -> int:
    """How far back (in days before the day shown) the rules need concerns."""
    alerts = config.alerts
    cumulative = config.neglect.cumulative
    return max(
        cumulative.lookback_days + max(cumulative.days, cumulative.slow_days),
        alerts.nfa_concerns_continue.lookback_days,
        alerts.cp_plan_new_concern.days,
        alerts.child_voice_not_recorded.days,
    )


def sort_into(case: CaseRecords, records: Iterable[Any]) -> None:
    lists: dict[type[Any], list[Any]] = {
        Concern: case.concerns,
        ConcernFacts: case.concerns,
        Referral: case.referrals,
        EarlyHelpPlan: case.plans,
        EarlyHelpReview: case.reviews,
        Escalation: case.escalations,
        AlertAcknowledgement: case.acknowledgements,
        StatutoryRecord: case.statutory,
        EncompassNotice: case.encompass,
    }
    for record in records:
        lists[type(record)].append(record)


def alerts_for_cases(
    cases: Iterable[CaseRecords],
    on: date,
    config: GuidanceConfig | None = None,
    rules: Iterable[str] | None = None,
) -> list[AlertItem]:
    """Every alert the rules raise for ``cases`` on ``on`` (children closed or transferred out are skipped)."""
    cfg = resolve(config)
    chosen = [RULES[r] for r in rules] if rules is not None else list(RULES.values())
    out: list[AlertItem] = []
    for case in cases:
        if case.child.status in INACTIVE:
            continue
        for rule in chosen:
            out.extend(rule(case, on, cfg))
    return out


__all__ = [
    "RULES",
    "AlertItem",
    "CaseRecords",
    "ConcernFacts",
    "RuleId",
    "alerts_for_cases",
    "history_days",
    "sort_into",
]
