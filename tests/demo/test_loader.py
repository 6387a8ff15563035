from django.core.management import call_command

from danvan.accounts.models import Role, RoleGrant, User
from danvan.demo.loader import DEMO_PASSWORD, LOGINS, ROOT_CODE, load_demo
from danvan.orgs.models import Membership, Org, Person


def test_demo_loads_once_and_is_all_marked_as_demo(db):
    root, created = load_demo()
    assert created
    counts = (Org.objects.count(), Person.objects.count(), Membership.objects.count())
    root_again, created_again = load_demo()
    assert not created_again and root_again == root
    assert (Org.objects.count(), Person.objects.count(), Membership.objects.count()) == counts
    assert root.name == "Đảng ủy Bộ Thông tin và Truyền thông"
    assert not Org.objects.filter(is_demo=False).exists()
    assert not Person.objects.filter(is_demo=False).exists()
    assert 200 <= Person.objects.count() <= 600
    assert Org.objects.filter(kind="cell").count() >= 10
    assert {"trade_union", "youth_union", "veterans", "women", "agency"} <= set(Org.objects.values_list("kind", flat=True))


def test_demo_logins_work_with_their_roles(db):
    load_demo()
    for username, (code, role, _label) in LOGINS.items():
        user = User.objects.get(username=username)
        assert user.is_demo and user.check_password(DEMO_PASSWORD)
        assert RoleGrant.objects.filter(user=user, org__code=code, role=role).exists()
    assert User.objects.get(username="demo-bithu").person.memberships.filter(position="secretary").exists()
    assert RoleGrant.objects.get(user__username="demo-admin").role == Role.COMMITTEE_ADMIN
    assert Org.objects.get(code=ROOT_CODE).is_demo


def test_the_demo_command_prints_the_logins(db, capsys):
    call_command("demo")
    out = capsys.readouterr().out
    assert "DEMO" in out and "demo-admin" in out and DEMO_PASSWORD in out
