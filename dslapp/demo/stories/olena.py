"""Olena's story (fictional): Universal, privately fostered: a Ukrainian girl living with a family friend; the LA
notified.
"""

from __future__ import annotations

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import UKRAINIAN
from dslapp.demo.school_calendar import local_time, term_label
from dslapp.demo.world import CSC, ELSA, OFFICE
from dslapp.models import Category, Designation, DslDecision, Impact, ReferralOutcome, ReferralStatus, Severity
from dslapp.models.referral import SentVia


def story(d: BuildState) -> CaseFile:
    """Universal, privately fostered: a Ukrainian girl living with a family friend; the LA notified."""
    joined = d.school_day(255)
    c = CaseFile.open(
        d,
        UKRAINIAN,
        forename="Олена",
        surname="Коваленко",
        girl=True,
        year=5,
        opened=joined,
        designations=(Designation.EAL, Designation.PRIVATE_FOSTERING),
        religion="Orthodox Christian",
    )
    c.main_carer("Oksana", "private foster carer, Оксана Шевчук", proper_name=True)
    c.person(
        "Оксана Шевчук",
        "Family friend (private foster carer)",
        lives=True,
        dob=d.dob_aged(38, 48),
        phone=d.phone(),
        notes="Olena has lived with Ms Шевчук since arriving in the UK. Not a close relative: a "
        "private fostering arrangement, notified to the local authority. Speaks English well.",
    )
    c.person(
        "Наталія Коваленко",
        "Mother",
        pr=True,
        dob=d.dob_aged(33, 40),
        notes="Lives in Kyiv; video calls most evenings. Gave written consent for Ms Шевчук to care for Olena.",
    )
    c.person("Сергій Коваленко", "Father", pr=True, dob=d.dob_aged(35, 43), notes="In Ukraine.")
    sw = c.professional(
        "Ms Rachel Proofield", "Social worker (private fostering)", CSC, key=True, since=d.school_day(240)
    )
    c.entry(
        "Arrived in the UK from Kyiv with Ms Шевчук under the Homes for Ukraine scheme; her mother stayed in Ukraine.",
        period=term_label(d.ago(290)),
        source="Ms Шевчук (private foster carer) and Olena, at admission",
        impact="Olena left her mother, school and friends; she told the ELSA she misses her grandmother and her cat "
        "most.",
        kind=Impact.NEGATIVE,
        action="Joined the school with EAL support and a Ukrainian-speaking TA.",
        recorded_on=joined,
    )
    c.concern(
        local_time(joined, 15, 30),
        OFFICE,
        [Category.PRIVATE_FOSTERING],
        "At the admissions meeting at 15:30 Ms Шевчук said she is a family friend and has cared for Olena since she "
        "arrived in the UK; Olena's mother remains in Kyiv. The arrangement is expected to last well over 28 days.",
        words="Я сумую за мамою, але тітка Оксана добра. (Said in Ukrainian, translated by the Ukrainian-speaking TA: "
        "“I miss my mum, but auntie Oksana is kind.” “Auntie” here is a term of affection, not a relative.)",
        action="Explained to Ms Шевчук that the local authority must be told about private fostering so it can check "
        "that Olena is well cared for; she agreed and had expected it.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="Private fostering: a child under 16 cared for by someone who is not a parent or close relative for "
        "more than 28 days. Schools must notify the local authority. No concerns about Olena's care.",
        severity=Severity.LOW,
        significant=True,
    )
    c.referral(
        d.school_day(254),
        request_type="Private fostering notification",
        via=SentVia.EMAIL,
        status=ReferralStatus.OUTCOME,
        aware=True,
        agreed=True,
        acknowledged_on=d.school_day(252),
        outcome=ReferralOutcome.OTHER,
        outcome_on=d.school_day(230),
        notes=f"Private fostering assessment by {sw}: arrangement suitable. The social worker visits every 6 weeks in "
        "the first year and sees Olena on her own at each visit.",
        form={
            "type_of_request": "Notification of a private fostering arrangement",
            "the_concern": "Olena (Year 5) lives with a family friend, Ms Шевчук, while her mother remains in Kyiv. No "
            "concerns about her care.",
            "impact_on_child": "Olena is separated by the war from her mother, her grandmother and her home in Kyiv. "
            "In school she is settling: she is learning English quickly with a Ukrainian-speaking TA, has made two "
            "friends in her class and eats well at lunch. She told the TA she misses her mum most at bedtime; the "
            "video calls with her mum most evenings help.",
            "parenting_capacity": "Ms Шевчук meets Olena's day-to-day needs: Olena arrives on time, clean, fed and "
            "with what she needs for the day. Ms Шевчук came to the admissions meeting, brought Olena's health "
            "records and asked about EAL support. She has not cared for a child of Olena's age before and has asked "
            "for advice on helping Olena with her worries about home.",
            "family_environment": "Olena lives with Ms Шевчук, a family friend from Kyiv, in Fictionton. Her mother "
            "lives in Kyiv and her father is in Ukraine. The arrangement is expected to last well over 28 days, until "
            "it is safe for Olena to go home or for her mother to join her.",
            "what_has_been_tried": "Nothing beyond the support any new arrival has: EAL support and a "
            "Ukrainian-speaking TA from her first day, and a buddy in class. This is a notification, not a concern "
            "about Olena's care.",
            "strengths": "Ms Шевчук is kind and organised, is open with school and expected this notification. "
            "Olena's mother is in daily contact and gave written consent to the arrangement. Olena is bright, makes "
            "friends easily and speaks warmly of “auntie Oksana”.",
            "child_views": "Olena said, in Ukrainian (translated by the TA): “I miss my mum, but auntie Oksana is "
            "kind.” She told the TA she likes her new school and wants to stay with Ms Шевчук until she can go home "
            "to her mum.",
            "parents_views": "Olena's mother gave written consent to the arrangement and knows of this notification. "
            "Ms Шевчук agreed to it and had expected it.",
            "child_development": "Healthy and well. Learning English quickly (Ukrainian is her first language) and "
            "working at the expected level in maths. Settling emotionally, with worries about her mother's safety.",
            "early_help": "Not needed: no additional needs beyond EAL support.",
            "previous_involvement": "None known to the school.",
            "level_of_need": "Level 1: Universal",
            "referrer_view": "No concerns about Olena's care. This is the notification the law requires: Olena, "
            "aged {age}, is cared for by someone who is not a parent or close relative for more than 28 days, so the "
            "local authority must check the arrangement. Her needs are met by universal services with EAL support.",
            "hoped_for": "A private fostering assessment, and regular visits by a social worker who sees Olena on her "
            "own, so that Olena and her mother know someone outside the household is checking that she is well "
            "cared for.",
        },
    )
    c.concern(
        d.at(33, 11, 0),
        ELSA,
        [Category.MENTAL_HEALTH],
        "During ELSA at 11:00 Olena said she had not slept after seeing news of an attack near her mother's home. She "
        "had her head on the desk in maths and did not eat lunch.",
        words="Мама сказала, що все добре, але я бачила новини. (Translated: “Mum said everything is fine, but I saw "
        "the news.”)",
        action="ELSA session extended. Ms Шевчук phoned at 12:00 and came in at lunchtime. School nurse referral for "
        "sleep and worry support, with the consent of Ms Шевчук and Olena's mother.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="An understandable response to worry about her mother's safety; no concerns about her care. Support: "
        f"weekly ELSA, school nurse, a morning check-in with the Ukrainian-speaking TA. {sw} informed.",
    )
    c.action(
        "Morning check-in with the Ukrainian-speaking TA for four weeks", ELSA.name, d.after(6), raised=d.school_day(33)
    )
    return c
