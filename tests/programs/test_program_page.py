"""The program page at any size: the adoption picture by level from one aggregate, and a paged,
filterable list of the orgs that received it; the same queries and rows for 50 orgs or 500."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.orgs.models import Org, OrgKind
from danvan.programs import services
from danvan.programs.models import Adoption, AdoptionStatus
from tests.conftest import login, make_org
from tests.kept import counted_anew_ahead


def _grow(world, program, n):
    """n more cells under Cục A, all sent the program; every third adopts it."""
    cells = [make_org(world.org_a, f"Chi bộ Tổ {i:03d}", OrgKind.CELL, f"T{i:03d}") for i in range(n)]
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.org_a])
    services.adoption_adopt(actor=world.admin, adoption=Adoption.objects.get(program=program, org=world.org_a))
    org_a = Org.objects.get(pk=world.org_a.pk)
    services.program_cascade(actor=world.admin, program=program, from_org=org_a, targets=cells)
    for adoption in Adoption.objects.filter(program=program, org__in=cells[::3]):
        services.adoption_adopt(actor=world.admin, adoption=adoption)
    return cells


def _page(client, program, **params):
    cache.clear()  # the adoption picture is kept a minute for wide views: measure it made
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("programs:detail", args=[program.pk]), params)
    assert response.status_code == 200
    body = response.content.decode()
    return body, len(queries.captured_queries), body.count("<tr>")


@pytest.mark.parametrize("sizes", [(50, 500)])
def test_the_program_page_does_not_grow_with_the_tree(program, world, sizes, settings):
    small, large = sizes
    client = login(world.observer)
    _grow(world, program, small)
    body, queries_small, rows_small = _page(client, program)
    _grow_more = [make_org(world.org_b, f"Chi bộ Đội {i:03d}", OrgKind.CELL, f"D{i:03d}") for i in range(large - small)]
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=_grow_more)
    body, queries_large, rows_large = _page(client, program)
    assert queries_large == queries_small
    assert rows_large == rows_small  # one page of orgs, the summary by level, the tasks
    assert "Trang 1 /" in body


def test_the_adoption_picture_counts_each_level(program, world):
    cells = _grow(world, program, 30)
    body, _queries, _rows = _page(login(world.observer), program)
    adopted = 1 + len(cells[::3])  # the root committee and every third cell
    assert Adoption.objects.filter(program=program, status=AdoptionStatus.ADOPTED).count() == adopted + 1  # and Cục A
    # Level 3 (the cells): 30 received, 10 adopted, 20 not yet; the link lists those 20.
    cells_line = r"cấp 3</td>\s*<td><a[^>]*>(\d+)</a></td>\s*<td>(\d+)[^<]*(?:<span[^>]*>[^<]*</span>)?</td>\s*<td><a[^>]*>(\d+)</a>"
    line = re.search(cells_line, body)
    assert line and line.groups() == ("30", "10", "20")
    assert "20 tổ chức chưa tiếp nhận." in body or "tổ chức chưa tiếp nhận" in body


def test_the_list_filters_by_status_kind_level_and_name_without_diacritics(program, world):
    _grow(world, program, 30)
    client = login(world.observer)
    body, _q, _r = _page(client, program, status="sent", level=3)
    assert "20 tổ chức" in body and "Chi bộ Tổ 001" in body and "Chi bộ Tổ 000" not in body
    body, _q, _r = _page(client, program, q="chi bo to 02")
    assert "Chi bộ Tổ 027" in body and "Chi bộ Tổ 013" not in body
    body, _q, _r = _page(client, program, kind="party_org")
    assert "Đảng bộ Cục A" in body and "Chi bộ Tổ 001" not in body
    assert client.get(reverse("programs:detail", args=[program.pk]), {"level": "x"}).status_code == 400


def test_a_secretary_sees_only_their_part_of_the_picture(program, world):
    _grow(world, program, 6)
    services.program_cascade(actor=world.admin, program=program, from_org=Org.objects.get(pk=world.org_a.pk), targets=[world.cell1])
    body, _q, _r = _page(login(world.secretary), program)
    assert "Chi bộ Phòng 1" in body and "1 tổ chức" in body
    assert "Chi bộ Tổ 001" not in body and "Đảng bộ Cục A" not in body  # siblings and the org above are not the secretary's


def test_the_program_is_sent_on_from_the_adopting_orgs_own_page(program, world):
    _grow(world, program, 3)
    adoption = Adoption.objects.get(program=program, org=world.org_a)
    url = reverse("programs:cascade", args=[adoption.pk])
    assert url in login(world.admin).get(reverse("programs:adoption", args=[adoption.pk])).content.decode()
    assert url not in login(world.observer).get(reverse("programs:adoption", args=[adoption.pk])).content.decode()
    # The program page offers it only from the user's own orgs, not one form per org of the tree.
    body, _q, _r = _page(login(world.admin), program)
    assert body.count('action="/adoptions/') == 1


def test_a_wide_view_keeps_the_picture_a_minute_and_says_when_it_was_counted(program, world):
    _grow(world, program, 6)
    client = login(world.observer)
    url = reverse("programs:detail", args=[program.pk])
    first = client.get(url).content.decode()
    assert "đếm lúc" in first
    extra = make_org(world.org_b, "Chi bộ Sau", OrgKind.CELL, "SAU")
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[extra])
    assert "Chi bộ Sau" in client.get(url, {"q": "chi bo sau"}).content.decode()  # the list itself is live
    # A secretary's narrow view is counted at every request.
    services.program_cascade(actor=world.admin, program=program, from_org=Org.objects.get(pk=world.org_a.pk), targets=[world.cell1])
    assert "đếm lúc" not in login(world.secretary).get(url).content.decode()


def test_a_wide_views_picture_is_counted_anew_by_the_worker_before_its_minute_ends(program, world):
    _grow(world, program, 6)
    client = login(world.observer)

    def summary():
        body = client.get(reverse("programs:detail", args=[program.pk])).content.decode()
        return body[body.index('<table class="summary">') : body.index("</table>")]

    def write():
        extra = make_org(world.org_b, "Chi bộ Sau", OrgKind.CELL, "SAU")
        services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[extra])

    counted_anew_ahead(summary, write)
