"""Αλέξανδρος (Alex), his story (fictional): Child in need: a young carer with autism whose mum has bipolar disorder."""

from __future__ import annotations

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import GREEK
from dslapp.demo.world import CONSULTATION_LINE, CSC, DSL, OFFICE, SCHOOL, SENCO, TA
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
from dslapp.models.referral import ConsentState


def story(d: BuildState) -> CaseFile:
    """Child in need: a young carer with autism whose mum has bipolar disorder."""
    c = CaseFile.open(
        d,
        GREEK,
        forename="Αλέξανδρος",
        surname="Παπαδόπουλος",
        girl=False,
        year=5,
        opened=d.school_day(210),
        designations=(Designation.SEND, Designation.EHCP, Designation.YOUNG_CARER, Designation.EAL),
        disability=f"Autism (diagnosed Spring {d.this_year - 4}); EHCP",
        religion="Greek Orthodox",
    )
    c.main_carer("Mum", "Ελένη Παπαδοπούλου")
    c.person(
        "Ελένη Παπαδοπούλου",
        "Mother",
        pr=True,
        lives=True,
        dob=d.dob_aged(34, 42),
        phone=d.phone(),
        notes="Has bipolar disorder; under the community mental health team. Prefers Greek for complex meetings.",
    )
    c.person(
        "Γιώργος Παπαδόπουλος",
        "Father",
        pr=True,
        lives=True,
        dob=d.dob_aged(36, 45),
        phone=d.phone(),
        notes="Long-distance lorry driver: away three or four nights a week.",
    )
    c.person("Μαρία Παπαδοπούλου", "Sister", lives=True, dob=d.dob_for_year(1), notes=f"Year 1 at {SCHOOL}.")
    c.person(
        "Βασιλική Οικονόμου",
        "Maternal grandmother",
        dob=d.dob_aged(62, 70),
        phone=d.phone(),
        address=d.address("Sampleford"),
        notes="Emergency contact; can collect both children.",
    )
    sw = c.professional(
        "Mr Marcus Draftsham", "Social worker (children in need)", CSC, key=True, since=d.school_day(146)
    )
    c.professional("Ms Nadia Demoford", "Young carers worker", "Fictionton Young Carers", since=d.school_day(200))
    c.professional(
        "Mr Chris Modelham",
        "Care coordinator (mum's)",
        "Fictionton Community Mental Health Team",
        since=d.school_day(146),
    )

    c.entry(
        "Autism diagnosis (Fictionton Child Development Centre).",
        period=f"Spring {d.this_year - 4}",
        source="Mum; CDC report in the SEN file",
        impact="Alex's needs understood and planned for; EHCP issued the following year.",
        kind=Impact.POSITIVE,
        action="EHCP in place (see SEN file).",
    )
    c.concern(
        d.at(210, 9, 15),
        TA,
        [Category.OTHER],
        "At 09:15 Αλέξανδρος (Alex) was distressed on arrival: rocking, hands over his ears, and would not take his "
        "coat off. When calm, he told Mrs Proofe he had got Maria ready for school and made her breakfast because mum "
        "was “poorly in bed again”. Dad was away working.",
        words="I did Maria's hair and her cereal. Mum stayed in bed. I didn't have time to do my teeth.",
        action="Sensory break and breakfast. DSL phoned mum at 10:00: she was tearful, had not slept for three nights "
        "and was waiting for a call back from her mental health team. With her agreement the DSL phoned dad, who came "
        "home that afternoon.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="Alex is caring for his sister when mum is unwell and dad is away. Both parents agreed to a young "
        "carers "
        "referral and extra support in school (soft start, breakfast). Not a MASH enquiry today: dad came home and "
        "mum's mental health team was already involved.",
        outcome="Young carers referral made with the parents' consent.",
        significant=True,
    )
    c.sharing(
        d.school_day(205),
        what="Alex's caring role at home and how best to communicate with him (autism, EHCP)",
        with_whom="Fictionton Young Carers",
        consent=ConsentState.GIVEN,
        shared=True,
        reasons="The parents agreed to the referral. Shared what the service needs to assess Alex's caring role, and "
        "his communication needs (visual timetable, advance notice of visits).",
    )
    crisis = c.concern(
        d.at(150, 8, 40),
        OFFICE,
        [Category.NEGLECT],
        "At 08:40 a neighbour brought Alex and Maria to school. She said mum had been taken to hospital by ambulance "
        "in the night and dad was driving back from Scotland. Alex had not slept or eaten.",
        words="Mum was shouting at people who weren't there. I called 999 because dad said to if it happens.",
        action="Both children given breakfast and a quiet room with their key adults. DSL phoned dad (arriving about "
        "14:00) and the grandmother, who collected both children at 15:15 with dad's agreement.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="Mum acutely unwell and in hospital; Alex, who has autism, is taking on caring responsibilities well "
        "beyond his age, including calling emergency services, and dad works away several nights a week. Needs go "
        "beyond what Early Help can meet: MASH enquiry for a child in need assessment, with dad's agreement.",
        severity=Severity.HIGH,
        significant=True,
    )
    c.referral(
        d.school_day(150),
        status=ReferralStatus.OUTCOME,
        aware=True,
        agreed=True,
        acknowledged_on=d.school_day(148),
        outcome=ReferralOutcome.SINGLE_ASSESSMENT,
        outcome_on=d.school_day(146),
        notes=f"Allocated to {sw} for a child and family assessment (Alex and Maria). Outcome: children in need (s17), "
        "CIN plan with young carers support and a contingency plan for when mum is unwell.",
        form={
            "type_of_request": "Request for a child in need assessment",
            "the_concern": "Mum admitted to hospital overnight (mental health crisis). Alex (Year 5, autistic) called "
            "999 and has been caring for his sister when mum is unwell and dad is away.",
            "child_words": "“Mum was shouting at people who weren't there. I called 999 because dad said to if it "
            "happens.”",
            "parents_views": "Dad agrees and wants help to plan for the nights he is away.",
            "child_known_as": "Alex",
            "early_help": "Not offered: until this crisis Alex's needs were met by his EHCP, extra support in school "
            "and a young carers referral (made with the parents' consent earlier this year).",
            "previous_involvement": "None known to the school.",
            "referrer_view": "Level 4: a child in need of support because of his caring role and his own needs.",
            "strengths": "Both parents are protective and asked for help: dad came home as soon as he was told and "
            "agrees to this enquiry. Alex's grandmother lives nearby, collected both children today and will help. "
            "Mum is under the community mental health team. Alex has an EHCP, a TA who knows him well and a young "
            "carers worker, and he is very fond of his sister.",
            "child_views": "Alex said he called 999 “because dad said to if it happens”. He has told his TA that he "
            "worries about mum when dad is away, and that he does not want to be the one who looks after mum and "
            "Maria on his own.",
            "hoped_for": "A child and family assessment for Alex and Maria, covering Alex's caring role and his needs "
            "as an autistic child, and a plan for the nights dad is away and for when mum is unwell, so that Alex is "
            "not the one who has to cope.",
        },
    )
    c.threshold(
        d.school_day(150),
        4,
        {
            "child_development": ["Autism with an EHCP", "Significant caring role for his age", "Tired and distressed"],
            "parenting_capacity": ["Mum's mental health crisis; in hospital", "Dad away several nights a week"],
            "family_environment": ["Grandmother nearby and willing to help", "No plan for when mum is unwell"],
        },
        "Alex's needs (autism, caring role) and the family's circumstances need a coordinated, statutory plan: Level "
        "4, "
        "child in need. Not child protection: both parents are protective and the risk comes from illness, not harm.",
        consulted=CONSULTATION_LINE,
        concerns=[crisis],
    )
    c.set_status(
        d.school_day(110),
        ChildStatus.CIN,
        "Child and family assessment completed: Alex and Maria are children in need (s17); CIN plan agreed.",
    )
    c.entry(
        "CIN review meeting: plan continued. Mum discharged and under the home treatment team; young carers assessment "
        "completed and Alex now goes to young carers club on Tuesdays.",
        on=d.school_day(100),
        source=f"Children's social care ({sw})",
        impact="Alex told his TA: “I like young carers club because nobody asks me why I'm tired.”",
        kind=Impact.POSITIVE,
        action="School to share attendance and wellbeing notes before each CIN meeting.",
    )
    c.concern(
        d.at(25, 14, 0),
        c.teacher_on(d.school_day(25)),
        [Category.MENTAL_HEALTH],
        "Alex's home–school diary has not been signed for three weeks and he has missed his last two speech and "
        "language sessions. In a 1:1 check-in at 14:00 he said mum is “sleeping a lot again” and he is worried she "
        "will go back to hospital.",
        words="I check on her when I get home. If she's asleep I make toast for me and Maria.",
        action=f"Shared with {sw} (social worker) by phone at 15:00 and by secure email. ELSA check-ins increased to "
        "daily.",
        decision=DslDecision.INFORM_SOCIAL_WORKER,
        reasons="Alex has an allocated social worker and a CIN plan: early signs of mum's relapse and Alex's caring "
        "role increasing. The social worker will visit this week and contact mum's care coordinator.",
        significant=True,
    )
    c.action(
        "Share the EHCP annual review date with the social worker",
        SENCO,
        d.school_day(100),
        raised=d.school_day(110),
        done_on=d.school_day(104),
    )
    c.action("Send the school's report to the CIN review meeting", DSL, d.after(9), raised=d.school_day(20))
    c.curate(
        crisis,
        "Mum admitted to hospital overnight in a mental health crisis. Alex (aged {age}) called 999 and came to school "
        "with a neighbour, without breakfast or sleep.",
        source="Neighbour, via the school office; Alex",
        impact="Alex was frightened and exhausted, and is carrying responsibilities well beyond his age.",
        kind=Impact.NEGATIVE,
        action="Cared for in school; grandmother collected. MASH enquiry with dad's agreement: child and family "
        "assessment, then a CIN plan.",
    )
    return c
