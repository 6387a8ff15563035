"""Recording what was done: an activity with its attendance and the tasks it serves."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts import access
from danvan.accounts.access import Cap
from danvan.activities.models import Activity, ActivityFile, AttendanceStatus
from danvan.activities.services import activity_attach, activity_record
from danvan.orgs.forms import DateInput
from danvan.orgs.models import Membership
from danvan.programs.models import ActivityKind, Task


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


def _files_field():
    return MultipleFileField(
        label=gettext_lazy("Files"),
        required=False,
        help_text=gettext_lazy("Signed minutes, the attendance sheet, photos… up to 25 MB each."),
    )


class FilesForm(forms.Form):
    files = _files_field()


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ActivityKind.choices)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    held_on = forms.DateField(label=gettext_lazy("Held on"), widget=DateInput(), initial=timezone.localdate)
    chair = forms.TypedChoiceField(label=gettext_lazy("Chaired by"), required=False, coerce=int, empty_value=None)
    minutes = forms.CharField(
        label=gettext_lazy("Minutes or summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("A meeting counts towards its task only with minutes and attendance."),
    )
    outsiders = forms.IntegerField(label=gettext_lazy("Other participants"), min_value=0, initial=0, required=False)
    tasks = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Tasks it serves"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    files = _files_field()

    def __init__(self, *args, members=(), tasks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].choices = [("", "—"), *[(m.person_id, m.person.full_name) for m in members]]
        self.fields["tasks"].choices = [(t.pk, f"{t.program} · {t.ref} · {t.text[:90]}") for t in tasks]
        self.members = list(members)
        for membership in self.members:
            self.fields[f"attendance_{membership.person_id}"] = forms.ChoiceField(
                label=membership.person.full_name,
                choices=AttendanceStatus.choices,
                initial=AttendanceStatus.PRESENT,
                widget=forms.RadioSelect,
            )

    def attendance_fields(self):
        return [self[f"attendance_{m.person_id}"] for m in self.members]


@login_required
@require_http_methods(["GET", "POST"])
def create(request, pk):
    org = access.org_for_user(request.user, pk, Cap.RECORD)
    members = list(Membership.objects.filter(org=org, end__isnull=True).select_related("person").order_by("person__name_folded"))
    # One row per person: a person with two positions is one attendee.
    members = list({m.person_id: m for m in members}.values())
    tasks = list(Task.objects.filter(obligations__org=org).distinct().select_related("program").order_by("program", "position"))
    initial = {"tasks": [int(t) for t in request.GET.getlist("task") if t.isdigit()]}
    if request.GET.get("kind") in ActivityKind.values:
        initial["kind"] = request.GET["kind"]
    form = ActivityForm(request.POST or None, request.FILES or None, members=members, tasks=tasks, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [t for t in tasks if t.pk in set(data["tasks"])]
        people = {m.person_id: m.person for m in members}
        attendance = {m.person_id: data[f"attendance_{m.person_id}"] for m in members}
        try:
            activity = activity_record(
                actor=request.user,
                org=org,
                kind=data["kind"],
                title=data["title"],
                held_on=data["held_on"],
                tasks=chosen,
                minutes=data["minutes"],
                chair=people.get(data["chair"]),
                outsiders=data["outsiders"] or 0,
                attendance=attendance,
                files=data["files"],
            )
            messages.success(request, _("Recorded."))
            return redirect("activities:detail", pk=activity.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(request, "activities/form.html", {"org": org, "form": form})


def _activity_for_user(user, pk) -> Activity:
    activity = Activity.objects.filter(access.visible_q(user, "org_path")).select_related("org", "chair").filter(pk=pk).first()
    if activity is None:
        raise Http404
    return activity


@login_required
@require_GET
def detail(request, pk):
    activity = _activity_for_user(request.user, pk)
    attendance = list(activity.attendance.select_related("person").order_by("person__name_folded"))
    present = sum(1 for a in attendance if a.status == AttendanceStatus.PRESENT)
    rate = round(100 * present / len(attendance)) if attendance else None
    missed = [a for a in attendance if a.status != AttendanceStatus.PRESENT]
    return render(
        request,
        "activities/detail.html",
        {
            "activity": activity,
            "attendance": attendance,
            "present": present,
            "rate": rate,
            "missed": missed,
            "tasks": activity.tasks.select_related("program"),
            "files": activity.files.all(),
            "files_form": FilesForm() if Cap.RECORD in access.caps_at(request.user, activity.org) else None,
        },
    )


@login_required
@require_POST
def attach(request, pk):
    activity = _activity_for_user(request.user, pk)
    access.require(request.user, activity.org, Cap.RECORD)
    form = FilesForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get("files") or _("Choose at least one file."))
        kept = activity_attach(actor=request.user, activity=activity, files=form.cleaned_data["files"])
        messages.success(request, _("%(n)s file(s) added.") % {"n": len(kept)})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("activities:detail", pk=activity.pk)


@login_required
@require_GET
def download(request, pk):
    kept = ActivityFile.objects.filter(access.visible_q(request.user, "activity__org_path")).filter(pk=pk).first()
    if kept is None:
        raise Http404
    return FileResponse(kept.file.open("rb"), as_attachment=True, filename=kept.name)
