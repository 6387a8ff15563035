"""Template filters for Vietnamese text, loaded as builtins in every template."""

import datetime as dt
import re
import uuid

from django import template
from django.utils.html import format_html

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


@register.simple_tag(takes_context=True)
def submission_field(context) -> str:
    """The one-time key of a form that creates something (see danvan.audit.once): a new one for a
    fresh form, the same one when the form comes back with an error."""
    request = context.get("request")
    posted = (request.POST.get("submission") or "") if request is not None and request.method == "POST" else ""
    key = posted if re.fullmatch(r"[0-9a-f]{32}", posted) else uuid.uuid4().hex
    return format_html('<input type="hidden" name="submission" value="{}">', key)
