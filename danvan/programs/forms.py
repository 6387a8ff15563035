"""The programs stage's forms."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from danvan.documents.review import parse_cadence, parse_deadline
from danvan.lib.forms import DateField
from danvan.lib.query import IdField, QueryForm, YearField
from danvan.orgs.models import OrgKind
from danvan.programs.models import ActivityKind, ProgramStatus
from danvan.programs.selectors import CASCADE_SCOPES


class ProgramForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), widget=forms.Textarea(attrs={"rows": 2}))
    number = forms.CharField(label=gettext_lazy("Number"), max_length=64, required=False, help_text="754-CT/ĐU")
    doc_type = forms.CharField(
        label=gettext_lazy("Type"), max_length=64, required=False, help_text=gettext_lazy("Program, plan, directive…")
    )
    issued_on = DateField(label=gettext_lazy("Issued on"), required=False)
    valid_from = DateField(label=gettext_lazy("In force from"), initial=timezone.localdate)
    valid_to = DateField(label=gettext_lazy("In force until"), required=False)
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ProgramStatus.choices, initial=ProgramStatus.ACTIVE)


class TaskForm(forms.Form):
    ref = forms.CharField(label=gettext_lazy("Ref"), max_length=32, help_text="II.1.3")
    text = forms.CharField(label=gettext_lazy("Task"), widget=forms.Textarea(attrs={"rows": 4}))
    cadence = forms.CharField(
        label=gettext_lazy("How often"), required=False, help_text=gettext_lazy("e.g. “hằng năm”, “1-2 lần/năm”, “định kỳ”, “một lần”")
    )
    deadline = forms.CharField(label=gettext_lazy("Deadline"), required=False, help_text="30/3/2026, 03/2026, Quý I/2026, 2026")
    actor_kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Kinds of organization that act"),
        choices=OrgKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None ticked: every party organization and cell."),
    )
    lead = forms.CharField(label=gettext_lazy("Lead body"), max_length=255, required=False)
    fulfilled_by = forms.ChoiceField(
        label=gettext_lazy("Fulfilled by"), choices=[("", gettext_lazy("Guess from the text")), *ActivityKind.choices], required=False
    )

    def clean_cadence(self):
        return parse_cadence(self.cleaned_data["cadence"])

    def clean_deadline(self):
        return parse_deadline(self.cleaned_data["deadline"]) or ""


class CascadeForm(forms.Form):
    scope = forms.ChoiceField(label=gettext_lazy("Send to"), choices=CASCADE_SCOPES, widget=forms.RadioSelect, initial="subtree")
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=OrgKind.choices, required=False, initial=OrgKind.CELL)
    codes = forms.CharField(label=gettext_lazy("Codes"), required=False, help_text=gettext_lazy("Separated by commas or spaces"))


class OwnTaskForm(forms.Form):
    """A task an adopting org adds for itself (field names as the adoption page posts them)."""

    own_ref = forms.CharField(label=gettext_lazy("Ref"), max_length=32)
    own_text = forms.CharField(label=gettext_lazy("Task"), widget=forms.Textarea(attrs={"rows": 3}))
    own_cadence = forms.CharField(label=gettext_lazy("How often"), required=False)
    own_deadline = forms.CharField(label=gettext_lazy("Deadline"), required=False)

    def clean_own_cadence(self):
        return parse_cadence(self.cleaned_data["own_cadence"])

    def clean_own_deadline(self):
        return parse_deadline(self.cleaned_data["own_deadline"]) or ""


class ProgramViewQuery(QueryForm):
    """The part of the tree and the year a program's matrix or obligation list shows."""

    org = IdField()
    year = YearField()
    format = forms.ChoiceField(choices=[("", "—"), ("xlsx", "Excel")], required=False)  # the page, or its rows in Excel
