"""Template children in need or on a child protection plan, after a MASH enquiry."""

from __future__ import annotations

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.generic.child import days_in_school, new_child_at_home
from dslapp.demo.generic.concern_templates import HIGH_CONCERNS, LOW_CONCERNS, MEDIUM_CONCERNS
from dslapp.demo.generic.concerns import enquiry_form, pick_template, record_concern
from dslapp.demo.world import CSC, DSL, HEALTH
from dslapp.models import Category, ChildStatus, Concern, DslDecision, Impact, ReferralOutcome, ReferralStatus
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


_PHONED = ": phoned through first, this is the written follow-up"

_ENQUIRY: dict[Category, dict[str, str]] = {
    Category.PHYSICAL: {
        "type_of_request": f"Child may be at risk of significant harm (injury with a disclosure){_PHONED}",
        "impact_on_child": "{name} has been hurt by an adult {sub} lives with, and says it happens when he is cross: "
        "{sub} is living with not knowing when it will happen again. {Sub} tried to keep the bruises hidden and was "
        "quiet for the rest of the morning.",
        "strengths": "{name} told an adult in school how {sub} was hurt. {Sub} comes to school regularly, has "
        "friends in {pos} class and a key adult {sub} trusts. {Mum} talks to staff at the door most days.",
        "child_views": "{name} said {adult} grabbed {obj} because {sub} would not turn the television off, and that "
        "“he does it when he's cross”. {Sub} has not been asked more, so as not to lead {obj} before the MASH decides "
        "how {sub} should be spoken to.",
        "agreed": "{Mum} was told after the call, on the MASH's advice, and agreed to the enquiry. She said she "
        "wants {name} to be safe at home.",
        "refused": "{Mum} was told after the call, on the MASH's advice. She did not agree to the enquiry and said "
        "{name} bruises easily and the marks came from play.",
        "without_consent": "{Mum} did not agree. The enquiry went ahead because bruising in a gripping pattern, with "
        "{name}'s account naming an adult at home and saying it happens when he is cross, is a risk of significant "
        "harm that cannot wait for a parent's agreement.",
        "referrer_view": "Level 4. {name} has bruises in a gripping pattern and names an adult at home who, {sub} "
        "says, does this when he is cross, so it is likely to happen again. I judge this a risk of significant harm "
        "needing a strategy discussion.",
        "hoped_for": "A strategy discussion; {name} seen and spoken to on {pos} own; and a plan that keeps {obj} "
        "safe at home, with help for the adults to manage {pos} behaviour without physical force.",
    },
    Category.DOMESTIC_ABUSE: {
        "type_of_request": f"Child may be at risk of significant harm (domestic abuse causing injury){_PHONED}",
        "impact_on_child": "{name} saw {pos} mum hurt at home and hid in the bathroom. The next day {sub} was quiet "
        "and did not want to go out at playtime. {Sub} is living in a home where violence happens, frightened for "
        "{pos} mum and unsure whether home is safe.",
        "strengths": "{name} told a trusted adult in school. {Pos} mum wants to keep the children safe and has the "
        "domestic abuse service's details. {name} has a key adult in school and friends {sub} plays with.",
        "child_views": "{name} said {sub} hid in the bathroom while it happened. Asked how {sub} felt, {sub} said "
        "“scared for mum”. {Sub} has not been asked more, so as not to lead {obj}.",
        "agreed": "{Mum} was told privately, with the MASH's agreement, and agreed to the enquiry. She said she is "
        "frightened and wants help to keep the children safe.",
        "refused": "{Mum} was told privately, with the MASH's agreement. She did not agree to the enquiry: she said "
        "it was a one-off and she is afraid of what will happen if social workers visit. She was given the domestic "
        "abuse service's number.",
        "without_consent": "{Mum} did not agree. The enquiry went ahead because {name} saw violence causing injury "
        "at home; a child living with domestic abuse is at risk of significant harm, and {pos} mother's fear of what "
        "will happen if services are involved is part of that risk.",
        "referrer_view": "Level 4. {name} saw violence causing injury between the adults at home and is frightened. "
        "I judge this a risk of significant harm to {name} and to {pos} mum, needing a strategy discussion with the "
        "police.",
        "hoped_for": "A strategy discussion with the police; a safety plan for {name} and {pos} mum; support from "
        "the domestic abuse service; and help for {name} to talk about what {sub} has seen.",
    },
    Category.NEGLECT: {
        "type_of_request": f"Child may be at risk of significant harm (young child left with a baby){_PHONED}",
        "impact_on_child": "{name}, aged {age}, was left to look after a baby until after dark, with cereal for tea. "
        "{Sub} is carrying a responsibility far beyond {pos} age, and the baby was in the care of a young child. "
        "With the earlier concerns about {pos} basic care, this is part of a pattern in {pos} life, not a one-off.",
        "strengths": "{name} knew to tell an adult in school. {Sub} is kind to {pos} younger sibling and enjoys "
        "school. {Mum} answered the DSL's call and gave an account.",
        "child_views": "{name} said: “{Mum} went out and I had to look after the baby.” {Sub} told it as if it were "
        "an ordinary evening. {Sub} has not been asked more, so as not to lead {obj}.",
        "agreed": "{Mum} said she went to the shop for “ten minutes”. She agreed to the enquiry when told and said "
        "she would like help with childcare.",
        "refused": "{Mum} said she went to the shop for “ten minutes”. She did not agree to the enquiry and said the "
        "children were fine.",
        "without_consent": "{Mum} did not agree. The enquiry went ahead because {Mum}'s account and {name}'s differ, "
        "and a young child in charge of a baby, after earlier concerns about basic care, is a risk of significant "
        "harm to both children that cannot wait for a parent's agreement.",
        "referrer_view": "Level 4. A young child left in charge of a baby for several hours, on {name}'s account, "
        "after earlier concerns about basic care, and an account from {mum} that plays the risk down. I judge this a "
        "risk of significant harm to both children.",
        "hoped_for": "An assessment of the care of {name} and the baby, a plan that makes sure the children are not "
        "left alone again, and practical help for {mum} with childcare and money.",
    },
    Category.EMOTIONAL: {
        "type_of_request": f"Child may be at risk of significant harm (a cruel punishment, repeated){_PHONED}",
        "impact_on_child": "{name} is punished by being made to stand in the garden without shoes, last night after "
        "dark, and says it happens when {sub} is “bad”. {Sub} arrived with cold, red feet. {Sub} is at risk of harm "
        "from the cold, and punishment like this can leave a child believing {sub} deserves to be frightened and hurt.",
        "strengths": "{name} told an adult in school. {Sub} comes to school every day and has a teaching assistant "
        "and a key adult {sub} trusts.",
        "child_views": "{name} said: “When I'm bad I have to stand in the garden with no shoes until they say.” "
        "{Sub} has not said what {sub} would like to happen and has not been asked more, so as not to lead {obj}.",
        "agreed": "{Mum} was told after social workers had spoken to the family, and agreed to the enquiry.",
        "refused": "{Mum} was told after social workers had spoken to the family, and did not agree to the enquiry.",
        "without_consent": "{Mum} did not agree. The enquiry went ahead because a punishment that could cause "
        "{name} physical harm, described as happening more than once, cannot wait for a parent's agreement.",
        "referrer_view": "Level 4. A cruel punishment that puts {name} at risk of harm from the cold, described by "
        "{obj} as happening more than once. I judge this a risk of significant harm needing a social work response.",
        "hoped_for": "That social workers speak to {name} on {pos} own and to the adults at home, that the "
        "punishments stop, and that the family get help with managing {name}'s behaviour in ways that keep {obj} "
        "safe.",
    },
}
"""The DSL's answers on a template child's MASH enquiry, by the category of the concern that led to it."""

_NOT_TOLD = (
    "The MASH asked school not to tell the parents until social workers had spoken to them, in case it increased "
    "the risk to {name}."
)

_NOT_ASKED = (
    "Not asked before the enquiry: the MASH asked school not to tell the parents until social workers had spoken "
    "to them (see the answer on consent)."
)


def _enquiry(trigger: Concern, category: Category, consent: str) -> dict[str, str]:
    """The enquiry form for ``consent`` ("agreed", "refused" or "not_told"): the concern, the child's words and
    the DSL's answers for this kind of harm."""
    answers = _ENQUIRY.get(category, _ENQUIRY[Category.NEGLECT])
    consent_answers = {"agreed", "refused", "without_consent"}
    form = {key: text for key, text in answers.items() if key not in consent_answers}
    form.update(enquiry_form(trigger, answers["referrer_view"]))
    form["early_help"] = "No Early Help plan before this enquiry."
    form["previous_involvement"] = "None known to the school."
    form["parents_views"] = _NOT_ASKED if consent == "not_told" else answers[consent]
    return form


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
    agreed = None if not_told else d.chance(0.5)
    consent = "not_told" if not_told else "agreed" if agreed else "refused"
    answers = _ENQUIRY.get(category, _ENQUIRY[Category.NEGLECT])
    case.referral(
        d.school_day(t0),
        status=ReferralStatus.OUTCOME,
        via=SentVia.PHONE,
        aware=not not_told,
        agreed=agreed,
        not_told=_NOT_TOLD if not_told else "",
        without_consent=answers["without_consent"] if consent == "refused" else "",
        acknowledged_on=d.school_day(t0),
        outcome_on=d.school_day(t0 - 2),
        outcome=ReferralOutcome.STRATEGY_S47 if cp else ReferralOutcome.SINGLE_ASSESSMENT,
        notes=(
            f"Strategy discussion; s47 enquiries led by {sw} with police."
            if cp
            else f"Child and family assessment by {sw}."
        ),
        form=_enquiry(trigger, category, consent),
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
