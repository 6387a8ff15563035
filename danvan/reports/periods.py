"""The default data period of a report, by the state reporting rule many committees also use
for their cut-off: a half-year runs 15/12 of the year before to 14/6, a year 15/12 to 14/12, a
quarter from the 15th of the month before it starts to the 14th of its last month. Each cycle
may change them."""

from __future__ import annotations

import datetime as dt

from danvan.reports.models import CycleKind

DEADLINE_AFTER_DAYS = 7  # the default submission deadline, after the period ends


def default_period(kind: str, year: int, quarter: int = 1) -> tuple[dt.date, dt.date]:
    start = dt.date(year - 1, 12, 15)
    if kind == CycleKind.HALF_YEAR:
        return start, dt.date(year, 6, 14)
    if kind == CycleKind.QUARTER:
        if not 1 <= quarter <= 4:
            raise ValueError("a quarter is 1 to 4")
        last_month = 3 * quarter
        first = dt.date(year - 1, 12, 15) if quarter == 1 else dt.date(year, last_month - 3, 15)
        return first, dt.date(year, last_month, 14)
    return start, dt.date(year, 12, 14)  # a year, and a topic report until its dates are set


def default_deadline(period_end: dt.date) -> dt.date:
    return period_end + dt.timedelta(days=DEADLINE_AFTER_DAYS)
