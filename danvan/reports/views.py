"""Reporting cycles and reports: open a cycle, see who has filed, write a report that saves as
it is typed, file it, send it back, correct it, compare versions, and download it as Word or PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan import access
from danvan.access import Cap
from danvan.audit.once import form_create_once, sent_twice_message
from danvan.jobs import leases
from danvan.lib.query import PageQuery
from danvan.lib.text import file_name
from danvan.reports import diff, figures, selectors, services
from danvan.reports import render as report_render
from danvan.reports.forms import ChildrenQuery, CorrectForm, CycleForm, CycleQuery, LetterheadForm, ReportTextForm, ReturnForm
from danvan.reports.models import SECTIONS, CycleKind, RenderStatus, ReportStatus
from danvan.reports.periods import default_deadline, default_period

PAGE_SIZE = 50
CHILDREN_PAGE = 10
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
@require_GET
def cycles(request):
    """The cycles the user sees, and the reports the user's own orgs have to file."""
    query = PageQuery.read(request)
    page = Paginator(access.visible_cycles(request.user).order_by("-deadline", "-id"), PAGE_SIZE).get_page(query["page"])
    mine = selectors.reports_of(access.recording_paths(request.user))[:20]
    openers = [org for org in access.top_orgs(request.user) if Cap.RECORD in access.caps_at(request.user, org)]
    return render(request, "reports/cycles.html", {"page": page, "mine": mine, "openers": openers, "today": timezone.localdate()})


def _title(kind: str, year: int, quarter: int) -> str:
    return {
        CycleKind.HALF_YEAR: _("Half-year review of mass mobilization work, %(year)s"),
        CycleKind.YEAR: _("Year-end review of mass mobilization work, %(year)s"),
        CycleKind.QUARTER: _("Report on mass mobilization work, quarter %(quarter)s of %(year)s"),
        CycleKind.TOPIC: _("Topic report, %(year)s"),
    }[kind] % {"year": year, "quarter": quarter}


@login_required
@require_http_methods(["GET", "POST"])
def cycle_new(request, pk):
    org = access.access_org(request.user, pk, Cap.RECORD)
    programs = list(selectors.programs_for(org)[:200])
    form = CycleForm(request.POST or None, programs=programs, initial={"programs": [p.pk for p in programs[:1]]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        start, end = default_period(data["kind"], data["year"], data["quarter"] or 1)
        start, end = data["period_start"] or start, data["period_end"] or end
        chosen = [p for p in programs if p.pk in set(data["programs"])]

        def open_cycle() -> str:
            cycle = services.cycle_open(
                actor=request.user,
                org=org,
                kind=data["kind"],
                title=data["title"] or _title(data["kind"], data["year"], data["quarter"] or 1),
                programs=chosen,
                period_start=start,
                period_end=end,
                deadline=data["deadline"] or default_deadline(end),
                kinds=data["kinds"],
            )
            return reverse("reports:cycle", kwargs={"pk": cycle.pk})

        done = form_create_once(request, form, open_cycle)
        if done is not None:
            url, made = done
            messages.success(request, sent_twice_message(made, _("The cycle is open: every organization in it has a report to file.")))
            return redirect(url)
    return render(request, "reports/cycle_new.html", {"org": org, "form": form})


@login_required
@require_GET
def cycle(request, pk):
    """Who has filed, who is drafting, who has not started and who is late, under the org asked
    for (the top of the user's part of the cycle by default), as counts and a paged list."""
    cycle = access.access_cycle(request.user, pk)
    query = CycleQuery.read(request)
    org = access.access_org(request.user, query["org"]) if query["org"] else _top_seen(request.user, cycle)
    today = timezone.localdate()
    found = selectors.reports_filtered(cycle, org, today, status=query["status"], query=query["q"])
    counts = selectors.status_counts(cycle, org, today)
    paginator = Paginator(found, PAGE_SIZE)
    if not query["q"]:
        paginator.count = counts[query["status"] or "total"]  # known already: no count of a national cycle's rows
    context = {
        "cycle": cycle,
        "org": org,
        "today": today,
        "counts": counts,
        "page": paginator.get_page(query["page"]),
        "status": query["status"],
        "q": query["q"],
        "statuses": ReportStatus.choices,
        "own": selectors.reports_under(cycle, org).filter(org=org).first(),
        "programs": cycle.programs.all(),
    }
    return render(request, "reports/cycle.html", context)


def _top_seen(user, cycle):
    """The highest org of the cycle the user sees: the opener, or the top of the user's subtree."""
    if access.visible_orgs(user).filter(pk=cycle.org_id).exists():
        return cycle.org
    first = selectors.first_report_seen(cycle, access.visible_q(user, "org_path"))
    if first is None:
        raise Http404
    return first.org


def _report_context(request, report, form=None, correct_form=None):
    today = timezone.localdate()
    counts = selectors.children_counts(report)
    wide = services.is_wide(report, counts["total"])
    # A wide report shows the figures as last summed in the background (none before the first summing).
    shown = report.consolidated if wide else report_render.figures_of(report, today)
    query = ChildrenQuery.read(request)
    return {
        "report": report,
        "cycle": report.cycle,
        "org": report.org,
        "today": today,
        "can_record": Cap.RECORD in access.caps_at(request.user, report.org),
        "can_return": access.may_return(request.user, report) and report.is_filed,
        "form": form or ReportTextForm(initial=report.text),
        "correct_form": correct_form or CorrectForm(initial=report.text),
        "return_form": ReturnForm(),
        **_figures_context(shown),
        "wide": wide,
        "stale": wide and selectors.filed_since(report, report.consolidated_at),
        "children": _with_parts(Paginator(selectors.children(report), CHILDREN_PAGE).get_page(query["page"])),
        "text_parts": _parts(report),
        "children_counts": counts,
        "versions": selectors.versions(report)[:20],
        "rendering": selectors.renderings(report).filter(version=report.version).first(),
        "worker_alive": leases.worker_alive(),
        "issued": report_render.issued_number(report),
    }


def _figures_context(shown: dict | None) -> dict:
    if not shown:
        return {"figures": None}
    rows = figures.rows(shown["total"])
    return {
        "figures": shown,
        "rows": rows,
        "total": figures.totals_row(rows),
        "sections": figures.section_rows(shown["total"]),
        "evidence": shown["own"].get("evidence", []),
    }


def _parts(report) -> list[tuple[str, str]]:
    return [(label, (report.text or {}).get(key, "")) for key, label in SECTIONS]


def _with_parts(page):
    """The subordinates' narratives, to write the consolidated report from."""
    for child in page.object_list:
        child.parts = _parts(child)
    return page


@login_required
@require_GET
def report(request, pk):
    report = access.access_report(request.user, pk)
    return render(request, "reports/report.html", _report_context(request, report))


@login_required
@require_http_methods(["GET", "POST"])
def consolidation(request, pk):
    """A wide report's summing in the background: POST starts it, GET shows its progress (and
    reloads the page when it is done)."""
    report = access.access_report(request.user, pk, Cap.RECORD if request.method == "POST" else Cap.VIEW)
    if request.method == "POST":
        services.consolidation_request(actor=request.user, report=report)
        if not request.htmx:
            return redirect("reports:report", pk=report.pk)
        report.refresh_from_db()
    finished = request.htmx and request.method == "GET" and not report.consolidating and report.consolidated_at is not None
    context = {
        "report": report,
        "stale": selectors.filed_since(report, report.consolidated_at),
        "can_record": Cap.RECORD in access.caps_at(request.user, report.org),
        "worker_alive": leases.worker_alive(),
    }
    response = render(request, "reports/_consolidation.html", context)
    if finished and request.headers.get("X-Polling"):
        response["HX-Refresh"] = "true"  # the summing ended while the page watched: show the figures
    return response


@login_required
@require_POST
def report_save(request, pk):
    """Save the draft as it is typed (htmx, on every change) or with the Save button."""
    report = access.access_report(request.user, pk, Cap.RECORD)
    form = ReportTextForm(request.POST)
    form.is_valid()  # every field is optional text: nothing to refuse here
    try:
        report = services.report_save(actor=request.user, report=report, text=form.cleaned_data)
    except ValidationError as exc:
        if request.htmx:
            return render(request, "reports/_saved.html", {"report": report, "error": " ".join(exc.messages)})
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:report", pk=report.pk)
    if request.htmx:
        return render(request, "reports/_saved.html", {"report": report, "at": timezone.localtime()})
    messages.success(request, _("Saved (version %(n)s).") % {"n": report.version})
    return redirect("reports:report", pk=report.pk)


@login_required
@require_POST
def report_submit(request, pk):
    report = access.access_report(request.user, pk, Cap.RECORD)
    form = ReportTextForm(request.POST)
    form.is_valid()
    try:
        report = services.report_submit(actor=request.user, report=report, text=form.cleaned_data)
    except ValidationError as exc:
        form.add_error(None, exc)
        return render(request, "reports/report.html", _report_context(request, report, form=form), status=400)
    messages.success(request, _("The report is filed; its figures are kept as they stand today."))
    return redirect("reports:report", pk=report.pk)


@login_required
@require_POST
def report_return(request, pk):
    report = access.access_report(request.user, pk)
    if not access.may_return(request.user, report):
        raise access.PermissionDenied
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.report_return(actor=request.user, report=report, comment=form.cleaned_data["comment"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The report was sent back to %(org)s.") % {"org": report.org.name})
    else:
        messages.error(request, _("Say what should be changed."))
    return redirect("reports:report", pk=report.pk)


@login_required
@require_POST
def report_correct(request, pk):
    report = access.access_report(request.user, pk, Cap.RECORD)
    form = CorrectForm(request.POST)
    if form.is_valid():
        try:
            services.report_correct(actor=request.user, report=report, text=form.cleaned_data, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The correction is filed as a new version."))
            return redirect("reports:report", pk=report.pk)
    return render(request, "reports/report.html", _report_context(request, report, correct_form=form), status=400)


@login_required
@require_GET
def version(request, pk):
    """One version against the one before it: the text word by word, the figures task by task."""
    version = access.access_report_version(request.user, pk)
    before = selectors.previous_version(version)
    with_figures = selectors.previous_version(version, with_figures=True)
    changes = {
        "text": diff.text_changes(before.text if before else {}, version.text),
        "figures": diff.figure_changes(with_figures.figures if with_figures else None, version.figures),
    }
    return render(request, "reports/version.html", {"version": version, "report": version.report, "before": before, "changes": changes})


@login_required
@require_GET
def report_docx(request, pk):
    report = access.access_report(request.user, pk)
    response = HttpResponse(services.docx_of(report), content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, f"{_file_name(report)}.docx")
    return response


def _file_name(report) -> str:
    """ "BaoCao_DEMO-DUB_2026_v3" """
    return file_name("BaoCao", report.org.code or str(report.org_id), str(report.cycle.period_end.year), f"v{report.version}")


@login_required
@require_http_methods(["GET", "POST"])
def report_pdf(request, pk):
    """POST asks for the PDF (made in the background); GET shows its progress, or downloads it."""
    report = access.access_report(request.user, pk)
    if request.method == "POST":
        services.rendering_request(actor=request.user, report=report)
        if not request.htmx:
            return redirect("reports:report", pk=report.pk)
    rendering = selectors.renderings(report).filter(version=report.version).first()
    if request.method == "GET" and rendering is not None and rendering.status == RenderStatus.DONE and "download" in request.GET:
        return FileResponse(
            rendering.file.open("rb"), as_attachment=True, filename=f"{_file_name(report)}.pdf", content_type="application/pdf"
        )
    return render(request, "reports/_pdf.html", {"report": report, "rendering": rendering, "worker_alive": leases.worker_alive()})


@login_required
@require_http_methods(["GET", "POST"])
def letterhead(request, pk):
    """How the org's reports are headed and signed, and its own Word template."""
    org = access.access_org(request.user, pk, Cap.MANAGE_TREE)
    form = LetterheadForm(request.POST or None, request.FILES or None, instance=report_render.letterhead_of(org))
    if request.method == "POST" and form.is_valid():
        try:
            services.letterhead_save(actor=request.user, form=form)
        except ValidationError as exc:
            form.add_error("template", exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("reports:letterhead", pk=org.pk)
    return render(request, "reports/letterhead.html", {"org": org, "form": form})
