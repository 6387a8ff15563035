"""From a task's cadence to the periods an org must act in: pure functions, no database.

One period per (task, org): its dates, the due day (moved to the next working day when it falls on
a day off), and how many activities fulfil it ("1-2 lần/năm": done at 1, 2 at most).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re
from dataclasses import dataclass

from danvan.lib.workdays import Calendar

REPORTING_MONTHS = 6  # a continuous task is assessed in each reporting period (half-year)
DEFAULT_INTERVAL_MONTHS = 3  # "định kỳ" when the adopting org has not set its own interval


@dataclass(frozen=True)
class Period:
    key: str  # stable identifier within a year, e.g. "2026", "2026-Q1", "2026-10-15"
    start: dt.date
    end: dt.date
    due: dt.date
    required: int = 1
    maximum: int | None = None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _calendar.monthrange(year, month)[1])


def _months(year: int, size: int, prefix: str, cal: Calendar, required: int, maximum: int | None) -> list[Period]:
    periods = []
    for index, first in enumerate(range(1, 13, size), start=1):
        start, end = dt.date(year, first, 1), _month_end(year, first + size - 1)
        periods.append(
            Period(f"{year}-{prefix}{index}" if prefix else f"{year}-{first:02d}", start, end, cal.on_or_after(end), required, maximum)
        )
    return periods


def deadline_bounds(deadline: str) -> tuple[dt.date, dt.date] | None:
    """The span a deadline names: "2026-Q1" → 1/1–31/3/2026; "2026-03-30" → that day."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", deadline):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", deadline):
        year, q = int(m[1]), int(m[2])
        return dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    if m := re.fullmatch(r"(\d{4})-H([12])", deadline):
        year, h = int(m[1]), int(m[2])
        return dt.date(year, 6 * h - 5, 1), _month_end(year, 6 * h)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", deadline):
        year, month = int(m[1]), int(m[2])
        return dt.date(year, month, 1), _month_end(year, month)
    if m := re.fullmatch(r"(\d{4})", deadline):
        return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
    return None


def periods_for(
    cadence: dict,
    year: int,
    cal: Calendar,
    *,
    interval_months: int | None = None,
    deadline: str | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> list[Period]:
    """The periods of `year` for one cadence entry ({per, min, max, on})."""
    per = cadence["per"]
    low, high = cadence.get("min"), cadence.get("max")
    required = low if low else (1 if not high else 1)
    if per == "year" and cadence.get("on"):
        month, day = (int(x) for x in cadence["on"].split("-"))
        fixed = dt.date(year, month, day)
        return [Period(f"{year}-{month:02d}-{day:02d}", dt.date(year, 1, 1), fixed, cal.on_or_after(fixed), required, high)]
    if per == "year":
        end = dt.date(year, 12, 31)
        return [Period(str(year), dt.date(year, 1, 1), end, cal.on_or_after(end), required, high)]
    if per == "half_year":
        return _months(year, 6, "H", cal, required, high)
    if per == "quarter":
        return _months(year, 3, "Q", cal, required, high)
    if per == "month":
        return _months(year, 1, "", cal, required, high)
    if per == "week":
        periods = []
        monday = dt.date.fromisocalendar(year, 1, 1)
        while monday.isocalendar()[0] == year:
            sunday = monday + dt.timedelta(days=6)
            periods.append(Period(f"{year}-W{monday.isocalendar()[1]:02d}", monday, sunday, cal.on_or_after(sunday), required, high))
            monday += dt.timedelta(days=7)
        return periods
    if per == "periodic":
        size = interval_months or DEFAULT_INTERVAL_MONTHS
        if 12 % size:
            size = DEFAULT_INTERVAL_MONTHS
        return _months(year, size, f"P{size}M", cal, required, high)
    if per == "continuous":
        return _months(year, REPORTING_MONTHS, "H", cal, 1, None)
    if per == "term":
        # One period over the program's validity, counted in the year it ends.
        if valid_to is None or valid_to.year != year:
            return []
        start = valid_from or dt.date(year, 1, 1)
        return [Period(f"term-{valid_to.isoformat()}", start, valid_to, cal.on_or_after(valid_to), required, high)]
    if per == "once":
        bounds = deadline_bounds(deadline) if deadline else None
        if bounds is None:
            end = valid_to or dt.date(year, 12, 31)
        else:
            end = bounds[1]
        if end.year != year:
            return []
        start = valid_from if valid_from and valid_from <= end else dt.date(year, 1, 1)
        return [Period(f"once-{end.isoformat()}", start, end, cal.on_or_after(end), 1, None)]
    return []


def task_periods(cadences: list[dict], year: int, cal: Calendar, **kwargs) -> list[Period]:
    """All periods of a task in `year`. A task with no cadence is assessed like a continuous one."""
    if not cadences:
        cadences = [{"per": "continuous"}]
    elif any(c["per"] not in ("continuous", "periodic") for c in cadences):
        # "thường xuyên" or "định kỳ" beside a concrete rhythm ("định kỳ mỗi tháng") only says to
        # keep at it; the rhythm is what is checked.
        cadences = [c for c in cadences if c["per"] not in ("continuous", "periodic")]
    elif any(c["per"] != "continuous" for c in cadences):
        cadences = [c for c in cadences if c["per"] != "continuous"]
    seen: dict[str, Period] = {}
    for cadence in cadences:
        for period in periods_for(cadence, year, cal, **kwargs):
            seen.setdefault(period.key, period)
    return sorted(seen.values(), key=lambda p: (p.due, p.key))
