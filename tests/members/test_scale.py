"""The pages of the dân vận records read the same number of queries and show a bounded number
of rows whatever the size of the tree under them (concerns, mass organizations, members' tasks,
who is in charge): measured with 20 cells busy, then 120."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.concerns import services as concerns
from danvan.concerns.models import Category
from danvan.lib.workdays import Calendar
from danvan.members.services import tasks_assign
from danvan.orgs.models import OrgKind
from tests.conftest import login, make_org, make_person

PAGES = ["concerns:list", "concerns:commitments", "concerns:mass", "members:tasks", "members:in_charge"]


def _grow(world, start, n):
    """n more cells under Cục A, each with a party member given a task, a concern, a trade union and an agency."""
    category = Category.objects.first()
    for i in range(start, start + n):
        cell = make_org(world.org_a, f"Chi bộ Tổ {i:03d}", OrgKind.CELL, f"T{i:03d}")
        make_org(cell, f"Công đoàn Tổ {i:03d}", OrgKind.TRADE_UNION, f"T{i:03d}-CD")
        make_org(cell, f"Tổ {i:03d}", OrgKind.AGENCY, f"T{i:03d}-CQ")
        member = make_person(cell, f"Đảng viên {i:03d}", party_joined_on=dt.date(2010, 1, 1))
        tasks_assign(
            actor=None, org=cell, year=2026, person_ids=[member.pk], text="Tuyên truyền", place="workplace", today=dt.date(2026, 2, 1)
        )
        concerns.concern_receive(
            actor=None, origin=cell, channel="direct", raiser="anonymous", category=category, title=f"Kiến nghị {i}", text="Nội dung",
            received_on=dt.date(2026, 3, 2), cal=Calendar(),
        )  # fmt: skip


def _measure(client, world, name):
    url, params = reverse(name, kwargs={"pk": world.org_a.pk}), {"year": 2026} if name == "members:tasks" else {}
    client.get(url, params)  # a wide org's first view asks the worker for its counts (`danvan.orgs.counts`)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries.captured_queries), response.content.decode().count("<tr")


@pytest.mark.parametrize("name", PAGES)
def test_the_page_does_not_grow_with_the_tree(world, name):
    client = login(world.observer)
    _grow(world, 0, 20)
    small = _measure(client, world, name)
    _grow(world, 20, 100)
    large = _measure(client, world, name)
    assert large[0] == small[0], "more queries for a bigger tree"
    assert large[1] <= 100, "rows that grow with the tree"  # a page of 50, at most 30 orgs below, the categories
