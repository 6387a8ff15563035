"""The members' tasks section of an org's pre-filled report: the tasks of the year the period
ends in, in the org's own cell (registered in `reports.sections` when the apps are ready)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from danvan.reports.sections import Section


def collect(org, start: dt.date, end: dt.date) -> dict[str, int]:
    from danvan.members.models import Assessment, MemberTask

    figures = MemberTask.objects.filter(org=org, year=end.year).aggregate(
        assigned=Count("pk"),
        acknowledged=Count("pk", filter=Q(acknowledged_on__isnull=False)),
        reported=Count("pk", filter=Q(self_reported_on__isnull=False)),
        well=Count("pk", filter=Q(assessment=Assessment.WELL)),
        done=Count("pk", filter=Q(assessment=Assessment.DONE)),
        not_done=Count("pk", filter=Q(assessment=Assessment.NOT)),
    )
    return {k: v for k, v in figures.items() if v}


def labels() -> dict[str, str]:
    return {
        "assigned": str(_("members given a mass mobilization task")),
        "acknowledged": str(_("tasks acknowledged by the member")),
        "reported": str(_("self-reports filed")),
        "well": str(_("completed well")),
        "done": str(_("completed")),
        "not_done": str(_("not completed")),
    }


SECTION = Section("members", _("Party members' mass mobilization tasks"), collect, labels)
