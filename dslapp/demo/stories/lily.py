"""Lily's story (fictional): Early Help that is not working: two reviews in a row with no change, then a step up."""

from __future__ import annotations

from datetime import timedelta

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import ENGLISH
from dslapp.demo.school_calendar import add_school_days
from dslapp.demo.world import CONSULTATION_LINE, DSL, FSW, OFFICE
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
    """Early Help that is not working: two reviews in a row with no change, then a step up."""
    c = CaseFile.open(
        d,
        ENGLISH,
        forename="Lily",
        surname="Ashworth",
        girl=True,
        year=1,
        opened=d.school_day(175),
        designations=(Designation.FSM, Designation.PUPIL_PREMIUM),
        religion="No religion",
    )
    c.main_carer("Mum", "Gemma Ashworth")
    c.person("Gemma Ashworth", "Mother", pr=True, lives=True, dob=d.dob_aged(25, 31), phone=d.phone())
    c.person(
        "Lee Draper",
        "Mum's partner",
        lives=True,
        dob=d.dob_aged(27, 35),
        phone=d.phone(),
        notes=f"Moved in during {d.this_year - 1}. Not Lily's father; no parental responsibility.",
    )
    c.person(
        "Craig Barton",
        "Father",
        pr=True,
        dob=d.dob_aged(27, 35),
        phone=d.phone(),
        address=d.address("Testbury"),
        notes="Lily stays with him alternate weekends.",
    )
    c.person("Freddie Draper", "Half-brother", lives=True, dob=d.ago(760), notes="Aged 2; at home with mum.")
    first = c.concern(
        d.at(175, 9, 10),
        c.teacher_on(d.school_day(175)),
        [Category.NEGLECT],
        "Lily arrived at 09:10, after the gate closed at 08:50, for the sixth time in three weeks. She had no coat or "
        "book bag and said she was hungry. Her hair and jumper smelled strongly of cigarette smoke.",
        words="Mummy was asleep on the sofa so I got dressed myself. I had a biscuit.",
        action="Breakfast given. DSL met mum at pick-up: she said she has been struggling to sleep at night and sleeps "
        "in the day. Early Help offered; mum agreed.",
        decision=DslDecision.EARLY_HELP,
        reasons="A pattern of lateness, hunger and Lily (aged {age}) getting herself ready. Mum agreed to Early Help. "
        "Not a "
        "MASH enquiry at this point: mum engaged and asked for help; the plan will be reviewed within 8 weeks.",
        significant=True,
    )
    started = d.school_day(160)
    c.set_status(started, ChildStatus.EARLY_HELP, "Early Help plan agreed with mum.")
    goals = [
        d.goal(
            "Lily arrives by 08:50 having had breakfast",
            "Mum: alarm and breakfast set out the night before; Lee to do the school run on Tuesdays and Thursdays",
            started + timedelta(weeks=6),
            "Register and breakfast check by the class teacher",
            3,
        ),
        d.goal(
            "Lily has a regular bedtime and enough sleep",
            "Mum, with the family support worker's bedtime plan",
            started + timedelta(weeks=6),
            "Sleep chart; teacher's note of tiredness",
            3,
        ),
        d.goal(
            "Mum gets help with her sleep and her drinking",
            "Mum to see her GP; family support worker to refer to Fictionton Recovery Service with mum's consent",
            started + timedelta(weeks=4),
            "Appointments attended",
            2,
        ),
    ]
    taf = ["Gemma Ashworth (mum)", "Lee Draper (mum's partner)", FSW.label, c.teacher_on(started).label, f"{DSL} (DSL)"]
    plan = c.plan(
        started,
        lead=FSW.label,
        goals=goals,
        taf=taf,
        next_review=d.after(10),
        family_view="Mum: “I'm not a morning person and it's got worse since Freddie. I want Lily to be happy at "
        "school.”",
        child_view="I want mummy to wake up in the mornings. I like it when Lee walks me to school.",
        worries="Lily is often late and hungry, gets herself up and dressed, and is tired in class. Mum sleeps in the "
        "day and has said she drinks to help her sleep.",
        working_well="Lily is bright and loves phonics. Mum comes to meetings. Lee does the school run twice a week. "
        "Lily's dad has her alternate weekends and she arrives on time and fed after those.",
    )
    c.concern(
        d.at(120, 15, 20),
        OFFICE,
        [Category.NEGLECT],
        "At 15:20 Mr Lee Draper (mum's partner), who is not on Lily's collection list, came to collect her and said "
        "mum was “not well”. The office phoned mum for permission; her speech was slow and slurred.",
        words="Is mummy poorly again? She was on the sofa when I went to school.",
        action="Mrs Placeholder checked with mum before releasing Lily to Mr Draper. DSL told at 15:30. DSL phoned mum "
        "at 09:15 the next morning: she said she had taken sleeping tablets with a glass of wine. Shared with the "
        "family support worker (Early Help lead).",
        decision=DslDecision.CONSULTATION,
        reasons="Mum's use of alcohol and sleeping tablets while caring for Lily and a two-year-old. Consultation line "
        "advised: continue Early Help with a clear goal about mum's substance use, and make a MASH enquiry if there is "
        "no change by the next review. Lee added to the collection list with mum's written consent.",
        significant=True,
    )
    c.review(
        plan,
        d.school_day(105),
        attendees=taf,
        life_improved="Life has not improved for Lily yet. She was late on 11 of the last 30 days and told her teacher "
        "she still gets herself up and dressed. Mum has not yet seen her GP.",
        child_voice="Mummy sleeps on the sofa a lot. Lee does my breakfast sometimes.",
        progress=[(3, "Late 11 of 30 days"), (3, "No sleep chart kept"), (2, "GP appointment not made")],
        overall=Judgement.NO_CHANGE,
        decision=ReviewDecision.REVISE_GOALS,
        reasons="Goals not started. Revised with mum into smaller steps (alarm clock; Lee's school runs written into "
        "the plan) and the family support worker will go with mum to the GP. Consultation line advice followed: a "
        "MASH enquiry if there is no change by the next review.",
        next_review=d.school_day(20),
    )
    c.review(
        plan,
        d.school_day(20),
        attendees=taf,
        life_improved="Life has not improved for Lily. Her attendance is 88% and she was late on 9 of the last 20 "
        "days. "
        "She came to school hungry on 6 days this half term. Mum did not go to the GP appointment the family support "
        "worker booked. Lily told the ELSA she looks after Freddie when mummy is asleep.",
        child_voice="I give Freddie his milk when mummy's asleep. I'm a big girl now.",
        progress=[(3, "Late 9 of 20 days"), (2, "Tired in class most afternoons"), (2, "GP appointment missed")],
        overall=Judgement.NO_CHANGE,
        decision=ReviewDecision.STEP_UP,
        reasons="Two reviews in a row with no change, and new information that Lily (aged {age}) is caring for a "
        "two-year-old while mum sleeps in the day. Early Help is not improving life for Lily: MASH enquiry the next "
        "day, with mum's knowledge.",
        next_review=d.after(10),
    )
    sent = d.school_day(19)
    referral = c.referral(
        sent,
        status=ReferralStatus.SENT,
        aware=True,
        agreed=False,
        without_consent="Mum was told at the review the day before; she did not agree but said she understands "
        "why. The enquiry went ahead because 20 weeks of Early Help have not improved life for Lily, and Lily (aged "
        "{age}) is now caring for her two-year-old brother while mum sleeps: her needs and Freddie's cannot wait for "
        "mum's agreement.",
        chase_on=add_school_days(sent, 3),
        form={
            "type_of_request": "MASH enquiry: step up from Early Help",
            "the_concern": "Cumulative neglect. Lily (Year 1) is late and hungry on most days, gets herself ready for "
            "school and cares for her two-year-old brother while mum sleeps in the day. Mum has described using "
            "alcohol and sleeping tablets.",
            "child_words": "“I give Freddie his milk when mummy's asleep. I'm a big girl now.”",
            "what_has_been_tried": "Early Help plan for 20 weeks: two TAF reviews, both with no change; goals revised "
            "once; GP and recovery service appointments offered and not attended.",
            "strengths": "Mum attends meetings. Lee does two school runs a week. Lily's father is consistent.",
            "parents_views": "Mum knows about this enquiry. She did not agree but said she understands why.",
            "referrer_view": "Level 4: Early Help has not improved life for Lily; she needs a social work assessment.",
            "hoped_for": "A child and family assessment, including mum's substance use and Freddie's care.",
            "professionals": f"{FSW.label}: Early Help lead practitioner\nMum's GP: an appointment booked by the "
            "family support worker was not attended",
            "previous_involvement": "None known to the school.",
        },
    )
    c.threshold(
        sent,
        4,
        {
            "child_development": ["Late and hungry on most days", "Tired in class", "Caring for a two-year-old"],
            "parenting_capacity": ["Mum asleep in the day", "Alcohol and sleeping tablets", "Appointments not kept"],
            "family_environment": ["Partner helps twice a week", "Father involved alternate weekends"],
        },
        "Neglect that has continued through 20 weeks of Early Help, with a young child left to care for a toddler: "
        "Level 4. Waiting longer for it to become “persistent” would leave Lily without help she needs now.",
        consulted=CONSULTATION_LINE,
        concerns=[first],
    )
    c.action(
        "Phone the MASH for the outcome of Lily's enquiry; escalate if there is no decision",
        DSL,
        d.after(1),
        raised=d.school_day(5),
        source=referral,
    )
    c.curate(
        first,
        "Late for the sixth time in three weeks, hungry, no coat. Lily said she dressed herself because mummy was "
        "asleep on the sofa.",
        source=c.teacher_on(first.observed_at).label,
        impact="Lily (aged {age}) is looking after herself in the mornings and missing the start of lessons.",
        kind=Impact.NEGATIVE,
        action="Breakfast given; Early Help agreed with mum.",
    )
    return c
