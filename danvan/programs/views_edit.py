"""Programs typed in or corrected by hand: the program's particulars and its tasks, with their
history. Only a committee administrator of the issuing org may change them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan import access
from danvan.access import Cap
from danvan.audit import selectors as audit_selectors
from danvan.audit.once import AlreadySubmitted, create_once, form_create_once, sent_twice_message
from danvan.parsing.cadence import cadence_text
from danvan.programs import selectors, services
from danvan.programs.forms import ProgramForm, TaskForm
from danvan.programs.models import Program, Task


def history(program: Program, limit: int = 50):
    """The audit rows of a program and of its tasks, the latest first."""
    return audit_selectors.history_of(
        object_type="programs.program", object_id=program.pk, related={"programs.task": selectors.task_ids(program)}, limit=limit
    )


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
    org = access.access_org(request.user, pk, Cap.MANAGE_TREE)
    form = ProgramForm(request.POST or None)
    del form.fields["status"]  # a new program is active
    same_number = None
    if request.method == "POST" and form.is_valid():
        same_number = selectors.program_numbered(org, form.cleaned_data["number"])
        if same_number is None or request.POST.get("confirm"):
            try:
                url, made = create_once(
                    request,
                    lambda: reverse(
                        "programs:task_new",
                        kwargs={"pk": services.program_create_by_hand(actor=request.user, org=org, **form.cleaned_data).pk},
                    ),
                )
                messages.success(request, _("Program created: now add its tasks.") if made else _("This program was made already."))
                return redirect(url)
            except ValidationError as exc:
                form.add_error(None, exc)
            except AlreadySubmitted:
                form.add_error(None, _("This form was sent already."))
    return render(request, "programs/edit.html", {"form": form, "org": org, "program": None, "same_number": same_number})


@login_required
@require_http_methods(["GET", "POST"])
def program_edit(request, pk):
    program = access.access_program(request.user, pk, Cap.MANAGE_TREE)
    initial = {name: getattr(program, name) for name in services.PROGRAM_FIELDS}
    form = ProgramForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save(request, form, services.program_update, program=program):
        messages.success(request, _("Saved."))
        return redirect("programs:detail", pk=program.pk)
    return render(request, "programs/edit.html", {"form": form, "org": program.org, "program": program, "history": history(program)})


@login_required
@require_http_methods(["GET", "POST"])
def task_new(request, pk):
    program = access.access_program(request.user, pk, Cap.MANAGE_TREE)
    return _task_page(request, program, None)


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request, pk):
    task = access.access_task(request.user, pk, Cap.MANAGE_TREE)
    if task.added_by_id is not None:
        raise Http404  # an org's own task is edited on its adoption page
    return _task_page(request, task.program, task)


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
    if request.method == "POST" and form.is_valid():
        after = reverse("programs:task_new" if "another" in request.POST else "programs:detail", kwargs={"pk": program.pk})
        if task is not None:
            done = (after, True) if _save(request, form, services.task_save, program=program, task=task) else None
        else:  # a new task: once per form, however many times it is sent
            done = form_create_once(
                request, form, lambda: services.task_save(actor=request.user, program=program, task=None, **form.cleaned_data) and after
            )
        if done is not None:
            messages.success(request, sent_twice_message(done[1], _("Saved.")))
            return redirect(done[0])
    return render(request, "programs/task_form.html", {"form": form, "program": program, "task": task})
