"""The fictional demo caseload (``dslapp demo``) and the large benchmark dataset (``dslapp bench``).

Everyone and everything here is invented: the school (Fictionton Primary Academy), the towns
(Fictionton, Testbury, Sampleford, postcodes FT/TB/SF), the addresses, phone numbers (Ofcom's ranges
reserved for drama: 01632 960xxx and 07700 900xxx), NHS numbers (the 999 range reserved for test data)
and UPNs (prefixed ``DEMO``). Children and families have common given names and surnames from the
communities a school in England serves, written in their own scripts.

The showcase caseload is written the way a good DSL records: facts with times, places and who was
there; the child's own words; what was done straight away; and the reasons for every decision,
including decisions not to refer. A set of hand-written case stories carries what the app exists to
show (a cumulative neglect pattern with no referral, an Early Help plan that is not improving life for
the child, an escalation after a decision the DSL disagreed with, transfers in and out, a private
fostering arrangement, county lines); the rest of the caseload is assembled from varied templates.

Both builders are deterministic: every id, time and choice comes from one ``random.Random(seed)`` and
every date is relative to ``today``, so the same arguments always give the same records. ``today``
must not be in the future (the models refuse future events).
"""

from __future__ import annotations

import random
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import TypeVar

from dslapp.models import (
    Action,
    Category,
    Child,
    ChildStatus,
    ChronologyEntry,
    Concern,
    Designation,
    DslDecision,
    EarlyHelpPlan,
    EarlyHelpReview,
    Escalation,
    Goal,
    GoalProgress,
    Impact,
    Judgement,
    LearningNote,
    Person,
    Professional,
    Record,
    Referral,
    ReferralOutcome,
    ReferralStatus,
    ReviewDecision,
    Severity,
    SharingDecision,
    StatusChange,
    SupervisionNote,
    ThresholdDecision,
    Transfer,
    TransferDirection,
)
from dslapp.models.child import nhs_number_is_valid
from dslapp.models.early_help import PlanStatus
from dslapp.models.referral import ConsentState, DisagreementType, SentVia
from dslapp.models.supervision import FollowUp
from dslapp.store import RecordStore

T = TypeVar("T")
R = TypeVar("R", bound=Record)
Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class DemoSummary:
    """What a build wrote."""

    children: int
    records: int
    concerns: int

    def as_json(self) -> dict[str, int]:
        return {"children": self.children, "records": self.records, "concerns": self.concerns}


# ---- the fictional school and the people in it -----------------------------------------------------

SCHOOL = "Fictionton Primary Academy"
DSL = "Ms Demo Example"  # the DSL (the CLI's demo vault user has the same name)
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

_REPORTERS = {
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

_STREETS = (
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
_TOWNS = (("Fictionton", "FT"), ("Fictionton", "FT"), ("Testbury", "TB"), ("Sampleford", "SF"))
_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_GPS = ("Fictionton Health Centre", "Testbury Road Surgery", "Sampleford Medical Practice", "Example Lane Surgery")
_PRO_WOMEN = ("Priya", "Joanne", "Kerry", "Aisha", "Helen", "Nadia", "Bukola", "Rachel", "Siân", "Mei", "Zainab")
_PRO_MEN = ("Marcus", "Tom", "Gareth", "Ola", "Chris", "Ben", "Imran", "Declan", "Tomasz")
_PRO_SURNAMES = (
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
_SCHOOLS_ELSEWHERE = (
    ("Testbury Park Primary School", "Testbury"),
    ("Sampleford Church of England Primary School", "Sampleford"),
    ("St Example's Catholic Primary School", "Testbury"),
    ("Sampleford Community Primary School", "Sampleford"),
)


# ---- names: common given names and surnames, in their own scripts ----------------------------------


def _same(*names: str) -> tuple[tuple[str, str], ...]:
    return tuple((n, n) for n in names)


@dataclass(frozen=True)
class Culture:
    """Naming and background for one community. Surnames are (male form, female form)."""

    ethnicity: str
    language: str
    religions: tuple[str, ...]
    girls: tuple[str, ...]
    boys: tuple[str, ...]
    surnames: tuple[tuple[str, str], ...]
    women: tuple[str, ...]
    men: tuple[str, ...]
    family_name_first: bool = False
    mother_keeps_name: bool = False
    eal: bool = True
    weight: int = 1

    def surname(self, pair: tuple[str, str], female: bool) -> str:
        return pair[1] if female else pair[0]

    def full_name(self, given: str, surname: str) -> str:
        return f"{surname} {given}" if self.family_name_first else f"{given} {surname}"


ENGLISH = Culture(
    "White - British", "English", ("No religion", "Christian", "No religion"),
    ("Olivia", "Amelia", "Isla", "Freya", "Poppy", "Evie", "Grace", "Ruby", "Phoebe", "Ivy", "Millie", "Darcie"),
    ("Oliver", "Harry", "Jack", "Alfie", "Noah", "Charlie", "Leo", "Freddie", "Archie", "Theo", "Reggie", "Stanley"),
    _same(
        "Ashworth", "Pennington", "Holloway", "Marsh", "Fletcher", "Barlow", "Hedley", "Fenwick", "Thornton", "Garside",
        "Wilcox", "Pickering", "Broadbent", "Cotterill", "Ackroyd", "Haworth", "Sutcliffe", "Kershaw", "Lockwood",
        "Ormerod", "Greenhalgh", "Bramhall", "Hargreaves", "Whitworth", "Clegg", "Royle", "Tattersall", "Lomax",
        "Heywood", "Crowther", "Schofield",
    ),
    ("Claire", "Gemma", "Kelly", "Laura", "Stacey", "Rebecca", "Danielle", "Hayley", "Natalie", "Kirsty"),
    ("Craig", "Lee", "Darren", "Jamie", "Mark", "Ryan", "Stuart", "Dean", "Wayne", "Scott"),
    eal=False, weight=12,
)  # fmt: skip
POLISH = Culture(
    "White - Polish", "Polish", ("Roman Catholic",),
    ("Łucja", "Zofia", "Maja", "Zuzanna", "Hanna", "Julia", "Oliwia"),
    ("Jakub", "Szymon", "Antoni", "Filip", "Kacper", "Mikołaj"),
    (
        ("Wiśniewski", "Wiśniewska"), ("Kowalczyk", "Kowalczyk"), ("Nowak", "Nowak"), ("Wójcik", "Wójcik"),
        ("Kamiński", "Kamińska"), ("Zieliński", "Zielińska"), ("Szymański", "Szymańska"),
    ),
    ("Katarzyna", "Agnieszka", "Magdalena", "Joanna", "Małgorzata"),
    ("Tomasz", "Piotr", "Krzysztof", "Marcin", "Paweł"),
    weight=2,
)  # fmt: skip
VIETNAMESE = Culture(
    "Any other Asian background (Vietnamese)", "Vietnamese", ("Buddhist", "No religion"),
    ("Thị Hương", "Ngọc Anh", "Thu Trang", "Minh Châu", "Bảo Ngọc"),
    ("Minh Khoa", "Đức Anh", "Gia Bảo", "Quốc Huy", "Hoàng Nam"),
    _same("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"),
    ("Thị Lan", "Thị Mai", "Thu Hà", "Thị Hoa"),
    ("Văn Minh", "Văn Hùng", "Đức Thắng", "Văn Long"),
    family_name_first=True, mother_keeps_name=True,
)  # fmt: skip
TURKISH = Culture(
    "White - Turkish/Turkish Cypriot", "Turkish", ("Muslim", "No religion"),
    ("Çağla", "Elif", "Zeynep", "Ecrin", "Defne", "Eylül"),
    ("Emir", "Yusuf", "Aras", "Kerem", "Mert", "Eymen"),
    _same("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın"),
    ("Ayşe", "Fatma", "Emine", "Hülya", "Derya"),
    ("Mehmet", "Mustafa", "Hasan", "Murat", "Serkan"),
)  # fmt: skip
GREEK = Culture(
    "White - Greek/Greek Cypriot", "Greek", ("Greek Orthodox",),
    ("Ελένη", "Μαρία", "Σοφία", "Αναστασία"),
    ("Αλέξανδρος", "Γιώργος", "Νικόλαος", "Δημήτρης"),
    (
        ("Παπαδόπουλος", "Παπαδοπούλου"), ("Γεωργίου", "Γεωργίου"), ("Οικονόμου", "Οικονόμου"),
        ("Νικολάου", "Νικολάου"), ("Δημητρίου", "Δημητρίου"),
    ),
    ("Κατερίνα", "Δήμητρα", "Ελένη", "Βασιλική"),
    ("Κώστας", "Γιάννης", "Γιώργος", "Χρήστος"),
)  # fmt: skip
UKRAINIAN = Culture(
    "White - Other (Ukrainian)", "Ukrainian", ("Orthodox Christian", "Greek Catholic"),
    ("Олена", "Софія", "Дарина", "Анна", "Марія"),
    ("Андрій", "Максим", "Богдан", "Артем", "Матвій"),
    _same("Коваленко", "Шевчук", "Бондаренко", "Ткачук", "Мельник", "Кравченко"),
    ("Наталія", "Оксана", "Ірина", "Тетяна"),
    ("Олександр", "Сергій", "Іван", "Дмитро"),
)  # fmt: skip
ARABIC = Culture(
    "Any other ethnic group (Arab)", "Arabic", ("Muslim",),
    ("لين", "مريم", "جنى", "سارة", "هبة"),
    ("يوسف", "عمر", "آدم", "كريم", "زيد"),
    _same("حداد", "الخطيب", "العلي", "الحسن", "سليمان"),
    ("رنا", "هالة", "ريم", "سلمى"),
    ("عمر", "خالد", "سامر", "ماهر"),
    mother_keeps_name=True,
)  # fmt: skip
SOMALI = Culture(
    "Black - Somali", "Somali", ("Muslim",),
    ("Amira", "Hodan", "Ayaan", "Sagal", "Hibo", "Nasra"),
    ("Abdirahman", "Liban", "Guled", "Abdi", "Mustafe"),
    _same("Warsame", "Jama", "Hussein", "Osman", "Nur", "Egal"),
    ("Faadumo", "Hawa", "Khadra", "Sahra", "Ubah"),
    ("Abdullahi", "Hassan", "Osman", "Yusuf", "Ahmed"),
    mother_keeps_name=True,
)  # fmt: skip
PUNJABI = Culture(
    "Asian - Indian", "Punjabi", ("Sikh",),
    ("Simran", "Harleen", "Jasleen", "Gurleen", "Navneet"),
    ("Arjun", "Harjot", "Gurveer", "Jaskaran", "Ekam"),
    _same("Dhillon", "Sandhu", "Sidhu", "Grewal", "Bains"),
    ("Manpreet Kaur", "Rajinder Kaur", "Harpreet Kaur", "Kuldeep Kaur"),
    ("Balwinder Singh", "Gurpreet Singh", "Jaswinder Singh", "Sukhdev Singh"),
    weight=2,
)  # fmt: skip
ROMANIAN = Culture(
    "White - Romanian", "Romanian", ("Romanian Orthodox", "Pentecostal"),
    ("Ioana", "Andreea", "Bianca", "Daria", "Maria"),
    ("Ionuț", "Andrei", "Ștefan", "Matei", "Darius"),
    _same("Popescu", "Ionescu", "Dumitru", "Stan", "Munteanu", "Lungu"),
    ("Elena", "Mihaela", "Florentina", "Georgiana"),
    ("Marian", "Florin", "Costel", "Cătălin"),
    weight=2,
)  # fmt: skip
NIGERIAN = Culture(
    "Black - Nigerian", "English", ("Christian", "Christian", "Muslim"),
    ("Adaeze", "Chiamaka", "Tolulope", "Ifeoma", "Temitope"),
    ("Chinedu", "Tobi", "Emeka", "Damilare", "Kelechi"),
    _same("Okafor", "Adeyemi", "Eze", "Balogun", "Adebayo", "Nwosu"),
    ("Ngozi", "Funmilayo", "Chioma", "Blessing", "Yetunde"),
    ("Olumide", "Babatunde", "Ikenna", "Chukwuemeka", "Segun"),
    eal=False, weight=2,
)  # fmt: skip
IRISH_TRAVELLER = Culture(
    "White - Traveller of Irish heritage", "English", ("Roman Catholic",),
    ("Bridget", "Mary-Kate", "Kathleen", "Margaret", "Nora"),
    ("Patrick", "Michael", "John-Joe", "Martin", "Christy"),
    _same("McDonagh", "Ward", "Connors", "Joyce", "Maughan", "Doran"),
    ("Bridie", "Ellen", "Winnie", "Nell"),
    ("Paddy", "Tom", "Johnny", "Mick"),
    eal=False,
)  # fmt: skip
CULTURES = (
    ENGLISH, POLISH, VIETNAMESE, TURKISH, GREEK, UKRAINIAN, ARABIC, SOMALI,
    PUNJABI, ROMANIAN, NIGERIAN, IRISH_TRAVELLER,
)  # fmt: skip


# Surnames of the families in the hand-written stories: template children never reuse them, so two
# unrelated families in the demo never share a name.
_STORY_SURNAMES = frozenset(
    {
        "Ashworth", "Barton", "Draper", "Fenwick", "Fletcher", "Garside", "Hedley", "Holloway", "Marsh", "Okafor",
        "Warsame", "Jama", "Wiśniewski", "Wiśniewska", "Παπαδόπουλος", "Παπαδοπούλου", "Οικονόμου", "Popescu",
        "McDonagh", "Коваленко", "Шевчук", "حداد", "الخطيب", "Yılmaz", "Nguyễn", "Trần", "Dhillon", "Sandhu",
    }
)  # fmt: skip


def _surnames(culture: Culture) -> list[tuple[str, str]]:
    """The culture's surnames not used by a story family."""
    return [pair for pair in culture.surnames if not set(pair) & _STORY_SURNAMES] or list(culture.surnames)


# ---- small helpers ---------------------------------------------------------------------------------


def _on(day: date, hour: int, minute: int = 0) -> datetime:
    """A naive local wall-clock time on ``day`` (how the models hold event times)."""
    return datetime(day.year, day.month, day.day, hour, minute)


def _utc(moment: datetime) -> datetime:
    """``created_at`` for a record saved at ``moment`` (fixed offset, so builds match on any machine)."""
    return moment.replace(tzinfo=UTC)


def year_label(year: int) -> str:
    return "Reception" if year == 0 else f"Year {year}"


def term_label(day: date) -> str:
    """The school term ``day`` falls in, as an approximate period ("Autumn term 2025")."""
    if day.month >= 9:
        return f"Autumn term {day.year}"
    if day.month >= 4:
        return f"Summer term {day.year}"
    return f"Spring term {day.year}"


SCHOOL_DAYS_PER_YEAR = 190
# Approximate English school holidays as (month, day) ranges, inclusive; the demo avoids them.
_HOLIDAYS = (
    ((1, 1), (1, 3)),
    ((2, 16), (2, 20)),
    ((4, 1), (4, 12)),
    ((5, 26), (5, 29)),
    ((7, 23), (8, 31)),
    ((10, 26), (10, 30)),
    ((12, 20), (12, 31)),
)


def is_school_day(day: date) -> bool:
    if day.weekday() >= 5:
        return False
    key = (day.month, day.day)
    return not any(start <= key <= end for start, end in _HOLIDAYS)


def add_school_days(start: date, days: int) -> date:
    current = start
    while days > 0:
        current += timedelta(days=1)
        if is_school_day(current):
            days -= 1
    return current


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


# ---- the builder -----------------------------------------------------------------------------------


class _Demo:
    """Shared state of one build: the random source, ``today``, and what must stay unique."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.heroes: dict[str, uuid.UUID] = {}
        self.generic_made: dict[ChildStatus, int] = {}
        self._nhs: set[str] = set()
        self._names: set[tuple[str, str]] = set()
        self._pros: set[str] = set()
        self._refs: set[str] = set()
        self.surnames_used: set[str] = set()
        self._school_days: list[date] = []  # school days before today, most recent first

    # -- randomness --
    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def pick(self, options: Sequence[T]) -> T:
        return options[self.rng.randrange(len(options))]

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def minute(self) -> int:
        return self.rng.randrange(0, 60, 5)

    # -- dates, all relative to today --
    def ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def after(self, days: int) -> date:
        return self.today + timedelta(days=days)

    def school_day(self, days_ago: int) -> date:
        """A school day about ``days_ago`` calendar days before today, counted back in school days.

        Counting in school days (about 190 a year) keeps events that are weeks apart in term time
        weeks apart even when the span crosses a holiday, and never lands on a weekend or holiday.
        """
        count = max(1, round(days_ago * SCHOOL_DAYS_PER_YEAR / 365))
        while len(self._school_days) < count:
            day = (self._school_days[-1] if self._school_days else self.today) - timedelta(days=1)
            while not is_school_day(day):
                day -= timedelta(days=1)
            self._school_days.append(day)
        return self._school_days[count - 1]

    def calendar_school_day(self, days_ago: int) -> date:
        """The first school day on or after exactly ``days_ago`` calendar days ago, before today (else the
        last one before it): for events that must fall inside a calendar window, such as 90 days."""
        day = self.ago(max(1, days_ago))
        while not is_school_day(day) and day < self.ago(1):
            day += timedelta(days=1)
        while not is_school_day(day):
            day -= timedelta(days=1)
        return day

    def at(self, days_ago: int, hour: int, minute: int = 0) -> datetime:
        return _on(self.school_day(days_ago), hour, minute)

    @property
    def this_year(self) -> int:
        return self.today.year

    def academic_start(self) -> int:
        return self.today.year if self.today.month >= 9 else self.today.year - 1

    def dob_for_year(self, year: int) -> date:
        """A date of birth for a child in ``year`` (0 = Reception) of the current school year."""
        first = date(self.academic_start() - 5 - year, 9, 1)
        return first + timedelta(days=self.rng.randrange(365))

    def adult_dob(self, low: int = 24, high: int = 48) -> date:
        return self.ago(365 * self.rng.randint(low, high) + self.rng.randrange(365))

    # -- identifiers and contact details (all fictional) --
    def nhs_number(self) -> str:
        """A valid NHS number in the 999 range (reserved for test data)."""
        while True:
            digits = "999" + "".join(str(self.rng.randrange(10)) for _ in range(6))
            total = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1), strict=True))
            check = 11 - total % 11
            if check == 10:
                continue
            number = digits + str(0 if check == 11 else check)
            if number not in self._nhs and nhs_number_is_valid(number):
                self._nhs.add(number)
                return number

    def upn(self) -> str:
        return f"DEMO{self.rng.randrange(10**9):09d}"

    def address(self, town: str | None = None) -> str:
        name, area = self.pick([t for t in _TOWNS if town is None or t[0] == town])
        letters = "".join(self.pick(_POSTCODE_LETTERS) for _ in range(2))
        postcode = f"{area}{self.rng.randint(1, 4)} {self.rng.randint(1, 9)}{letters}"
        return f"{self.rng.randint(1, 120)} {self.pick(_STREETS)}, {name}, {postcode}"

    def phone(self) -> str:
        return f"07700 900{self.rng.randrange(1000):03d}"

    def landline(self) -> str:
        return f"01632 960{self.rng.randrange(1000):03d}"

    def reference(self, kind: str = "MASH") -> str:
        while True:
            ref = f"DEMO-{kind}-{self.rng.randrange(1000, 10000)}"
            if ref not in self._refs:
                self._refs.add(ref)
                return ref

    def professional_name(self) -> str:
        """A unique, clearly fictional name for a professional from another agency."""
        attempts = 0
        while True:
            woman = self.chance(0.6)
            first = self.pick(_PRO_WOMEN if woman else _PRO_MEN)
            # a large caseload exhausts the name pools: then add a middle initial to keep names unique
            middle = f" {chr(ord('A') + self.rng.randrange(26))}." if attempts > 50 else ""
            name = f"{'Ms' if woman else 'Mr'} {first}{middle} {self.pick(_PRO_SURNAMES)}"
            attempts += 1
            if name not in self._pros:
                self._pros.add(name)
                return name

    def claim(self, forename: str, surname: str) -> bool:
        """Reserve a child's name; False if another child already has it."""
        if (forename, surname) in self._names:
            return False
        self._names.add((forename, surname))
        self.surnames_used.add(surname)
        return True

    def goal(self, what: str, who: str, by_when: date, how: str, baseline: int) -> Goal:
        return Goal(
            goal_id=self.uuid(),
            what_will_change=what,
            who_does_what=who,
            by_when=by_when,
            how_we_will_know=how,
            baseline=baseline,
        )

    # -- children --
    def new_child(
        self,
        culture: Culture,
        *,
        forename: str,
        surname: str,
        girl: bool,
        year: int,
        opened: date,
        known_as: str = "",
        designations: Sequence[Designation] = (),
        disability: str = "",
        religion: str | None = None,
        address: str | None = None,
        interpreter: bool = False,
    ) -> _Case:
        self.claim(forename, surname)
        child = Child(
            id=self.uuid(),
            created_at=_utc(_on(opened, 9)),
            created_by=DSL,
            legal_forename=forename,
            legal_surname=surname,
            known_as=known_as,
            dob=self.dob_for_year(year),
            gender="Female" if girl else "Male",
            ethnicity=culture.ethnicity,
            first_language=culture.language,
            interpreter_needed=interpreter,
            religion=religion if religion is not None else self.pick(culture.religions),
            disability=disability,
            upn=self.upn(),
            nhs_number=self.nhs_number(),
            address=address or self.address(),
            year_group=year_label(year),
            school=SCHOOL,
            gp=self.pick(_GPS),
            designations=list(designations),
        )
        return _Case(self, child, year, opened)


class _Case:
    """One child's CP file while it is built: the child and their records, in the order made."""

    def __init__(self, demo: _Demo, child: Child, year: int, opened: date) -> None:
        self.d = demo
        self.child = child
        self.year = year
        self.opened = opened
        self.records: list[Record] = []
        self.status = ChildStatus.UNIVERSAL
        self.status_since: date | None = None
        self.received_from = ""
        girl = child.gender == "Female"
        self.ctx: dict[str, str] = {
            "name": child.known_as or child.legal_forename,
            "sub": "she" if girl else "he",
            "Sub": "She" if girl else "He",
            "obj": "her" if girl else "him",
            "pos": "her" if girl else "his",
            "Pos": "Her" if girl else "His",
            "year": year_label(year),
            "age": str(child.age_on(demo.today)),
            "mum": "mum",
            "Mum": "Mum",
            "carer": "Mum",
            "adult": "",
        }

    @property
    def name(self) -> str:
        return self.ctx["name"]

    @property
    def teacher(self) -> Staff:
        return CLASS_TEACHERS[self.year]

    def teacher_on(self, day: date | datetime) -> Staff:
        """The child's class teacher on ``day`` (an earlier school year had a different teacher)."""
        start = day.year if day.month >= 9 else day.year - 1
        return CLASS_TEACHERS[max(0, self.year - (self.d.academic_start() - start))]

    def fill(self, text: str, on: date | None = None) -> str:
        """``text`` with the child's name, pronouns and carer filled in (and their age on ``on``)."""
        if not text:
            return ""
        values = dict(self.ctx)
        if on is not None:
            values["age"] = str(self.child.age_on(on))
        return text.format_map(values)

    def add(self, record: R) -> R:
        self.records.append(record)
        return record

    def main_carer(self, word: str, full_name: str, *, proper_name: bool = False) -> None:
        """Who the child lives with, as the templates speak of them: "Mum", "Dad" or a carer's name."""
        title = word[0].upper() + word[1:]
        self.ctx.update(mum=word if proper_name else word.lower(), Mum=title, carer=f"{title} ({full_name})")

    # -- the front sheet --
    def person(
        self,
        name: str,
        relationship: str,
        *,
        pr: bool = False,
        lives: bool = False,
        dob: date | None = None,
        phone: str = "",
        address: str = "",
        notes: str = "",
    ) -> Person:
        return self.add(
            Person(
                id=self.d.uuid(),
                created_at=_utc(_on(self.opened, 9, 10)),
                created_by=DSL,
                child_id=self.child.id,
                name=name,
                relationship=relationship,
                parental_responsibility=pr,
                lives_with_child=lives,
                dob=dob,
                phone=phone,
                address=address or (self.child.address if lives else ""),
                notes=notes,
            )
        )

    def professional(self, name: str, role: str, agency: str, *, key: bool = False, since: date | None = None) -> str:
        email = name.split(" ", 1)[-1].lower().replace(" ", ".") + "@" + agency.lower().replace("'", "")
        email = email.replace(" ", "-").replace("–", "-") + ".example.org"
        email = unicodedata.normalize("NFKD", email).encode("ascii", "ignore").decode()
        self.add(
            Professional(
                id=self.d.uuid(),
                created_at=_utc(_on(since or self.opened, 9, 20)),
                created_by=DSL,
                child_id=self.child.id,
                name=name,
                role=role,
                agency=agency,
                phone=self.d.landline(),
                email=email,
                key_contact=key,
            )
        )
        return name

    def set_status(self, on: date, to: ChildStatus, reason: str, *, by: str = DSL) -> StatusChange:
        change = self.add(
            StatusChange(
                id=self.d.uuid(),
                created_at=_utc(_on(on, 16, 30)),
                created_by=by,
                child_id=self.child.id,
                changed_on=on,
                from_status=self.status,
                to_status=to,
                reason=reason,
            )
        )
        self.status, self.status_since = to, on
        return change

    # -- what happened --
    def concern(
        self,
        when: datetime,
        reporter: Staff,
        categories: Sequence[Category],
        what: str,
        *,
        words: str = "",
        body_map: str = "",
        action: str = "",
        decision: DslDecision = DslDecision.MONITOR,
        reasons: str = "",
        outcome: str = "",
        severity: Severity = Severity.MEDIUM,
        significant: bool = False,
        by: str = DSL,
        recorded_after: int = 25,
    ) -> Concern:
        recorded = when + timedelta(minutes=recorded_after)
        day = when.date()
        return self.add(
            Concern(
                id=self.d.uuid(),
                created_at=_utc(recorded),
                created_by=by,
                child_id=self.child.id,
                observed_at=when,
                recorded_at=recorded,
                reporter_name=reporter.name,
                reporter_role=reporter.role,
                categories=list(categories),
                severity=severity,
                what_happened=self.fill(what, day),
                child_words=self.fill(words, day),
                body_map_notes=self.fill(body_map, day),
                immediate_action=self.fill(action, day),
                dsl_decision=decision,
                decision_reasons=self.fill(reasons, day),
                outcome=self.fill(outcome, day),
                significant=significant,
            )
        )

    def action(
        self,
        what: str,
        owner: str,
        due: date,
        *,
        raised: date,
        done_on: date | None = None,
        source: Record | None = None,
        by: str = DSL,
    ) -> Action:
        return self.add(
            Action(
                id=self.d.uuid(),
                created_at=_utc(_on(raised, 16, 45)),
                created_by=by,
                child_id=self.child.id,
                what=self.fill(what),
                owner=owner,
                due=due,
                done_on=done_on,
                source_id=str(source.id) if source is not None else "",
            )
        )

    def entry(
        self,
        event: str,
        *,
        source: str,
        impact: str,
        kind: Impact,
        action: str,
        on: date | None = None,
        period: str = "",
        category: Category | None = None,
        recorded_on: date | None = None,
        by: str = DSL,
    ) -> ChronologyEntry:
        """A manual chronology entry: an event from another agency, or from before the child joined."""
        recorded = recorded_on or on or self.opened
        return self.add(
            ChronologyEntry(
                id=self.d.uuid(),
                created_at=_utc(_on(recorded, 17)),
                created_by=by,
                child_id=self.child.id,
                on=on,
                period=period,
                event=self.fill(event),
                source=source,
                category=category,
                impact=self.fill(impact),
                impact_kind=kind,
                action_taken=self.fill(action),
                recorded_by=by,
            )
        )

    def curate(self, record: Concern, event: str, *, source: str, impact: str, kind: Impact, action: str) -> None:
        """The DSL's own succinct chronology wording for a significant record, saying its impact on the child.

        The chronology shows this entry in place of the row it would build from ``record`` (see
        ``services.chronology``): event, source, impact and action in a few lines.
        """
        day = record.occurred_on()
        self.add(
            ChronologyEntry(
                id=self.d.uuid(),
                created_at=_utc(_on(day, 17, 30)),
                created_by=DSL,
                child_id=self.child.id,
                on=day,
                event=self.fill(event, day),
                source=source,
                category=record.categories[0],
                impact=self.fill(impact, day),
                impact_kind=kind,
                action_taken=self.fill(action, day),
                recorded_by=DSL,
                source_record_id=str(record.id),
            )
        )

    def threshold(
        self,
        on: date,
        level: int,
        evidence: dict[str, list[str]],
        reasoning: str,
        *,
        consulted: str = "",
        concerns: Sequence[Concern] = (),
        by: str = DSL,
    ) -> ThresholdDecision:
        return self.add(
            ThresholdDecision(
                id=self.d.uuid(),
                created_at=_utc(_on(on, 15, 30)),
                created_by=by,
                child_id=self.child.id,
                decided_on=on,
                level=level,
                evidence={domain: [self.fill(e, on) for e in items] for domain, items in evidence.items()},
                reasoning=self.fill(reasoning, on),
                consulted=consulted,
                concern_ids=[c.id for c in concerns],
                decided_by=by,
            )
        )

    # -- Early Help --
    def plan(
        self,
        started_on: date,
        *,
        lead: str,
        family_view: str,
        child_view: str,
        worries: str,
        working_well: str,
        goals: Sequence[Goal],
        taf: Sequence[str],
        next_review: date | None,
        closed_on: date | None = None,
        closing_summary: str = "",
        by: str = FSW.name,
    ) -> EarlyHelpPlan:
        return self.add(
            EarlyHelpPlan(
                id=self.d.uuid(),
                created_at=_utc(_on(started_on, 16)),
                created_by=by,
                child_id=self.child.id,
                started_on=started_on,
                lead_practitioner=lead,
                family_view=self.fill(family_view),
                child_view=self.fill(child_view),
                worries=self.fill(worries),
                working_well=self.fill(working_well),
                goals=list(goals),
                taf_members=list(taf),
                next_review=None if closed_on else next_review,
                status=PlanStatus.CLOSED if closed_on else PlanStatus.OPEN,
                closed_on=closed_on,
                closing_summary=self.fill(closing_summary),
            )
        )

    def review(
        self,
        plan: EarlyHelpPlan,
        held_on: date,
        *,
        attendees: Sequence[str],
        life_improved: str,
        child_voice: str,
        progress: Sequence[tuple[int, str]],
        overall: Judgement,
        decision: ReviewDecision,
        reasons: str,
        next_review: date | None,
        by: str = FSW.name,
    ) -> EarlyHelpReview:
        scores = [
            GoalProgress(goal_id=goal.goal_id, score=score, evidence=self.fill(evidence))
            for goal, (score, evidence) in zip(plan.goals, progress, strict=False)
        ]
        return self.add(
            EarlyHelpReview(
                id=self.d.uuid(),
                created_at=_utc(_on(held_on, 17)),
                created_by=by,
                child_id=self.child.id,
                plan_id=plan.id,
                held_on=held_on,
                attendees=list(attendees),
                life_improved=self.fill(life_improved, held_on),
                child_voice=self.fill(child_voice, held_on),
                goal_progress=scores,
                overall=overall,
                decision=decision,
                decision_reasons=self.fill(reasons, held_on),
                next_review=next_review,
            )
        )

    # -- referrals, escalations, information sharing, transfers --
    def referral(
        self,
        started_on: date,
        *,
        form: dict[str, str],
        status: ReferralStatus,
        aware: bool | None,
        agreed: bool | None = None,
        not_told: str = "",
        via: SentVia | None = SentVia.ONLINE_FORM,
        sent_on: date | None = None,
        acknowledged_on: date | None = None,
        outcome: ReferralOutcome | None = None,
        outcome_on: date | None = None,
        notes: str = "",
        chase_on: date | None = None,
        request_type: str = "MASH enquiry",
        by: str = DSL,
    ) -> Referral:
        sent = sent_on if sent_on is not None else (None if status == ReferralStatus.DRAFT else started_on)
        return self.add(
            Referral(
                id=self.d.uuid(),
                created_at=_utc(_on(started_on, 11, 30)),
                created_by=by,
                child_id=self.child.id,
                started_on=started_on,
                request_type=request_type,
                form={key: self.fill(text, started_on) for key, text in form.items()},
                parents_aware=aware,
                parents_agreed=agreed,
                consent_not_sought_reason=self.fill(not_told, started_on),
                status=status,
                sent_on=sent,
                sent_via=via if sent is not None else None,
                reference=self.d.reference() if sent is not None else "",
                acknowledged_on=acknowledged_on,
                outcome=outcome,
                outcome_on=outcome_on,
                outcome_notes=self.fill(notes),
                chase_on=chase_on,
            )
        )

    def escalation(
        self,
        raised_on: date,
        *,
        stage: int,
        disagreement: DisagreementType,
        with_whom: str,
        summary: str,
        respond_by: date,
        outcome: str = "",
        resolved_on: date | None = None,
        referral: Referral | None = None,
    ) -> Escalation:
        return self.add(
            Escalation(
                id=self.d.uuid(),
                created_at=_utc(_on(raised_on, 14)),
                created_by=DSL,
                child_id=self.child.id,
                raised_on=raised_on,
                disagreement=disagreement,
                stage=stage,
                with_whom=with_whom,
                summary=self.fill(summary),
                respond_by=respond_by,
                outcome=self.fill(outcome),
                resolved_on=resolved_on,
                referral_id=str(referral.id) if referral is not None else "",
            )
        )

    def sharing(
        self,
        on: date,
        *,
        what: str,
        with_whom: str,
        reasons: str,
        shared: bool,
        consent: ConsentState,
        basis: str = LAWFUL_BASIS,
    ) -> SharingDecision:
        return self.add(
            SharingDecision(
                id=self.d.uuid(),
                created_at=_utc(_on(on, 13)),
                created_by=DSL,
                child_id=self.child.id,
                decided_on=on,
                what=self.fill(what),
                with_whom=with_whom,
                lawful_basis=basis,
                consent=consent,
                reasons=self.fill(reasons),
                shared=shared,
            )
        )

    def transfer(
        self,
        direction: TransferDirection,
        other_school: str,
        *,
        other_dsl: str,
        method: str,
        sent_on: date | None,
        received_on: date | None = None,
        receipt_by: str = "",
        notes: str = "",
    ) -> Transfer:
        made = sent_on if direction == TransferDirection.OUTGOING else received_on
        assert made is not None
        return self.add(
            Transfer(
                id=self.d.uuid(),
                created_at=_utc(_on(made, 15, 30)),
                created_by=DSL,
                child_id=self.child.id,
                direction=direction,
                other_school=other_school,
                other_dsl=other_dsl,
                sent_on=sent_on,
                method=method,
                received_on=received_on,
                receipt_by=receipt_by,
                receipt_code=self.d.reference("RCPT") if received_on else "",
                notes=self.fill(notes),
            )
        )

    def finish(self) -> list[Record]:
        """The child (with current status) followed by their records."""
        first = min([_utc(_on(self.opened, 9)), *(r.created_at for r in self.records)])
        child = self.child.model_copy(
            update={
                "status": self.status,
                "status_since": self.status_since,
                "received_from": self.received_from,
                "created_at": first,
            }
        )
        return [child, *self.records]


# ---- the case stories --------------------------------------------------------------------------------
# Each builds one child's file. Days are counted back from today; school_day() moves weekend dates to
# the Friday before. Every story is fictional.


def _amira(d: _Demo) -> _Case:
    """Early Help that is working: neglect linked to mum's low mood after a new baby."""
    c = d.new_child(
        SOMALI,
        forename="Amira",
        surname="Warsame",
        girl=True,
        year=2,
        opened=d.school_day(150),
        designations=(Designation.FSM, Designation.PUPIL_PREMIUM, Designation.EAL),
        religion="Muslim",
    )
    c.main_carer("Mum", "Faadumo Jama")
    c.person(
        "Faadumo Jama",
        "Mother",
        pr=True,
        lives=True,
        dob=d.adult_dob(28, 36),
        phone=d.phone(),
        notes="Speaks Somali and English. Prefers phone calls after 10:00 (baby's feeds).",
    )
    c.person(
        "Abdullahi Warsame",
        "Father",
        pr=True,
        dob=d.adult_dob(32, 40),
        phone=d.phone(),
        address=d.address("Testbury"),
        notes="Works in Testbury and stays there in the week; home at weekends. Phones the children every evening.",
    )
    c.person(
        "Liban Warsame",
        "Brother",
        lives=True,
        dob=c.child.dob - timedelta(days=1100),
        notes=f"Year 5 at {SCHOOL}. Walks Amira to school.",
    )
    c.person("Sagal Warsame", "Sister", lives=True, dob=d.ago(300), notes="Baby.")
    hv = c.professional("Ms Zainab Proofield", "Health visitor", HEALTH, since=d.school_day(128))

    first = c.concern(
        d.at(150, 8, 55),
        BREAKFAST,
        [Category.NEGLECT],
        "At 08:55 in breakfast club Amira ate two bowls of cereal and asked Ms Modelle for the toast another child had "
        "left. Her hair was not brushed and her cardigan had the same food stains as on Friday.",
        words="I didn't have tea. Hooyo was busy with Sagal and she fell asleep. (Hooyo: mum, in Somali.)",
        action="Breakfast given. Ms Modelle told the DSL at 09:10. DSL spoke to mum at pick-up: she said the baby is "
        "not sleeping, she is exhausted and dad works away in the week. She asked if Amira could come to breakfast "
        "club every day.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="First concern about Amira. Mum was open about what is happening at home and asked for help. Free "
        "breakfast club place from tomorrow and a free school meals check. Any further concern will be read "
        "alongside this one, not on its own.",
        severity=Severity.LOW,
    )
    c.action(
        "Check free school meals eligibility with mum and submit the application",
        DSL,
        d.school_day(146),
        raised=d.school_day(150),
        done_on=d.school_day(147),
        source=first,
    )
    second = c.concern(
        d.at(136, 13, 20),
        c.teacher_on(d.school_day(136)),
        [Category.NEGLECT],
        "At 13:20 Amira had no PE kit for the fourth week running; her school shoes have split along the sole and her "
        "socks were wet. At 14:40 she fell asleep on the carpet during story time and was hard to wake.",
        words="Sagal cries all night and I hold her when hooyo is in the shower. I'm tired.",
        action="Spare kit and socks given from the uniform cupboard. DSL phoned mum at 15:30: she said she has felt "
        "low "
        "since Sagal was born and has not told her GP. She agreed to the DSL speaking to the health visitor.",
        decision=DslDecision.EARLY_HELP,
        reasons="Second concern in two weeks about Amira's basic care, now with Amira helping to care for the baby at "
        "night and mum describing low mood. Mum consented to an Early Help assessment. A MASH enquiry was considered: "
        "not made at this point because mum recognises the difficulties, is asking for help and Amira is not at "
        "immediate risk. The plan will be reviewed within 6 weeks and stepped up if Amira's daily care does not "
        "improve.",
        outcome="Early Help assessment started by the family support worker.",
        significant=True,
    )
    c.sharing(
        d.school_day(135),
        what="School's concerns about Amira's care and mum's description of her low mood",
        with_whom=f"{hv} (health visitor)",
        consent=ConsentState.GIVEN,
        shared=True,
        reasons="Mum agreed. The health visitor is seeing the baby and can assess mum's mood; sharing means the "
        "family gets one joined-up offer of help rather than two.",
    )
    c.threshold(
        d.school_day(133),
        3,
        {
            "child_development": [
                "Hungry on arrival on several days",
                "Falling asleep in class",
                "Helping to care for a baby at night",
            ],
            "parenting_capacity": [
                "Basic care (meals, clean clothes, PE kit) not consistently met",
                "Mum reports low mood since the baby's birth",
                "Mum engaged and asking for help",
            ],
            "family_environment": ["Father works away in the week", "No wider family nearby", "Low income"],
        },
        "Needs across all three domains that need more than one agency (school, health visitor, Family Hub): Level 3, "
        "Targeted Early Help with a Team Around the Family. Not Level 4: mum recognises the difficulties, accepts "
        "help, and there is no indication of harm beyond needs that support can meet.",
        consulted=f"{CONSULTATION_LINE} (advice: Targeted Early Help)",
        concerns=[first, second],
    )
    c.set_status(
        d.school_day(128), ChildStatus.EARLY_HELP, "Early Help assessment completed; TAF plan agreed with mum."
    )
    started = d.school_day(128)
    goals = [
        d.goal(
            "Amira arrives at school having had breakfast at least 4 days out of 5",
            "Mum to set out breakfast the night before; breakfast club place as back-up (Ms Modelle)",
            started + timedelta(weeks=6),
            "Breakfast club register and Amira's own thumbs-up chart",
            3,
        ),
        d.goal(
            "Amira has clean uniform and PE kit every day",
            "Family support worker to help mum apply for the uniform grant and get the washing machine repaired "
            "through the Family Hub",
            started + timedelta(weeks=8),
            "Class teacher's weekly check",
            4,
        ),
        d.goal(
            "Mum's mood is assessed and she has support for herself",
            "Health visitor to complete a maternal mood assessment; mum to see her GP",
            started + timedelta(weeks=4),
            "Mum's own rating of her mood (0–10) at each review",
            3,
        ),
        d.goal(
            "Amira sleeps through and does not care for Sagal at night",
            "Health visitor: sleep advice for Sagal; dad to come home on Wednesday nights",
            started + timedelta(weeks=8),
            "Amira's sleep diary with the ELSA",
            2,
        ),
    ]
    taf = [
        "Faadumo Jama (mum)",
        "Abdullahi Warsame (dad)",
        FSW.label,
        c.teacher_on(started).label,
        f"{hv} (health visitor)",
        f"{DSL} (DSL)",
    ]
    plan = c.plan(
        started,
        lead=FSW.label,
        family_view="Mum (Faadumo): “I love my children but since Sagal came I am so tired I cannot do everything. I "
        "want help with the mornings and I want to feel like myself again.” Dad said he will come home on Wednesday "
        "nights to help.",
        child_view="I want hooyo to be happy. I like breakfast club. I don't like it when Sagal cries in the night "
        "because I can't sleep.",
        worries="Amira often arrives hungry and tired, without clean clothes or PE kit. She helps to look after her "
        "baby "
        "sister at night. Mum has had low mood since Sagal's birth and has little support nearby.",
        working_well="Mum is open with school and asked for help. Amira is loved and talks warmly about her family. "
        "Liban (Year 5) walks her to school. Dad phones every evening and wants to help.",
        goals=goals,
        taf=taf,
        next_review=d.after(4),
    )
    first_review = d.school_day(80)
    c.review(
        plan,
        first_review,
        attendees=taf[:5],
        life_improved="Amira now arrives with breakfast most days and told us “I like doing reading with mum”. She is "
        "awake and joining in at carpet time: her class teacher has not seen her fall asleep since the plan started.",
        child_voice="Hooyo makes my breakfast now and sometimes pancakes. Sagal still cries but not as much.",
        progress=[
            (7, "Breakfast at home on 4 of 5 days most weeks"),
            (6, "Uniform grant paid; washing machine not yet repaired"),
            (5, "Mum has seen her GP"),
            (5, "Dad home on Wednesdays"),
        ],
        overall=Judgement.IMPROVED,
        decision=ReviewDecision.CONTINUE,
        reasons="Good progress on breakfast and sleep; uniform still inconsistent until the washing machine is "
        "repaired. "
        "Keep the plan and focus on goal 2.",
        next_review=d.school_day(30),
    )
    c.review(
        plan,
        d.school_day(30),
        attendees=taf,
        life_improved="Amira's attendance this half term is 98% and she has had breakfast at home on each day we asked "
        "her. She has her own bed again because Sagal now sleeps in mum's room. Mum says she feels “more like me” "
        "since "
        "starting treatment from her GP.",
        child_voice="I'm not tired any more. I got a sticker for reading every night.",
        progress=[
            (9, "Breakfast at home every day asked"),
            (8, "Clean uniform and kit every day this month"),
            (7, "Mum rates her mood 7/10"),
            (8, "Amira's sleep diary: sleeping through"),
        ],
        overall=Judgement.IMPROVED,
        decision=ReviewDecision.CONTINUE,
        reasons="Nearly all goals met. Review again in 4 weeks with a view to stepping down to universal support if "
        "progress holds.",
        next_review=d.after(4),
    )
    c.entry(
        "Family lived in temporary accommodation (one room in a hostel) for about seven months after moving to "
        "Fictionton from Testbury.",
        period=f"{d.this_year - 3}",
        source="Mum (Faadumo Jama), at the Early Help assessment",
        impact="Mum said Amira slept badly and missed nursery sessions during this time.",
        kind=Impact.NEGATIVE,
        action="Rehoused by Fictionton Council in a two-bedroom flat (mum's account).",
        recorded_on=started,
    )
    c.entry(
        "Health visitor completed a maternal mood assessment at home: mum reported low mood since Sagal's birth; GP "
        "appointment made the same week.",
        on=d.school_day(120),
        source=f"{hv}, health visitor ({HEALTH})",
        impact="Mum started treatment; she told the TAF she has more energy for the mornings.",
        kind=Impact.POSITIVE,
        action="Health visitor visiting fortnightly; shared with the TAF with mum's consent.",
    )
    c.action(
        "Arrange a daily breakfast club place for Amira",
        BREAKFAST.name,
        d.school_day(149),
        raised=d.school_day(150),
        done_on=d.school_day(149),
        source=first,
    )
    c.action(
        "Refer mum to the Family Hub 'Bumps to Babies' group",
        FSW.name,
        d.school_day(115),
        raised=started,
        done_on=d.school_day(118),
    )
    c.action(
        "Ask Amira for her views before the next TAF review (ELSA session)",
        ELSA.name,
        d.after(2),
        raised=d.school_day(3),
    )
    c.curate(
        second,
        "Fell asleep in class; no PE kit for four weeks; split shoes. Amira said she holds her baby sister at night.",
        source=f"{c.teacher_on(second.observed_at).label}; Amira",
        impact="Amira is tired, missing learning and caring for a baby at night.",
        kind=Impact.NEGATIVE,
        action="Mum told the DSL about her low mood; Early Help assessment agreed; health visitor told with consent.",
    )
    return c


def _lucja(d: _Demo) -> _Case:
    """Child protection plan after a disclosure of domestic abuse; parents not told before the MASH call."""
    c = d.new_child(
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
    c.person("Katarzyna Wiśniewska", "Mother", pr=True, lives=True, dob=d.adult_dob(30, 38), phone=d.phone())
    c.person(
        "Tomasz Wiśniewski",
        "Father",
        pr=True,
        dob=d.adult_dob(33, 42),
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
            "referrer_view": "Level 4: risk of significant harm from domestic abuse, and of abduction.",
            "hoped_for": "A strategy discussion today and a plan to keep Łucja, Jakub and their mother safe.",
        },
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


def _alexandros(d: _Demo) -> _Case:
    """Child in need: a young carer with autism whose mum has bipolar disorder."""
    c = d.new_child(
        GREEK,
        forename="Αλέξανδρος",
        surname="Παπαδόπουλος",
        girl=False,
        year=5,
        opened=d.school_day(210),
        designations=(Designation.SEND, Designation.EHCP, Designation.YOUNG_CARER, Designation.EAL),
        disability=f"Autism (diagnosed Spring {d.this_year - 4}); EHCP",
        religion="Greek Orthodox",
    )
    c.main_carer("Mum", "Ελένη Παπαδοπούλου")
    c.person(
        "Ελένη Παπαδοπούλου",
        "Mother",
        pr=True,
        lives=True,
        dob=d.adult_dob(34, 42),
        phone=d.phone(),
        notes="Has bipolar disorder; under the community mental health team. Prefers Greek for complex meetings.",
    )
    c.person(
        "Γιώργος Παπαδόπουλος",
        "Father",
        pr=True,
        lives=True,
        dob=d.adult_dob(36, 45),
        phone=d.phone(),
        notes="Long-distance lorry driver: away three or four nights a week.",
    )
    c.person("Μαρία Παπαδοπούλου", "Sister", lives=True, dob=d.dob_for_year(1), notes=f"Year 1 at {SCHOOL}.")
    c.person(
        "Βασιλική Οικονόμου",
        "Maternal grandmother",
        dob=d.adult_dob(62, 70),
        phone=d.phone(),
        address=d.address("Sampleford"),
        notes="Emergency contact; can collect both children.",
    )
    sw = c.professional(
        "Mr Marcus Draftsham", "Social worker (children in need)", CSC, key=True, since=d.school_day(146)
    )
    c.professional("Ms Nadia Demoford", "Young carers worker", "Fictionton Young Carers", since=d.school_day(200))
    c.professional(
        "Mr Chris Modelham",
        "Care coordinator (mum's)",
        "Fictionton Community Mental Health Team",
        since=d.school_day(146),
    )

    c.entry(
        "Autism diagnosis (Fictionton Child Development Centre).",
        period=f"Spring {d.this_year - 4}",
        source="Mum; CDC report in the SEN file",
        impact="Alex's needs understood and planned for; EHCP issued the following year.",
        kind=Impact.POSITIVE,
        action="EHCP in place (see SEN file).",
    )
    c.concern(
        d.at(210, 9, 15),
        TA,
        [Category.OTHER],
        "At 09:15 Αλέξανδρος (Alex) was distressed on arrival: rocking, hands over his ears, and would not take his "
        "coat off. When calm, he told Mrs Proofe he had got Maria ready for school and made her breakfast because mum "
        "was “poorly in bed again”. Dad was away working.",
        words="I did Maria's hair and her cereal. Mum stayed in bed. I didn't have time to do my teeth.",
        action="Sensory break and breakfast. DSL phoned mum at 10:00: she was tearful, had not slept for three nights "
        "and was waiting for a call back from her mental health team. With her agreement the DSL phoned dad, who came "
        "home that afternoon.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="Alex is caring for his sister when mum is unwell and dad is away. Both parents agreed to a young "
        "carers "
        "referral and extra support in school (soft start, breakfast). Not a MASH enquiry today: dad came home and "
        "mum's mental health team was already involved.",
        outcome="Young carers referral made with the parents' consent.",
        significant=True,
    )
    c.sharing(
        d.school_day(205),
        what="Alex's caring role at home and how best to communicate with him (autism, EHCP)",
        with_whom="Fictionton Young Carers",
        consent=ConsentState.GIVEN,
        shared=True,
        reasons="The parents agreed to the referral. Shared what the service needs to assess Alex's caring role, and "
        "his communication needs (visual timetable, advance notice of visits).",
    )
    crisis = c.concern(
        d.at(150, 8, 40),
        OFFICE,
        [Category.NEGLECT],
        "At 08:40 a neighbour brought Alex and Maria to school. She said mum had been taken to hospital by ambulance "
        "in the night and dad was driving back from Scotland. Alex had not slept or eaten.",
        words="Mum was shouting at people who weren't there. I called 999 because dad said to if it happens.",
        action="Both children given breakfast and a quiet room with their key adults. DSL phoned dad (arriving about "
        "14:00) and the grandmother, who collected both children at 15:15 with dad's agreement.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="Mum acutely unwell and in hospital; Alex, who has autism, is taking on caring responsibilities well "
        "beyond his age, including calling emergency services, and dad works away several nights a week. Needs go "
        "beyond what Early Help can meet: MASH enquiry for a child in need assessment, with dad's agreement.",
        severity=Severity.HIGH,
        significant=True,
    )
    c.referral(
        d.school_day(150),
        status=ReferralStatus.OUTCOME,
        aware=True,
        agreed=True,
        acknowledged_on=d.school_day(148),
        outcome=ReferralOutcome.SINGLE_ASSESSMENT,
        outcome_on=d.school_day(146),
        notes=f"Allocated to {sw} for a child and family assessment (Alex and Maria). Outcome: children in need (s17), "
        "CIN plan with young carers support and a contingency plan for when mum is unwell.",
        form={
            "type_of_request": "Request for a child in need assessment",
            "the_concern": "Mum admitted to hospital overnight (mental health crisis). Alex (Year 5, autistic) called "
            "999 and has been caring for his sister when mum is unwell and dad is away.",
            "child_words": "“Mum was shouting at people who weren't there. I called 999 because dad said to if it "
            "happens.”",
            "parents_views": "Dad agrees and wants help to plan for the nights he is away.",
            "referrer_view": "Level 4: a child in need of support because of his caring role and his own needs.",
        },
    )
    c.threshold(
        d.school_day(150),
        4,
        {
            "child_development": ["Autism with an EHCP", "Significant caring role for his age", "Tired and distressed"],
            "parenting_capacity": ["Mum's mental health crisis; in hospital", "Dad away several nights a week"],
            "family_environment": ["Grandmother nearby and willing to help", "No plan for when mum is unwell"],
        },
        "Alex's needs (autism, caring role) and the family's circumstances need a coordinated, statutory plan: Level "
        "4, "
        "child in need. Not child protection: both parents are protective and the risk comes from illness, not harm.",
        consulted=CONSULTATION_LINE,
        concerns=[crisis],
    )
    c.set_status(
        d.school_day(110),
        ChildStatus.CIN,
        "Child and family assessment completed: Alex and Maria are children in need (s17); CIN plan agreed.",
    )
    c.entry(
        "CIN review meeting: plan continued. Mum discharged and under the home treatment team; young carers assessment "
        "completed and Alex now goes to young carers club on Tuesdays.",
        on=d.school_day(100),
        source=f"Children's social care ({sw})",
        impact="Alex told his TA: “I like young carers club because nobody asks me why I'm tired.”",
        kind=Impact.POSITIVE,
        action="School to share attendance and wellbeing notes before each CIN meeting.",
    )
    c.concern(
        d.at(25, 14, 0),
        c.teacher_on(d.school_day(25)),
        [Category.MENTAL_HEALTH],
        "Alex's home–school diary has not been signed for three weeks and he has missed his last two speech and "
        "language sessions. In a 1:1 check-in at 14:00 he said mum is “sleeping a lot again” and he is worried she "
        "will go back to hospital.",
        words="I check on her when I get home. If she's asleep I make toast for me and Maria.",
        action=f"Shared with {sw} (social worker) by phone at 15:00 and by secure email. ELSA check-ins increased to "
        "daily.",
        decision=DslDecision.INFORM_SOCIAL_WORKER,
        reasons="Alex has an allocated social worker and a CIN plan: early signs of mum's relapse and Alex's caring "
        "role increasing. The social worker will visit this week and contact mum's care coordinator.",
        significant=True,
    )
    c.action(
        "Share the EHCP annual review date with the social worker",
        SENCO,
        d.school_day(100),
        raised=d.school_day(110),
        done_on=d.school_day(104),
    )
    c.action("Send the school's report to the CIN review meeting", DSL, d.after(9), raised=d.school_day(20))
    c.curate(
        crisis,
        "Mum admitted to hospital overnight in a mental health crisis. Alex (aged {age}) called 999 and came to school "
        "with a neighbour, without breakfast or sleep.",
        source="Neighbour, via the school office; Alex",
        impact="Alex was frightened and exhausted, and is carrying responsibilities well beyond his age.",
        kind=Impact.NEGATIVE,
        action="Cared for in school; grandmother collected. MASH enquiry with dad's agreement: child and family "
        "assessment, then a CIN plan.",
    )
    return c


def _kayden(d: _Demo) -> _Case:
    """Looked after (care order), settled long-term with foster carers; the impact of contact."""
    joined = date(d.academic_start() - 3, 9, 4)
    carers = "Sarah and Paul Garside"
    c = d.new_child(
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
        dob=d.adult_dob(45, 55),
        phone=d.phone(),
        notes=f"Long-term foster carer with Paul Garside (Fictionton Fostering Service) since Spring "
        f"{d.this_year - 5}. Day-to-day consent (trips, photos) under delegated authority.",
    )
    c.person("Paul Garside", "Foster carer", lives=True, dob=d.adult_dob(47, 57), phone=d.phone())
    c.person(
        "Stacey Holloway",
        "Birth mother",
        pr=True,
        dob=d.adult_dob(26, 32),
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


def _daniel(d: _Demo) -> _Case:
    """Closed: an Early Help plan after parental separation that did its job."""
    c = d.new_child(
        NIGERIAN,
        forename="Daniel",
        surname="Okafor",
        girl=False,
        year=4,
        opened=d.school_day(340),
        religion="Christian",
    )
    c.main_carer("Mum", "Ngozi Okafor")
    c.person("Ngozi Okafor", "Mother", pr=True, lives=True, dob=d.adult_dob(34, 42), phone=d.phone())
    c.person(
        "Ikenna Okafor",
        "Father",
        pr=True,
        dob=d.adult_dob(36, 45),
        phone=d.phone(),
        address=d.address(),
        notes=f"Parents separated in {d.this_year - 1}. Daniel stays with dad on Wednesday and Saturday nights "
        "(agreed through mediation).",
    )
    c.person(
        "Chiamaka Okafor",
        "Sister",
        lives=True,
        dob=c.child.dob - timedelta(days=1500),
        notes="Year 8 at Fictionton Academy.",
    )
    trigger = c.concern(
        d.at(340, 8, 50),
        ATTENDANCE,
        [Category.ATTENDANCE, Category.EMOTIONAL],
        "Daniel's attendance this term is 86% (16 sessions missed, 10 unauthorised), mostly on Mondays and Thursdays, "
        "the days after he moves between his parents' homes. On return he has told staff he was “too sad” to come in.",
        words="When I go to dad's I miss mum, and when I'm at mum's I miss dad. My tummy hurts on Mondays.",
        action="Attendance officer met mum at 08:50 and the DSL joined. Mum said the separation has been hard and she "
        "and dad argue at handovers in front of the children.",
        decision=DslDecision.EARLY_HELP,
        reasons="Falling attendance and distress linked to the separation and to arguments at handovers. Both parents "
        "agreed to Early Help. No indication of harm beyond this, so not a MASH matter.",
        significant=True,
    )
    c.threshold(
        d.school_day(335),
        2,
        {
            "child_development": ["Attendance 86%", "Stomach aches and sadness around handovers"],
            "parenting_capacity": ["Both parents loving and involved", "Conflict at handovers in front of Daniel"],
            "family_environment": ["Recent separation", "Two homes, both in Fictionton"],
        },
        "Additional needs that school can coordinate with the family and a mediation service: Level 2, Early Help.",
        concerns=[trigger],
    )
    started = d.school_day(330)
    c.set_status(started, ChildStatus.EARLY_HELP, "Early Help plan agreed with both parents.")
    goals = [
        d.goal(
            "Daniel's attendance is 95% or above",
            "Parents to agree a fixed handover plan; attendance officer to check weekly",
            started + timedelta(weeks=12),
            "Weekly attendance figure",
            4,
        ),
        d.goal(
            "Handovers happen without arguments in front of Daniel",
            "Parents to attend Fictionton Family Mediation; Wednesday handovers at school instead of at the door",
            started + timedelta(weeks=8),
            "Daniel's own report and the parents' at each review",
            2,
        ),
        d.goal(
            "Daniel can name his worries and manage them",
            "ELSA: six sessions on worries",
            started + timedelta(weeks=8),
            "Daniel's worry scale (0–10)",
            3,
        ),
    ]
    taf = [
        "Ngozi Okafor (mum)",
        "Ikenna Okafor (dad)",
        FSW.label,
        c.teacher_on(started).label,
        ELSA.label,
        ATTENDANCE.label,
    ]
    closed = d.school_day(130)
    plan = c.plan(
        started,
        lead=FSW.label,
        goals=goals,
        taf=taf,
        next_review=None,
        closed_on=closed,
        family_view="Mum: “We both want what's best for Daniel; we just can't talk to each other without it turning "
        "into a row.” Dad: “I want him to have a settled week and to keep coming to mine.”",
        child_view="I want mum and dad to stop arguing when I get swapped. I want to go to football on Saturdays.",
        worries="Daniel's attendance is 86% and falling; he is upset after handovers; his parents argue in front of "
        "him at handovers.",
        working_well="Both parents love Daniel and want to be involved. He has good friends and loves football. His "
        "sister Chiamaka is a support to him.",
        closing_summary="Daniel's attendance rose from 86% to 97% over two terms. Handovers now happen at school on "
        "Wednesdays and there have been no arguments in front of him since mediation. He told us “I like having two "
        "bedrooms now and I play football with dad on Saturdays”. Both parents agreed the plan could close and know "
        "how to ask for help again.",
    )
    c.review(
        plan,
        d.school_day(270),
        attendees=taf,
        life_improved="Daniel has missed one day since the plan started. He told the ELSA his tummy aches are “only "
        "sometimes now”. Handovers moved to school on Wednesdays and his class teacher says he comes in smiling on "
        "Thursdays.",
        child_voice="Mum and dad said hello to each other at the gate. That was good.",
        progress=[(7, "Attendance 94% this half term"), (5, "Two mediation sessions attended"), (6, "ELSA sessions")],
        overall=Judgement.IMPROVED,
        decision=ReviewDecision.CONTINUE,
        reasons="Progress on all goals; keep going until mediation finishes.",
        next_review=d.school_day(200),
    )
    c.review(
        plan,
        d.school_day(200),
        attendees=taf,
        life_improved="Daniel's attendance is 97% this half term and he plays for the school football team. He rated "
        "his worries as 2 out of 10, from 7 at the start.",
        child_voice="I'm not sad on Mondays now. Dad comes to watch my matches.",
        progress=[(9, "97%"), (8, "Mediation agreement signed"), (8, "Worry scale 2/10")],
        overall=Judgement.IMPROVED,
        decision=ReviewDecision.CONTINUE,
        reasons="Goals nearly met; one more review to check the changes last.",
        next_review=closed,
    )
    c.review(
        plan,
        closed,
        attendees=taf,
        life_improved="Daniel's attendance has stayed above 95% for two terms, handovers are calm, and he told us "
        "“I like having two bedrooms now”.",
        child_voice="I'm happy at both houses.",
        progress=[
            (10, "97% over two terms"),
            (9, "No arguments at handovers since mediation"),
            (9, "Worry scale 1/10"),
        ],
        overall=Judgement.IMPROVED,
        decision=ReviewDecision.CLOSE,
        reasons="All goals met for two review periods; both parents agree to close.",
        next_review=None,
    )
    c.set_status(closed, ChildStatus.CLOSED, "Early Help plan closed with goals met; case closed to the DSL.")
    c.action(
        "Send the closure letter to both parents", FSW.name, d.school_day(125), raised=closed, done_on=d.school_day(127)
    )
    return c


def _ionut(d: _Demo) -> _Case:
    """Transferred: moved school; the CP file is sent and receipt is awaited."""
    c = d.new_child(
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
        dob=d.adult_dob(30, 38),
        phone=d.phone(),
        notes=f"New address from {_dmy(d.school_day(8))}: {new_home}.",
    )
    c.person(
        "Marian Popescu",
        "Father",
        pr=True,
        lives=True,
        dob=d.adult_dob(32, 42),
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


def _bridget(d: _Demo) -> _Case:
    """Universal: joined from another school with a CP file; racist name-calling handled in school."""
    joined = d.school_day(65)
    c = d.new_child(
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
    c.person("Nell McDonagh", "Mother", pr=True, lives=True, dob=d.adult_dob(27, 35), phone=d.phone())
    c.person("Johnny McDonagh", "Father", pr=True, lives=True, dob=d.adult_dob(29, 38), phone=d.phone())
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


def _lily(d: _Demo) -> _Case:
    """Early Help that is not working: two reviews in a row with no change, then a step up."""
    c = d.new_child(
        ENGLISH,
        forename="Lily",
        surname="Ashworth",
        girl=True,
        year=1,
        opened=d.school_day(175),
        designations=(Designation.FSM, Designation.PUPIL_PREMIUM),
        religion="No religion",
    )
    c.main_carer("Mum", "Gemma Ashworth")
    c.person("Gemma Ashworth", "Mother", pr=True, lives=True, dob=d.adult_dob(25, 31), phone=d.phone())
    c.person(
        "Lee Draper",
        "Mum's partner",
        lives=True,
        dob=d.adult_dob(27, 35),
        phone=d.phone(),
        notes=f"Moved in during {d.this_year - 1}. Not Lily's father; no parental responsibility.",
    )
    c.person(
        "Craig Barton",
        "Father",
        pr=True,
        dob=d.adult_dob(27, 35),
        phone=d.phone(),
        address=d.address("Testbury"),
        notes="Lily stays with him alternate weekends.",
    )
    c.person("Freddie Draper", "Half-brother", lives=True, dob=d.ago(760), notes="Aged 2; at home with mum.")
    first = c.concern(
        d.at(175, 9, 10),
        c.teacher_on(d.school_day(175)),
        [Category.NEGLECT],
        "Lily arrived at 09:10, after the gate closed at 08:50, for the sixth time in three weeks. She had no coat or "
        "book bag and said she was hungry. Her hair and jumper smelled strongly of cigarette smoke.",
        words="Mummy was asleep on the sofa so I got dressed myself. I had a biscuit.",
        action="Breakfast given. DSL met mum at pick-up: she said she has been struggling to sleep at night and sleeps "
        "in the day. Early Help offered; mum agreed.",
        decision=DslDecision.EARLY_HELP,
        reasons="A pattern of lateness, hunger and Lily (aged {age}) getting herself ready. Mum agreed to Early Help. "
        "Not a "
        "MASH enquiry at this point: mum engaged and asked for help; the plan will be reviewed within 8 weeks.",
        significant=True,
    )
    started = d.school_day(160)
    c.set_status(started, ChildStatus.EARLY_HELP, "Early Help plan agreed with mum.")
    goals = [
        d.goal(
            "Lily arrives by 08:50 having had breakfast",
            "Mum: alarm and breakfast set out the night before; Lee to do the school run on Tuesdays and Thursdays",
            started + timedelta(weeks=6),
            "Register and breakfast check by the class teacher",
            3,
        ),
        d.goal(
            "Lily has a regular bedtime and enough sleep",
            "Mum, with the family support worker's bedtime plan",
            started + timedelta(weeks=6),
            "Sleep chart; teacher's note of tiredness",
            3,
        ),
        d.goal(
            "Mum gets help with her sleep and her drinking",
            "Mum to see her GP; family support worker to refer to Fictionton Recovery Service with mum's consent",
            started + timedelta(weeks=4),
            "Appointments attended",
            2,
        ),
    ]
    taf = ["Gemma Ashworth (mum)", "Lee Draper (mum's partner)", FSW.label, c.teacher_on(started).label, f"{DSL} (DSL)"]
    plan = c.plan(
        started,
        lead=FSW.label,
        goals=goals,
        taf=taf,
        next_review=d.after(10),
        family_view="Mum: “I'm not a morning person and it's got worse since Freddie. I want Lily to be happy at "
        "school.”",
        child_view="I want mummy to wake up in the mornings. I like it when Lee walks me to school.",
        worries="Lily is often late and hungry, gets herself up and dressed, and is tired in class. Mum sleeps in the "
        "day and has said she drinks to help her sleep.",
        working_well="Lily is bright and loves phonics. Mum comes to meetings. Lee does the school run twice a week. "
        "Lily's dad has her alternate weekends and she arrives on time and fed after those.",
    )
    c.concern(
        d.at(120, 15, 20),
        OFFICE,
        [Category.NEGLECT],
        "At 15:20 Mr Lee Draper (mum's partner), who is not on Lily's collection list, came to collect her and said "
        "mum was “not well”. The office phoned mum for permission; her speech was slow and slurred.",
        words="Is mummy poorly again? She was on the sofa when I went to school.",
        action="Mrs Placeholder checked with mum before releasing Lily to Mr Draper. DSL told at 15:30. DSL phoned mum "
        "at 09:15 the next morning: she said she had taken sleeping tablets with a glass of wine. Shared with the "
        "family support worker (Early Help lead).",
        decision=DslDecision.CONSULTATION,
        reasons="Mum's use of alcohol and sleeping tablets while caring for Lily and a two-year-old. Consultation line "
        "advised: continue Early Help with a clear goal about mum's substance use, and make a MASH enquiry if there is "
        "no change by the next review. Lee added to the collection list with mum's written consent.",
        significant=True,
    )
    c.review(
        plan,
        d.school_day(105),
        attendees=taf,
        life_improved="Life has not improved for Lily yet. She was late on 11 of the last 30 days and told her teacher "
        "she still gets herself up and dressed. Mum has not yet seen her GP.",
        child_voice="Mummy sleeps on the sofa a lot. Lee does my breakfast sometimes.",
        progress=[(3, "Late 11 of 30 days"), (3, "No sleep chart kept"), (2, "GP appointment not made")],
        overall=Judgement.NO_CHANGE,
        decision=ReviewDecision.REVISE_GOALS,
        reasons="Goals not started. Revised with mum into smaller steps (alarm clock; Lee's school runs written into "
        "the plan) and the family support worker will go with mum to the GP. Consultation line advice followed: a "
        "MASH enquiry if there is no change by the next review.",
        next_review=d.school_day(20),
    )
    c.review(
        plan,
        d.school_day(20),
        attendees=taf,
        life_improved="Life has not improved for Lily. Her attendance is 88% and she was late on 9 of the last 20 "
        "days. "
        "She came to school hungry on 6 days this half term. Mum did not go to the GP appointment the family support "
        "worker booked. Lily told the ELSA she looks after Freddie when mummy is asleep.",
        child_voice="I give Freddie his milk when mummy's asleep. I'm a big girl now.",
        progress=[(3, "Late 9 of 20 days"), (2, "Tired in class most afternoons"), (2, "GP appointment missed")],
        overall=Judgement.NO_CHANGE,
        decision=ReviewDecision.STEP_UP,
        reasons="Two reviews in a row with no change, and new information that Lily (aged {age}) is caring for a "
        "two-year-old while mum sleeps in the day. Early Help is not improving life for Lily: MASH enquiry the next "
        "day, with mum's knowledge.",
        next_review=d.after(10),
    )
    sent = d.school_day(19)
    referral = c.referral(
        sent,
        status=ReferralStatus.SENT,
        aware=True,
        agreed=False,
        chase_on=add_school_days(sent, 3),
        form={
            "type_of_request": "MASH enquiry: step up from Early Help",
            "the_concern": "Cumulative neglect. Lily (Year 1) is late and hungry on most days, gets herself ready for "
            "school and cares for her two-year-old brother while mum sleeps in the day. Mum has described using "
            "alcohol and sleeping tablets.",
            "child_words": "“I give Freddie his milk when mummy's asleep. I'm a big girl now.”",
            "what_has_been_tried": "Early Help plan for 20 weeks: two TAF reviews, both with no change; goals revised "
            "once; GP and recovery service appointments offered and not attended.",
            "strengths": "Mum attends meetings. Lee does two school runs a week. Lily's father is consistent.",
            "parents_views": "Mum knows about this enquiry. She did not agree but said she understands why.",
            "referrer_view": "Level 4: Early Help has not improved life for Lily; she needs a social work assessment.",
            "hoped_for": "A child and family assessment, including mum's substance use and Freddie's care.",
        },
    )
    c.threshold(
        sent,
        4,
        {
            "child_development": ["Late and hungry on most days", "Tired in class", "Caring for a two-year-old"],
            "parenting_capacity": ["Mum asleep in the day", "Alcohol and sleeping tablets", "Appointments not kept"],
            "family_environment": ["Partner helps twice a week", "Father involved alternate weekends"],
        },
        "Neglect that has continued through 20 weeks of Early Help, with a young child left to care for a toddler: "
        "Level 4. Waiting longer for it to become “persistent” would leave Lily without help she needs now.",
        consulted=CONSULTATION_LINE,
        concerns=[first],
    )
    c.action(
        "Phone the MASH for the outcome of Lily's enquiry; escalate if there is no decision",
        DSL,
        d.after(1),
        raised=d.school_day(5),
        source=referral,
    )
    c.curate(
        first,
        "Late for the sixth time in three weeks, hungry, no coat. Lily said she dressed herself because mummy was "
        "asleep on the sofa.",
        source=c.teacher_on(first.observed_at).label,
        impact="Lily (aged {age}) is looking after herself in the mornings and missing the start of lessons.",
        kind=Impact.NEGATIVE,
        action="Breakfast given; Early Help agreed with mum.",
    )
    return c


def _jayden(d: _Demo) -> _Case:
    """Universal: three neglect concerns within 90 days, each explained on its own, and no referral yet.

    The three are placed in calendar days (not school days) so that they always fall inside the 90-day
    window the cumulative neglect alert looks at.
    """
    c = d.new_child(
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
    c.person("Kirsty Marsh", "Mother", pr=True, lives=True, dob=d.adult_dob(28, 34), phone=d.phone())
    c.person(
        "Dean Marsh",
        "Father",
        pr=True,
        dob=d.adult_dob(30, 38),
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
        _on(d.calendar_school_day(78), 8, 55),
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
        _on(d.calendar_school_day(41), 12, 15),
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
        _on(d.calendar_school_day(1), 10, 30),
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


def _kai(d: _Demo) -> _Case:
    """Child in need: criminal exploitation / county lines; a MASH enquiry acknowledged, outcome awaited."""
    c = d.new_child(
        ENGLISH,
        forename="Kai",
        surname="Fletcher",
        girl=False,
        year=6,
        opened=d.school_day(205),
        designations=(Designation.PUPIL_PREMIUM,),
        religion="No religion",
    )
    c.main_carer("Mum", "Danielle Fletcher")
    c.person("Danielle Fletcher", "Mother", pr=True, lives=True, dob=d.adult_dob(33, 40), phone=d.phone())
    c.person(
        "Ryan Fletcher",
        "Father",
        pr=True,
        dob=d.adult_dob(35, 42),
        address=d.address("Testbury"),
        notes="Lives in Testbury; occasional contact.",
    )
    c.person(
        "Connor Fletcher",
        "Brother",
        lives=True,
        dob=d.ago(365 * 16 + 40),
        notes="Aged 16. Known to the Fictionton Youth Justice Service.",
    )
    sw = c.professional(
        "Mr Tom Pilotfield", "Social worker (adolescent and exploitation team)", CSC, key=True, since=d.school_day(200)
    )
    pc = c.professional("PC Nadia Fakesby", "Missing and exploitation officer", POLICE, since=d.school_day(8))
    c.professional("Ms Kerry Testerton", "Youth worker", "Fictionton Youth Service", since=d.school_day(150))
    c.entry(
        "Connor (brother, 16) arrested in Testbury with drugs and cash; police told children's social care about both "
        "brothers.",
        on=d.school_day(205),
        source=f"{POLICE}, via children's social care",
        impact="Kai told his teacher he was scared for Connor and about “men coming to the house”.",
        kind=Impact.NEGATIVE,
        action="Child and family assessment for both brothers.",
    )
    c.set_status(
        d.school_day(180),
        ChildStatus.CIN,
        "Child and family assessment: Kai is a child in need; CIN plan on supervision and safety outside the home.",
    )
    c.concern(
        d.at(44, 13, 30),
        c.teacher_on(d.school_day(44)),
        [Category.CCE],
        "At 13:30 the class teacher saw Kai using a second mobile phone, a basic model, under his desk. In the last "
        "fortnight "
        "Kai has come in with new designer trainers and a £20 note. Mum told staff last week she had not bought them.",
        words="Connor's mate gave it me. I just have to answer it when it rings. It's not a big deal.",
        action="Phone handed in to the office under the school's policy and returned to mum at 15:15. Shared with the "
        "social worker at 14:10.",
        decision=DslDecision.INFORM_SOCIAL_WORKER,
        reasons="Indicators of criminal exploitation: an unexplained phone, money and gifts, and links to older young "
        f"people through his brother. Kai has an allocated social worker ({sw}): shared the same day so the "
        "exploitation screening tool can be completed.",
        severity=Severity.HIGH,
        significant=True,
    )
    missing = c.concern(
        d.at(8, 13, 5),
        OFFICE,
        [Category.CCE, Category.ATTENDANCE],
        "Kai did not return to class after lunch at 13:05. Staff searched the site; at 13:25 the office phoned mum and "
        "the police to report him missing. At 16:30 British Transport Police found him at Fictionton station with a "
        "17-year-old male, carrying a rucksack that Kai said was not his.",
        words="I was only dropping something off in Testbury for someone. They said I'd get £50 and new trainers. I'm "
        "not a grass.",
        action="Missing-from-school procedure followed: police told at 13:25, social worker at 13:30. Police returned "
        "Kai home at 18:00.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="Kai, aged {age}, was missing and found travelling to another town with an older male and an offer of "
        "money "
        "to carry a bag: strong indicators of county lines exploitation. A child cannot consent to their own "
        "exploitation. MASH enquiry the next morning asking for a strategy discussion under the exploitation protocol "
        "and for a National Referral Mechanism referral to be considered.",
        severity=Severity.HIGH,
        significant=True,
    )
    sent = d.school_day(7)
    c.referral(
        sent,
        status=ReferralStatus.ACKNOWLEDGED,
        aware=True,
        agreed=True,
        acknowledged_on=d.school_day(6),
        form={
            "type_of_request": "MASH enquiry: child criminal exploitation (request for a strategy discussion)",
            "the_concern": "Kai (Year 6, allocated CIN social worker) went missing from school and was found at "
            "Fictionton station with a 17-year-old male, carrying a bag for payment. Recent unexplained phone, money "
            "and trainers.",
            "child_words": "“They said I'd get £50 and new trainers. I'm not a grass.”",
            "referrer_view": "Level 4: risk of significant harm through criminal exploitation.",
            "hoped_for": "A strategy discussion, a safety plan for school and the community, and consideration of an "
            "NRM referral.",
        },
    )
    c.threshold(
        sent,
        4,
        {
            "child_development": ["Missing from school", "Gifts, money and a second phone"],
            "parenting_capacity": ["Mum worried and cooperating; struggling to supervise both sons"],
            "family_environment": [
                "Older brother involved in drug supply",
                "Contact with older males in the community",
            ],
        },
        "Kai is being criminally exploited: Level 4, strategy discussion needed.",
        consulted=f"{sw} (social worker)",
        concerns=[missing],
    )
    c.sharing(
        sent,
        what="Description of the 17-year-old male, the number of the second phone and the times Kai was missing",
        with_whom=f"{POLICE} (partnership intelligence form, to {pc})",
        consent=ConsentState.NOT_NEEDED,
        shared=True,
        reasons="Intelligence about people who may be exploiting children, shared to help disrupt exploitation of Kai "
        "and others. Mum was told it would be shared.",
    )
    c.action("Complete and send the partnership intelligence form", DSL, sent, raised=sent, done_on=sent)
    c.action(
        "Lunchtime safety plan: Kai stays on site and checks in with his key adult at 13:00",
        HEAD.name,
        d.after(2),
        raised=d.school_day(6),
    )
    c.action(
        "Plan a supported move to secondary school with the social worker and youth worker",
        DSL,
        d.after(25),
        raised=d.school_day(6),
    )
    c.curate(
        missing,
        "Missing from school after lunch; found at Fictionton station with a 17-year-old male, carrying a bag for "
        "payment.",
        source="School office; British Transport Police",
        impact="Kai was at serious risk of harm through county lines exploitation.",
        kind=Impact.NEGATIVE,
        action="Police told at 13:25; Kai returned home at 18:00; MASH enquiry the next morning asking for a strategy "
        "discussion.",
    )
    return c


def _olena(d: _Demo) -> _Case:
    """Universal, privately fostered: a Ukrainian girl living with a family friend; the LA notified."""
    joined = d.school_day(255)
    c = d.new_child(
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
        dob=d.adult_dob(38, 48),
        phone=d.phone(),
        notes="Olena has lived with Ms Шевчук since arriving in the UK. Not a close relative: a "
        "private fostering arrangement, notified to the local authority. Speaks English well.",
    )
    c.person(
        "Наталія Коваленко",
        "Mother",
        pr=True,
        dob=d.adult_dob(33, 40),
        notes="Lives in Kyiv; video calls most evenings. Gave written consent for Ms Шевчук to care for Olena.",
    )
    c.person("Сергій Коваленко", "Father", pr=True, dob=d.adult_dob(35, 43), notes="In Ukraine.")
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
        _on(joined, 15, 30),
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
            "parents_views": "Olena's mother gave written consent to the arrangement and knows of this notification.",
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


def _evie(d: _Demo) -> _Case:
    """Child in need after escalation: the MASH decided no further action; the DSL challenged it."""
    c = d.new_child(
        ENGLISH, forename="Evie", surname="Hedley", girl=True, year=2, opened=d.school_day(160), religion="Christian"
    )
    c.main_carer("Mum", "Rebecca Hedley")
    c.person("Rebecca Hedley", "Mother", pr=True, lives=True, dob=d.adult_dob(29, 36), phone=d.phone())
    c.person("Stuart Hedley", "Father", pr=True, lives=True, dob=d.adult_dob(31, 39), phone=d.phone())
    c.person("Archie Hedley", "Brother", lives=True, dob=d.ago(1400), notes="At nursery.")
    c.concern(
        d.at(160, 9, 0),
        TA,
        [Category.PHYSICAL],
        "At 09:00 Evie had a red mark about 4 cm long on her left cheek. Mrs Proofe asked, “What happened to your "
        "face?”",
        words="I fell off the sofa onto the table.",
        body_map="Left cheek: red linear mark approx 4 cm; no swelling.",
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
        acknowledged_on=d.school_day(72),
        outcome=ReferralOutcome.NO_FURTHER_ACTION,
        outcome_on=d.school_day(69),
        notes="MASH spoke to the parents by phone. Father said he held Evie's arm to stop her running into the road. "
        "Advice on safe handling given; no further action by children's social care.",
        form={
            "type_of_request": "MASH enquiry: physical injury with a disclosure",
            "the_concern": "Four fingertip-pattern bruises on the back of Evie's left upper arm.",
            "child_words": "“Daddy grabbed me 'cos I wouldn't get in the car. He squeezed really hard.”",
            "previous": "A 4 cm mark on her left cheek 12 weeks earlier, explained as a fall.",
            "referrer_view": "Level 4: physical harm by a parent needing a s47 or a child and family assessment.",
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


def _yusuf(d: _Demo) -> _Case:
    """Early Help for a resettled family: trauma and housing; review overdue; a Request for Support drafted."""
    c = d.new_child(
        ARABIC,
        forename="يوسف",
        surname="حداد",
        girl=False,
        year=3,
        opened=d.school_day(140),
        designations=(Designation.EAL, Designation.FSM, Designation.PUPIL_PREMIUM),
        religion="Muslim",
    )
    c.main_carer("Dad", "عمر حداد")
    c.person(
        "عمر حداد",
        "Father",
        pr=True,
        lives=True,
        dob=d.adult_dob(33, 40),
        phone=d.phone(),
        notes="Speaks some English; an Arabic interpreter is needed for meetings.",
    )
    c.person(
        "رنا الخطيب",
        "Mother",
        pr=True,
        lives=True,
        dob=d.adult_dob(29, 36),
        phone=d.phone(),
        notes="Arabic interpreter needed.",
    )
    c.person("لين حداد", "Sister", lives=True, dob=d.ago(1200), notes="At nursery.")
    c.entry(
        "Family arrived in the UK through a resettlement scheme after two years living in Lebanon.",
        period=f"{d.this_year - 3}",
        source="Dad (through an interpreter), at admission",
        impact="Yusuf had not been to school before; he started Reception speaking no English.",
        kind=Impact.UNKNOWN,
        action="EAL support from Reception.",
        recorded_on=d.school_day(140),
    )
    trigger = c.concern(
        d.at(140, 9, 30),
        c.teacher_on(d.school_day(140)),
        [Category.MENTAL_HEALTH],
        "At 09:30 Yusuf put his head down and covered his ears when a fire engine passed with its siren on. He cried "
        "for 15 minutes. This is the third time this term that a loud noise has upset him, and he has fallen asleep in "
        "class twice this week.",
        words="I have bad dreams about the loud noises from before. I sleep on the floor with baba.",
        action="Quiet space with his key adult. DSL met both parents at 15:30 with a telephone Arabic interpreter: "
        "they "
        "said Yusuf has nightmares most nights and the family of four share one bedroom in a damp flat.",
        decision=DslDecision.EARLY_HELP,
        reasons="Signs of trauma affecting Yusuf's sleep and learning, and housing that does not meet the family's "
        "needs. The parents asked for help and agreed to Early Help.",
        significant=True,
    )
    started = d.school_day(125)
    c.threshold(
        started,
        3,
        {
            "child_development": ["Nightmares; tired in class", "Distress at loud noises"],
            "parenting_capacity": ["Warm, protective parents", "Language barrier with services"],
            "family_environment": ["Overcrowded, damp one-bedroom flat", "Past experience of war and displacement"],
        },
        "Needs that need school, health and housing working together: Level 3, Targeted Early Help.",
        consulted=CONSULTATION_LINE,
        concerns=[trigger],
    )
    c.set_status(started, ChildStatus.EARLY_HELP, "Early Help plan agreed with both parents (interpreter present).")
    goals = [
        d.goal(
            "Yusuf sleeps through on most nights",
            "School nurse: sleep plan; referral to the refugee children's trauma service with the parents' consent",
            started + timedelta(weeks=10),
            "Dad's sleep diary",
            2,
        ),
        d.goal(
            "The family has housing that meets their needs",
            "Family support worker: housing application and a damp and mould report to the landlord",
            started + timedelta(weeks=12),
            "Housing band; repairs done",
            2,
        ),
        d.goal(
            "Yusuf feels safe when there are loud noises at school",
            "Key adult plan: warning before fire drills; calm box in class",
            started + timedelta(weeks=4),
            "Yusuf's own rating after each drill",
            3,
        ),
    ]
    taf = [
        "عمر حداد (dad)",
        "رنا الخطيب (mum)",
        FSW.label,
        c.teacher_on(started).label,
        "School nurse",
        "Mr Ben Exampleton (Fictionton Council housing)",
        "Arabic interpreter (telephone)",
    ]
    plan = c.plan(
        started,
        lead=FSW.label,
        goals=goals,
        taf=taf,
        next_review=d.ago(6),
        family_view="Dad (through the interpreter): “We are safe here but the flat is making the children ill. We want "
        "Yusuf to sleep and to be happy at school.”",
        child_view="I want my own bed and no bad dreams. I want to play football for the school team.",
        worries="Yusuf has nightmares most nights and is tired in class; loud noises frighten him. The family of four "
        "live in a one-bedroom flat with damp and mould, and the children's coughs are linked to the damp by their GP.",
        working_well="Yusuf's parents are warm and want to help. He has a best friend and loves football. His English "
        "has come on quickly. Dad walks him to school every day.",
    )
    c.review(
        plan,
        d.school_day(60),
        attendees=taf,
        life_improved="Yusuf sleeps in his own bed on most nights since the landlord treated the damp and a charity "
        "gave "
        "a bunk bed. He told us “I scored two goals and baba watched”: he goes to football club every Thursday. At the "
        "last fire drill he used his calm box and was back in class after 5 minutes.",
        child_voice="I have a bunk bed! Lin has the bottom. Bad dreams only sometimes.",
        progress=[
            (6, "Sleeping through 4 nights a week"),
            (4, "Damp treated; still one bedroom"),
            (7, "Calm within 5 minutes at the last drill"),
        ],
        overall=Judgement.IMPROVED,
        decision=ReviewDecision.CONTINUE,
        reasons="Sleep and feeling safe at school are improving. Housing is not resolved: the family are still in one "
        "bedroom. Keep the plan.",
        next_review=d.ago(6),
    )
    c.referral(
        d.school_day(2),
        request_type="Request for Support (Targeted Early Help: housing)",
        status=ReferralStatus.DRAFT,
        aware=True,
        form={
            "type_of_request": "Request for Support: Targeted Early Help (housing and family support)",
            "the_concern": "The family of four live in a one-bedroom flat. The landlord has treated the damp but the "
            "flat is overcrowded and the housing application has not moved in 12 weeks.",
            "what_has_been_tried": "Early Help plan since "
            f"{_dmy(started)}; family support worker's housing application; landlord repairs.",
        },
    )
    c.action(
        "Rearrange the overdue TAF review with both parents and an Arabic interpreter",
        FSW.name,
        d.after(1),
        raised=d.school_day(2),
    )
    c.action(
        "Talk the Request for Support through with the parents (interpreter booked) before sending",
        DSL,
        d.after(3),
        raised=d.school_day(2),
    )
    return c


def _cagla(d: _Demo) -> _Case:
    """Universal: online grooming reported by the child; police and CEOP; protective parents."""
    c = d.new_child(
        TURKISH, forename="Çağla", surname="Yılmaz", girl=True, year=6, opened=d.school_day(27), religion="Muslim"
    )
    c.main_carer("Mum", "Derya Yılmaz")
    c.person("Derya Yılmaz", "Mother", pr=True, lives=True, dob=d.adult_dob(35, 42), phone=d.phone())
    c.person("Murat Yılmaz", "Father", pr=True, lives=True, dob=d.adult_dob(37, 45), phone=d.phone())
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


def _huong(d: _Demo) -> _Case:
    """Early Help for self-harm: a review where things got worse, and the goals revised."""
    c = d.new_child(
        VIETNAMESE,
        forename="Thị Hương",
        surname="Nguyễn",
        known_as="Hương",
        girl=True,
        year=6,
        opened=d.school_day(55),
        designations=(Designation.EAL,),
        religion="Buddhist",
    )
    c.main_carer("Mum", "Trần Thị Lan")
    c.person(
        "Trần Thị Lan",
        "Mother",
        pr=True,
        lives=True,
        dob=d.adult_dob(36, 44),
        phone=d.phone(),
        notes="Prefers a Vietnamese interpreter for meetings.",
    )
    c.person(
        "Nguyễn Văn Minh",
        "Father",
        pr=True,
        lives=True,
        dob=d.adult_dob(38, 46),
        phone=d.phone(),
        notes="Runs a nail bar with mum; both work until 19:00 six days a week.",
    )
    c.person("Nguyễn Minh Khoa", "Brother", lives=True, dob=d.dob_for_year(3), notes=f"Year 3 at {SCHOOL}.")
    mhst = c.professional(
        "Ms Mei Modelham", "Mental Health Support Team practitioner", "Fictionton MHST", since=d.school_day(50)
    )
    c.professional("Mrs Bukola Placewell", "School nurse", HEALTH, since=d.school_day(55))
    first = c.concern(
        d.at(55, 13, 45),
        TA,
        [Category.SELF_HARM, Category.MENTAL_HEALTH],
        "At 13:45 at the swimming pool, Mrs Proofe saw thin healing scratches on the inside of Hương's left forearm, "
        "about 10 lines, 3–5 cm long. Hương pulled her sleeve down when she saw Mrs Proofe notice.",
        words="I do it when my head gets too loud. It makes it quiet. Please don't tell my mum, she'll be so sad.",
        body_map="Inside left forearm: about 10 parallel thin scratches, 3–5 cm, healing; no open wounds.",
        action="Mrs Proofe stayed calm and told Hương she would need to tell the DSL so she could get help; she did so "
        "at 14:30. DSL saw Hương with the school nurse at 15:00: no treatment needed. Hương agreed that the DSL would "
        "tell her parents with her there.",
        decision=DslDecision.EARLY_HELP,
        reasons="First known self-harm. No thoughts of suicide when the school nurse asked directly; Hương has adults "
        "she trusts. Parents told the same day (with an interpreter) and were shocked and supportive. Referred to the "
        "Mental Health Support Team and Early Help. Not a MASH enquiry: no harm from others, protective parents.",
        severity=Severity.HIGH,
        significant=True,
    )
    started = d.school_day(48)
    c.set_status(d.school_day(50), ChildStatus.EARLY_HELP, "Early Help plan for emotional wellbeing agreed.")
    goals = [
        d.goal(
            "Hương uses a safer way to cope when she feels overwhelmed",
            f"{mhst}: six sessions of CBT-based support; Hương's own coping plan",
            started + timedelta(weeks=8),
            "Hương's own rating",
            3,
        ),
        d.goal(
            "Hương feels less worried about SATs",
            "Class teacher: practice in small groups; no homework on Sundays",
            started + timedelta(weeks=10),
            "Worry scale (0–10)",
            3,
        ),
        d.goal(
            "Hương has time with her parents each week",
            "Parents: Sunday afternoon family time; dad takes her to art club",
            started + timedelta(weeks=6),
            "Hương's report",
            4,
        ),
    ]
    taf = ["Trần Thị Lan (mum)", "Nguyễn Văn Minh (dad)", FSW.label, f"{mhst} (MHST)", "Vietnamese interpreter"]
    plan = c.plan(
        started,
        lead=FSW.label,
        goals=goals,
        taf=taf,
        next_review=d.after(6),
        family_view="Mum (through the interpreter): “We did not know she was so sad. We work a lot for the children. "
        "We "
        "want to understand.”",
        child_view="I want to stop my head feeling too loud. I want mum and dad to know I'm trying my best.",
        worries="Hương has been scratching her arm when she feels overwhelmed, mostly at night. She is worried about "
        "SATs and about disappointing her parents, who work long hours.",
        working_well="Hương told an adult at school. She has two close friends. Her parents responded with care and "
        "want to learn how to help. She loves art.",
    )
    again = c.concern(
        d.at(14, 12, 10),
        ELSA,
        [Category.SELF_HARM],
        "At 12:10 Hương showed the ELSA three new scratches on her left forearm, deeper than before, made the evening "
        "after a practice SATs paper. She has been going to the toilets alone at lunchtime.",
        words="I did it after the maths paper. I got 19 and everyone else got more.",
        action="School nurse cleaned the scratches (no medical treatment needed) and asked directly about thoughts of "
        "suicide: none. DSL phoned mum at 13:00 with an interpreter, and the MHST practitioner.",
        decision=DslDecision.CONSULTATION,
        reasons="Self-harm increasing in severity. CAMHS duty line consulted at 13:30: urgent CAMHS appointment "
        "offered "
        "and a safety plan advised; no immediate risk to life identified.",
        outcome="CAMHS appointment booked within two weeks; safety plan shared with the parents.",
        severity=Severity.HIGH,
        significant=True,
    )
    c.review(
        plan,
        d.school_day(13),
        attendees=taf,
        life_improved="Life has not improved for Hương: she scratched her arm again, more deeply, after a practice "
        "SATs "
        "paper, and has been spending lunchtimes alone. She has been to all four MHST sessions and uses her coping "
        "plan in school some of the time.",
        child_voice="The coping plan works in school but not at night. I don't want to go to secondary school.",
        progress=[
            (3, "Coping plan used in school, not at night"),
            (2, "Worry scale 8/10"),
            (5, "Sunday time happening"),
        ],
        overall=Judgement.WORSE,
        decision=ReviewDecision.REVISE_GOALS,
        reasons="Self-harm more severe. Urgent CAMHS consultation accepted. Goals revised: a night-time coping plan "
        "with the parents, and an early transition plan for secondary school. If self-harm escalates or Hương talks of "
        "ending her life, the DSL will seek urgent CAMHS or A&E advice the same day.",
        next_review=d.after(6),
    )
    c.action(
        "Share the updated safety plan with Hương's parents (interpreter)",
        DSL,
        d.school_day(12),
        raised=d.school_day(14),
        done_on=d.school_day(12),
        source=again,
    )
    c.action(
        "Year 7 transition meeting with the Fictionton Academy DSL",
        DSL,
        d.after(20),
        raised=d.school_day(12),
        source=first,
    )
    c.curate(
        first,
        "Healing self-harm scratches seen on Hương's forearm at swimming; she said scratching makes her head quiet.",
        source=TA.label,
        impact="Hương had been coping with overwhelming feelings alone and in secret.",
        kind=Impact.NEGATIVE,
        action="School nurse check; parents told with Hương present; Mental Health Support Team and Early Help.",
    )
    return c


def _riley(d: _Demo) -> _Case:
    """Child protection plan for neglect after cumulative concerns and a family that stopped engaging."""
    c = d.new_child(
        ENGLISH,
        forename="Riley",
        surname="Fenwick",
        girl=False,
        year=1,
        opened=d.school_day(190),
        designations=(Designation.FSM, Designation.PUPIL_PREMIUM),
        religion="No religion",
        disability="Speech and language delay",
    )
    c.main_carer("Mum", "Kelly Fenwick")
    c.person("Kelly Fenwick", "Mother", pr=True, lives=True, dob=d.adult_dob(26, 32), phone=d.phone())
    c.person("Darren Fenwick", "Father", pr=True, lives=True, dob=d.adult_dob(28, 36), phone=d.phone())
    c.person("Brooke Fenwick", "Sister", lives=True, dob=d.dob_for_year(4), notes=f"Year 4 at {SCHOOL}.")
    c.person("Alfie Fenwick", "Brother", lives=True, dob=d.ago(310), notes="Baby.")
    sw = c.professional(
        "Ms Bukola Mockwell", "Social worker (child protection)", CSC, key=True, since=d.school_day(115)
    )
    c.professional("Ms Helen Trialsworth", "Health visitor (for Alfie)", HEALTH, since=d.school_day(115))
    c.professional("Mr Imran Proofield", "Speech and language therapist", "Fictionton Children's Therapy Service")
    c.entry(
        "Riley not brought to his one-year and two-year health checks; immunisations incomplete.",
        period=f"Spring {d.this_year - 4}",
        source="Health visitor (shared at the strategy discussion)",
        impact="Riley's speech delay was not picked up until nursery.",
        kind=Impact.NEGATIVE,
        action="Health visitor letters to the parents; no other action recorded.",
        recorded_on=d.school_day(115),
    )
    c.entry(
        "Early Help plan (Family Hub) for home conditions closed when the family stopped engaging.",
        period=f"{d.this_year - 2}",
        source="Family Hub (Early Help record)",
        impact="Not known.",
        kind=Impact.UNKNOWN,
        action="Closed without the goals being met.",
        recorded_on=d.school_day(115),
    )
    first = c.concern(
        d.at(190, 9, 0),
        c.teacher_on(d.school_day(190)),
        [Category.NEGLECT],
        "At 09:00 Riley arrived in yesterday's clothes, which were wet with urine. He had no spare clothes in his bag. "
        "This is the fourth time this half term.",
        action="Changed into spare clothes from school; clothes bagged for home. DSL spoke to mum at pick-up and "
        "offered "
        "Early Help; she agreed.",
        decision=DslDecision.EARLY_HELP,
        reasons="Repeated lapses in basic care for a child with additional needs. Mum agreed to Early Help. The "
        "family's "
        "earlier Early Help plan closed without change, so this plan will be reviewed after 6 weeks, not 12.",
    )
    c.set_status(d.school_day(185), ChildStatus.EARLY_HELP, "Early Help offered and agreed by mum.")
    c.concern(
        d.at(150, 14, 30),
        c.teacher_on(d.school_day(150)),
        [Category.NEGLECT],
        "At 14:30 Riley had weeping sores around his mouth; the school nurse said they looked like impetigo. Mum had "
        "been asked 10 days earlier to take him to the GP for the same sores.",
        action="School nurse advice given to mum in writing. Mum did not attend the Early Help meeting planned for "
        "that afternoon (second missed meeting).",
        decision=DslDecision.CONSULTATION,
        reasons="An untreated health need after advice, and Early Help not being taken up. Consultation line advice: "
        "MASH enquiry if Riley is not seen by the GP within 48 hours.",
        outcome="Seen by the GP two days later (confirmed by the school nurse).",
        significant=True,
    )
    trigger = c.concern(
        d.at(118, 8, 15),
        BREAKFAST,
        [Category.NEGLECT],
        "At 08:15 Riley and his sister Brooke (Year 4) arrived at breakfast club on their own. Brooke said mum and dad "
        "were asleep and the baby was in his cot.",
        words="Baby was crying. Brooke made toast but there wasn't any bread.",
        action="Breakfast given. DSL phoned both parents from 08:30; dad answered at 09:10 and said they had "
        "overslept. "
        "DSL phoned the MASH at 09:30.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="Cumulative neglect: a fourth concern in ten weeks (hygiene, an untreated health need, and now young "
        "children unsupervised in the morning with a baby at home), and Early Help not taken up. MASH enquiry for all "
        "three children.",
        severity=Severity.HIGH,
        significant=True,
    )
    c.referral(
        d.school_day(118),
        status=ReferralStatus.OUTCOME,
        aware=True,
        agreed=False,
        acknowledged_on=d.school_day(117),
        outcome=ReferralOutcome.STRATEGY_S47,
        outcome_on=d.school_day(115),
        notes=f"Strategy discussion: s47 enquiries for Riley, Brooke and Alfie (neglect), led by {sw}. The home visit "
        "found very little food and unsafe sleeping arrangements for the baby.",
        form={
            "type_of_request": "MASH enquiry: cumulative neglect",
            "the_concern": "Riley (Year 1) and his sister arrived at school alone at 08:15; parents asleep with a baby "
            "at home. Previous concerns: soiled clothes (four times), untreated impetigo, missed meetings.",
            "what_has_been_tried": "Early Help offered twice (an earlier plan closed without change); two meetings "
            "missed.",
            "referrer_view": "Level 4: cumulative neglect of three young children.",
        },
    )
    c.threshold(
        d.school_day(118),
        4,
        {
            "child_development": ["Speech delay", "Soiled clothes; untreated sores", "Unsupervised at 08:15"],
            "parenting_capacity": [
                "Basic care and supervision not met",
                "Health advice not followed",
                "Early Help not taken up",
            ],
            "family_environment": ["Baby at home", "Earlier Early Help closed without change"],
        },
        "Cumulative neglect across all three domains, with Early Help not taken up: Level 4.",
        consulted="Fictionton MASH",
        concerns=[first, trigger],
    )
    icpc = d.school_day(100)
    c.set_status(icpc, ChildStatus.CP, "Initial child protection conference: child protection plan (neglect).")
    c.entry(
        "Initial child protection conference: Riley, Brooke and Alfie made subject to child protection plans "
        "(neglect).",
        on=icpc,
        source="Children's social care (conference chair)",
        impact="Since the plan: Riley arrives in clean clothes on most days and has started speech therapy.",
        kind=Impact.POSITIVE,
        action="Core group every 4 weeks; school reports attendance, hygiene and lunches.",
    )
    c.concern(
        d.at(9, 10, 0),
        ATTENDANCE,
        [Category.NEGLECT, Category.ATTENDANCE],
        "Riley's attendance since the CP plan started is 89%; he was absent on four Mondays. Today he arrived at 10:00 "
        "without breakfast.",
        words="We had no milk.",
        action=f"Breakfast given. Shared with {sw} by phone at 10:30.",
        decision=DslDecision.INFORM_SOCIAL_WORKER,
        reasons="Riley is on a child protection plan: shared with the social worker the same day for the core group. "
        "The Monday pattern will go in the school's report to the review conference.",
    )
    c.action(
        "Send attendance figures and the school report to the social worker for the review conference",
        DSL,
        d.ago(1),
        raised=d.school_day(9),
    )
    c.action("Core group meeting (school: attendance, hygiene, lunches)", DSL, d.after(2), raised=d.school_day(30))
    c.curate(
        trigger,
        "Riley and his sister arrived at breakfast club alone at 08:15; parents asleep, the baby in his cot at home.",
        source=BREAKFAST.label,
        impact="Riley and his sister were unsupervised and hungry, and the baby was left at home.",
        kind=Impact.NEGATIVE,
        action="MASH enquiry for all three children; s47 enquiries; child protection plans (neglect).",
    )
    return c


def _simran(d: _Demo) -> _Case:
    """Looked after (s20) in kinship care with her aunt while mum is in hospital."""
    c = d.new_child(
        PUNJABI,
        forename="Simran",
        surname="Dhillon",
        girl=True,
        year=4,
        opened=d.school_day(175),
        designations=(Designation.KINSHIP_CARE, Designation.EAL),
        religion="Sikh",
    )
    c.main_carer("Masi", "maternal aunt, Harpreet Kaur Sandhu")
    c.person(
        "Harpreet Kaur Sandhu",
        "Maternal aunt (kinship foster carer)",
        lives=True,
        dob=d.adult_dob(38, 46),
        phone=d.phone(),
        notes="Approved as a connected-person foster carer. Day-to-day consent under delegated "
        "authority. Simran calls her Masi (mum's sister).",
    )
    c.person("Gurpreet Singh Sandhu", "Uncle (kinship foster carer)", lives=True, dob=d.adult_dob(40, 48))
    c.person(
        "Manpreet Kaur",
        "Mother",
        pr=True,
        dob=d.adult_dob(32, 38),
        notes="In hospital (mental health). Agreed to Simran being accommodated under s20. Visits when she is well "
        "enough, arranged by the social worker.",
    )
    c.person(
        "Jaswinder Singh Dhillon",
        "Father",
        pr=True,
        dob=d.adult_dob(35, 42),
        notes="Lives abroad; phone contact on Sundays.",
    )
    sw = c.professional(
        "Ms Rachel Demoford", "Social worker (children in care)", CSC, key=True, since=d.school_day(172)
    )
    c.professional(
        "Mr Ola Testerton", "Independent reviewing officer", "Fictionton IRO Service", since=d.school_day(170)
    )
    c.professional(
        "Ms Aisha Pilotfield", "Virtual school adviser", "Fictionton Virtual School", since=d.school_day(170)
    )
    trigger = c.concern(
        d.at(175, 8, 40),
        OFFICE,
        [Category.MENTAL_HEALTH],
        "At 08:40 Simran's aunt, Mrs Sandhu, told the office that Simran's mum had been admitted to hospital overnight "
        "and Simran had stayed with her. Simran was quiet and asked twice if she could phone her mum.",
        words="Mum was crying and talking to the TV. Masi came and got me in her pyjamas.",
        action="DSL spoke to Mrs Sandhu at 09:00 and phoned the MASH to ask about care arrangements, as mum was "
        "Simran's only carer.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="Simran's only carer has been admitted to hospital; her care needs arranging and assessing. Mrs Sandhu "
        "is willing to care for her. Mum's agreement to the enquiry obtained through the ward staff.",
        significant=True,
    )
    c.referral(
        d.school_day(175),
        status=ReferralStatus.OUTCOME,
        via=SentVia.PHONE,
        aware=True,
        agreed=True,
        acknowledged_on=d.school_day(175),
        outcome=ReferralOutcome.SINGLE_ASSESSMENT,
        outcome_on=d.school_day(174),
        notes=f"Allocated to {sw}. Simran accommodated under s20 with mum's agreement and placed with her aunt, "
        "assessed as a connected-person foster carer.",
        form={
            "type_of_request": "MASH enquiry: care arrangements needed",
            "the_concern": "Simran's mum, her only carer, was admitted to hospital overnight.",
            "strengths": "Her aunt is caring for her and willing to continue.",
        },
    )
    c.set_status(
        d.school_day(170),
        ChildStatus.CLA,
        "Accommodated under s20 with mum's agreement; placed with her maternal aunt as a kinship foster carer.",
    )
    c.entry(
        "First child looked after review (IRO): Simran stays with her aunt while mum recovers; a return home will be "
        "considered when mum is discharged.",
        on=d.school_day(110),
        source="IRO (Mr Ola Testerton)",
        impact="Simran told the IRO she feels “safe and looked after” at her aunt's.",
        kind=Impact.POSITIVE,
        action="PEP agreed: ELSA support and a reading target.",
        category=Category.MENTAL_HEALTH,
    )
    c.concern(
        d.at(35, 14, 0),
        c.teacher_on(d.school_day(35)),
        [Category.EMOTIONAL],
        "At 14:00 Simran cried in class after a lesson about families and said she wants to visit her mum.",
        words="I want to see mummy in hospital but Masi says the doctors say not yet.",
        action=f"ELSA time for the rest of the afternoon. Shared with {sw} by phone at 15:00.",
        decision=DslDecision.INFORM_SOCIAL_WORKER,
        reasons="Simran is looked after: her wish to see her mum is for the social worker to plan with the ward.",
        outcome="The social worker arranged a video call with mum on the ward, and a visit once mum is well enough.",
        severity=Severity.LOW,
    )
    c.action(
        "Apply for pupil premium plus (ELSA sessions)",
        SENCO,
        d.school_day(150),
        raised=d.school_day(168),
        done_on=d.school_day(155),
        source=trigger,
    )
    c.action("PEP review meeting", SENCO, d.after(11), raised=d.school_day(20))
    return c


_HEROES: tuple[tuple[str, Callable[[_Demo], _Case]], ...] = (
    # The first seven cover every status, so even a tiny demo shows each one.
    ("amira", _amira),
    ("lucja", _lucja),
    ("alexandros", _alexandros),
    ("kayden", _kayden),
    ("daniel", _daniel),
    ("ionut", _ionut),
    ("bridget", _bridget),
    ("lily", _lily),
    ("jayden", _jayden),
    ("kai", _kai),
    ("olena", _olena),
    ("evie", _evie),
    ("yusuf", _yusuf),
    ("cagla", _cagla),
    ("huong", _huong),
    ("riley", _riley),
    ("simran", _simran),
)


# ---- templates for the rest of the caseload ----------------------------------------------------------
# Placeholders: {name} {sub} {Sub} {obj} {pos} {Pos} {year} {age} {mum} {Mum} {carer} {staff} {time}.
# {mum}/{Mum} is whoever the child lives with ("mum", "dad", or a foster carer's first name).


@dataclass(frozen=True)
class _ConcernText:
    categories: tuple[Category, ...]
    what: str
    words: str = ""
    action: str = ""
    decision: DslDecision = DslDecision.MONITOR
    reasons: str = ""
    outcome: str = ""
    body_map: str = ""
    severity: Severity = Severity.MEDIUM
    significant: bool = False
    reporter: str = "teacher"
    hour: int = 10
    min_year: int = 0
    max_year: int = 6
    any_carer: bool = False
    """Reads right for a child living with foster or kinship carers too."""
    theme: str = ""
    """For an Early Help trigger: the plan theme that follows."""
    needs_mum: bool = False
    """Speaks of the child's mother as the main carer."""
    needs_adult: bool = False
    """Speaks of a second (male) adult at home: {adult} is how the child names him ("Dad", "Mum's boyfriend")."""


_LOW = (
    _ConcernText(
        (Category.NEGLECT,),
        "At {time} in breakfast club {name} ate two bowls of cereal and asked {staff} for more toast. {Sub} said {sub} "
        "had not had tea the night before. {Pos} jumper had the same stains as the day before.",
        words="I only had crisps for tea 'cos there wasn't any food left.",
        action="Breakfast given. The DSL spoke to {mum} at pick-up: {Mum} said money is tight until payday and "
        "accepted "
        "a food bank voucher and help with a free school meals application.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="The first time {name} has said {sub} was hungry. {Mum} was open about the family's money worries and "
        "accepted help. Breakfast club place offered and the free school meals application made the same day. Any "
        "further concern will be read alongside this one.",
        reporter="breakfast",
        hour=8,
    ),
    _ConcernText(
        (Category.NEGLECT,),
        "At {time} in PE {staff} saw that {name}'s school shoes had split along the sole and {pos} socks were wet "
        "through. {Sub} has worn the shoes with the split since before half term.",
        words="My shoes let the water in. {Mum} says I can have new ones when the money comes.",
        action="Spare socks and plimsolls given. The family support worker phoned {mum}, who said the family is "
        "waiting "
        "for a benefits payment; shoes bought from the school's welfare fund with {mum}'s agreement.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="A practical need linked to low income, met the same day, with {mum} engaged. No other concerns about "
        "{name}'s care. Check after the holidays that {sub} has suitable shoes and a coat.",
        reporter="pe",
        hour=13,
    ),
    _ConcernText(
        (Category.PHYSICAL,),
        "At {time} {name} came into class with a graze and a yellow-green bruise, about 3 cm, on {pos} right knee, and "
        "a scratch on {pos} right palm.",
        words="I fell off my scooter going down the big hill. {Mum} put a plaster on it.",
        body_map="Right knee: graze with a bruise approx 3 cm, yellow-green. Right palm: superficial scratch.",
        action="Checked by the first aider. At pick-up {mum} gave the same account without being asked.",
        decision=DslDecision.NO_FURTHER_ACTION,
        reasons="Injuries on exposed, bony areas typical of a fall, with the same account from {name} (given freely) "
        "and "
        "{mum}. No previous injuries recorded. Not a safeguarding concern; recorded so that any pattern would be seen.",
        severity=Severity.LOW,
        hour=9,
        any_carer=True,
    ),
    _ConcernText(
        (Category.ONLINE, Category.CHILD_ON_CHILD),
        "At {time} {name} told {staff} that children in a class group chat had been posting unkind messages about "
        "{obj}, including a photo of {obj} eating lunch with laughing emojis. {Sub} showed the messages on a friend's "
        "phone; staff did not copy them.",
        words="They keep putting laughing faces on my photo. I don't want to come in tomorrow.",
        action="{name} reassured and the DSL told. The parents of the children involved were asked to help remove the "
        "photo, which was deleted that evening. {Mum} told at pick-up.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="Online unkindness between pupils, dealt with under the anti-bullying policy. The photo is not an "
        "image "
        "of concern (fully clothed, at school). No concerns about {name}'s care at home. Class online safety session "
        "arranged.",
        hour=11,
        min_year=4,
        any_carer=True,
    ),
    _ConcernText(
        (Category.ATTENDANCE,),
        "Attendance check at {time}: {name} has been late 9 times in the last 4 weeks, arriving between 09:05 and "
        "09:30, "
        "and has missed the start of phonics each time.",
        words="We had to wait for the bus and then it was full.",
        action="The attendance officer met {mum} at the gate the next morning: {Mum} said the bus is often full and "
        "the "
        "family has no car. Walking bus and a breakfast club place offered.",
        reasons="Lateness with a practical cause; {mum} engaged and took up the breakfast club place. The attendance "
        "officer reviews in 4 weeks and will tell the DSL if lateness continues or anything else comes up.",
        severity=Severity.LOW,
        reporter="attendance",
        hour=9,
        max_year=4,
    ),
    _ConcernText(
        (Category.MENTAL_HEALTH,),
        "At {time} {name} asked to go to the office with a tummy ache for the third time this week. With the ELSA "
        "{sub} "
        "said {sub} worries that something bad will happen at home while {sub} is at school.",
        words="I get a funny feeling in my tummy when I'm not with {mum}.",
        action="ELSA session. {Mum} told at pick-up and agreed to six weekly ELSA sessions about worries.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="Worry affecting {name}'s time in school; no indication of harm. Supported through ELSA with {mum}'s "
        "agreement; the school nurse will be asked to help if the worries continue after the sessions.",
        reporter="elsa",
        any_carer=True,
    ),
    _ConcernText(
        (Category.CHILD_ON_CHILD,),
        "At {time} on the playground two older pupils (named in their own records) took {name}'s hat and pushed {obj} "
        "against the fence when {sub} tried to get it back. {staff} saw the push.",
        words="They do it every day and say I can't play.",
        action="{staff} separated the children and checked {name} for injuries (none). The headteacher told both "
        "pupils' "
        "parents and led a restorative meeting. {Mum} told at pick-up.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="Bullying between pupils, dealt with under the behaviour and anti-bullying policies. No concerns about "
        "{name}'s care at home. Playground buddy arranged; check-in with {name} in a week.",
        severity=Severity.LOW,
        reporter="midday",
        hour=12,
        any_carer=True,
    ),
    _ConcernText(
        (Category.EMOTIONAL,),
        "At {time} at the school gate {staff} heard {carer} shout at {name}, “You're useless, get in there”, when "
        "{name} "
        "dropped {pos} book bag. {name} cried and went in without saying goodbye.",
        words="{Mum}'s just stressed. It's fine.",
        action="{name} settled in class by a TA. The DSL phoned {mum} at 11:00 in a supportive way: {Mum} said it had "
        "been a hard morning and was upset about how it had gone.",
        reasons="One incident, and {mum} reflected on it when spoken to. No other concerns recorded. Family Hub "
        "parenting support details given. Any further concern will be read alongside this one.",
        reporter="office",
        hour=8,
    ),
    _ConcernText(
        (Category.NEGLECT,),
        "At {time} {name} was holding {pos} cheek in class and did not eat lunch. {Sub} said a back tooth had hurt for "
        "more than a week; the tooth is visibly dark.",
        words="It hurts when I eat. {Mum} said we can't find a dentist.",
        action="School nurse asked for advice; emergency dental line details passed to {mum}, who phoned the same "
        "afternoon and got an appointment for the next day.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="An unmet health need; {mum} acted on the advice straight away. Check with {name} next week that the "
        "treatment happened.",
        outcome="{name} saw the emergency dentist and the tooth was treated (confirmed by {mum}).",
        hour=11,
    ),
    _ConcernText(
        (Category.ONLINE,),
        "At {time} during carpet time {name} told {staff} about a video {sub} had watched on an older cousin's phone "
        "in "
        "which people were being hurt. {Sub} said it gave {obj} bad dreams.",
        words="There was blood and people screaming. I can't stop thinking about it.",
        action="{name} reassured. The DSL phoned {mum}, who had not known and agreed to speak to the cousin's parents "
        "and "
        "set up parental controls on the family tablet.",
        decision=DslDecision.SUPPORT_IN_SCHOOL,
        reasons="Exposure to harmful content on a relative's device; {mum} responded protectively. Online safety "
        "advice "
        "given to the family. No further action needed beyond support.",
        hour=9,
        max_year=3,
        any_carer=True,
    ),
)

_MEDIUM = (
    _ConcernText(
        (Category.NEGLECT,),
        "At {time} {name} fell asleep at {pos} table and was hard to wake, the fourth time in two weeks. {Sub} has "
        "been "
        "late on 6 of the last 10 days and has come in without a packed lunch 3 times.",
        words="I go to bed when {mum} goes to bed. I watch videos on the tablet till then.",
        action="Quiet space and a snack. The DSL met {mum} after school: {Mum} said {name} will not settle and the "
        "family are living with a relative while waiting for housing. Early Help offered and agreed.",
        decision=DslDecision.EARLY_HELP,
        reasons="A pattern of tiredness, lateness and missed lunches affecting {name}'s learning, linked to the "
        "family's "
        "circumstances. {Mum} agreed to Early Help. Not a MASH enquiry at this stage: needs are not being met "
        "consistently, but {mum} is asking for help and the plan will be reviewed within 6 weeks.",
        significant=True,
        theme="routines",
    ),
    _ConcernText(
        (Category.NEGLECT,),
        "{name} was not collected at 15:15. The office phoned {mum} and both emergency contacts from 15:30 with no "
        "answer. {carer} arrived at 16:40 and said the phone had run out of charge. This is the third late collection "
        "this half term.",
        words="Is {mum} coming? Last time I waited until it was dark.",
        action="{name} waited with the office manager and had a snack. The DSL phoned {mum} the next morning to talk "
        "about what had happened and offered Early Help; {mum} agreed.",
        decision=DslDecision.EARLY_HELP,
        reasons="The third late collection this half term, with {name} worried about being left. {Mum} described "
        "feeling overwhelmed and accepted Early Help. No indication that {name} has been left alone at home, which "
        "would prompt a MASH enquiry.",
        significant=True,
        reporter="office",
        hour=15,
        theme="routines",
    ),
    _ConcernText(
        (Category.DOMESTIC_ABUSE,),
        "Operation Encompass notification at {time}: police attended {name}'s home at 23:15 the previous night after a "
        "report of a verbal argument between the adults. No arrest. {name} was at home and awake.",
        words="I heard shouting and a bang. I put my pillow over my head.",
        action="Class teacher told (need to know) so {name} had a calm start; {name} chose to spend the first lesson "
        "with the ELSA and said the words recorded here. The DSL phoned {mum} privately later that day and offered "
        "support, including the Fictionton Domestic Abuse Service's number.",
        decision=DslDecision.CONSULTATION,
        reasons="A police notification of domestic abuse with {name} present. The consultation line (11:40) advised "
        "Early Help with consent, and a MASH enquiry if there is any further incident or any sign of physical harm. "
        "{Mum} agreed to Early Help.",
        significant=True,
        reporter="police",
        hour=8,
        theme="conflict",
    ),
    _ConcernText(
        (Category.EMOTIONAL,),
        "During a circle time activity at {time} {name} said {sub} was “the reason everyone at home is sad”. "
        "Afterwards "
        "{sub} told {staff} what is said to {obj} at home.",
        words="When I get things wrong they say I ruin everything and nobody wants me.",
        action="{name} reassured; the DSL told at once. The DSL spoke to {mum} after school: {Mum} said things have "
        "been "
        "hard since the new baby and agreed to parenting support.",
        decision=DslDecision.CONSULTATION,
        reasons="Signs of emotional harm: {name}'s account of repeated rejecting comments. The consultation line "
        "advised "
        "Early Help with a parenting programme, and a MASH enquiry if {name} says more or nothing changes. {Mum} "
        "agreed.",
        significant=True,
        theme="worries",
    ),
    _ConcernText(
        (Category.ATTENDANCE,),
        "Attendance review at {time}: {name}'s attendance this term is 84% (14 sessions missed, 10 unauthorised), "
        "mostly Mondays and Fridays; three first-day calls were not answered.",
        words="Sometimes {mum} is too tired to get up and I stay home and play.",
        action="The attendance officer and the DSL met {mum} the same day. {Mum} described low mood and difficulty "
        "with mornings and agreed to an Early Help assessment.",
        decision=DslDecision.EARLY_HELP,
        reasons="Attendance below 90% with a pattern, and {name} describing staying at home when {mum} is unwell. "
        "Early "
        "Help agreed. A home visit will be made on any day {name} is absent without contact (children missing "
        "education procedure).",
        significant=True,
        reporter="attendance",
        hour=9,
        theme="attendance",
    ),
    _ConcernText(
        (Category.MENTAL_HEALTH,),
        "At {time} {name} wrote on a worksheet that {sub} wished {sub} could “go to sleep and not wake up”. When "
        "{staff} "
        "asked about it, {sub} said {sub} has felt like this since {pos} grandad died.",
        words="I miss grandad. Sometimes I think it would be easier if I wasn't here.",
        action="{staff} stayed with {name} and brought {obj} straight to the DSL. The school nurse asked {name} "
        "directly "
        "about thoughts of ending {pos} life: no plan or intent. {Mum} came in at 14:00; a safety plan was agreed and "
        "a "
        "GP appointment made for the same week.",
        decision=DslDecision.CONSULTATION,
        reasons="Passive thoughts of death in a child, linked to bereavement. CAMHS duty line consulted at 13:15: no "
        "immediate risk; advised a GP referral, bereavement support, and Early Help if the family wants it. {Mum} "
        "agreed to both.",
        severity=Severity.HIGH,
        significant=True,
        min_year=4,
        theme="worries",
    ),
    _ConcernText(
        (Category.NEGLECT,),
        "Planned home visit at {time} by the family support worker: dirty dishes and food waste across the kitchen, no "
        "bedding on {name}'s mattress, and only milk and margarine in the fridge. {name} was at home, clean and "
        "dressed.",
        words="I sleep with my coat on 'cos it's cold.",
        action="The family support worker talked with {mum} about what she had seen: {Mum} said things got on top of "
        "the family after losing work. Bedding and a food parcel delivered the next day through the Family Hub.",
        decision=DslDecision.EARLY_HELP,
        reasons="Home conditions and basic care below what {name} needs. {Mum} was open and accepted help, and the "
        "immediate gaps were met within a day. Early Help to tackle the causes (money, low mood). A MASH enquiry if "
        "conditions have slipped back at the unannounced visit in two weeks.",
        significant=True,
        reporter="fsw",
        hour=16,
        theme="routines",
    ),
)

_HIGH = (
    _ConcernText(
        (Category.PHYSICAL,),
        "When changing for PE at {time}, {staff} saw three oval bruises in a row, blue-purple, about 1 cm each, on the "
        "back of {name}'s right upper arm.",
        words="{adult} grabbed me 'cos I wouldn't turn the telly off. He does it when he's cross.",
        body_map="Back of right upper arm: three oval bruises approx 1 cm each in a line, blue-purple. Photographs not "
        "taken (school policy).",
        action="{staff} did not ask further questions, wrote down {name}'s words and told the DSL within 15 minutes.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="Bruising in a gripping pattern on a soft area, with {name}'s account naming an adult in the household "
        "and describing it as something that happens when he is cross. Phoned the MASH; {mum} told afterwards on the "
        "MASH's advice.",
        severity=Severity.HIGH,
        significant=True,
        reporter="pe",
        needs_adult=True,
    ),
    _ConcernText(
        (Category.DOMESTIC_ABUSE,),
        "At {time}, while drawing a picture of home, {name} told {staff} about the night before. {Sub} was quiet and "
        "did not want to go out at playtime.",
        words="{adult} pushed mum and she fell on the glass table and there was blood. I hid in the bathroom.",
        action="{staff} listened, did not ask leading questions and told the DSL at once. {name} stayed with {pos} key "
        "adult.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="Disclosure of physical domestic abuse with injury, which {name} saw. Phoned the MASH straight away; "
        "{mum} was told afterwards with the MASH's agreement, privately, with domestic abuse service support offered.",
        severity=Severity.HIGH,
        significant=True,
        needs_mum=True,
        needs_adult=True,
    ),
    _ConcernText(
        (Category.NEGLECT,),
        "At {time} {name} told {staff} that {sub} and a younger sibling were at home on their own the evening before "
        "until after dark.",
        words="{Mum} went out and I had to look after the baby. We had cereal for tea.",
        action="{staff} told the DSL at once. The DSL phoned the MASH at 11:10, then {mum}, who said she had gone to "
        "the shop for “ten minutes”.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="A young child left in charge of a baby, on {name}'s account for several hours, with earlier concerns "
        "about basic care. Risk of significant harm: MASH enquiry the same morning.",
        severity=Severity.HIGH,
        significant=True,
        min_year=1,
        needs_mum=True,
    ),
    _ConcernText(
        (Category.EMOTIONAL, Category.PHYSICAL),
        "At {time} {name} arrived with cold, red feet and no socks. {Sub} told {staff} why.",
        words="When I'm bad I have to stand in the garden with no shoes until they say. Last night it was dark.",
        action="Warmed up and given spare socks and shoes; the first aider checked {pos} feet (red, no injury). DSL "
        "told at 09:10 and phoned the MASH at 09:30.",
        decision=DslDecision.MASH_ENQUIRY,
        reasons="A punishment that is cruel and could cause harm, described by {name} as happening more than once. "
        "MASH "
        "enquiry made; the MASH asked school not to tell the parents until they had spoken.",
        severity=Severity.HIGH,
        significant=True,
        reporter="ta",
        hour=9,
    ),
)

_LOOKED_AFTER = (
    _ConcernText(
        (Category.EMOTIONAL,),
        "The morning after supervised contact with {pos} birth mother, {name} refused to come into class at {time} and "
        "hid in the coat area for 20 minutes. When calm, {sub} told {staff} what had upset {obj}.",
        words="My mummy said I'm coming home soon. Am I?",
        action="Key adult stayed with {name} until {sub} was ready to come in. {Mum} (foster carer) told at pick-up; "
        "shared with the social worker by phone.",
        decision=DslDecision.INFORM_SOCIAL_WORKER,
        reasons="{name} is looked after with an allocated social worker: what is said at contact is for the social "
        "worker and IRO. No concerns about {pos} care in placement.",
        significant=True,
        hour=9,
        any_carer=True,
    ),
    _ConcernText(
        (Category.MENTAL_HEALTH,),
        "At {time} {name} asked {staff} why {sub} cannot live with {pos} brother, who is placed with other carers. "
        "{Sub} "
        "was tearful for the rest of the lesson.",
        words="Why can't I live with my brother? I only see him at contact and it's not fair.",
        action="ELSA time that afternoon. Shared with the social worker the same day so that {name}'s questions can be "
        "answered in {pos} life story work.",
        decision=DslDecision.INFORM_SOCIAL_WORKER,
        reasons="{name}'s wishes about sibling contact are for the social worker and IRO to hear and respond to.",
        severity=Severity.LOW,
        reporter="elsa",
        any_carer=True,
    ),
)


def _fits(template: _ConcernText, case: _Case, looked_after: bool = False) -> bool:
    if looked_after and not template.any_carer:
        return False
    if template.needs_mum and case.ctx["mum"] != "mum":
        return False
    if template.needs_adult and not case.ctx["adult"]:
        return False
    return template.min_year <= case.year <= template.max_year


def _from_template(
    case: _Case,
    template: _ConcernText,
    days_ago: int,
    *,
    decision: DslDecision | None = None,
    reasons: str | None = None,
    outcome: str | None = None,
) -> Concern:
    """Record a concern from a template on a school day ``days_ago``."""
    when = case.d.at(days_ago, template.hour, case.d.minute())
    reporter = case.teacher_on(when) if template.reporter == "teacher" else _REPORTERS[template.reporter]
    staff = reporter.name if reporter is not ENCOMPASS else "the police"
    extra = {"time": when.strftime("%H:%M"), "staff": staff}

    def text(value: str) -> str:
        return value.format_map({**case.ctx, **extra, "age": str(case.child.age_on(when.date()))}) if value else ""

    return case.concern(
        when,
        reporter,
        template.categories,
        text(template.what),
        words=text(template.words),
        body_map=text(template.body_map),
        action=text(template.action),
        decision=decision or template.decision,
        reasons=text(reasons if reasons is not None else template.reasons),
        outcome=text(outcome if outcome is not None else template.outcome),
        severity=template.severity,
        significant=template.significant,
        by=case.d.pick((DSL, DSL, DEPUTY)),
    )


@dataclass(frozen=True)
class _Theme:
    """An Early Help plan's content for one kind of need."""

    worries: str
    working_well: str
    family_view: str
    child_view: str
    goals: tuple[tuple[str, str, str, int], ...]
    """(what will change, who does what, how we will know, baseline 0–10)"""
    improved: tuple[str, ...]
    no_change: str
    worse: str
    voice_improved: str
    voice_no_change: str
    closing: str
    evidence: dict[str, list[str]] = field(default_factory=dict)
    taf_extra: str = ""


_THEMES = {
    "routines": _Theme(
        worries="{name} often arrives late, hungry and tired, and {pos} uniform has been unwashed on several days. "
        "{Mum} has "
        "described money worries and finding the mornings hard.",
        working_well="{Mum} is open with school and asked for help. {name} is loved and talks warmly about home, has "
        "good friends and enjoys school.",
        family_view="{Mum}: “I want to get on top of things. The mornings are the hardest part.”",
        child_view="I want to have breakfast at home and get to school before the bell.",
        goals=(
            (
                "{name} arrives by 08:50 having had breakfast, at least 4 days out of 5",
                "{Mum} sets out clothes and breakfast the night before; breakfast club place as back-up",
                "Register and breakfast club list, checked weekly by the family support worker",
                3,
            ),
            (
                "{name} has clean uniform every day",
                "Family support worker: uniform grant and the Family Hub laundry scheme",
                "Class teacher's weekly check",
                4,
            ),
            (
                "The family's money worries are eased",
                "Family support worker: benefits check and food bank referral with {mum}",
                "Benefits check done; {Mum}'s own rating at each review",
                2,
            ),
        ),
        improved=(
            "{name} now arrives on time most days having had breakfast at home; {pos} teacher says {sub} joins in more "
            "in the mornings. {Sub} told us “I have toast with {mum} now before school”.",
            "{name}'s attendance this half term is 97% and {sub} has had clean uniform every day this month. {Sub} "
            "told "
            "the ELSA {sub} is “not hungry in maths any more”.",
        ),
        no_change="Life has not yet improved for {name}: {sub} was late on 7 of the last 20 days and came in hungry on "
        "4 of them. The benefits check has not happened because the appointment was missed.",
        worse="Life has got harder for {name}: {sub} was late or absent on 9 of the last 20 days, came in hungry on "
        "most "
        "Mondays, and told {pos} teacher there was “no electric” at home at the weekend.",
        voice_improved="I like breakfast at home. I'm not tired now.",
        voice_no_change="It's still rushing in the mornings. I don't like being late 'cos everyone looks.",
        closing="{name}'s attendance rose to 97% and {sub} arrives fed and in clean uniform. {Mum} says mornings are "
        "calmer and money is more settled after the benefits check. {name} told us “mornings are nice now”.",
        evidence={
            "child_development": ["Hungry and tired on arrival several days a week", "Late; missing phonics"],
            "parenting_capacity": ["Basic care not consistently met", "{Mum} engaged and asking for help"],
            "family_environment": ["Low income; money worries", "Little support from wider family"],
        },
        taf_extra="Family Hub worker",
    ),
    "worries": _Theme(
        worries="{name} has been worried and tearful in school, with tummy aches and poor sleep, and finds it hard to "
        "leave {mum} in the mornings.",
        working_well="{name} has a trusted adult in school and a close friend. {Mum} is warm and wants to understand "
        "{pos} worries. {name} enjoys art and PE.",
        family_view="{Mum}: “I want {obj} to feel safe and happy at school and to sleep at night.”",
        child_view="I want the worry monster to be smaller. I want to sleep in my own bed.",
        goals=(
            (
                "{name} can name {pos} worries and use two calming strategies",
                "ELSA: six weekly sessions; worry box in class",
                "{name}'s own worry scale (0–10) each week",
                3,
            ),
            (
                "{name} says goodbye to {mum} calmly at the door most mornings",
                "Class teacher meets {name} at the side door; {Mum} keeps goodbyes short",
                "Calm mornings a week (teacher's log)",
                3,
            ),
            ("{name} sleeps through on most nights", "School nurse: sleep plan with {mum}", "{Mum}'s sleep diary", 4),
        ),
        improved=(
            "{name} comes into class calmly on most mornings and has not asked to go home with a tummy ache for three "
            "weeks. {Sub} told the ELSA “my worry monster is only small now”.",
            "{name} sleeps in {pos} own bed on most nights and has joined the lunchtime art club. {Pos} teacher sees "
            "{obj} put {pos} hand up in class, which {sub} did not do at the start of the plan.",
        ),
        no_change="Life has not improved for {name} yet: {sub} still cries at the door on most mornings and has been "
        "sent home unwell twice. {Sub} has had only two ELSA sessions because of staff absence.",
        worse="Life has got harder for {name}: {sub} has missed 6 days this half term with stomach pains (the GP found "
        "no physical cause) and told the ELSA {sub} is scared something bad will happen at home while {sub} is at "
        "school.",
        voice_improved="I use my breathing when I feel wobbly. It works.",
        voice_no_change="I still get the funny feeling in my tummy every morning.",
        closing="{name} now comes into school calmly, sleeps well and uses {pos} own strategies when worried. {Sub} "
        "told us “I'm brave now” and {Mum} says mornings at home are calm. The ELSA check-in carries on as universal "
        "support.",
        evidence={
            "child_development": ["Anxiety affecting attendance and sleep", "Stomach aches with no physical cause"],
            "parenting_capacity": ["{Mum} warm and responsive", "Needs advice on managing anxiety"],
            "family_environment": ["Recent loss or change in the family"],
        },
        taf_extra="School nurse",
    ),
    "attendance": _Theme(
        worries="{name}'s attendance is below 90%, with absences mostly on Mondays and Fridays and some first-day "
        "calls unanswered. {Sub} is falling behind in reading.",
        working_well="{name} is happy once in school and has good friends. {Mum} wants {obj} to do well and has "
        "started "
        "talking to school about the mornings.",
        family_view="{Mum}: “I know {sub} needs to be in school. Some days I can't get going.”",
        child_view="I like school when I get here. I want to be in the football team but you have to be in every day.",
        goals=(
            (
                "{name}'s attendance is 95% or above",
                "{Mum} phones by 08:45 on any day {name} is off; attendance officer checks weekly",
                "Weekly attendance figure",
                3,
            ),
            (
                "{name} catches up with {pos} reading",
                "Class teacher: daily reading with a TA for 6 weeks",
                "Reading age at the next assessment",
                4,
            ),
            (
                "The family has a morning routine that works",
                "Family support worker: morning routine plan and an alarm; walking bus from the corner of Example Lane",
                "On-time days a week",
                3,
            ),
        ),
        improved=(
            "{name} has been in school every day for the last four weeks and was picked for the football team. {Sub} "
            "told us “I'm in every day now and I scored”.",
            "{name}'s attendance this half term is 96% and {pos} reading has moved up two book bands; {sub} read to "
            "the "
            "headteacher and was proud of it.",
        ),
        no_change="Life has not improved for {name}: attendance is 86% this half term and {sub} has missed more "
        "reading "
        "sessions. Two first-day calls were not answered.",
        worse="Life has got harder for {name}: attendance has fallen to 79%, and on the days {sub} is in {sub} has "
        "arrived after 09:30. {Sub} told {pos} teacher {sub} stays home to keep {mum} company.",
        voice_improved="I like coming every day now. I got a certificate.",
        voice_no_change="Sometimes I just don't get up in time.",
        closing="{name}'s attendance has been above 95% for two terms and {pos} reading is back in line with {pos} "
        "class. {Sub} told us “school is my favourite place”. The morning routine is working without support.",
        evidence={
            "child_development": ["Attendance below 90%", "Falling behind in reading"],
            "parenting_capacity": ["Mornings a struggle for {mum}", "Wants {name} to do well"],
            "family_environment": ["No car; unreliable bus", "Low mood in the household"],
        },
        taf_extra=ATTENDANCE.label,
    ),
    "conflict": _Theme(
        worries="{name} has heard arguments between the adults at home, including one that led to a police call-out. "
        "{Sub} has been withdrawn in class and says {sub} worries about {mum}.",
        working_well="{Mum} has talked openly to school and contacted the domestic abuse service. {name} has a trusted "
        "adult in school and enjoys football club.",
        family_view="{Mum}: “I want the children to grow up in a calm home. I didn't know how much {name} was "
        "hearing.”",
        child_view="I want home to be quiet at night. I don't like the shouting.",
        goals=(
            (
                "{name} feels safe at home and can say so",
                "ELSA: sessions using the safe hands tool; {Mum} works with the domestic abuse service",
                "{name}'s own safety scale (0–10) at each review",
                3,
            ),
            (
                "{Mum} has a safety plan and support",
                "Fictionton Domestic Abuse Service outreach worker",
                "Safety plan in place; {Mum}'s own rating",
                2,
            ),
            (
                "{name} is settled and learning in class",
                "Class teacher: daily check-in at 08:50",
                "Teacher's weekly note",
                4,
            ),
        ),
        improved=(
            "{name} has been smiling and chatty in class and says home is calmer. {Sub} told the ELSA “there's no "
            "shouting now, we have film night on Fridays”.",
            "{name} has not been withdrawn in class for a month and rated feeling safe at home as 8 out of 10. {Mum} "
            "has a safety plan and the outreach worker visits fortnightly.",
        ),
        no_change="Life has not improved for {name}: {sub} told the ELSA the arguments at home are still happening "
        "most "
        "weekends, and {sub} is still quiet and tired on Mondays.",
        worse="Life has got harder for {name}: there has been a second police call-out, and {name} told {pos} teacher "
        "{sub} hid in the bathroom during the argument.",
        voice_improved="Home is quieter. I sleep better.",
        voice_no_change="They still shout at the weekend. I put my headphones on.",
        closing="No further incidents at home for five months. {name} rates feeling safe at home as 9 out of 10 and "
        "told us “home is happy now”. {Mum} carries on with the domestic abuse service's group.",
        evidence={
            "child_development": ["Withdrawn in class", "Worried about {mum}"],
            "parenting_capacity": ["{Mum} protective and engaging with support"],
            "family_environment": ["Domestic abuse: police call-out", "Conflict between adults at home"],
        },
        taf_extra="Domestic abuse outreach worker",
    ),
}

_LEVEL4_EVIDENCE = {
    Category.PHYSICAL: {
        "child_development": ["Bruising in a gripping pattern", "Child's account names an adult at home"],
        "parenting_capacity": ["Physical chastisement described as repeated"],
        "family_environment": ["New adult in the household"],
    },
    Category.DOMESTIC_ABUSE: {
        "child_development": ["Witnessed violence causing injury", "Withdrawn and frightened"],
        "parenting_capacity": ["Violence between adults at home"],
        "family_environment": ["Domestic abuse; earlier police notification"],
    },
    Category.NEGLECT: {
        "child_development": ["Left in charge of a younger sibling", "Earlier concerns about basic care"],
        "parenting_capacity": ["Supervision not provided", "Account minimises the risk"],
        "family_environment": ["Baby in the household", "Little support nearby"],
    },
    Category.EMOTIONAL: {
        "child_development": ["Cruel punishment described as repeated", "Cold, red feet on arrival"],
        "parenting_capacity": ["Harsh, degrading punishment"],
        "family_environment": ["Earlier concerns about how {name} is spoken to"],
    },
}


# ---- the rest of the caseload, from the templates ------------------------------------------------------

_BEFORE_JOINING = (
    (
        "Joined the school mid-year after the family moved from {town} for {mum}'s work.",
        "{Mum}, at admission",
        "{name} settled quickly and had made friends within a few weeks (class teacher).",
        Impact.POSITIVE,
        "Buddy arranged for the first month.",
    ),
    (
        "{name}'s grandparent, who lived with the family, died after a short illness.",
        "{Mum}",
        "{name} was tearful in school for several weeks and asked to sit near the door.",
        Impact.NEGATIVE,
        "ELSA sessions offered and taken up; {Mum} given the children's bereavement service details.",
    ),
    (
        "Family evicted from a privately rented house and placed in temporary accommodation in {town} for four months.",
        "{Mum}, and the council's housing letter",
        "{name} travelled an hour each way to school and was often late.",
        Impact.NEGATIVE,
        "Bus pass arranged by the school; family rehoused in Fictionton.",
    ),
)

_GENERIC_ORDER = (
    ChildStatus.UNIVERSAL,
    ChildStatus.EARLY_HELP,
    ChildStatus.UNIVERSAL,
    ChildStatus.CIN,
    ChildStatus.EARLY_HELP,
    ChildStatus.CLOSED,
    ChildStatus.UNIVERSAL,
    ChildStatus.CP,
    ChildStatus.EARLY_HELP,
    ChildStatus.UNIVERSAL,
    ChildStatus.TRANSFERRED,
    ChildStatus.CIN,
    ChildStatus.UNIVERSAL,
    ChildStatus.EARLY_HELP,
    ChildStatus.CLA,
    ChildStatus.CLOSED,
    ChildStatus.UNIVERSAL,
    ChildStatus.CP,
    ChildStatus.EARLY_HELP,
    ChildStatus.UNIVERSAL,
    ChildStatus.CIN,
    ChildStatus.UNIVERSAL,
    ChildStatus.EARLY_HELP,
)

_CP_CATEGORY = {
    Category.PHYSICAL: "physical abuse",
    Category.DOMESTIC_ABUSE: "emotional abuse",
    Category.NEGLECT: "neglect",
    Category.EMOTIONAL: "emotional abuse",
}


def _days_in_school(d: _Demo, year: int) -> int:
    """How many days ago the child (now in ``year``) started Reception."""
    return (d.today - date(d.academic_start() - year, 9, 1)).days


def _random_case(d: _Demo, *, year: int, opened_days_ago: int) -> tuple[_Case, Culture, tuple[str, str]]:
    """A new child with a name from one of the communities (weighted towards the local majority)."""
    culture = d.rng.choices(CULTURES, weights=[c.weight for c in CULTURES])[0]
    for _ in range(100):
        girl = d.chance(0.5)
        given = d.pick(culture.girls if girl else culture.boys)
        fresh = [p for p in _surnames(culture) if not set(p) & d.surnames_used]
        pair = d.pick(fresh or _surnames(culture))
        surname = culture.surname(pair, girl)
        if d.claim(given, surname):
            break
    designations = [Designation.EAL] if culture.eal else []
    if d.chance(0.3):
        designations += [Designation.FSM, Designation.PUPIL_PREMIUM]
    if d.chance(0.12):
        designations.append(Designation.SEND)
    case = d.new_child(
        culture,
        forename=given,
        surname=surname,
        known_as=given.split()[-1] if culture.family_name_first else "",
        girl=girl,
        year=year,
        opened=d.school_day(opened_days_ago),
        designations=designations,
    )
    return case, culture, pair


def _family(d: _Demo, case: _Case, culture: Culture, pair: tuple[str, str]) -> None:
    """Parents or carers with the right parental responsibility, and any brothers and sisters."""
    kind = d.pick(("two_parents", "two_parents", "separated", "mum_and_partner", "mum_alone", "dad_alone"))
    mother_surname = d.pick(_surnames(culture))[1] if culture.mother_keeps_name else culture.surname(pair, True)
    mother = culture.full_name(d.pick(culture.women), mother_surname)
    father = culture.full_name(d.pick(culture.men), culture.surname(pair, False))
    if kind == "dad_alone":
        case.main_carer("Dad", father)
        case.person(father, "Father", pr=True, lives=True, dob=d.adult_dob(28, 48), phone=d.phone())
        case.person(
            mother,
            "Mother",
            pr=True,
            dob=d.adult_dob(26, 45),
            address=d.address(),
            notes=case.fill(
                d.pick(
                    ("Lives in Testbury; {name} stays with her at weekends.", "Lives abroad; video calls on Sundays.")
                )
            ),
        )
    else:
        case.main_carer("Mum", mother)
        case.person(mother, "Mother", pr=True, lives=True, dob=d.adult_dob(24, 45), phone=d.phone())
        if kind == "two_parents":
            case.ctx["adult"] = "Dad"
            case.person(father, "Father", pr=True, lives=True, dob=d.adult_dob(26, 48), phone=d.phone())
        elif kind == "separated":
            case.person(
                father,
                "Father",
                pr=True,
                dob=d.adult_dob(26, 48),
                phone=d.phone(),
                address=d.address(),
                notes=case.fill("Separated from mum; {name} stays with him every other weekend."),
            )
        elif kind == "mum_and_partner":
            case.ctx["adult"] = "Mum's boyfriend"
            partner_culture = d.pick((culture, ENGLISH))
            partner = partner_culture.full_name(d.pick(partner_culture.men), d.pick(_surnames(partner_culture))[0])
            case.person(
                partner,
                "Mum's partner",
                lives=True,
                dob=d.adult_dob(25, 45),
                notes=case.fill(
                    f"Moved in during {d.this_year - 1}. Not {{name}}'s father; no parental responsibility."
                ),
            )
            case.person(
                father,
                "Father",
                pr=d.chance(0.7),
                dob=d.adult_dob(26, 48),
                notes=f"No contact since {d.this_year - d.rng.randint(2, 4)}.",
            )
    for _ in range(d.pick((0, 1, 1, 2))):
        girl = d.chance(0.5)
        given = d.pick(culture.girls if girl else culture.boys)
        surname = culture.surname(pair, girl)
        dob = min(case.child.dob + timedelta(days=d.pick((-1, 1)) * d.rng.randint(420, 2400)), d.ago(120))
        age = (d.today - dob).days // 365
        where = "At home (pre-school)." if age < 4 else f"At {SCHOOL}." if age < 11 else "At Fictionton Academy."
        case.person(
            culture.full_name(given, surname), "Sister" if girl else "Brother", lives=True, dob=dob, notes=where
        )


def _pick_template(
    d: _Demo, options: Sequence[_ConcernText], case: _Case, *, looked_after: bool = False, themed: bool = False
) -> _ConcernText:
    suitable = [t for t in options if _fits(t, case, looked_after) and (t.theme or not themed)]
    return d.pick(suitable or list(options))


def _before_joining(d: _Demo, case: _Case) -> None:
    event, source, impact, kind, action = d.pick(_BEFORE_JOINING)
    town = d.pick(("Testbury", "Sampleford"))
    case.entry(
        event.replace("{town}", town),
        period=term_label(case.opened - timedelta(days=d.rng.randint(60, 400))),
        source=case.fill(source),
        impact=impact,
        kind=kind,
        action=action,
        recorded_on=case.opened,
    )


def _generic_universal(d: _Demo) -> _Case:
    year = d.rng.randrange(7)
    furthest = min(300, _days_in_school(d, year) - 3)
    count = d.pick((0, 1, 1, 2)) if furthest > 10 else 0
    days = sorted(d.rng.sample(range(3, furthest), count), reverse=True) if count else []
    opened = (days[0] + d.rng.randint(0, 20)) if days else d.rng.randint(20, max(21, _days_in_school(d, year)))
    case, culture, pair = _random_case(d, year=year, opened_days_ago=opened)
    _family(d, case, culture, pair)
    for day in days:
        _from_template(case, _pick_template(d, _LOW, case), day)
    if d.chance(0.3):
        _before_joining(d, case)
    return case


def _plan_from_theme(d: _Demo, case: _Case, theme: _Theme, started: date, *, closed: bool) -> None:
    """An Early Help plan and its reviews (open with its next review set, or closed with a summary)."""
    goals = [
        d.goal(case.fill(what), case.fill(who), started + timedelta(weeks=8 + 2 * i), case.fill(how), base)
        for i, (what, who, how, base) in enumerate(theme.goals)
    ]
    taf = [case.ctx["carer"], FSW.label, case.teacher_on(started).label, theme.taf_extra]
    held: list[date] = []
    day = started + timedelta(days=d.rng.randint(42, 56))
    while day <= d.ago(3) and len(held) < (3 if closed else 6):
        held.append(d.school_day((d.today - day).days))
        day += timedelta(days=d.rng.randint(42, 56))
    judgements: list[Judgement] = []
    for _ in held:
        if closed or (judgements and judgements[-1] != Judgement.IMPROVED):
            judgements.append(Judgement.IMPROVED)  # never two poor reviews in a row without a step up
        else:
            judgements.append(d.rng.choices(list(Judgement), weights=[6, 3, 1])[0])
    # 6 to 10 weeks after the last review: some are coming up, some are overdue.
    next_review = None if closed else (held[-1] if held else started) + timedelta(days=d.rng.randint(42, 70))
    plan = case.plan(
        started,
        lead=FSW.label,
        goals=goals,
        taf=taf,
        next_review=next_review,
        closed_on=held[-1] if closed and held else None,
        family_view=theme.family_view,
        child_view=theme.child_view,
        worries=theme.worries,
        working_well=theme.working_well,
        closing_summary=theme.closing if closed else "",
    )
    scores = [g.baseline for g in goals]
    for index, (held_on, judgement) in enumerate(zip(held, judgements, strict=True)):
        last = index == len(held) - 1
        step = {Judgement.IMPROVED: 2, Judgement.NO_CHANGE: 0, Judgement.WORSE: -1}[judgement]
        scores = [max(0, min(10, s + step + d.rng.randint(0, 1))) for s in scores]
        if judgement == Judgement.IMPROVED:
            life, voice = d.pick(theme.improved), theme.voice_improved
            decision = ReviewDecision.CLOSE if closed and last else ReviewDecision.CONTINUE
            reasons = (
                "All goals met; the family agreed the plan can close and knows how to ask for help again."
                if decision == ReviewDecision.CLOSE
                else "Progress on the goals; keep the plan going."
            )
        elif judgement == Judgement.NO_CHANGE:
            life, voice, decision = theme.no_change, theme.voice_no_change, ReviewDecision.REVISE_GOALS
            reasons = (
                "Goals revised into smaller steps with named people and dates. If life has not improved for "
                "{name} by the next review, the DSL will make a MASH enquiry."
            )
        else:
            life, voice, decision = theme.worse, theme.voice_no_change, ReviewDecision.REVISE_GOALS
            reasons = (
                "Things are worse for {name}. The DSL consulted the MASH consultation line the same day: advice "
                "to revise the plan now and make a MASH enquiry at any further incident. Review brought "
                "forward."
            )
        case.review(
            plan,
            held_on,
            attendees=taf,
            life_improved=life,
            child_voice=voice,
            progress=[(score, "") for score in scores],
            overall=judgement,
            decision=decision,
            reasons=reasons,
            next_review=None if closed and last else (held[index + 1] if not last else next_review),
        )
    if closed and held:
        case.set_status(held[-1], ChildStatus.CLOSED, "Early Help plan closed with its goals met; case closed.")
        case.action(
            "Send the Early Help closure letter to the family",
            FSW.name,
            held[-1] + timedelta(days=5),
            raised=held[-1],
            done_on=held[-1] + timedelta(days=3),
        )
    elif next_review is not None:
        last_held = held[-1] if held else started
        case.action(
            "Send the TAF review invitations and ask {name} for {pos} views beforehand",
            FSW.name,
            next_review - timedelta(days=5),
            raised=last_held,
        )


def _generic_early_help(d: _Demo, *, closed: bool = False) -> _Case:
    year = d.rng.randint(1, 6)
    t0 = min(d.rng.randint(300, 400) if closed else d.rng.randint(60, 200), _days_in_school(d, year) - 70)
    case, culture, pair = _random_case(d, year=year, opened_days_ago=t0 + 60)
    _family(d, case, culture, pair)
    if d.chance(0.6):
        _from_template(case, _pick_template(d, _LOW, case), t0 + d.rng.randint(20, 55))
    template = _pick_template(d, _MEDIUM, case, themed=True)
    via_mash = not closed and d.generic_made.get(ChildStatus.EARLY_HELP, 0) == 1
    trigger = _from_template(
        case,
        template,
        t0,
        decision=DslDecision.MASH_ENQUIRY if via_mash else None,
        reasons="Needs in several areas and {mum} asked for more help than school can arrange. MASH enquiry made with "
        "{mum}'s agreement to find the right service."
        if via_mash
        else None,
    )
    if via_mash:
        case.referral(
            d.school_day(t0),
            status=ReferralStatus.OUTCOME,
            aware=True,
            agreed=True,
            acknowledged_on=d.school_day(t0 - 1),
            outcome=ReferralOutcome.EARLY_HELP,
            outcome_on=d.school_day(t0 - 3),
            notes="Threshold for a social work assessment not met. Passed to the Early Help hub; school's family "
            "support worker agreed as lead practitioner.",
            form={
                "the_concern": trigger.what_happened,
                "child_words": trigger.child_words,
                "referrer_view": "Level 3: multiple needs; the family want help.",
            },
        )
    theme = _THEMES[template.theme]
    case.threshold(
        d.school_day(t0 - 2),
        d.pick((2, 3)),
        theme.evidence,
        "Additional needs that can be met with the family's agreement through Early Help. Not Level 4: {mum} is "
        "engaging and there is no indication of significant harm.",
        consulted=CONSULTATION_LINE if d.chance(0.5) else "",
        concerns=[trigger],
    )
    started = d.school_day(t0 - 6)
    case.set_status(started, ChildStatus.EARLY_HELP, case.fill("Early Help plan agreed with {mum}."))
    case.action(
        "Complete the Early Help assessment with {mum}",
        FSW.name,
        started,
        raised=d.school_day(t0),
        done_on=started,
        source=trigger,
    )
    _plan_from_theme(d, case, theme, started, closed=closed)
    return case


def _generic_statutory(d: _Demo, status: ChildStatus) -> _Case:
    """A child in need or on a child protection plan, after a MASH enquiry."""
    year = d.rng.randint(1, 6)
    t0 = min(d.rng.randint(90, 280), _days_in_school(d, year) - 80)
    case, culture, pair = _random_case(d, year=year, opened_days_ago=t0 + 70)
    _family(d, case, culture, pair)
    _from_template(case, _pick_template(d, _MEDIUM, case), t0 + d.rng.randint(25, 60))
    template = _pick_template(d, _HIGH, case)
    trigger = _from_template(case, template, t0)
    category = template.categories[0]
    sw = case.professional(d.professional_name(), "Social worker", CSC, key=True, since=d.school_day(t0 - 2))
    case.professional(d.professional_name(), "School nurse", HEALTH)
    not_told = "MASH asked" in template.reasons
    cp = status == ChildStatus.CP
    case.referral(
        d.school_day(t0),
        status=ReferralStatus.OUTCOME,
        via=SentVia.PHONE,
        aware=not not_told,
        agreed=None if not_told else d.chance(0.5),
        not_told="The MASH asked school not to tell the parents until social workers had spoken to them, in case it "
        "increased the risk to {name}."
        if not_told
        else "",
        acknowledged_on=d.school_day(t0),
        outcome_on=d.school_day(t0 - 2),
        outcome=ReferralOutcome.STRATEGY_S47 if cp else ReferralOutcome.SINGLE_ASSESSMENT,
        notes=(
            f"Strategy discussion; s47 enquiries led by {sw} with police."
            if cp
            else f"Child and family assessment by {sw}."
        ),
        form={
            "the_concern": trigger.what_happened,
            "child_words": trigger.child_words,
            "referrer_view": "Level 4: risk of significant harm."
            if cp
            else "Level 4: a child in need of a social work assessment.",
        },
    )
    case.threshold(
        d.school_day(t0),
        4,
        _LEVEL4_EVIDENCE.get(category, _LEVEL4_EVIDENCE[Category.NEGLECT]),
        "What {name} said and what staff saw point to harm, or a risk of harm, that needs a statutory response: "
        "Level 4.",
        consulted="Fictionton MASH",
        concerns=[trigger],
    )
    if cp:
        conference = d.school_day(t0 - 15)
        label = _CP_CATEGORY.get(category, "neglect")
        case.set_status(conference, ChildStatus.CP, f"Initial child protection conference: plan under {label}.")
        case.entry(
            f"Initial child protection conference: {{name}} made subject to a child protection plan ({label}). DSL "
            "attended and gave the school's report.",
            on=conference,
            source="Children's social care (conference chair)",
            impact="{name} has a core group of people checking on {obj}; {Sub} told the ELSA “lots of people are "
            "helping my family now”.",
            kind=Impact.POSITIVE,
            action="Core group every 4 to 6 weeks; school reports attendance and wellbeing.",
        )
        since = t0 - 15
        meeting = "core group"
    else:
        assessed = d.school_day(t0 - 35)
        case.set_status(assessed, ChildStatus.CIN, "Child and family assessment completed: child in need plan (s17).")
        since = t0 - 35
        meeting = "CIN meeting"
        if since > 50:
            case.entry(
                "CIN review meeting: plan continued; parenting support under way.",
                on=d.school_day(since - 42),
                source=f"Children's social care ({sw})",
                impact="{Pos} teacher reports {name} is more settled in class.",
                kind=Impact.POSITIVE,
                action="School to keep reporting attendance and wellbeing before each meeting.",
            )
    if since > 10:
        follow = _pick_template(d, _LOW, case)
        _from_template(
            case,
            follow,
            d.rng.randint(3, since - 5),
            decision=DslDecision.INFORM_SOCIAL_WORKER,
            reasons=f"{{name}} has an allocated social worker ({sw}): shared by phone and secure email the same day "
            f"for the next {meeting}. School support carries on as planned.",
            outcome="",
        )
    case.action(
        f"Send the school's report to the {meeting}", DSL, d.after(d.rng.randint(2, 20)), raised=d.school_day(10)
    )
    case.action(
        "Share attendance and wellbeing notes with the social worker",
        DSL,
        d.school_day(since - 3),
        raised=d.school_day(since),
        done_on=d.school_day(since - 3),
    )
    return case


def _generic_looked_after(d: _Demo) -> _Case:
    year = d.rng.randint(1, 6)
    joined = date(d.academic_start() - year, 9, 4)
    case, culture, pair = _random_case(d, year=year, opened_days_ago=(d.today - joined).days)
    case.opened = joined
    carer = f"{d.pick(ENGLISH.women)} {d.pick(_surnames(ENGLISH))[0]}"
    case.main_carer(carer.split()[0], "foster carer", proper_name=True)
    case.person(
        carer,
        "Foster carer",
        lives=True,
        dob=d.adult_dob(40, 60),
        phone=d.phone(),
        notes="Long-term foster carer (Fictionton Fostering Service). Day-to-day consent under delegated authority.",
    )
    mother_surname = d.pick(_surnames(culture))[1] if culture.mother_keeps_name else culture.surname(pair, True)
    case.person(
        culture.full_name(d.pick(culture.women), mother_surname),
        "Birth mother",
        pr=True,
        notes="Shares parental responsibility with the local authority (care order). Supervised contact every 6 weeks.",
    )
    sw = case.professional(d.professional_name(), "Social worker (children in care)", CSC, key=True)
    case.professional(d.professional_name(), "Independent reviewing officer", "Fictionton IRO Service")
    case.professional("Ms Aisha Pilotfield", "Virtual school adviser", "Fictionton Virtual School")
    case.entry(
        "Accommodated after neglect at home; placed with current foster carers. Care order (s31) the following year.",
        period=f"{joined.year - d.rng.randint(1, 2)}",
        source=f"Children's social care chronology (shared by {sw})",
        impact="Foster carer reports {name} settled into routines within weeks and has been well since.",
        kind=Impact.POSITIVE,
        action="Long-term fostering plan.",
        recorded_on=joined,
    )
    case.set_status(joined, ChildStatus.CLA, "Joined Reception as a looked after child (s31 care order).")
    _from_template(case, _pick_template(d, _LOOKED_AFTER, case, looked_after=True), d.rng.randint(10, 120))
    if d.chance(0.5):
        _from_template(case, _pick_template(d, _LOW, case, looked_after=True), d.rng.randint(130, 250))
    case.action(
        "PEP meeting with the virtual school adviser", SENCO, d.after(d.rng.randint(5, 30)), raised=d.school_day(20)
    )
    return case


def _generic_transferred(d: _Demo) -> _Case:
    year = d.rng.randint(1, 6)
    left = d.rng.randint(20, 80)
    case, culture, pair = _random_case(d, year=year, opened_days_ago=left + d.rng.randint(100, 250))
    _family(d, case, culture, pair)
    _from_template(case, _pick_template(d, _LOW, case), left + d.rng.randint(10, 90))
    school, town = d.pick(_SCHOOLS_ELSEWHERE)
    case.set_status(d.school_day(left), ChildStatus.TRANSFERRED, f"Moved to {town}; started at {school}.")
    sent = d.school_day(left - 2)
    received = min(add_school_days(sent, d.rng.randint(1, 4)), d.ago(1))
    dsl = f"{d.pick(('Mrs', 'Mr', 'Ms'))} {d.pick('BCEGHJKLMNPRSTW')}. {d.pick(_PRO_SURNAMES)}"
    case.transfer(
        TransferDirection.OUTGOING,
        school,
        other_dsl=f"{dsl} (DSL)",
        sent_on=sent,
        received_on=received,
        receipt_by=f"{dsl} (DSL)",
        method="encrypted transfer pack by secure email, addressed to the DSL",
        notes="Sent separately from the pupil file.",
    )
    return case


def _generic(d: _Demo, status: ChildStatus) -> _Case:
    made = d.generic_made.get(status, 0)
    d.generic_made[status] = made + 1
    if status == ChildStatus.EARLY_HELP:
        return _generic_early_help(d)
    if status == ChildStatus.CLOSED:
        return _generic_early_help(d, closed=True)
    if status in (ChildStatus.CIN, ChildStatus.CP):
        return _generic_statutory(d, status)
    if status == ChildStatus.CLA:
        return _generic_looked_after(d)
    if status == ChildStatus.TRANSFERRED:
        return _generic_transferred(d)
    return _generic_universal(d)


# ---- the DSL's own notes -------------------------------------------------------------------------------


def _staff_notes(d: _Demo) -> list[Record]:
    """Supervision and learning notes (not tied to one child; linked to children in the demo where present)."""

    def linked(*keys: str) -> list[uuid.UUID]:
        return [d.heroes[k] for k in keys if k in d.heroes]

    def stamp(day: date, hour: int = 16) -> datetime:
        return _utc(_on(day, hour))

    first, second = d.school_day(63), d.school_day(21)
    published = d.ago(220)
    return [
        SupervisionNote(
            id=d.uuid(),
            created_at=stamp(first),
            created_by=DSL,
            held_on=first,
            supervisor=SUPERVISOR.label,
            child_ids=linked("evie", "lucja"),
            reflections="Talked through Evie's escalation. I accepted the MASH's first answer for a day before "
            "challenging it; the earlier facial mark only came back to mind when I read her chronology. Also "
            "reflected on the impact on me and on Mrs Proofe of Łucja's disclosure: Mrs Proofe has had a debrief.",
            do_differently="Read the child's chronology before every MASH call, and say the pattern out loud on the "
            "call. Ask in every MASH conversation: who will speak to the child?",
            actions=[
                FollowUp(
                    what="Debrief for Mrs Proofe with the headteacher",
                    due=first + timedelta(days=7),
                    done_on=first + timedelta(days=3),
                ),
                FollowUp(
                    what="Add 'read the chronology first' to the referral checklist",
                    due=first + timedelta(days=14),
                    done_on=first + timedelta(days=10),
                ),
            ],
        ),
        SupervisionNote(
            id=d.uuid(),
            created_at=stamp(second),
            created_by=DSL,
            held_on=second,
            supervisor=SUPERVISOR.label,
            child_ids=linked("lily", "jayden"),
            reflections="Lily's Early Help plan: two reviews with no change, and a pull to give it “one more review” "
            "because mum is warm in meetings. My supervisor asked what a day in Lily's life is like: she gets herself "
            "up, dressed and fed, and gives her brother his milk. Agreed it is time to step up. Also looked at Jayden: "
            "neglect concerns in recent weeks, each with a reasonable explanation on its own.",
            do_differently="Read every new neglect concern against the child's chronology before deciding. No "
            "“monitor” without a date and a named person. Step up after two no-change reviews unless the reason not "
            "to is written down.",
            actions=[
                FollowUp(
                    what="MASH enquiry for Lily", due=second + timedelta(days=2), done_on=second + timedelta(days=1)
                ),
                FollowUp(what="Offer Jayden's mum an Early Help conversation", due=d.ago(5)),
            ],
        ),
        LearningNote(
            id=d.uuid(),
            created_at=stamp(published + timedelta(days=12)),
            created_by=DSL,
            title="“Persistent” is not a reason to wait: cumulative neglect (fictional learning brief)",
            source="Fictionton Safeguarding Children Partnership: CSPR “Child F” (fictional, for the demo)",
            published_on=published,
            key_messages="Each neglect concern was explained on its own and no referral was made until harm had "
            "happened. Practitioners waited for neglect to become “persistent”. Nobody asked what a day in Child F's "
            "life was like.",
            questions="Could this happen here? Which of our children have three or more neglect concerns in 90 days "
            "without a referral? Do our records say why we did not refer?",
            tags=["neglect", "cumulative harm", "threshold", "child's lived experience"],
            what_we_will_change="DSL team reviews the cumulative neglect alert every Monday. Decisions not to refer "
            "always record the reasons and a review date.",
            actions=[
                FollowUp(
                    what="Staff briefing on cumulative neglect",
                    due=published + timedelta(days=40),
                    done_on=published + timedelta(days=35),
                )
            ],
        ),
        LearningNote(
            id=d.uuid(),
            created_at=stamp(published + timedelta(days=60)),
            created_by=DSL,
            title="How has life improved for the child? (TAF reviews)",
            source="Fictionton Safeguarding Children Partnership: thematic review of Early Help (fictional)",
            published_on=published + timedelta(days=45),
            key_messages="TAF reviews recorded services delivered (sessions attended, referrals made) rather than "
            "changes in the child's life. Plans drifted for months without anyone asking the child.",
            questions="Does every review we chair start with the child's lived experience, in their words? When life "
            "has not improved, do we revise the goals and consider a MASH enquiry?",
            tags=["early help", "TAF", "child's voice", "drift"],
            what_we_will_change="The family support worker asks the child for their views before every review and "
            "the review opens with them.",
            actions=[
                FollowUp(
                    what="Update the TAF review template",
                    due=published + timedelta(days=75),
                    done_on=published + timedelta(days=70),
                )
            ],
        ),
    ]


# ---- building the demo -----------------------------------------------------------------------------------


def _hero(key: str, build: Callable[[_Demo], _Case]) -> Callable[[_Demo], _Case]:
    def make(d: _Demo) -> _Case:
        case = build(d)
        d.heroes[key] = case.child.id
        return case

    return make


def _caseload(children: int) -> list[Callable[[_Demo], _Case]]:
    """The hand-written stories first, then template children cycling through the statuses."""
    makers = [_hero(key, build) for key, build in _HEROES[: max(0, children)]]
    for index in range(max(0, children - len(_HEROES))):
        status = _GENERIC_ORDER[index % len(_GENERIC_ORDER)]
        makers.append(partial(_generic, status=status))
    return makers


def build_demo(
    store: RecordStore,
    *,
    children: int = 40,
    seed: int = 2026,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """The showcase caseload. Deterministic for a given (children, seed, today).

    Each child's file is saved in one transaction (with one audit row); ``progress(done, total)`` is
    called after each, and returning False stops the build (what was saved stays saved).
    """
    d = _Demo(seed, today or date.today())
    makers = _caseload(children)
    total = len(makers) + 1
    made = records = concerns = 0
    for index, make in enumerate(makers, start=1):
        batch = make(d).finish()
        store.add_many(batch, detail="demo caseload")
        made += 1
        records += len(batch)
        concerns += sum(isinstance(r, Concern) for r in batch)
        if progress is not None and not progress(index, total):
            return DemoSummary(children=made, records=records, concerns=concerns)
    notes = _staff_notes(d)
    store.add_many(notes, detail="demo caseload")
    records += len(notes)
    if progress is not None:
        progress(total, total)
    return DemoSummary(children=made, records=records, concerns=concerns)


# ---- the large benchmark dataset (DESIGN §6) ---------------------------------------------------------------

_LARGE_WHAT = (
    "Arrived late at {t} and said there had been no breakfast at home; given toast at breakfast club.",
    "Small bruise on the left shin seen in PE at {t}; said it happened playing football at the park.",
    "Told the teaching assistant at {t} that mum and her partner were shouting last night.",
    "No coat at {t} on a wet morning; borrowed one from the uniform cupboard.",
    "Hungry at lunch ({t}); the packed lunch was a packet of crisps.",
    "Fell asleep in class at {t}; said the baby kept everyone awake.",
    "At {t} told a friend that someone online asked for a photo; the friend told the class teacher.",
    "Collected 50 minutes late at {t}; the office phoned the emergency contacts.",
    "Upset at {t} after a phone call home; said dad had not come to contact again.",
    "Late for the fourth time this week at {t}; tired, and said the alarm did not go off.",
    "Tearful at {t}; told the ELSA about worries at home.",
    "Said at {t} that they had to stay in their room all weekend as a punishment.",
)
_LARGE_WORDS = (
    "There wasn't any breakfast.",
    "Mum was shouting at him.",
    "I'm hungry.",
    "I don't want to go home today.",
    "He told me not to tell.",
    "I'm just tired.",
    "",
    "",
)
_LARGE_CATEGORIES = (
    Category.NEGLECT,
    Category.NEGLECT,
    Category.NEGLECT,
    Category.EMOTIONAL,
    Category.DOMESTIC_ABUSE,
    Category.PHYSICAL,
    Category.ONLINE,
    Category.ATTENDANCE,
    Category.MENTAL_HEALTH,
    Category.CHILD_ON_CHILD,
)
_LARGE_DECISIONS = (
    (DslDecision.MONITOR, "Monitor: read with earlier concerns; review in two weeks."),
    (DslDecision.SUPPORT_IN_SCHOOL, "Met in school (breakfast club, spare uniform); parent told at pick-up."),
    (DslDecision.EARLY_HELP, "Early Help offered and agreed."),
    (DslDecision.NO_FURTHER_ACTION, "Consistent accounts from child and parent; recorded for any pattern."),
    (DslDecision.INFORM_SOCIAL_WORKER, "Shared with the allocated social worker the same day."),
)
_LARGE_EVENTS = (
    ("Police notification: call-out to the home; child present.", "Fictionshire Police", Impact.NEGATIVE),
    ("Health visitor: missed developmental check.", "Health visitor", Impact.NEGATIVE),
    ("Strategy discussion held; s47 enquiries.", "Children's social care", Impact.UNKNOWN),
    ("Child protection review conference: plan continued.", "Children's social care", Impact.UNKNOWN),
    ("Moved house within Fictionton.", "Mum", Impact.UNKNOWN),
    ("Started speech and language therapy.", "Children's therapy service", Impact.POSITIVE),
)


def _spread(children: int, concerns: int, heaviest: int, rng: random.Random) -> list[int]:
    """Concerns per child: the first child has ``heaviest``; the rest share what is left, unevenly."""
    if children <= 0:
        return []
    if children == 1:
        return [concerns]
    share, extra = divmod(concerns - heaviest, children - 1)
    counts = [heaviest] + [share + (1 if i < extra else 0) for i in range(children - 1)]
    for i in range(1, children - 1, 2):  # move some between neighbours so counts vary
        moved = rng.randint(0, counts[i] // 2)
        moved = min(moved, max(0, heaviest - counts[i + 1]))
        counts[i] -= moved
        counts[i + 1] += moved
    return counts


def _large_child(d: _Demo) -> Child:
    culture = d.rng.choices(CULTURES, weights=[c.weight for c in CULTURES])[0]
    girl = d.chance(0.5)
    opened = d.ago(d.rng.randint(400, 1100))
    return Child(
        id=d.uuid(),
        created_at=_utc(_on(opened, 9)),
        created_by=DSL,
        legal_forename=d.pick(culture.girls if girl else culture.boys),
        legal_surname=culture.surname(d.pick(culture.surnames), girl),
        dob=d.ago(365 * d.rng.randint(5, 15) + d.rng.randrange(365)),
        gender="Female" if girl else "Male",
        ethnicity=culture.ethnicity,
        first_language=culture.language,
        upn=d.upn(),
        nhs_number=d.nhs_number(),
        address=d.address(),
        school=SCHOOL,
        status=d.pick(list(ChildStatus)),
    )


def _large_concern(d: _Demo, child: Child, staff: Sequence[Staff]) -> Concern:
    day = d.ago(d.rng.randint(1, 1095))
    observed = _on(day, d.rng.randint(8, 15), d.minute())
    recorded = observed + timedelta(minutes=20)
    decision, reasons = d.pick(_LARGE_DECISIONS)
    reporter = d.pick(staff)
    return Concern(
        id=d.uuid(),
        created_at=_utc(recorded),
        created_by=DSL,
        child_id=child.id,
        observed_at=observed,
        recorded_at=recorded,
        reporter_name=reporter.name,
        reporter_role=reporter.role,
        categories=[d.pick(_LARGE_CATEGORIES)],
        severity=d.pick((Severity.LOW, Severity.MEDIUM, Severity.MEDIUM, Severity.HIGH)),
        what_happened=d.pick(_LARGE_WHAT).format(t=observed.strftime("%H:%M")),
        child_words=d.pick(_LARGE_WORDS),
        immediate_action="Told the DSL the same morning.",
        dsl_decision=decision,
        decision_reasons=reasons,
        significant=d.chance(0.2),
    )


def _large_entry(d: _Demo, child: Child) -> ChronologyEntry:
    day = d.ago(d.rng.randint(1, 2500))
    event, source, kind = d.pick(_LARGE_EVENTS)
    approximate = d.chance(0.1)
    return ChronologyEntry(
        id=d.uuid(),
        created_at=_utc(_on(max(day, child.created_at.date()), 17)),
        created_by=DSL,
        child_id=child.id,
        on=None if approximate else day,
        period=term_label(day) if approximate else "",
        event=event,
        source=source,
        impact="Recorded in the child's file." if kind == Impact.UNKNOWN else "See the linked record.",
        impact_kind=kind,
        action_taken="Discussed at the next core group.",
        recorded_by=DSL,
    )


def build_large(
    store: RecordStore,
    *,
    children: int = 1000,
    concerns: int = 50_000,
    heaviest: int = 2_000,
    seed: int = 1,
    today: date | None = None,
) -> DemoSummary:
    """The benchmark dataset (DESIGN §6): many children, ``concerns`` concerns in total, one child with
    ``heaviest`` concerns and as many chronology entries.

    Records are built as model objects and saved with ``store.add_many`` in batches of about 5,000 (one
    transaction and one audit row per batch). With one child, every concern is that child's.
    """
    d = _Demo(seed, today or date.today())
    heaviest = max(0, min(heaviest, concerns))
    counts = _spread(children, concerns, heaviest, d.rng)
    staff = (*CLASS_TEACHERS, TA, MIDDAY, OFFICE, BREAKFAST, ELSA, ATTENDANCE)
    batch: list[Record] = []
    written = 0

    def flush() -> None:
        nonlocal written
        if batch:
            store.add_many(batch, detail="benchmark dataset")
            written += len(batch)
            batch.clear()

    for index, count in enumerate(counts):
        child = _large_child(d)
        batch.append(child)
        batch.extend(_large_concern(d, child, staff) for _ in range(count))
        if index == 0:
            batch.extend(_large_entry(d, child) for _ in range(heaviest))
        if len(batch) >= 5_000:
            flush()
    flush()
    return DemoSummary(children=len(counts), records=written, concerns=sum(counts))
