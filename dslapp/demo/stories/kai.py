"""Kai's story (fictional): Child in need: criminal exploitation / county lines; a MASH enquiry acknowledged,
outcome awaited.
"""

from __future__ import annotations

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import ENGLISH
from dslapp.demo.world import CSC, DSL, HEAD, OFFICE, POLICE
from dslapp.models import Category, ChildStatus, Designation, DslDecision, Impact, ReferralStatus, Severity
from dslapp.models.referral import ConsentState


def story(d: BuildState) -> CaseFile:
    """Child in need: criminal exploitation / county lines; a MASH enquiry acknowledged, outcome awaited."""
    c = CaseFile.open(
        d,
        ENGLISH,
        forename="Kai",
        surname="Fletcher",
        girl=False,
        year=6,
        opened=d.school_day(205),
        designations=(Designation.PUPIL_PREMIUM,),
        religion="No religion",
    )
    c.main_carer("Mum", "Danielle Fletcher")
    c.person("Danielle Fletcher", "Mother", pr=True, lives=True, dob=d.dob_aged(33, 40), phone=d.phone())
    c.person(
        "Ryan Fletcher",
        "Father",
        pr=True,
        dob=d.dob_aged(35, 42),
        address=d.address("Testbury"),
        notes="Lives in Testbury; occasional contact.",
    )
    c.person(
        "Connor Fletcher",
        "Brother",
        lives=True,
        dob=d.ago(365 * 16 + 40),
        notes="Aged 16. Known to the Fictionton Youth Justice Service.",
    )
    sw = c.professional(
        "Mr Tom Pilotfield", "Social worker (adolescent and exploitation team)", CSC, key=True, since=d.school_day(200)
    )
    pc = c.professional("PC Nadia Fakesby", "Missing and exploitation officer", POLICE, since=d.school_day(8))
    c.professional("Ms Kerry Testerton", "Youth worker", "Fictionton Youth Service", since=d.school_day(150))
    c.entry(
        "Connor (brother, 16) arrested in Testbury with drugs and cash; police told children's social care about both "
        "brothers.",
        on=d.school_day(205),
        source=f"{POLICE}, via children's social care",
        impact="Kai told his teacher he was scared for Connor and about “men coming to the house”.",
        kind=Impact.NEGATIVE,
        action="Child and family assessment for both brothers.",
    )
    c.set_status(
        d.school_day(180),
        ChildStatus.CIN,
        "Child and family assessment: Kai is a child in need; CIN plan on supervision and safety outside the home.",
    )
    c.concern(
        d.at(44, 13, 30),
        c.teacher_on(d.school_day(44)),
        [Category.CCE],
        "At 13:30 the class teacher saw Kai using a second mobile phone, a basic model, under his desk. In the last "
        "fortnight "
        "Kai has come in with new designer trainers and a £20 note. Mum told staff last week she had not bought them.",
        words="Connor's mate gave it me. I just have to answer it when it rings. It's not a big deal.",
        action="Phone handed in to the office under the school's policy and returned to mum at 15:15. Shared with the "
        "social worker at 14:10.",
        decision=DslDecision.INFORM_SOCIAL_WORKER,
        reasons="Indicators of criminal exploitation: an unexplained phone, money and gifts, and links to older young "
        f"people through his brother. Kai has an allocated social worker ({sw}): shared the same day so the "
        "exploitation screening tool can be completed.",
        severity=Severity.HIGH,
        significant=True,
    )
    missing = c.concern(
        d.at(8, 13, 5),
        OFFICE,
        [Category.CCE, Category.ATTENDANCE],
        "Kai did not return to class after lunch at 13:05. Staff searched the site; at 13:25 the office phoned mum and "
        "the police to report him missing. At 16:30 British Transport Police found him at Fictionton station with a "
        "17-year-old male, carrying a rucksack that Kai said was not his.",
        words="I was only dropping something off in Testbury for someone. They said I'd get £50 and new trainers. I'm "
        "not a grass.",
        action="Missing-from-school procedure followed: police told at 13:25, social worker at 13:30. Police returned "
        "Kai home at 18:00.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="Kai, aged {age}, was missing and found travelling to another town with an older male and an offer of "
        "money "
        "to carry a bag: strong indicators of county lines exploitation. A child cannot consent to their own "
        "exploitation. MASH enquiry the next morning asking for a strategy discussion under the exploitation protocol "
        "and for a National Referral Mechanism referral to be considered.",
        severity=Severity.HIGH,
        significant=True,
    )
    sent = d.school_day(7)
    c.referral(
        sent,
        status=ReferralStatus.ACKNOWLEDGED,
        aware=True,
        agreed=True,
        acknowledged_on=d.school_day(6),
        form={
            "type_of_request": "MASH enquiry: child criminal exploitation (request for a strategy discussion)",
            "the_concern": "Kai (Year 6, allocated CIN social worker) went missing from school and was found at "
            "Fictionton station with a 17-year-old male, carrying a bag for payment. Recent unexplained phone, money "
            "and trainers.",
            "child_words": "“They said I'd get £50 and new trainers. I'm not a grass.”",
            "referrer_view": "Level 4: risk of significant harm through criminal exploitation. Kai (aged {age}) was "
            "found travelling with an older male, carrying a bag for payment, after weeks of gifts, money and a "
            "second phone. A child cannot consent to their own exploitation.",
            "hoped_for": "A strategy discussion, a safety plan for school and the community, and consideration of an "
            "NRM referral.",
            "strengths": "Mum reported Kai missing at once and is working with the social worker and the police. Kai "
            "has a key adult in school and a youth worker he gets on with, and he enjoys PE. He already has an "
            "allocated social worker and a CIN plan.",
            "child_views": "Kai said: “I was only dropping something off in Testbury for someone. They said I'd get "
            "£50 and new trainers. I'm not a grass.” He does not see himself as at risk, and his words suggest he "
            "fears being seen to inform on others. He has told his key adult he wants to go to secondary school with "
            "his friends.",
            "early_help": "Not applicable: Kai already has a child in need plan (see previous involvement).",
            "parents_views": "Mum agreed to the enquiry. She is frightened for Kai, says she cannot watch both boys "
            "all the time, and wants help to keep Kai away from the older young people Connor knows.",
        },
    )
    c.threshold(
        sent,
        4,
        {
            "child_development": ["Missing from school", "Gifts, money and a second phone"],
            "parenting_capacity": ["Mum worried and cooperating; struggling to supervise both sons"],
            "family_environment": [
                "Older brother involved in drug supply",
                "Contact with older males in the community",
            ],
        },
        "Kai is being criminally exploited: Level 4, strategy discussion needed.",
        consulted=f"{sw} (social worker)",
        concerns=[missing],
    )
    c.sharing(
        sent,
        what="Description of the 17-year-old male, the number of the second phone and the times Kai was missing",
        with_whom=f"{POLICE} (partnership intelligence form, to {pc})",
        consent=ConsentState.NOT_NEEDED,
        shared=True,
        reasons="Intelligence about people who may be exploiting children, shared to help disrupt exploitation of Kai "
        "and others. Mum was told it would be shared.",
    )
    c.action("Complete and send the partnership intelligence form", DSL, sent, raised=sent, done_on=sent)
    c.action(
        "Lunchtime safety plan: Kai stays on site and checks in with his key adult at 13:00",
        HEAD.name,
        d.after(2),
        raised=d.school_day(6),
    )
    c.action(
        "Plan a supported move to secondary school with the social worker and youth worker",
        DSL,
        d.after(25),
        raised=d.school_day(6),
    )
    c.curate(
        missing,
        "Missing from school after lunch; found at Fictionton station with a 17-year-old male, carrying a bag for "
        "payment.",
        source="School office; British Transport Police",
        impact="Kai was at serious risk of harm through county lines exploitation.",
        kind=Impact.NEGATIVE,
        action="Police told at 13:25; Kai returned home at 18:00; MASH enquiry the next morning asking for a strategy "
        "discussion.",
    )
    return c
