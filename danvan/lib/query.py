"""Query parameters read through forms: a bad value (`?year=0`, `?page=x`) answers 400 with the
form's message in the user's language instead of being guessed at or crashing."""

from __future__ import annotations

from django import forms
from django.core.exceptions import BadRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MIN_YEAR, MAX_YEAR = 1990, 2100


def current_year() -> int:
    return timezone.localdate().year


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("initial", current_year)
        super().__init__(min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)


class PageField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Page"))
        super().__init__(min_value=1, max_value=10**6, required=False, initial=1, **kwargs)


class IdField(forms.IntegerField):
    """An optional object id in the address."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=1, max_value=2**63 - 1, **kwargs)


class QueryForm(forms.Form):
    """A form over `request.GET`. `read` returns the cleaned values, a missing one replaced by
    the field's `initial`, or raises BadRequest with the form's messages."""

    @classmethod
    def read(cls, request) -> dict:
        form = cls(request.GET)
        if not form.is_valid():
            raise BadRequest(
                "; ".join(f"{form.fields[name].label or name}: {' '.join(str(e) for e in errors)}" for name, errors in form.errors.items())
            )
        values = {}
        for name, field in form.fields.items():
            value = form.cleaned_data.get(name)
            if value in (None, "", []) and field.initial is not None:
                value = field.initial() if callable(field.initial) else field.initial
            values[name] = value
        return values


class YearQuery(QueryForm):
    year = YearField()


class PageQuery(QueryForm):
    """A list's page number, and nothing else."""

    page = PageField()
