"""Every form that creates something, posted twice with its one-time key (a double click, a
retry after a timeout), makes one thing; the second post lands on the first one's page."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.models import RoleGrant, User
from danvan.orgs.models import Membership, Org, Person
from danvan.programs.models import Adoption, Task
from tests.conftest import login, make_person
from tests.programs.conftest import cascade_and_adopt

TODAY = timezone.localdate().strftime("%d/%m/%Y")


def _forms(world, program):
    newcomer = make_person(world.cell2, "Vũ Văn Mười")
    adoption = Adoption.objects.get(program=program, org=world.cell1)
    return {
        "sub-organization": (
            world.admin,
            reverse("orgs:create_child", args=[world.org_a.pk]),
            {"name": "Chi bộ Phòng 9", "kind": "cell", "founded_on": TODAY},
            lambda: Org.objects.filter(name="Chi bộ Phòng 9").count(),
        ),
        "person": (
            world.admin,
            reverse("orgs:person_create", args=[world.cell1.pk]),
            {"full_name": "Đỗ Thị Chín", "position": "member", "start": TODAY},
            lambda: Person.objects.filter(full_name="Đỗ Thị Chín").count(),
        ),
        "position": (
            world.admin,
            reverse("orgs:membership_add", args=[world.person2.pk]),
            {"code": "B3", "position": "deputy_secretary", "start": TODAY},
            lambda: Membership.objects.filter(person=world.person2, org=world.cell3).count(),
        ),
        "task": (
            world.admin,
            reverse("programs:task_new", args=[program.pk]),
            {"ref": "IV.9", "text": "Tổng kết công tác dân vận", "cadence": "một lần"},
            lambda: Task.objects.filter(program=program, ref="IV.9").count(),
        ),
        "own task": (
            world.secretary,
            reverse("programs:adoption", args=[adoption.pk]),
            {"own_ref": "CB.1", "own_text": "Thăm hỏi gia đình đảng viên", "own_cadence": "hằng quý"},
            lambda: Task.objects.filter(program=program, ref="CB.1").count(),
        ),
        "role": (
            world.admin,
            reverse("accounts:roles", args=[world.cell2.pk]),
            {"username": "observer", "role": "secretary"},
            lambda: RoleGrant.objects.filter(user__username="observer", org=world.cell2).count(),
        ),
        "account": (
            world.admin,
            reverse("accounts:account_create", args=[newcomer.pk]),
            {"username": "tranthihai", "password": "mot-mat-khau-dai", "role": "member"},
            lambda: User.objects.filter(username="tranthihai").count(),
        ),
    }


FORMS = ["sub-organization", "person", "position", "task", "own task", "role", "account"]


@pytest.mark.parametrize("name", FORMS)
def test_a_form_posted_twice_makes_one_thing(name, program, world):
    cascade_and_adopt(program, world)
    user, url, data, count = _forms(world, program)[name]
    client = login(user)
    page = client.get(url).content.decode()
    key = re.search(r'name="submission" value="([0-9a-f]{32})"', page)
    assert key, f"the {name} form carries no one-time key"
    first = client.post(url, {**data, "submission": key[1]})
    assert first.status_code == 302, first.content.decode()[:3000]
    second = client.post(url, {**data, "submission": key[1]})
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert count() == 1
    landed = client.get(second["Location"]).content.decode()
    assert "gửi hai lần" in landed
