"""Counters of obligations per org and due day, kept with every write and checked by reconcile."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F

from danvan.orgs.models import Org, subtree_q
from danvan.programs import weights
from danvan.programs.models import Obligation, ObligationCounter, SubtreeCounter


def _state(obligation: Obligation) -> tuple[int, int]:
    """(done, waived) contribution of one obligation: waived wins over done."""
    if obligation.waived_reason:
        return 0, 1
    return (1 if obligation.done >= obligation.required else 0), 0


def _upsert(model, keys: list[str], rows: list[tuple]) -> None:
    """Add (total, done, waived) to counter rows, creating the missing ones: one statement per
    row, atomic on both engines (INSERT ... ON CONFLICT DO UPDATE), sent in one batch."""
    if not rows:
        return
    table = model._meta.db_table
    extra = ["org_path"] if model is ObligationCounter else []
    weights = ["weight", "node_weight"] if model is ObligationCounter else ["weight"]
    columns = [*keys, *extra, "total", "done", "waived", *weights]
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET total = {table}.total + excluded.total, "
        f"done = {table}.done + excluded.done, waived = {table}.waived + excluded.waived"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def ancestors(path: str) -> list[str]:
    """The tree paths of a node and every node above it."""
    return [path[:n] for n in range(Org.steplen, len(path) + 1, Org.steplen)]


def rolled_up(path: str) -> list[str]:
    """The nodes above and at `path` that keep subtree counters (the top `SubtreeCounter.DEPTH` levels)."""
    return ancestors(path)[: SubtreeCounter.DEPTH]


def bump(obligation: Obligation, *, total: int = 0, done: int = 0, waived: int = 0) -> None:
    """Move the org's counter and those of every subtree it lies in, in the caller's transaction."""
    apply([(obligation.org_id, obligation.org_path, obligation.due, total, done, waived)])


def apply(changes: list[tuple]) -> None:
    """Apply (org_id, org_path, due, total, done, waived) changes to the org counters and to the
    subtree counters above, summed first: a batch of a thousand orgs is two batched statements."""
    per_org: dict[tuple, list[int]] = {}
    per_node: dict[tuple, list[int]] = {}
    for org_id, org_path, due, total, done, waived in changes:
        if not (total or done or waived):
            continue
        for key, table in (((org_id, due, org_path), per_org),) + tuple(
            ((node, due, org_id % SubtreeCounter.SHARDS), per_node) for node in rolled_up(org_path)
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


def added(obligations: list[Obligation]) -> None:
    apply([(o.org_id, o.org_path, o.due, 1, 0, 0) for o in obligations])


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


def changed(obligation: Obligation, before: tuple[int, int]) -> None:
    after = _state(obligation)
    bump(obligation, done=after[0] - before[0], waived=after[1] - before[1])


def removed(obligations) -> None:
    apply([(o.org_id, o.org_path, o.due, -1, *(-v for v in _state(o))) for o in obligations])


def state(obligation: Obligation) -> tuple[int, int]:
    return _state(obligation)


OBLIGATIONS = Obligation._meta.db_table
ORG_COUNTERS = ObligationCounter._meta.db_table
NODE_COUNTERS = SubtreeCounter._meta.db_table
# Per org and due day, from the obligation rows: what the org counters must say.
ACTUAL = f"""
SELECT org_id, org_path, due, COUNT(*) AS total,
       SUM(CASE WHEN waived_reason = '' AND done >= required THEN 1 ELSE 0 END) AS done,
       SUM(CASE WHEN waived_reason <> '' THEN 1 ELSE 0 END) AS waived
FROM {OBLIGATIONS} GROUP BY org_id, org_path, due
"""
NONZERO = "(total <> 0 OR done <> 0 OR waived <> 0)"


def _expected_nodes(cursor, base: str) -> None:
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
        _drop(cursor)
        cursor.execute(f"DELETE FROM {ORG_COUNTERS}")
        cursor.execute(f"DELETE FROM {NODE_COUNTERS}")
        cursor.execute(
            f"INSERT INTO {ORG_COUNTERS} (org_id, org_path, due, total, done, waived, weight, node_weight) "
            f"SELECT org_id, org_path, due, total, done, waived, {weights.sql_org_weight('org_id', 'due')}, "
            f"{weights.sql_node_weight('due', f'org_id % {SubtreeCounter.SHARDS}')} FROM ({ACTUAL}) AS a"
        )
        _expected_nodes(cursor, ORG_COUNTERS)
        cursor.execute(
            f"INSERT INTO {NODE_COUNTERS} (node_path, due, shard, total, done, waived, weight) "
            f"SELECT node_path, due, shard, total, done, waived, {weights.sql_node_weight('due', 'shard')} FROM danvan_expected"
        )
        _drop(cursor)


def _drop(cursor) -> None:
    for table in ("danvan_actual", "danvan_folded", "danvan_expected"):
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


@dataclass
class Drift:
    org_id: int
    due: str
    stored: tuple[int, int, int]
    actual: tuple[int, int, int]


def _differences(cursor, key: str, actual: str, stored: str) -> dict[tuple, list]:
    """Rows that differ between two tables of (key..., total, done, waived), both ways, in SQL."""
    columns = f"{key}, total, done, waived"
    found: dict[tuple, list] = {}
    for side, (left, right) in enumerate(((actual, stored), (stored, actual))):
        cursor.execute(f"SELECT {columns} FROM {left} WHERE {NONZERO} EXCEPT SELECT {columns} FROM {right}")
        width = key.count(",") + 1
        for row in cursor.fetchall():
            # The same day comes back as a date from a table and as text from a temporary one (SQLite).
            key_values = tuple(_date(v) if i == 1 else v for i, v in enumerate(row[:width]))
            entry = found.setdefault(key_values, [(0, 0, 0), (0, 0, 0)])
            entry[side] = tuple(int(v) for v in row[width:])
    return {k: v for k, v in found.items() if v[0] != v[1]}


PACK = 4294967296  # done + waived × 2^32 in one integer: both sums stay apart below 2^31 each
# Per obligation: its state packed (done 1, waived 2^32), and its weight times its state (0, 1, 2).
PACKED = f"(CASE WHEN waived_reason <> '' THEN {PACK} WHEN done >= required THEN 1 ELSE 0 END)"
STATE_WEIGHTED = "(CASE WHEN waived_reason <> '' THEN 2 * weight WHEN done >= required THEN weight ELSE 0 END)"


def _checksums_agree(cursor) -> tuple[bool, bool]:
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
        for node in ancestors(path):
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
    First the quick check (`_checksums_agree`); where it finds a difference, or with `exact`,
    the itemising comparison: the org counters against the obligations aggregated per org and
    day, the subtree counters against the sums of those per node, day and shard. Return the
    drift and, with `fix`, repair it."""
    with connection.cursor() as cursor:
        _drop(cursor)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL work_mem = '256MB'")  # the aggregates stay in memory
        orgs_agree, nodes_agree = (False, False) if exact else _checksums_agree(cursor)
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
            _expected_nodes(cursor, base)
            nodes = _differences(cursor, "node_path, due, shard", "danvan_expected", NODE_COUNTERS)
        _drop(cursor)
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
    return drift


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
