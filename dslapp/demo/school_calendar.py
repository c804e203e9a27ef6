"""Times and the school calendar: wall-clock times, save stamps, year and term labels, school days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from dslapp.text import dmy


def local_time(day: date, hour: int, minute: int = 0) -> datetime:
    """A naive local wall-clock time on ``day`` (how the models hold event times)."""
    return datetime(day.year, day.month, day.day, hour, minute)


def saved_at(moment: datetime) -> datetime:
    """``created_at`` for a record saved at ``moment`` (fixed offset, so builds match on any machine)."""
    return moment.replace(tzinfo=UTC)


def year_label(year: int) -> str:
    """How a school names year group ``year`` (0 is Reception)."""
    return "Reception" if year == 0 else f"Year {year}"


def school_year_start(day: date | datetime) -> int:
    """The calendar year in which the school year holding ``day`` began (school years start in September)."""
    return day.year if day.month >= 9 else day.year - 1


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
    """A weekday outside the (approximate) school holidays."""
    if day.weekday() >= 5:
        return False
    key = (day.month, day.day)
    return not any(start <= key <= end for start, end in _HOLIDAYS)


def add_school_days(start: date, days: int) -> date:
    """The school day ``days`` school days after ``start``."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if is_school_day(current):
            days -= 1
    return current


def day_month_year(day: date) -> str:
    """``day`` as a school writes it in a note: 03/11/2025."""
    return dmy(day)
