"""Counters of obligations per org and due day, kept with every write and checked by reconcile."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, Q

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


def reconcile(*, fix: bool = False) -> list[Drift]:
    """Recompute every counter from the obligation rows in one aggregate; return the drift and,
    with `fix`, repair it."""
    actual = {
        (row["org_id"], row["due"]): row
        for row in Obligation.objects.values("org_id", "org_path", "due").annotate(
            total=Count("id"),
            waived=Count("id", filter=~Q(waived_reason="")),
            done=Count("id", filter=Q(waived_reason="", done__gte=F("required"))),
        )
    }
    stored = {(c.org_id, c.due): c for c in ObligationCounter.objects.all().iterator(chunk_size=5000)}
    drift = []
    for key in set(actual) | set(stored):
        row = actual.get(key)
        a = (row["total"], row["done"], row["waived"]) if row else (0, 0, 0)
        counter = stored.get(key)
        s = (counter.total, counter.done, counter.waived) if counter else (0, 0, 0)
        if a == s:
            continue
        drift.append(Drift(org_id=key[0], due=key[1].isoformat(), stored=s, actual=a))
        if fix and row:
            ObligationCounter.objects.update_or_create(
                org_id=key[0], due=key[1], defaults={"org_path": row["org_path"], "total": a[0], "done": a[1], "waived": a[2]}
            )
        elif fix:
            ObligationCounter.objects.filter(pk=counter.pk).delete()
    drift.sort(key=lambda d: (d.org_id, d.due))
    return drift + _reconcile_subtrees(actual, fix=fix)


def _reconcile_subtrees(actual: dict, *, fix: bool) -> list[Drift]:
    """The subtree counters must equal the sums of the org counters under each node."""
    expected: dict[tuple[str, object, int], list[int]] = {}
    for (org_id, due), row in actual.items():
        shard = org_id % SubtreeCounter.SHARDS
        for node in ancestors(row["org_path"]):
            sums = expected.setdefault((node, due, shard), [0, 0, 0])
            sums[0] += row["total"]
            sums[1] += row["done"]
            sums[2] += row["waived"]
    stored = {(c.node_path, c.due, c.shard): c for c in SubtreeCounter.objects.all().iterator(chunk_size=5000)}
    drift = []
    missing = []
    for key in set(expected) | set(stored):
        e = tuple(expected.get(key, (0, 0, 0)))
        counter = stored.get(key)
        s = (counter.total, counter.done, counter.waived) if counter else (0, 0, 0)
        if e == s:
            continue
        drift.append(Drift(org_id=0, due=f"{key[1].isoformat()} subtree {key[0]} shard {key[2]}", stored=s, actual=e))
        if fix and counter is not None:
            SubtreeCounter.objects.filter(pk=counter.pk).update(total=e[0], done=e[1], waived=e[2])
        elif fix:
            missing.append(SubtreeCounter(node_path=key[0], due=key[1], shard=key[2], total=e[0], done=e[1], waived=e[2]))
    SubtreeCounter.objects.bulk_create(missing, batch_size=5000)
    return drift
