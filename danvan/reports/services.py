"""Writes on reporting cycles and reports: open a cycle, save a draft, file, return, correct.
Each runs in one transaction and writes an audit record; a filed report's figures are a
snapshot taken in the same transaction."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Count, F
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.lib.text import nfc, nfc_lines
from danvan.orgs.models import PARTY_KINDS, Org, OrgKind, OrgStatus
from danvan.programs.models import Adoption, Program
from danvan.reports import figures
from danvan.reports.models import (
    SECTION_KEYS,
    Cycle,
    CycleCount,
    CycleKind,
    Letterhead,
    Rendering,
    RenderStatus,
    Report,
    ReportStatus,
    ReportVersion,
    VersionEvent,
)

BATCH = 2000
ANALYZE_AFTER = 10_000  # reports made at once, beyond which PostgreSQL's statistics are refreshed
MAX_SECTION_CHARS = 100_000


@transaction.atomic
def cycle_open(
    *,
    actor,
    org: Org,
    kind: str,
    title: str,
    programs: list[Program],
    period_start: dt.date,
    period_end: dt.date,
    deadline: dt.date,
    kinds: list[str] | None = None,
) -> Cycle:
    """Open a reporting cycle over `org`'s subtree: one report for `org` and for every active
    org below it of the chosen kinds (the party's own by default), each consolidated by the
    nearest org above it that also reports."""
    title = nfc(title or "").strip()
    kinds = sorted(set(kinds if kinds is not None else PARTY_KINDS))
    if kind not in CycleKind.values:
        raise ValidationError(_("Unknown kind of report."))
    if not title:
        raise ValidationError(_("Give the cycle a title."))
    if period_end < period_start:
        raise ValidationError(_("The data period ends before it starts."))
    if deadline < period_start:
        raise ValidationError(_("The deadline falls before the data period starts."))
    if not programs:
        raise ValidationError(_("Choose at least one program the reports cover."))
    if any(k not in OrgKind.values for k in kinds) or not kinds:
        raise ValidationError(_("Choose the kinds of organization that report."))
    reached = set(Adoption.objects.filter(org=org, program__in=programs).values_list("program_id", flat=True))
    foreign = [p for p in programs if p.pk not in reached and not org.path.startswith(p.org.path)]
    if foreign:
        raise ValidationError(_("%(program)s has not been sent to %(org)s.") % {"program": foreign[0], "org": org.name})
    cycle = Cycle(
        org=org,
        org_path=org.path,
        kind=kind,
        title=title,
        period_start=period_start,
        period_end=period_end,
        deadline=deadline,
        kinds=kinds,
        created_by=actor,
    )
    cycle.full_clean()
    cycle.save()
    cycle.programs.set(programs)
    cycle.reports_count = _make_reports(cycle, org, kinds)
    cycle.save(update_fields=["reports_count"])
    _start_counts(cycle)
    if cycle.reports_count > ANALYZE_AFTER and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE reports_report")  # plan the next reads on the new rows, not on statistics from before them
    audit_record(
        actor=actor,
        action="report.cycle_open",
        obj=cycle,
        org=org,
        changes={
            "kind": [None, kind],
            "period": [None, f"{period_start.isoformat()}/{period_end.isoformat()}"],
            "deadline": [None, deadline.isoformat()],
            "reports": [None, cycle.reports_count],
        },
    )
    return cycle


def _make_reports(cycle: Cycle, org: Org, kinds: list[str]) -> int:
    """The reports, a level of the tree at a time (so every parent has its id when its children
    are written); each one's parent is the nearest report above it."""
    orgs = Org.objects.filter(org.subtree_filter(), status=OrgStatus.ACTIVE, kind__in=kinds).exclude(pk=org.pk)
    top = Report.objects.create(cycle=cycle, org=org, org_path=org.path)
    ids = {org.path: top.pk}
    step = Org.steplen
    made = 1
    for depth in orgs.order_by().values_list("depth", flat=True).distinct().order_by("depth"):
        rows = orgs.filter(depth=depth).order_by("path").values_list("pk", "path")
        batch = []
        for org_id, path in rows.iterator(chunk_size=BATCH):
            parent = next(ids[path[:cut]] for cut in range(len(path) - step, len(org.path) - 1, -step) if path[:cut] in ids)
            batch.append(Report(cycle=cycle, org_id=org_id, org_path=path, parent_id=parent))
            if len(batch) >= BATCH:
                made += _write(batch, ids)
        made += _write(batch, ids)
    return made


def _counted_paths(cycle: Cycle, org_path: str) -> list[str]:
    """The nodes whose counts a report is in: the cycle's org, and the org right below it on the way."""
    below = org_path[: len(cycle.org_path) + Org.steplen]
    return [cycle.org_path] if below == cycle.org_path else [cycle.org_path, below]


def _start_counts(cycle: Cycle) -> None:
    """Every report starts not started: the counts of the cycle's org and of each org right below it."""
    width = len(cycle.org_path) + Org.steplen
    below = (
        Report.objects.filter(cycle=cycle)
        .exclude(org_path=cycle.org_path)
        .annotate(node=Substr("org_path", 1, width))
        .values("node")
        .annotate(n=Count("pk"))
    )
    totals = {cycle.org_path: cycle.reports_count, **{row["node"]: row["n"] for row in below}}
    CycleCount.objects.bulk_create(
        [
            CycleCount(cycle=cycle, org_path=path, status=status, n=n if status == ReportStatus.NOT_STARTED else 0)
            for path, n in totals.items()
            for status in ReportStatus.values
        ],
        batch_size=BATCH,
    )


def _recount(report: Report, before: str, after: str) -> None:
    """Move one report from one state to another in its cycle's counts (same transaction)."""
    if before == after:
        return
    paths = _counted_paths(report.cycle, report.org_path)
    CycleCount.objects.filter(cycle_id=report.cycle_id, org_path__in=paths, status=before).update(n=F("n") - 1)
    CycleCount.objects.filter(cycle_id=report.cycle_id, org_path__in=paths, status=after).update(n=F("n") + 1)


def _write(batch: list[Report], ids: dict[str, int]) -> int:
    Report.objects.bulk_create(batch)
    ids.update((report.org_path, report.pk) for report in batch)
    count = len(batch)
    batch.clear()
    return count


def _clean_text(text: dict) -> dict:
    cleaned = {}
    for key in SECTION_KEYS:
        value = nfc_lines(str(text.get(key) or ""))
        if len(value) > MAX_SECTION_CHARS:
            raise ValidationError(_("A section is longer than %(n)s characters.") % {"n": f"{MAX_SECTION_CHARS:,}".replace(",", ".")})
        cleaned[key] = value
    return cleaned


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("cycle", "org").get(pk=report.pk)


def _keep(
    report: Report, *, actor, event: str, action: str, changes: dict, note: str = "", with_figures: bool = False, was: str = ""
) -> Report:
    """Save the report as a new version (its text, and its figures when it is filed), count its
    change of state (from `was`) and audit it."""
    _recount(report, was or report.status, report.status)
    report.version += 1
    ReportVersion.objects.create(
        report=report,
        number=report.version,
        event=event,
        text=report.text,
        figures=report.figures if with_figures else None,
        note=note,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    report.save()
    audit_record(actor=actor, action=action, obj=report, org=report.org, changes={**changes, "version": [None, report.version]})
    return report


def _filed_figures(report: Report, today: dt.date | None) -> None:
    """The figures as they stand, for a report being filed (part I must be written)."""
    if not (report.text.get("results") or "").strip():
        raise ValidationError(_("Write part I (results) before filing the report."))
    report.figures = figures.snapshot(report, today or timezone.localdate())


@transaction.atomic
def report_save(*, actor, report: Report, text: dict) -> Report:
    """Save a draft (the page saves on every change). Nothing changed, nothing written."""
    report = _locked(report)
    if report.status == ReportStatus.SUBMITTED:
        raise ValidationError(_("This report has been filed: correct it, giving the reason."))
    cleaned = _clean_text(text)
    changed = sorted(key for key in SECTION_KEYS if cleaned[key] != report.text.get(key, ""))
    if not changed:
        return report
    report.text = cleaned
    was = report.status
    if report.status == ReportStatus.NOT_STARTED:
        report.status = ReportStatus.DRAFT
    return _keep(report, actor=actor, event=VersionEvent.SAVED, action="report.save", changes={"sections": [None, changed]}, was=was)


@transaction.atomic
def report_submit(*, actor, report: Report, text: dict | None = None, today: dt.date | None = None) -> Report:
    """File the report: lock it, and keep its figures as they stand now."""
    report = _locked(report)
    if report.status == ReportStatus.SUBMITTED:
        raise ValidationError(_("This report has been filed already."))
    if text is not None:
        report.text = _clean_text(text)
    _filed_figures(report, today)
    before, report.status = report.status, ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
    changes = {"status": [before, report.status]}
    return _keep(report, actor=actor, event=VersionEvent.SUBMITTED, action="report.submit", changes=changes, with_figures=True, was=before)


@transaction.atomic
def report_return(*, actor, report: Report, comment: str) -> Report:
    """The consolidating committee sends a filed report back with what to change."""
    comment = nfc(comment or "").strip()
    if not comment:
        raise ValidationError(_("Say what should be changed."))
    report = _locked(report)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a filed report can be returned."))
    report.status = ReportStatus.RETURNED
    report.returned_comment = comment
    changes = {"status": [ReportStatus.SUBMITTED, report.status], "comment": [None, comment]}
    return _keep(
        report, actor=actor, event=VersionEvent.RETURNED, action="report.return", changes=changes, note=comment, was=ReportStatus.SUBMITTED
    )


@transaction.atomic
def report_correct(*, actor, report: Report, text: dict, reason: str, today: dt.date | None = None) -> Report:
    """Correct a filed report: a new version with its reason, the figures taken again."""
    reason = nfc(reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for the correction."))
    report = _locked(report)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a filed report is corrected; a draft is simply edited."))
    report.text = _clean_text(text)
    _filed_figures(report, today)
    changes = {"reason": [None, reason]}
    return _keep(
        report, actor=actor, event=VersionEvent.CORRECTED, action="report.correct", changes=changes, note=reason, with_figures=True
    )


def rendering_request(*, actor, report: Report) -> tuple[Rendering, bool]:
    """Ask for the PDF of the report's current version: the one made already, or a new job
    (again after a failure). Returns (rendering, queued now)."""
    from danvan.reports.tasks import render_pdf  # the task module imports the renderer

    with transaction.atomic():
        rendering, _made = Rendering.objects.select_for_update().get_or_create(report=report, version=report.version)
        queue = rendering.status in (RenderStatus.NONE, RenderStatus.FAILED)
        if queue:
            rendering.status, rendering.error = RenderStatus.QUEUED, ""
            rendering.requested_by = actor if getattr(actor, "is_authenticated", False) else None
            rendering.save(update_fields=["status", "error", "requested_by"])
            audit_record(actor=actor, action="report.render_pdf", obj=report, org=report.org, changes={"version": [None, report.version]})
    if queue:
        render_pdf.enqueue(rendering.pk)
        rendering.refresh_from_db()
    return rendering, queue


CONSOLIDATE_INLINE = 200  # direct subordinates summed during the request; more are summed by the worker


def is_wide(report: Report, children: int) -> bool:
    """Whether a report not filed yet is consolidated in the background (its page then shows the
    figures as last summed, with their time, rather than summing on every view)."""
    return not report.figures and children > CONSOLIDATE_INLINE


def consolidation_request(*, actor, report: Report) -> bool:
    """Start summing the report's subordinates in the background, unless it is under way."""
    from danvan.reports.tasks import consolidate

    with transaction.atomic():
        started = Report.objects.filter(pk=report.pk, consolidating=False).update(consolidating=True, progress_done=0, progress_total=0)
        if started:
            audit_record(actor=actor, action="report.consolidate", obj=report, org=report.org, changes={})
    if started:
        consolidate.enqueue(report.pk)
    return bool(started)


def consolidation_run(*, report_id: int) -> None:
    report = Report.objects.select_related("cycle", "org").get(pk=report_id)
    total = report.children.count()
    Report.objects.filter(pk=report_id).update(progress_done=0, progress_total=total)

    def progress(done: int, _total: int) -> None:
        Report.objects.filter(pk=report_id).update(progress_done=done)

    try:
        summed = figures.snapshot(report, timezone.localdate(), progress=progress)
    finally:
        Report.objects.filter(pk=report_id).update(consolidating=False)
    Report.objects.filter(pk=report_id).update(consolidated=summed, consolidated_at=timezone.now(), progress_done=total)


def consolidation_given_up(report_id: int, *, reason: str) -> None:
    Report.objects.filter(pk=report_id).update(consolidating=False)


def rendering_given_up(rendering_id: int, *, reason: str) -> None:
    Rendering.objects.filter(pk=rendering_id).exclude(status=RenderStatus.DONE).update(status=RenderStatus.FAILED, error=reason)


def docx_of(report: Report) -> bytes:
    """The report as a `.docx`: for a filed version the file made once and kept (the PDF is made
    from the same file); for a draft, made now from the records as they stand."""
    from danvan.reports.render import docx_bytes

    if not report.is_filed and report.status != ReportStatus.RETURNED:
        return docx_bytes(report)
    with transaction.atomic():
        rendering, _made = Rendering.objects.select_for_update().get_or_create(report=report, version=report.version)
        if rendering.docx:
            with rendering.docx.open("rb") as handle:
                return handle.read()
        data = docx_bytes(report)
        rendering.docx.save(f"bao-cao-{report.pk}-v{report.version}.docx", ContentFile(data), save=False)
        rendering.save(update_fields=["docx"])
    return data


@transaction.atomic
def letterhead_save(*, actor, form) -> Letterhead:
    """Save an org's letterhead; a new Word template must render a sample report first."""
    from danvan.reports.render import validate_template

    upload = form.cleaned_data.get("template")
    if upload and hasattr(upload, "read"):
        validate_template(upload)
    letterhead = form.save(commit=False)
    letterhead.updated_by = actor
    letterhead.save()
    audit_record(
        actor=actor,
        action="report.letterhead",
        obj=letterhead,
        org=letterhead.org,
        changes={"fields": [None, sorted(form.changed_data)]},
    )
    return letterhead
