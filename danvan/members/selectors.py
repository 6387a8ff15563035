"""Reads of members' tasks: a cell's members with their task, the figures of a subtree from the
counters, a member's own task, and who is in charge of mass mobilization where."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Length

from danvan.members.counters import FIGURES
from danvan.members.models import MemberTask, MemberTaskCounter
from danvan.orgs.models import Membership, Org, OrgKind, OrgStatus, Position, subtree_q


def cell_members(org: Org, year: int) -> list[dict]:
    """The cell's current party members, each with the year's task (or None), by name."""
    members = (
        Membership.objects.filter(org=org, end__isnull=True, person__party_joined_on__isnull=False)
        .select_related("person")
        .order_by("person__name_folded", "id")
    )
    tasks = {t.person_id: t for t in MemberTask.objects.filter(org=org, year=year)}
    people = {m.person_id: m.person for m in members}
    return [{"person": person, "task": tasks.get(pk)} for pk, person in people.items()]


def tasks_of(org: Org, year: int) -> QuerySet[MemberTask]:
    return (
        MemberTask.objects.filter(org.subtree_filter("org_path"), year=year)
        .select_related("person", "org")
        .order_by("org_path", "person__name_folded", "id")
    )


def _zero() -> dict:
    return dict.fromkeys(FIGURES, 0)


def figures(org: Org, year: int) -> dict:
    """The subtree's tasks of the year, from its node's counter."""
    row = MemberTaskCounter.objects.filter(node_path=org.path, year=year).values(*FIGURES).first()
    return row or _zero()


BELOW_SHOWN = 50


def figures_below(org: Org, year: int) -> list[dict]:
    """The orgs right below, each with its subtree's figures (those with tasks; at most `BELOW_SHOWN`, most tasks first)."""
    rows = (
        MemberTaskCounter.objects.filter(subtree_q(org.path, "node_path"), year=year)
        .annotate(length=Length("node_path"))
        .filter(length=len(org.path) + Org.steplen)
        .order_by("-assigned", "node_path")
        .values("node_path", *FIGURES)[:BELOW_SHOWN]
    )
    rows = list(rows)
    names = {o.path: o for o in Org.objects.filter(path__in=[r["node_path"] for r in rows])}
    return [{"org": names[r["node_path"]], **r} for r in rows if r["node_path"] in names]


def party_members_below(org: Org) -> dict[str, int]:
    """The current party members of the subtree (key `org.path`) and of each subtree right below
    it, in one grouped count over the subtree's memberships (the country's reads millions of rows:
    made by the worker for a wide org, see `danvan.orgs.counts`)."""
    from django.db.models import Count
    from django.db.models.functions import Substr

    current = Membership.objects.filter(org.subtree_filter("org_path"), end__isnull=True, person__party_joined_on__isnull=False)
    found = {org.path: current.aggregate(n=Count("person_id", distinct=True))["n"] or 0}
    grouped = (
        current.exclude(org_path=org.path)
        .annotate(node=Substr("org_path", 1, len(org.path) + Org.steplen))
        .order_by()
        .values("node")
        .annotate(n=Count("person_id", distinct=True))
    )
    found.update({row["node"]: row["n"] for row in grouped})
    return found


def coverage(org: Org, year: int, members: dict[str, int]) -> dict:
    """Members with a task, acknowledged, reported on, assessed — as shares of the subtree's party
    members (`members`, from `party_members_below`), for the subtree and each org right below it
    shown on the page."""
    below = figures_below(org, year)

    def shares(figures: dict, n: int) -> dict:
        return {"members": n, **{f"{k}_pct": round(100 * figures[k] / n) if n else None for k in ("assigned", "reported", "assessed")}}

    return {
        "total": shares(figures(org, year), members.get(org.path, 0)),
        "below": [{"org": row["org"], **row, **shares(row, members.get(row["org"].path, 0))} for row in below],
    }


def own_tasks(person, year: int) -> list[MemberTask]:
    return list(MemberTask.objects.filter(person=person, year__gte=year - 1).select_related("org").order_by("-year", "org_path"))


def own_task_items(person, today: dt.date) -> list[dict]:
    """For a member's own list: the year's task to acknowledge, or to report on in the window."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from danvan.members.services import report_window

    items = []
    for task in own_tasks(person, today.year):
        opens, closes = report_window(task.year)
        url = reverse("members:task", kwargs={"pk": task.pk})
        if task.acknowledged_on is None and task.year == today.year:
            items.append({"text": _("Your mass mobilization task for %(y)s: acknowledge it") % {"y": task.year}, "url": url})
        elif opens <= today <= closes and task.self_reported_on is None and not task.assessment:
            text = _("Report on your mass mobilization task for %(y)s by %(d)s") % {"y": task.year, "d": closes.strftime("%d/%m/%Y")}
            items.append({"text": text, "url": url})
    return items


def without_one_in_charge(org: Org) -> QuerySet[Org]:
    """Agencies of the subtree with no deputy head in charge of mass mobilization, and committees
    with no member in charge of mass work, now (Quyết định 290-QĐ/TW)."""
    named = Membership.objects.filter(
        org=OuterRef("pk"), end__isnull=True, position__in=[Position.DEPUTY_HEAD_DANVAN, Position.MASS_WORK_MEMBER]
    )
    return (
        Org.objects.filter(org.subtree_filter(), kind__in=[OrgKind.AGENCY, OrgKind.COMMITTEE], status=OrgStatus.ACTIVE)
        .filter(~Exists(named))
        .order_by("path")
    )


def count_without_one_in_charge(org: Org) -> dict:
    return {"n": without_one_in_charge(org).count()}


def in_charge(org: Org) -> list[Membership]:
    """Who is in charge of mass mobilization at the org now."""
    return list(
        Membership.objects.filter(
            org=org, end__isnull=True, position__in=[Position.DEPUTY_HEAD_DANVAN, Position.MASS_WORK_MEMBER]
        ).select_related("person")
    )
