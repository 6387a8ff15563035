from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.lib.forms import DateField
from danvan.lib.query import PageField, QueryForm, YearField
from danvan.press.models import PressKind


class PressForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    outlet = forms.CharField(label=_("Outlet"), max_length=200, help_text=_("The newspaper, magazine, station or site."))
    published_on = DateField(label=_("Published on"), initial=timezone.localdate)
    kind = forms.ChoiceField(label=_("Kind"), choices=PressKind.choices)
    link = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False, help_text=_("Up to 25 MB."))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class PressQuery(QueryForm):
    year = YearField()
    kind = forms.ChoiceField(choices=[("", ""), *PressKind.choices], required=False)
    page = PageField()
    format = forms.ChoiceField(choices=[("", ""), ("xlsx", "xlsx")], required=False)
