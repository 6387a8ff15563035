"""Inspection and supervision: a subtree's year (planned and concluded, recommendations open and
overdue) where the inspecting body plans one; an inspection's page where it is concluded and its
recommendations given, reported on by the inspected org and verified; what an org must carry out."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan import access
from danvan.access import Cap
from danvan.audit import posts
from danvan.audit.once import saved_redirect
from danvan.inspections import selectors, services
from danvan.inspections.export import inspections_workbook
from danvan.inspections.forms import (
    ConcludeForm,
    InspectionForm,
    InspectionsQuery,
    NoticeForm,
    RecommendationForm,
    ReportForm,
    VerifyForm,
)
from danvan.lib.query import PageQuery
from danvan.lib.text import file_name
from danvan.lib.xlsx import download
from danvan.orgs.models import OrgStatus
from danvan.orgs.selectors import current_members, org_search

PAGE_SIZE = 50


SUBJECTS_LISTED = 100  # of the orgs right below, listed as boxes; the others are found by the search


def _below(user, org):
    """The active orgs an inspection by `org` may look at: any below it that the user sees."""
    return access.visible_orgs(user).filter(org.subtree_filter(), depth__gt=org.depth, status=OrgStatus.ACTIVE)


def _subject_choices(user, org, posted: list[str]) -> tuple[list, list, set[int]]:
    """The orgs right below `org` (the usual subjects, listed as boxes), the orgs further down
    already chosen through the search (kept when the form comes back with an error), and the ids
    posted as chosen."""
    chosen = {int(v) for v in posted if v.isascii() and v.isdigit() and len(v) < 12}
    listed = list(_below(user, org).filter(depth=org.depth + 1).order_by("path")[:SUBJECTS_LISTED])
    further = list(chosen - {o.pk for o in listed})[:SUBJECTS_LISTED]
    found = list(_below(user, org).filter(pk__in=further).order_by("path")) if further else []
    return listed, found, chosen


@login_required
@require_GET
def inspections(request, pk):
    org = access.access_org(request.user, pk)
    query = InspectionsQuery.read(request)
    if query["format"] == "xlsx":
        rows = selectors.inspections_of(org, query["year"])
        return download(inspections_workbook(rows, query["year"]), file_name("KiemTraGiamSat", org.code, str(query["year"])) + ".xlsx")
    can_record = Cap.RECORD in access.caps_at(request.user, org)
    today = timezone.localdate()
    context = {
        "org": org,
        "year": query["year"],
        "figures": selectors.year_figures(org, query["year"], today),
        "page": Paginator(selectors.inspections_of(org, query["year"]), PAGE_SIZE).get_page(query["page"]),
        "program": selectors.program_of(org, query["year"], today),
        "can_plan": can_record,
        "today": today,
    }
    return render(request, "inspections/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan(request, pk):
    """Plan an inspection or supervision of orgs below: its own page, its form listing the orgs right
    below (any other org below is found by a search) and the members who may head the team."""
    org = access.access_org(request.user, pk, Cap.RECORD)
    listed, found, chosen = _subject_choices(request.user, org, request.POST.getlist("subjects"))
    members = current_members(org)
    tasks = list(services.program_tasks(org)[:100])
    form = InspectionForm(request.POST or None, orgs=listed + found, members=members, tasks=tasks)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        subjects = [o for o in listed + found if o.pk in data["subjects"]]

        def make() -> str:
            inspection = services.inspection_plan(
                actor=request.user, org=org, **{**data, "subjects": subjects,
                "team_head": next((m.person for m in members if m.person_id == data["team_head"]), None),
                "task": next((t for t in tasks if t.pk == data["task"]), None)},
            )  # fmt: skip
            return reverse("inspections:detail", kwargs={"pk": inspection.pk})

        saved = saved_redirect(request, form, make)
        if saved is not None:
            return saved
    context = {"org": org, "form": form, "listed": listed, "found": found, "chosen": chosen, "more": len(listed) == SUBJECTS_LISTED}
    return render(request, "inspections/plan.html", context)


@login_required
@require_GET
def subjects(request, pk):
    """The search of the planning form: orgs below matching the typed words, as boxes to tick."""
    org = access.access_org(request.user, pk, Cap.RECORD)
    query = request.GET.get("q", "")
    results = org_search(_below(request.user, org), query, whole_tree=org.is_root())[:20] if query.strip() else []
    return render(request, "inspections/_subjects.html", {"results": results})


@login_required
@require_GET
def detail(request, pk):
    inspection = access.access_inspection(request.user, pk)
    inspecting = Cap.RECORD in access.caps_at(request.user, inspection.org)
    recommendations = list(inspection.recommendations.select_related("org", "owner").order_by("due", "id"))
    for rec in recommendations:
        rec.can_report = Cap.RECORD in access.caps_at(request.user, rec.org)
    subjects = list(inspection.subjects.order_by("path"))
    context = {
        "inspection": inspection,
        "subjects": subjects,
        "recommendations": recommendations,
        "inspecting": inspecting,
        "conclude_form": ConcludeForm(initial={"concluded_on": timezone.localdate()})
        if inspecting and inspection.status == "planned"
        else None,
        "recommend_form": RecommendationForm(orgs=subjects) if inspecting else None,
        "report_form": ReportForm(),
        "verify_form": VerifyForm(),
        "notice_form": NoticeForm(initial={"issued_on": timezone.localdate()})
        if inspecting and inspection.status == "concluded" and not inspection.notice_id
        else None,
        "today": timezone.localdate(),
    }
    return render(request, "inspections/detail.html", context)


@login_required
@require_POST
def notice_issue(request, pk):
    """The conclusion notice issued with the inspecting body's next number of notices."""
    inspection = access.access_inspection(request.user, pk, Cap.RECORD)
    posts.apply(request, NoticeForm(request.POST), lambda d: services.notice_issue(actor=request.user, inspection=inspection, **d))
    return redirect("inspections:detail", pk=inspection.pk)


@login_required
@require_GET
def notice(request, pk):
    """The conclusion notice in Word: as issued, or — before it is — a draft with its number left blank."""
    from django.http import HttpResponse

    from danvan.inspections.notice import docx_bytes
    from danvan.lib.uploads import attachment

    inspection = access.access_inspection(request.user, pk)
    if inspection.status != "concluded":
        raise Http404
    if inspection.notice_id and inspection.notice.file:
        return attachment(inspection.notice.file)
    data = docx_bytes(inspection, issued_on=timezone.localdate())
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="thong-bao-ket-luan-du-thao-{inspection.pk}.docx"'
    return response


@login_required
@require_POST
def conclude(request, pk):
    inspection = access.access_inspection(request.user, pk, Cap.RECORD)
    posts.apply(request, ConcludeForm(request.POST), lambda d: services.inspection_conclude(actor=request.user, inspection=inspection, **d))
    return redirect("inspections:detail", pk=inspection.pk)


@login_required
@require_POST
def recommend(request, pk):
    inspection = access.access_inspection(request.user, pk, Cap.RECORD)
    subjects = list(inspection.subjects.all())
    form = RecommendationForm(request.POST, orgs=subjects)
    return posts.post_once(
        request,
        form,
        lambda d: services.recommendation_add(
            actor=request.user, inspection=inspection, org=next(o for o in subjects if o.pk == d["org"]), text=d["text"], due=d["due"]
        ),
        reverse("inspections:detail", kwargs={"pk": inspection.pk}),
    )


@login_required
@require_POST
def report(request, pk):
    """The inspected org reports what it did about a recommendation."""
    rec = access.access_recommendation(request.user, pk)
    access.require(request.user, rec.org, Cap.RECORD)
    posts.apply(
        request,
        ReportForm(request.POST),
        lambda d: services.recommendation_report(actor=request.user, recommendation=rec, text=d["text"], today=timezone.localdate()),
    )
    return (
        redirect("inspections:detail", pk=rec.inspection_id)
        if request.POST.get("back") != "list"
        else redirect("inspections:recommendations", pk=rec.org_id)
    )


@login_required
@require_POST
def verify(request, pk):
    """The inspecting body closes a recommendation reported on, or sends it back."""
    rec = access.access_recommendation(request.user, pk)
    access.require(request.user, rec.inspection.org, Cap.RECORD)
    posts.apply(
        request,
        VerifyForm(request.POST),
        lambda d: services.recommendation_verify(actor=request.user, recommendation=rec, today=timezone.localdate(), **d),
    )
    return redirect("inspections:detail", pk=rec.inspection_id)


@login_required
@require_GET
def recommendations(request, pk):
    """What the orgs of a subtree must carry out after inspections, open first (paged)."""
    org = access.access_org(request.user, pk)
    page = Paginator(selectors.recommendations_to_do(org), PAGE_SIZE).get_page(PageQuery.read(request)["page"])
    can_report = Cap.RECORD in access.caps_at(request.user, org)
    context = {"org": org, "page": page, "report_form": ReportForm(), "can_report": can_report, "today": timezone.localdate()}
    return render(request, "inspections/recommendations.html", context)
