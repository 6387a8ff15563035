"""A year of "Dân vận khéo" in the demo tree (made up for the demonstration; the orgs are marked
DEMO): the committee's campaign, models registered by demo cells and agencies with their progress,
one reviewed and replicated, nominations scored by a three-person council, and — once 15/10 has
passed — the commendation decision in the committee's register."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.demo.loader import ROOT_CODE
from danvan.emulation import services
from danvan.emulation.models import Campaign
from danvan.orgs.models import Membership, Org

MODELS = [
    ("CB1", "Dân vận khéo trong chuyển đổi số: hướng dẫn người dân dùng dịch vụ công trực tuyến", "administration",
     "Người cao tuổi ở khu dân cư gặp khó khăn khi nộp hồ sơ trực tuyến.", "Hướng dẫn 300 hộ; 80% hồ sơ nộp trực tuyến."),
    ("CB2", "Tổ thông tin cơ sở chia sẻ tin chính thống trên mạng xã hội", "culture",
     "Tin giả lan truyền trong các nhóm mạng xã hội của khu dân cư.", "Mỗi tuần 3 tin chính thống; 10 nhóm tham gia."),
    ("CQ", "Thủ trưởng đối thoại định kỳ với công chức, người lao động", "party",
     "Tâm tư của người lao động chưa được lắng nghe kịp thời.", "Mỗi quý một buổi đối thoại; 100% kiến nghị được trả lời."),
]  # fmt: skip


def load_demo_emulation() -> int:
    """Once: returns how many models were registered (0 when there already, or no demo tree)."""
    root = Org.objects.filter(code=ROOT_CODE).first()
    today = timezone.localdate()
    if root is None or Campaign.objects.filter(org=root).exists():
        return 0
    year = today.year
    campaign = services.campaign_create(
        actor=None, org=root, year=year, title=f"Phong trào thi đua “Dân vận khéo” năm {year} (dữ liệu mẫu)",
        register_until=dt.date(year, 5, 31), review_by=dt.date(year, 11, 30),
    )  # fmt: skip
    party_org = Org.objects.get(code=f"{ROOT_CODE}-TTTT")
    practices = []
    for suffix, name, field, problem, outputs in MODELS:
        unit = Org.objects.filter(code=f"{party_org.code}-{suffix}").first()
        if unit is None:
            continue
        practices.append(
            services.practice_register(
                actor=None,
                campaign=campaign,
                org=unit,
                today=dt.date(year, 4, 1),
                name=f"{name} (dữ liệu mẫu)",
                field=field,
                problem=problem,
                goals=outputs,
                method="Đảng viên, đoàn viên phụ trách từng tổ dân phố, từng nhóm.",
                area="Khu dân cư nơi cơ quan đóng trụ sở",
                forces="Chi bộ chủ trì; Công đoàn, Đoàn Thanh niên phối hợp.",
                resources="Kinh phí hoạt động của đơn vị",
                starts_on=dt.date(year, 4, 1),
                ends_on=dt.date(year, 11, 30),
                outputs=outputs,
                sustain="Đưa vào nghị quyết của chi bộ; nhân rộng ra các đơn vị trong Đảng bộ.",
            )  # fmt: skip
        )
    for practice in practices:
        text = "Đã triển khai theo kế hoạch (dữ liệu mẫu)."
        services.progress_add(actor=None, practice=practice, reported_on=dt.date(year, 7, 1), text=text)
    if today >= dt.date(year, 11, 30) and practices:
        services.practice_review(
            actor=None, practice=practices[0], review="Vượt mục tiêu đề ra (dữ liệu mẫu).", reviewed_on=dt.date(year, 11, 30),
            replicated=True, replicated_where="Chi bộ Phòng Thông tin điện tử",
        )  # fmt: skip
    if today < dt.date(year, 9, 1) or len(practices) < 2:
        return len(practices)
    nominations = [
        services.nominate(actor=None, campaign=campaign, practice=p, achievements="Kết quả cụ thể, được nhân dân đồng tình (dữ liệu mẫu).")
        for p in practices[:2]
    ]
    people = Membership.objects.filter(org__in=[root, party_org], end__isnull=True).select_related("person").order_by("person_id")
    judges = list({m.person_id: m.person for m in people}.values())[:3]
    roles = ["chair", "member", "member"]
    members = [services.council_appoint(actor=None, campaign=campaign, person=p, role=r) for p, r in zip(judges, roles, strict=False)]
    for i, member in enumerate(members):
        for nomination in nominations:
            if services.own_unit(member, nomination):
                services.score(actor=None, member=member, nomination=nomination, points=[], conflict=True)
            else:
                points = [max(0, c["max"] - 3 - i) for c in campaign.criteria]
                services.score(actor=None, member=member, nomination=nomination, points=points, comment="Dữ liệu mẫu")
    scored = [n for n in nominations if n.scores.filter(conflict=False).exists()]
    if today >= campaign.day and scored:
        services.commend(
            actor=None, campaign=campaign, nominations=scored[:1], issued_on=campaign.day, signer=judges[0].full_name,
            signer_position="Bí thư",
        )  # fmt: skip
    return len(practices)
