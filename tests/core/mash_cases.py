"""A fictional child's file for the MASH enquiry and referral pack tests, and PDF reading helpers.

Dates count back from today, because records cannot be dated in the future and the enquiry's pre-fill
looks at recent concerns. Every name and event is fictional.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from pypdf import PdfReader

from dslapp.models import (
    Category,
    Child,
    ChildStatus,
    Concern,
    EarlyHelpPlan,
    EarlyHelpReview,
    Goal,
    GoalProgress,
    Judgement,
    Person,
    Professional,
    ReviewDecision,
    Severity,
    ThresholdDecision,
)
from dslapp.models.concern import DslDecision
from dslapp.models.referral import ReferralOutcome, SentVia
from dslapp.services import recording
from dslapp.services.children import add_child
from dslapp.store import RecordStore

TODAY = date.today()


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def at(days: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(ago(days), time(hour, minute))


@dataclass
class Case:
    child: Child
    disclosure: Concern
    earlier: Concern
    plan: EarlyHelpPlan
    review: EarlyHelpReview
    threshold: ThresholdDecision


def make_case(store: RecordStore, *, forename: str = "Łucja", surname: str = "Wiśniewska") -> Case:
    child = add_child(
        store,
        legal_forename=forename,
        legal_surname=surname,
        known_as="Lucy",
        dob=date(TODAY.year - 9, 4, 2),
        gender="Female",
        ethnicity="White: other (Polish)",
        first_language="Polish",
        religion="Roman Catholic",
        address="12 Fictional Road\nFictionton FX1 2AB",
        year_group="Year 4",
        upn="A123456789012",
        gp="Fictionton Health Centre",
        status=ChildStatus.EARLY_HELP,
    ).value
    add = recording.record
    add(store, Person, child_id=child.id, name="Anna Testmother", relationship="Mother",
        parental_responsibility=True, lives_with_child=True, phone="07700 900123")  # fmt: skip
    add(store, Person, child_id=child.id, name="Tomasz Testfather", relationship="Father",
        parental_responsibility=True, lives_with_child=True)  # fmt: skip
    add(store, Professional, child_id=child.id, name="Sam Fictionworker", role="Early Help worker",
        agency="Fictionton Family Support", phone="01234 567890", key_contact=True)  # fmt: skip
    earlier = add(
        store,
        Concern,
        child_id=child.id,
        observed_at=at(40, 9, 5),
        reporter_name="Mrs Proofe",
        reporter_role="Class teacher",
        categories=[Category.DOMESTIC_ABUSE],
        severity=Severity.MEDIUM,
        what_happened="Arrived upset and said there had been shouting at home all night.",
        child_words="Tata was shouting and mama was crying.",
        immediate_action="Time with her key adult.",
        dsl_decision=DslDecision.MONITOR,
        decision_reasons="First concern of this kind; monitor and speak to mum.",
        significant=True,
    ).value
    disclosure = add(
        store,
        Concern,
        child_id=child.id,
        observed_at=at(1, 10, 40),
        reporter_name="Mrs Proofe",
        reporter_role="Class teacher",
        categories=[Category.DOMESTIC_ABUSE, Category.PHYSICAL],
        severity=Severity.HIGH,
        what_happened="In the library corner she disclosed that her father pushed her mother into a door last night.",
        child_words="Last night tata pushed mama into the door and there was blood on her head.",
        immediate_action="Listened without leading questions; words written down at 10:55; DSL told at 11:00.",
        dsl_decision=DslDecision.MASH_ENQUIRY,
        significant=True,
    ).value
    plan = add(
        store,
        EarlyHelpPlan,
        child_id=child.id,
        started_on=ago(120),
        lead_practitioner="Sam Fictionworker",
        family_view="Mum wants help with routines and money worries.",
        child_view="I want mama to be happy.",
        worries="Arguments at home; late arrivals.",
        working_well="A trusted key adult and good friendships.",
        goals=[
            Goal(
                what_will_change="Arrives on time and ready to learn",
                who_does_what="Mum: breakfast club",
                by_when=ago(30),
                how_we_will_know="Attendance above 95%",
                baseline=4,
            )
        ],
        taf_members=["Mum", "Sam Fictionworker", "Mrs Proofe"],
        next_review=ago(-20),
    ).value
    review = add(
        store,
        EarlyHelpReview,
        child_id=child.id,
        plan_id=plan.id,
        held_on=ago(60),
        attendees=["Mum", "Sam Fictionworker"],
        life_improved="On time most days; she says mornings are calmer.",
        child_voice="Breakfast club is fun.",
        overall=Judgement.IMPROVED,
        decision=ReviewDecision.CONTINUE,
        decision_reasons="Progress on punctuality; keep going.",
        goal_progress=[GoalProgress(goal_id=plan.goals[0].goal_id, score=6, evidence="Attendance 93%")],
        next_review=ago(-20),
    ).value
    threshold = add(
        store,
        ThresholdDecision,
        child_id=child.id,
        decided_on=ago(1),
        level=4,
        evidence={
            "child_development": ["Living with domestic abuse"],
            "parenting_capacity": ["Violence by father towards mother"],
            "family_environment": ["Escalating incidents"],
        },
        reasoning="A disclosure of violence causing injury after earlier incidents: Level 4, MASH enquiry now.",
        consulted="Fictionton MASH consultation line",
        decided_by="Ms Ada Testperson",
    ).value
    return Case(child, disclosure, earlier, plan, review, threshold)  # type: ignore[arg-type]


COMPLETION: dict[str, Any] = {
    "type_of_request": "Child at risk of significant harm: phoned through, followed in writing",
    "consent": "not_told",
    "not_told_reason": "Telling either parent could increase the risk to the child and her mother.",
    "impact_on_child": "She is frightened at home, tired in class and worried about her mother and brother.",
    "parents_views": "Not sought: see the reason about consent.",
    "hoped_for": "A strategy discussion today and a plan to keep the child and her mother safe.",
    "referrer_phone": "01234 000111",
    "referrer_email": "dsl@fictional.example",
    "child_views": "She told her key adult she wants to stay with mama and for the shouting to stop at night.",
    "previous_involvement": "None known to the school.",
}
"""Answers that, with the pre-fill, make the enquiry complete."""

SENT = {"sent_via": SentVia.ONLINE_FORM, "reference": "FX-MASH-0042"}
OUTCOME = ReferralOutcome.STRATEGY_S47


def pages_text(data: bytes, password: str | None = None) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    if password is not None:
        reader.decrypt(password)
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def present(haystack: str, needle: str) -> bool:
    """``needle`` appears whole, or split in two at a word boundary (a box continued on the next page)."""
    needle = flat(needle)
    if needle in haystack:
        return True
    words = needle.split()
    return any(" ".join(words[:k]) in haystack and " ".join(words[k:]) in haystack for k in range(2, len(words) - 1))
