"""One child's file while it is built: the child, the records in the order made, and the record builders the
stories and templates call.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TypeVar

from dslapp.demo.build_state import BuildState, RecordStamp
from dslapp.demo.cultures import Culture
from dslapp.demo.school_calendar import day_month_year, local_time, saved_at, school_year_start, year_label
from dslapp.demo.world import CLASS_TEACHERS, DSL, DSL_CONTACT, FSW, GP_SURGERIES, LAWFUL_BASIS, SCHOOL, Staff
from dslapp.models import (
    Action,
    BodyMark,
    Category,
    Child,
    ChildStatus,
    ChronologyEntry,
    Concern,
    CourtOrder,
    Designation,
    DslDecision,
    EarlyHelpPlan,
    EarlyHelpReview,
    Escalation,
    Goal,
    GoalProgress,
    Impact,
    Judgement,
    OrderType,
    Person,
    Professional,
    Record,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    ReviewDecision,
    Severity,
    SharingDecision,
    StatusChange,
    ThresholdDecision,
    Transfer,
    TransferDirection,
)
from dslapp.models.early_help import PlanStatus
from dslapp.models.referral import ConsentState, DisagreementType, SentVia, consent_from_legacy

R = TypeVar("R", bound=Record)

REFERRER_CONTACT = {"referrer_phone": DSL_CONTACT[0], "referrer_email": DSL_CONTACT[1]}
"""How the MASH reaches the DSL, on every demo enquiry (a story's own answers win)."""

_SENT_BY = {SentVia.ONLINE_FORM: "the online form", SentVia.EMAIL: "secure email"}


class ChildRecordStamp(RecordStamp):
    """A record stamp for a record in one child's file."""

    child_id: uuid.UUID


class CaseFile:
    """One child's CP file while it is built: the child and their records, in the order made.

    Each builder (``person``, ``concern``, ``plan``, ``referral``, ...) adds one record, saved at a set time
    of day on its date, with its text filled in with the child's name, pronouns and carer (see ``fill``).
    """

    def __init__(self, d: BuildState, child: Child, year: int, opened: date) -> None:
        self.d = d
        self.child = child
        self.year = year
        self.opened = opened
        self.records: list[Record] = []
        self.status = ChildStatus.UNIVERSAL
        self.status_since: date | None = None
        self.received_from = ""
        girl = child.gender == "Female"
        self.ctx: dict[str, str] = {
            "name": child.known_as or child.legal_forename,
            "sub": "she" if girl else "he",
            "Sub": "She" if girl else "He",
            "obj": "her" if girl else "him",
            "pos": "her" if girl else "his",
            "Pos": "Her" if girl else "His",
            "year": year_label(year),
            "age": str(child.age_on(d.today)),
            "mum": "mum",
            "Mum": "Mum",
            "carer": "Mum",
            "adult": "",
        }

    @classmethod
    def open(
        cls,
        d: BuildState,
        culture: Culture,
        *,
        forename: str,
        surname: str,
        girl: bool,
        year: int,
        opened: date,
        known_as: str = "",
        designations: Sequence[Designation] = (),
        disability: str = "",
        religion: str | None = None,
        address: str | None = None,
        interpreter: bool = False,
    ) -> CaseFile:
        """Open a new child's file: the child's front sheet, with the child's name claimed."""
        d.claim(forename, surname)
        child = Child(
            **d.stamp(local_time(opened, 9)),
            legal_forename=forename,
            legal_surname=surname,
            known_as=known_as,
            dob=d.dob_for_year(year),
            gender="Female" if girl else "Male",
            ethnicity=culture.ethnicity,
            first_language=culture.language,
            interpreter_needed=interpreter,
            religion=religion if religion is not None else d.pick(culture.religions),
            disability=disability,
            upn=d.upn(),
            nhs_number=d.nhs_number(),
            address=address or d.address(),
            year_group=year_label(year),
            school=SCHOOL,
            gp=d.pick(GP_SURGERIES),
            designations=list(designations),
        )
        return cls(d, child, year, opened)

    @property
    def name(self) -> str:
        return self.ctx["name"]

    @property
    def teacher(self) -> Staff:
        return CLASS_TEACHERS[self.year]

    def teacher_on(self, day: date | datetime) -> Staff:
        """The child's class teacher on ``day`` (an earlier school year had a different teacher)."""
        return CLASS_TEACHERS[max(0, self.year - (self.d.academic_start() - school_year_start(day)))]

    def fill(self, text: str, on: date | None = None, **extra: str) -> str:
        """``text`` with the child's name, pronouns and carer filled in (and their age on ``on``), and any
        ``extra`` placeholders."""
        if not text:
            return ""
        values = {**self.ctx, **extra}
        if on is not None:
            values["age"] = str(self.child.age_on(on))
        return text.format_map(values)

    def stamp(self, at: datetime, by: str = DSL) -> ChildRecordStamp:
        """A new record in this child's file, saved at local time ``at`` by ``by``."""
        return {**self.d.stamp(at, by), "child_id": self.child.id}

    def add(self, record: R) -> R:
        self.records.append(record)
        return record

    def main_carer(self, word: str, full_name: str, *, proper_name: bool = False) -> None:
        """Who the child lives with, as the templates speak of them: "Mum", "Dad" or a carer's name."""
        title = word[0].upper() + word[1:]
        self.ctx.update(mum=word if proper_name else word.lower(), Mum=title, carer=f"{title} ({full_name})")

    # -- the front sheet --
    def person(
        self,
        name: str,
        relationship: str,
        *,
        pr: bool = False,
        lives: bool = False,
        dob: date | None = None,
        phone: str = "",
        address: str = "",
        notes: str = "",
    ) -> Person:
        return self.add(
            Person(
                **self.stamp(local_time(self.opened, 9, 10)),
                name=name,
                relationship=relationship,
                parental_responsibility=pr,
                lives_with_child=lives,
                dob=dob,
                phone=phone,
                address=address or (self.child.address if lives else ""),
                notes=notes,
            )
        )

    def court_order(
        self,
        order_type: OrderType,
        starts_on: date,
        *,
        person: Person | None = None,
        forbids: str = "",
        must_not_collect: bool = False,
        ends_on: date | None = None,
        source: str = "",
    ) -> CourtOrder:
        """An order on the front sheet (restricting ``person``, if any)."""
        return self.add(
            CourtOrder(
                **self.stamp(local_time(starts_on, 12, 0)),
                order_type=order_type,
                person_id=str(person.id) if person else "",
                restricts=person.name if person else "",
                forbids=forbids,
                must_not_collect=must_not_collect,
                starts_on=starts_on,
                ends_on=ends_on,
                source=source,
            )
        )

    def professional(self, name: str, role: str, agency: str, *, key: bool = False, since: date | None = None) -> str:
        email = name.split(" ", 1)[-1].lower().replace(" ", ".") + "@" + agency.lower().replace("'", "")
        email = email.replace(" ", "-").replace("–", "-") + ".example.org"
        email = unicodedata.normalize("NFKD", email).encode("ascii", "ignore").decode()
        self.add(
            Professional(
                **self.stamp(local_time(since or self.opened, 9, 20)),
                name=name,
                role=role,
                agency=agency,
                phone=self.d.landline(),
                email=email,
                key_contact=key,
            )
        )
        return name

    def set_status(self, on: date, to: ChildStatus, reason: str, *, by: str = DSL) -> StatusChange:
        change = self.add(
            StatusChange(
                **self.stamp(local_time(on, 16, 30), by),
                changed_on=on,
                from_status=self.status,
                to_status=to,
                reason=reason,
            )
        )
        self.status, self.status_since = to, on
        return change

    # -- what happened --
    def concern(
        self,
        when: datetime,
        reporter: Staff,
        categories: Sequence[Category],
        what: str,
        *,
        words: str = "",
        body_map: str = "",
        marks: Sequence[BodyMark] = (),
        action: str = "",
        decision: DslDecision = DslDecision.MONITOR,
        reasons: str = "",
        outcome: str = "",
        severity: Severity = Severity.MEDIUM,
        significant: bool = False,
        by: str = DSL,
        recorded_after: int = 25,
    ) -> Concern:
        recorded = when + timedelta(minutes=recorded_after)
        day = when.date()
        return self.add(
            Concern(
                **self.stamp(recorded, by),
                observed_at=when,
                recorded_at=recorded,
                reporter_name=reporter.name,
                reporter_role=reporter.role,
                categories=list(categories),
                severity=severity,
                what_happened=self.fill(what, day),
                child_words=self.fill(words, day),
                body_map_notes=self.fill(body_map, day),
                body_marks=list(marks),
                immediate_action=self.fill(action, day),
                dsl_decision=decision,
                decision_reasons=self.fill(reasons, day),
                outcome=self.fill(outcome, day),
                significant=significant,
            )
        )

    def action(
        self,
        what: str,
        owner: str,
        due: date,
        *,
        raised: date,
        done_on: date | None = None,
        source: Record | None = None,
        by: str = DSL,
    ) -> Action:
        return self.add(
            Action(
                **self.stamp(local_time(raised, 16, 45), by),
                what=self.fill(what),
                owner=owner,
                due=due,
                done_on=done_on,
                source_id=str(source.id) if source is not None else "",
            )
        )

    def entry(
        self,
        event: str,
        *,
        source: str,
        impact: str,
        kind: Impact,
        action: str,
        on: date | None = None,
        period: str = "",
        category: Category | None = None,
        recorded_on: date | None = None,
        by: str = DSL,
    ) -> ChronologyEntry:
        """A manual chronology entry: an event from another agency, or from before the child joined."""
        recorded = recorded_on or on or self.opened
        return self.add(
            ChronologyEntry(
                **self.stamp(local_time(recorded, 17), by),
                on=on,
                period=period,
                event=self.fill(event),
                source=source,
                category=category,
                impact=self.fill(impact),
                impact_kind=kind,
                action_taken=self.fill(action),
                recorded_by=by,
            )
        )

    def curate(self, record: Concern, event: str, *, source: str, impact: str, kind: Impact, action: str) -> None:
        """The DSL's own succinct chronology wording for a significant record, saying its impact on the child.

        The chronology shows this entry in place of the row it would build from ``record`` (see
        ``services.chronology``): event, source, impact and action in a few lines.
        """
        day = record.occurred_on()
        self.add(
            ChronologyEntry(
                **self.stamp(local_time(day, 17, 30)),
                on=day,
                event=self.fill(event, day),
                source=source,
                category=record.categories[0],
                impact=self.fill(impact, day),
                impact_kind=kind,
                action_taken=self.fill(action, day),
                recorded_by=DSL,
                source_record_id=str(record.id),
            )
        )

    def threshold(
        self,
        on: date,
        level: int,
        evidence: dict[str, list[str]],
        reasoning: str,
        *,
        consulted: str = "",
        concerns: Sequence[Concern] = (),
        by: str = DSL,
    ) -> ThresholdDecision:
        return self.add(
            ThresholdDecision(
                **self.stamp(local_time(on, 15, 30), by),
                decided_on=on,
                level=level,
                evidence={domain: [self.fill(e, on) for e in items] for domain, items in evidence.items()},
                reasoning=self.fill(reasoning, on),
                consulted=consulted,
                concern_ids=[c.id for c in concerns],
                decided_by=by,
            )
        )

    # -- Early Help --
    def plan(
        self,
        started_on: date,
        *,
        lead: str,
        family_view: str,
        child_view: str,
        worries: str,
        working_well: str,
        goals: Sequence[Goal],
        taf: Sequence[str],
        next_review: date | None,
        closed_on: date | None = None,
        closing_summary: str = "",
        by: str = FSW.name,
    ) -> EarlyHelpPlan:
        return self.add(
            EarlyHelpPlan(
                **self.stamp(local_time(started_on, 16), by),
                started_on=started_on,
                lead_practitioner=lead,
                family_view=self.fill(family_view),
                child_view=self.fill(child_view),
                worries=self.fill(worries),
                working_well=self.fill(working_well),
                goals=list(goals),
                taf_members=list(taf),
                next_review=None if closed_on else next_review,
                status=PlanStatus.CLOSED if closed_on else PlanStatus.OPEN,
                closed_on=closed_on,
                closing_summary=self.fill(closing_summary),
            )
        )

    def review(
        self,
        plan: EarlyHelpPlan,
        held_on: date,
        *,
        attendees: Sequence[str],
        life_improved: str,
        child_voice: str,
        progress: Sequence[tuple[int, str]],
        overall: Judgement,
        decision: ReviewDecision,
        reasons: str,
        next_review: date | None,
        by: str = FSW.name,
    ) -> EarlyHelpReview:
        scores = [
            GoalProgress(goal_id=goal.goal_id, score=score, evidence=self.fill(evidence))
            for goal, (score, evidence) in zip(plan.goals, progress, strict=False)
        ]
        return self.add(
            EarlyHelpReview(
                **self.stamp(local_time(held_on, 17), by),
                plan_id=plan.id,
                held_on=held_on,
                attendees=list(attendees),
                life_improved=self.fill(life_improved, held_on),
                child_voice=self.fill(child_voice, held_on),
                goal_progress=scores,
                overall=overall,
                decision=decision,
                decision_reasons=self.fill(reasons, held_on),
                next_review=next_review,
            )
        )

    # -- referrals, escalations, information sharing, transfers --
    def referral(
        self,
        started_on: date,
        *,
        form: dict[str, str],
        status: ReferralStatus,
        aware: bool | None,
        agreed: bool | None = None,
        not_told: str = "",
        without_consent: str = "",
        via: SentVia | None = SentVia.ONLINE_FORM,
        sent_on: date | None = None,
        acknowledged_on: date | None = None,
        outcome: ReferralOutcome | None = None,
        outcome_on: date | None = None,
        notes: str = "",
        chase_on: date | None = None,
        request_type: str = "MASH enquiry",
        by: str = DSL,
    ) -> Referral:
        """A MASH enquiry: ``aware``/``agreed`` give the consent case, with ``not_told`` (why the parents were not
        told) or ``without_consent`` (why it went ahead when they refused, or were told but not asked)."""
        sent = sent_on if sent_on is not None else (None if status == ReferralStatus.DRAFT else started_on)
        answers = {**REFERRER_CONTACT, **self._usual_answers(started_on, via if sent else None), **form}
        return self.add(
            Referral(
                **self.stamp(local_time(started_on, 11, 30), by),
                started_on=started_on,
                request_type=request_type,
                form={key: self.fill(text, started_on) for key, text in answers.items()},
                **consent_from_legacy(aware, agreed, self.fill(not_told or without_consent, started_on)),
                status=status,
                sent_on=sent,
                sent_via=via if sent is not None else None,
                reference=self.d.reference() if sent is not None else "",
                acknowledged_on=acknowledged_on,
                outcome=outcome,
                outcome_on=outcome_on,
                outcome_notes=self.fill(notes),
                chase_on=chase_on,
            )
        )

    def _usual_answers(self, started_on: date, via: SentVia | None) -> dict[str, str]:
        """What a DSL writes in the short answers the child's file leaves empty, so the printed enquiry says
        "None known" rather than "Not provided" (a story's own answers win)."""
        answers = {"child_known_as": self.name}
        if via == SentVia.PHONE:
            on = day_month_year(started_on)
            answers["phoned_through"] = f"Phoned the Front Door on {on} and spoke to the MASH duty social worker."
        elif via is not None:
            answers["phoned_through"] = f"Not phoned first: sent by {_SENT_BY[via]}."
        send = {Designation.SEND, Designation.EHCP}
        if not self.child.disability and not send & set(self.child.designations):
            answers["child_disability"] = "None known"
        if not any(isinstance(r, CourtOrder) for r in self.records):
            answers["court_orders"] = "None known to the school."
        if not any(isinstance(r, Professional) for r in self.records):
            answers["professionals"] = "None known outside school."
        return answers

    def escalation(
        self,
        raised_on: date,
        *,
        stage: int,
        disagreement: DisagreementType,
        with_whom: str,
        summary: str,
        respond_by: date,
        outcome: str = "",
        resolved_on: date | None = None,
        referral: Referral | None = None,
    ) -> Escalation:
        return self.add(
            Escalation(
                **self.stamp(local_time(raised_on, 14)),
                raised_on=raised_on,
                disagreement=disagreement,
                stage=stage,
                with_whom=with_whom,
                summary=self.fill(summary),
                respond_by=respond_by,
                outcome=self.fill(outcome),
                resolved_on=resolved_on,
                referral_id=str(referral.id) if referral is not None else "",
            )
        )

    def sharing(
        self,
        on: date,
        *,
        what: str,
        with_whom: str,
        reasons: str,
        shared: bool,
        consent: ConsentState,
        basis: str = LAWFUL_BASIS,
    ) -> SharingDecision:
        return self.add(
            SharingDecision(
                **self.stamp(local_time(on, 13)),
                decided_on=on,
                what=self.fill(what),
                with_whom=with_whom,
                lawful_basis=basis,
                consent=consent,
                reasons=self.fill(reasons),
                shared=shared,
            )
        )

    def transfer(
        self,
        direction: TransferDirection,
        other_school: str,
        *,
        other_dsl: str,
        method: str,
        sent_on: date | None,
        received_on: date | None = None,
        receipt_by: str = "",
        notes: str = "",
    ) -> Transfer:
        made = sent_on if direction == TransferDirection.OUTGOING else received_on
        assert made is not None
        return self.add(
            Transfer(
                **self.stamp(local_time(made, 15, 30)),
                direction=direction,
                other_school=other_school,
                other_dsl=other_dsl,
                sent_on=sent_on,
                method=method,
                received_on=received_on,
                receipt_by=receipt_by,
                receipt_code=self.d.reference("RCPT") if received_on else "",
                notes=self.fill(notes),
            )
        )

    def finish(self) -> list[Record]:
        """The child (with current status) followed by their records."""
        first = min([saved_at(local_time(self.opened, 9)), *(r.created_at for r in self.records)])
        child = self.child.model_copy(
            update={
                "status": self.status,
                "status_since": self.status_since,
                "received_from": self.received_from,
                "created_at": first,
            }
        )
        return [child, *self.records]
