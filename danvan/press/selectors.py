"""Reads of press items: a subtree's year, and its figures by kind and by month."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractMonth

from danvan.orgs.models import Org
from danvan.press.models import PressItem, PressKind


def items_of(org: Org, year: int, *, kind: str = "") -> QuerySet[PressItem]:
    found = PressItem.objects.filter(org.subtree_filter("org_path"), published_on__year=year).select_related("org")
    return found.filter(kind=kind) if kind else found


def figures(org: Org, year: int) -> dict:
    """Items of the year in the subtree, by kind and by month (for the chart of the year)."""
    rows = items_of(org, year).order_by().values("kind").annotate(n=Count("pk"))
    by_kind = {r["kind"]: r["n"] for r in rows}
    months = dict(
        items_of(org, year).order_by().annotate(m=ExtractMonth("published_on")).values("m").annotate(n=Count("pk")).values_list("m", "n")
    )
    return {
        "total": sum(by_kind.values()),
        "by_kind": [(label, by_kind.get(value, 0)) for value, label in PressKind.choices if by_kind.get(value)],
        "by_month": [months.get(m, 0) for m in range(1, 13)],
    }
