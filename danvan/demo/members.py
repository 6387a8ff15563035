"""The demo cells' party members given this year's mass mobilization tasks (made up for the
demonstration; the orgs are marked DEMO): most members of each cell have one, most acknowledged;
in the year-end window, some have reported and been assessed."""

from __future__ import annotations

from django.utils import timezone

from danvan.demo.loader import ROOT_CODE
from danvan.members import services
from danvan.members.models import CommonTask, MemberTask
from danvan.orgs.models import Membership, Org, OrgKind


def load_demo_member_tasks() -> int:
    """Once: the tasks; returns how many were given (0 when they are there already, or no demo tree)."""
    root = Org.objects.filter(code=ROOT_CODE).first()
    if root is None or MemberTask.objects.filter(root.subtree_filter("org_path")).exists():
        return 0
    today = timezone.localdate()
    common = list(CommonTask.objects.all()[:4])
    opens, closes = services.report_window(today.year)
    given = 0
    for n, cell in enumerate(Org.objects.filter(root.subtree_filter(), kind=OrgKind.CELL).order_by("path")):
        members = list(
            Membership.objects.filter(org=cell, end__isnull=True, person__party_joined_on__isnull=False)
            .select_related("person", "person__user")
            .order_by("pk")
        )
        chosen = members[: max(1, len(members) - 1)]  # one member in each cell still waits for a task
        for k, task_text in enumerate(common[:2]):
            half = [m.person_id for i, m in enumerate(chosen) if i % 2 == k]
            if half:
                given += services.tasks_assign(
                    actor=None, org=cell, year=today.year, person_ids=half, text=task_text.text,
                    place="residence" if k else "workplace", today=today,
                )[0]  # fmt: skip
        for i, task in enumerate(MemberTask.objects.filter(org=cell, year=today.year).select_related("person").order_by("pk")):
            user = getattr(task.person, "user", None)
            if user is None or i % 3 == 2:
                continue  # some never acknowledge; a member without an account cannot
            services.task_acknowledge(actor=user, task=task, today=today)
            if opens <= today <= closes and i % 3 == 0:
                services.task_self_report(actor=user, task=task, text="Đã thực hiện nhiệm vụ được giao (dữ liệu mẫu).", today=today)
                services.task_assess(actor=None, task=task, assessment="well" if n % 2 else "done", today=today)
    return given
