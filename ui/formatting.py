"""How dates, times, ages and search snippets look in the app (en-GB: dd/mm/yyyy, 24-hour)."""

from __future__ import annotations

import html
from datetime import date, datetime

from dslapp.text import dmy, dmy_hm

__all__ = ["age", "dmy", "dmy_hm", "dob_and_age", "long_date", "when_saved"]


def long_date(day: date) -> str:
    """'Monday 23 November 2026' (the Today page heading)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def age(dob: date, on: date) -> int:
    years = on.year - dob.year
    if (on.month, on.day) < (dob.month, dob.day):
        years -= 1
    return years


def dob_and_age(dob: date, on: date) -> str:
    years = age(dob, on)
    return f"{dmy(dob)} (age {years})"


def when_saved(moment: datetime, now: datetime) -> str:
    """'10:42 today', '16:05 yesterday' or '12/11/2026 09:30'."""
    local = moment.astimezone() if moment.tzinfo else moment
    current = now.astimezone() if now.tzinfo else now
    if local.date() == current.date():
        return f"{local:%H:%M} today"
    if (current.date() - local.date()).days == 1:
        return f"{local:%H:%M} yesterday"
    return dmy_hm(local.replace(tzinfo=None))


def iso_moment(text: str) -> str:
    """An audit timestamp (ISO, UTC) as local dd/mm/yyyy HH:MM."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return dmy_hm(moment)


def snippet_html(snippet: str, mark_style: str) -> str:
    """A search snippet (matches between \\x02 and \\x03) as safe HTML with the matches marked."""
    out = []
    for index, part in enumerate(snippet.replace("\x03", "\x02").split("\x02")):
        text = html.escape(part.replace("\n", " "))
        out.append(f'<span style="{mark_style}">{text}</span>' if index % 2 else text)
    return "".join(out)


def snippet_plain(snippet: str) -> str:
    return snippet.replace("\x02", "").replace("\x03", "").replace("\n", " ")


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"
