"""Members' tasks counted at the cell and every org above it, per year (`MemberTaskCounter`),
moved in the transaction of every write on a task; `reconcile` recomputes them from the rows."""

from __future__ import annotations

from django.db.models import Count, Max, Q
from django.db.models.functions import Length, Substr

from danvan.lib.counting import add_to
from danvan.members.models import Assessment, MemberTask, MemberTaskCounter
from danvan.orgs.models import Org, subtree_q
from danvan.rollup.counters import along_tree

FIGURES = ["assigned", "acknowledged", "reported", "assessed", "well", "done", "not_done"]
KEYS = ["node_path", "year"]


def contribution(task: MemberTask) -> tuple[str, int, tuple[int, ...]]:
    return (
        task.org_path,
        task.year,
        (
            1,
            int(task.acknowledged_on is not None),
            int(task.self_reported_on is not None),
            int(task.assessment != ""),
            int(task.assessment == Assessment.WELL),
            int(task.assessment == Assessment.DONE),
            int(task.assessment == Assessment.NOT),
        ),
    )


def move(before: tuple | None, after: tuple | None) -> None:
    """Take `before` off the counters and put `after` on (each a `contribution`), in the caller's transaction."""
    if before == after:
        return
    parts = [(p[0], (p[1],), p[2], sign) for p, sign in ((before, -1), (after, 1)) if p is not None]
    _add([(*k, *v) for k, v in along_tree(parts).items()])


def _add(rows: list[tuple]) -> None:
    add_to(MemberTaskCounter._meta.db_table, [*KEYS, *FIGURES], rows, keys=KEYS, added=FIGURES)


def on_org_moved(sender, old_path: str, new_path: str, **kwargs) -> None:
    """A subtree moved (its tasks already carry the new paths): its node's figures come off the
    orgs it left and go onto those it joined; its nodes' rows take their new paths."""
    from danvan.orgs.models import ancestor_paths

    left, joined = set(ancestor_paths(old_path)[:-1]), set(ancestor_paths(new_path)[:-1])
    own = list(MemberTaskCounter.objects.filter(node_path=old_path).values_list("year", *FIGURES))
    for nodes, sign in ((left - joined, -1), (joined - left, 1)):
        _add([(node, year, *(sign * v for v in figures)) for node in sorted(nodes) for year, *figures in own])
    rows = list(MemberTaskCounter.objects.filter(subtree_q(old_path, "node_path")))
    for row in rows:
        row.node_path = new_path + row.node_path[len(old_path) :]
    MemberTaskCounter.objects.bulk_update(rows, ["node_path"], batch_size=500)


def expected() -> dict[tuple, tuple[int, ...]]:
    """The counters as the task rows say they must be: one grouped read per level of the tree."""
    deepest = MemberTask.objects.aggregate(n=Max(Length("org_path")))["n"] or 0
    found: dict[tuple, tuple[int, ...]] = {}
    assessed = ~Q(assessment="")
    for n in range(Org.steplen, deepest + 1, Org.steplen):
        level = MemberTask.objects.annotate(length=Length("org_path"), node=Substr("org_path", 1, n)).filter(length__gte=n).order_by()
        for row in level.values("node", "year").annotate(
            assigned=Count("pk"),
            acknowledged=Count("pk", filter=Q(acknowledged_on__isnull=False)),
            reported=Count("pk", filter=Q(self_reported_on__isnull=False)),
            assessed=Count("pk", filter=assessed),
            well=Count("pk", filter=Q(assessment=Assessment.WELL)),
            done=Count("pk", filter=Q(assessment=Assessment.DONE)),
            not_done=Count("pk", filter=Q(assessment=Assessment.NOT)),
        ):
            found[(row["node"], row["year"])] = tuple(row[f] for f in FIGURES)
    return found


def stored() -> dict[tuple, tuple[int, ...]]:
    rows = MemberTaskCounter.objects.values_list(*KEYS, *FIGURES)
    return {(r[0], r[1]): tuple(r[2:]) for r in rows if any(r[2:])}


def reconcile(*, fix: bool = False) -> list[str]:
    """The counters compared with the rows; each difference described and, with `fix`, repaired."""
    want, have = expected(), stored()
    drift = [
        f"members' tasks {' '.join(map(str, key))}: stored {have.get(key)}, actual {want.get(key)}"
        for key in sorted(set(want) | set(have), key=str)
        if want.get(key) != have.get(key)
    ]
    if fix and drift:
        rebuild(want)
    return drift


def rebuild(want: dict | None = None) -> None:
    """Throw the counters away and write them from the rows (after a bulk load)."""
    want = expected() if want is None else want
    MemberTaskCounter.objects.all().delete()
    _add([(*k, *v) for k, v in want.items()])
