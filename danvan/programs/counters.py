"""Counters of obligations per org and due day, kept with every write and checked by reconcile."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db import connection
from django.db.models import F

from danvan.orgs.models import Org
from danvan.programs.models import Obligation, ObligationCounter, SubtreeCounter


def _state(obligation: Obligation) -> tuple[int, int]:
    """(done, waived) contribution of one obligation: waived wins over done."""
    if obligation.waived_reason:
        return 0, 1
    return (1 if obligation.done >= obligation.required else 0), 0


def _add(model, lookup: dict, create: dict, total: int, done: int, waived: int) -> None:
    changes = {"total": F("total") + total, "done": F("done") + done, "waived": F("waived") + waived}
    if model.objects.filter(**lookup).update(**changes):
        return
    row, created = model.objects.get_or_create(**lookup, defaults={**create, "total": total, "done": done, "waived": waived})
    if not created:
        model.objects.filter(pk=row.pk).update(**changes)


def ancestors(path: str) -> list[str]:
    """The tree paths of a node and every node above it."""
    return [path[:n] for n in range(Org.steplen, len(path) + 1, Org.steplen)]


def bump(obligation: Obligation, *, total: int = 0, done: int = 0, waived: int = 0) -> None:
    """Move the org's counter and those of every subtree it lies in, in the caller's transaction."""
    if not (total or done or waived):
        return
    _add(ObligationCounter, {"org_id": obligation.org_id, "due": obligation.due}, {"org_path": obligation.org_path}, total, done, waived)
    shard = obligation.org_id % SubtreeCounter.SHARDS
    for node in ancestors(obligation.org_path):
        _add(SubtreeCounter, {"node_path": node, "due": obligation.due, "shard": shard}, {}, total, done, waived)


def added(obligations: list[Obligation]) -> None:
    grouped: Counter = Counter()
    for o in obligations:
        grouped[(o.org_id, o.org_path, o.due)] += 1
    for (org_id, org_path, due), count in grouped.items():
        probe = Obligation(org_id=org_id, org_path=org_path, due=due)
        bump(probe, total=count)


def changed(obligation: Obligation, before: tuple[int, int]) -> None:
    after = _state(obligation)
    bump(obligation, done=after[0] - before[0], waived=after[1] - before[1])


def removed(obligations) -> None:
    for o in obligations:
        d, w = _state(o)
        bump(o, total=-1, done=-d, waived=-w)


def state(obligation: Obligation) -> tuple[int, int]:
    return _state(obligation)


@dataclass
class Drift:
    org_id: int
    due: str
    stored: tuple[int, int, int]
    actual: tuple[int, int, int]


ACTUAL_SQL = """
CREATE TEMP TABLE danvan_actual AS
SELECT org_id, org_path, due, COUNT(*) AS total,
       SUM(CASE WHEN waived_reason = '' AND done >= required THEN 1 ELSE 0 END) AS done,
       SUM(CASE WHEN waived_reason <> '' THEN 1 ELSE 0 END) AS waived
FROM programs_obligation GROUP BY org_id, org_path, due
"""


def _differences(cursor, key: str, actual: str, stored: str) -> dict[tuple, list]:
    """Rows that differ between two tables of (key..., total, done, waived), both ways, in SQL."""
    columns = f"{key}, total, done, waived"
    found: dict[tuple, list] = {}
    for side, (left, right) in enumerate(((actual, stored), (stored, actual))):
        cursor.execute(f"SELECT {columns} FROM {left} EXCEPT SELECT {columns} FROM {right}")
        width = key.count(",") + 1
        for row in cursor.fetchall():
            # The same day comes back as a date from a table and as text from a temporary one (SQLite).
            key_values = tuple(_date(v) if i == 1 else v for i, v in enumerate(row[:width]))
            entry = found.setdefault(key_values, [(0, 0, 0), (0, 0, 0)])
            entry[side] = tuple(int(v) for v in row[width:])
    return {k: v for k, v in found.items() if v[0] != v[1]}


def reconcile(*, fix: bool = False) -> list[Drift]:
    """Recompute every counter from the obligation rows and compare, all in SQL: one aggregate over
    the obligations into a temporary table, the subtree sums from it, then EXCEPT both ways. Return
    the drift and, with `fix`, repair it. Run it inside a transaction."""
    shards = SubtreeCounter.SHARDS
    with connection.cursor() as cursor:
        for table in ("danvan_actual", "danvan_expected"):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(ACTUAL_SQL)
        cursor.execute("SELECT MAX(LENGTH(org_path)) FROM danvan_actual")
        longest = cursor.fetchone()[0] or 0
        parts = [
            f"SELECT SUBSTR(org_path, 1, {n}) AS node_path, due, org_id % {shards} AS shard, total, done, waived "
            f"FROM danvan_actual WHERE LENGTH(org_path) >= {n}"
            for n in range(Org.steplen, longest + 1, Org.steplen)
        ] or ["SELECT '' AS node_path, due, 0 AS shard, total, done, waived FROM danvan_actual WHERE 1 = 0"]
        cursor.execute(
            "CREATE TEMP TABLE danvan_expected AS SELECT node_path, due, shard, CAST(SUM(total) AS BIGINT) AS total, "
            "CAST(SUM(done) AS BIGINT) AS done, CAST(SUM(waived) AS BIGINT) AS waived "
            f"FROM ({' UNION ALL '.join(parts)}) AS x GROUP BY node_path, due, shard"
        )
        orgs = _differences(cursor, "org_id, due", "danvan_actual", ObligationCounter._meta.db_table)
        nodes = _differences(cursor, "node_path, due, shard", "danvan_expected", SubtreeCounter._meta.db_table)
        paths = {}
        if fix and orgs:
            cursor.execute("SELECT org_id, org_path FROM danvan_actual")
            paths = dict(cursor.fetchall())
        for table in ("danvan_actual", "danvan_expected"):
            cursor.execute(f"DROP TABLE {table}")
    drift = []
    for (org_id, due), (actual, stored) in sorted(orgs.items(), key=lambda item: (item[0][0], str(item[0][1]))):
        due = _date(due)
        drift.append(Drift(org_id=org_id, due=due.isoformat(), stored=stored, actual=actual))
        if fix and actual != (0, 0, 0):
            ObligationCounter.objects.update_or_create(
                org_id=org_id, due=due, defaults={"org_path": paths[org_id], "total": actual[0], "done": actual[1], "waived": actual[2]}
            )
        elif fix:
            ObligationCounter.objects.filter(org_id=org_id, due=due).delete()
    for (node_path, due, shard), (actual, stored) in sorted(nodes.items(), key=lambda item: (item[0][0], str(item[0][1]), item[0][2])):
        due = _date(due)
        drift.append(Drift(org_id=0, due=f"{due.isoformat()} subtree {node_path} shard {shard}", stored=stored, actual=actual))
        if fix:
            SubtreeCounter.objects.update_or_create(
                node_path=node_path, due=due, shard=shard, defaults={"total": actual[0], "done": actual[1], "waived": actual[2]}
            )
    return drift


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
