"""The "Dân vận khéo" section of an org's pre-filled report: its subtree's models and
commendations in the years the period covers (from the counters)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from danvan.reports.sections import Section


def collect(org, start: dt.date, end: dt.date) -> dict[str, int]:
    from django.db.models import Sum

    from danvan.emulation.models import EmulationCounter

    sums = EmulationCounter.objects.filter(node_path=org.path, year__gte=start.year, year__lte=end.year).aggregate(
        registered=Sum("registered"), replicated=Sum("replicated"), reviewed=Sum("reviewed"), commended=Sum("commended")
    )
    return {k: v for k, v in sums.items() if v}


def labels() -> dict[str, str]:
    return {
        "registered": str(_("“Dân vận khéo” models registered")),
        "replicated": str(_("models replicated elsewhere")),
        "reviewed": str(_("models reviewed at year end")),
        "commended": str(_("collectives and individuals commended")),
    }


SECTION = Section("emulation", _("“Dân vận khéo” emulation"), collect, labels)
