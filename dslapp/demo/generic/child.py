"""A template child: a name from one of the communities, a family, and sometimes a life event before joining."""

from __future__ import annotations

from datetime import date, timedelta

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import ENGLISH, Culture, template_surnames, weighted_culture
from dslapp.demo.school_calendar import term_label
from dslapp.demo.world import SCHOOL
from dslapp.models import Designation, Impact

_BEFORE_JOINING = (
    (
        "Joined the school mid-year after the family moved from {town} for {mum}'s work.",
        "{Mum}, at admission",
        "{name} settled quickly and had made friends within a few weeks (class teacher).",
        Impact.POSITIVE,
        "Buddy arranged for the first month.",
    ),
    (
        "{name}'s grandparent, who lived with the family, died after a short illness.",
        "{Mum}",
        "{name} was tearful in school for several weeks and asked to sit near the door.",
        Impact.NEGATIVE,
        "ELSA sessions offered and taken up; {Mum} given the children's bereavement service details.",
    ),
    (
        "Family evicted from a privately rented house and placed in temporary accommodation in {town} for four months.",
        "{Mum}, and the council's housing letter",
        "{name} travelled an hour each way to school and was often late.",
        Impact.NEGATIVE,
        "Bus pass arranged by the school; family rehoused in Fictionton.",
    ),
)


def days_in_school(d: BuildState, year: int) -> int:
    """How many days ago the child (now in ``year``) started Reception."""
    return (d.today - date(d.academic_start() - year, 9, 1)).days


def new_template_child(d: BuildState, *, year: int, opened_days_ago: int) -> tuple[CaseFile, Culture, tuple[str, str]]:
    """A new child with a name from one of the communities (weighted towards the local majority), with the
    community and the family's surname (male and female forms)."""
    culture = weighted_culture(d.rng)
    for _ in range(100):
        girl = d.chance(0.5)
        given = d.pick(culture.forenames(girl))
        fresh = [p for p in template_surnames(culture) if not set(p) & d.surnames_used]
        pair = d.pick(fresh or template_surnames(culture))
        surname = culture.surname(pair, girl)
        if d.claim(given, surname):
            break
    designations = [Designation.EAL] if culture.eal else []
    if d.chance(0.3):
        designations += [Designation.FSM, Designation.PUPIL_PREMIUM]
    if d.chance(0.12):
        designations.append(Designation.SEND)
    case = CaseFile.open(
        d,
        culture,
        forename=given,
        surname=surname,
        known_as=given.split()[-1] if culture.family_name_first else "",
        girl=girl,
        year=year,
        opened=d.school_day(opened_days_ago),
        designations=designations,
    )
    return case, culture, pair


def new_child_at_home(d: BuildState, *, year: int, opened_days_ago: int) -> CaseFile:
    """A new template child living with their family."""
    case, culture, pair = new_template_child(d, year=year, opened_days_ago=opened_days_ago)
    _add_family(d, case, culture, pair)
    return case


def mother_name(d: BuildState, culture: Culture, pair: tuple[str, str]) -> str:
    """The child's mother's full name: the family's surname, or her own where the community keeps it."""
    surname = d.pick(template_surnames(culture))[1] if culture.mother_keeps_name else culture.surname(pair, True)
    return culture.full_name(d.pick(culture.women), surname)


def _add_family(d: BuildState, case: CaseFile, culture: Culture, pair: tuple[str, str]) -> None:
    """Parents or carers with the right parental responsibility, and any brothers and sisters."""
    kind = d.pick(("two_parents", "two_parents", "separated", "mum_and_partner", "mum_alone", "dad_alone"))
    mother = mother_name(d, culture, pair)
    father = culture.full_name(d.pick(culture.men), culture.surname(pair, False))
    if kind == "dad_alone":
        case.main_carer("Dad", father)
        case.person(father, "Father", pr=True, lives=True, dob=d.dob_aged(28, 48), phone=d.phone())
        case.person(
            mother,
            "Mother",
            pr=True,
            dob=d.dob_aged(26, 45),
            address=d.address(),
            notes=case.fill(
                d.pick(
                    ("Lives in Testbury; {name} stays with her at weekends.", "Lives abroad; video calls on Sundays.")
                )
            ),
        )
    else:
        case.main_carer("Mum", mother)
        case.person(mother, "Mother", pr=True, lives=True, dob=d.dob_aged(24, 45), phone=d.phone())
        if kind == "two_parents":
            case.ctx["adult"] = "Dad"
            case.person(father, "Father", pr=True, lives=True, dob=d.dob_aged(26, 48), phone=d.phone())
        elif kind == "separated":
            case.person(
                father,
                "Father",
                pr=True,
                dob=d.dob_aged(26, 48),
                phone=d.phone(),
                address=d.address(),
                notes=case.fill("Separated from mum; {name} stays with him every other weekend."),
            )
        elif kind == "mum_and_partner":
            case.ctx["adult"] = "Mum's boyfriend"
            partner_culture = d.pick((culture, ENGLISH))
            partner = partner_culture.full_name(
                d.pick(partner_culture.men), d.pick(template_surnames(partner_culture))[0]
            )
            case.person(
                partner,
                "Mum's partner",
                lives=True,
                dob=d.dob_aged(25, 45),
                notes=case.fill(
                    f"Moved in during {d.this_year - 1}. Not {{name}}'s father; no parental responsibility."
                ),
            )
            case.person(
                father,
                "Father",
                pr=d.chance(0.7),
                dob=d.dob_aged(26, 48),
                notes=f"No contact since {d.this_year - d.rng.randint(2, 4)}.",
            )
    for _ in range(d.pick((0, 1, 1, 2))):
        girl = d.chance(0.5)
        given = d.pick(culture.forenames(girl))
        surname = culture.surname(pair, girl)
        dob = min(case.child.dob + timedelta(days=d.pick((-1, 1)) * d.rng.randint(420, 2400)), d.ago(120))
        age = (d.today - dob).days // 365
        where = "At home (pre-school)." if age < 4 else f"At {SCHOOL}." if age < 11 else "At Fictionton Academy."
        case.person(
            culture.full_name(given, surname), "Sister" if girl else "Brother", lives=True, dob=dob, notes=where
        )


def add_life_before_joining(d: BuildState, case: CaseFile) -> None:
    event, source, impact, kind, action = d.pick(_BEFORE_JOINING)
    town = d.pick(("Testbury", "Sampleford"))
    case.entry(
        event.replace("{town}", town),
        period=term_label(case.opened - timedelta(days=d.rng.randint(60, 400))),
        source=case.fill(source),
        impact=impact,
        kind=kind,
        action=action,
        recorded_on=case.opened,
    )
