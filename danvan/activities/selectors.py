"""Reads of the activities stage: what falls due and what was held, for the calendar."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q

from danvan.activities.models import Activity
from danvan.programs.models import Obligation


def upcoming(orgs_q: Q, start: dt.date, end: dt.date, limit: int = 500):
    """Obligations falling due and activities held between two days, in the orgs of `orgs_q`."""
    obligations = (
        Obligation.objects.filter(orgs_q, due__gte=start, due__lte=end, waived_reason="")
        .filter(done__lt=F("required"))
        .select_related("org", "task")
        .order_by("due", "org_path")[:limit]
    )
    activities = Activity.objects.filter(orgs_q, held_on__gte=start, held_on__lte=end).select_related("org").order_by("held_on")[:limit]
    return list(obligations), list(activities)


def org_activity_page(org, year: int):
    """An org's activities of a year for its list page, the latest first, with their files and
    tasks counted rather than loaded."""
    return (
        Activity.objects.filter(org=org, held_on__year=year)
        .annotate(n_files=Count("files", distinct=True), n_tasks=Count("tasks", distinct=True))
        .order_by("-held_on", "-id")
    )


def org_activities(org, year: int):
    return Activity.objects.filter(org=org, held_on__year=year).prefetch_related("tasks", "attendance").order_by("-held_on", "-id")


# How many obligations of a subtree fall due each day, still open. The rollup stage (later in
# the loop) registers its counters-based reader here when the apps are ready; without it, the
# obligation rows are counted (right, but slow for a large subtree).
open_per_day_readers: list = []


def open_per_day(org, start: dt.date, end: dt.date) -> dict[dt.date, int]:
    if open_per_day_readers:
        return open_per_day_readers[0](org, start, end)
    rows = (
        Obligation.objects.filter(org.subtree_filter("org_path"), due__gte=start, due__lte=end, waived_reason="")
        .filter(done__lt=F("required"))
        .values("due")
        .annotate(n=Count("id"))
    )
    return {row["due"]: row["n"] for row in rows}
