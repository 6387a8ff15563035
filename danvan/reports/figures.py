"""The figures of a report: what an org's own records say for the cycle's period, and the sum of
what its subordinates filed. Figures are plain JSON so that a filed report keeps them as they
stood (the snapshot) and a consolidation adds snapshots, never live rows.

Shape (every number in `tasks`, `sections` and `orgs` is summed up the tree; the rest describes):
    {"tasks": {"<task id>": {"due", "done", "overdue", "waived", "open", "activities", "present", "attendees"}},
     "labels": {"<task id>": {"ref", "text", "program"}},
     "sections": {"<section key>": {"<counter>": n}},
     "orgs": {"reports": n, "filed": n},
     "evidence": [{"id", "title", "held_on", "kind", "tasks", "present", "attendees"}]}   (own figures only)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q

from danvan.activities.models import Activity, AttendanceStatus
from danvan.lib.text import shorten
from danvan.orgs.models import subtree_q
from danvan.programs.models import Obligation, Task
from danvan.programs.status import ObligationStatus, status_of
from danvan.reports import sections
from danvan.reports.models import Cycle, Report, ReportStatus

COUNTS = ("due", "done", "overdue", "waived", "open", "activities", "present", "attendees")
EVIDENCE_LIMIT = 200  # activities listed by name in one org's report; the counts cover all


def own(org, cycle: Cycle, today: dt.date) -> dict:
    """One org's own figures for the cycle: its obligations whose period starts in the data
    period (so consecutive reports count each once, and a half-year shows how the year's tasks
    stand), by status on the cut-off day (the period's end, or today while it runs); and the
    activities held in the period for the tasks, with their attendance."""
    start, end = cycle.period_start, cycle.period_end
    cutoff = min(today, end)
    program_ids = list(cycle.programs.values_list("pk", flat=True))
    tasks: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
    labels: dict[str, dict] = {}
    for task in Task.objects.filter(program_id__in=program_ids, added_by__isnull=True).select_related("program"):
        tasks[str(task.pk)]
        labels[str(task.pk)] = _label(task)
    obligations = Obligation.objects.filter(org=org, task__program_id__in=program_ids, start__gte=start, start__lte=end)
    for row in obligations.values("task_id", "start", "due", "done", "required", "waived_reason"):
        figures = tasks[str(row["task_id"])]
        figures["due"] += 1
        state = status_of(
            start=row["start"], due=row["due"], done=row["done"], required=row["required"], waived=bool(row["waived_reason"]), today=cutoff
        )
        key = {ObligationStatus.DONE: "done", ObligationStatus.OVERDUE: "overdue", ObligationStatus.WAIVED: "waived"}.get(state, "open")
        figures[key] += 1
    evidence = []
    activities = (
        Activity.objects.filter(org=org, held_on__gte=start, held_on__lte=end, tasks__program_id__in=program_ids)
        .distinct()
        .annotate(
            present=Count("attendance", filter=Q(attendance__status=AttendanceStatus.PRESENT), distinct=True),
            attendees=Count("attendance", distinct=True),
        )
        .order_by("held_on", "id")
    )
    served = defaultdict(set)
    for task_id, activity_id in Activity.tasks.through.objects.filter(
        activity__in=activities.values("pk"), task__program_id__in=program_ids
    ).values_list("task_id", "activity_id"):
        served[activity_id].add(task_id)
    for activity in activities:
        for task_id in served[activity.pk]:
            figures = tasks[str(task_id)]
            figures["activities"] += 1
            figures["present"] += activity.present
            figures["attendees"] += activity.attendees
        if len(evidence) < EVIDENCE_LIMIT:
            evidence.append(
                {
                    "id": activity.pk,
                    "title": activity.title,
                    "held_on": activity.held_on.isoformat(),
                    "kind": activity.kind,
                    "tasks": sorted(served[activity.pk]),
                    "present": activity.present,
                    "attendees": activity.attendees,
                }
            )
    missing = [task_id for task_id in tasks if task_id not in labels]
    for task in Task.objects.filter(pk__in=missing).select_related("program"):
        labels[str(task.pk)] = _label(task)
    return {
        "tasks": {key: dict(value) for key, value in tasks.items()},
        "labels": labels,
        "sections": sections.collect_all(org, start, end),
        "orgs": {"reports": 1, "filed": 1},
        "evidence": evidence,
    }


def _label(task: Task) -> dict:
    return {"ref": task.ref, "text": shorten(task.text, 160), "program": str(task.program), "position": task.position}


def add(into: dict, more: dict) -> dict:
    """Add `more`'s summed parts into `into` (in place), and return it."""
    for task_id, counts in more.get("tasks", {}).items():
        mine = into.setdefault("tasks", {}).setdefault(task_id, dict.fromkeys(COUNTS, 0))
        for name, value in counts.items():
            mine[name] = mine.get(name, 0) + value
    for task_id, label in more.get("labels", {}).items():
        into.setdefault("labels", {}).setdefault(task_id, label)
    for key, counts in more.get("sections", {}).items():
        mine = into.setdefault("sections", {}).setdefault(key, {})
        for name, value in counts.items():
            mine[name] = mine.get(name, 0) + value
    for name, value in more.get("orgs", {}).items():
        orgs = into.setdefault("orgs", {})
        orgs[name] = orgs.get(name, 0) + value
    return into


def summed(parts: list[dict]) -> dict:
    total: dict = {"tasks": {}, "labels": {}, "sections": {}, "orgs": {"reports": 0, "filed": 0}}
    for part in parts:
        add(total, part)
    return total


BATCH = 500


def snapshot(report: Report, today: dt.date, progress=None) -> dict:
    """The figures of `report` as they stand: its own, and its own plus its direct subordinates'
    filed totals (each of which already holds theirs), with who has filed and who has not.
    `progress(done, total)` is told after each batch of subordinates read."""
    mine = own(report.org, report.cycle, today)
    total = summed([{k: v for k, v in mine.items() if k != "evidence"}])
    filed, missing = [], []
    children = report.children.order_by("org_path").values_list("pk", "status", "figures")
    count = report.children.count() if progress else 0
    for done, (child_id, status, figures) in enumerate(children.iterator(chunk_size=BATCH), start=1):
        if status == ReportStatus.SUBMITTED and figures:
            add(total, figures["total"])
            filed.append(child_id)
        else:
            missing.append(child_id)
        if progress and done % BATCH == 0:
            progress(done, count)
    # Every report expected under this one (those not filed count with nothing in them).
    if report.org_path == report.cycle.org_path:
        total["orgs"]["reports"] = report.cycle.reports_count
    else:
        total["orgs"]["reports"] = Report.objects.filter(cycle_id=report.cycle_id).filter(subtree_q(report.org_path, "org_path")).count()
    return {"own": mine, "total": total, "filed": filed, "missing": missing, "taken_on": today.isoformat()}


def rows(figures: dict) -> list[dict]:
    """The task rows of a figures dict, in program order, with the rates worked out."""
    labels = figures.get("labels", {})
    out = []
    for task_id, counts in figures.get("tasks", {}).items():
        label = labels.get(task_id, {"ref": "?", "text": "", "program": "", "position": 0})
        assessed = counts["due"] - counts["waived"]
        out.append(
            {
                "task_id": int(task_id),
                **label,
                **counts,
                "done_rate": round(100 * counts["done"] / assessed) if assessed else None,
                "attendance_rate": round(100 * counts["present"] / counts["attendees"]) if counts["attendees"] else None,
            }
        )
    out.sort(key=lambda r: (r["program"], r.get("position", 0), r["ref"]))
    return out


def totals_row(task_rows: list[dict]) -> dict:
    total = {name: sum(r[name] for r in task_rows) for name in COUNTS}
    assessed = total["due"] - total["waived"]
    total["done_rate"] = round(100 * total["done"] / assessed) if assessed else None
    total["attendance_rate"] = round(100 * total["present"] / total["attendees"]) if total["attendees"] else None
    return total


def section_rows(figures: dict) -> list[dict]:
    """The registered sections with their labelled counts (a section not registered any more is
    still shown, by its counter names)."""
    known = {section.key: section for section in sections.registered()}
    out = []
    for key, counts in figures.get("sections", {}).items():
        section = known.get(key)
        labels = section.labels() if section else {}
        out.append(
            {
                "key": key,
                "title": str(section.title) if section else key,
                "rows": [{"label": labels.get(name, name), "value": value} for name, value in sorted(counts.items())],
            }
        )
    return out
