"""Members' tasks counted at the cell and every org above it, per year (`MemberTaskCounter`),
moved in the transaction of every write on a task; `reconcile` recomputes them from the rows
(`rollup.tree_counter`)."""

from __future__ import annotations

from django.db.models import Count, Q

from danvan.members.models import Assessment, MemberTask, MemberTaskCounter
from danvan.rollup.tree_counter import TreeCounter

FIGURES = ("assigned", "acknowledged", "reported", "assessed", "well", "done", "not_done")


def contribution(task: MemberTask) -> tuple[str, tuple[int], tuple[int, ...]]:
    return (
        task.org_path,
        (task.year,),
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


def _grouped(level):
    return level.values("node", "year").annotate(
        assigned=Count("pk"),
        acknowledged=Count("pk", filter=Q(acknowledged_on__isnull=False)),
        reported=Count("pk", filter=Q(self_reported_on__isnull=False)),
        assessed=Count("pk", filter=~Q(assessment="")),
        well=Count("pk", filter=Q(assessment=Assessment.WELL)),
        done=Count("pk", filter=Q(assessment=Assessment.DONE)),
        not_done=Count("pk", filter=Q(assessment=Assessment.NOT)),
    )


COUNTER = TreeCounter(
    name="members' tasks",
    model=MemberTaskCounter,
    keys=("year",),
    figures=FIGURES,
    sources=((lambda: MemberTask.objects.all(), _grouped),),
)
move = COUNTER.move
on_org_moved = COUNTER.on_org_moved
expected = COUNTER.expected
stored = COUNTER.stored
reconcile = COUNTER.reconcile
rebuild = COUNTER.rebuild
