from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.lib.forms import DateField
from danvan.orgs.models import Gender, OrgKind, Position


def _effective_date(label=None):
    return DateField(label=label or _("Effective on"), initial=timezone.localdate)


class OrgForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    short_name = forms.CharField(label=_("Short name"), max_length=64, required=False)
    code = forms.CharField(label=_("Code"), max_length=64, required=False, help_text=_("Left blank, a code is made up."))
    kind = forms.ChoiceField(label=_("Kind"), choices=OrgKind.choices)
    founded_on = DateField(label=_("Founded on"), required=False)


class OrgEditForm(OrgForm):
    on = _effective_date(_("A new name takes effect on"))


class OrgPickForm(forms.Form):
    """Picks another org by its code (the page offers a search that fills it in)."""

    code = forms.CharField(label=_("Organization code"), max_length=64)
    on = _effective_date()


class SplitForm(forms.Form):
    names = forms.CharField(
        label=_("New organizations"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One name per line, at least two."),
    )
    on = _effective_date()

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(i), _("New organization no. %(n)s") % {"n": i + 1}) for i in range(10)]
        self.member_fields = []
        for membership in members:
            name = f"member_{membership.person_id}"
            if name in self.fields:
                continue
            self.fields[name] = forms.ChoiceField(label=membership.person.full_name, choices=choices, initial="0")
            self.member_fields.append(name)

    def clean_names(self):
        names = [line.strip() for line in self.cleaned_data["names"].splitlines() if line.strip()]
        if len(names) < 2:
            raise forms.ValidationError(_("Give at least two names, one per line."))
        if len(names) > 10:
            raise forms.ValidationError(_("A split makes at most ten organizations."))
        return names

    def assignments(self) -> dict[int, int]:
        return {int(name.removeprefix("member_")): int(self.cleaned_data[name]) for name in self.member_fields}


class DissolveForm(forms.Form):
    on = _effective_date()
    confirm = forms.BooleanField(label=_("I understand that the organization ends and its members leave it."))


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", "—"), *Gender.choices], required=False)
    birth_date = DateField(label=_("Date of birth"), required=False)
    party_joined_on = DateField(label=_("Date of joining the Party"), required=False)
    party_card_number = forms.CharField(label=_("Party card number"), max_length=32, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    email = forms.EmailField(label=_("Email"), required=False)


class PersonCreateForm(PersonForm):
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices, initial=Position.MEMBER)
    start = _effective_date(_("From"))


class MembershipForm(forms.Form):
    code = forms.CharField(label=_("Organization code"), max_length=64)
    position = forms.ChoiceField(label=_("Position"), choices=Position.choices)
    start = _effective_date(_("From"))


class MembershipEndForm(forms.Form):
    end = _effective_date(_("Last day"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
