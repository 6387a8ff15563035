from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.emulation.models import CouncilRole, Field, Practice
from danvan.emulation.services import criteria_text, read_criteria
from danvan.lib.forms import DateField, MultipleFileField
from danvan.lib.query import PageField, QueryForm, YearField

TEXTAREA = {"rows": 3}


class CampaignForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year)
    title = forms.CharField(label=_("Title"), max_length=300)
    register_until = DateField(label=_("Registration until"))
    review_by = DateField(label=_("Year-end review by"))
    day = DateField(label=_("Commended on"), required=False, help_text=_("The Day of Mass Mobilization, 15 October, by default."))
    criteria = forms.CharField(
        label=_("Criteria"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line: “criterion | points”."),
    )

    def clean_criteria(self):
        from django.core.exceptions import ValidationError

        try:
            return read_criteria(self.cleaned_data["criteria"])
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None


class CampaignEditForm(CampaignForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["year"]
        self.fields["day"].required = True


def campaign_initial(campaign) -> dict:
    fields = ("title", "register_until", "review_by", "day")
    return {**{f: getattr(campaign, f) for f in fields}, "criteria": criteria_text(campaign.criteria)}


class PracticeForm(forms.Form):
    campaign = forms.TypedChoiceField(label=_("Campaign"), coerce=int)
    name = forms.CharField(label=_("Name of the model"), max_length=300)
    field = forms.ChoiceField(label=_("Field"), choices=Field.choices)
    problem = forms.CharField(label=_("The local problem it addresses"), widget=forms.Textarea(attrs=TEXTAREA))
    goals = forms.CharField(label=_("Goals and measurable criteria"), widget=forms.Textarea(attrs=TEXTAREA))
    method = forms.CharField(label=_("Content and method"), widget=forms.Textarea(attrs=TEXTAREA))
    area = forms.CharField(label=_("Area and beneficiaries"), widget=forms.Textarea(attrs=TEXTAREA))
    forces = forms.CharField(label=_("Lead and supporting forces"), widget=forms.Textarea(attrs=TEXTAREA))
    resources = forms.CharField(label=_("Resources"), widget=forms.Textarea(attrs=TEXTAREA), required=False)
    starts_on = DateField(label=_("From"))
    ends_on = DateField(label=_("Until"))
    outputs = forms.CharField(label=_("Verifiable outputs"), widget=forms.Textarea(attrs=TEXTAREA))
    sustain = forms.CharField(label=_("How it will be sustained and replicated"), widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args, campaigns=(), **kwargs):
        super().__init__(*args, **kwargs)
        if campaigns is None:
            del self.fields["campaign"]
        else:
            self.fields["campaign"].choices = [(c.pk, f"{c.title} ({c.org.name})") for c in campaigns]


def practice_initial(practice: Practice) -> dict:
    return {f: getattr(practice, f) for f in PracticeForm.base_fields if f != "campaign"}


class ProgressForm(forms.Form):
    reported_on = DateField(label=_("Reported on"), initial=timezone.localdate)
    text = forms.CharField(label=_("What was done and achieved"), widget=forms.Textarea(attrs=TEXTAREA))
    activity = forms.TypedChoiceField(label=_("Activity"), coerce=int, required=False, empty_value=None)
    files = MultipleFileField(label=_("Evidence"), required=False, help_text=_("Photos, minutes, documents… up to 25 MB each."))

    def __init__(self, *args, activities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [("", "—"), *((a.pk, f"{a.held_on:%d/%m/%Y} · {a.title}") for a in activities)]


class ReviewForm(forms.Form):
    review = forms.CharField(label=_("Year-end review"), widget=forms.Textarea(attrs={"rows": 4}))
    reviewed_on = DateField(label=_("Reviewed on"), initial=timezone.localdate)
    replicated = forms.BooleanField(label=_("Replicated elsewhere"), required=False)
    replicated_where = forms.CharField(label=_("Replicated where"), max_length=300, required=False)


class NominateForm(forms.Form):
    achievements = forms.CharField(label=_("Achievements"), widget=forms.Textarea(attrs={"rows": 4}))


class IndividualForm(NominateForm):
    campaign = forms.TypedChoiceField(label=_("Campaign"), coerce=int)
    person = forms.TypedChoiceField(label=_("Person"), coerce=int)

    def __init__(self, *args, campaigns=(), members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].choices = [(c.pk, f"{c.title} ({c.org.name})") for c in campaigns]
        self.fields["person"].choices = [(m.person_id, m.person.full_name) for m in members]
        self.order_fields(["campaign", "person", "achievements"])


class CouncilForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Person"), coerce=int)
    role = forms.ChoiceField(label=_("Role"), choices=CouncilRole.choices, initial=CouncilRole.MEMBER)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(m.person_id, m.person.full_name) for m in members]


class ScoreForm(forms.Form):
    """One box per criterion of the campaign, a comment, and the conflict of interest."""

    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    conflict = forms.BooleanField(label=_("I declare a conflict of interest and do not score this nomination"), required=False)

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        for i, criterion in enumerate(criteria):
            self.fields[f"c{i}"] = forms.IntegerField(
                label=f"{criterion['name']} (0–{criterion['max']})", min_value=0, max_value=int(criterion["max"]), required=False
            )
        self.order_fields([f"c{i}" for i in range(len(criteria))] + ["comment", "conflict"])
        self.count = len(criteria)

    def clean(self):
        data = super().clean()
        if not data.get("conflict") and any(data.get(f"c{i}") is None for i in range(self.count)):
            raise forms.ValidationError(_("Give points for each criterion, or declare a conflict of interest."))
        data["points"] = [data.get(f"c{i}") or 0 for i in range(self.count)]
        return data


class CommendForm(forms.Form):
    nominations = forms.TypedMultipleChoiceField(label=_("Commended"), coerce=int, widget=forms.CheckboxSelectMultiple)
    issued_on = DateField(label=_("Decision issued on"))
    signer = forms.CharField(label=_("Signed by"), max_length=100)
    signer_position = forms.CharField(label=_("Signer's position"), max_length=100, required=False)

    def __init__(self, *args, nominations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].choices = [(n.pk, n.nominee) for n in nominations]


class StatsQuery(QueryForm):
    year = YearField()
    page = PageField()


class PracticesQuery(QueryForm):
    field = forms.ChoiceField(choices=[("", ""), *Field.choices], required=False)
    page = PageField()
    format = forms.ChoiceField(choices=[("", ""), ("xlsx", "xlsx")], required=False)
