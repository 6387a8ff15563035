"""Reads of "Dân vận khéo": the campaigns an org takes part in or runs, a campaign's models and
nominations with their council's average, and the rolled-up statistics from the counters."""

from __future__ import annotations

from django.db.models import Avg, Count, Q, QuerySet

from danvan.emulation.counters import COUNTER
from danvan.emulation.models import Campaign, EmulationCounter, Field, Nomination, Practice
from danvan.orgs.models import Org, OrgKind, ancestor_paths


def campaigns_open_to(org: Org) -> QuerySet[Campaign]:
    """The campaigns of the org and of the committees above it: those its units register in."""
    return Campaign.objects.filter(org_path__in=ancestor_paths(org.path)).select_related("org", "decision").order_by("-year", "-org_path")


def campaigns_below(org: Org) -> QuerySet[Campaign]:
    """The campaigns run inside the subtree, below the org (paged by the page that shows them)."""
    return Campaign.objects.filter(org_path__startswith=org.path).exclude(org=org).select_related("org").order_by("-year", "org_path")


def practices_of(campaign: Campaign, *, field: str = "", below: Org | None = None) -> QuerySet[Practice]:
    rows = Practice.objects.filter(campaign=campaign).select_related("org")
    if field:
        rows = rows.filter(field=field)
    if below is not None:
        rows = rows.filter(org_path__startswith=below.path)
    return rows.order_by("org_path", "id")


def nominations_of(campaign: Campaign) -> QuerySet[Nomination]:
    """The campaign's nominations, each with its council's average (members with a declared conflict left out) and how many scored."""
    return (
        Nomination.objects.filter(campaign=campaign)
        .select_related("practice", "person", "org")
        .annotate(
            average=Avg("scores__total", filter=Q(scores__conflict=False)),
            scored=Count("scores", filter=Q(scores__conflict=False)),
            conflicts=Count("scores", filter=Q(scores__conflict=True)),
        )
        .order_by("-average", "id")
    )


def statistics(org: Org, year: int | None = None) -> dict:
    """The subtree's models by field and by the kind of unit, replicated and commended (from the counters)."""
    rows = EmulationCounter.objects.filter(node_path=org.path, **({"year": year} if year else {}))
    by_field = {f: {"registered": 0, "replicated": 0, "reviewed": 0, "commended": 0} for f in Field.values}
    by_kind: dict[str, dict[str, int]] = {}
    individuals = 0
    for row in rows:
        if row.field:
            for figure in ("registered", "replicated", "reviewed", "commended"):
                by_field[row.field][figure] += getattr(row, figure)
            kind = by_kind.setdefault(row.org_kind, {"registered": 0, "commended": 0})
            kind["registered"] += row.registered
            kind["commended"] += row.commended
        else:
            individuals += row.commended
    total = COUNTER.sums(org.path, **({"year": year} if year else {}))
    return {
        "total": total,
        "fields": [{"field": f, "label": Field(f).label, **v} for f, v in by_field.items()],
        "kinds": [{"kind": k, "label": OrgKind(k).label if k in OrgKind.values else k, **v} for k, v in sorted(by_kind.items())],
        "individuals": individuals,
        "most": max([v["registered"] for v in by_field.values()] + [1]),
    }


def by_year(org: Org) -> list[dict]:
    """Models registered and nominations commended per year in the subtree."""
    from django.db.models import Sum

    rows = EmulationCounter.objects.filter(node_path=org.path).values("year")
    return list(rows.annotate(registered=Sum("registered"), commended=Sum("commended")).order_by("-year"))


def council_member(campaign: Campaign, person_id: int | None):
    """The user's seat on the campaign's council, if they have one."""
    from danvan.emulation.models import CouncilMember

    return CouncilMember.objects.filter(campaign=campaign, person_id=person_id).first() if person_id else None


def unit_activities(practice: Practice, limit: int = 50) -> list:
    """The unit's activities since the model began, latest first: the evidence its progress may name."""
    from danvan.activities.models import Activity

    return list(Activity.objects.filter(org=practice.org, held_on__gte=practice.starts_on).order_by("-held_on")[:limit])
