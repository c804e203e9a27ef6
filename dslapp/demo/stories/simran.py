"""Simran's story (fictional): Looked after (s20) in kinship care with her aunt while mum is in hospital."""

from __future__ import annotations

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import PUNJABI
from dslapp.demo.world import CSC, OFFICE, SENCO
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
from dslapp.models.referral import SentVia


def story(d: BuildState) -> CaseFile:
    """Looked after (s20) in kinship care with her aunt while mum is in hospital."""
    c = CaseFile.open(
        d,
        PUNJABI,
        forename="Simran",
        surname="Dhillon",
        girl=True,
        year=4,
        opened=d.school_day(175),
        designations=(Designation.KINSHIP_CARE, Designation.EAL),
        religion="Sikh",
    )
    c.main_carer("Masi", "maternal aunt, Harpreet Kaur Sandhu")
    c.person(
        "Harpreet Kaur Sandhu",
        "Maternal aunt (kinship foster carer)",
        lives=True,
        dob=d.dob_aged(38, 46),
        phone=d.phone(),
        notes="Approved as a connected-person foster carer. Day-to-day consent under delegated "
        "authority. Simran calls her Masi (mum's sister).",
    )
    c.person("Gurpreet Singh Sandhu", "Uncle (kinship foster carer)", lives=True, dob=d.dob_aged(40, 48))
    c.person(
        "Manpreet Kaur",
        "Mother",
        pr=True,
        dob=d.dob_aged(32, 38),
        notes="In hospital (mental health). Agreed to Simran being accommodated under s20. Visits when she is well "
        "enough, arranged by the social worker.",
    )
    c.person(
        "Jaswinder Singh Dhillon",
        "Father",
        pr=True,
        dob=d.dob_aged(35, 42),
        notes="Lives abroad; phone contact on Sundays.",
    )
    sw = c.professional(
        "Ms Rachel Demoford", "Social worker (children in care)", CSC, key=True, since=d.school_day(172)
    )
    c.professional(
        "Mr Ola Testerton", "Independent reviewing officer", "Fictionton IRO Service", since=d.school_day(170)
    )
    c.professional(
        "Ms Aisha Pilotfield", "Virtual school adviser", "Fictionton Virtual School", since=d.school_day(170)
    )
    trigger = c.concern(
        d.at(175, 8, 40),
        OFFICE,
        [Category.MENTAL_HEALTH],
        "At 08:40 Simran's aunt, Mrs Sandhu, told the office that Simran's mum had been admitted to hospital overnight "
        "and Simran had stayed with her. Simran was quiet and asked twice if she could phone her mum.",
        words="Mum was crying and talking to the TV. Masi came and got me in her pyjamas.",
        action="DSL spoke to Mrs Sandhu at 09:00 and phoned the MASH to ask about care arrangements, as mum was "
        "Simran's only carer.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="Simran's only carer has been admitted to hospital; her care needs arranging and assessing. Mrs Sandhu "
        "is willing to care for her. Mum's agreement to the enquiry obtained through the ward staff.",
        significant=True,
    )
    c.referral(
        d.school_day(175),
        status=ReferralStatus.OUTCOME,
        via=SentVia.PHONE,
        aware=True,
        agreed=True,
        acknowledged_on=d.school_day(175),
        outcome=ReferralOutcome.SINGLE_ASSESSMENT,
        outcome_on=d.school_day(174),
        notes=f"Allocated to {sw}. Simran accommodated under s20 with mum's agreement and placed with her aunt, "
        "assessed as a connected-person foster carer.",
        form={
            "type_of_request": "MASH enquiry: care arrangements needed",
            "the_concern": "Simran's mum, Manpreet Kaur, her only carer, was admitted to hospital overnight in a "
            "mental health crisis. Simran's aunt, Mrs Harpreet Kaur Sandhu, collected her in the night and brought "
            "her to school this morning. Simran's father lives abroad. Simran needs care arranged and assessed while "
            "her mum is in hospital.",
            "impact_on_child": "Simran saw her mum very unwell at home last night and was collected in the night. "
            "This morning she was quiet and asked twice if she could phone her mum. She does not know when her mum "
            "will be home or where she will be living next week.",
            "parenting_capacity": "Until last night Simran's mum cared for her on her own, and school had no concerns "
            "about her care: Simran's attendance is good and she arrives clean, fed and ready to learn. Mum is now in "
            "hospital and cannot care for her. Her aunt has stepped in and is meeting all her needs today.",
            "family_environment": "Simran lives with her mum in Fictionton. Her father lives abroad and phones on "
            "Sundays. Her maternal aunt and uncle live locally, know Simran well and are willing to care for her; "
            "Simran calls her aunt Masi (mum's sister).",
            "what_has_been_tried": "This is a new situation: no earlier concerns about Simran's care. The DSL spoke "
            "to Mrs Sandhu at 09:00 and phoned the MASH for advice on care arrangements.",
            "strengths": "Her aunt is caring for her and willing to continue; Simran knows her well and went to her "
            "readily. Simran has settled friendships in her class and trusts her class teacher.",
            "child_views": "Simran said: “Mum was crying and talking to the TV. Masi came and got me in her "
            "pyjamas.” She asked twice to phone her mum, and said she is happy to stay with Masi until mum is better.",
            "parents_views": "Mum agreed to the enquiry through the ward staff and wants Simran to stay with her "
            "sister while she is in hospital. Mrs Sandhu wants to care for Simran for as long as she is needed. "
            "Simran's father has not yet been told; the school has his phone number.",
            "phoned_through": "Phoned the Front Door at 09:15 and spoke to the MASH duty social worker; this is the "
            "written follow-up.",
            "child_development": "Healthy; good attendance. Speaks Punjabi at home and is making good progress in "
            "English. Quiet and worried today.",
            "early_help": "None: no earlier additional needs.",
            "previous_involvement": "None known to the school.",
            "level_of_need": "Level 4: Specialist / statutory",
            "referrer_view": "No concerns about harm: Simran's mum is unwell, and her aunt stepped in at once. But "
            "Simran's only carer is in hospital for an unknown time, so the local authority needs to assess and agree "
            "her care: Level 4, a child in need assessment, including whether Simran should be looked after by her "
            "aunt.",
            "hoped_for": "An assessment of Simran's care while her mum is in hospital, support for Mrs Sandhu to keep "
            "caring for her, and contact between Simran and her mum as soon as the ward agrees.",
        },
    )
    c.set_status(
        d.school_day(170),
        ChildStatus.CLA,
        "Accommodated under s20 with mum's agreement; placed with her maternal aunt as a kinship foster carer.",
    )
    c.entry(
        "First child looked after review (IRO): Simran stays with her aunt while mum recovers; a return home will be "
        "considered when mum is discharged.",
        on=d.school_day(110),
        source="IRO (Mr Ola Testerton)",
        impact="Simran told the IRO she feels “safe and looked after” at her aunt's.",
        kind=Impact.POSITIVE,
        action="PEP agreed: ELSA support and a reading target.",
        category=Category.MENTAL_HEALTH,
    )
    c.concern(
        d.at(35, 14, 0),
        c.teacher_on(d.school_day(35)),
        [Category.EMOTIONAL],
        "At 14:00 Simran cried in class after a lesson about families and said she wants to visit her mum.",
        words="I want to see mummy in hospital but Masi says the doctors say not yet.",
        action=f"ELSA time for the rest of the afternoon. Shared with {sw} by phone at 15:00.",
        decision=DslDecision.INFORM_SOCIAL_WORKER,
        reasons="Simran is looked after: her wish to see her mum is for the social worker to plan with the ward.",
        outcome="The social worker arranged a video call with mum on the ward, and a visit once mum is well enough.",
        severity=Severity.LOW,
    )
    c.action(
        "Apply for pupil premium plus (ELSA sessions)",
        SENCO,
        d.school_day(150),
        raised=d.school_day(168),
        done_on=d.school_day(155),
        source=trigger,
    )
    c.action("PEP review meeting", SENCO, d.after(11), raised=d.school_day(20))
    return c
