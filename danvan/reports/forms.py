from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.lib.forms import DateField
from danvan.lib.query import IdField, PageField, QueryForm, YearField
from danvan.orgs.models import PARTY_KINDS, OrgKind
from danvan.reports.models import SECTIONS, CycleKind, Letterhead, ReportStatus
from danvan.reports.selectors import LATE


class CycleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of report"), choices=CycleKind.choices, initial=CycleKind.HALF_YEAR)
    year = YearField(label=_("Year reported on"), required=True)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=[(q, q) for q in range(1, 5)], coerce=int, initial=1, required=False)
    title = forms.CharField(label=_("Title"), max_length=300, required=False, help_text=_("Left empty: made from the kind and the year."))
    programs = forms.TypedMultipleChoiceField(label=_("Programs covered"), coerce=int, widget=forms.CheckboxSelectMultiple)
    period_start = DateField(
        label=_("Data from"), required=False, help_text=_("Left empty: the usual cut-off (from 15/12 of the year before).")
    )
    period_end = DateField(label=_("Data until"), required=False, help_text=_("Left empty: 14/6 for a half-year, 14/12 for a year."))
    deadline = DateField(label=_("Submission deadline"), required=False, help_text=_("Left empty: a week after the data period ends."))
    kinds = forms.MultipleChoiceField(
        label=_("Who reports"), choices=OrgKind.choices, initial=sorted(PARTY_KINDS), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, programs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programs"].choices = [(p.pk, f"{p} · {p.title[:120]}") for p in programs]
        self.fields["year"].initial = timezone.localdate().year


class ReportTextForm(forms.Form):
    """The narrative parts; every one may be empty while drafting."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in SECTIONS:
            self.fields[key] = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 8 if key == "results" else 4})
            )


class CorrectForm(ReportTextForm):
    reason = forms.CharField(label=_("Reason for the correction"), max_length=1000)


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("What should be changed"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class LetterheadForm(forms.ModelForm):
    class Meta:
        model = Letterhead
        fields = ["superior", "issuer", "code", "place", "sign_for", "signer_position", "signer_name", "recipients", "template"]
        widgets = {"recipients": forms.Textarea(attrs={"rows": 4})}


class CycleQuery(QueryForm):
    org = IdField()
    status = forms.ChoiceField(choices=[("", "—"), *ReportStatus.choices, (LATE, LATE)], required=False)
    q = forms.CharField(max_length=100, required=False)
    page = PageField()


class ChildrenQuery(QueryForm):
    page = PageField()
