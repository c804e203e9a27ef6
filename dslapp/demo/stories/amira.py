"""Amira's story (fictional): Early Help that is working: neglect linked to mum's low mood after a new baby."""

from __future__ import annotations

from datetime import timedelta

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import SOMALI
from dslapp.demo.world import BREAKFAST, CONSULTATION_LINE, DSL, ELSA, FSW, HEALTH, SCHOOL
from dslapp.models import Category, ChildStatus, Designation, DslDecision, Impact, Judgement, ReviewDecision, Severity
from dslapp.models.referral import ConsentState


def story(d: BuildState) -> CaseFile:
    """Early Help that is working: neglect linked to mum's low mood after a new baby."""
    c = CaseFile.open(
        d,
        SOMALI,
        forename="Amira",
        surname="Warsame",
        girl=True,
        year=2,
        opened=d.school_day(150),
        designations=(Designation.FSM, Designation.PUPIL_PREMIUM, Designation.EAL),
        religion="Muslim",
    )
    c.main_carer("Mum", "Faadumo Jama")
    c.person(
        "Faadumo Jama",
        "Mother",
        pr=True,
        lives=True,
        dob=d.dob_aged(28, 36),
        phone=d.phone(),
        notes="Speaks Somali and English. Prefers phone calls after 10:00 (baby's feeds).",
    )
    c.person(
        "Abdullahi Warsame",
        "Father",
        pr=True,
        dob=d.dob_aged(32, 40),
        phone=d.phone(),
        address=d.address("Testbury"),
        notes="Works in Testbury and stays there in the week; home at weekends. Phones the children every evening.",
    )
    c.person(
        "Liban Warsame",
        "Brother",
        lives=True,
        dob=c.child.dob - timedelta(days=1100),
        notes=f"Year 5 at {SCHOOL}. Walks Amira to school.",
    )
    c.person("Sagal Warsame", "Sister", lives=True, dob=d.ago(300), notes="Baby.")
    hv = c.professional("Ms Zainab Proofield", "Health visitor", HEALTH, since=d.school_day(128))

    first = c.concern(
        d.at(150, 8, 55),
        BREAKFAST,
        [Category.NEGLECT],
        "At 08:55 in breakfast club Amira ate two bowls of cereal and asked Ms Modelle for the toast another child had "
        "left. Her hair was not brushed and her cardigan had the same food stains as on Friday.",
        words="I didn't have tea. Hooyo was busy with Sagal and she fell asleep. (Hooyo: mum, in Somali.)",
        action="Breakfast given. Ms Modelle told the DSL at 09:10. DSL spoke to mum at pick-up: she said the baby is "
        "not sleeping, she is exhausted and dad works away in the week. She asked if Amira could come to breakfast "
        "club every day.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="First concern about Amira. Mum was open about what is happening at home and asked for help. Free "
        "breakfast club place from tomorrow and a free school meals check. Any further concern will be read "
        "alongside this one, not on its own.",
        severity=Severity.LOW,
    )
    c.action(
        "Check free school meals eligibility with mum and submit the application",
        DSL,
        d.school_day(146),
        raised=d.school_day(150),
        done_on=d.school_day(147),
        source=first,
    )
    second = c.concern(
        d.at(136, 13, 20),
        c.teacher_on(d.school_day(136)),
        [Category.NEGLECT],
        "At 13:20 Amira had no PE kit for the fourth week running; her school shoes have split along the sole and her "
        "socks were wet. At 14:40 she fell asleep on the carpet during story time and was hard to wake.",
        words="Sagal cries all night and I hold her when hooyo is in the shower. I'm tired.",
        action="Spare kit and socks given from the uniform cupboard. DSL phoned mum at 15:30: she said she has felt "
        "low "
        "since Sagal was born and has not told her GP. She agreed to the DSL speaking to the health visitor.",
        decision=DslDecision.EARLY_HELP,
        reasons="Second concern in two weeks about Amira's basic care, now with Amira helping to care for the baby at "
        "night and mum describing low mood. Mum consented to an Early Help assessment. A MASH enquiry was considered: "
        "not made at this point because mum recognises the difficulties, is asking for help and Amira is not at "
        "immediate risk. The plan will be reviewed within 6 weeks and stepped up if Amira's daily care does not "
        "improve.",
        outcome="Early Help assessment started by the family support worker.",
        significant=True,
    )
    c.sharing(
        d.school_day(135),
        what="School's concerns about Amira's care and mum's description of her low mood",
        with_whom=f"{hv} (health visitor)",
        consent=ConsentState.GIVEN,
        shared=True,
        reasons="Mum agreed. The health visitor is seeing the baby and can assess mum's mood; sharing means the "
        "family gets one joined-up offer of help rather than two.",
    )
    c.threshold(
        d.school_day(133),
        3,
        {
            "child_development": [
                "Hungry on arrival on several days",
                "Falling asleep in class",
                "Helping to care for a baby at night",
            ],
            "parenting_capacity": [
                "Basic care (meals, clean clothes, PE kit) not consistently met",
                "Mum reports low mood since the baby's birth",
                "Mum engaged and asking for help",
            ],
            "family_environment": ["Father works away in the week", "No wider family nearby", "Low income"],
        },
        "Needs across all three domains that need more than one agency (school, health visitor, Family Hub): Level 3, "
        "Targeted Early Help with a Team Around the Family. Not Level 4: mum recognises the difficulties, accepts "
        "help, and there is no indication of harm beyond needs that support can meet.",
        consulted=f"{CONSULTATION_LINE} (advice: Targeted Early Help)",
        concerns=[first, second],
    )
    c.set_status(
        d.school_day(128), ChildStatus.EARLY_HELP, "Early Help assessment completed; TAF plan agreed with mum."
    )
    started = d.school_day(128)
    goals = [
        d.goal(
            "Amira arrives at school having had breakfast at least 4 days out of 5",
            "Mum to set out breakfast the night before; breakfast club place as back-up (Ms Modelle)",
            started + timedelta(weeks=6),
            "Breakfast club register and Amira's own thumbs-up chart",
            3,
        ),
        d.goal(
            "Amira has clean uniform and PE kit every day",
            "Family support worker to help mum apply for the uniform grant and get the washing machine repaired "
            "through the Family Hub",
            started + timedelta(weeks=8),
            "Class teacher's weekly check",
            4,
        ),
        d.goal(
            "Mum's mood is assessed and she has support for herself",
            "Health visitor to complete a maternal mood assessment; mum to see her GP",
            started + timedelta(weeks=4),
            "Mum's own rating of her mood (0–10) at each review",
            3,
        ),
        d.goal(
            "Amira sleeps through and does not care for Sagal at night",
            "Health visitor: sleep advice for Sagal; dad to come home on Wednesday nights",
            started + timedelta(weeks=8),
            "Amira's sleep diary with the ELSA",
            2,
        ),
    ]
    taf = [
        "Faadumo Jama (mum)",
        "Abdullahi Warsame (dad)",
        FSW.label,
        c.teacher_on(started).label,
        f"{hv} (health visitor)",
        f"{DSL} (DSL)",
    ]
    plan = c.plan(
        started,
        lead=FSW.label,
        family_view="Mum (Faadumo): “I love my children but since Sagal came I am so tired I cannot do everything. I "
        "want help with the mornings and I want to feel like myself again.” Dad said he will come home on Wednesday "
        "nights to help.",
        child_view="I want hooyo to be happy. I like breakfast club. I don't like it when Sagal cries in the night "
        "because I can't sleep.",
        worries="Amira often arrives hungry and tired, without clean clothes or PE kit. She helps to look after her "
        "baby "
        "sister at night. Mum has had low mood since Sagal's birth and has little support nearby.",
        working_well="Mum is open with school and asked for help. Amira is loved and talks warmly about her family. "
        "Liban (Year 5) walks her to school. Dad phones every evening and wants to help.",
        goals=goals,
        taf=taf,
        next_review=d.after(4),
    )
    first_review = d.school_day(80)
    c.review(
        plan,
        first_review,
        attendees=taf[:5],
        life_improved="Amira now arrives with breakfast most days and told us “I like doing reading with mum”. She is "
        "awake and joining in at carpet time: her class teacher has not seen her fall asleep since the plan started.",
        child_voice="Hooyo makes my breakfast now and sometimes pancakes. Sagal still cries but not as much.",
        progress=[
            (7, "Breakfast at home on 4 of 5 days most weeks"),
            (6, "Uniform grant paid; washing machine not yet repaired"),
            (5, "Mum has seen her GP"),
            (5, "Dad home on Wednesdays"),
        ],
        overall=Judgement.IMPROVED,
        decision=ReviewDecision.CONTINUE,
        reasons="Good progress on breakfast and sleep; uniform still inconsistent until the washing machine is "
        "repaired. "
        "Keep the plan and focus on goal 2.",
        next_review=d.school_day(30),
    )
    c.review(
        plan,
        d.school_day(30),
        attendees=taf,
        life_improved="Amira's attendance this half term is 98% and she has had breakfast at home on each day we asked "
        "her. She has her own bed again because Sagal now sleeps in mum's room. Mum says she feels “more like me” "
        "since "
        "starting treatment from her GP.",
        child_voice="I'm not tired any more. I got a sticker for reading every night.",
        progress=[
            (9, "Breakfast at home every day asked"),
            (8, "Clean uniform and kit every day this month"),
            (7, "Mum rates her mood 7/10"),
            (8, "Amira's sleep diary: sleeping through"),
        ],
        overall=Judgement.IMPROVED,
        decision=ReviewDecision.CONTINUE,
        reasons="Nearly all goals met. Review again in 4 weeks with a view to stepping down to universal support if "
        "progress holds.",
        next_review=d.after(4),
    )
    c.entry(
        "Family lived in temporary accommodation (one room in a hostel) for about seven months after moving to "
        "Fictionton from Testbury.",
        period=f"{d.this_year - 3}",
        source="Mum (Faadumo Jama), at the Early Help assessment",
        impact="Mum said Amira slept badly and missed nursery sessions during this time.",
        kind=Impact.NEGATIVE,
        action="Rehoused by Fictionton Council in a two-bedroom flat (mum's account).",
        recorded_on=started,
    )
    c.entry(
        "Health visitor completed a maternal mood assessment at home: mum reported low mood since Sagal's birth; GP "
        "appointment made the same week.",
        on=d.school_day(120),
        source=f"{hv}, health visitor ({HEALTH})",
        impact="Mum started treatment; she told the TAF she has more energy for the mornings.",
        kind=Impact.POSITIVE,
        action="Health visitor visiting fortnightly; shared with the TAF with mum's consent.",
    )
    c.action(
        "Arrange a daily breakfast club place for Amira",
        BREAKFAST.name,
        d.school_day(149),
        raised=d.school_day(150),
        done_on=d.school_day(149),
        source=first,
    )
    c.action(
        "Refer mum to the Family Hub 'Bumps to Babies' group",
        FSW.name,
        d.school_day(115),
        raised=started,
        done_on=d.school_day(118),
    )
    c.action(
        "Ask Amira for her views before the next TAF review (ELSA session)",
        ELSA.name,
        d.after(2),
        raised=d.school_day(3),
    )
    c.curate(
        second,
        "Fell asleep in class; no PE kit for four weeks; split shoes. Amira said she holds her baby sister at night.",
        source=f"{c.teacher_on(second.observed_at).label}; Amira",
        impact="Amira is tired, missing learning and caring for a baby at night.",
        kind=Impact.NEGATIVE,
        action="Mum told the DSL about her low mood; Early Help assessment agreed; health visitor told with consent.",
    )
    return c
