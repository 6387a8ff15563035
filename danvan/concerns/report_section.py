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
