"""Reads of concerns: a subtree's list and its figures."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Substr

from danvan.concerns.models import OPEN_STATUSES, Concern
from danvan.orgs.models import WIDE_DEPTH, Org, OrgStatus, subtree_q


def concerns_under(org: Org, today: dt.date, *, status: str = "", category_id: int | None = None) -> QuerySet[Concern]:
    within = org.subtree_filter("org_path")
    if org.depth < WIDE_DEPTH and connection.vendor == "sqlite":
        # The country: SQLite would read all of its concerns through the path index and sort
        # them; this test it cannot index makes it walk (due, id) to a page. (A province's are
        # a thirtieth of them: the walk would pass thirty for each one it keeps.)
        within = Q(path_head=org.path)
        found = Concern.objects.annotate(path_head=Substr("org_path", 1, len(org.path))).filter(within)
    else:
        found = Concern.objects.filter(within)
    found = found.select_related("org", "category", "handler", "person")
    if status == "open":
        found = found.filter(status__in=OPEN_STATUSES)
    elif status == "overdue":
        found = found.filter(status__in=OPEN_STATUSES, due__lt=today)
    elif status:
        found = found.filter(status=status)
    if category_id:
        found = found.filter(category_id=category_id)
    return found.order_by("due", "id")


def _rates(row: dict) -> dict:
    row["on_time_rate"] = round(100 * row["on_time"] / row["answered"]) if row["answered"] else None
    row["satisfaction"] = round(100 * row["satisfied"] / row["rated"]) if row["rated"] else None
    return row


def _counted(org: Org, today: dt.date, year: int | None, by: str | None, *, below: bool = False) -> dict:
    """The counters of the org's node (or, `below`, of the nodes right below it), summed per `by`
    (a column: "category_id" or "node_path"), or in all under the key None: received, answered,
    on time, rated, satisfied (in the year of receipt, or in every year), and open and overdue now."""
    from django.db.models import Sum

    from danvan.concerns.counters import YEARLY
    from danvan.concerns.models import ConcernCounter, OpenConcernCounter

    # The nodes right below, named: their counter rows are read through the unique index, not
    # every counter row of the subtree (all of the country's for a national page).
    children = list(Org.objects.filter(subtree_q(org.path), depth=org.depth + 1).values_list("path", flat=True)) if below else []

    def nodes(model):
        if not below:
            return model.objects.filter(node_path=org.path).order_by()
        return model.objects.filter(node_path__in=children).order_by()

    yearly = nodes(ConcernCounter).filter(**({"year": year} if year else {}))
    open_ = nodes(OpenConcernCounter)
    found: dict = {}

    def entry(key) -> dict:
        return found.setdefault(key, {"open": 0, "overdue": 0, **dict.fromkeys(YEARLY, 0)})

    def summed(rows, **sums) -> list[dict]:
        return list(rows.values(by).annotate(**sums)) if by else [rows.aggregate(**sums)]

    for row in summed(yearly, **{c: Sum(c) for c in YEARLY}):
        entry(row.get(by)).update({c: row[c] or 0 for c in YEARLY})
    for row in summed(open_, open_n=Sum("open"), overdue_n=Sum("open", filter=Q(due__lt=today))):
        entry(row.get(by)).update(open=row["open_n"] or 0, overdue=row["overdue_n"] or 0)
    return {key: _rates(row) for key, row in found.items()}


def figures(org: Org, today: dt.date, *, year: int | None = None, categories: list | None = None) -> dict:
    """Open and overdue now; received, answered on time (%) and satisfaction (%) — of the year's
    concerns, or of all — in the subtree, from its node's counters; and the same per category
    (`by_category`: the categories with any, in their order; `categories` if already fetched).
    The whole is the sum of the categories' rows: one reading of the counters serves both."""
    from danvan.concerns.counters import YEARLY
    from danvan.concerns.models import Category

    counted = _counted(org, today, year, "category_id")
    whole = {key: sum(row[key] for row in counted.values()) for key in ("open", "overdue", *YEARLY)}
    shown = Category.objects.all() if categories is None else categories
    return {**_rates(whole), "by_category": [{"category": c, **counted[c.pk]} for c in shown if c.pk in counted]}


BELOW_SHOWN = 30


def figures_by_org(org: Org, today: dt.date, *, year: int | None = None) -> tuple[list[dict], int]:
    """The orgs right below with concerns (those with most open first, at most `BELOW_SHOWN`),
    and how many orgs below have any."""
    counted = _counted(org, today, year, "node_path", below=True)
    ranked = sorted(counted.items(), key=lambda item: (-item[1]["open"], -item[1]["overdue"], -item[1]["total"], item[0]))
    names = {o.path: o for o in Org.objects.filter(path__in=[path for path, _ in ranked[:BELOW_SHOWN]])}
    return [{"org": names[path], **row} for path, row in ranked[:BELOW_SHOWN] if path in names], len(counted)


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


def concern_items(org: Org, today: dt.date) -> list[dict]:
    """For the org's to-do list and dashboard: the concerns open in its subtree, and how many are overdue."""
    from django.urls import reverse
    from django.utils.translation import ngettext

    figures_now = figures(org, today)
    if not figures_now["open"]:
        return []
    text = ngettext(
        "%(n)s concern open in the subtree, %(overdue)s overdue",
        "%(n)s concerns open in the subtree, %(overdue)s overdue",
        figures_now["open"],
    ) % {"n": figures_now["open"], "overdue": figures_now["overdue"]}
    status = "overdue" if figures_now["overdue"] else "open"
    return [{"text": text, "url": reverse("concerns:list", kwargs={"pk": org.pk}) + f"?status={status}"}]


def boards_of(org: Org, last: int = 5) -> list:
    """The agency's latest people's inspection boards, the latest term first, with members and reports."""
    from danvan.concerns.models import InspectionBoard

    return list(InspectionBoard.objects.filter(org=org).prefetch_related("members__person", "reports")[:last])


def democracy_of(org: Org, today: dt.date) -> dict:
    """An agency's grassroots democracy at a glance: its staff conferences (with their
    resolutions), its people's inspection boards (members, reports), and what the trade union's
    supervisions found there, open first."""
    from danvan.activities.models import Activity
    from danvan.concerns.models import Finding
    from danvan.programs.models import ActivityKind

    conferences = list(
        Activity.objects.filter(org=org, kind=ActivityKind.STAFF_CONFERENCE).select_related("staff_conference").order_by("-held_on")[:10]
    )
    boards = boards_of(org)
    findings = Finding.objects.filter(org=org).select_related("activity", "activity__org").order_by("done_on", "due", "id")
    return {
        "conferences": conferences,
        "held_this_year": any(a.held_on.year == today.year for a in conferences),
        "boards": boards,
        "current_board": next((b for b in boards if b.term_start <= today <= b.term_end), None),
        "findings": findings,
    }


def mass_orgs_under(org: Org) -> QuerySet[Org]:
    """The subtree's mass organizations, each with its latest member count and its open commitments."""
    from django.db.models import OuterRef, Subquery

    from danvan.concerns.models import Commitment, MemberCount
    from danvan.orgs.models import MASS_KINDS

    latest = MemberCount.objects.filter(org=OuterRef("pk")).order_by("-on", "-id")
    open_ = Commitment.objects.filter(org=OuterRef("pk"), done_on__isnull=True).order_by().values("org").annotate(n=Count("pk")).values("n")
    return (
        Org.objects.filter(org.subtree_filter(), kind__in=MASS_KINDS, status=OrgStatus.ACTIVE)
        .annotate(
            members=Subquery(latest.values("members")[:1]), members_on=Subquery(latest.values("on")[:1]), open_commitments=Subquery(open_)
        )
        .order_by("path")
    )


def executive_committee(org: Org) -> list:
    """Who held a position in the mass organization, over time (the current ones first)."""
    from danvan.orgs.models import Membership, Position

    return list(
        Membership.objects.filter(org=org)
        .exclude(position=Position.MEMBER)
        .select_related("person")
        .order_by(F("end").desc(nulls_first=True), "position", "-start")[:100]
    )


def conferences_of(org: Org) -> QuerySet:
    from danvan.concerns.models import StaffConference

    return StaffConference.objects.filter(org=org).select_related("activity").order_by("-activity__held_on")[:10]


def conference_of(activity):
    from danvan.concerns.models import StaffConference

    return StaffConference.objects.filter(activity=activity).first()


def findings_of(activity) -> list:
    return list(activity.findings.select_related("org").order_by("id"))


def member_counts(org: Org) -> list:
    from danvan.concerns.models import MemberCount

    return list(MemberCount.objects.filter(org=org).order_by("-on", "-id")[:40])


def follow_up_items(org: Org, today: dt.date) -> list[dict]:
    """For the org's to-do list and dashboard: commitments and supervision findings still open in
    its subtree, and how many are overdue (from the open-item counters: one query)."""
    from django.urls import reverse
    from django.utils.translation import ngettext

    from danvan.rollup import open_items

    found = open_items.figures(org.path, today, ["commitment", "finding"])
    items = []
    if found["commitment"]["open"]:
        n, late = found["commitment"]["open"], found["commitment"]["overdue"]
        text = ngettext(
            "%(n)s commitment with the mass organizations still open, %(late)s overdue",
            "%(n)s commitments with the mass organizations still open, %(late)s overdue",
            n,
        ) % {"n": n, "late": late}
        items.append({"text": text, "url": reverse("concerns:commitments", kwargs={"pk": org.pk})})
    if found["finding"]["open"]:
        n, late = found["finding"]["open"], found["finding"]["overdue"]
        text = ngettext(
            "%(n)s supervision finding not dealt with, %(late)s overdue", "%(n)s supervision findings not dealt with, %(late)s overdue", n
        ) % {"n": n, "late": late}
        items.append({"text": text, "url": reverse("concerns:democracy", kwargs={"pk": org.pk})})
    return items
