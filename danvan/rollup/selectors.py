"""Reads of the rollup stage: the dashboard of a subtree, the matrix of sub-organizations × tasks,
who is behind. Dashboards read the counters, never the obligation rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import CharField, Count, ExpressionWrapper, F, IntegerField, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear, Substr

from danvan.orgs.models import Org, OrgStatus, span_q
from danvan.programs.models import Adoption, AdoptionStatus, Obligation, Program
from danvan.programs.status import status_expression
from danvan.rollup.models import ObligationCounter, SubtreeCounter, TaskCounter


def cell_color(counts: dict[str, int]) -> str:
    if not counts:
        return "none"
    if counts.get("overdue"):
        return "overdue"
    if counts.get("due"):
        return "due"
    if counts.get("upcoming"):
        return "upcoming"
    return "done"


MATRIX_LEVELS = 3


def matrix(program: Program, org: Org, year: int, today: dt.date, *, levels: int = 1, kind: str = "", behind_only: bool = False) -> dict:
    """Rows: the org itself and its active sub-organizations down `levels` levels (each with its
    whole subtree summed), optionally only those of one kind or only those with something
    overdue; columns: the program's tasks; cells: obligation counts by status. A row of the top
    levels of the tree reads the per-task counters (a national matrix reads thousands of counter
    rows, not millions of obligations); rows deeper down, whose subtrees are small, and the org's
    own row there, count their obligation rows. A fixed number of queries whatever the size."""
    levels = max(1, min(levels, MATRIX_LEVELS))
    # The levels named one by one: SQLite reads a range of depths along the whole path range.
    depths = range(org.depth + 1, org.depth + levels + 1)
    below = Org.objects.filter(org.subtree_filter(), depth__in=depths, status=OrgStatus.ACTIVE)
    nodes = list(below.order_by("path"))
    tasks = list(program.tasks.filter(added_by__isnull=True).order_by("position"))
    task_ids = [t.pk for t in tasks]
    counted = SubtreeCounter.DEPTH
    cells: dict[tuple[str, int], dict[str, int]] = defaultdict(dict)

    def add(owner: str, task_id: int, status: str, n: int, sign: int = 1) -> None:
        counts = cells[(owner, task_id)]
        counts[status] = counts.get(status, 0) + sign * n

    # Rows of the counted levels, from the per-task counters.
    shallow = [n.path for n in nodes if n.depth <= counted]
    children: list[str] = []
    if org.depth < counted:
        # The org's own row: its subtree's counter less its children's (whatever their state).
        children = list(Org.objects.filter(org.subtree_filter(), depth=org.depth + 1).values_list("path", flat=True))
        shallow += [org.path]
    rows_here, children_here = set(shallow) - {org.path}, set(children)
    counters = TaskCounter.objects.filter(node_path__in=shallow + children, task_id__in=task_ids, start__year=year)
    for row in counters.values("node_path", "task_id").annotate(**_by_status(today)):
        path = row["node_path"]
        if path in rows_here:
            _add_statuses(add, path, row, 1)
        if path == org.path:
            _add_statuses(add, org.path, row, 1)
        if path in children_here:
            _add_statuses(add, org.path, row, -1)
    # Deeper rows, and the org's own row when it is itself deep, from the obligation rows.
    deep = {n.path for n in nodes if n.depth > counted} | ({org.path} if org.depth >= counted else set())
    if deep:
        widths = sorted({len(p) for p in deep})
        rows = (
            Obligation.objects.filter(org.subtree_filter("org_path"), task__program=program, start__year=year)
            .annotate(branch=Substr("org_path", 1, widths[-1]), status=status_expression(today))
            .values("branch", "task_id", "status")
            .annotate(n=Count("id"))
        )
        for row in rows:
            branch = row["branch"]
            if org.path in deep and branch == org.path:
                add(org.path, row["task_id"], row["status"], row["n"])  # the org's own obligations
            for width in widths:
                owner = branch[:width]
                if len(branch) >= width and owner in deep and owner != org.path:
                    add(owner, row["task_id"], row["status"], row["n"])
    adopted = dict(
        Adoption.objects.filter(
            org.subtree_filter("org_path"), program=program, org_path__in=[n.path for n in nodes] + [org.path]
        ).values_list("org_path", "status")
    )
    table = []
    for node in [org, *nodes]:
        line = []
        for task in tasks:
            counts = {k: v for k, v in cells.get((node.path, task.pk), {}).items() if v}
            line.append({"task": task, "counts": counts, "color": cell_color(counts), "total": sum(counts.values())})
        own = node.pk == org.pk
        behind = any(c["counts"].get("overdue") for c in line) or adopted.get(node.path) != AdoptionStatus.ADOPTED
        if not own and ((kind and node.kind != kind) or (behind_only and not behind)):
            continue
        table.append({"org": node, "own": own, "level": node.depth - org.depth, "adoption": adopted.get(node.path), "cells": line})
    return {"tasks": tasks, "rows": table, "adopted_status": AdoptionStatus, "levels": levels}


STATUSES = ("waived", "done", "overdue", "due", "upcoming")


def _by_status(today: dt.date) -> dict:
    """Per-task counter rows summed by the status their obligations have on `today`, as
    `status_of` would give each one (in the database: no row per due day reaches Python)."""
    open_ = ExpressionWrapper(F("total") - F("done") - F("waived"), output_field=IntegerField())
    return {
        "n_waived": Sum("waived"),
        "n_done": Sum("done"),
        "n_overdue": Sum(open_, filter=Q(due__lt=today)),
        "n_due": Sum(open_, filter=Q(due__gte=today, start__lte=today)),
        "n_upcoming": Sum(open_, filter=Q(due__gte=today, start__gt=today)),
    }


def _add_statuses(add, owner: str, row: dict, sign: int) -> None:
    for status in STATUSES:
        if row[f"n_{status}"]:
            add(owner, row["task_id"], status, row[f"n_{status}"], sign)


def _sums(today: dt.date):
    open_ = ExpressionWrapper(F("total") - F("done") - F("waived"), output_field=IntegerField())
    # Aliases differ from the field names: Django refuses an aggregate named like the field it sums.
    return {
        "n_total": Sum("total"),
        "n_done": Sum("done"),
        "n_waived": Sum("waived"),
        "n_overdue": Sum(open_, filter=Q(due__lt=today)),
        "n_open": Sum(open_, filter=Q(due__gte=today)),
        # What has come due (its due day is past), and how much of that was met: the rate's terms.
        "n_due": Sum("total", filter=Q(due__lt=today)),
        "n_met_due": Sum(F("done") + F("waived"), filter=Q(due__lt=today)),
    }


def _figures(row: dict) -> dict:
    return {key: row.get(f"n_{key}") or 0 for key in ("total", "done", "waived", "overdue", "open", "due", "met_due")}


def _rollup(nodes: list[Org], year: int, today: dt.date) -> dict[str, dict]:
    """Figures per node for the year, one query: a node in the top levels reads its own subtree
    counters, a deeper one sums the org counters in its range (its subtree is small)."""
    if not nodes:
        return {}
    if nodes[0].depth <= SubtreeCounter.DEPTH:
        rows = SubtreeCounter.objects.filter(node_path__in=[n.path for n in nodes], due__year=year).values("node_path")
    else:  # siblings: one range around them all, grouped by the path of each
        span = span_q(min(n.path for n in nodes), max(n.path for n in nodes), "org_path")
        rows = (
            ObligationCounter.objects.filter(span, due__year=year)
            .annotate(node_path=Substr("org_path", 1, len(nodes[0].path), output_field=CharField()))
            .values("node_path")
        )
    return {row["node_path"]: _figures(row) for row in rows.annotate(**_sums(today))}


def dashboard(org: Org, year: int, today: dt.date) -> dict:
    """The subtree's compliance: totals, one row per sub-organization, and the year month by
    month, from the subtree counters of the org and of its children (or, deep in the tree, from
    the org counters in their ranges), so the same few queries read a few hundred rows whether
    the org is a cell or the whole party."""
    children = list(Org.objects.filter(org.subtree_filter(), depth=org.depth + 1, status=OrgStatus.ACTIVE).order_by("path"))
    if org.depth <= SubtreeCounter.DEPTH:
        every_year = SubtreeCounter.objects.filter(node_path=org.path)
    else:
        every_year = ObligationCounter.objects.filter(org.subtree_filter("org_path"))
    own = every_year.filter(due__year=year)
    totals = _figures(own.aggregate(**_sums(today)))
    branches = _rollup(children, year, today)
    not_adopted = set(
        Adoption.objects.filter(org_id__in=[c.pk for c in children], status=AdoptionStatus.SENT).values_list("org_id", flat=True)
    )
    rows = []
    for child in children:
        figures = branches.get(child.path, _figures({}))
        rows.append({"org": child, **figures, "rate": _rate(figures), "not_adopted": child.pk in not_adopted})
    rows.sort(key=slowest_first)
    months = {row["m"]: _figures(row) for row in own.annotate(m=ExtractMonth("due")).values("m").annotate(**_sums(today))}
    chart = []
    peak = max([m["total"] for m in months.values()] or [0]) or 1
    for month in range(1, 13):
        m = months.get(month, _figures({}))
        done, overdue, total = m["done"] + m["waived"], m["overdue"], m["total"]
        chart.append(
            {
                "month": month,
                "total": total,
                "done": done,
                "overdue": overdue,
                "open": total - done - overdue,
                "done_h": round(100 * done / peak),
                "overdue_h": round(100 * overdue / peak),
                "open_h": round(100 * (total - done - overdue) / peak),
            }
        )
    years = []
    for row in every_year.annotate(y=ExtractYear("due")).values("y").annotate(**_sums(today)).order_by("y"):
        figures = _figures(row)
        years.append({"year": row["y"], **figures, "rate": _rate(figures), "current": row["y"] == year})
    return {"totals": {**totals, "rate": _rate(totals)}, "rows": rows, "chart": chart, "years": years}


def _rate(figures: dict) -> int | None:
    """Done (or waived) of what has come due, in percent; None when nothing has come due yet."""
    due = figures.get("due") or 0
    if due <= 0:
        return None
    return round(100 * (figures.get("met_due") or 0) / due)


def slowest_first(row: dict) -> tuple:
    """Who is behind first: orgs that have not adopted, then the most overdue, then the lowest
    rate of what has come due (nothing due yet counts as on time), then the least done overall."""
    total = row["total"] or 0
    return (
        0 if row.get("not_adopted") else 1,
        -row["overdue"],
        row["rate"] if row["rate"] is not None else 101,
        (row["done"] + row["waived"]) / total if total else 1,
        row["org"].path,
    )


def open_per_day(org: Org, start: dt.date, end: dt.date) -> dict[dt.date, int]:
    """How many obligations of `org`'s subtree fall due each day between two days and are still
    open (neither done nor waived), from the counters: a few hundred rows for a whole country."""
    counters = (
        SubtreeCounter.objects.filter(node_path=org.path)
        if org.depth <= SubtreeCounter.DEPTH
        else ObligationCounter.objects.filter(org.subtree_filter("org_path"))
    )
    rows = (
        counters.filter(due__gte=start, due__lte=end)
        .values("due")
        .annotate(n=Sum(ExpressionWrapper(F("total") - F("done") - F("waived"), output_field=IntegerField())))
    )
    return {row["due"]: row["n"] for row in rows if row["n"]}


def obligations_count(program: Program, org: Org, year: int, today: dt.date, *, task_id: int | None = None, status: str = "") -> int | None:
    """How many obligations `obligations_in` lists, from the per-task counters when `org` is a
    counted node (a national list counts millions of rows otherwise); None when it is deeper and
    its small subtree is best counted row by row."""
    if org.depth > SubtreeCounter.DEPTH:
        return None
    counts: dict[str, int] = defaultdict(int)

    def add(_owner: str, _task_id: int, state: str, n: int, sign: int = 1) -> None:
        counts[state] += sign * n

    rows = TaskCounter.objects.filter(node_path=org.path, start__year=year)
    rows = rows.filter(task_id=task_id) if task_id else rows.filter(task_id__in=program.tasks.values("pk"))
    for row in rows.values("task_id").annotate(**_by_status(today)):
        _add_statuses(add, org.path, row, 1)
    return counts[status] if status else sum(counts.values())
