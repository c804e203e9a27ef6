"""Evie's story (fictional): Child in need after escalation: the MASH decided no further action; the DSL challenged
it.
"""

from __future__ import annotations

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import ENGLISH
from dslapp.demo.school_calendar import add_school_days
from dslapp.demo.world import CSC, DSL, PE, TA
from dslapp.models import (
    BodyMark,
    BodyView,
    Category,
    ChildStatus,
    DslDecision,
    Impact,
    MarkType,
    ReferralOutcome,
    ReferralStatus,
    Severity,
)
from dslapp.models.referral import DisagreementType, SentVia


def story(d: BuildState) -> CaseFile:
    """Child in need after escalation: the MASH decided no further action; the DSL challenged it."""
    c = CaseFile.open(
        d, ENGLISH, forename="Evie", surname="Hedley", girl=True, year=2, opened=d.school_day(160), religion="Christian"
    )
    c.main_carer("Mum", "Rebecca Hedley")
    c.person("Rebecca Hedley", "Mother", pr=True, lives=True, dob=d.dob_aged(29, 36), phone=d.phone())
    c.person("Stuart Hedley", "Father", pr=True, lives=True, dob=d.dob_aged(31, 39), phone=d.phone())
    c.person("Archie Hedley", "Brother", lives=True, dob=d.ago(1400), notes="At nursery.")
    c.concern(
        d.at(160, 9, 0),
        TA,
        [Category.PHYSICAL],
        "At 09:00 Evie had a red mark about 4 cm long on her left cheek. Mrs Proofe asked, “What happened to your "
        "face?”",
        words="I fell off the sofa onto the table.",
        body_map="Left cheek: red linear mark approx 4 cm; no swelling.",
        marks=[
            BodyMark(
                number=1,
                view=BodyView.FRONT,
                x=0.58,
                y=0.11,
                mark_type=MarkType.OTHER,
                size_cm=4,
                colour="red",
                shape="linear",
                child_explanation="I fell off the sofa onto the table.",
            )
        ],
        action="At pick-up mum said, without being asked, that Evie fell against the coffee table while jumping on the "
        "sofa.",
        reasons="The same account from Evie and mum, given freely. The cheek is not a common place for an accidental "
        "injury, so it is on the body map and will be read with any future marks.",
        severity=Severity.LOW,
    )
    bruises = c.concern(
        d.at(72, 10, 15),
        PE,
        [Category.PHYSICAL],
        "When Evie changed for PE at 10:15, Mr Fixture saw four oval bruises in a row, about 1 cm each and "
        "blue-purple, on the back of her left upper arm. Evie pulled her sleeve down when she saw him notice.",
        words="Daddy grabbed me 'cos I wouldn't get in the car. He squeezed really hard.",
        body_map="Back of left upper arm: four oval bruises approx 1 cm each in a line, blue-purple, in a pattern "
        "consistent with fingertip grip. Photographs not taken (school policy).",
        marks=[
            BodyMark(
                number=1,
                view=BodyView.BACK,
                x=0.21,
                y=0.33,
                mark_type=MarkType.BRUISE,
                size_cm=1,
                colour="blue-purple",
                shape="four ovals in a line",
                child_explanation="Daddy grabbed me 'cos I wouldn't get in the car.",
            )
        ],
        action="Mr Fixture did not ask further questions, wrote down Evie's words and told the DSL at 10:30.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="Bruising to a soft area in a gripping pattern, Evie's account that her father caused it, and an "
        "earlier "
        "facial mark. Phoned the MASH at 11:00. The MASH said school could tell the parents; mum was told at 15:15.",
        severity=Severity.HIGH,
        significant=True,
    )
    referral = c.referral(
        d.school_day(72),
        status=ReferralStatus.OUTCOME,
        via=SentVia.PHONE,
        aware=True,
        agreed=False,
        without_consent="On the MASH's advice mum was told at 15:15, after the enquiry was phoned through; she did "
        "not agree to it. It went ahead because bruises in a gripping pattern on a child of {age}, with her own "
        "account naming her father and an earlier mark to her face, need a professional assessment whatever the "
        "parents' view.",
        acknowledged_on=d.school_day(72),
        outcome=ReferralOutcome.NO_FURTHER_ACTION,
        outcome_on=d.school_day(69),
        notes="MASH spoke to the parents by phone. Father said he held Evie's arm to stop her running into the road. "
        "Advice on safe handling given; no further action by children's social care.",
        form={
            "type_of_request": "MASH enquiry: physical injury with a disclosure",
            "the_concern": "Four fingertip-pattern bruises on the back of Evie's left upper arm, seen by her PE "
            "teacher when she changed for PE at 10:15; Evie said her father grabbed her. Twelve weeks earlier she had "
            "a 4 cm red mark on her left cheek, explained by Evie and by mum as a fall against a coffee table.",
            "child_words": "“Daddy grabbed me 'cos I wouldn't get in the car. He squeezed really hard.”",
            "previous_involvement": "None known to the school.",
            "phoned_through": "Phoned the MASH at 11:00 and spoke to the duty social worker, who advised that school "
            "could tell the parents.",
            "early_help": "None: no earlier additional needs.",
            "referrer_view": "Level 4: physical harm by a parent needing a s47 or a child and family assessment.",
            "strengths": "Evie is doing well at school: her attendance is good and she has friends in her class. She "
            "told her PE teacher how she was hurt. Mum brings and collects her most days and talks readily to staff.",
            "child_views": "Evie said: “Daddy grabbed me 'cos I wouldn't get in the car. He squeezed really hard.” "
            "She pulled her sleeve down when she saw the bruises had been noticed. She has not been asked more, so as "
            "not to lead her before the MASH decides how she should be spoken to.",
            "parents_views": "Mum was told at 15:15 on the MASH's advice. She did not agree to the enquiry and said "
            "Evie bruises easily and had been messing about. School has not spoken to dad.",
            "hoped_for": "That Evie is seen and spoken to on her own, that both injuries are considered together, and "
            "that the family get help to keep Evie safe when she will not do as she is asked.",
        },
    )
    c.threshold(
        d.school_day(72),
        4,
        {
            "child_development": ["Bruising in a gripping pattern", "Covered the marks when noticed"],
            "parenting_capacity": ["Child's account names her father", "Earlier unexplained facial mark"],
            "family_environment": ["No previous children's services involvement"],
        },
        "Physical injury with a clear account from Evie naming a parent, and an earlier mark: Level 4.",
        consulted="Fictionton MASH (phone, 11:00)",
        concerns=[bruises],
    )
    sw_mash = "Ms Aisha Sampleton"
    c.escalation(
        d.school_day(68),
        stage=1,
        disagreement=DisagreementType.THRESHOLD,
        with_whom=f"{sw_mash} (MASH social worker)",
        respond_by=add_school_days(d.school_day(68), 2),
        referral=referral,
        summary="School disagrees with no further action. This is Evie's second injury in four months; the bruises "
        "form a gripping pattern; Evie's account (getting into the car) differs from her father's (the road); and the "
        "decision was made without anyone speaking to Evie. Asked for reconsideration and for Evie to be seen.",
        outcome="The social worker kept the decision: the explanation was accepted as plausible. Not resolved; "
        "escalated to stage 2.",
    )
    c.escalation(
        d.school_day(66),
        stage=2,
        disagreement=DisagreementType.THRESHOLD,
        with_whom="Mr Declan Demoford (MASH team manager)",
        respond_by=add_school_days(d.school_day(66), 3),
        referral=referral,
        resolved_on=d.school_day(63),
        summary="Stage 2 under the Case Resolution Protocol after the social worker kept the decision. Sent the body "
        "map, both records of concern and Evie's words.",
        outcome="The team manager agreed the two injuries had not been considered together. Decision changed: child "
        "and family assessment, with Evie to be seen on her own at school.",
    )
    sw = c.professional("Ms Kerry Placewell", "Social worker (children in need)", CSC, key=True, since=d.school_day(62))
    c.entry(
        "Child and family assessment completed: Evie is a child in need; CIN plan with parenting support (safe "
        "handling "
        "and managing Evie's behaviour at transitions).",
        on=d.school_day(40),
        source=f"Children's social care ({sw})",
        impact="Evie told her teacher: “Daddy's doing a course and he doesn't grab any more.”",
        kind=Impact.POSITIVE,
        action="School is part of the CIN plan: weekly check-in; any mark reported to the social worker the same day.",
    )
    c.set_status(d.school_day(40), ChildStatus.CIN, "Child and family assessment (after escalation): CIN plan.")
    c.action(
        "Send the body map and both records of concern to the team manager (stage 2)",
        DSL,
        d.school_day(66),
        raised=d.school_day(66),
        done_on=d.school_day(66),
        source=referral,
    )
    c.action(
        "Attend the CIN review meeting and share the weekly check-in notes", DSL, d.after(14), raised=d.school_day(35)
    )
    c.curate(
        bruises,
        "Four fingertip-pattern bruises on the back of Evie's left upper arm; Evie said daddy grabbed her and squeezed "
        "hard.",
        source=PE.label,
        impact="Evie was hurt and tried to hide the marks: her second injury in four months.",
        kind=Impact.NEGATIVE,
        action="MASH enquiry: no further action. DSL escalated to stage 2; the team manager agreed a child and family "
        "assessment.",
    )
    return c
