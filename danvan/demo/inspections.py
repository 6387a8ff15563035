"""A year's inspection and supervision in the demo tree (made up for the demonstration; the orgs
are marked DEMO): the committee's thematic supervision of two party organizations' mass
mobilization work, concluded, with recommendations — one carried out and verified, one reported
and waiting to be verified, one still to do."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.demo.loader import ROOT_CODE
from danvan.inspections import services
from danvan.inspections.models import Inspection
from danvan.orgs.models import Org, OrgKind


def load_demo_inspections() -> int:
    """Once: returns how many inspections were recorded (0 when there already, or no demo tree)."""
    root = Org.objects.filter(code=ROOT_CODE).first()
    if root is None or Inspection.objects.filter(org=root).exists():
        return 0
    today = timezone.localdate()
    subjects = list(Org.objects.filter(root.subtree_filter(), depth=root.depth + 1, kind=OrgKind.PARTY_ORG).order_by("path")[:2])
    if len(subjects) < 2:
        return 0
    start = today - dt.timedelta(days=90)
    inspection = services.inspection_plan(
        actor=None, org=root, kind="thematic", title="Giám sát chuyên đề việc thực hiện công tác dân vận và Quy chế dân chủ (dữ liệu mẫu)",
        scope="Công tác dân vận; xây dựng và thực hiện Quy chế dân chủ ở cơ sở", subjects=subjects, starts_on=start,
        ends_on=start + dt.timedelta(days=20), decision="25-QĐ/ĐU", decided_on=start - dt.timedelta(days=7),
        team="Ủy ban Kiểm tra Đảng ủy; Ban Dân vận (dữ liệu mẫu)",
    )  # fmt: skip
    findings = "Các đảng bộ đã ban hành kế hoạch; một số chi bộ chưa sinh hoạt chuyên đề (dữ liệu mẫu)."
    conclusion = "Cơ bản thực hiện tốt; cần khắc phục các hạn chế nêu trên (dữ liệu mẫu)."
    services.inspection_conclude(
        actor=None, inspection=inspection, findings=findings, conclusion=conclusion, concluded_on=start + dt.timedelta(days=30)
    )
    first, second = subjects
    done = services.recommendation_add(
        actor=None, inspection=inspection, org=first, text="Chỉ đạo các chi bộ sinh hoạt chuyên đề dân vận (dữ liệu mẫu).",
        due=start + dt.timedelta(days=60),
    )  # fmt: skip
    services.recommendation_report(
        actor=None, recommendation=done, text="Các chi bộ đã sinh hoạt (dữ liệu mẫu).", today=start + dt.timedelta(days=50)
    )
    services.recommendation_verify(actor=None, recommendation=done, accepted=True, note="", today=start + dt.timedelta(days=55))
    waiting = services.recommendation_add(
        actor=None, inspection=inspection, org=second, text="Công khai kết quả thi đua tại trụ sở (dữ liệu mẫu).",
        due=start + dt.timedelta(days=60),
    )  # fmt: skip
    services.recommendation_report(
        actor=None, recommendation=waiting, text="Đã niêm yết (dữ liệu mẫu).", today=start + dt.timedelta(days=58)
    )
    services.recommendation_add(
        actor=None, inspection=inspection, org=second, text="Tổ chức đối thoại giữa thủ trưởng và công chức (dữ liệu mẫu).",
        due=today - dt.timedelta(days=5),
    )  # fmt: skip
    return 1
