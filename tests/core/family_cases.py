"""Fictional siblings for the household, linked-children and statutory tests (every name made up)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mash_cases import TODAY, ago, at

from dslapp.models import Category, Child, ChildStatus, Concern, DslDecision, Severity
from dslapp.services import recording
from dslapp.services.children import add_child
from dslapp.store import RecordStore

# Child A: distinctive words that must never reach child B's exports.
A_FORENAME = "Zebulon"
A_SURNAME = "Quillfeather"
A_KNOWN_AS = "Zeb"
A_UPN = "Z999888777666"
A_DETAIL = "bruising shaped like a buckle on the left forearm"


@dataclass
class Siblings:
    a: Child
    b: Child
    a_concern: Concern


def make_siblings(store: RecordStore) -> Siblings:
    a = add_child(
        store,
        legal_forename=A_FORENAME,
        legal_surname=A_SURNAME,
        known_as=A_KNOWN_AS,
        dob=date(TODAY.year - 11, 3, 14),
        year_group="Year 6",
        upn=A_UPN,
        status=ChildStatus.CP,
    ).value
    b = add_child(
        store,
        legal_forename="Marigold",
        legal_surname="Testsibling",
        dob=date(TODAY.year - 8, 9, 2),
        year_group="Year 3",
        upn="B111222333444",
        status=ChildStatus.EARLY_HELP,
    ).value
    concern = recording.record(
        store,
        Concern,
        child_id=a.id,
        observed_at=at(3, 9, 15),
        reporter_name="Mr Fictionteacher",
        reporter_role="Class teacher",
        categories=[Category.PHYSICAL],
        severity=Severity.HIGH,
        what_happened=f"{A_KNOWN_AS} {A_SURNAME} had {A_DETAIL}; his younger sister was with him at the gate.",
        child_words="Dad did it with his belt.",
        dsl_decision=DslDecision.INFORM_SOCIAL_WORKER,
        significant=True,
    ).value
    recording.record(
        store,
        Concern,
        child_id=b.id,
        observed_at=at(2, 8, 50),
        reporter_name="Ms Fictionassistant",
        reporter_role="Teaching assistant",
        categories=[Category.NEGLECT],
        severity=Severity.MEDIUM,
        what_happened="Arrived hungry and without a coat for the third day running.",
        dsl_decision=DslDecision.MONITOR,
        decision_reasons="Talk with mum at pick-up; check breakfast club place.",
        significant=True,
    )
    return Siblings(a, b, concern)


__all__ = ["A_DETAIL", "A_FORENAME", "A_KNOWN_AS", "A_SURNAME", "A_UPN", "Siblings", "ago", "make_siblings"]
