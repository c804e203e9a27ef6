"""The template caseload: the order its statuses come in, and one template child of a given status."""

from __future__ import annotations

from datetime import date

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import ENGLISH, template_surnames
from dslapp.demo.generic.child import (
    add_life_before_joining,
    days_in_school,
    mother_name,
    new_child_at_home,
    new_template_child,
)
from dslapp.demo.generic.concern_templates import LOOKED_AFTER_CONCERNS, LOW_CONCERNS
from dslapp.demo.generic.concerns import pick_template, record_concern
from dslapp.demo.generic.early_help import early_help_case
from dslapp.demo.generic.statutory import statutory_case
from dslapp.demo.school_calendar import add_school_days
from dslapp.demo.world import CSC, PRO_SURNAMES, SCHOOLS_ELSEWHERE, SENCO
from dslapp.models import ChildStatus, Impact, TransferDirection

GENERIC_ORDER = (
    ChildStatus.UNIVERSAL,
    ChildStatus.EARLY_HELP,
    ChildStatus.UNIVERSAL,
    ChildStatus.CIN,
    ChildStatus.EARLY_HELP,
    ChildStatus.CLOSED,
    ChildStatus.UNIVERSAL,
    ChildStatus.CP,
    ChildStatus.EARLY_HELP,
    ChildStatus.UNIVERSAL,
    ChildStatus.TRANSFERRED,
    ChildStatus.CIN,
    ChildStatus.UNIVERSAL,
    ChildStatus.EARLY_HELP,
    ChildStatus.CLA,
    ChildStatus.CLOSED,
    ChildStatus.UNIVERSAL,
    ChildStatus.CP,
    ChildStatus.EARLY_HELP,
    ChildStatus.UNIVERSAL,
    ChildStatus.CIN,
    ChildStatus.UNIVERSAL,
    ChildStatus.EARLY_HELP,
)


def _universal_case(d: BuildState) -> CaseFile:
    """A child with no plan: up to two low-level concerns, sometimes an event from before they joined."""
    year = d.rng.randrange(7)
    furthest = min(300, days_in_school(d, year) - 3)
    count = d.pick((0, 1, 1, 2)) if furthest > 10 else 0
    days = sorted(d.rng.sample(range(3, furthest), count), reverse=True) if count else []
    opened = (days[0] + d.rng.randint(0, 20)) if days else d.rng.randint(20, max(21, days_in_school(d, year)))
    case = new_child_at_home(d, year=year, opened_days_ago=opened)
    for day in days:
        record_concern(case, pick_template(d, LOW_CONCERNS, case), day)
    if d.chance(0.3):
        add_life_before_joining(d, case)
    return case


def _looked_after_case(d: BuildState) -> CaseFile:
    """A looked after child, settled with long-term foster carers since Reception."""
    year = d.rng.randint(1, 6)
    joined = date(d.academic_start() - year, 9, 4)
    case, culture, pair = new_template_child(d, year=year, opened_days_ago=(d.today - joined).days)
    case.opened = joined
    carer = f"{d.pick(ENGLISH.women)} {d.pick(template_surnames(ENGLISH))[0]}"
    case.main_carer(carer.split()[0], "foster carer", proper_name=True)
    case.person(
        carer,
        "Foster carer",
        lives=True,
        dob=d.dob_aged(40, 60),
        phone=d.phone(),
        notes="Long-term foster carer (Fictionton Fostering Service). Day-to-day consent under delegated authority.",
    )
    case.person(
        mother_name(d, culture, pair),
        "Birth mother",
        pr=True,
        notes="Shares parental responsibility with the local authority (care order). Supervised contact every 6 weeks.",
    )
    sw = case.professional(d.professional_name(), "Social worker (children in care)", CSC, key=True)
    case.professional(d.professional_name(), "Independent reviewing officer", "Fictionton IRO Service")
    case.professional("Ms Aisha Pilotfield", "Virtual school adviser", "Fictionton Virtual School")
    case.entry(
        "Accommodated after neglect at home; placed with current foster carers. Care order (s31) the following year.",
        period=f"{joined.year - d.rng.randint(1, 2)}",
        source=f"Children's social care chronology (shared by {sw})",
        impact="Foster carer reports {name} settled into routines within weeks and has been well since.",
        kind=Impact.POSITIVE,
        action="Long-term fostering plan.",
        recorded_on=joined,
    )
    case.set_status(joined, ChildStatus.CLA, "Joined Reception as a looked after child (s31 care order).")
    record_concern(case, pick_template(d, LOOKED_AFTER_CONCERNS, case, looked_after=True), d.rng.randint(10, 120))
    if d.chance(0.5):
        record_concern(case, pick_template(d, LOW_CONCERNS, case, looked_after=True), d.rng.randint(130, 250))
    case.action(
        "PEP meeting with the virtual school adviser", SENCO, d.after(d.rng.randint(5, 30)), raised=d.school_day(20)
    )
    return case


def _transferred_case(d: BuildState) -> CaseFile:
    """A child who moved to another school, with the CP file sent to its DSL and the receipt recorded."""
    year = d.rng.randint(1, 6)
    left = d.rng.randint(20, 80)
    case = new_child_at_home(d, year=year, opened_days_ago=left + d.rng.randint(100, 250))
    record_concern(case, pick_template(d, LOW_CONCERNS, case), left + d.rng.randint(10, 90))
    school, town = d.pick(SCHOOLS_ELSEWHERE)
    case.set_status(d.school_day(left), ChildStatus.TRANSFERRED, f"Moved to {town}; started at {school}.")
    sent = d.school_day(left - 2)
    received = min(add_school_days(sent, d.rng.randint(1, 4)), d.ago(1))
    dsl = f"{d.pick(('Mrs', 'Mr', 'Ms'))} {d.pick('BCEGHJKLMNPRSTW')}. {d.pick(PRO_SURNAMES)}"
    case.transfer(
        TransferDirection.OUTGOING,
        school,
        other_dsl=f"{dsl} (DSL)",
        sent_on=sent,
        received_on=received,
        receipt_by=f"{dsl} (DSL)",
        method="encrypted transfer pack by secure email, addressed to the DSL",
        notes="Sent separately from the pupil file.",
    )
    return case


def generic_case(d: BuildState, status: ChildStatus) -> CaseFile:
    """One template child whose file ends in ``status`` (counted per status: the second open Early Help
    child comes through a MASH enquiry)."""
    made = d.generic_made.get(status, 0)
    d.generic_made[status] = made + 1
    if status == ChildStatus.EARLY_HELP:
        return early_help_case(d)
    if status == ChildStatus.CLOSED:
        return early_help_case(d, closed=True)
    if status in (ChildStatus.CIN, ChildStatus.CP):
        return statutory_case(d, status)
    if status == ChildStatus.CLA:
        return _looked_after_case(d)
    if status == ChildStatus.TRANSFERRED:
        return _transferred_case(d)
    return _universal_case(d)
