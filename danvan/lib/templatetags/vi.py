"""Template filters for Vietnamese text, loaded as builtins in every template."""

import datetime as dt
import re
import uuid

from django import template
from django.template import engines
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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
def jinja(context, name: str, **names) -> str:
    """{% jinja "concerns/rows.html" %}: what that Jinja2 template of `danvan/jinja2/` draws, given
    this template's context and the names passed (`o=org`); see `danvan.lib.jinja`."""
    given = {**context.flatten(), **names}
    return mark_safe(engines["jinja"].get_template(name).render(given, context.get("request")))  # noqa: S308 - Jinja2 escapes


@register.simple_tag(takes_context=True)
def submission_field(context) -> str:
    """The one-time key of a form that creates something (see danvan.audit.once): a new one for a
    fresh form, the same one when the form comes back with an error."""
    request = context.get("request")
    posted = (request.POST.get("submission") or "") if request is not None and request.method == "POST" else ""
    key = posted if re.fullmatch(r"[0-9a-f]{32}", posted) else uuid.uuid4().hex
    return format_html('<input type="hidden" name="submission" value="{}">', key)


@register.inclusion_tag("forms/_error_summary.html")
def error_summary(form=None, formset=None, formset_label: str = "") -> dict:
    """At the top of a long form: every error, each linking to its field. `formset_label` names
    a form of the formset ("Nhiệm vụ"), numbered from 1."""
    items: list[tuple[str, str]] = []

    def add(one, prefix: str = "") -> None:
        for message in one.non_field_errors():
            items.append(("", f"{prefix}{message}"))
        for field in one:
            for message in field.errors:
                items.append((field.id_for_label or "", f"{prefix}{field.label}: {message}"))

    if form is not None and form.is_bound:
        add(form)
    if formset is not None and formset.is_bound:
        for message in formset.non_form_errors():
            items.append(("", str(message)))
        for number, one in enumerate(formset.forms, start=1):
            add(one, f"{formset_label} {number} · " if formset_label else f"{number} · ")
    return {"items": items}
