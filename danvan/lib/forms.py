"""How forms render (one field template for the whole project, `{{ field.as_field_group }}`),
and the fields every form shares."""

from django import forms
from django.forms.renderers import Jinja2, TemplatesSetting
from django.utils.functional import cached_property

from danvan.lib.dates import DateError, read_date


class FormRenderer(TemplatesSetting):
    """Our field template through the project's templates; Django's own form and widget
    templates through Jinja2, for which Django ships the same templates: the same HTML, made
    several times faster (a cell's activity form, with a radio row per member and a box per
    task, renders some 40 widgets of 4–40 options, each option its own template)."""

    field_template_name = "forms/field.html"

    @cached_property
    def _django_forms(self) -> Jinja2:
        return Jinja2()

    def get_template(self, template_name):
        if template_name.startswith("django/forms/"):
            return self._django_forms.get_template(template_name)
        return super().get_template(template_name)


class DateInput(forms.DateInput):
    """A text box for dd/mm/yyyy: the browser's own date picker shows mm/dd on English phones."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", **(attrs or {})}, format="%d/%m/%Y"
        )


class DateField(forms.DateField):
    """A date typed by hand: d/m/yy or dd/mm/yyyy, with a precise message when it is not one
    (see `danvan.lib.dates.read_date`)."""

    widget = DateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            try:
                return read_date(value)
            except DateError as exc:
                raise forms.ValidationError(str(exc), code="invalid") from None
        return super().to_python(value)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented way)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []
