"""Jayden's story (fictional): Universal: three neglect concerns within 90 days, each explained on its own, and no
referral yet.

    The three are placed in calendar days (not school days) so that they always fall inside the 90-day
    window the cumulative neglect alert looks at.

"""

from __future__ import annotations

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import ENGLISH
from dslapp.demo.school_calendar import local_time
from dslapp.demo.world import DEPUTY, DSL, MIDDAY, PE
from dslapp.models import Category, Designation, DslDecision, Severity


def story(d: BuildState) -> CaseFile:
    """Universal: three neglect concerns within 90 days, each explained on its own, and no referral yet.

    The three are placed in calendar days (not school days) so that they always fall inside the 90-day
    window the cumulative neglect alert looks at.
    """
    c = CaseFile.open(
        d,
        ENGLISH,
        forename="Jayden",
        surname="Marsh",
        girl=False,
        year=4,
        opened=d.school_day(290),
        designations=(Designation.FSM,),
        religion="No religion",
    )
    c.main_carer("Mum", "Kirsty Marsh")
    c.person("Kirsty Marsh", "Mother", pr=True, lives=True, dob=d.dob_aged(28, 34), phone=d.phone())
    c.person(
        "Dean Marsh",
        "Father",
        pr=True,
        dob=d.dob_aged(30, 38),
        phone=d.phone(),
        address=d.address(),
        notes="Lives in Fictionton; sees Jayden most Sundays.",
    )
    c.person("Ivy Marsh", "Sister", lives=True, dob=d.ago(1150), notes="At nursery.")
    c.concern(
        d.at(290, 10, 15),
        PE,
        [Category.PHYSICAL],
        "At 10:15 in PE Jayden had a bruise about 2 cm across, yellow-green, on the front of his right shin.",
        words="I got kicked in football at the park. It was an accident.",
        body_map="Front of right shin: one bruise approx 2 cm, yellow-green.",
        action="Checked by the first aider. At pick-up mum gave the same account without being asked.",
        decision=DslDecision.NO_FURTHER_ACTION,
        reasons="An injury on an exposed, bony area typical of play, with the same account from Jayden (given freely) "
        "and mum. No previous injuries recorded. Not a safeguarding concern; recorded so any pattern would be seen.",
        severity=Severity.LOW,
    )
    c.concern(
        local_time(d.calendar_school_day(78), 8, 55),
        c.teacher_on(d.calendar_school_day(78)),
        [Category.NEGLECT],
        "At 08:55 Jayden was wearing the same polo shirt for the fourth day running, with food down the front. His "
        "trousers were too short and he had no socks on. Two children moved away from him on the carpet and mentioned "
        "the smell.",
        words="Mum says the washing machine's broken and she can't get a man to fix it.",
        action="Spare uniform and socks given discreetly. DSL phoned mum at 12:30: she said the washing machine has "
        "been broken for two weeks.",
        reasons="Explanation given: a practical problem the family is sorting out. Spare uniform offered and the "
        "family "
        "support worker can help with laundry if needed. Monitor.",
    )
    c.concern(
        local_time(d.calendar_school_day(41), 12, 15),
        MIDDAY,
        [Category.NEGLECT],
        "At 12:15 Jayden's packed lunch was a packet of crisps and a slice of dry bread. He asked two friends for "
        "food. "
        "This is the third day this week his lunch has been like this.",
        words="There's nothing in the cupboards till Friday.",
        action="School lunch given (Jayden is eligible for free school meals; the family had chosen packed lunches). "
        "DSL spoke to mum at pick-up: she said money is tight until her Universal Credit payment.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="Hunger linked to low income. Free school meals restarted from Monday with mum's agreement; food bank "
        "voucher given.",
    )
    c.action(
        "Phone mum about uniform and lunches and offer an Early Help conversation",
        DSL,
        d.ago(5),
        raised=d.calendar_school_day(41),
    )
    c.concern(
        local_time(d.calendar_school_day(1), 10, 30),
        c.teacher_on(d.calendar_school_day(1)),
        [Category.NEGLECT],
        "At 10:30 Jayden was holding his jaw; he said a back tooth has hurt for “ages” and it is visibly black. His "
        "fingernails were dirty and he was wearing the same trousers as last week, now with a hole in the knee.",
        words="Mum said we can't go to the dentist because we're not on one.",
        action="The class teacher gave Jayden a quiet space and told the DSL at 10:45. Not yet discussed with mum.",
        decision=DslDecision.PENDING,
        by=DEPUTY,
    )
    return c
