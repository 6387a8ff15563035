from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.lib.forms import DateField
from danvan.lib.query import PageField, QueryForm
from danvan.lib.text import shorten
from danvan.registry.models import TYPE_CODES, OutgoingStatus, SearchKind, Urgency


class TermForm(forms.Form):
    name = forms.CharField(label=_("Term"), max_length=64, help_text=_("e.g. 2025–2030"))
    start = DateField(label=_("From"))
    end = DateField(label=_("Until"), required=False)


class IssueForm(forms.Form):
    type_code = forms.ChoiceField(label=_("Type"), choices=TYPE_CODES)
    title = forms.CharField(label=_("Title"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    issued_on = DateField(label=_("Issued on"), initial=timezone.localdate)
    signer = forms.CharField(label=_("Signed by"), max_length=100, required=False)
    recipients = forms.CharField(
        label=_("Recipients"), required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text=_("One per line, as under “Nơi nhận:”.")
    )
    file = forms.FileField(label=_("File"), required=False, help_text=_("The signed document (PDF, Word…), up to 25 MB."))
    tasks = forms.TypedMultipleChoiceField(
        label=_("Tasks it carries out"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A plan that carries out tasks of a program counts as their evidence, as a recorded activity does."),
    )

    def __init__(self, *args, tasks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tasks"].choices = [(t.pk, f"{t.program} · {t.ref} · {shorten(t.text, 90)}") for t in tasks]


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000)


class ReceiveForm(forms.Form):
    received_on = DateField(label=_("Received on"), initial=timezone.localdate)
    serial = forms.IntegerField(
        label=_("Incoming number"), min_value=1, max_value=10**7, required=False, help_text=_("Left empty: the next number of this year.")
    )
    sender = forms.CharField(label=_("Sender"), max_length=255)
    doc_number = forms.CharField(label=_("Number of the document"), max_length=64, required=False)
    doc_date = DateField(label=_("Date of the document"), required=False)
    doc_type = forms.CharField(label=_("Type"), max_length=64, required=False)
    title = forms.CharField(label=_("Title"), widget=forms.Textarea(attrs={"rows": 2}))
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    handler = forms.TypedChoiceField(label=_("Handled by"), required=False, coerce=int, empty_value=None)
    handle_days = forms.IntegerField(label=_("Working days to handle it"), min_value=1, max_value=365, required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = [("", "—"), *[(m.person_id, m.person.full_name) for m in members]]


class HandleForm(forms.Form):
    handler = forms.TypedChoiceField(label=_("Handled by"), required=False, coerce=int, empty_value=None)
    handle_by = DateField(label=_("Handle by"), required=False)
    result = forms.CharField(label=_("Result"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    handled_on = DateField(label=_("Handled on"), required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = [("", "—"), *[(m.person_id, m.person.full_name) for m in members]]


class OutgoingQuery(QueryForm):
    type = forms.ChoiceField(choices=[("", "—"), *TYPE_CODES], required=False)
    year = forms.IntegerField(min_value=1990, max_value=2100, required=False)
    signer = forms.CharField(max_length=100, required=False)
    status = forms.ChoiceField(choices=[("", "—"), *OutgoingStatus.choices], required=False)
    format = forms.ChoiceField(choices=[("", ""), ("xlsx", "xlsx")], required=False)
    page = PageField()


class IncomingQuery(QueryForm):
    year = forms.IntegerField(min_value=1990, max_value=2100, required=False)
    open = forms.BooleanField(required=False)
    format = forms.ChoiceField(choices=[("", ""), ("xlsx", "xlsx")], required=False)
    page = PageField()


class ReceiveQuery(QueryForm):
    document = forms.IntegerField(min_value=1, max_value=2**63 - 1, required=False)


class SearchQueryForm(QueryForm):
    q = forms.CharField(label=_("Words"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Register"), choices=[("", "—"), *SearchKind.choices], required=False)
    type = forms.CharField(label=_("Type"), max_length=64, required=False)
    issuer = forms.CharField(label=_("Issuer or sender"), max_length=100, required=False)
    number = forms.CharField(label=_("Number"), max_length=64, required=False)
    since = DateField(label=_("From"), required=False)
    until = DateField(label=_("Until"), required=False)
    page = PageField()
