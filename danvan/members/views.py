"""Members' tasks: a cell gives its party members their year's task in bulk and assesses it at
year end; a member acknowledges it and reports on it; an org above sees the figures of the orgs
below; who is in charge of mass mobilization, and where nobody is."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan import access
from danvan.access import Cap
from danvan.audit import posts
from danvan.audit.once import form_create_once, sent_twice_message
from danvan.lib.paging import page_of
from danvan.lib.query import PageQuery
from danvan.lib.text import file_name
from danvan.lib.uploads import check_size
from danvan.lib.xlsx import download
from danvan.members import selectors, services
from danvan.members.excel import import_tasks, template_workbook
from danvan.members.export import tasks_workbook
from danvan.members.forms import AssessForm, AssignForm, ImportForm, SelfReportForm, TasksQuery
from danvan.members.services import report_window
from danvan.orgs import counts
from danvan.orgs.models import WIDE_DEPTH, OrgKind

PAGE_SIZE = 50


def _given(given: int, changed: int) -> str:
    said = ngettext("%(n)s member given the task", "%(n)s members given the task", given) % {"n": given}
    return said + (" · " + ngettext("%(n)s task changed", "%(n)s tasks changed", changed) % {"n": changed} if changed else "")


@login_required
@require_http_methods(["GET", "POST"])
def tasks(request, pk):
    """A cell: its party members with the year's task, and the form giving many of them one at
    once. Any org: the figures of its subtree and of the orgs right below, and the Excel list."""
    org = access.access_org(request.user, pk)
    query = TasksQuery.read(request)
    year = query["year"]
    if query["format"] == "xlsx" and request.method == "GET":
        return download(tasks_workbook(selectors.tasks_of(org, year), year), file_name("NhiemVuDanVan", org.code, str(year)) + ".xlsx")
    is_cell = org.kind == OrgKind.CELL
    if query["format"] == "template" and request.method == "GET" and is_cell:
        return download(template_workbook(org, year), file_name("GiaoNhiemVu", org.code, str(year)) + ".xlsx")
    can_record = Cap.RECORD in access.caps_at(request.user, org) and is_cell
    members = selectors.cell_members(org, year) if is_cell else []
    form = AssignForm(request.POST or None, members=members)
    url = reverse("members:tasks", kwargs={"pk": org.pk}) + f"?year={year}"
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data

            def assign() -> str:
                given, changed = services.tasks_assign(
                    actor=request.user, org=org, year=year, person_ids=data["people"], text=data["text"], place=data["place"],
                    with_whom=data["with_whom"], today=timezone.localdate(),
                )  # fmt: skip
                messages.success(request, _given(given, changed))
                return url

            done = form_create_once(request, form, assign)  # a refusal lands on the form
            if done is not None:
                if not done[1]:
                    messages.info(request, sent_twice_message(False, ""))
                return redirect(done[0])
    figures = selectors.figures(org, year)
    context = {
        "org": org,
        "year": year,
        "is_cell": is_cell,
        "members": members,
        "without": sum(1 for row in members if row["task"] is None),
        # Ticked: what was sent (the form came back with an error), else the members without a task.
        "ticked": set(form.cleaned_data.get("people", []))
        if form.is_bound and hasattr(form, "cleaned_data")
        else {row["person"].pk for row in members if row["task"] is None},
        "figures": figures,
        "below": [] if is_cell else selectors.figures_below(org, year),
        "form": form if can_record else None,
        "import_form": ImportForm() if can_record else None,
        "window": report_window(year),
    }
    return render(request, "members/tasks.html", context)


@login_required
@require_GET
def coverage(request, pk):
    """The shares of the subtree's party members given a task, reporting and assessed, and of each
    org right below; loaded after the page. The figures are the counters'; the party members of a
    wide subtree are the worker's last count, shown with its time (`danvan.orgs.counts`)."""
    org = access.access_org(request.user, pk)
    year = TasksQuery.read(request)["year"]
    members = counts.kept(org, "party_members")
    found = selectors.coverage(org, year, members.figures) if members.figures else None
    context = {"org": org, "year": year, "coverage": found, "counts": members}
    return render(request, "members/_coverage.html", context | counts.polling(request))


IMPORT_MAX_BYTES = 5 * 1024 * 1024


@login_required
@require_POST
def tasks_import(request, pk):
    """The cell's tasks from its filled-in sheet: all given, or none and every mistake listed."""
    org = access.access_org(request.user, pk, Cap.RECORD)
    if org.kind != OrgKind.CELL:
        raise PermissionDenied
    year = TasksQuery.read(request)["year"]
    form = ImportForm(request.POST, request.FILES)
    url = reverse("members:tasks", kwargs={"pk": org.pk}) + f"?year={year}"
    if not form.is_valid():
        messages.error(request, " ".join(posts.form_errors(form).messages))
        return redirect(url)
    try:
        check_size(form.cleaned_data["file"], limit=IMPORT_MAX_BYTES)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(url)
    result = import_tasks(actor=request.user, org=org, year=year, file=form.cleaned_data["file"], today=timezone.localdate())
    if result.errors:
        context = {"org": org, "year": year, "errors": result.errors[:500], "count": len(result.errors)}
        return render(request, "members/import.html", context)
    messages.success(request, _given(result.given, result.changed))
    return redirect(url)


@login_required
@require_http_methods(["GET", "POST"])
def task(request, pk):
    """One member's task: acknowledged and reported on by the member, assessed by the cell."""
    kept = access.access_member_task(request.user, pk)
    today = timezone.localdate()
    own = getattr(request.user, "person_id", None) == kept.person_id
    can_assess = Cap.RECORD in access.caps_at(request.user, kept.org)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if not ((action in ("acknowledge", "report") and own) or (action == "assess" and can_assess)):
            raise PermissionDenied

        def write():
            if action == "acknowledge":
                services.task_acknowledge(actor=request.user, task=kept, today=today)
                return
            form = SelfReportForm(request.POST) if action == "report" else AssessForm(request.POST)
            if not form.is_valid():
                raise posts.form_errors(form)
            if action == "report":
                services.task_self_report(actor=request.user, task=kept, text=form.cleaned_data["text"], today=today)
            else:
                services.task_assess(actor=request.user, task=kept, today=today, **form.cleaned_data)

        posts.say(request, write)
        return redirect("members:task", pk=kept.pk)
    opens, closes = report_window(kept.year)
    context = {
        "task": kept,
        "own": own,
        "in_window": opens <= today <= closes,
        "window": (opens, closes),
        "report_form": SelfReportForm(initial={"text": kept.self_report}) if own and not kept.assessment else None,
        "assess_form": AssessForm(initial={"assessment": kept.assessment, "note": kept.assessment_note}) if can_assess else None,
        "can_assess_now": today >= opens,
    }
    return render(request, "members/task.html", context)


@login_required
@require_GET
def in_charge(request, pk):
    """Who is in charge of mass mobilization at the org, and the agencies and committees of its
    subtree that have named nobody (paged)."""
    org = access.access_org(request.user, pk)
    narrow = org.depth > WIDE_DEPTH  # the country's or a province's tens of thousands of agencies are counted by the worker
    page = page_of(selectors.without_one_in_charge(org), PageQuery.read(request)["page"], PAGE_SIZE, counted=narrow)
    total = None if narrow else counts.kept(org, "without_in_charge")
    return render(request, "members/in_charge.html", {"org": org, "here": selectors.in_charge(org), "page": page, "total": total})
