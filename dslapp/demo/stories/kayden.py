"""Kayden's story (fictional): Looked after (care order), settled long-term with foster carers; the impact of
contact.
"""

from __future__ import annotations

from datetime import date, timedelta

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import ENGLISH
from dslapp.demo.world import CSC, MIDDAY, SENCO
from dslapp.models import Category, ChildStatus, Designation, DslDecision, Impact, Severity


def story(d: BuildState) -> CaseFile:
    """Looked after (care order), settled long-term with foster carers; the impact of contact."""
    joined = date(d.academic_start() - 3, 9, 4)
    carers = "Sarah and Paul Garside"
    c = CaseFile.open(
        d,
        ENGLISH,
        forename="Kayden",
        surname="Holloway",
        girl=False,
        year=3,
        opened=joined,
        designations=(Designation.PUPIL_PREMIUM, Designation.SEND),
        religion="No religion",
        address=d.address("Sampleford"),
    )
    c.main_carer("Sarah", "foster carer", proper_name=True)
    c.person(
        "Sarah Garside",
        "Foster carer",
        lives=True,
        dob=d.dob_aged(45, 55),
        phone=d.phone(),
        notes=f"Long-term foster carer with Paul Garside (Fictionton Fostering Service) since Spring "
        f"{d.this_year - 5}. Day-to-day consent (trips, photos) under delegated authority.",
    )
    c.person("Paul Garside", "Foster carer", lives=True, dob=d.dob_aged(47, 57), phone=d.phone())
    c.person(
        "Stacey Holloway",
        "Birth mother",
        pr=True,
        dob=d.dob_aged(26, 32),
        notes="Shares parental responsibility with the local authority (care order). Supervised contact once a "
        "month at the Family Centre. Not to collect Kayden.",
    )
    c.person(
        "Father (not named)",
        "Birth father",
        notes="Not named on the birth certificate; identity not known to children's services.",
    )
    c.person(
        "Poppy Holloway",
        "Half-sister",
        dob=c.child.dob - timedelta(days=900),
        notes="Lives with her paternal grandmother under a special guardianship order. Sibling contact every 6 weeks.",
    )
    sw = c.professional("Ms Joanne Trialsworth", "Social worker (children in care)", CSC, key=True)
    iro = c.professional("Mr Gareth Sampleton", "Independent reviewing officer", "Fictionton IRO Service")
    c.professional("Ms Aisha Pilotfield", "Virtual school adviser", "Fictionton Virtual School")
    c.professional("Ms Siân Fakesby", "Supervising social worker (foster carers)", "Fictionton Fostering Service")

    c.entry(
        "Child protection plan in Testbury (category: neglect) while living with his birth mother.",
        period=f"{d.this_year - 6}",
        source=f"Children's social care chronology (shared by {sw})",
        impact="Kayden was not brought to health appointments and was underweight at his two-year check.",
        kind=Impact.NEGATIVE,
        action="Care proceedings started.",
        recorded_on=joined,
    )
    c.entry(
        f"Accommodated and placed with {carers}.",
        period=f"Spring {d.this_year - 5}",
        source=f"Children's social care chronology (shared by {sw})",
        impact="Foster carers report he slept through the night and began to put on weight within weeks.",
        kind=Impact.POSITIVE,
        action="Placement supported by the fostering service.",
        recorded_on=joined,
    )
    c.entry(
        f"Care order (s31) made; plan: long-term fostering with {carers}.",
        period=f"{d.this_year - 4}",
        source="Children's social care chronology",
        impact="A settled, permanent home with his carers.",
        kind=Impact.POSITIVE,
        action="Long-term match approved by the fostering panel.",
        recorded_on=joined,
    )
    c.set_status(
        joined,
        ChildStatus.CLA,
        "Joined Reception as a looked after child (s31 care order, Fictionton "
        "County Council). Personal education plan in place.",
    )
    c.entry(
        f"Child looked after review (IRO): long-term fostering with {carers} confirmed; contact with birth mother "
        "stays monthly and supervised.",
        on=d.school_day(60),
        source=f"IRO ({iro})",
        impact="Kayden told the IRO he wants to “stay with Sarah and Paul for ever”.",
        kind=Impact.POSITIVE,
        action="PEP targets agreed: reading fluency and friendships.",
    )
    after_contact = c.concern(
        d.at(45, 9, 20),
        c.teacher_on(d.school_day(45)),
        [Category.EMOTIONAL],
        "The morning after supervised contact with his birth mother, Kayden threw two chairs in the classroom at 09:20 "
        "and hid under a table for 20 minutes. When calm, with his class teacher, he said the words recorded here.",
        words="Mummy Stacey said she's getting me back and I'm not allowed to love Sarah.",
        action="Class moved to the library; Kayden stayed with his key adult until calm. Sarah (foster carer) told at "
        f"pick-up. Shared with {sw} (social worker) by phone at 12:30.",
        decision=DslDecision.INFORM_SOCIAL_WORKER,
        reasons="Kayden is looked after and has an allocated social worker: what is said at supervised contact is for "
        "the social worker and IRO to address. No concern about his care in placement.",
        outcome="The social worker spoke to Kayden's birth mother and the contact supervisor; a written contact "
        "agreement now covers what is said to Kayden.",
        significant=True,
    )
    c.concern(
        d.at(18, 12, 30),
        MIDDAY,
        [Category.CHILD_ON_CHILD],
        "At 12:30 on the Key Stage 2 field Kayden pushed another Year 3 pupil (named in their own record) to the "
        "ground, after the pupil said Kayden “doesn't have a real mum”. Neither child was hurt.",
        words="He said I haven't got a real mum and everybody laughed.",
        action="Children separated; both parents/carers told the same day. Restorative conversation led by the class "
        "teacher the next morning.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="An unkind comment about Kayden's family, and a physical reaction from Kayden: both handled under the "
        "behaviour policy. Class PSHE lesson on different kinds of families; Kayden's ELSA work on big feelings "
        "continues. Nothing here needs the social worker beyond the usual PEP update.",
        severity=Severity.LOW,
    )
    c.action(
        "Apply for pupil premium plus funding for ELSA sessions",
        SENCO,
        d.school_day(150),
        raised=d.school_day(170),
        done_on=d.school_day(160),
    )
    c.action(
        "PEP meeting: review the reading target and pupil premium plus spending",
        SENCO,
        d.after(5),
        raised=d.school_day(30),
    )
    c.action("Send the ELSA summary to the IRO before the next CLA review", SENCO, d.after(20), raised=d.school_day(14))
    c.curate(
        after_contact,
        "After supervised contact Kayden threw chairs and hid; he said his birth mother told him he is not allowed to "
        "love his foster carer.",
        source=c.teacher_on(after_contact.observed_at).label,
        impact="Kayden was distressed and confused about where he belongs.",
        kind=Impact.NEGATIVE,
        action="Shared with the social worker; a written contact agreement now covers what is said to Kayden.",
    )
    return c
