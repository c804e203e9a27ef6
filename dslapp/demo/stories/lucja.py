"""Łucja's story (fictional): Child protection plan after a disclosure of domestic abuse; parents not told before
the MASH call.
"""

from __future__ import annotations

from datetime import timedelta

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import POLISH
from dslapp.demo.world import CSC, DSL, ELSA, ENCOMPASS, HEAD, HEALTH, OFFICE, POLICE, SCHOOL, TA
from dslapp.models import (
    Category,
    ChildStatus,
    Designation,
    DslDecision,
    Impact,
    OrderType,
    ReferralOutcome,
    ReferralStatus,
    Severity,
)
from dslapp.models.referral import ConsentState, SentVia


def story(d: BuildState) -> CaseFile:
    """Child protection plan after a disclosure of domestic abuse; parents not told before the MASH call."""
    c = CaseFile.open(
        d,
        POLISH,
        forename="Łucja",
        surname="Wiśniewska",
        girl=True,
        year=4,
        opened=d.school_day(230),
        designations=(Designation.EAL,),
        religion="Roman Catholic",
    )
    c.main_carer("Mum", "Katarzyna Wiśniewska")
    c.person("Katarzyna Wiśniewska", "Mother", pr=True, lives=True, dob=d.dob_aged(30, 38), phone=d.phone())
    father = c.person(
        "Tomasz Wiśniewski",
        "Father",
        pr=True,
        dob=d.dob_aged(33, 42),
        notes="Not to contact Katarzyna or come to the family home (bail conditions, then a non-molestation order). "
        "Contact with the children only as arranged by children's social care. Do not release the children to him. "
        "Do not share the family's address or contact details.",
    )
    c.person("Jakub Wiśniewski", "Brother", lives=True, dob=d.dob_for_year(0), notes=f"Reception at {SCHOOL}.")
    sw = c.professional(
        "Ms Priya Exampleton", "Social worker (child protection)", CSC, key=True, since=d.school_day(96)
    )
    police = c.professional(
        "DC Sam Pilotfield", "Detective constable, Public Protection Unit", POLICE, since=d.school_day(96)
    )
    c.professional("Ms Helen Testerton", "IDVA (for mum)", "Fictionton Domestic Abuse Service", since=d.school_day(90))
    c.professional("Mrs Bukola Placewell", "School nurse", HEALTH, since=d.school_day(82))

    c.entry(
        "Two police call-outs to the family's former home in Testbury for arguments between the parents; no charges.",
        period=f"{d.this_year - 3}",
        source=f"{POLICE} (shared at the strategy discussion)",
        impact="Not known: Łucja was of nursery age. The school was not told at the time.",
        kind=Impact.UNKNOWN,
        action="Noted in the school chronology; no school action possible.",
        recorded_on=d.school_day(96),
    )
    c.concern(
        d.at(230, 8, 30),
        ENCOMPASS,
        [Category.DOMESTIC_ABUSE],
        "Operation Encompass email at 08:30: police attended the family home at 22:50 the previous evening after a "
        "neighbour reported shouting and a crash. Mr and Mrs Wiśniewski had argued; no injuries reported; no arrest. "
        "Łucja and Jakub were at home and awake.",
        action="Łucja's and Jakub's class teachers told (need to know) so both children had a calm start. Łucja chose "
        "to spend the first lesson with the ELSA; she drew quietly and did not talk about the night.",
        reasons="First police notification for the family; no injuries; no disclosure from either child. Mum was not "
        "approached at the gate because dad was with her; the DSL phoned her privately the next day. She said it was "
        "“just an argument” and declined support. Monitoring both children: any further incident will be read with "
        "this one and a MASH enquiry considered.",
        significant=True,
    )
    c.concern(
        d.at(196, 11, 5),
        ELSA,
        [Category.DOMESTIC_ABUSE, Category.EMOTIONAL],
        "During an ELSA session at 11:05 Łucja was making a feelings jar. She filled most of it with grey sand, which "
        "she had chosen for “worried”, and said it was about home.",
        words="When tata drinks beer he gets angry and shouts at mama. I put my hands on Jakub's ears so he can't "
        "hear.",
        action="The ELSA reassured Łucja and told the DSL at 11:30. DSL phoned mum at 15:30 when she was on her own: "
        "she said things are hard but she is not in danger. DSL gave her the Fictionton Domestic Abuse Service number "
        "and offered Early Help; mum declined Early Help.",
        decision=DslDecision.CONSULTATION,
        reasons="Second incident in five weeks. Łucja describes ongoing shouting linked to alcohol and is trying to "
        "protect her brother. Consultation line (14:10) advised Early Help with consent; mum declined. Advice: keep "
        "offering support, monitor closely, and make a MASH enquiry straight away if there is any sign of physical "
        "harm or escalation.",
        outcome="Mum declined Early Help; domestic abuse service details given.",
        significant=True,
    )
    disclosure = c.concern(
        d.at(96, 10, 40),
        TA,
        [Category.DOMESTIC_ABUSE, Category.PHYSICAL],
        "At 10:40 in the library corner Łucja asked Mrs Proofe if she could tell her a secret. Mrs Proofe said she "
        "could not keep a secret about someone being hurt. Łucja then said the words recorded here. She was crying "
        "and holding her sleeves over her hands.",
        words="Last night tata pushed mama into the door and there was blood on her head. He said if we tell anyone he "
        "will take me and Jakub to Poland and mama won't see us again.",
        action="Mrs Proofe listened, did not ask leading questions, told Łucja she had done the right thing and wrote "
        "down her words at 10:55. DSL told at 11:00. Łucja and Jakub stayed in school with their key adults.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="Disclosure of physical domestic abuse causing injury, with a threat to remove the children from the "
        "country. Phoned the MASH at 11:20 and followed in writing at 14:00. Parents not told before the call: "
        "telling either parent could increase the risk to Łucja, Jakub and their mother. The MASH agreed and arranged "
        "for a social worker and police to see mum at school before home time.",
        outcome="Strategy discussion the same day; s47 enquiries started (see the MASH enquiry).",
        severity=Severity.HIGH,
        significant=True,
    )
    referral = c.referral(
        d.school_day(96),
        status=ReferralStatus.OUTCOME,
        via=SentVia.PHONE,
        aware=False,
        not_told="Łucja said her father threatened to take the children abroad if anyone was told. Telling either "
        "parent before the strategy discussion could increase the risk to Łucja, Jakub and their mother (agreed with "
        "the MASH at 11:20).",
        acknowledged_on=d.school_day(96),
        outcome=ReferralOutcome.STRATEGY_S47,
        outcome_on=d.school_day(96),
        notes="Strategy discussion at 15:00 (children's social care, police, school, health). Joint s47 enquiries. "
        "Mr Wiśniewski was arrested that evening and bailed not to contact Mrs Wiśniewska or attend the home. Mum and "
        "the children stayed at home with a safety plan.",
        form={
            "type_of_request": "Child at risk of significant harm: phoned through at 11:20, followed in writing",
            "the_concern": "Łucja (Year 4) disclosed that her father pushed her mother into a door last night, causing "
            "a head injury, and threatened to take Łucja and her brother to Poland if anyone was told.",
            "child_words": "“Last night tata pushed mama into the door and there was blood on her head. He said if we "
            "tell anyone he will take me and Jakub to Poland and mama won't see us again.”",
            "what_has_been_tried": "Police notification (Operation Encompass) and a consultation-line call in the "
            "last eight months; Early Help offered and declined by mum.",
            "strengths": "Łucja trusts adults in school and told them. Mum has the domestic abuse service's number.",
            "referrer_view": "Level 4: risk of significant harm from domestic abuse, and of abduction. Łucja's "
            "mother was injured, Łucja is trying to protect her brother, and her father has threatened to take the "
            "children abroad if anyone is told.",
            "hoped_for": "A strategy discussion today and a plan to keep Łucja, Jakub and their mother safe.",
            "child_views": "Łucja said she wants to stay with mama and Jakub, and for tata to stop hurting mama. She "
            "is frightened he will take her away.",
            "phoned_through": "Phoned the MASH at 11:20 and spoke to the duty social worker; this written follow-up "
            "sent at 14:00.",
            "early_help": "Offered by the DSL after Łucja spoke to the ELSA, five weeks after the police "
            "notification; mum declined. Mum was given the domestic abuse service's number.",
            "previous_involvement": "None known to the school.",
            "parents_views": "Not sought before the enquiry: telling either parent could increase the risk (see "
            "section 2).",
        },
    )
    order_made = d.school_day(60)  # after the bail conditions that followed the arrest
    c.court_order(
        OrderType.NON_MOLESTATION,
        order_made,
        ends_on=order_made + timedelta(days=364),
        person=father,
        forbids="Not to contact Mrs Wiśniewska or come within 100 metres of the family home; contact with the "
        "children only as arranged by children's social care. Not to collect the children from school.",
        must_not_collect=True,
        source="Copy of the order given to the school by the social worker",
    )
    c.threshold(
        d.school_day(96),
        4,
        {
            "child_development": [
                "Living with domestic abuse; visibly distressed at disclosure",
                "Protecting her younger brother",
            ],
            "parenting_capacity": ["Violence by father towards mother", "Threat to remove the children abroad"],
            "family_environment": ["Escalating incidents over at least five months", "Alcohol use by father"],
        },
        "A disclosure of violence causing injury, with a threat to abduct the children, after two earlier incidents: "
        "Level 4, a MASH enquiry now. Not telling the parents first, to avoid increasing the risk.",
        consulted="Fictionton MASH (phone, 11:20)",
        concerns=[disclosure],
    )
    c.sharing(
        d.school_day(96),
        what="Łucja's written disclosure, her attendance record and the school's earlier concerns",
        with_whom=f"{police}, {POLICE} (strategy discussion)",
        consent=ConsentState.NOT_SOUGHT,
        shared=True,
        reasons="Shared for the strategy discussion and s47 enquiries. Consent not sought because seeking it could "
        "increase the risk to the children (see the MASH enquiry). Only information relevant to the risk was shared.",
    )
    icpc = d.school_day(82)
    c.set_status(
        icpc,
        ChildStatus.CP,
        "Initial child protection conference: child protection plan under the "
        "category of emotional abuse (living with domestic abuse).",
    )
    c.entry(
        "Initial child protection conference: Łucja and Jakub made subject to child protection plans (emotional "
        "abuse). "
        "DSL attended and gave the school's report.",
        on=icpc,
        source="Children's social care (conference chair)",
        impact="Łucja told the ELSA afterwards she felt “safer now that everyone knows”.",
        kind=Impact.POSITIVE,
        action="Core group set up. School: daily ELSA check-in, attendance monitoring, a report to each core group.",
    )
    c.sharing(
        d.school_day(55),
        what="The children's current address and mum's contact details, requested by email",
        with_whom="Mr Tomasz Wiśniewski (father, has parental responsibility)",
        consent=ConsentState.NOT_NEEDED,
        shared=False,
        basis="",
        reasons="Not shared. Mum and the children are protected by a non-molestation order and the social worker "
        f"({sw}) advised that sharing contact details would place them at risk. Mr Wiśniewski was told in writing that "
        "contact details cannot be shared and that his request for school reports is dealt with separately.",
    )
    c.sharing(
        d.school_day(54),
        what="Łucja's end-of-term school report",
        with_whom="Mr Tomasz Wiśniewski (father), by post via his solicitor",
        consent=ConsentState.NOT_NEEDED,
        shared=True,
        basis="Parental responsibility: school policy on information for parents",
        reasons="As a parent with parental responsibility he is entitled to educational information. The DSL and the "
        "social worker checked the report for anything that could identify where the family lives before it was sent.",
    )
    at_gate = c.concern(
        d.at(12, 15, 10),
        OFFICE,
        [Category.DOMESTIC_ABUSE],
        "At 15:10 Mrs Placeholder saw Mr Wiśniewski at the school gate on Example Lane during pick-up. He asked a "
        "parent where Łucja's class comes out. The non-molestation order and the school's records say he is not to "
        "collect or approach the children.",
        action="Łucja and Jakub kept inside with their class teachers; classes dismissed through the back gate. DSL "
        "phoned 999 at 15:12 and then mum, who came to collect with a friend. Mr Wiśniewski left before police "
        "arrived. "
        "Łucja did not see him.",
        decision=DslDecision.POLICE,
        reasons="Possible breach of a non-molestation order and risk of the children being taken: police first because "
        f"of the immediate risk. Social worker ({sw}) told at 15:40.",
        outcome="Police spoke to Mr Wiśniewski the same evening. The social worker updated the safety plan: mum "
        "collects from the office door; gate staff briefed with a photo.",
        severity=Severity.HIGH,
        significant=True,
    )
    c.action(
        "Brief gate staff and the office on the non-molestation order (photo on file)",
        HEAD.name,
        d.school_day(11),
        raised=d.school_day(12),
        done_on=d.school_day(11),
    )
    c.action(
        "Weekly ELSA check-in for Łucja; notes to the core group",
        ELSA.name,
        d.school_day(75),
        raised=icpc,
        done_on=d.school_day(75),
    )
    c.action(
        "Write and send the school's report for the review child protection conference",
        DSL,
        d.ago(2),
        raised=d.school_day(20),
        source=referral,
    )
    c.action("Core group meeting: share attendance and ELSA notes", DSL, d.after(3), raised=d.school_day(25))
    c.curate(
        disclosure,
        "Łucja disclosed that her father pushed her mother into a door, causing a head injury, and threatened to take "
        "the children to Poland if anyone was told.",
        source=f"Łucja, to {TA.label}",
        impact="Łucja was crying and frightened; she had been protecting her brother and keeping this to herself.",
        kind=Impact.NEGATIVE,
        action="MASH phoned at 11:20 (parents not told: risk). Strategy discussion the same day; s47 enquiries; father "
        "arrested and bailed away from the home.",
    )
    c.curate(
        at_gate,
        "Father at the school gate asking where Łucja's class comes out, against a non-molestation order.",
        source=OFFICE.label,
        impact="Łucja did not see him. Mum says Łucja has since asked whether her dad will come to school again.",
        kind=Impact.NEGATIVE,
        action="999 called; children kept inside and collected by mum. Police spoke to father; safety plan updated.",
    )
    return c
