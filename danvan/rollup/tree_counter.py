"""A later app's figures counted at the org a row belongs to and at every org above it, per a
few keys (a year, a field…): one counter table, moved in the transaction of every write
(`move`), following org moves (`on_org_moved`), checked and repaired by `danvan reconcile`
(`reconcile`, `rebuild`). A subtree's figures are then its node's rows, whatever its size.

An app describes its counter once — the model (with `node_path`, the keys and the figures as
integer fields) and how to read the expected figures from its rows for the nodes at one depth —
and calls `move(before, after)` with each written row's `contribution` before and after."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Max, QuerySet
from django.db.models.functions import Length, Substr

from danvan.lib.counting import add_to
from danvan.orgs.models import Org, ancestor_paths, subtree_q
from danvan.rollup.counters import along_tree

Contribution = tuple[str, tuple, tuple[int, ...]]  # (org path, keys, figures)


@dataclass(frozen=True)
class TreeCounter:
    name: str  # how `reconcile` names a drift ("models of Dân vận khéo")
    model: type
    keys: tuple[str, ...]
    figures: tuple[str, ...]
    # Where the figures come from: (the counted rows, each with an `org_path`; those rows, annotated
    # with their `node`, grouped by "node" and the keys and aggregated into figures — any figure a
    # source does not count may be left out).
    sources: tuple[tuple[Callable[[], QuerySet], Callable[[QuerySet], QuerySet]], ...]

    def move(self, before: Contribution | None, after: Contribution | None) -> None:
        """Take `before` off the counters and put `after` on, in the caller's transaction."""
        if before == after:
            return
        parts = [(p[0], p[1], p[2], sign) for p, sign in ((before, -1), (after, 1)) if p is not None]
        self._add([(*k, *v) for k, v in along_tree(parts).items()])

    def _add(self, rows: list[tuple]) -> None:
        columns = ["node_path", *self.keys]
        add_to(self.model._meta.db_table, [*columns, *self.figures], rows, keys=columns, added=list(self.figures))
        if rows:  # a row counting nothing any more goes: a node keeps a row per key that counts something
            self.model.objects.filter(node_path__in={r[0] for r in rows}, **dict.fromkeys(self.figures, 0)).delete()

    def on_org_moved(self, sender, old_path: str, new_path: str, **kwargs) -> None:
        """A subtree moved (its rows already carry the new paths): its node's figures come off the
        orgs it left and go onto those it joined; its nodes' rows take their new paths."""
        left, joined = set(ancestor_paths(old_path)[:-1]), set(ancestor_paths(new_path)[:-1])
        own = list(self.model.objects.filter(node_path=old_path).values_list(*self.keys, *self.figures))
        n = len(self.keys)
        for nodes, sign in ((left - joined, -1), (joined - left, 1)):
            self._add([(node, *row[:n], *(sign * v for v in row[n:])) for node in sorted(nodes) for row in own])
        moved = list(self.model.objects.filter(subtree_q(old_path, "node_path")))
        for row in moved:
            row.node_path = new_path + row.node_path[len(old_path) :]
        self.model.objects.bulk_update(moved, ["node_path"], batch_size=500)

    def expected(self) -> dict[tuple, tuple[int, ...]]:
        """The counters as the rows say they must be: one grouped read per source and depth of the tree."""
        found: dict[tuple, list[int]] = {}
        for rows, aggregate in self.sources:
            deepest = rows().aggregate(n=Max(Length("org_path")))["n"] or 0
            for n in range(Org.steplen, deepest + 1, Org.steplen):
                level = rows().annotate(length=Length("org_path"), node=Substr("org_path", 1, n)).filter(length__gte=n).order_by()
                for row in aggregate(level):
                    key = (row["node"], *(row[k] for k in self.keys))
                    sums = found.setdefault(key, [0] * len(self.figures))
                    for i, figure in enumerate(self.figures):
                        sums[i] += row.get(figure) or 0
        return {key: tuple(sums) for key, sums in found.items() if any(sums)}

    def stored(self) -> dict[tuple, tuple[int, ...]]:
        n = 1 + len(self.keys)
        return {r[:n]: tuple(r[n:]) for r in self.model.objects.values_list("node_path", *self.keys, *self.figures) if any(r[n:])}

    def reconcile(self, *, fix: bool = False) -> list[str]:
        """The counters compared with the rows; each difference described and, with `fix`, repaired."""
        want, have = self.expected(), self.stored()
        drift = [
            f"{self.name} {' '.join(map(str, key))}: stored {have.get(key)}, actual {want.get(key)}"
            for key in sorted(set(want) | set(have), key=str)
            if want.get(key) != have.get(key)
        ]
        if fix and drift:
            self.rebuild(want)
        return drift

    def rebuild(self, want: dict | None = None) -> None:
        """Throw the counters away and write them from the rows (after a bulk load)."""
        want = self.expected() if want is None else want
        self.model.objects.all().delete()
        self._add([(*k, *v) for k, v in want.items()])

    def sums(self, path: str, **keys) -> dict[str, int]:
        """The sums of the figures at the node `path`, over the rows matching `keys`."""
        from django.db.models import Sum

        sums = self.model.objects.filter(node_path=path, **keys).aggregate(**{f: Sum(f) for f in self.figures})
        return {f: sums[f] or 0 for f in self.figures}
