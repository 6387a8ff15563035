import datetime as dt

import pytest

from danvan.emulation import services
from danvan.orgs.models import Position
from tests.conftest import make_person

D = dt.date
TODAY = D(2026, 3, 2)

PRACTICE = {
    "name": "Dân vận khéo trong chuyển đổi số",
    "field": "administration",
    "problem": "Người dân còn khó khăn khi nộp hồ sơ trực tuyến.",
    "goals": "100% hồ sơ của tổ dân phố nộp trực tuyến.",
    "method": "Đoàn viên hướng dẫn tận nhà mỗi tối thứ Bảy.",
    "area": "Tổ dân phố số 5; 320 hộ.",
    "forces": "Chi bộ chủ trì; Đoàn Thanh niên phối hợp.",
    "resources": "Điện thoại, máy tính của đoàn viên.",
    "starts_on": D(2026, 3, 1),
    "ends_on": D(2026, 11, 30),
    "outputs": "Số hồ sơ nộp trực tuyến; danh sách hộ được hướng dẫn.",
    "sustain": "Duy trì hằng tháng; nhân rộng ra các tổ khác.",
}


@pytest.fixture
def campaign(world):
    return services.campaign_create(
        actor=world.admin, org=world.root, year=2026, title="Phong trào thi đua “Dân vận khéo” năm 2026",
        register_until=D(2026, 5, 31), review_by=D(2026, 9, 30),
    )  # fmt: skip


@pytest.fixture
def council(world, campaign):
    """Three members of the committee on the council; the third also belongs to Chi bộ Phòng 1."""
    people = [make_person(world.root, name, Position.MEMBER) for name in ("Hoàng Văn Chủ", "Vũ Thị Ủy", "Đặng Văn Viên")]
    from danvan.orgs.models import Membership

    Membership.objects.create(person=people[2], org=world.cell1, org_path=world.cell1.path, position=Position.MEMBER, start=D(2015, 1, 1))
    roles = ["chair", "member", "member"]
    return [services.council_appoint(actor=world.admin, campaign=campaign, person=p, role=r) for p, r in zip(people, roles, strict=True)]


def register(world, campaign, org=None, **changes):
    return services.practice_register(
        actor=world.secretary, campaign=campaign, org=org or world.cell1, today=TODAY, **{**PRACTICE, **changes}
    )
