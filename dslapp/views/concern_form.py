"""The blank concern form staff fill in by hand: what it prints (no case data).

``BlankConcernForm`` is the view model ``dslapp.export.concern_form_pdf`` draws: the school's name, who to
tell (the DSL and deputies from the casebook's users, with how to reach them where known) and the local
contacts from the school's settings. The field wording follows DOMAIN.md ("Records a school must keep").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SafeguardingLead:
    """A DSL or deputy as the form names them: name, role and how to reach them (empty: a line to fill in)."""

    name: str
    role: str
    reach: str = ""


@dataclass(frozen=True)
class FormContact:
    """A local contact printed on the form (the Front Door, out of hours, the police)."""

    service: str
    phone: str
    when: str = ""
    placeholder: bool = False


@dataclass(frozen=True)
class BlankConcernForm:
    school: str
    leads: tuple[SafeguardingLead, ...]
    contacts: tuple[FormContact, ...]
    printed_on: datetime
    placeholder_note: str = "placeholder: the school fills in its own"


TITLE = "Record of concern about a child"
MARKING = "OFFICIAL-SENSITIVE when completed"
INSTRUCTIONS = (
    "Write down what you saw or heard as soon as you can, in your own words: facts, not opinion. Use the child's "
    "exact words. Do not ask leading questions or promise to keep a secret. Hand this form to the DSL or a deputy "
    "in person today. If a child is in immediate danger, call 999, then tell the DSL."
)
CHILD_FIELDS = (("Child's full name", 0.5), ("Date of birth", 0.22), ("Class / year", 0.28))
WHEN_FIELDS = (("Date it was seen or heard", 0.3), ("Time (24-hour)", 0.2), ("Place", 0.5))
# (heading, hint, writing lines)
SECTIONS = (
    ("What was seen or heard", "Facts only: what happened, when, who was there. Say whose account it is.", 8),
    ("The child's exact words", "Exactly as said, even if not grammatical. Write what you asked, too.", 5),
    ("Action taken", "What you did straight away (e.g. first aid, stayed with the child, told the DSL).", 3),
    ("Who was told", "Name, role, date and time.", 2),
)
REPORTER_FIELDS = (("Your name", 0.4), ("Your role", 0.3), ("Date and time written", 0.3))
SIGNATURE = "Signature"
BODY_MAP_HEADING = "Body map"
BODY_MAP_HINT = (
    "Mark each injury or mark on the outlines with a number, then describe it below. Do not examine the child or "
    "ask them to remove clothing: record only what you can see."
)
MARK_COLUMNS = (
    ("No.", 0.07),
    ("Type (bruise, cut, burn, scratch, bite, other)", 0.25),
    ("Size (cm)", 0.1),
    ("Colour", 0.12),
    ("Shape", 0.12),
    ("The child's explanation, in their own words", 0.34),
)
MARK_ROWS = 6
WHO_TO_TELL = "Who to tell"
EMERGENCY = "A child in immediate danger: call 999."
REACH_BLANK = "How to reach:"
LOCAL_CONTACTS = "Local contacts"
FOR_THE_DSL = "For the DSL"
DSL_FIELDS = (("Received by", 0.4), ("Date", 0.25), ("Time", 0.15), ("Recorded in the casebook", 0.2))
