"""Template children in need or on a child protection plan, after a MASH enquiry."""

from __future__ import annotations

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.generic.child import days_in_school, new_child_at_home
from dslapp.demo.generic.concern_templates import HIGH_CONCERNS, LOW_CONCERNS, MEDIUM_CONCERNS
from dslapp.demo.generic.concerns import enquiry_form, pick_template, record_concern
from dslapp.demo.world import CSC, DSL, HEALTH
from dslapp.models import Category, ChildStatus, DslDecision, Impact, ReferralOutcome, ReferralStatus
from dslapp.models.referral import SentVia

_LEVEL4_EVIDENCE = {
    Category.PHYSICAL: {
        "child_development": ["Bruising in a gripping pattern", "Child's account names an adult at home"],
        "parenting_capacity": ["Physical chastisement described as repeated"],
        "family_environment": ["New adult in the household"],
    },
    Category.DOMESTIC_ABUSE: {
        "child_development": ["Witnessed violence causing injury", "Withdrawn and frightened"],
        "parenting_capacity": ["Violence between adults at home"],
        "family_environment": ["Domestic abuse; earlier police notification"],
    },
    Category.NEGLECT: {
        "child_development": ["Left in charge of a younger sibling", "Earlier concerns about basic care"],
        "parenting_capacity": ["Supervision not provided", "Account minimises the risk"],
        "family_environment": ["Baby in the household", "Little support nearby"],
    },
    Category.EMOTIONAL: {
        "child_development": ["Cruel punishment described as repeated", "Cold, red feet on arrival"],
        "parenting_capacity": ["Harsh, degrading punishment"],
        "family_environment": ["Earlier concerns about how {name} is spoken to"],
    },
}


_CP_CATEGORY = {
    Category.PHYSICAL: "physical abuse",
    Category.DOMESTIC_ABUSE: "emotional abuse",
    Category.NEGLECT: "neglect",
    Category.EMOTIONAL: "emotional abuse",
}


def statutory_case(d: BuildState, status: ChildStatus) -> CaseFile:
    """A child in need or on a child protection plan, after a MASH enquiry."""
    year = d.rng.randint(1, 6)
    t0 = min(d.rng.randint(90, 280), days_in_school(d, year) - 80)
    case = new_child_at_home(d, year=year, opened_days_ago=t0 + 70)
    record_concern(case, pick_template(d, MEDIUM_CONCERNS, case), t0 + d.rng.randint(25, 60))
    template = pick_template(d, HIGH_CONCERNS, case)
    trigger = record_concern(case, template, t0)
    category = template.categories[0]
    sw = case.professional(d.professional_name(), "Social worker", CSC, key=True, since=d.school_day(t0 - 2))
    case.professional(d.professional_name(), "School nurse", HEALTH)
    not_told = "MASH asked" in template.reasons
    cp = status == ChildStatus.CP
    case.referral(
        d.school_day(t0),
        status=ReferralStatus.OUTCOME,
        via=SentVia.PHONE,
        aware=not not_told,
        agreed=None if not_told else d.chance(0.5),
        not_told="The MASH asked school not to tell the parents until social workers had spoken to them, in case it "
        "increased the risk to {name}."
        if not_told
        else "",
        acknowledged_on=d.school_day(t0),
        outcome_on=d.school_day(t0 - 2),
        outcome=ReferralOutcome.STRATEGY_S47 if cp else ReferralOutcome.SINGLE_ASSESSMENT,
        notes=(
            f"Strategy discussion; s47 enquiries led by {sw} with police."
            if cp
            else f"Child and family assessment by {sw}."
        ),
        form=enquiry_form(
            trigger,
            "Level 4: risk of significant harm." if cp else "Level 4: a child in need of a social work assessment.",
        ),
    )
    case.threshold(
        d.school_day(t0),
        4,
        _LEVEL4_EVIDENCE.get(category, _LEVEL4_EVIDENCE[Category.NEGLECT]),
        "What {name} said and what staff saw point to harm, or a risk of harm, that needs a statutory response: "
        "Level 4.",
        consulted="Fictionton MASH",
        concerns=[trigger],
    )
    if cp:
        conference = d.school_day(t0 - 15)
        label = _CP_CATEGORY.get(category, "neglect")
        case.set_status(conference, ChildStatus.CP, f"Initial child protection conference: plan under {label}.")
        case.entry(
            f"Initial child protection conference: {{name}} made subject to a child protection plan ({label}). DSL "
            "attended and gave the school's report.",
            on=conference,
            source="Children's social care (conference chair)",
            impact="{name} has a core group of people checking on {obj}; {Sub} told the ELSA “lots of people are "
            "helping my family now”.",
            kind=Impact.POSITIVE,
            action="Core group every 4 to 6 weeks; school reports attendance and wellbeing.",
        )
        since = t0 - 15
        meeting = "core group"
    else:
        assessed = d.school_day(t0 - 35)
        case.set_status(assessed, ChildStatus.CIN, "Child and family assessment completed: child in need plan (s17).")
        since = t0 - 35
        meeting = "CIN meeting"
        if since > 50:
            case.entry(
                "CIN review meeting: plan continued; parenting support under way.",
                on=d.school_day(since - 42),
                source=f"Children's social care ({sw})",
                impact="{Pos} teacher reports {name} is more settled in class.",
                kind=Impact.POSITIVE,
                action="School to keep reporting attendance and wellbeing before each meeting.",
            )
    if since > 10:
        follow = pick_template(d, LOW_CONCERNS, case)
        record_concern(
            case,
            follow,
            d.rng.randint(3, since - 5),
            decision=DslDecision.INFORM_SOCIAL_WORKER,
            reasons=f"{{name}} has an allocated social worker ({sw}): shared by phone and secure email the same day "
            f"for the next {meeting}. School support carries on as planned.",
            outcome="",
        )
    case.action(
        f"Send the school's report to the {meeting}", DSL, d.after(d.rng.randint(2, 20)), raised=d.school_day(10)
    )
    case.action(
        "Share attendance and wellbeing notes with the social worker",
        DSL,
        d.school_day(since - 3),
        raised=d.school_day(since),
        done_on=d.school_day(since - 3),
    )
    return case
