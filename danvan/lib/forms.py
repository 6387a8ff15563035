"""How forms render (one field template for the whole project, `{{ field.as_field_group }}`),
and the fields every form shares."""

from django import forms
from django.forms.renderers import TemplatesSetting

from danvan.lib.dates import DateError, read_date


class FormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"


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
