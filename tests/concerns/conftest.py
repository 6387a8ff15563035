import datetime as dt
from datetime import date as D

import pytest

from danvan.concerns import services
from danvan.concerns.models import Category
from danvan.lib.workdays import Calendar
from danvan.orgs.models import Membership, OrgKind, Position
from danvan.orgs.services import org_create

CAL = Calendar()


@pytest.fixture
def category(world):
    return Category.objects.get(name="Điều kiện làm việc")  # 15 working days (the world makes the defaults)


def raise_concern(world, category, *, raiser="person", day=dt.date(2026, 4, 20), **kwargs):
    values = {
        "actor": world.secretary,
        "origin": world.cell1,
        "channel": "dialogue",
        "raiser": raiser,
        "category": category,
        "title": "Phòng làm việc nóng",
        "text": "Điều hòa hỏng đã hai tháng.",
        "received_on": day,
        "cal": CAL,
        "person": world.person1 if raiser == "person" else None,
    }
    return services.concern_receive(**{**values, **kwargs})


@pytest.fixture
def unit(world):
    """An agency under Đảng bộ Cục A: it discloses to its staff."""
    return org_create(actor=None, parent=world.org_a, name="Phòng Hành chính", kind="agency", code="A-HC", founded_on=dt.date(2020, 1, 1))


@pytest.fixture
def quarterly_disclosure(world, unit):
    """A 2026 plan read from its text whose one task is a quarterly disclosure, adopted by `unit`: the task."""
    import time_machine

    from danvan.parsing import parse_text
    from danvan.programs import services as programs
    from danvan.programs.models import Adoption

    plan = parse_text(
        "ĐẢNG ỦY\n*\nSố 3-KH/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 5 tháng 1 năm 2026\nKẾ HOẠCH\nthực hiện quy chế dân chủ năm 2026\n"
        "I. NỘI DUNG\n1. Thủ trưởng cơ quan, đơn vị thực hiện công khai theo quy chế dân chủ mỗi quý một lần.\n"
    ).to_dict()
    with time_machine.travel(dt.datetime(2026, 1, 6, 3, tzinfo=dt.UTC), tick=False):
        program = programs.program_create(actor=world.admin, org=world.root, data=plan, valid_from=dt.date(2026, 1, 1))
        programs.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[unit])
        programs.adoption_adopt(actor=world.admin, adoption=Adoption.objects.get(program=program, org=unit))
    return program.tasks.get()


@pytest.fixture
def agency(world):
    """Cục A's office as an agency under the party organization, its trade union inside it, and two staff."""
    office = org_create(actor=None, parent=world.org_a, name="Văn phòng Cục A", kind=OrgKind.AGENCY, code="A-VP", founded_on=D(2020, 1, 1))
    union = org_create(
        actor=None, parent=office, name="Công đoàn Văn phòng", kind=OrgKind.TRADE_UNION, code="A-VP-CD", founded_on=D(2020, 1, 1)
    )
    for person in (world.person1, world.person2):
        Membership.objects.create(person=person, org=office, org_path=office.path, position=Position.STAFF, start=D(2020, 1, 1))
    Membership.objects.create(
        person=world.person2, org=union, org_path=union.path, position=Position.CHAIR, start=D(2021, 1, 1), end=D(2025, 12, 31)
    )
    Membership.objects.create(person=world.person1, org=union, org_path=union.path, position=Position.CHAIR, start=D(2026, 1, 1))
    return office, union
