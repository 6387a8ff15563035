"""Reads of the registers."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q, QuerySet

from danvan.lib.text import fold
from danvan.orgs.models import Org, OrgStatus
from danvan.registry.models import Distribution, Incoming, Outgoing, OutgoingStatus, Term


def number_of_report(report) -> str | None:
    return Outgoing.objects.filter(report=report, status=OutgoingStatus.ISSUED).values_list("number", flat=True).first()


def term_on(org: Org, day: dt.date) -> Term | None:
    return Term.objects.filter(org=org, start__lte=day).filter(Q(end__isnull=True) | Q(end__gte=day)).order_by("-start").first()


def terms_of(org: Org) -> QuerySet[Term]:
    return Term.objects.filter(org=org).order_by("-start")


def outgoing_of(org: Org, *, type_code: str = "", year: int | None = None, signer: str = "", status: str = "") -> QuerySet[Outgoing]:
    found = Outgoing.objects.filter(org=org)
    if type_code:
        found = found.filter(type_code=type_code)
    if year:
        found = found.filter(issued_on__year=year)
    if signer:
        found = found.filter(signer__icontains=signer)
    if status:
        found = found.filter(status=status)
    return found.order_by("type_code", "-series__term__start", "-serial")


def incoming_of(org: Org, *, year: int | None = None, open_only: bool = False) -> QuerySet[Incoming]:
    found = Incoming.objects.filter(org=org).select_related("handler")
    if year:
        found = found.filter(year=year)
    if open_only:
        found = found.filter(handled_on__isnull=True)
    return found.order_by("-year", "-serial")


def overdue_incoming(org_paths: list[str], today: dt.date) -> QuerySet[Incoming]:
    """Received documents not handled by their deadline, in the orgs at `org_paths`."""
    return Incoming.objects.filter(org__path__in=org_paths, handled_on__isnull=True, handle_by__lt=today).order_by("handle_by")


def distribution_of(outgoing: Outgoing) -> QuerySet[Distribution]:
    return outgoing.distribution.select_related("org", "incoming").order_by("org_path")


def distribution_counts(outgoing: Outgoing) -> dict[str, int]:
    return outgoing.distribution.aggregate(
        total=Count("pk"),
        acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
        read=Count("pk", filter=Q(read_at__isnull=False)),
    )


def recipient_orgs(outgoing: Outgoing, limit: int = 200) -> list[Org]:
    """The orgs of the issuer's subtree named in the document's "Nơi nhận" lines (compared
    without diacritics), to pre-select when distributing it."""
    lines = [fold(line.strip(" -–•")) for line in outgoing.recipients.splitlines() if line.strip(" -–•")]
    if not lines:
        return []
    found = []
    for org in distribution_choices(outgoing)[:2000]:
        if any(org.name_folded and org.name_folded in line for line in lines):
            found.append(org)
            if len(found) >= limit:
                break
    return found


def distribution_choices(outgoing: Outgoing) -> QuerySet[Org]:
    """The orgs it can be sent to: under its issuer, two levels down (the levels named one by one:
    a range of depths over the country's path range is read row by row on SQLite)."""
    depth = outgoing.org.depth
    return Org.objects.filter(outgoing.org.subtree_filter(), status=OrgStatus.ACTIVE, depth__in=[depth + 1, depth + 2]).order_by("path")


def overdue_items(org: Org, today: dt.date) -> list[dict]:
    """For the org's to-do list and dashboard: its received documents past their handling deadline."""
    from django.urls import reverse
    from django.utils.translation import ngettext

    late = Incoming.objects.filter(org=org, handled_on__isnull=True, handle_by__lt=today).count()
    if not late:
        return []
    text = ngettext(
        "%(n)s received document is past its handling deadline", "%(n)s received documents are past their handling deadline", late
    ) % {"n": late}
    return [{"text": text, "url": reverse("registry:incoming", kwargs={"pk": org.pk}) + "?open=1"}]


def handler_items(person, today: dt.date) -> list[dict]:
    """For a person's own list: the received documents they handle, not handled yet, by deadline."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    waiting = (
        Incoming.objects.filter(handler=person, handled_on__isnull=True)
        .select_related("org")
        .order_by(F("handle_by").asc(nulls_last=True))[:20]
    )
    items = []
    for incoming in waiting:
        text = _("Handle %(title)s (incoming %(n)s, %(org)s)") % {
            "title": incoming.title[:120],
            "n": incoming.serial,
            "org": incoming.org.name,
        }
        if incoming.handle_by:
            late = _("overdue since %(d)s") if incoming.handle_by < today else _("by %(d)s")
            text += " — " + late % {"d": incoming.handle_by.strftime("%d/%m/%Y")}
        items.append({"text": text, "url": reverse("registry:incoming_detail", kwargs={"pk": incoming.pk})})
    return items
