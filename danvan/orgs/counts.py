"""Counts over a subtree that cannot be kept by adding and subtracting (one person holds
memberships in several orgs of a subtree, so the distinct people of a province are not the sum of
its communes'). For an org low in the tree they are counted when asked (a few thousand rows). For a
wide one (the country, a province: millions of memberships, seconds to count) the worker counts
them into `SubtreeCount`; a page shows the last count with its time at once, asks the worker for a
new one when it is older than `FRESH`, and polls while there is none yet.

An app adds a count with `register(name, count)`, `count(org)` returning JSON-ready figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from danvan.orgs.models import WIDE_DEPTH, Org, SubtreeCount

FRESH = dt.timedelta(minutes=10)
ASK_AGAIN = dt.timedelta(minutes=5)  # a worker that has not answered by then is asked again

_counts: dict[str, Callable[[Org], dict]] = {}


def register(name: str, count: Callable[[Org], dict]) -> None:
    _counts[name] = count


@dataclass(frozen=True)
class Kept:
    figures: dict | None  # None while the first count is being made
    at: dt.datetime | None
    pending: bool  # a newer count has been asked for


def kept(org: Org, name: str) -> Kept:
    """The count `name` of the subtree of `org`: made now for a narrow subtree, else the last one
    the worker made (asking it for a new one when that is missing or older than `FRESH`)."""
    if org.depth > WIDE_DEPTH:
        return Kept(_counts[name](org), timezone.now(), False)
    now = timezone.now()
    row = SubtreeCount.objects.filter(org=org, name=name).first()
    if row and row.counted_at and now - row.counted_at < FRESH:
        return Kept(row.figures, row.counted_at, False)
    if row is None or row.asked_at is None or now - row.asked_at > ASK_AGAIN:
        SubtreeCount.objects.update_or_create(org=org, name=name, defaults={"asked_at": now})
        transaction.on_commit(lambda: _ask(org.pk, name))
        row = SubtreeCount.objects.get(org=org, name=name)  # counted already if the tasks run in this process
    pending = row.counted_at is None or now - row.counted_at >= FRESH
    return Kept(row.figures, row.counted_at, pending)


def _ask(org_id: int, name: str) -> None:
    from danvan.orgs.tasks import count_subtree

    count_subtree.enqueue(org_id, name)


def count_now(org_id: int, name: str) -> None:
    """Make the count and keep it (run by the worker)."""
    org = Org.objects.filter(pk=org_id).first()
    if org is None or name not in _counts:
        return
    figures = _counts[name](org)
    SubtreeCount.objects.update_or_create(org=org, name=name, defaults={"figures": figures, "counted_at": timezone.now()})


POLL_SECONDS = 3
POLL_TRIES = 20  # a minute; after that the fragment says to reload later (no worker running?)


def polling(request) -> dict:
    """For a fragment showing a `Kept` count: the address it asks again while the count is pending
    (`poll_url`), none once it has asked `POLL_TRIES` times (`gave_up`)."""
    raw = request.GET.get("try", "0")
    tries = min(int(raw), POLL_TRIES) if raw.isascii() and raw.isdigit() and len(raw) <= 3 else POLL_TRIES
    query = request.GET.copy()
    query["try"] = str(tries + 1)
    return {"poll_url": f"{request.path}?{query.urlencode()}", "poll_seconds": POLL_SECONDS, "gave_up": tries >= POLL_TRIES}
