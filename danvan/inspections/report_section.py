"""The inspection section of an org's pre-filled report: what it inspected and concluded in the
period, and the recommendations it received and carried out."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from danvan.reports.sections import Section


def collect(org, start: dt.date, end: dt.date) -> dict[str, int]:
    from danvan.inspections.models import Inspection, InspectionStatus, Recommendation

    begun = Q(starts_on__gte=start, starts_on__lte=end)
    concluded = Q(status=InspectionStatus.CONCLUDED, concluded_on__gte=start, concluded_on__lte=end)
    received = Q(inspection__concluded_on__gte=start, inspection__concluded_on__lte=end)
    carried_out = Q(closed_on__gte=start, closed_on__lte=end)
    figures = {
        **Inspection.objects.filter(begun | concluded, org=org).aggregate(
            held=Count("pk", filter=begun), concluded=Count("pk", filter=concluded)
        ),
        **Recommendation.objects.filter(received | carried_out, org=org).aggregate(
            received=Count("pk", filter=received), carried_out=Count("pk", filter=carried_out)
        ),
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
