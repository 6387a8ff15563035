"""Dates as Vietnamese write them: "ngày 28 tháng 8 năm 2013", and dd/mm/yyyy typed by hand."""

import datetime as dt
import re

_DMY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


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
