"""reconcile: the counters recomputed from the obligation rows and compared, in SQL, in one
snapshot — a weighted quick check first, then item by item where it differs (`danvan reconcile`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction

from danvan.lib import weights
from danvan.orgs.models import Org, ancestor_paths
from danvan.programs.status import MET_SQL, WAIVED_SQL
from danvan.rollup.counters import (
    ACTUAL,
    NODE_COUNTERS,
    NONZERO,
    OBLIGATIONS,
    ORG_COUNTERS,
    TASK_COUNTERS,
    drop_temporary,
    expected_nodes,
    expected_tasks,
)
from danvan.rollup.models import ObligationCounter, SubtreeCounter, TaskCounter

# Later stages' counters check themselves here: each `check(fix=...)` returns its drift described
# (and repairs it with `fix`); `danvan reconcile` runs them after the obligation counters.
checks: list[Callable[..., list[str]]] = []


@dataclass
class Drift:
    org_id: int
    due: str
    stored: tuple[int, int, int]
    actual: tuple[int, int, int]


def _differences(cursor, key: str, actual: str, stored: str, dates: tuple[int, ...] = (1,)) -> dict[tuple, list]:
    """Rows that differ between two tables of (key..., total, done, waived), both ways, in SQL;
    `dates` are the positions of the key's days."""
    columns = f"{key}, total, done, waived"
    found: dict[tuple, list] = {}
    for side, (left, right) in enumerate(((actual, stored), (stored, actual))):
        cursor.execute(f"SELECT {columns} FROM {left} WHERE {NONZERO} EXCEPT SELECT {columns} FROM {right}")
        width = key.count(",") + 1
        for row in cursor.fetchall():
            # The same day comes back as a date from a table and as text from a temporary one (SQLite).
            key_values = tuple(_date(v) if i in dates else v for i, v in enumerate(row[:width]))
            entry = found.setdefault(key_values, [(0, 0, 0), (0, 0, 0)])
            entry[side] = tuple(int(v) for v in row[width:])
    return {k: v for k, v in found.items() if v[0] != v[1]}


PACK = 4294967296  # done + waived × 2^32 in one integer: both sums stay apart below 2^31 each
# Per obligation: its state packed (done 1, waived 2^32), and its weight times its state (0, 1, 2).
PACKED = f"(CASE WHEN {WAIVED_SQL} THEN {PACK} WHEN {MET_SQL} THEN 1 ELSE 0 END)"
STATE_WEIGHTED = f"(CASE WHEN {WAIVED_SQL} THEN 2 * weight WHEN {MET_SQL} THEN weight ELSE 0 END)"


def checksums_agree(cursor) -> tuple[bool, bool]:
    """The quick check. Every obligation and counter row carries the pseudo-random weight of its
    cell (`weights`): the counts must add up to the same on both sides, and the counts times the
    weights too, modulo a prime. One pass over the obligations (a sketch of the whole table, no
    grouping) against one pass over the org counters folded into the nodes of the counted
    levels; those, summed up the tree, against the subtree counters node by node. Counts are
    compared exactly, the split over orgs, days and shards through the weights: a drift leaves
    them equal only if it cancels out against them, about one chance in two billion. Returns
    (org counters agree, subtree counters agree)."""
    prime, width = weights.PRIME, SubtreeCounter.DEPTH * Org.steplen
    cursor.execute(f"SELECT COUNT(*), SUM({PACKED}), SUM(weight), SUM({STATE_WEIGHTED}) FROM {OBLIGATIONS}")
    count, packed, weighted, state_weighted = (int(v or 0) for v in cursor.fetchone())
    state = "(done + 2 * waived)"
    cursor.execute(
        f"SELECT SUBSTR(org_path, 1, {width}), SUM(total), SUM(done + waived * {PACK}), SUM(total * weight % {prime}), "
        f"SUM({state} * weight % {prime}), SUM(total * node_weight % {prime}), SUM({state} * node_weight % {prime}) "
        f"FROM {ORG_COUNTERS} GROUP BY SUBSTR(org_path, 1, {width})"
    )
    folded = [(path, *(int(v or 0) for v in sums)) for path, *sums in cursor.fetchall()]
    orgs_agree = (count, packed, weighted % prime, state_weighted % prime) == (
        sum(r[1] for r in folded),
        sum(r[2] for r in folded),
        sum(r[3] for r in folded) % prime,
        sum(r[4] for r in folded) % prime,
    )
    expected: dict[str, list[int]] = {}
    for path, n, p, _, _, nw, sw in folded:
        for node in ancestor_paths(path):
            sums = expected.setdefault(node, [0, 0, 0, 0])
            sums[0] += n
            sums[1] += p
            sums[2] += nw
            sums[3] += sw
    cursor.execute(
        f"SELECT node_path, SUM(total), SUM(done + waived * {PACK}), SUM(total * weight % {prime}), "
        f"SUM({state} * weight % {prime}) FROM {NODE_COUNTERS} GROUP BY node_path"
    )
    stored = {path: (int(n or 0), int(p or 0), int(nw or 0) % prime, int(sw or 0) % prime) for path, n, p, nw, sw in cursor.fetchall()}
    expected_sums = {k: (n, p, nw % prime, sw % prime) for k, (n, p, nw, sw) in expected.items() if n or p}
    stored = {k: v for k, v in stored.items() if v[0] or v[1]}
    return orgs_agree, expected_sums == stored


@transaction.atomic
def reconcile(*, fix: bool = False, exact: bool = False) -> list[Drift]:
    """Recompute the counters from the obligation rows and compare, in SQL, in one snapshot.
    First the quick check (`checksums_agree`); where it finds a difference, or with `exact`,
    the itemising comparison: the org counters against the obligations aggregated per org and
    day, the subtree counters against the sums of those per node, day and shard. Return the
    drift and, with `fix`, repair it."""
    with connection.cursor() as cursor:
        drop_temporary(cursor)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL work_mem = '256MB'")  # the aggregates stay in memory
        orgs_agree, nodes_agree = (False, False) if exact else checksums_agree(cursor)
        orgs, nodes, paths = {}, {}, {}
        base = ORG_COUNTERS
        if not orgs_agree:
            cursor.execute(f"CREATE TEMP TABLE danvan_actual AS {ACTUAL}")
            orgs = _differences(cursor, "org_id, due", "danvan_actual", ORG_COUNTERS)
            base = "danvan_actual"
            if fix:
                cursor.execute("SELECT DISTINCT org_id, org_path FROM danvan_actual")
                paths = dict(cursor.fetchall())
        if not (orgs_agree and nodes_agree):
            expected_nodes(cursor, base)
            nodes = _differences(cursor, "node_path, due, shard", "danvan_expected", NODE_COUNTERS)
        # The per-task counters are compared row by row: their table is small (the counted nodes only).
        expected_tasks(cursor)
        tasks = _differences(cursor, "node_path, task_id, start, due, shard", "danvan_expected_tasks", TASK_COUNTERS, dates=(2, 3))
        drop_temporary(cursor)
    drift = []
    for (org_id, due), (actual, stored) in sorted(orgs.items(), key=lambda item: (item[0][0], str(item[0][1]))):
        due = _date(due)
        drift.append(Drift(org_id=org_id, due=due.isoformat(), stored=stored, actual=actual))
        if fix and actual != (0, 0, 0):
            ObligationCounter.objects.update_or_create(
                org_id=org_id,
                due=due,
                defaults={
                    "org_path": paths[org_id],
                    "total": actual[0],
                    "done": actual[1],
                    "waived": actual[2],
                    "weight": weights.org_weight(org_id, due),
                    "node_weight": weights.node_weight(due, org_id % SubtreeCounter.SHARDS),
                },
            )
        elif fix:
            ObligationCounter.objects.filter(org_id=org_id, due=due).delete()
    for (node_path, due, shard), (actual, stored) in sorted(nodes.items(), key=lambda item: (item[0][0], str(item[0][1]), item[0][2])):
        due = _date(due)
        drift.append(Drift(org_id=0, due=f"{due.isoformat()} subtree {node_path} shard {shard}", stored=stored, actual=actual))
        if fix:
            SubtreeCounter.objects.update_or_create(
                node_path=node_path,
                due=due,
                shard=shard,
                defaults={"total": actual[0], "done": actual[1], "waived": actual[2], "weight": weights.node_weight(due, shard)},
            )
    for (node_path, task_id, start, due, shard), (actual, stored) in sorted(tasks.items(), key=lambda item: str(item[0])):
        drift.append(
            Drift(
                org_id=0,
                due=f"{due.isoformat()} task {task_id} from {start.isoformat()} subtree {node_path} shard {shard}",
                stored=stored,
                actual=actual,
            )
        )
        if fix:
            TaskCounter.objects.update_or_create(
                node_path=node_path,
                task_id=task_id,
                start=start,
                due=due,
                shard=shard,
                defaults={"total": actual[0], "done": actual[1], "waived": actual[2]},
            )
    return drift


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
