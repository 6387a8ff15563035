"""A year of demo concerns in the demo cells (the orgs are marked DEMO; the concerns are made up
for the demonstration): some answered on time and rated, one referred up, one anonymous, one
overdue, so that the concerns pages and the report section have something to show."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.concerns import services
from danvan.concerns.models import Category, Concern
from danvan.demo.loader import ROOT_CODE
from danvan.lib.workdays import Calendar
from danvan.orgs.models import Membership, Org, OrgKind

# (subject, what was raised, category, raiser, days before today it was received, what happened)
CONCERNS = [
    ("Phòng làm việc xuống cấp", "Trần phòng bị thấm dột mỗi khi mưa, ảnh hưởng hồ sơ.", "Điều kiện làm việc", "person", 120, "answered"),
    (
        "Chế độ làm thêm giờ",
        "Đề nghị thanh toán làm thêm giờ dịp cao điểm cuối năm.",
        "Tiền lương, chế độ chính sách",
        "anonymous",
        90,
        "rated",
    ),
    (
        "Quy trình bổ nhiệm",
        "Đề nghị công khai tiêu chuẩn, quy trình bổ nhiệm trưởng phòng.",
        "Công tác cán bộ, bổ nhiệm",
        "person",
        60,
        "referred",
    ),
    ("Bãi để xe", "Bãi để xe chật, đề nghị bố trí thêm chỗ cho viên chức.", "Điều kiện làm việc", "person", 45, "open"),
    ("Thủ tục cấp phép", "Người dân phản ánh thời gian cấp phép kéo dài.", "Dịch vụ công, thủ tục hành chính", "citizen", 20, "open"),
]


def load_demo_concerns() -> int:
    """Once: the demo concerns; 0 when they are there already (or the demo tree is not)."""
    root = Org.objects.filter(code=ROOT_CODE).first()
    if root is None or Concern.objects.filter(root.subtree_filter("origin_path")).exists():
        return 0
    cells = list(Org.objects.filter(root.subtree_filter(), kind=OrgKind.CELL).order_by("path")[: len(CONCERNS)])
    cal, today = Calendar(), timezone.localdate()
    made = 0
    for (title, text, category, raiser, ago, outcome), cell in zip(CONCERNS, cells, strict=False):
        member = Membership.objects.filter(org=cell, end__isnull=True).select_related("person").order_by("pk").first()
        received = today - dt.timedelta(days=ago)
        concern = services.concern_receive(
            actor=None, origin=cell, channel="dialogue" if raiser != "citizen" else "reception", raiser=raiser,
            category=Category.objects.get_or_create(name=category, defaults={"days": 15})[0], title=title, text=text,
            received_on=received, cal=cal,
            person=member.person if raiser == "person" and member else None, citizen_name="Nguyễn Văn Dân (dữ liệu mẫu)",
            handler=member.person if member else None,
        )  # fmt: skip
        if outcome in ("answered", "rated"):
            concern = services.concern_answer(
                actor=None, concern=concern, answer="Đã xem xét và giải quyết (dữ liệu mẫu).", today=received + dt.timedelta(days=7)
            )
        if outcome == "rated":
            services.concern_rate(actor=None, concern=concern, rating="satisfied")
        if outcome == "referred":
            parent = Org.objects.get_parent(cell)
            services.concern_refer(
                actor=None,
                concern=concern,
                to_org=parent,
                note="Thuộc thẩm quyền cấp trên.",
                today=received + dt.timedelta(days=2),
                cal=cal,
            )
        made += 1
    return made
