"""Hương's story (fictional): Early Help for self-harm: a review where things got worse, and the goals revised."""

from __future__ import annotations

from datetime import timedelta

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import VIETNAMESE
from dslapp.demo.world import DSL, ELSA, FSW, HEALTH, SCHOOL, TA
from dslapp.models import Category, ChildStatus, Designation, DslDecision, Impact, Judgement, ReviewDecision, Severity


def story(d: BuildState) -> CaseFile:
    """Early Help for self-harm: a review where things got worse, and the goals revised."""
    c = CaseFile.open(
        d,
        VIETNAMESE,
        forename="Thị Hương",
        surname="Nguyễn",
        known_as="Hương",
        girl=True,
        year=6,
        opened=d.school_day(55),
        designations=(Designation.EAL,),
        religion="Buddhist",
    )
    c.main_carer("Mum", "Trần Thị Lan")
    c.person(
        "Trần Thị Lan",
        "Mother",
        pr=True,
        lives=True,
        dob=d.dob_aged(36, 44),
        phone=d.phone(),
        notes="Prefers a Vietnamese interpreter for meetings.",
    )
    c.person(
        "Nguyễn Văn Minh",
        "Father",
        pr=True,
        lives=True,
        dob=d.dob_aged(38, 46),
        phone=d.phone(),
        notes="Runs a nail bar with mum; both work until 19:00 six days a week.",
    )
    c.person("Nguyễn Minh Khoa", "Brother", lives=True, dob=d.dob_for_year(3), notes=f"Year 3 at {SCHOOL}.")
    mhst = c.professional(
        "Ms Mei Modelham", "Mental Health Support Team practitioner", "Fictionton MHST", since=d.school_day(50)
    )
    c.professional("Mrs Bukola Placewell", "School nurse", HEALTH, since=d.school_day(55))
    first = c.concern(
        d.at(55, 13, 45),
        TA,
        [Category.SELF_HARM, Category.MENTAL_HEALTH],
        "At 13:45 at the swimming pool, Mrs Proofe saw thin healing scratches on the inside of Hương's left forearm, "
        "about 10 lines, 3–5 cm long. Hương pulled her sleeve down when she saw Mrs Proofe notice.",
        words="I do it when my head gets too loud. It makes it quiet. Please don't tell my mum, she'll be so sad.",
        body_map="Inside left forearm: about 10 parallel thin scratches, 3–5 cm, healing; no open wounds.",
        action="Mrs Proofe stayed calm and told Hương she would need to tell the DSL so she could get help; she did so "
        "at 14:30. DSL saw Hương with the school nurse at 15:00: no treatment needed. Hương agreed that the DSL would "
        "tell her parents with her there.",
        decision=DslDecision.EARLY_HELP,
        reasons="First known self-harm. No thoughts of suicide when the school nurse asked directly; Hương has adults "
        "she trusts. Parents told the same day (with an interpreter) and were shocked and supportive. Referred to the "
        "Mental Health Support Team and Early Help. Not a MASH enquiry: no harm from others, protective parents.",
        severity=Severity.HIGH,
        significant=True,
    )
    started = d.school_day(48)
    c.set_status(d.school_day(50), ChildStatus.EARLY_HELP, "Early Help plan for emotional wellbeing agreed.")
    goals = [
        d.goal(
            "Hương uses a safer way to cope when she feels overwhelmed",
            f"{mhst}: six sessions of CBT-based support; Hương's own coping plan",
            started + timedelta(weeks=8),
            "Hương's own rating",
            3,
        ),
        d.goal(
            "Hương feels less worried about SATs",
            "Class teacher: practice in small groups; no homework on Sundays",
            started + timedelta(weeks=10),
            "Worry scale (0–10)",
            3,
        ),
        d.goal(
            "Hương has time with her parents each week",
            "Parents: Sunday afternoon family time; dad takes her to art club",
            started + timedelta(weeks=6),
            "Hương's report",
            4,
        ),
    ]
    taf = ["Trần Thị Lan (mum)", "Nguyễn Văn Minh (dad)", FSW.label, f"{mhst} (MHST)", "Vietnamese interpreter"]
    plan = c.plan(
        started,
        lead=FSW.label,
        goals=goals,
        taf=taf,
        next_review=d.after(6),
        family_view="Mum (through the interpreter): “We did not know she was so sad. We work a lot for the children. "
        "We "
        "want to understand.”",
        child_view="I want to stop my head feeling too loud. I want mum and dad to know I'm trying my best.",
        worries="Hương has been scratching her arm when she feels overwhelmed, mostly at night. She is worried about "
        "SATs and about disappointing her parents, who work long hours.",
        working_well="Hương told an adult at school. She has two close friends. Her parents responded with care and "
        "want to learn how to help. She loves art.",
    )
    again = c.concern(
        d.at(14, 12, 10),
        ELSA,
        [Category.SELF_HARM],
        "At 12:10 Hương showed the ELSA three new scratches on her left forearm, deeper than before, made the evening "
        "after a practice SATs paper. She has been going to the toilets alone at lunchtime.",
        words="I did it after the maths paper. I got 19 and everyone else got more.",
        action="School nurse cleaned the scratches (no medical treatment needed) and asked directly about thoughts of "
        "suicide: none. DSL phoned mum at 13:00 with an interpreter, and the MHST practitioner.",
        decision=DslDecision.CONSULTATION,
        reasons="Self-harm increasing in severity. CAMHS duty line consulted at 13:30: urgent CAMHS appointment "
        "offered "
        "and a safety plan advised; no immediate risk to life identified.",
        outcome="CAMHS appointment booked within two weeks; safety plan shared with the parents.",
        severity=Severity.HIGH,
        significant=True,
    )
    c.review(
        plan,
        d.school_day(13),
        attendees=taf,
        life_improved="Life has not improved for Hương: she scratched her arm again, more deeply, after a practice "
        "SATs "
        "paper, and has been spending lunchtimes alone. She has been to all four MHST sessions and uses her coping "
        "plan in school some of the time.",
        child_voice="The coping plan works in school but not at night. I don't want to go to secondary school.",
        progress=[
            (3, "Coping plan used in school, not at night"),
            (2, "Worry scale 8/10"),
            (5, "Sunday time happening"),
        ],
        overall=Judgement.WORSE,
        decision=ReviewDecision.REVISE_GOALS,
        reasons="Self-harm more severe. Urgent CAMHS consultation accepted. Goals revised: a night-time coping plan "
        "with the parents, and an early transition plan for secondary school. If self-harm escalates or Hương talks of "
        "ending her life, the DSL will seek urgent CAMHS or A&E advice the same day.",
        next_review=d.after(6),
    )
    c.action(
        "Share the updated safety plan with Hương's parents (interpreter)",
        DSL,
        d.school_day(12),
        raised=d.school_day(14),
        done_on=d.school_day(12),
        source=again,
    )
    c.action(
        "Year 7 transition meeting with the Fictionton Academy DSL",
        DSL,
        d.after(20),
        raised=d.school_day(12),
        source=first,
    )
    c.curate(
        first,
        "Healing self-harm scratches seen on Hương's forearm at swimming; she said scratching makes her head quiet.",
        source=TA.label,
        impact="Hương had been coping with overwhelming feelings alone and in secret.",
        kind=Impact.NEGATIVE,
        action="School nurse check; parents told with Hương present; Mental Health Support Team and Early Help.",
    )
    return c
