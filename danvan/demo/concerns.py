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


def load_demo_democracy() -> int:
    """Once: a year of grassroots democracy in each demo agency — the staff conference and its
    resolution, the people's inspection board it elected (members, a report), most items
    disclosed, the trade union's supervision with its findings — and, for each demo mass
    organization, its member counts and a work session of its party organization with it whose
    commitments are partly carried out. All made up for the demonstration (the orgs are DEMO).
    Returns how many agencies were given it; 0 when it is there already (or the demo tree is not)."""
    from danvan.activities.services import activity_record
    from danvan.concerns import democracy
    from danvan.concerns.models import DisclosureItem, InspectionBoard
    from danvan.orgs.models import MASS_KINDS, Position

    root = Org.objects.filter(code=ROOT_CODE).first()
    if root is None or InspectionBoard.objects.filter(root.subtree_filter("org_path")).exists():
        return 0
    today = timezone.localdate()
    conference_day = _past(today, dt.date(today.year, 1, 20))
    items = list(DisclosureItem.objects.all())
    agencies = list(Org.objects.filter(root.subtree_filter(), kind=OrgKind.AGENCY).order_by("path"))
    for agency in agencies:
        staff = list(Membership.objects.filter(org=agency, end__isnull=True).select_related("person").order_by("pk"))
        present = {m.person_id: "present" for m in staff}
        conference = activity_record(
            actor=None, org=agency, kind="staff_conference", title=f"Hội nghị cán bộ, công chức, viên chức năm {conference_day.year}",
            held_on=conference_day, tasks=[], minutes="Biên bản hội nghị (dữ liệu mẫu).", attendance=present,
        )  # fmt: skip
        resolution = democracy.conference_record(
            actor=None,
            activity=conference,
            resolution="Thông qua quy chế chi tiêu nội bộ, quy chế dân chủ của cơ quan; bầu Ban Thanh tra nhân dân (dữ liệu mẫu).",
        )
        term_end = conference_day.replace(year=conference_day.year + 2) - dt.timedelta(days=1)
        board = democracy.board_elect(actor=None, org=agency, term_start=conference_day, term_end=term_end, conference=resolution)
        for membership, role in zip([m for m in staff if m.position == Position.STAFF], ("head", "member", "member"), strict=False):
            democracy.board_member_add(actor=None, board=board, person=membership.person, role=role)
        democracy.board_report_add(
            actor=None, board=board, reported_on=_past(today, dt.date(today.year, 6, 30)),
            text="Giám sát việc công khai tài chính và thực hiện quy chế chi tiêu nội bộ: đúng quy định (dữ liệu mẫu).",
        )  # fmt: skip
        for n, item in enumerate(items[: len(items) - 2]):  # two items left undisclosed: behind on the checklist
            services.disclosure_record(
                actor=None, org=agency, item=item, form="posted" if n % 2 else "conference",
                disclosed_on=_past(today, conference_day + dt.timedelta(days=7 * n)), posted_days=30 if n % 2 else None,
            )  # fmt: skip
        union = Org.objects.filter(Org.objects.get_parent(agency).subtree_filter(), kind=OrgKind.TRADE_UNION).order_by("path").first()
        if union is not None:
            supervision = activity_record(
                actor=None, org=union, kind="democracy_supervision", title="Giám sát thực hiện quy chế dân chủ ở cơ sở",
                held_on=_past(today, dt.date(today.year, 9, 15)), tasks=[],
            )  # fmt: skip
            done = democracy.finding_add(
                actor=None, activity=supervision, text="Chưa niêm yết công khai kết quả bình xét thi đua (dữ liệu mẫu).",
                recommendation="Niêm yết tại trụ sở 30 ngày.", due=supervision.held_on + dt.timedelta(days=30),
            )  # fmt: skip
            democracy.finding_close(
                actor=None, finding=done, result="Đã niêm yết (dữ liệu mẫu).", done_on=supervision.held_on + dt.timedelta(days=20)
            )
            democracy.finding_add(
                actor=None, activity=supervision, text="Chưa tổ chức đối thoại định kỳ giữa thủ trưởng với công chức (dữ liệu mẫu).",
                recommendation="Tổ chức đối thoại trong quý tới.", due=supervision.held_on + dt.timedelta(days=90),
            )  # fmt: skip
    for mass in Org.objects.filter(root.subtree_filter(), kind__in=MASS_KINDS).order_by("path"):
        for on, members in (
            (dt.date(today.year - 1, 12, 31), 40 + mass.pk % 30),
            (_past(today, dt.date(today.year, 6, 30)), 42 + mass.pk % 30),
        ):
            democracy.member_count_record(actor=None, org=mass, on=on, members=members, note="Báo cáo của ban chấp hành (dữ liệu mẫu)")
        party = Org.objects.get_parent(mass)
        if party is None or party.kind not in (OrgKind.PARTY_ORG, OrgKind.COMMITTEE):
            continue
        session = activity_record(
            actor=None, org=party, kind="work_session", title=f"Làm việc với Ban Chấp hành {mass.name}",
            held_on=_past(today, dt.date(today.year, 4, 10)), tasks=[], minutes="Biên bản làm việc (dữ liệu mẫu).",
        )  # fmt: skip
        first = services.commitment_add(
            actor=None, activity=session, org=mass, text="Tổ chức hoạt động chào mừng Ngày Dân vận 15/10 (dữ liệu mẫu).",
            due=_past(today, dt.date(today.year, 10, 15)),
        )  # fmt: skip
        services.commitment_close(actor=None, commitment=first, result="Đã tổ chức (dữ liệu mẫu).", done_on=first.due)
        services.commitment_add(
            actor=None, activity=session, org=mass, text="Rà soát, phát triển đoàn viên, hội viên mới (dữ liệu mẫu).",
            due=session.held_on + dt.timedelta(days=180),
        )  # fmt: skip
    return len(agencies)


def _past(today: dt.date, day: dt.date) -> dt.date:
    """`day` if it has come, else the same day a year before: demo records are never in the future."""
    return day if day <= today else day.replace(year=day.year - 1)
