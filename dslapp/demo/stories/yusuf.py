"""Yusuf's story (fictional): Early Help for a resettled family: trauma and housing; review overdue; a Request for
Support drafted.
"""

from __future__ import annotations

from datetime import timedelta

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import ARABIC
from dslapp.demo.school_calendar import day_month_year
from dslapp.demo.world import CONSULTATION_LINE, DSL, FSW
from dslapp.models import (
    Category,
    ChildStatus,
    Designation,
    DslDecision,
    Impact,
    Judgement,
    ReferralStatus,
    ReviewDecision,
)


def story(d: BuildState) -> CaseFile:
    """Early Help for a resettled family: trauma and housing; review overdue; a Request for Support drafted."""
    c = CaseFile.open(
        d,
        ARABIC,
        forename="يوسف",
        surname="حداد",
        girl=False,
        year=3,
        opened=d.school_day(140),
        designations=(Designation.EAL, Designation.FSM, Designation.PUPIL_PREMIUM),
        religion="Muslim",
    )
    c.main_carer("Dad", "عمر حداد")
    c.person(
        "عمر حداد",
        "Father",
        pr=True,
        lives=True,
        dob=d.dob_aged(33, 40),
        phone=d.phone(),
        notes="Speaks some English; an Arabic interpreter is needed for meetings.",
    )
    c.person(
        "رنا الخطيب",
        "Mother",
        pr=True,
        lives=True,
        dob=d.dob_aged(29, 36),
        phone=d.phone(),
        notes="Arabic interpreter needed.",
    )
    c.person("لين حداد", "Sister", lives=True, dob=d.ago(1200), notes="At nursery.")
    c.entry(
        "Family arrived in the UK through a resettlement scheme after two years living in Lebanon.",
        period=f"{d.this_year - 3}",
        source="Dad (through an interpreter), at admission",
        impact="Yusuf had not been to school before; he started Reception speaking no English.",
        kind=Impact.UNKNOWN,
        action="EAL support from Reception.",
        recorded_on=d.school_day(140),
    )
    trigger = c.concern(
        d.at(140, 9, 30),
        c.teacher_on(d.school_day(140)),
        [Category.MENTAL_HEALTH],
        "At 09:30 Yusuf put his head down and covered his ears when a fire engine passed with its siren on. He cried "
        "for 15 minutes. This is the third time this term that a loud noise has upset him, and he has fallen asleep in "
        "class twice this week.",
        words="I have bad dreams about the loud noises from before. I sleep on the floor with baba.",
        action="Quiet space with his key adult. DSL met both parents at 15:30 with a telephone Arabic interpreter: "
        "they "
        "said Yusuf has nightmares most nights and the family of four share one bedroom in a damp flat.",
        decision=DslDecision.EARLY_HELP,
        reasons="Signs of trauma affecting Yusuf's sleep and learning, and housing that does not meet the family's "
        "needs. The parents asked for help and agreed to Early Help.",
        significant=True,
    )
    started = d.school_day(125)
    c.threshold(
        started,
        3,
        {
            "child_development": ["Nightmares; tired in class", "Distress at loud noises"],
            "parenting_capacity": ["Warm, protective parents", "Language barrier with services"],
            "family_environment": ["Overcrowded, damp one-bedroom flat", "Past experience of war and displacement"],
        },
        "Needs that need school, health and housing working together: Level 3, Targeted Early Help.",
        consulted=CONSULTATION_LINE,
        concerns=[trigger],
    )
    c.set_status(started, ChildStatus.EARLY_HELP, "Early Help plan agreed with both parents (interpreter present).")
    goals = [
        d.goal(
            "Yusuf sleeps through on most nights",
            "School nurse: sleep plan; referral to the refugee children's trauma service with the parents' consent",
            started + timedelta(weeks=10),
            "Dad's sleep diary",
            2,
        ),
        d.goal(
            "The family has housing that meets their needs",
            "Family support worker: housing application and a damp and mould report to the landlord",
            started + timedelta(weeks=12),
            "Housing band; repairs done",
            2,
        ),
        d.goal(
            "Yusuf feels safe when there are loud noises at school",
            "Key adult plan: warning before fire drills; calm box in class",
            started + timedelta(weeks=4),
            "Yusuf's own rating after each drill",
            3,
        ),
    ]
    taf = [
        "عمر حداد (dad)",
        "رنا الخطيب (mum)",
        FSW.label,
        c.teacher_on(started).label,
        "School nurse",
        "Mr Ben Exampleton (Fictionton Council housing)",
        "Arabic interpreter (telephone)",
    ]
    plan = c.plan(
        started,
        lead=FSW.label,
        goals=goals,
        taf=taf,
        next_review=d.ago(6),
        family_view="Dad (through the interpreter): “We are safe here but the flat is making the children ill. We want "
        "Yusuf to sleep and to be happy at school.”",
        child_view="I want my own bed and no bad dreams. I want to play football for the school team.",
        worries="Yusuf has nightmares most nights and is tired in class; loud noises frighten him. The family of four "
        "live in a one-bedroom flat with damp and mould, and the children's coughs are linked to the damp by their GP.",
        working_well="Yusuf's parents are warm and want to help. He has a best friend and loves football. His English "
        "has come on quickly. Dad walks him to school every day.",
    )
    c.review(
        plan,
        d.school_day(60),
        attendees=taf,
        life_improved="Yusuf sleeps in his own bed on most nights since the landlord treated the damp and a charity "
        "gave "
        "a bunk bed. He told us “I scored two goals and baba watched”: he goes to football club every Thursday. At the "
        "last fire drill he used his calm box and was back in class after 5 minutes.",
        child_voice="I have a bunk bed! Lin has the bottom. Bad dreams only sometimes.",
        progress=[
            (6, "Sleeping through 4 nights a week"),
            (4, "Damp treated; still one bedroom"),
            (7, "Calm within 5 minutes at the last drill"),
        ],
        overall=Judgement.IMPROVED,
        decision=ReviewDecision.CONTINUE,
        reasons="Sleep and feeling safe at school are improving. Housing is not resolved: the family are still in one "
        "bedroom. Keep the plan.",
        next_review=d.ago(6),
    )
    c.referral(
        d.school_day(2),
        request_type="Request for Support (Targeted Early Help: housing)",
        status=ReferralStatus.DRAFT,
        aware=True,
        form={
            "type_of_request": "Request for Support: Targeted Early Help (housing and family support)",
            "the_concern": "The family of four live in a one-bedroom flat. The landlord has treated the damp but the "
            "flat is overcrowded and the housing application has not moved in 12 weeks.",
            "what_has_been_tried": "Early Help plan since "
            f"{day_month_year(started)}; family support worker's housing application; landlord repairs.",
        },
    )
    c.action(
        "Rearrange the overdue TAF review with both parents and an Arabic interpreter",
        FSW.name,
        d.after(1),
        raised=d.school_day(2),
    )
    c.action(
        "Talk the Request for Support through with the parents (interpreter booked) before sending",
        DSL,
        d.after(3),
        raised=d.school_day(2),
    )
    return c
