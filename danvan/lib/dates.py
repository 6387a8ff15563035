"""Dates as Vietnamese write them: "ngày 28 tháng 8 năm 2013", and dd/mm/yyyy typed by hand."""

import calendar
import datetime as dt
import re

from django.utils import timezone
from django.utils.translation import gettext as _

_DMY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_TYPED = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})\s*$")
EXAMPLE = "28/08/2013"


def long_date(value: dt.date, *, capital: bool = False) -> str:
    """ "ngày 28 tháng 8 năm 2013" (no leading zeros, as the Party's documents write it)."""
    word = "Ngày" if capital else "ngày"
    return f"{word} {value.day} tháng {value.month} năm {value.year}"


def parse_date(value: str) -> dt.date:
    """Read a day-first date ("05/08/2013" is 5 August) or an ISO date; raise ValueError otherwise."""
    match = _DMY.match(value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    match = _ISO.match(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    raise ValueError(f"not a date: {value!r}")


class DateError(ValueError):
    """A typed date that is not one, with a message (in the user's language) saying why."""


def read_date(value: str, *, today: dt.date | None = None) -> dt.date:
    """Read a date as people type it: d/m/yy, dd/mm/yyyy (with /, . or -) or ISO. A two-digit
    year is in this century unless that is more than 20 years ahead. Raises DateError saying
    precisely what is wrong: "ngày 31/02/2026 không có", a month 13, or not a date at all."""
    text = value.strip()
    match = _TYPED.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if len(match[3]) == 2:
            this_year = (today or timezone.localdate()).year
            year += 2000 if 2000 + year <= this_year + 20 else 1900
    elif match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise DateError(
            _("“%(value)s” is not a date: write day/month/year, for example %(example)s or 28/8/13.")
            % {"value": text[:40], "example": EXAMPLE}
        )
    if not 1 <= month <= 12:
        raise DateError(
            _("There is no month %(month)s: write day/month/year, for example %(example)s.") % {"month": month, "example": EXAMPLE}
        )
    if not 1900 <= year <= 2200:
        raise DateError(_("The year %(year)s is not plausible.") % {"year": year})
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DateError(
            _("There is no %(date)s: %(month)s/%(year)s has %(days)s days.")
            % {"date": f"{day:02d}/{month:02d}/{year}", "month": month, "year": year, "days": days}
        )
    return dt.date(year, month, day)
