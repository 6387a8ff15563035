"""Reads of concerns: a subtree's list and its figures."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q, QuerySet

from danvan.concerns.models import OPEN_STATUSES, Concern, Rating
from danvan.orgs.models import Org, OrgStatus, subtree_q


def concerns_under(org: Org, today: dt.date, *, status: str = "", category_id: int | None = None) -> QuerySet[Concern]:
    found = Concern.objects.filter(org.subtree_filter("org_path")).select_related("org", "category", "handler", "person")
    if status == "open":
        found = found.filter(status__in=OPEN_STATUSES)
    elif status == "overdue":
        found = found.filter(status__in=OPEN_STATUSES, due__lt=today)
    elif status:
        found = found.filter(status=status)
    if category_id:
        found = found.filter(category_id=category_id)
    return found.order_by("due", "id")


def figures(org: Org, today: dt.date) -> dict:
    """Open, overdue, answered on time (%) and satisfaction (%) in the subtree."""
    row = Concern.objects.filter(org.subtree_filter("org_path")).aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, due__lt=today)),
        answered=Count("pk", filter=Q(answered_on__isnull=False)),
        on_time=Count("pk", filter=Q(answered_on__isnull=False, answered_on__lte=F("due"))),
        rated=Count("pk", filter=~Q(rating="")),
        satisfied=Count("pk", filter=Q(rating=Rating.SATISFIED)),
    )
    row["on_time_rate"] = round(100 * row["on_time"] / row["answered"]) if row["answered"] else None
    row["satisfaction"] = round(100 * row["satisfied"] / row["rated"]) if row["rated"] else None
    return row


def referral_choices(concern: Concern) -> list[Org]:
    """Where it can be sent: the org above the one answering it, its siblings and the orgs below it."""
    org = concern.org
    parent = Org.objects.get_parent(org)
    near = Q(depth=org.depth + 1) & subtree_q(org.path)
    if parent is not None:
        near |= Q(pk=parent.pk) | (Q(depth=org.depth) & subtree_q(parent.path))
    return list(Org.objects.filter(near, status=OrgStatus.ACTIVE).exclude(pk=org.pk).order_by("path")[:200])


def open_commitments(org: Org) -> QuerySet:
    """Commitments still open in the subtree's mass organizations, each with the number of work
    sessions the committee held since it was made (how many times it was carried over)."""
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from danvan.activities.models import Activity
    from danvan.concerns.models import Commitment
    from danvan.programs.models import ActivityKind

    later = (
        Activity.objects.filter(
            org_id=OuterRef("activity__org_id"), kind=ActivityKind.WORK_SESSION, held_on__gt=OuterRef("activity__held_on")
        )
        .order_by()
        .values("org_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Commitment.objects.filter(org.subtree_filter("org_path"), done_on__isnull=True)
        .select_related("org", "owner", "activity")
        .annotate(carried=Coalesce(Subquery(later), 0))
        .order_by("org_path", "due", "id")
    )


def mass_orgs_near(org: Org) -> QuerySet[Org]:
    """The mass organizations under the org's parent (or under the org itself at the top)."""
    from danvan.orgs.models import MASS_KINDS

    parent = Org.objects.get_parent(org)
    return Org.objects.filter((parent or org).subtree_filter(), kind__in=MASS_KINDS, status=OrgStatus.ACTIVE).order_by("path")


def checklist(org: Org, year: int) -> list[dict]:
    """Each item the head must disclose, with what was disclosed in the year (none: behind)."""
    from danvan.concerns.models import Disclosure, DisclosureItem

    done: dict[int, list] = {}
    for disclosure in Disclosure.objects.filter(org=org, year=year).order_by("disclosed_on", "id"):
        done.setdefault(disclosure.item_id, []).append(disclosure)
    return [{"item": item, "disclosures": done.get(item.pk, [])} for item in DisclosureItem.objects.all()]


def missing_disclosures(org: Org, year: int) -> int:
    from danvan.concerns.models import Disclosure, DisclosureItem

    disclosed = Disclosure.objects.filter(org=org, year=year).values("item_id").distinct().count()
    return max(0, DisclosureItem.objects.count() - disclosed)


def disclosure_items(org: Org, today: dt.date) -> list[dict]:
    """For an agency's to-do list and dashboard: how many items are not disclosed this year."""
    from django.urls import reverse
    from django.utils.translation import ngettext

    from danvan.orgs.models import OrgKind

    if org.kind != OrgKind.AGENCY:
        return []
    missing = missing_disclosures(org, today.year)
    if not missing:
        return []
    text = ngettext("%(n)s item not disclosed to the staff this year", "%(n)s items not disclosed to the staff this year", missing) % {
        "n": missing
    }
    return [{"text": text, "url": reverse("concerns:disclosures", kwargs={"pk": org.pk}) + f"?year={today.year}"}]
