"""The press section of an org's pre-filled report: what it published on mass mobilization in the period."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from danvan.reports.sections import Section


def collect(org, start: dt.date, end: dt.date) -> dict[str, int]:
    from danvan.press.models import PressItem

    rows = PressItem.objects.filter(org=org, published_on__gte=start, published_on__lte=end).values("kind").annotate(n=Count("pk"))
    return {r["kind"]: r["n"] for r in rows}


def labels() -> dict[str, str]:
    from danvan.press.models import PressKind

    return {value: str(label) for value, label in PressKind.choices}


SECTION = Section("press", _("Press items on mass mobilization"), collect, labels)
