"""Personas created once per test, as in healthchecks' hc/test.py.

The tree:  Đảng ủy Khối Thử nghiệm (root)
             ├─ Đảng bộ Cục A ── Chi bộ Phòng 1 (cell1), Chi bộ Phòng 2 (cell2)
             └─ Đảng bộ Cục B ── Chi bộ Phòng 3
           Đảng ủy Ngoài (another root, the outsider's)
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts.models import Role, User
from danvan.accounts.services import role_grant
from danvan.orgs import services
from danvan.orgs.models import Org, OrgKind, Person, Position
from danvan.parsing import parse_file
from danvan.programs import services as program_services
from tests.parsing.conftest import SEED

PASSWORD = "correct-horse-battery-9"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # The manifest storage needs collectstatic; tests read static files from the source tree.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    # Background tasks run at once, in the test; uploads go to a throw-away folder.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    # Personas are made for every test: a slow password hash would dominate the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Figures kept for a while (the matrix, the adoption picture) must not outlive their test's
    # database, nor be shared with a suite running beside this one on the other engine.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()


@dataclass
class World:
    root: Org
    org_a: Org
    org_b: Org
    cell1: Org
    cell2: Org
    cell3: Org
    outside: Org
    outside_cell: Org
    person1: Person
    person2: Person
    outsider_person: Person
    admin: User
    secretary: User
    sibling_member: User
    officer: User
    observer: User
    outsider: User


def make_org(parent, name, kind, code):
    return services.org_create(actor=None, parent=parent, name=name, kind=kind, code=code, founded_on=dt.date(2010, 1, 1))


def make_person(org, name, position=Position.MEMBER, start=dt.date(2015, 1, 1), **fields):
    return services.person_create(actor=None, org=org, position=position, start=start, full_name=name, **fields)


def make_user(username, org, role, person=None):
    user = User.objects.create_user(username=username, password=PASSWORD, person=person)
    role_grant(actor=None, user=user, org=org, role=role)
    return user


def _concern_categories() -> None:
    """The default concern categories, disclosure items and members' common tasks the migrations
    wrote (a transactional test's flush empties them)."""
    from danvan.concerns.models import DEFAULT_CATEGORIES, DEFAULT_DISCLOSURE_ITEMS, Category, DisclosureItem

    for position, (name, days) in enumerate(DEFAULT_CATEGORIES):
        Category.objects.get_or_create(name=name, defaults={"days": days, "position": position})
    for position, name in enumerate(DEFAULT_DISCLOSURE_ITEMS):
        DisclosureItem.objects.get_or_create(name=name, defaults={"position": position})
    from danvan.members.models import DEFAULT_COMMON_TASKS, CommonTask

    for position, text in enumerate(DEFAULT_COMMON_TASKS):
        CommonTask.objects.get_or_create(text=text, defaults={"position": position})


@pytest.fixture
def world(db) -> World:
    _concern_categories()
    root = make_org(None, "Đảng ủy Khối Thử nghiệm", OrgKind.COMMITTEE, "ROOT")
    org_a = make_org(root, "Đảng bộ Cục A", OrgKind.PARTY_ORG, "A")
    org_b = make_org(root, "Đảng bộ Cục B", OrgKind.PARTY_ORG, "B")
    cell1 = make_org(org_a, "Chi bộ Phòng 1", OrgKind.CELL, "A1")
    cell2 = make_org(org_a, "Chi bộ Phòng 2", OrgKind.CELL, "A2")
    cell3 = make_org(org_b, "Chi bộ Phòng 3", OrgKind.CELL, "B3")
    outside = make_org(None, "Đảng ủy Ngoài", OrgKind.COMMITTEE, "OUT")
    outside_cell = make_org(outside, "Chi bộ Ngoài", OrgKind.CELL, "OUT1")
    person1 = make_person(cell1, "Nguyễn Văn Một", Position.SECRETARY, party_card_number="001")
    person2 = make_person(cell2, "Trần Thị Hai", party_card_number="002")
    make_person(cell3, "Lê Văn Ba")
    outsider_person = make_person(outside_cell, "Phạm Ngoài", Position.SECRETARY)
    admin = make_user("admin", root, Role.COMMITTEE_ADMIN)
    outsider = make_user("outsider", outside, Role.COMMITTEE_ADMIN, outsider_person)
    for user in (admin, outsider):
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return World(
        root=root,
        org_a=org_a,
        org_b=org_b,
        cell1=cell1,
        cell2=cell2,
        cell3=cell3,
        outside=outside,
        outside_cell=outside_cell,
        person1=person1,
        person2=person2,
        outsider_person=outsider_person,
        admin=admin,
        secretary=make_user("secretary", cell1, Role.SECRETARY, person1),
        sibling_member=make_user("sibling", cell2, Role.MEMBER, person2),
        officer=make_user("officer", org_a, Role.OFFICER),
        observer=make_user("observer", root, Role.OBSERVER),
        outsider=outsider,
    )


def login(user: User) -> Client:
    """A client signed in as `user`, past the two-factor step when the user has a device."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def as_user():
    return login


# The seed program issued by the root committee, in force from next year (obligations are owed
# from the day a program reaches an org: work in a year still ahead).
@pytest.fixture
def seed_data():
    return parse_file(SEED).to_dict()


@pytest.fixture
def program(world, seed_data):
    return program_services.program_create(
        actor=world.admin, org=world.root, data=seed_data, valid_from=dt.date(timezone.localdate().year + 1, 1, 1)
    )


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, once per test module (see tests/browser.py)."""
    from tests.browser import chromium

    with chromium() as launched:
        yield launched
