"""Ionuț's story (fictional): Transferred: moved school; the CP file is sent and receipt is awaited."""

from __future__ import annotations

from datetime import timedelta

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import ROMANIAN
from dslapp.demo.school_calendar import add_school_days, day_month_year
from dslapp.demo.world import ATTENDANCE, DSL, FSW
from dslapp.models import Category, ChildStatus, Designation, DslDecision, TransferDirection
from dslapp.models.referral import ConsentState


def story(d: BuildState) -> CaseFile:
    """Transferred: moved school; the CP file is sent and receipt is awaited."""
    c = CaseFile.open(
        d,
        ROMANIAN,
        forename="Ionuț",
        surname="Popescu",
        girl=False,
        year=5,
        opened=d.school_day(120),
        designations=(Designation.EAL, Designation.FSM),
        religion="Romanian Orthodox",
    )
    c.main_carer("Mum", "Elena Popescu")
    new_home = d.address("Sampleford")
    c.person(
        "Elena Popescu",
        "Mother",
        pr=True,
        lives=True,
        dob=d.dob_aged(30, 38),
        phone=d.phone(),
        notes=f"New address from {day_month_year(d.school_day(8))}: {new_home}.",
    )
    c.person(
        "Marian Popescu",
        "Father",
        pr=True,
        lives=True,
        dob=d.dob_aged(32, 42),
        phone=d.phone(),
        notes="Seasonal work; the family sometimes travels to Romania to care for his mother.",
    )
    c.person("Andrei Popescu", "Brother", lives=True, dob=d.dob_for_year(2), notes="Year 2; moved school with Ionuț.")
    trigger = c.concern(
        d.at(120, 9, 30),
        ATTENDANCE,
        [Category.ATTENDANCE],
        "Ionuț's attendance this term is 81%. Twice in the last month first-day calls went unanswered and he was then "
        "absent for a week without notice. On his return he said the family had been staying with relatives.",
        words="We went to see bunica because she is sick. I missed my friends.",
        action="Attendance officer and DSL met both parents at 15:30 with a Romanian interpreter (phone). Dad "
        "explained "
        "that his mother is ill in Romania and the family travel at short notice.",
        decision=DslDecision.EARLY_HELP,
        reasons="Risk of Ionuț missing education, with a clear family reason and parents who want to work with school. "
        "Early Help agreed to plan for absences and support the family. Children missing education procedure "
        "explained: the school must be told before any extended trip.",
        significant=True,
    )
    started = d.school_day(110)
    c.set_status(started, ChildStatus.EARLY_HELP, "Early Help plan agreed (attendance and family support).")
    goals = [
        d.goal(
            "Ionuț's attendance is 95% or above",
            "Parents to tell school before any trip and agree dates; attendance officer to check weekly",
            started + timedelta(weeks=10),
            "Weekly attendance figure",
            3,
        ),
        d.goal(
            "Ionuț keeps up with his learning when he has to be away",
            "Class teacher: work pack and reading books for any agreed absence",
            started + timedelta(weeks=6),
            "Work returned after absences",
            4,
        ),
    ]
    c.plan(
        started,
        lead=FSW.label,
        goals=goals,
        taf=["Elena Popescu (mum)", "Marian Popescu (dad)", FSW.label, ATTENDANCE.label, c.teacher_on(started).label],
        next_review=None,
        closed_on=d.school_day(8),
        family_view="Dad: “School is important. When my mother is sick I have to go; we will tell you first.”",
        child_view="I want to be in school for my birthday party and the football tournament.",
        worries="Ionuț's attendance is 81% with unannounced absences of a week at a time.",
        working_well="Both parents value school and came in straight away. Ionuț is doing well in maths and has "
        "good friends.",
        closing_summary="Family moved to Sampleford. Ionuț's attendance rose to 93% during the plan and no absence "
        "went unannounced. Plan closed at this school; the new school's DSL has the plan so support can continue.",
    )
    new_school = "Sampleford Church of England Primary School"
    c.sharing(
        d.school_day(10),
        what="Ionuț's Early Help plan and attendance history, ahead of his move",
        with_whom=f"Mr Q. Mockingham, DSL, {new_school}",
        consent=ConsentState.GIVEN,
        shared=True,
        reasons="Shared before the move with the parents' agreement so that support is ready when Ionuț arrives.",
    )
    c.set_status(d.school_day(6), ChildStatus.TRANSFERRED, f"Moved to Sampleford; started at {new_school}.")
    sent = d.school_day(3)
    c.transfer(
        TransferDirection.OUTGOING,
        new_school,
        other_dsl="Mr Q. Mockingham (DSL)",
        sent_on=sent,
        method="encrypted transfer pack by secure email, addressed to the DSL; password by phone",
        notes="Sent separately from the pupil file: chronology, records of concern and the Early Help plan. Receipt to "
        "be confirmed within 5 school days; chase if not.",
    )
    c.action(
        f"Chase confirmation that {new_school} has received Ionuț's CP file",
        DSL,
        add_school_days(sent, 5),
        raised=sent,
        source=trigger,
    )
    return c
