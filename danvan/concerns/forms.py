from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.concerns.models import Category, Channel, ConcernStatus, Raiser, Rating
from danvan.lib.forms import DateField
from danvan.lib.query import PageField, QueryForm, YearField


class ConcernForm(forms.Form):
    channel = forms.ChoiceField(label=_("Raised through"), choices=Channel.choices)
    raiser = forms.ChoiceField(label=_("Raised by"), choices=Raiser.choices, widget=forms.RadioSelect, initial=Raiser.PERSON)
    person = forms.TypedChoiceField(label=_("Person"), required=False, coerce=int, empty_value=None)
    citizen_name = forms.CharField(label=_("Citizen's name"), max_length=200, required=False)
    citizen_contact = forms.CharField(label=_("Citizen's contact"), max_length=200, required=False)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.all())
    title = forms.CharField(label=_("Subject"), max_length=300)
    text = forms.CharField(label=_("What was raised"), widget=forms.Textarea(attrs={"rows": 4}))
    received_on = DateField(label=_("Received on"), initial=timezone.localdate)
    org = forms.TypedChoiceField(label=_("Answered by"), coerce=int, help_text=_("This organization or one under it."))
    handler = forms.TypedChoiceField(label=_("Lead handler"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, members=(), orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        people = [("", "—"), *[(m.person_id, m.person.full_name) for m in members]]
        self.fields["person"].choices = self.fields["handler"].choices = people
        self.fields["org"].choices = [(o.pk, o.name) for o in orgs]


class ActForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in ("assign", "start", "refer", "return", "answer", "rate", "reopen", "close")])
    handler = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    to_org = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    note = forms.CharField(required=False, max_length=5000)
    rating = forms.ChoiceField(required=False, choices=[("", "—"), *Rating.choices])


class ConcernQuery(QueryForm):
    status = forms.ChoiceField(choices=[("", "—"), ("open", "open"), ("overdue", "overdue"), *ConcernStatus.choices], required=False)
    category = forms.IntegerField(min_value=1, max_value=2**31, required=False)
    year = forms.IntegerField(min_value=1945, max_value=2100, required=False)
    format = forms.ChoiceField(choices=[("", ""), ("xlsx", "xlsx")], required=False)
    page = PageField()


class ActivityQuery(QueryForm):
    activity = forms.IntegerField(min_value=1, max_value=2**63 - 1, required=False)


class CommitmentForm(forms.Form):
    org = forms.TypedChoiceField(label=_("Mass organization"), coerce=int)
    text = forms.CharField(label=_("Commitment"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int, empty_value=None)
    due = DateField(label=_("Due"), required=False)

    def __init__(self, *args, orgs=(), members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(o.pk, o.name) for o in orgs]
        self.fields["owner"].choices = [("", "—"), *[(m.person_id, m.person.full_name) for m in members]]


class CommitmentEditForm(CommitmentForm):
    """A commitment corrected: its wording, owner and deadline (its organization and session stay)."""

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, members=members, **kwargs)
        del self.fields["org"]


class CloseForm(forms.Form):
    result = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}))
    done_on = DateField(label=_("Done on"), initial=timezone.localdate)


class DisclosureRecordForm(forms.Form):
    item = forms.ModelChoiceField(label=_("What is disclosed"), queryset=None)
    form = forms.ChoiceField(label=_("Form of disclosure"), choices=[])
    disclosed_on = DateField(label=_("Disclosed on"), initial=timezone.localdate)
    posted_days = forms.IntegerField(label=_("Days posted"), min_value=1, max_value=366, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    proof = forms.FileField(label=_("Proof"), required=False, help_text=_("A photo of the posted notice, the minutes… up to 25 MB."))

    def __init__(self, *args, **kwargs):
        from danvan.concerns.models import DisclosureForm, DisclosureItem

        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = DisclosureItem.objects.all()
        self.fields["form"].choices = DisclosureForm.choices


class DisclosureEditForm(DisclosureRecordForm):
    """A disclosure corrected: what is disclosed stays (record the other item instead); a new proof replaces the old."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["item"]
        self.fields["proof"].help_text = _("Only to replace the proof kept. Up to 25 MB.")


class RemoveForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, remove it"), error_messages={"required": _("Tick the box to confirm the removal.")})


class YearOnly(QueryForm):
    year = YearField()
    format = forms.ChoiceField(choices=[("", ""), ("xlsx", "xlsx")], required=False)


class PageOrExcel(QueryForm):
    page = PageField()
    format = forms.ChoiceField(choices=[("", ""), ("xlsx", "xlsx")], required=False)


class ConferenceForm(forms.Form):
    resolution = forms.CharField(label=_("Resolution adopted"), widget=forms.Textarea(attrs={"rows": 4}))
    resolution_file = forms.FileField(label=_("Resolution (file)"), required=False, help_text=_("Up to 25 MB."))


class BoardForm(forms.Form):
    term_start = DateField(label=_("Term from"))
    term_end = DateField(label=_("Term until"))
    conference = forms.TypedChoiceField(label=_("Elected at"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, conferences=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conference"].choices = [
            ("", "—"),
            *((c.pk, f"{c.activity.title} ({c.activity.held_on:%d/%m/%Y})") for c in conferences),
        ]


class BoardMemberForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Person"), coerce=int)
    role = forms.ChoiceField(label=_("Role"), choices=[])

    def __init__(self, *args, members=(), **kwargs):
        from danvan.concerns.models import BoardRole

        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(m.person_id, m.person.full_name) for m in members]
        self.fields["role"].choices = BoardRole.choices


class BoardReportForm(forms.Form):
    reported_on = DateField(label=_("Reported on"), initial=timezone.localdate)
    text = forms.CharField(label=_("What the board found and recommended"), widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(label=_("File"), required=False, help_text=_("Up to 25 MB."))


class FindingForm(forms.Form):
    text = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 2}))
    recommendation = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    due = DateField(label=_("Due"), required=False)


class BoardRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=[])

    def __init__(self, *args, **kwargs):
        from danvan.concerns.models import BoardRole

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = BoardRole.choices


class MemberCountForm(forms.Form):
    on = DateField(label=_("On"), initial=timezone.localdate)
    members = forms.IntegerField(label=pgettext_lazy("mass organization", "Members"), min_value=0, max_value=10_000_000)
    note = forms.CharField(label=_("Source"), max_length=200, required=False)
