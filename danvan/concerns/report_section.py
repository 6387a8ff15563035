"""The concerns' section of an org's pre-filled report: what was received in the period and how
it stands (registered in `reports.sections` when the apps are ready)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from danvan.reports.sections import Section


def collect(org, start: dt.date, end: dt.date) -> dict[str, int]:
    from danvan.concerns.models import OPEN_STATUSES, Concern, Rating

    figures = Concern.objects.filter(org=org, received_on__gte=start, received_on__lte=end).aggregate(
        received=Count("pk"),
        answered=Count("pk", filter=Q(answered_on__isnull=False)),
        on_time=Count("pk", filter=Q(answered_on__isnull=False, answered_on__lte=F("due"))),
        still_open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        satisfied=Count("pk", filter=Q(rating=Rating.SATISFIED)),
    )
    return {k: v for k, v in figures.items() if v}


def labels() -> dict[str, str]:
    return {
        "received": str(_("received")),
        "answered": str(_("answered")),
        "on_time": str(_("answered on time")),
        "still_open": str(_("still open")),
        "satisfied": str(_("raisers satisfied")),
    }


SECTION = Section("concerns", _("Concerns raised by staff and citizens"), collect, labels)


def collect_democracy(org, start: dt.date, end: dt.date) -> dict[str, int]:
    """Grassroots democracy and the mass organizations in the period, at the org itself."""
    from danvan.activities.models import Activity
    from danvan.concerns.models import BoardReport, Commitment, Disclosure, Finding
    from danvan.programs.models import ActivityKind

    held = Q(activity__held_on__gte=start, activity__held_on__lte=end)
    done = Q(done_on__gte=start, done_on__lte=end)
    figures = {
        "disclosed": Disclosure.objects.filter(org=org, disclosed_on__gte=start, disclosed_on__lte=end).count(),
        **Activity.objects.filter(org=org, held_on__gte=start, held_on__lte=end).aggregate(
            conferences=Count("pk", filter=Q(kind=ActivityKind.STAFF_CONFERENCE)),
            work_sessions=Count("pk", filter=Q(kind=ActivityKind.WORK_SESSION)),
        ),
        "board_reports": BoardReport.objects.filter(board__org=org, reported_on__gte=start, reported_on__lte=end).count(),
        **Finding.objects.filter(held | done, org=org).aggregate(findings=Count("pk", filter=held), findings_done=Count("pk", filter=done)),
        **Commitment.objects.filter(held | done, activity__org=org).aggregate(
            commitments=Count("pk", filter=held), commitments_done=Count("pk", filter=done)
        ),
    }
    return {k: v for k, v in figures.items() if v}


def democracy_labels() -> dict[str, str]:
    return {
        "disclosed": str(_("items disclosed to the staff")),
        "conferences": str(_("staff conferences held")),
        "board_reports": str(_("reports of the people's inspection board")),
        "findings": str(_("findings of the trade union's supervision")),
        "findings_done": str(_("findings dealt with")),
        "work_sessions": str(_("work sessions with mass organizations")),
        "commitments": str(_("commitments agreed")),
        "commitments_done": str(_("commitments carried out")),
    }


DEMOCRACY = Section("democracy", _("Grassroots democracy and the mass organizations"), collect_democracy, democracy_labels)
