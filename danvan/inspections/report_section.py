"""The inspection section of an org's pre-filled report: what it inspected and concluded in the
period, and the recommendations it received and carried out."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from danvan.reports.sections import Section


def collect(org, start: dt.date, end: dt.date) -> dict[str, int]:
    from danvan.inspections.models import Inspection, InspectionStatus, Recommendation

    held = Inspection.objects.filter(org=org, starts_on__gte=start, starts_on__lte=end)
    figures = {
        "held": held.count(),
        "concluded": Inspection.objects.filter(
            org=org, status=InspectionStatus.CONCLUDED, concluded_on__gte=start, concluded_on__lte=end
        ).count(),
        "received": Recommendation.objects.filter(org=org, inspection__concluded_on__gte=start, inspection__concluded_on__lte=end).count(),
        "carried_out": Recommendation.objects.filter(org=org, closed_on__gte=start, closed_on__lte=end).count(),
    }
    return {k: v for k, v in figures.items() if v}


def labels() -> dict[str, str]:
    return {
        "held": str(_("inspections and supervisions begun")),
        "concluded": str(_("inspections and supervisions concluded")),
        "received": str(_("recommendations received")),
        "carried_out": str(_("recommendations carried out and verified")),
    }


SECTION = Section("inspections", _("Inspection and supervision of mass mobilization work"), collect, labels)
