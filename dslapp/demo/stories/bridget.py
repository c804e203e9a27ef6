"""Bridget's story (fictional): Universal: joined from another school with a CP file; racist name-calling handled
in school.
"""

from __future__ import annotations

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import IRISH_TRAVELLER
from dslapp.demo.school_calendar import term_label
from dslapp.demo.world import DSL, MIDDAY, SCHOOL
from dslapp.models import Category, Designation, DslDecision, Impact, Severity, TransferDirection


def story(d: BuildState) -> CaseFile:
    """Universal: joined from another school with a CP file; racist name-calling handled in school."""
    joined = d.school_day(65)
    c = CaseFile.open(
        d,
        IRISH_TRAVELLER,
        forename="Bridget",
        surname="McDonagh",
        girl=True,
        year=3,
        opened=joined,
        designations=(Designation.PUPIL_PREMIUM,),
        religion="Roman Catholic",
    )
    c.main_carer("Mum", "Nell McDonagh")
    c.person("Nell McDonagh", "Mother", pr=True, lives=True, dob=d.dob_aged(27, 35), phone=d.phone())
    c.person("Johnny McDonagh", "Father", pr=True, lives=True, dob=d.dob_aged(29, 38), phone=d.phone())
    c.person("Patrick McDonagh", "Brother", lives=True, dob=d.dob_for_year(5), notes=f"Year 5 at {SCHOOL}.")
    c.person("Michael McDonagh", "Brother", lives=True, dob=d.ago(800), notes="Pre-school.")
    old_school = "Testbury Road Primary School"
    c.received_from = old_school
    c.transfer(
        TransferDirection.INCOMING,
        old_school,
        other_dsl="Mrs V. Samplewood (DSL)",
        sent_on=d.school_day(67),
        received_on=joined,
        receipt_by=DSL,
        method="encrypted transfer pack by secure email",
        notes="Received the chronology, a closed Early Help plan and three records of concern. Receipt confirmed to "
        "Mrs Samplewood by email the same day.",
    )
    source = f"{old_school} (CP file)"
    c.entry(
        "Attendance 82% while mum was unwell after Michael's birth; Early Help plan started with the Traveller "
        "Education Service adviser.",
        period=term_label(d.ago(700)),
        source=source,
        impact="Bridget missed phonics sessions and her reading fell behind.",
        kind=Impact.NEGATIVE,
        action="Early Help plan: attendance support and a reading catch-up.",
        recorded_on=joined,
    )
    c.entry(
        "Early Help plan closed: attendance 96%; mum well.",
        period=term_label(d.ago(460)),
        source=source,
        impact="Bridget caught up with her reading by the end of Year 2 (school report).",
        kind=Impact.POSITIVE,
        action="Stepped down to universal support.",
        recorded_on=joined,
    )
    c.concern(
        d.at(20, 12, 40),
        MIDDAY,
        [Category.CHILD_ON_CHILD],
        "At 12:40 on the Key Stage 2 playground Mrs Pilotson heard another Year 3 pupil (named in their own record) "
        "call Bridget a “dirty gypsy” and tell other children not to play with her. Bridget was crying by the fence.",
        words="They said I'm dirty and I live in a caravan. I don't even live in a caravan, I live in a house. And so "
        "what if I did.",
        action="Mrs Pilotson comforted Bridget and told the DSL at 13:00. Logged as a prejudice-related incident; the "
        "headteacher spoke to the other pupil's parents the same day. Mum came in at 15:15 and helped plan the "
        "response.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="Racist bullying of Bridget, dealt with under the behaviour and anti-bullying policies. No concern "
        "about Bridget's care at home. She has a named adult at lunchtimes, and with her and mum's agreement her class "
        "will have a lesson on Gypsy, Roma and Traveller history with the Traveller Education Service adviser. "
        "Check-in "
        "with Bridget and mum in two weeks.",
        outcome="Two-week check-in: Bridget said “nobody says it any more” and she plays with a group of girls from "
        "her class.",
        severity=Severity.LOW,
    )
    c.action(
        "Check in with Bridget and mum two weeks after the playground incident",
        DSL,
        d.school_day(6),
        raised=d.school_day(20),
        done_on=d.school_day(6),
    )
    return c
