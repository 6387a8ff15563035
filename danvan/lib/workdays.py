"""The Vietnamese working-day calendar: weekends and public holidays (Tết by the lunar calendar,
substituted days included) from the `holidays` package, with the administrators' own
adjustments on top (a day made working or made off). No domain here: callers pass adjustments."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("VN", years=year))


class Calendar:
    def __init__(self, adjustments: dict[dt.date, bool] | None = None):
        """`adjustments` maps a date to True (a working day) or False (a day off)."""
        self.adjustments = adjustments or {}

    def is_working(self, day: dt.date) -> bool:
        if day in self.adjustments:
            return self.adjustments[day]
        return day.weekday() < 5 and day not in public_holidays(day.year)

    def on_or_after(self, day: dt.date) -> dt.date:
        """A deadline that falls on a day off moves to the next working day."""
        while not self.is_working(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        while count > 0:
            day += dt.timedelta(days=1)
            if self.is_working(day):
                count -= 1
        return day

    def minus_working_days(self, day: dt.date, count: int) -> dt.date:
        """The working day `count` working days before `day` (3 before a Monday deadline is the Wednesday)."""
        while count > 0:
            day -= dt.timedelta(days=1)
            if self.is_working(day):
                count -= 1
        return day
