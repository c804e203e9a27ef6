"""Çağla's story (fictional): Universal: online grooming reported by the child; police and CEOP; protective
parents.
"""

from __future__ import annotations

from dslapp.demo.build_state import BuildState
from dslapp.demo.case_file import CaseFile
from dslapp.demo.cultures import TURKISH
from dslapp.demo.world import CONSULTATION_LINE, POLICE
from dslapp.models import Category, DslDecision, Impact, Severity
from dslapp.models.referral import ConsentState


def story(d: BuildState) -> CaseFile:
    """Universal: online grooming reported by the child; police and CEOP; protective parents."""
    c = CaseFile.open(
        d, TURKISH, forename="Çağla", surname="Yılmaz", girl=True, year=6, opened=d.school_day(27), religion="Muslim"
    )
    c.main_carer("Mum", "Derya Yılmaz")
    c.person("Derya Yılmaz", "Mother", pr=True, lives=True, dob=d.dob_aged(35, 42), phone=d.phone())
    c.person("Murat Yılmaz", "Father", pr=True, lives=True, dob=d.dob_aged(37, 45), phone=d.phone())
    c.person("Emir Yılmaz", "Brother", lives=True, dob=d.ago(365 * 14 + 100), notes="Year 9 at Fictionton Academy.")
    reported = c.concern(
        d.at(27, 9, 5),
        c.teacher_on(d.school_day(27)),
        [Category.ONLINE],
        "At 09:05 Çağla asked to speak to her class teacher privately. She said that at the weekend someone in an "
        "online game chat asked her for a photo of herself in her pyjamas in return for game credit. She showed him "
        "the messages on her tablet; he did not copy or forward them. The user said he was 13.",
        words="He said he was 13 and he'd send me skins if I sent a picture in my pyjamas. I didn't send one. Then he "
        "said he'd tell everyone I was a baby.",
        action="The class teacher praised Çağla for telling and brought her to the DSL at 09:15. Tablet switched off "
        "and "
        "kept in the office. DSL phoned mum at 09:30; both parents came in at 11:00.",
        decision=DslDecision.POLICE,
        reasons="An unknown person asking a {age}-year-old for images in exchange for rewards is grooming. Reported to "
        "the police (101, 11:20) and to CEOP with the parents. No images were sent. Parents fully supportive and no "
        "concerns about care at home, so no MASH enquiry.",
        outcome="Police collected the tablet as evidence and reported the account to the game company. Year 6 online "
        "safety session planned.",
        severity=Severity.HIGH,
        significant=True,
    )
    c.threshold(
        d.school_day(27),
        1,
        {
            "child_development": ["Told a trusted adult straight away", "No images sent; not distressed"],
            "parenting_capacity": ["Parents protective; came in the same day", "Parental controls set up at once"],
            "family_environment": ["No other concerns known"],
        },
        "The risk came from outside the family and was reported to the police and CEOP. Çağla's parents are "
        "protective and her needs are met by universal services (school, family): Level 1. No MASH enquiry.",
        consulted=CONSULTATION_LINE,
        concerns=[reported],
    )
    c.sharing(
        d.school_day(27),
        what="Çağla's account, the username and the messages on her tablet",
        with_whom=f"{POLICE} and CEOP",
        consent=ConsentState.GIVEN,
        shared=True,
        reasons="Reported with the parents' agreement to protect Çağla and other children the same user may be "
        "contacting.",
    )
    c.sharing(
        d.school_day(26),
        what="What had happened to Çağla",
        with_whom="Other Year 6 parents (asked in a class chat)",
        consent=ConsentState.NOT_NEEDED,
        shared=False,
        basis="",
        reasons="Not shared: the information belongs to Çağla and her family. A general online safety letter went to "
        "all Year 6 parents instead, without identifying her.",
    )
    c.action("Year 6 online safety session with the PCSO", c.teacher.name, d.after(6), raised=d.school_day(26))
    c.curate(
        reported,
        "An unknown user in a game chat asked Çağla for a photo in her pyjamas in return for game credit; she did not "
        "send one.",
        source="Çağla, to her class teacher",
        impact="Çağla told an adult straight away and was not harmed; she said she felt “proud I told”.",
        kind=Impact.POSITIVE,
        action="Reported to police (101) and CEOP with the parents; tablet given to police as evidence.",
    )
    return c
