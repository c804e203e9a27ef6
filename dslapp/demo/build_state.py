"""One build's source of fictional facts: random choices, dates counted from ``today``, and identifiers, names
and contact details that must stay unique."""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TypedDict, TypeVar

from dslapp.demo.school_calendar import SCHOOL_DAYS_PER_YEAR, is_school_day, local_time, saved_at, school_year_start
from dslapp.demo.world import DSL, POSTCODE_LETTERS, PRO_MEN, PRO_SURNAMES, PRO_WOMEN, STREETS, TOWNS
from dslapp.models import ChildStatus, Goal
from dslapp.models.child import nhs_number_is_valid

T = TypeVar("T")


class RecordStamp(TypedDict):
    """What every record says about its making: its id, when it was saved and by whom."""

    id: uuid.UUID
    created_at: datetime
    created_by: str


class BuildState:
    """Shared state of one build: the random source, ``today``, and what must stay unique."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.story_children: dict[str, uuid.UUID] = {}
        self.generic_made: dict[ChildStatus, int] = {}
        self._nhs: set[str] = set()
        self._names: set[tuple[str, str]] = set()
        self._pros: set[str] = set()
        self._refs: set[str] = set()
        self.surnames_used: set[str] = set()
        self._school_days: list[date] = []  # school days before today, most recent first

    # -- randomness --
    def uuid(self) -> uuid.UUID:
        """A random (version 4) id drawn from the seeded source, so ids repeat with the seed."""
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def pick(self, options: Sequence[T]) -> T:
        """One of ``options``, each equally likely."""
        return options[self.rng.randrange(len(options))]

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def minute(self) -> int:
        """A minute past the hour, in fives."""
        return self.rng.randrange(0, 60, 5)

    def stamp(self, at: datetime, by: str = DSL) -> RecordStamp:
        """A new record's id (the next from the random source), saved at local time ``at`` by ``by``."""
        return {"id": self.uuid(), "created_at": saved_at(at), "created_by": by}

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
        """A local time on the school day about ``days_ago`` days ago (see ``school_day``)."""
        return local_time(self.school_day(days_ago), hour, minute)

    @property
    def this_year(self) -> int:
        return self.today.year

    def academic_start(self) -> int:
        """The calendar year the current school year began."""
        return school_year_start(self.today)

    def dob_for_year(self, year: int) -> date:
        """A date of birth for a child in ``year`` (0 = Reception) of the current school year."""
        first = date(self.academic_start() - 5 - year, 9, 1)
        return first + timedelta(days=self.rng.randrange(365))

    def dob_aged(self, low: int, high: int) -> date:
        """A date of birth for someone now aged ``low`` to ``high`` (whole years)."""
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
        """A unique pupil number, marked as demo data."""
        return f"DEMO{self.rng.randrange(10**9):09d}"

    def address(self, town: str | None = None) -> str:
        """A fictional street address with a postcode, in ``town`` if given."""
        name, area = self.pick([t for t in TOWNS if town is None or t[0] == town])
        letters = "".join(self.pick(POSTCODE_LETTERS) for _ in range(2))
        postcode = f"{area}{self.rng.randint(1, 4)} {self.rng.randint(1, 9)}{letters}"
        return f"{self.rng.randint(1, 120)} {self.pick(STREETS)}, {name}, {postcode}"

    def phone(self) -> str:
        """A mobile number in Ofcom's range reserved for drama."""
        return f"07700 900{self.rng.randrange(1000):03d}"

    def landline(self) -> str:
        """A landline number in Ofcom's range reserved for drama."""
        return f"01632 960{self.rng.randrange(1000):03d}"

    def reference(self, kind: str = "MASH") -> str:
        """A unique reference another agency would give (``DEMO-MASH-1234``)."""
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
            first = self.pick(PRO_WOMEN if woman else PRO_MEN)
            # a large caseload exhausts the name pools: then add a middle initial to keep names unique
            middle = f" {chr(ord('A') + self.rng.randrange(26))}." if attempts > 50 else ""
            name = f"{'Ms' if woman else 'Mr'} {first}{middle} {self.pick(PRO_SURNAMES)}"
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
        """One goal of an Early Help plan, scored 0–10 at the start (``baseline``)."""
        return Goal(
            goal_id=self.uuid(),
            what_will_change=what,
            who_does_what=who,
            by_when=by_when,
            how_we_will_know=how,
            baseline=baseline,
        )
