"""Riley's story (fictional): Child protection plan for neglect after cumulative concerns and a family that stopped
engaging.
"""

from __future__ import annotations

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import ENGLISH
from dslapp.demo.world import ATTENDANCE, BREAKFAST, CSC, DSL, HEALTH, SCHOOL
from dslapp.models import (
    Category,
    ChildStatus,
    Designation,
    DslDecision,
    Impact,
    ReferralOutcome,
    ReferralStatus,
    Severity,
)


def story(d: BuildState) -> CaseFile:
    """Child protection plan for neglect after cumulative concerns and a family that stopped engaging."""
    c = CaseFile.open(
        d,
        ENGLISH,
        forename="Riley",
        surname="Fenwick",
        girl=False,
        year=1,
        opened=d.school_day(190),
        designations=(Designation.FSM, Designation.PUPIL_PREMIUM),
        religion="No religion",
        disability="Speech and language delay",
    )
    c.main_carer("Mum", "Kelly Fenwick")
    c.person("Kelly Fenwick", "Mother", pr=True, lives=True, dob=d.dob_aged(26, 32), phone=d.phone())
    c.person("Darren Fenwick", "Father", pr=True, lives=True, dob=d.dob_aged(28, 36), phone=d.phone())
    c.person("Brooke Fenwick", "Sister", lives=True, dob=d.dob_for_year(4), notes=f"Year 4 at {SCHOOL}.")
    c.person("Alfie Fenwick", "Brother", lives=True, dob=d.ago(310), notes="Baby.")
    sw = c.professional(
        "Ms Bukola Mockwell", "Social worker (child protection)", CSC, key=True, since=d.school_day(115)
    )
    c.professional("Ms Helen Trialsworth", "Health visitor (for Alfie)", HEALTH, since=d.school_day(115))
    c.professional("Mr Imran Proofield", "Speech and language therapist", "Fictionton Children's Therapy Service")
    c.entry(
        "Riley not brought to his one-year and two-year health checks; immunisations incomplete.",
        period=f"Spring {d.this_year - 4}",
        source="Health visitor (shared at the strategy discussion)",
        impact="Riley's speech delay was not picked up until nursery.",
        kind=Impact.NEGATIVE,
        action="Health visitor letters to the parents; no other action recorded.",
        recorded_on=d.school_day(115),
    )
    c.entry(
        "Early Help plan (Family Hub) for home conditions closed when the family stopped engaging.",
        period=f"{d.this_year - 2}",
        source="Family Hub (Early Help record)",
        impact="Not known.",
        kind=Impact.UNKNOWN,
        action="Closed without the goals being met.",
        recorded_on=d.school_day(115),
    )
    first = c.concern(
        d.at(190, 9, 0),
        c.teacher_on(d.school_day(190)),
        [Category.NEGLECT],
        "At 09:00 Riley arrived in yesterday's clothes, which were wet with urine. He had no spare clothes in his bag. "
        "This is the fourth time this half term.",
        action="Changed into spare clothes from school; clothes bagged for home. DSL spoke to mum at pick-up and "
        "offered "
        "Early Help; she agreed.",
        decision=DslDecision.EARLY_HELP,
        reasons="Repeated lapses in basic care for a child with additional needs. Mum agreed to Early Help. The "
        "family's "
        "earlier Early Help plan closed without change, so this plan will be reviewed after 6 weeks, not 12.",
    )
    c.set_status(d.school_day(185), ChildStatus.EARLY_HELP, "Early Help offered and agreed by mum.")
    c.concern(
        d.at(150, 14, 30),
        c.teacher_on(d.school_day(150)),
        [Category.NEGLECT],
        "At 14:30 Riley had weeping sores around his mouth; the school nurse said they looked like impetigo. Mum had "
        "been asked 10 days earlier to take him to the GP for the same sores.",
        action="School nurse advice given to mum in writing. Mum did not attend the Early Help meeting planned for "
        "that afternoon (second missed meeting).",
        decision=DslDecision.CONSULTATION,
        reasons="An untreated health need after advice, and Early Help not being taken up. Consultation line advice: "
        "MASH enquiry if Riley is not seen by the GP within 48 hours.",
        outcome="Seen by the GP two days later (confirmed by the school nurse).",
        significant=True,
    )
    trigger = c.concern(
        d.at(118, 8, 15),
        BREAKFAST,
        [Category.NEGLECT],
        "At 08:15 Riley and his sister Brooke (Year 4) arrived at breakfast club on their own. Brooke said mum and dad "
        "were asleep and the baby was in his cot.",
        words="Baby was crying. Brooke made toast but there wasn't any bread.",
        action="Breakfast given. DSL phoned both parents from 08:30; dad answered at 09:10 and said they had "
        "overslept. "
        "DSL phoned the MASH at 09:30.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="Cumulative neglect: a fourth concern in ten weeks (hygiene, an untreated health need, and now young "
        "children unsupervised in the morning with a baby at home), and Early Help not taken up. MASH enquiry for all "
        "three children.",
        severity=Severity.HIGH,
        significant=True,
    )
    c.referral(
        d.school_day(118),
        status=ReferralStatus.OUTCOME,
        aware=True,
        agreed=False,
        without_consent="Dad (by phone at 09:10) and mum (at pick-up) were told about the enquiry and both refused "
        "consent (their views are given below). The enquiry went ahead because Riley (aged {age}) and his "
        "sister were unsupervised in the morning with a baby left at home, after months of lapses in basic care and "
        "Early Help not taken up. The risk to all three children cannot wait for the parents' agreement.",
        acknowledged_on=d.school_day(117),
        outcome=ReferralOutcome.STRATEGY_S47,
        outcome_on=d.school_day(115),
        notes=f"Strategy discussion: s47 enquiries for Riley, Brooke and Alfie (neglect), led by {sw}. The home visit "
        "found very little food and unsafe sleeping arrangements for the baby.",
        form={
            "type_of_request": "MASH enquiry: cumulative neglect",
            "the_concern": "Riley (Year 1) and his sister arrived at school alone at 08:15; parents asleep with a baby "
            "at home. Previous concerns: soiled clothes (four times), untreated impetigo, missed meetings.",
            "what_has_been_tried": "In school: spare clothes and his own clothes washed, a breakfast club place, "
            "the school nurse's advice in writing about the sores, and a consultation-line call. Riley saw the GP "
            "only after the school pressed. None of this has changed the care Riley gets at home.",
            "referrer_view": "Level 4: cumulative neglect of three young children. Four concerns in ten weeks "
            "(hygiene, an untreated health need, and now young children unsupervised with a baby at home), and Early "
            "Help offered twice without change: waiting for more would leave all three children at risk.",
            "phoned_through": "Phoned the MASH at 09:30 and spoke to the duty social worker; this is the written "
            "follow-up.",
            "early_help": "An Early Help plan (Family Hub) for home conditions two years ago closed without its goals "
            "met when the family stopped engaging. Early Help was offered again this term and agreed by mum, but two "
            "meetings were missed and no plan has started.",
            "previous_involvement": "None known to the school. The health visitor wrote to the parents when Riley was "
            "not brought to his one-year and two-year health checks.",
            "strengths": "Riley is happy at school and eats well at breakfast club, which he comes to most days. His "
            "sister Brooke looks out for him. Dad answered the school's call this morning. The school nurse and the "
            "health visitor know the family.",
            "child_views": "Riley has speech and language delay and says little about home. This morning he said: "
            "“Baby was crying. Brooke made toast but there wasn't any bread.” He tells his teacher he likes breakfast "
            "club and the reading corner.",
            "parents_views": "Both parents refused consent. Dad said they had overslept and that the children know "
            "the way to school. Mum said she does not want social workers involved and that the school is making too "
            "much of it.",
            "hoped_for": "A strategy discussion and an assessment of all three children's care, the baby's included, "
            "with a plan that makes sure the children are supervised, fed and clean, and that Riley's health and "
            "speech needs are met.",
        },
    )
    c.threshold(
        d.school_day(118),
        4,
        {
            "child_development": ["Speech delay", "Soiled clothes; untreated sores", "Unsupervised at 08:15"],
            "parenting_capacity": [
                "Basic care and supervision not met",
                "Health advice not followed",
                "Early Help not taken up",
            ],
            "family_environment": ["Baby at home", "Earlier Early Help closed without change"],
        },
        "Cumulative neglect across all three domains, with Early Help not taken up: Level 4.",
        consulted="Fictionton MASH",
        concerns=[first, trigger],
    )
    icpc = d.school_day(100)
    c.set_status(icpc, ChildStatus.CP, "Initial child protection conference: child protection plan (neglect).")
    c.entry(
        "Initial child protection conference: Riley, Brooke and Alfie made subject to child protection plans "
        "(neglect).",
        on=icpc,
        source="Children's social care (conference chair)",
        impact="Since the plan: Riley arrives in clean clothes on most days and has started speech therapy.",
        kind=Impact.POSITIVE,
        action="Core group every 4 weeks; school reports attendance, hygiene and lunches.",
    )
    c.concern(
        d.at(9, 10, 0),
        ATTENDANCE,
        [Category.NEGLECT, Category.ATTENDANCE],
        "Riley's attendance since the CP plan started is 89%; he was absent on four Mondays. Today he arrived at 10:00 "
        "without breakfast.",
        words="We had no milk.",
        action=f"Breakfast given. Shared with {sw} by phone at 10:30.",
        decision=DslDecision.INFORM_SOCIAL_WORKER,
        reasons="Riley is on a child protection plan: shared with the social worker the same day for the core group. "
        "The Monday pattern will go in the school's report to the review conference.",
    )
    c.action(
        "Send attendance figures and the school report to the social worker for the review conference",
        DSL,
        d.ago(1),
        raised=d.school_day(9),
    )
    c.action("Core group meeting (school: attendance, hygiene, lunches)", DSL, d.after(2), raised=d.school_day(30))
    c.curate(
        trigger,
        "Riley and his sister arrived at breakfast club alone at 08:15; parents asleep, the baby in his cot at home.",
        source=BREAKFAST.label,
        impact="Riley and his sister were unsupervised and hungry, and the baby was left at home.",
        kind=Impact.NEGATIVE,
        action="MASH enquiry for all three children; s47 enquiries; child protection plans (neglect).",
    )
    return c
