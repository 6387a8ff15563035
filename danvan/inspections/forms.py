from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.inspections.models import InspectionKind
from danvan.lib.forms import DateField
from danvan.lib.query import PageField, QueryForm, YearField


class InspectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=InspectionKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    scope = forms.CharField(label=_("Scope"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    subjects = forms.TypedMultipleChoiceField(label=_("Organizations inspected"), coerce=int)
    starts_on = DateField(label=_("From"))
    ends_on = DateField(label=_("Until"))
    decision = forms.CharField(
        label=_("Decision forming the team"), max_length=120, required=False, help_text=_("Its number, such as 12-QĐ/ĐU.")
    )
    decided_on = DateField(label=_("Decided on"), required=False)
    team_head = forms.TypedChoiceField(label=_("Head of the team"), coerce=int, required=False, empty_value=None)
    team = forms.CharField(label=_("Team members"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000)
    task = forms.TypedChoiceField(
        label=_("Task of the program it carries out"), coerce=int, required=False, empty_value=None,
        help_text=_("From the program of inspection and supervision: its conclusion meets that task."),
    )  # fmt: skip

    def __init__(self, *args, orgs=(), members=(), tasks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subjects"].choices = [(o.pk, o.name) for o in orgs]
        self.fields["team_head"].choices = [("", "—"), *((m.person_id, m.person.full_name) for m in members)]
        self.fields["task"].choices = [("", "—"), *((t.pk, f"{t.ref}. {t.text[:100]}") for t in tasks)]


class ConcludeForm(forms.Form):
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000)
    conclusion = forms.CharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000)
    concluded_on = DateField(label=_("Concluded on"))


class RecommendationForm(forms.Form):
    org = forms.TypedChoiceField(label=_("To carry it out"), coerce=int)
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    due = DateField(label=_("Due"), required=False)

    def __init__(self, *args, orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(o.pk, o.name) for o in orgs]


class ReportForm(forms.Form):
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000)


class VerifyForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label=_("Verification"), coerce=lambda v: v == "yes", choices=[("yes", _("Done: close it")), ("no", _("Not done: send it back"))],
        widget=forms.RadioSelect,
    )  # fmt: skip
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class InspectionsQuery(QueryForm):
    year = YearField()
    page = PageField()
    format = forms.ChoiceField(choices=[("", ""), ("xlsx", "xlsx")], required=False)


class NoticeForm(forms.Form):
    issued_on = DateField(label=_("Issued on"))
    signer = forms.CharField(label=_("Signed by"), max_length=100)
    position = forms.CharField(label=_("Signer's position"), max_length=100, required=False)
