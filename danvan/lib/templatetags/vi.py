"""Template filters for Vietnamese text, loaded as builtins in every template."""

import datetime as dt

from django import template

from danvan.lib.dates import long_date

register = template.Library()


@register.filter
def vndate(value: dt.date | dt.datetime | None) -> str:
    """{{ d|vndate }} → "ngày 28 tháng 8 năm 2013", fit for the middle of a sentence."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return long_date(value)
