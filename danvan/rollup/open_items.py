"""Open follow-up items rolled up the tree (`OpenItemCounter`): the later apps whose records must
be followed until done (commitments, findings, recommendations) `register` how to list their open
rows, and call `move` in the transaction of every write that opens, moves or closes one. A
subtree's open and overdue items of any kind are then its node's rows, whatever its size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Q, Sum

from danvan.lib.counting import add_to
from danvan.orgs.models import ancestor_paths, subtree_q
from danvan.rollup.counters import along_tree
from danvan.rollup.models import OpenItemCounter

NO_DUE = dt.date(9999, 12, 31)  # an item without a due day: open, never overdue
KEYS = ["node_path", "kind", "due"]
# kind -> a function giving the (org path, due day) of every open item of that kind, for `reconcile`.
_sources: dict[str, Callable[[], object]] = {}


def register(kind: str, open_rows: Callable[[], object]) -> None:
    _sources[kind] = open_rows


def item(org_path: str, due: dt.date | None, is_open: bool) -> tuple[str, dt.date] | None:
    """What one item counts for: its org's path and due day while it is open, nothing once done."""
    return (org_path, due or NO_DUE) if is_open else None


def move(kind: str, before: tuple[str, dt.date] | None, after: tuple[str, dt.date] | None) -> None:
    """Take `before` off the counters and put `after` on (each an `item`), in the caller's transaction."""
    if before == after:
        return
    parts = [(p[0], (kind, p[1]), (1,), sign) for p, sign in ((before, -1), (after, 1)) if p is not None]
    _add([(*k, v[0]) for k, v in along_tree(parts).items()])


def _add(rows: list[tuple]) -> None:
    add_to(OpenItemCounter._meta.db_table, [*KEYS, "open"], rows, keys=KEYS, added=["open"])
    if rows:
        OpenItemCounter.objects.filter(open=0, node_path__in={r[0] for r in rows}).delete()


def figures(path: str, today: dt.date, kinds: list[str] | None = None) -> dict[str, dict[str, int]]:
    """Per kind: how many items are open in the subtree at `path`, and how many of them are overdue."""
    rows = OpenItemCounter.objects.filter(node_path=path, **({"kind__in": kinds} if kinds else {})).order_by()
    found = {k: {"open": 0, "overdue": 0} for k in kinds or []}
    for row in rows.values("kind").annotate(n=Sum("open"), late=Sum("open", filter=Q(due__lt=today))):
        found[row["kind"]] = {"open": row["n"] or 0, "overdue": row["late"] or 0}
    return found


def on_org_moved(sender, old_path: str, new_path: str, **kwargs) -> None:
    """A subtree moved (its items already carry the new paths): its node's figures come off the
    orgs it left and go onto those it joined; its nodes' rows take their new paths."""
    left, joined = set(ancestor_paths(old_path)[:-1]), set(ancestor_paths(new_path)[:-1])
    own = list(OpenItemCounter.objects.filter(node_path=old_path).values_list("kind", "due", "open"))
    for nodes, sign in ((left - joined, -1), (joined - left, 1)):
        _add([(node, kind, due, sign * n) for node in sorted(nodes) for kind, due, n in own])
    rows = list(OpenItemCounter.objects.filter(subtree_q(old_path, "node_path")))
    for row in rows:
        row.node_path = new_path + row.node_path[len(old_path) :]
    OpenItemCounter.objects.bulk_update(rows, ["node_path"], batch_size=500)


def expected() -> dict[tuple, int]:
    parts = [(path, (kind, due or NO_DUE), (1,), 1) for kind, rows in _sources.items() for path, due in rows()]
    return {k: v[0] for k, v in along_tree(parts).items()}


def stored() -> dict[tuple, int]:
    return {(p, k, d): n for p, k, d, n in OpenItemCounter.objects.values_list(*KEYS, "open") if n}


def reconcile(*, fix: bool = False) -> list[str]:
    """The counters compared with the open rows of every registered kind; repaired with `fix`."""
    want, have = expected(), stored()
    drift = [
        f"open items {' '.join(map(str, key))}: stored {have.get(key)}, actual {want.get(key)}"
        for key in sorted(set(want) | set(have), key=str)
        if want.get(key) != have.get(key)
    ]
    if fix and drift:
        OpenItemCounter.objects.all().delete()
        _add([(*k, v) for k, v in want.items()])
    return drift
