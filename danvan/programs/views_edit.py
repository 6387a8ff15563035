"""Programs typed in or corrected by hand: the program's particulars and its tasks, with their
history. Only a committee administrator of the issuing org may change them."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from danvan.accounts import access
from danvan.accounts.access import Cap
from danvan.audit.models import AuditEntry
from danvan.documents.review import cadence_text, parse_cadence, parse_deadline
from danvan.orgs.forms import DateInput
from danvan.orgs.models import OrgKind
from danvan.programs import selectors, services
from danvan.programs.models import ActivityKind, Program, ProgramStatus, Task


class ProgramForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), widget=forms.Textarea(attrs={"rows": 2}))
    number = forms.CharField(label=gettext_lazy("Number"), max_length=64, required=False, help_text="754-CT/ĐU")
    doc_type = forms.CharField(
        label=gettext_lazy("Type"), max_length=64, required=False, help_text=gettext_lazy("Program, plan, directive…")
    )
    issued_on = forms.DateField(label=gettext_lazy("Issued on"), widget=DateInput(), required=False)
    valid_from = forms.DateField(label=gettext_lazy("In force from"), widget=DateInput(), initial=timezone.localdate)
    valid_to = forms.DateField(label=gettext_lazy("In force until"), widget=DateInput(), required=False)
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


def _managed_program(user, pk) -> Program:
    program = selectors.program_for_user(user, pk)
    access.require(user, program.org, Cap.MANAGE_TREE)
    return program


def history(program: Program, limit: int = 50):
    """The audit rows of a program and of its tasks, the latest first."""
    tasks = [str(pk) for pk in program.tasks.values_list("pk", flat=True)]
    return AuditEntry.objects.filter(
        Q(object_type="programs.program", object_id=str(program.pk)) | Q(object_type="programs.task", object_id__in=tasks)
    ).select_related("actor")[:limit]


def _save(request, form, action, **extra):
    """Run a service with the form's data; its rule errors go back onto the form."""
    try:
        return action(actor=request.user, **extra, **form.cleaned_data)
    except ValidationError as exc:
        form.add_error(None, exc)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def program_new(request, pk):
    org = access.org_for_user(request.user, pk, Cap.MANAGE_TREE)
    form = ProgramForm(request.POST or None)
    del form.fields["status"]  # a new program is active
    if request.method == "POST" and form.is_valid():
        program = _save(request, form, services.program_create_by_hand, org=org)
        if program:
            messages.success(request, _("Program created: now add its tasks."))
            return redirect("programs:task_new", pk=program.pk)
    return render(request, "programs/edit.html", {"form": form, "org": org, "program": None})


@login_required
@require_http_methods(["GET", "POST"])
def program_edit(request, pk):
    program = _managed_program(request.user, pk)
    initial = {name: getattr(program, name) for name in services.PROGRAM_FIELDS}
    form = ProgramForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save(request, form, services.program_update, program=program):
        messages.success(request, _("Saved."))
        return redirect("programs:detail", pk=program.pk)
    return render(request, "programs/edit.html", {"form": form, "org": program.org, "program": program, "history": history(program)})


@login_required
@require_http_methods(["GET", "POST"])
def task_new(request, pk):
    program = _managed_program(request.user, pk)
    return _task_page(request, program, None)


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request, pk):
    task = Task.objects.filter(pk=pk, added_by__isnull=True).first()
    if task is None:
        raise Http404
    program = _managed_program(request.user, task.program_id)
    return _task_page(request, program, task)


def _task_page(request, program: Program, task: Task | None):
    initial = {}
    if task is not None:
        initial = {
            "ref": task.ref,
            "text": task.text,
            "cadence": cadence_text(task.cadence),
            "deadline": task.deadline,
            "actor_kinds": task.actor_kinds,
            "lead": task.lead,
            "fulfilled_by": task.activity_kind,
        }
    form = TaskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save(request, form, services.task_save, program=program, task=task):
        messages.success(request, _("Saved."))
        if "another" in request.POST:
            return redirect("programs:task_new", pk=program.pk)
        return redirect("programs:detail", pk=program.pk)
    return render(request, "programs/task_form.html", {"form": form, "program": program, "task": task})
