"""The fictional school and the people in it: staff, agencies, places and names for professionals."""

from __future__ import annotations

from dataclasses import dataclass

SCHOOL = "Fictionton Primary Academy"
DSL = "Ms Demo Example"  # the DSL (the CLI's demo vault user has the same name)
DSL_CONTACT = ("01632 960 418", "dsl@fictionton-primary.example")  # Ofcom's drama range; a reserved domain
DEPUTY = "Mr T. Trialby"  # deputy DSL
SENCO = "Mrs A. Specimen"  # SENCo, deputy DSL and designated teacher for looked after children

CSC = "Fictionton Children's Services"
POLICE = "Fictionshire Police"
HEALTH = "Fictionton 0–19 Health Service"
LAWFUL_BASIS = (
    "UK GDPR Art. 6(1)(e) public task; Art. 9(2)(g) substantial public interest "
    "(safeguarding of children, DPA 2018 Sch. 1 para. 18)"
)
CONSULTATION_LINE = "Fictionton MASH consultation line"


@dataclass(frozen=True)
class Staff:
    """A member of staff (or a notifier, such as Operation Encompass) who reports a concern."""

    name: str
    role: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role})"


CLASS_TEACHERS = (
    Staff("Mrs P. Placeworth", "Reception class teacher"),
    Staff("Mr A. Sample", "Year 1 class teacher"),
    Staff("Ms R. Example", "Year 2 class teacher"),
    Staff("Miss L. Exemplar", "Year 3 class teacher"),
    Staff("Mr O. Mockridge", "Year 4 class teacher"),
    Staff("Mrs K. Draftley", "Year 5 class teacher"),
    Staff("Mr D. Testwood", "Year 6 class teacher"),
)
TA = Staff("Mrs S. Proofe", "Teaching assistant")
MIDDAY = Staff("Mrs B. Pilotson", "Midday supervisor")
OFFICE = Staff("Mrs J. Placeholder", "Office manager")
BREAKFAST = Staff("Ms F. Modelle", "Breakfast club lead")
ELSA = Staff("Miss G. Mockford", "ELSA")
ATTENDANCE = Staff("Mr N. Samplewell", "Attendance officer")
FSW = Staff("Mrs H. Testwell", "Family support worker")
HEAD = Staff("Mr C. Mockley", "Headteacher")
PE = Staff("Mr I. Fixture", "PE coach")
ENCOMPASS = Staff("Operation Encompass", "Fictionshire Police notification")
SUPERVISOR = Staff("Ms V. Trialworth", "Local authority education safeguarding adviser")

REPORTERS = {
    "ta": TA,
    "midday": MIDDAY,
    "office": OFFICE,
    "breakfast": BREAKFAST,
    "elsa": ELSA,
    "attendance": ATTENDANCE,
    "fsw": FSW,
    "pe": PE,
    "police": ENCOMPASS,
}

STREETS = (
    "Example Lane",
    "Sample Road",
    "Placeholder Close",
    "Specimen Avenue",
    "Fiction Street",
    "Testing Terrace",
    "Prototype Row",
    "Draft Crescent",
    "Template Grove",
    "Pilot Place",
    "Mockup Mews",
    "Exemplar Drive",
)
TOWNS = (("Fictionton", "FT"), ("Fictionton", "FT"), ("Testbury", "TB"), ("Sampleford", "SF"))
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
GP_SURGERIES = (
    "Fictionton Health Centre",
    "Testbury Road Surgery",
    "Sampleford Medical Practice",
    "Example Lane Surgery",
)
PRO_WOMEN = ("Priya", "Joanne", "Kerry", "Aisha", "Helen", "Nadia", "Bukola", "Rachel", "Siân", "Mei", "Zainab")
PRO_MEN = ("Marcus", "Tom", "Gareth", "Ola", "Chris", "Ben", "Imran", "Declan", "Tomasz")
PRO_SURNAMES = (
    "Exampleton",
    "Draftsham",
    "Pilotfield",
    "Placewell",
    "Mockwell",
    "Demoford",
    "Testerton",
    "Sampleton",
    "Fakesby",
    "Proofield",
    "Modelham",
    "Trialsworth",
)
SCHOOLS_ELSEWHERE = (
    ("Testbury Park Primary School", "Testbury"),
    ("Sampleford Church of England Primary School", "Sampleford"),
    ("St Example's Catholic Primary School", "Testbury"),
    ("Sampleford Community Primary School", "Sampleford"),
)
