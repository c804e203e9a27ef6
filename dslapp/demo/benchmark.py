"""The large benchmark dataset (``dslapp bench``, DESIGN §6)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from dslapp.demo.build_state import BuildState
from dslapp.demo.cultures import weighted_culture
from dslapp.demo.school_calendar import local_time, term_label
from dslapp.demo.summary import DemoSummary
from dslapp.demo.world import ATTENDANCE, BREAKFAST, CLASS_TEACHERS, DSL, ELSA, MIDDAY, OFFICE, SCHOOL, TA, Staff
from dslapp.models import Category, Child, ChildStatus, ChronologyEntry, Concern, DslDecision, Impact, Record, Severity
from dslapp.store import RecordStore

_LARGE_WHAT = (
    "Arrived late at {t} and said there had been no breakfast at home; given toast at breakfast club.",
    "Small bruise on the left shin seen in PE at {t}; said it happened playing football at the park.",
    "Told the teaching assistant at {t} that mum and her partner were shouting last night.",
    "No coat at {t} on a wet morning; borrowed one from the uniform cupboard.",
    "Hungry at lunch ({t}); the packed lunch was a packet of crisps.",
    "Fell asleep in class at {t}; said the baby kept everyone awake.",
    "At {t} told a friend that someone online asked for a photo; the friend told the class teacher.",
    "Collected 50 minutes late at {t}; the office phoned the emergency contacts.",
    "Upset at {t} after a phone call home; said dad had not come to contact again.",
    "Late for the fourth time this week at {t}; tired, and said the alarm did not go off.",
    "Tearful at {t}; told the ELSA about worries at home.",
    "Said at {t} that they had to stay in their room all weekend as a punishment.",
)
_LARGE_WORDS = (
    "There wasn't any breakfast.",
    "Mum was shouting at him.",
    "I'm hungry.",
    "I don't want to go home today.",
    "He told me not to tell.",
    "I'm just tired.",
    "",
    "",
)
_LARGE_CATEGORIES = (
    Category.NEGLECT,
    Category.NEGLECT,
    Category.NEGLECT,
    Category.EMOTIONAL,
    Category.DOMESTIC_ABUSE,
    Category.PHYSICAL,
    Category.ONLINE,
    Category.ATTENDANCE,
    Category.MENTAL_HEALTH,
    Category.CHILD_ON_CHILD,
)
_LARGE_DECISIONS = (
    (DslDecision.MONITOR, "Monitor: read with earlier concerns; review in two weeks."),
    (DslDecision.SUPPORT_IN_SCHOOL, "Met in school (breakfast club, spare uniform); parent told at pick-up."),
    (DslDecision.EARLY_HELP, "Early Help offered and agreed."),
    (DslDecision.NO_FURTHER_ACTION, "Consistent accounts from child and parent; recorded for any pattern."),
    (DslDecision.INFORM_SOCIAL_WORKER, "Shared with the allocated social worker the same day."),
)
_LARGE_EVENTS = (
    ("Police notification: call-out to the home; child present.", "Fictionshire Police", Impact.NEGATIVE),
    ("Health visitor: missed developmental check.", "Health visitor", Impact.NEGATIVE),
    ("Strategy discussion held; s47 enquiries.", "Children's social care", Impact.UNKNOWN),
    ("Child protection review conference: plan continued.", "Children's social care", Impact.UNKNOWN),
    ("Moved house within Fictionton.", "Mum", Impact.UNKNOWN),
    ("Started speech and language therapy.", "Children's therapy service", Impact.POSITIVE),
)


def _spread(children: int, concerns: int, heaviest: int, rng: random.Random) -> list[int]:
    """Concerns per child: the first child has ``heaviest``; the rest share what is left, unevenly."""
    if children <= 0:
        return []
    if children == 1:
        return [concerns]
    share, extra = divmod(concerns - heaviest, children - 1)
    counts = [heaviest] + [share + (1 if i < extra else 0) for i in range(children - 1)]
    for i in range(1, children - 1, 2):  # move some between neighbours so counts vary
        moved = rng.randint(0, counts[i] // 2)
        moved = min(moved, max(0, heaviest - counts[i + 1]))
        counts[i] -= moved
        counts[i + 1] += moved
    return counts


def _large_child(d: BuildState) -> Child:
    culture = weighted_culture(d.rng)
    girl = d.chance(0.5)
    opened = d.ago(d.rng.randint(400, 1100))
    return Child(
        **d.stamp(local_time(opened, 9)),
        legal_forename=d.pick(culture.forenames(girl)),
        legal_surname=culture.surname(d.pick(culture.surnames), girl),
        dob=d.dob_aged(5, 15),
        gender="Female" if girl else "Male",
        ethnicity=culture.ethnicity,
        first_language=culture.language,
        upn=d.upn(),
        nhs_number=d.nhs_number(),
        address=d.address(),
        school=SCHOOL,
        status=d.pick(list(ChildStatus)),
    )


def _large_concern(d: BuildState, child: Child, staff: Sequence[Staff]) -> Concern:
    day = d.ago(d.rng.randint(1, 1095))
    observed = local_time(day, d.rng.randint(8, 15), d.minute())
    recorded = observed + timedelta(minutes=20)
    decision, reasons = d.pick(_LARGE_DECISIONS)
    reporter = d.pick(staff)
    return Concern(
        **d.stamp(recorded),
        child_id=child.id,
        observed_at=observed,
        recorded_at=recorded,
        reporter_name=reporter.name,
        reporter_role=reporter.role,
        categories=[d.pick(_LARGE_CATEGORIES)],
        severity=d.pick((Severity.LOW, Severity.MEDIUM, Severity.MEDIUM, Severity.HIGH)),
        what_happened=d.pick(_LARGE_WHAT).format(t=observed.strftime("%H:%M")),
        child_words=d.pick(_LARGE_WORDS),
        immediate_action="Told the DSL the same morning.",
        dsl_decision=decision,
        decision_reasons=reasons,
        significant=d.chance(0.2),
    )


def _large_entry(d: BuildState, child: Child) -> ChronologyEntry:
    day = d.ago(d.rng.randint(1, 2500))
    event, source, kind = d.pick(_LARGE_EVENTS)
    approximate = d.chance(0.1)
    return ChronologyEntry(
        **d.stamp(local_time(max(day, child.created_at.date()), 17)),
        child_id=child.id,
        on=None if approximate else day,
        period=term_label(day) if approximate else "",
        event=event,
        source=source,
        impact="Recorded in the child's file." if kind == Impact.UNKNOWN else "See the linked record.",
        impact_kind=kind,
        action_taken="Discussed at the next core group.",
        recorded_by=DSL,
    )


def build_large(
    store: RecordStore,
    *,
    children: int = 1000,
    concerns: int = 50_000,
    heaviest: int = 2_000,
    seed: int = 1,
    today: date | None = None,
) -> DemoSummary:
    """The benchmark dataset (DESIGN §6): many children, ``concerns`` concerns in total, one child with
    ``heaviest`` concerns and as many chronology entries.

    Records are built as model objects and saved with ``store.add_many`` in batches of about 5,000 (one
    transaction and one audit row per batch). With one child, every concern is that child's.
    """
    d = BuildState(seed, today or date.today())
    heaviest = max(0, min(heaviest, concerns))
    counts = _spread(children, concerns, heaviest, d.rng)
    staff = (*CLASS_TEACHERS, TA, MIDDAY, OFFICE, BREAKFAST, ELSA, ATTENDANCE)
    batch: list[Record] = []
    written = 0

    def flush() -> None:
        nonlocal written
        if batch:
            store.add_many(batch, detail="benchmark dataset")
            written += len(batch)
            batch.clear()

    for index, count in enumerate(counts):
        child = _large_child(d)
        batch.append(child)
        batch.extend(_large_concern(d, child, staff) for _ in range(count))
        if index == 0:
            batch.extend(_large_entry(d, child) for _ in range(heaviest))
        if len(batch) >= 5_000:
            flush()
    flush()
    return DemoSummary(children=len(counts), records=written, concerns=sum(counts))
