"""The counters' write path: obligations per org and due day, and per subtree for the top levels,
moved in the caller's transaction whenever obligations are made, changed or removed (this module
listens to `programs.changes`) and when an org moves. `rebuild` makes them from scratch after a
bulk load; `danvan.rollup.reconcile` checks them against the rows."""

from __future__ import annotations

from django.db import connection
from django.db.models import F

from danvan.lib import weights
from danvan.lib.counting import add_to
from danvan.orgs.models import Org, ancestor_paths, subtree_q
from danvan.programs.models import Obligation
from danvan.programs.status import MET_SQL, WAIVED_SQL, contribution
from danvan.rollup.models import ObligationCounter, SubtreeCounter, TaskCounter


def _upsert(model, keys: list[str], rows: list[tuple]) -> None:
    """Add (total, done, waived) to counter rows, creating the missing ones (`lib.counting.add_to`)."""
    extra = ["org_path"] if model is ObligationCounter else []
    weighted = {ObligationCounter: ["weight", "node_weight"], SubtreeCounter: ["weight"], TaskCounter: []}[model]
    added = ["total", "done", "waived"]
    add_to(model._meta.db_table, [*keys, *extra, *added, *weighted], rows, keys=keys, added=added)


def rolled_up(path: str) -> list[str]:
    """The nodes above and at `path` that keep subtree counters (the top `SubtreeCounter.DEPTH` levels)."""
    return ancestor_paths(path)[: SubtreeCounter.DEPTH]


def bump(obligation: Obligation, *, total: int = 0, done: int = 0, waived: int = 0) -> None:
    """Move the org's counter and those of every subtree it lies in, in the caller's transaction."""
    apply([_change(obligation, total, done, waived)])


def _change(o: Obligation, total: int, done: int, waived: int) -> tuple:
    return (o.org_id, o.org_path, o.due, total, done, waived, o.task_id, o.start)


def apply(changes: list[tuple]) -> None:
    """Apply (org_id, org_path, due, total, done, waived, task_id, start) changes to the org
    counters, and to the subtree and per-task counters above, summed first: a batch of a
    thousand orgs is three batched statements."""
    per_org: dict[tuple, list[int]] = {}
    per_node: dict[tuple, list[int]] = {}
    per_task: dict[tuple, list[int]] = {}
    for org_id, org_path, due, total, done, waived, task_id, start in changes:
        if not (total or done or waived):
            continue
        shard = org_id % SubtreeCounter.SHARDS
        for key, table in (
            ((org_id, due, org_path), per_org),
            *(((node, due, shard), per_node) for node in rolled_up(org_path)),
            *(((node, task_id, start, due, shard), per_task) for node in rolled_up(org_path)),
        ):
            sums = table.setdefault(key, [0, 0, 0])
            sums[0] += total
            sums[1] += done
            sums[2] += waived
    shards = SubtreeCounter.SHARDS
    _upsert(
        ObligationCounter,
        ["org_id", "due"],
        [(*k, *v, weights.org_weight(k[0], k[1]), weights.node_weight(k[1], k[0] % shards)) for k, v in per_org.items()],
    )
    _upsert(SubtreeCounter, ["node_path", "due", "shard"], [(*k, *v, weights.node_weight(k[1], k[2])) for k, v in per_node.items()])
    _upsert(TaskCounter, ["node_path", "task_id", "start", "due", "shard"], [(*k, *v) for k, v in per_task.items()])


def added(obligations: list[Obligation]) -> None:
    apply([_change(o, 1, 0, 0) for o in obligations])


def on_org_moved(sender, old_path: str, new_path: str, **kwargs) -> None:
    """A subtree moved (its rows already carry the new paths): take its figures off the subtree
    counters of the nodes it left, put them on those it joined, and make the counted nodes
    inside it again under their new paths (their depth may have changed)."""
    from django.db.models import Sum

    shards, step = SubtreeCounter.SHARDS, Org.steplen
    inside = subtree_q(new_path, "org_path")
    figures = list(
        ObligationCounter.objects.filter(inside)
        .annotate(shard=F("org_id") % shards)
        .values("due", "shard")
        .annotate(t=Sum("total"), d=Sum("done"), w=Sum("waived"))
    )
    left = {p for p in rolled_up(old_path) if len(p) < len(old_path)}
    joined = {p for p in rolled_up(new_path) if len(p) < len(new_path)}
    for nodes, sign in ((left - joined, -1), (joined - left, 1)):
        _upsert(
            SubtreeCounter,
            ["node_path", "due", "shard"],
            [
                (node, f["due"], f["shard"], sign * f["t"], sign * f["d"], sign * f["w"], weights.node_weight(f["due"], f["shard"]))
                for node in sorted(nodes)
                for f in figures
            ],
        )
    SubtreeCounter.objects.filter(subtree_q(old_path, "node_path")).delete()
    upper = new_path[:-1] + chr(ord(new_path[-1]) + 1)
    with connection.cursor() as cursor:
        for n in range(len(new_path), SubtreeCounter.DEPTH * step + 1, step):
            cursor.execute(
                f"INSERT INTO {NODE_COUNTERS} (node_path, due, shard, total, done, waived, weight) "
                f"SELECT SUBSTR(org_path, 1, {n}), due, org_id %% {shards}, SUM(total), SUM(done), SUM(waived), MIN(node_weight) "
                f"FROM {ORG_COUNTERS} WHERE org_path >= %s AND org_path < %s AND LENGTH(org_path) >= {n} "
                f"GROUP BY SUBSTR(org_path, 1, {n}), due, org_id %% {shards}",
                [new_path, upper],
            )
    _move_task_counters(old_path, new_path, left - joined, joined - left)


def _task_sums(prefix_length: int | None = None, where: str = "", *, with_params: bool = False) -> str:
    """Obligations summed per (node at `prefix_length`, task, period, shard), in SQL; without a
    length, per (task, period, shard) of the rows `where` selects. `with_params`: the query is
    run with parameters, so its modulo sign is written `%%`."""
    node = f"SUBSTR(org_path, 1, {prefix_length}) AS node_path, " if prefix_length else ""
    group = f"SUBSTR(org_path, 1, {prefix_length}), " if prefix_length else ""
    shard = f"org_id {'%%' if with_params else '%'} {SubtreeCounter.SHARDS}"
    return (
        f"SELECT {node}task_id, start, due, {shard} AS shard, COUNT(*) AS total, "
        f"SUM(CASE WHEN NOT ({WAIVED_SQL}) AND {MET_SQL} THEN 1 ELSE 0 END) AS done, "
        f"SUM(CASE WHEN {WAIVED_SQL} THEN 1 ELSE 0 END) AS waived FROM {OBLIGATIONS} {where} "
        f"GROUP BY {group}task_id, start, due, {shard}"
    )


def _move_task_counters(old_path: str, new_path: str, left: set[str], joined: set[str]) -> None:
    """The per-task counters of a moved subtree: off the nodes it left, onto those it joined,
    and made again for the counted nodes inside it, from its obligation rows."""
    upper = new_path[:-1] + chr(ord(new_path[-1]) + 1)
    inside = "WHERE org_path >= %s AND org_path < %s"
    with connection.cursor() as cursor:
        cursor.execute(_task_sums(where=inside, with_params=True), [new_path, upper])
        figures = cursor.fetchall()
        for nodes, sign in ((left, -1), (joined, 1)):
            _upsert(
                TaskCounter,
                ["node_path", "task_id", "start", "due", "shard"],
                [
                    (node, task, start, due, shard, sign * t, sign * d, sign * w)
                    for node in sorted(nodes)
                    for task, start, due, shard, t, d, w in figures
                ],
            )
        TaskCounter.objects.filter(subtree_q(old_path, "node_path")).delete()
        for n in range(len(new_path), SubtreeCounter.DEPTH * Org.steplen + 1, Org.steplen):
            cursor.execute(
                f"INSERT INTO {TASK_COUNTERS} (node_path, task_id, start, due, shard, total, done, waived) "
                + _task_sums(n, f"{inside} AND LENGTH(org_path) >= {n}", with_params=True),
                [new_path, upper],
            )


def changed(obligation: Obligation, before: tuple[int, int]) -> None:
    after = contribution(obligation)
    bump(obligation, done=after[0] - before[0], waived=after[1] - before[1])


def removed(obligations) -> None:
    apply([_change(o, -1, *(-v for v in contribution(o))) for o in obligations])


OBLIGATIONS = Obligation._meta.db_table
ORG_COUNTERS = ObligationCounter._meta.db_table
NODE_COUNTERS = SubtreeCounter._meta.db_table
TASK_COUNTERS = TaskCounter._meta.db_table
# Per org and due day, from the obligation rows: what the org counters must say.
ACTUAL = f"""
SELECT org_id, org_path, due, COUNT(*) AS total,
       SUM(CASE WHEN NOT ({WAIVED_SQL}) AND {MET_SQL} THEN 1 ELSE 0 END) AS done,
       SUM(CASE WHEN {WAIVED_SQL} THEN 1 ELSE 0 END) AS waived
FROM {OBLIGATIONS} GROUP BY org_id, org_path, due
"""
NONZERO = "(total <> 0 OR done <> 0 OR waived <> 0)"


def expected_nodes(cursor, base: str) -> None:
    """Into the temporary table danvan_expected: the subtree counters that the per-org rows of
    `base` add up to. One pass folds every org into its ancestor at the deepest counted level
    (or itself, if higher); the levels above are sums of that small table."""
    shards, width = SubtreeCounter.SHARDS, SubtreeCounter.DEPTH * Org.steplen
    cursor.execute(
        "CREATE TEMP TABLE danvan_folded AS "
        f"SELECT SUBSTR(org_path, 1, {width}) AS node_path, due, org_id % {shards} AS shard, "
        "SUM(total) AS total, SUM(done) AS done, SUM(waived) AS waived "
        f"FROM {base} GROUP BY SUBSTR(org_path, 1, {width}), due, org_id % {shards}"
    )
    levels = " UNION ALL ".join(
        f"SELECT SUBSTR(node_path, 1, {n}) AS node_path, due, shard, total, done, waived FROM danvan_folded WHERE LENGTH(node_path) >= {n}"
        for n in range(Org.steplen, width + 1, Org.steplen)
    )
    cursor.execute(
        "CREATE TEMP TABLE danvan_expected AS SELECT node_path, due, shard, CAST(SUM(total) AS BIGINT) AS total, "
        f"CAST(SUM(done) AS BIGINT) AS done, CAST(SUM(waived) AS BIGINT) AS waived FROM ({levels}) AS x "
        f"GROUP BY node_path, due, shard HAVING SUM(total) <> 0 OR SUM(done) <> 0 OR SUM(waived) <> 0"
    )


def rebuild() -> None:
    """Throw the counters away and make them again from the obligation rows, in SQL: for a bulk
    load, where adjusting them row by row would take hours. Run it inside a transaction."""
    with connection.cursor() as cursor:
        drop_temporary(cursor)
        cursor.execute(f"DELETE FROM {ORG_COUNTERS}")
        cursor.execute(f"DELETE FROM {NODE_COUNTERS}")
        cursor.execute(
            f"INSERT INTO {ORG_COUNTERS} (org_id, org_path, due, total, done, waived, weight, node_weight) "
            f"SELECT org_id, org_path, due, total, done, waived, {weights.sql_org_weight('org_id', 'due')}, "
            f"{weights.sql_node_weight('due', f'org_id % {SubtreeCounter.SHARDS}')} FROM ({ACTUAL}) AS a"
        )
        expected_nodes(cursor, ORG_COUNTERS)
        cursor.execute(
            f"INSERT INTO {NODE_COUNTERS} (node_path, due, shard, total, done, waived, weight) "
            f"SELECT node_path, due, shard, total, done, waived, {weights.sql_node_weight('due', 'shard')} FROM danvan_expected"
        )
        rebuild_tasks(cursor)
        drop_temporary(cursor)


def rebuild_tasks(cursor) -> None:
    """The per-task counters made again from the obligation rows (also run once by the migration
    that brought them, for data that was there before)."""
    cursor.execute("DROP TABLE IF EXISTS danvan_expected_tasks")
    cursor.execute(f"DELETE FROM {TASK_COUNTERS}")
    expected_tasks(cursor)
    cursor.execute(
        f"INSERT INTO {TASK_COUNTERS} (node_path, task_id, start, due, shard, total, done, waived) "
        "SELECT node_path, task_id, start, due, shard, total, done, waived FROM danvan_expected_tasks"
    )
    cursor.execute("DROP TABLE IF EXISTS danvan_expected_tasks")


def expected_tasks(cursor) -> None:
    """Into the temporary table danvan_expected_tasks: the per-task counters the obligation rows
    add up to, for every counted node."""
    levels = " UNION ALL ".join(
        _task_sums(n, f"WHERE LENGTH(org_path) >= {n}") for n in range(Org.steplen, SubtreeCounter.DEPTH * Org.steplen + 1, Org.steplen)
    )
    cursor.execute(
        "CREATE TEMP TABLE danvan_expected_tasks AS SELECT node_path, task_id, start, due, shard, total, done, waived "
        f"FROM ({levels}) AS x WHERE total <> 0 OR done <> 0 OR waived <> 0"
    )


def drop_temporary(cursor) -> None:
    for table in ("danvan_actual", "danvan_folded", "danvan_expected", "danvan_expected_tasks"):
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


def along_tree(parts: list[tuple[str, tuple, tuple[int, ...], int]]) -> dict[tuple, list[int]]:
    """Counters kept at every node above and at a row's org (the later apps' counters: concerns,
    members' tasks): each part (org path, the rest of the key, its figures, +1 or -1) summed
    into the nodes it counts at, keyed (node path, *rest of the key); rows that cancel out are left out."""
    sums: dict[tuple, list[int]] = {}
    for path, key, figures, sign in parts:
        for node in ancestor_paths(path):
            row = sums.setdefault((node, *key), [0] * len(figures))
            for i, value in enumerate(figures):
                row[i] += sign * value
    return {k: v for k, v in sums.items() if any(v)}
