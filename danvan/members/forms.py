from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.lib.query import PageField, QueryForm, YearField
from danvan.members.models import Assessment, CommonTask, Place


class AssignForm(forms.Form):
    people = forms.TypedMultipleChoiceField(label=_("Members"), coerce=int, widget=forms.CheckboxSelectMultiple)
    common = forms.ModelChoiceField(label=_("A common task"), queryset=CommonTask.objects.all(), required=False)
    text = forms.CharField(label=_("Or the task in your words"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000)
    place = forms.ChoiceField(label=_("Where"), choices=Place.choices, initial=Place.WORKPLACE)
    with_whom = forms.CharField(label=_("With whom"), max_length=300, required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = [(row["person"].pk, row["person"].full_name) for row in members]

    def clean(self):
        data = super().clean()
        data["text"] = (data.get("text") or "").strip() or (data["common"].text if data.get("common") else "")
        return data


class SelfReportForm(forms.Form):
    text = forms.CharField(label=_("What you did"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000)


class AssessForm(forms.Form):
    assessment = forms.ChoiceField(label=_("Assessment"), choices=Assessment.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Comment"), max_length=500, required=False)


class TasksQuery(QueryForm):
    year = YearField()
    page = PageField()
    format = forms.ChoiceField(choices=[("", ""), ("xlsx", "xlsx"), ("template", "template")], required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"), help_text=_("The sheet downloaded above, filled in. Up to 5 MB."))
