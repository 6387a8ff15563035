"""Demo organizations for the seed program's committee, Đảng ủy Bộ Thông tin và Truyền thông.

Everything made here is flagged `is_demo` and shown with a DEMO badge. Names of units follow the
ministry as it was in 2013; the people are invented.
"""

import datetime as dt
import random

from django.db import transaction

from danvan.accounts.models import Role, User
from danvan.accounts.services import role_grant, user_create
from danvan.orgs import services
from danvan.orgs.models import Org, OrgKind, Person, Position

ROOT_CODE = "DEMO-DUB"
DEMO_PASSWORD = "danvan-demo-2026"

# (code suffix, name, kind, [children]) — party organizations lead the agency and mass
# organizations of their unit, which hang under them in the tree.
TREE = [
    (
        "CTS",
        "Đảng bộ Cục Tần số vô tuyến điện",
        OrgKind.PARTY_ORG,
        [
            ("CTS-CB1", "Chi bộ Văn phòng Cục", OrgKind.CELL, []),
            ("CTS-CB2", "Chi bộ Phòng Quy hoạch tần số", OrgKind.CELL, []),
            ("CTS-CB3", "Chi bộ Trung tâm Tần số vô tuyến điện khu vực I", OrgKind.CELL, []),
            ("CTS-CQ", "Cục Tần số vô tuyến điện", OrgKind.AGENCY, []),
            ("CTS-CD", "Công đoàn Cục Tần số vô tuyến điện", OrgKind.TRADE_UNION, []),
            ("CTS-DTN", "Đoàn Thanh niên Cục Tần số vô tuyến điện", OrgKind.YOUTH_UNION, []),
        ],
    ),
    (
        "TTTT",
        "Đảng bộ Trung tâm Thông tin",
        OrgKind.PARTY_ORG,
        [
            ("TTTT-CB1", "Chi bộ Phòng Tin học", OrgKind.CELL, []),
            ("TTTT-CB2", "Chi bộ Phòng Thông tin điện tử", OrgKind.CELL, []),
            ("TTTT-CB3", "Chi bộ Phòng Hành chính – Tổng hợp", OrgKind.CELL, []),
            ("TTTT-CQ", "Trung tâm Thông tin", OrgKind.AGENCY, []),
            ("TTTT-CD", "Công đoàn Trung tâm Thông tin", OrgKind.TRADE_UNION, []),
        ],
    ),
    (
        "CVT",
        "Đảng bộ Cục Viễn thông",
        OrgKind.PARTY_ORG,
        [
            ("CVT-CB1", "Chi bộ Phòng Quản lý giá và Kinh tế viễn thông", OrgKind.CELL, []),
            ("CVT-CB2", "Chi bộ Phòng Tài nguyên viễn thông", OrgKind.CELL, []),
            ("CVT-CQ", "Cục Viễn thông", OrgKind.AGENCY, []),
            ("CVT-CD", "Công đoàn Cục Viễn thông", OrgKind.TRADE_UNION, []),
        ],
    ),
    (
        "HV",
        "Đảng bộ Học viện Công nghệ Bưu chính Viễn thông",
        OrgKind.PARTY_ORG,
        [
            ("HV-CB1", "Chi bộ Khoa Viễn thông 1", OrgKind.CELL, []),
            ("HV-CB2", "Chi bộ Khoa Công nghệ thông tin 1", OrgKind.CELL, []),
            ("HV-CB3", "Chi bộ Khối Quản lý", OrgKind.CELL, []),
            ("HV-CQ", "Học viện Công nghệ Bưu chính Viễn thông", OrgKind.AGENCY, []),
            ("HV-CD", "Công đoàn Học viện", OrgKind.TRADE_UNION, []),
            ("HV-DTN", "Đoàn Thanh niên Học viện", OrgKind.YOUTH_UNION, []),
        ],
    ),
    ("VPC", "Chi bộ Vụ Pháp chế", OrgKind.CELL, []),
    ("VTC", "Chi bộ Vụ Tổ chức cán bộ", OrgKind.CELL, []),
    ("TTB", "Chi bộ Thanh tra Bộ", OrgKind.CELL, []),
    ("VPB", "Chi bộ Văn phòng Bộ", OrgKind.CELL, []),
    ("CDB", "Công đoàn Bộ Thông tin và Truyền thông", OrgKind.TRADE_UNION, []),
    ("DTNB", "Đoàn Thanh niên Bộ Thông tin và Truyền thông", OrgKind.YOUTH_UNION, []),
    ("CCB", "Hội Cựu chiến binh Cơ quan Bộ", OrgKind.VETERANS, []),
    ("NC", "Ban Nữ công Công đoàn Bộ", OrgKind.WOMEN, []),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Xuân", "Công", "Trọng", "Anh"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Phương", "Kim", "Thùy", "Mai"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hiếu",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Quang",
    "Sơn",
    "Thắng",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
    "Đông",
    "Lâm",
    "Toàn",
    "Hưng",
]
GIVEN_F = [
    "Anh",
    "Giang",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Ngọc",
    "Phương",
    "Tâm",
    "Thảo",
    "Thủy",
    "Trang",
    "Yến",
    "Huyền",
    "Nhung",
    "Oanh",
    "Loan",
    "Vân",
]

# The demo logins: user name → (org code, role, what to tell the newcomer).
LOGINS = {
    "demo-admin": (ROOT_CODE, Role.COMMITTEE_ADMIN, "committee office administrator (two-factor enrolment at first sign-in)"),
    "demo-quansat": (ROOT_CODE, Role.OBSERVER, "read-only observer of the whole committee"),
    "demo-canbo": (f"{ROOT_CODE}-TTTT", Role.OFFICER, "officer of Đảng bộ Trung tâm Thông tin"),
    "demo-bithu": (f"{ROOT_CODE}-TTTT-CB1", Role.SECRETARY, "secretary of Chi bộ Phòng Tin học"),
    "demo-dangvien": (f"{ROOT_CODE}-TTTT-CB1", Role.MEMBER, "party member of Chi bộ Phòng Tin học"),
}


def _name(rng: random.Random, female: bool) -> str:
    middle, given = (MIDDLE_F, GIVEN_F) if female else (MIDDLE_M, GIVEN_M)
    return f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}"


class _People:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.card = 0

    def add(self, org: Org, position: str, *, party: bool) -> Person:
        rng = self.rng
        female = rng.random() < 0.45
        birth = dt.date(rng.randint(1958, 1992), rng.randint(1, 12), rng.randint(1, 28))
        joined = None
        card = ""
        if party:
            self.card += 1
            joined = dt.date(min(birth.year + rng.randint(22, 35), 2012), rng.randint(1, 12), rng.randint(1, 28))
            card = f"DEMO-{self.card:06d}"
        return services.person_create(
            actor=None,
            org=org,
            position=position,
            start=dt.date(rng.randint(2005, 2012), rng.randint(1, 12), 1),
            is_demo=True,
            full_name=_name(rng, female),
            gender="female" if female else "male",
            birth_date=birth,
            party_joined_on=joined,
            party_card_number=card,
            phone=f"09{rng.randint(10000000, 99999999)}",
            email="",
        )


def _staff(people: _People, org: Org) -> None:
    rng = people.rng
    if org.kind == OrgKind.CELL:
        people.add(org, Position.SECRETARY, party=True)
        people.add(org, Position.DEPUTY_SECRETARY, party=True)
        for _ in range(rng.randint(7, 13)):
            people.add(org, Position.MEMBER, party=True)
    elif org.kind in (OrgKind.PARTY_ORG, OrgKind.COMMITTEE):
        people.add(org, Position.SECRETARY, party=True)
        people.add(org, Position.DEPUTY_SECRETARY, party=True)
        for _ in range(3):
            people.add(org, Position.COMMITTEE_MEMBER, party=True)
    elif org.kind == OrgKind.AGENCY:
        people.add(org, Position.HEAD, party=True)
        people.add(org, Position.DEPUTY_HEAD_DANVAN, party=True)
        for _ in range(rng.randint(6, 10)):
            people.add(org, Position.STAFF, party=rng.random() < 0.4)
    else:
        people.add(org, Position.CHAIR, party=True)
        people.add(org, Position.VICE_CHAIR, party=rng.random() < 0.5)
        for _ in range(rng.randint(3, 6)):
            people.add(org, Position.MEMBER, party=rng.random() < 0.3)


def _build(parent: Org, nodes, people: _People) -> None:
    for suffix, name, kind, children in nodes:
        org = services.org_create(
            actor=None, parent=parent, name=name, kind=kind, code=f"{ROOT_CODE}-{suffix}", founded_on=dt.date(2008, 1, 1), is_demo=True
        )
        _staff(people, org)
        _build(org, children, people)


@transaction.atomic
def load_demo() -> tuple[Org, bool]:
    """Create the demo tree, people and logins once; return (root, created)."""
    root = Org.objects.filter(code=ROOT_CODE).first()
    created = root is None
    if created:
        people = _People(random.Random(754))
        root = services.org_create(
            actor=None,
            parent=None,
            name="Đảng ủy Bộ Thông tin và Truyền thông",
            short_name="ĐU Bộ TT&TT",
            kind=OrgKind.COMMITTEE,
            code=ROOT_CODE,
            founded_on=dt.date(2008, 1, 1),
            is_demo=True,
        )
        _staff(people, root)
        _build(root, TREE, people)
    for username, (code, role, _label) in LOGINS.items():
        if User.objects.filter(username=username).exists():
            continue
        org = Org.objects.get(code=code)
        person = None
        if role in (Role.SECRETARY, Role.MEMBER):
            position = Position.SECRETARY if role == Role.SECRETARY else Position.MEMBER
            person = (
                Person.objects.filter(
                    memberships__org=org, memberships__position=position, memberships__end__isnull=True, user__isnull=True
                )
                .order_by("pk")
                .first()
            )
        user = user_create(actor=None, username=username, password=DEMO_PASSWORD, person=person, is_demo=True)
        role_grant(actor=None, user=user, org=org, role=role)
    return root, created
