"""Reads of inspections: a subtree's year (planned and concluded, the recommendations open and
overdue from the counters), an inspection's recommendations, and what an org must carry out."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from danvan.inspections.models import OPEN_RECOMMENDATION, Inspection, InspectionStatus, Recommendation
from danvan.orgs.models import Org


def inspections_of(org: Org, year: int) -> QuerySet[Inspection]:
    """Inspections and supervisions held by the orgs of the subtree in the year."""
    return (
        Inspection.objects.filter(org.subtree_filter("org_path"), year=year).select_related("org", "team_head").order_by("starts_on", "id")
    )


def year_figures(org: Org, year: int, today: dt.date) -> dict:
    """Planned and concluded in the year (inspections are a few per committee a year: a count over
    an indexed range), and the recommendations open and overdue in the subtree (counters)."""
    from danvan.rollup import open_items

    counts = (
        inspections_of(org, year)
        .order_by()
        .aggregate(total=Count("pk"), concluded=Count("pk", filter=Q(status=InspectionStatus.CONCLUDED)))
    )
    return {**counts, "recommendations": open_items.figures(org.path, today, ["recommendation"])["recommendation"]}


def recommendations_to_do(org: Org) -> QuerySet[Recommendation]:
    """Recommendations addressed to the orgs of the subtree, the open ones first, by due day."""
    return (
        Recommendation.objects.filter(org.subtree_filter("org_path"))
        .select_related("org", "inspection", "inspection__org", "owner")
        .order_by("closed_on", "due", "id")
    )


def recommendation_items(org: Org, today: dt.date) -> list[dict]:
    """For the org's own to-do list: recommendations it must carry out (not those below it)."""
    from django.urls import reverse
    from django.utils.translation import ngettext

    waiting = Recommendation.objects.filter(org=org, status__in=OPEN_RECOMMENDATION).order_by()
    counts = waiting.aggregate(n=Count("pk"), late=Count("pk", filter=Q(due__lt=today)))
    if not counts["n"]:
        return []
    text = ngettext(
        "%(n)s inspection recommendation to carry out, %(late)s overdue",
        "%(n)s inspection recommendations to carry out, %(late)s overdue",
        counts["n"],
    ) % {"n": counts["n"], "late": counts["late"]}
    return [{"text": text, "url": reverse("inspections:recommendations", kwargs={"pk": org.pk})}]


def program_of(org: Org, year: int, today: dt.date) -> dict:
    """The org's own program of inspection and supervision for the year, planned against done: each
    obligation of its inspection tasks due in the year (a few dozen at most), done when a concluded
    inspection met it."""
    from danvan.programs.models import ActivityKind, Obligation

    rows = list(
        Obligation.objects.filter(org=org, task__activity_kind=ActivityKind.INSPECTION, due__year=year)
        .select_related("task", "task__program")
        .order_by("due", "task__position")[:200]
    )
    for row in rows:
        row.is_done = row.done >= row.required or bool(row.waived_reason)
        row.is_late = not row.is_done and row.due < today
    return {"rows": rows, "planned": len(rows), "done": sum(r.is_done for r in rows), "late": sum(r.is_late for r in rows)}
