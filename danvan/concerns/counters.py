"""The concerns' indicators rolled up the tree (`ConcernCounter`, `OpenConcernCounter`), moved in
the transaction of every write on a concern: each concern counts at the org answering it and at
every org above it, so a subtree's figures — by category, by the orgs right below — are its
node's rows. `expected` recomputes them from the rows, for `danvan reconcile` and `rebuild`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Max, Q
from django.db.models.functions import ExtractYear, Length, Substr

from danvan.concerns.models import OPEN_STATUSES, Concern, ConcernCounter, ConcernStatus, OpenConcernCounter, Rating
from danvan.lib.counting import add_to
from danvan.orgs.models import Org, ancestor_paths, subtree_q
from danvan.rollup.counters import along_tree

YEARLY = ["total", "answered", "on_time", "rated", "satisfied"]


@dataclass(frozen=True)
class Contribution:
    """What one concern adds to the counters of every node above and at `org_path`."""

    org_path: str
    category_id: int
    year: int
    due: dt.date
    open: bool
    figures: tuple[int, ...]  # in the order of YEARLY


def contribution(concern: Concern) -> Contribution:
    answered = concern.status in (ConcernStatus.ANSWERED, ConcernStatus.CLOSED)
    on_time = answered and concern.answered_on is not None and concern.answered_on <= concern.due
    return Contribution(
        org_path=concern.org_path,
        category_id=concern.category_id,
        year=concern.received_on.year,
        due=concern.due,
        open=concern.status in OPEN_STATUSES,
        figures=(1, int(answered), int(on_time), int(concern.rating != ""), int(concern.rating == Rating.SATISFIED)),
    )


def move(before: Contribution | None, after: Contribution | None) -> None:
    """Take `before` off the counters and put `after` on, in the caller's transaction."""
    if before == after:
        return
    parts = [(p, sign) for p, sign in ((before, -1), (after, 1)) if p is not None]
    yearly = along_tree([(p.org_path, (p.category_id, p.year), p.figures, sign) for p, sign in parts])
    open_ = along_tree([(p.org_path, (p.category_id, p.due), (1,), sign) for p, sign in parts if p.open])
    _add([(*k, *v) for k, v in yearly.items()], [(*k, v[0]) for k, v in open_.items()])


def _add(yearly: list[tuple], open_: list[tuple]) -> None:
    keys = ["node_path", "category_id", "year"]
    add_to(ConcernCounter._meta.db_table, [*keys, *YEARLY], yearly, keys=keys, added=YEARLY)
    keys = ["node_path", "category_id", "due"]
    add_to(OpenConcernCounter._meta.db_table, [*keys, "open"], open_, keys=keys, added=["open"])
    if open_:
        OpenConcernCounter.objects.filter(open=0, node_path__in={row[0] for row in open_}).delete()


def on_org_moved(sender, old_path: str, new_path: str, **kwargs) -> None:
    """A subtree moved (its concerns already carry the new paths): its figures — the rows of its
    own node — come off the orgs it left and go onto those it joined, and its nodes' rows take
    their new paths."""
    left = set(ancestor_paths(old_path)[:-1])
    joined = set(ancestor_paths(new_path)[:-1])
    yearly = list(ConcernCounter.objects.filter(node_path=old_path).values_list("category_id", "year", *YEARLY))
    open_ = list(OpenConcernCounter.objects.filter(node_path=old_path).values_list("category_id", "due", "open"))
    for nodes, sign in ((left - joined, -1), (joined - left, 1)):
        _add(
            [(node, cat, year, *(sign * v for v in figures)) for node in sorted(nodes) for cat, year, *figures in yearly],
            [(node, cat, due, sign * n) for node in sorted(nodes) for cat, due, n in open_],
        )
    for model in (ConcernCounter, OpenConcernCounter):
        rows = list(model.objects.filter(subtree_q(old_path, "node_path")))
        for row in rows:
            row.node_path = new_path + row.node_path[len(old_path) :]
        model.objects.bulk_update(rows, ["node_path"], batch_size=500)


def expected() -> tuple[dict[tuple, tuple[int, ...]], dict[tuple, int]]:
    """The counters as the concern rows say they must be, keyed like their tables: one grouped
    read per level of the tree."""
    answered = Q(status__in=(ConcernStatus.ANSWERED, ConcernStatus.CLOSED))
    deepest = Concern.objects.aggregate(n=Max(Length("org_path")))["n"] or 0
    yearly: dict[tuple, tuple[int, ...]] = {}
    open_: dict[tuple, int] = {}
    for n in range(Org.steplen, deepest + 1, Org.steplen):
        level = Concern.objects.annotate(length=Length("org_path"), node=Substr("org_path", 1, n)).filter(length__gte=n).order_by()
        for row in (
            level.annotate(y=ExtractYear("received_on"))
            .values("node", "category_id", "y")
            .annotate(
                total=Count("pk"),
                answered=Count("pk", filter=answered),
                on_time=Count("pk", filter=answered & Q(answered_on__lte=F("due"))),
                rated=Count("pk", filter=~Q(rating="")),
                satisfied=Count("pk", filter=Q(rating=Rating.SATISFIED)),
            )
        ):
            yearly[(row["node"], row["category_id"], int(row["y"]))] = tuple(row[c] for c in YEARLY)
        for row in level.filter(status__in=OPEN_STATUSES).values("node", "category_id", "due").annotate(n=Count("pk")):
            open_[(row["node"], row["category_id"], row["due"])] = row["n"]
    return yearly, open_


def stored() -> tuple[dict[tuple, tuple[int, ...]], dict[tuple, int]]:
    yearly = {
        (r[0], r[1], r[2]): tuple(r[3:])
        for r in ConcernCounter.objects.values_list("node_path", "category_id", "year", *YEARLY)
        if any(r[3:])
    }
    open_ = {(r[0], r[1], r[2]): r[3] for r in OpenConcernCounter.objects.values_list("node_path", "category_id", "due", "open") if r[3]}
    return yearly, open_


def reconcile(*, fix: bool = False) -> list[str]:
    """The counters compared with the rows; each difference described and, with `fix`, repaired."""
    want_yearly, want_open = expected()
    have_yearly, have_open = stored()
    drift = []
    for kind, want, have in (("concerns", want_yearly, have_yearly), ("open concerns", want_open, have_open)):
        for key in sorted(set(want) | set(have), key=str):
            if want.get(key) != have.get(key):
                drift.append(f"{kind} {' '.join(map(str, key))}: stored {have.get(key)}, actual {want.get(key)}")
    if fix and drift:
        rebuild(want_yearly, want_open)
    return drift


def rebuild(yearly: dict | None = None, open_: dict | None = None) -> None:
    """Throw the counters away and write them from the rows (after a bulk load)."""
    if yearly is None or open_ is None:
        yearly, open_ = expected()
    ConcernCounter.objects.all().delete()
    OpenConcernCounter.objects.all().delete()
    _add([(*k, *v) for k, v in yearly.items()], [(*k, v) for k, v in open_.items()])
