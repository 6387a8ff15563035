"""Recording what was done: an activity with its attendance and the tasks it serves."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan import access
from danvan.access import Cap
from danvan.activities import fulfilment, selectors
from danvan.activities.models import AttendanceStatus
from danvan.activities.services import MAX_FILE_BYTES, activity_attach, activity_record
from danvan.audit import staging
from danvan.audit.once import form_create_once, sent_twice_message
from danvan.lib.forms import DateField, MultipleFileField
from danvan.lib.query import PageField, QueryForm, YearField
from danvan.lib.text import shorten
from danvan.orgs.selectors import current_members
from danvan.programs.models import ActivityKind
from danvan.programs.selectors import org_tasks


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
    held_on = DateField(label=gettext_lazy("Held on"), initial=timezone.localdate)
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
        self.fields["tasks"].choices = [(t.pk, f"{t.program} · {t.ref} · {shorten(t.text, 90)}") for t in tasks]
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
    org = access.access_org(request.user, pk, Cap.RECORD)
    members = current_members(org)
    tasks = list(org_tasks(org))
    initial = {"tasks": [int(t) for t in request.GET.getlist("task") if t.isascii() and t.isdigit() and len(t) < 19]}
    if request.GET.get("kind") in ActivityKind.values:
        initial["kind"] = request.GET["kind"]
    form = ActivityForm(request.POST or None, request.FILES or None, members=members, tasks=tasks, initial=initial)
    kept = staging.staged(request)  # files an earlier post of this form attached, still ticked
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            chosen = [t for t in tasks if t.pk in set(data["tasks"])]
            people = {m.person_id: m.person for m in members}
            attendance = {m.person_id: data[f"attendance_{m.person_id}"] for m in members}
            uploads = staging.as_uploads(kept)

            def record() -> str:
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
                    files=[*uploads, *data["files"]],
                )
                staging.release(kept)
                return reverse("activities:detail", kwargs={"pk": activity.pk})

            try:
                done = form_create_once(request, form, record)
            finally:
                for upload in uploads:
                    upload.close()
            if done is not None:
                url, made = done
                messages.success(request, sent_twice_message(made, _("Recorded.")))
                return redirect(url)
        # The form comes back: what was attached stays attached.
        kept += staging.stage(request, request.FILES.getlist("files"), max_bytes=MAX_FILE_BYTES)
    return render(request, "activities/form.html", {"org": org, "form": form, "staged": kept})


class ListQuery(QueryForm):
    year = YearField()
    page = PageField()


@login_required
@require_GET
def org_list(request, pk):
    """What an org has recorded in a year, the latest first, a page at a time."""
    org = access.access_org(request.user, pk)
    query = ListQuery.read(request)
    page = Paginator(selectors.org_activity_page(org, query["year"]), 30).get_page(query["page"])
    return render(
        request,
        "activities/list.html",
        {"org": org, "year": query["year"], "page": page, "can_record": Cap.RECORD in access.caps_at(request.user, org)},
    )


@login_required
@require_GET
def detail(request, pk):
    activity = access.access_activity(request.user, pk)
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
    activity = access.access_activity(request.user, pk, Cap.RECORD)
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
    kept = access.access_activity_file(request.user, pk)
    return FileResponse(kept.file.open("rb"), as_attachment=True, filename=kept.name)


@login_required
@require_GET
def obligation(request, pk):
    """One obligation and its evidence: the activities that fulfil it, and those recorded for
    its task in its period that do not count yet, with why."""
    found = access.access_obligation(request.user, pk)
    caps = access.caps_at(request.user, found.org)
    return render(
        request,
        "activities/obligation.html",
        {
            "o": found,
            "state": found.status_on(timezone.localdate()),
            "evidence": fulfilment.evidence(found),
            "can_record": Cap.RECORD in caps,
            "can_waive": Cap.MANAGE_TREE in caps,
        },
    )
