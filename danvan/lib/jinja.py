"""Jinja2 for the templates that draw a page's many rows (`danvan/jinja2/`), included in a
Django template with `{% jinja "app/name.html" %}`.

Django's template language spends some microseconds on every variable, filter, tag and
translated word: on a list page of fifty rows of a dozen of each, and the figures beside it,
that was most of the page's time (a province's concerns, 60 ms of 100). Jinja2 compiles a
template to Python, a several times faster loop. The rows are written as the Django template
wrote them, with these names:

- `_("…")`: the interface's words, through Django's catalogue in the active language
  (`makemessages` finds them: it reads `_("…")` in these files as in Django's);
- `url(name, pk)`: the path of a page that takes one key;
- `|localize`: a number as the language writes it (1.234 in Vietnamese), as Django prints one;
- `obj|display("field")`: `obj.get_field_display()`, the labels of the field's choices
  translated once per language (Django hashes and translates every choice on every call);
- `|day`: a date, or a time in the local time zone, as "28/08/2013" (Django's `|date:"d/m/Y"`);
  `|day_time` a time as "28/08/2013 14:05"; `|localdate` a time's date in the local time zone;
- `|words(n)`: the first n words and " …" (Django's `|truncatewords:n`);
- `fixed(name, key=value)`: a small Django template whose HTML depends only on a few strings
  and the language (a state's badge), drawn once per process rather than once per row.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext, ngettext
from jinja2 import Environment
from markupsafe import Markup

SENTINEL = "987654321"


def environment(**options) -> Environment:
    env = Environment(**options)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["url"] = url
    env.filters["localize"] = formats.localize
    env.filters["display"] = display
    env.filters["day"] = day
    env.filters["day_time"] = lambda value: day(value, "%d/%m/%Y %H:%M")
    env.filters["localdate"] = timezone.localdate
    env.filters["words"] = lambda text, n: Truncator(text).words(n, truncate=" …")
    env.globals["fixed"] = fixed
    return env


def fixed(name: str, **context: str) -> Markup:
    return Markup(_fixed(name, get_language(), tuple(sorted(context.items()))))


@lru_cache(maxsize=256)
def _fixed(name: str, language: str, context: tuple) -> str:
    return render_to_string(name, dict(context)).strip()


def day(value: dt.date | dt.datetime | None, form: str = "%d/%m/%Y") -> str:
    if not value:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime(form)


def display(obj, name: str) -> str:
    field = obj._meta.get_field(name)
    value = getattr(obj, field.attname)
    return _labels(field, get_language()).get(value, value)


@lru_cache(maxsize=256)
def _labels(field, language: str) -> dict:
    return {value: str(label) for value, label in field.flatchoices}


@lru_cache(maxsize=512)
def _pattern(name: str, prefix: str, urlconf: str | None) -> str:
    return reverse(name, args=[int(SENTINEL)], urlconf=urlconf)


def url(name: str, pk: int) -> str:
    """`reverse(name, args=[pk])`, the page's pattern reversed once per process and the key put
    in its place (reversing took a tenth of a list page's rows)."""
    return _pattern(name, get_script_prefix(), get_urlconf()).replace(SENTINEL, str(int(pk)))
