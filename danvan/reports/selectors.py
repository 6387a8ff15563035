"""Reads of reporting cycles: who has filed, who is drafting, who has not started and who is
late, in any subtree of a cycle, as counts and as a paged list."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from danvan.lib.text import fold
from danvan.orgs.models import Org, ancestor_paths
from danvan.programs.models import Adoption, Program, ProgramStatus
from danvan.reports.models import Cycle, CycleCount, Rendering, Report, ReportStatus, ReportVersion

LATE = "late"


def reports_under(cycle: Cycle, org: Org) -> QuerySet[Report]:
    return Report.objects.filter(cycle=cycle).filter(org.subtree_filter("org_path"))


def status_counts(cycle: Cycle, org: Org, today: dt.date) -> dict[str, int]:
    """How many reports of the subtree are in each state, and how many are late (not filed
    after the deadline): from the cycle's counts for its org and the orgs right below it, else
    one grouped read of the cycle's index over the (smaller) subtree."""
    counts = dict.fromkeys(ReportStatus.values, 0)
    kept = CycleCount.objects.filter(cycle=cycle, org_path=org.path).values_list("status", "n")
    rows = list(kept) if len(org.path) <= len(cycle.org_path) + Org.steplen else []
    if not rows:
        rows = list(reports_under(cycle, org).order_by().values("status").annotate(n=Count("pk")).values_list("status", "n"))
    for status, n in rows:
        counts[status] = n
    counts["total"] = sum(counts[s] for s in ReportStatus.values)
    counts[LATE] = 0 if today <= cycle.deadline else counts["total"] - counts[ReportStatus.SUBMITTED]
    return counts


def reports_filtered(
    cycle: Cycle, org: Org, today: dt.date, *, status: str = "", query: str = "", level: int | None = None
) -> QuerySet[Report]:
    found = reports_under(cycle, org).select_related("org")
    if status == LATE:
        found = found.exclude(status=ReportStatus.SUBMITTED) if today > cycle.deadline else found.none()
    elif status:
        found = found.filter(status=status)
    if level:
        found = found.filter(org__depth=org.depth + level)
    for term in fold(query).split():
        found = found.filter(org__name_folded__contains=term)
    return found.order_by("org_path")


def children(report: Report) -> QuerySet[Report]:
    """The reports this one consolidates, in tree order."""
    return report.children.select_related("org").order_by("org_path")


def versions(report: Report) -> QuerySet[ReportVersion]:
    return report.versions.select_related("created_by").order_by("-number")


def previous_version(version: ReportVersion, *, with_figures: bool = False) -> ReportVersion | None:
    """The version before this one (with `with_figures`, the last one before it that was filed)."""
    earlier = ReportVersion.objects.filter(report_id=version.report_id, number__lt=version.number)
    if with_figures:
        earlier = earlier.filter(figures__isnull=False)
    return earlier.order_by("-number").first()


def reports_of(paths: list[str]) -> QuerySet[Report]:
    """Reports to file by the orgs at `paths` (the user's recording orgs), those not filed first."""
    if not paths:
        return Report.objects.none()
    return (
        Report.objects.filter(org__path__in=paths)
        .select_related("cycle", "org")
        .annotate(filed=Case(When(status=ReportStatus.SUBMITTED, then=Value(1)), default=Value(0), output_field=IntegerField()))
        .order_by("filed", "cycle__deadline", "org_path")
    )


def programs_for(org: Org) -> QuerySet[Program]:
    """The programs an org can report on: issued by it or above it, or sent to it."""
    sent = Adoption.objects.filter(org=org, program_id=OuterRef("pk"))
    return (
        Program.objects.filter(Q(org__path__in=ancestor_paths(org.path)) | Exists(sent))
        .filter(status=ProgramStatus.ACTIVE)
        .order_by("-valid_from", "-id")
    )


def renderings(report: Report) -> QuerySet[Rendering]:
    return report.renderings.order_by("-version")


def first_report_seen(cycle: Cycle, scope) -> Report | None:
    """The first report in tree order within `scope` (the top of a user's part of the cycle)."""
    return Report.objects.filter(cycle=cycle).filter(scope).select_related("org").order_by("org_path").first()


def children_counts(report: Report) -> dict[str, int]:
    counts = dict.fromkeys(ReportStatus.values, 0)
    for row in report.children.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    counts["total"] = sum(counts.values())
    return counts


def reports_seen(cycle: Cycle, scope, *, status: str = "") -> QuerySet[Report]:
    found = Report.objects.filter(cycle=cycle).filter(scope)
    if status:
        found = found.filter(status=status)
    return found.order_by("org_path")


def filed_since(report: Report, moment) -> bool:
    """Whether a subordinate filed (or corrected) its report after `moment` (None: never summed)."""
    if moment is None:
        return False
    return report.children.filter(status=ReportStatus.SUBMITTED, updated_at__gt=moment).exists()
