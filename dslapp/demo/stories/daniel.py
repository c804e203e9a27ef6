"""Daniel's story (fictional): Closed: an Early Help plan after parental separation that did its job."""

from __future__ import annotations

from datetime import timedelta

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import NIGERIAN
from dslapp.demo.world import ATTENDANCE, ELSA, FSW
from dslapp.models import Category, ChildStatus, DslDecision, Judgement, ReviewDecision


def story(d: BuildState) -> CaseFile:
    """Closed: an Early Help plan after parental separation that did its job."""
    c = CaseFile.open(
        d,
        NIGERIAN,
        forename="Daniel",
        surname="Okafor",
        girl=False,
        year=4,
        opened=d.school_day(340),
        religion="Christian",
    )
    c.main_carer("Mum", "Ngozi Okafor")
    c.person("Ngozi Okafor", "Mother", pr=True, lives=True, dob=d.dob_aged(34, 42), phone=d.phone())
    c.person(
        "Ikenna Okafor",
        "Father",
        pr=True,
        dob=d.dob_aged(36, 45),
        phone=d.phone(),
        address=d.address(),
        notes=f"Parents separated in {d.this_year - 1}. Daniel stays with dad on Wednesday and Saturday nights "
        "(agreed through mediation).",
    )
    c.person(
        "Chiamaka Okafor",
        "Sister",
        lives=True,
        dob=c.child.dob - timedelta(days=1500),
        notes="Year 8 at Fictionton Academy.",
    )
    trigger = c.concern(
        d.at(340, 8, 50),
        ATTENDANCE,
        [Category.ATTENDANCE, Category.EMOTIONAL],
        "Daniel's attendance this term is 86% (16 sessions missed, 10 unauthorised), mostly on Mondays and Thursdays, "
        "the days after he moves between his parents' homes. On return he has told staff he was “too sad” to come in.",
        words="When I go to dad's I miss mum, and when I'm at mum's I miss dad. My tummy hurts on Mondays.",
        action="Attendance officer met mum at 08:50 and the DSL joined. Mum said the separation has been hard and she "
        "and dad argue at handovers in front of the children.",
        decision=DslDecision.EARLY_HELP,
        reasons="Falling attendance and distress linked to the separation and to arguments at handovers. Both parents "
        "agreed to Early Help. No indication of harm beyond this, so not a MASH matter.",
        significant=True,
    )
    c.threshold(
        d.school_day(335),
        2,
        {
            "child_development": ["Attendance 86%", "Stomach aches and sadness around handovers"],
            "parenting_capacity": ["Both parents loving and involved", "Conflict at handovers in front of Daniel"],
            "family_environment": ["Recent separation", "Two homes, both in Fictionton"],
        },
        "Additional needs that school can coordinate with the family and a mediation service: Level 2, Early Help.",
        concerns=[trigger],
    )
    started = d.school_day(330)
    c.set_status(started, ChildStatus.EARLY_HELP, "Early Help plan agreed with both parents.")
    goals = [
        d.goal(
            "Daniel's attendance is 95% or above",
            "Parents to agree a fixed handover plan; attendance officer to check weekly",
            started + timedelta(weeks=12),
            "Weekly attendance figure",
            4,
        ),
        d.goal(
            "Handovers happen without arguments in front of Daniel",
            "Parents to attend Fictionton Family Mediation; Wednesday handovers at school instead of at the door",
            started + timedelta(weeks=8),
            "Daniel's own report and the parents' at each review",
            2,
        ),
        d.goal(
            "Daniel can name his worries and manage them",
            "ELSA: six sessions on worries",
            started + timedelta(weeks=8),
            "Daniel's worry scale (0–10)",
            3,
        ),
    ]
    taf = [
        "Ngozi Okafor (mum)",
        "Ikenna Okafor (dad)",
        FSW.label,
        c.teacher_on(started).label,
        ELSA.label,
        ATTENDANCE.label,
    ]
    closed = d.school_day(130)
    plan = c.plan(
        started,
        lead=FSW.label,
        goals=goals,
        taf=taf,
        next_review=None,
        closed_on=closed,
        family_view="Mum: “We both want what's best for Daniel; we just can't talk to each other without it turning "
        "into a row.” Dad: “I want him to have a settled week and to keep coming to mine.”",
        child_view="I want mum and dad to stop arguing when I get swapped. I want to go to football on Saturdays.",
        worries="Daniel's attendance is 86% and falling; he is upset after handovers; his parents argue in front of "
        "him at handovers.",
        working_well="Both parents love Daniel and want to be involved. He has good friends and loves football. His "
        "sister Chiamaka is a support to him.",
        closing_summary="Daniel's attendance rose from 86% to 97% over two terms. Handovers now happen at school on "
        "Wednesdays and there have been no arguments in front of him since mediation. He told us “I like having two "
        "bedrooms now and I play football with dad on Saturdays”. Both parents agreed the plan could close and know "
        "how to ask for help again.",
    )
    c.review(
        plan,
        d.school_day(270),
        attendees=taf,
        life_improved="Daniel has missed one day since the plan started. He told the ELSA his tummy aches are “only "
        "sometimes now”. Handovers moved to school on Wednesdays and his class teacher says he comes in smiling on "
        "Thursdays.",
        child_voice="Mum and dad said hello to each other at the gate. That was good.",
        progress=[(7, "Attendance 94% this half term"), (5, "Two mediation sessions attended"), (6, "ELSA sessions")],
        overall=Judgement.IMPROVED,
        decision=ReviewDecision.CONTINUE,
        reasons="Progress on all goals; keep going until mediation finishes.",
        next_review=d.school_day(200),
    )
    c.review(
        plan,
        d.school_day(200),
        attendees=taf,
        life_improved="Daniel's attendance is 97% this half term and he plays for the school football team. He rated "
        "his worries as 2 out of 10, from 7 at the start.",
        child_voice="I'm not sad on Mondays now. Dad comes to watch my matches.",
        progress=[(9, "97%"), (8, "Mediation agreement signed"), (8, "Worry scale 2/10")],
        overall=Judgement.IMPROVED,
        decision=ReviewDecision.CONTINUE,
        reasons="Goals nearly met; one more review to check the changes last.",
        next_review=closed,
    )
    c.review(
        plan,
        closed,
        attendees=taf,
        life_improved="Daniel's attendance has stayed above 95% for two terms, handovers are calm, and he told us "
        "“I like having two bedrooms now”.",
        child_voice="I'm happy at both houses.",
        progress=[
            (10, "97% over two terms"),
            (9, "No arguments at handovers since mediation"),
            (9, "Worry scale 1/10"),
        ],
        overall=Judgement.IMPROVED,
        decision=ReviewDecision.CLOSE,
        reasons="All goals met for two review periods; both parents agree to close.",
        next_review=None,
    )
    c.set_status(closed, ChildStatus.CLOSED, "Early Help plan closed with goals met; case closed to the DSL.")
    c.action(
        "Send the closure letter to both parents", FSW.name, d.school_day(125), raised=closed, done_on=d.school_day(127)
    )
    return c
