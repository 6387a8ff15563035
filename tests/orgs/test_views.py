import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend

from danvan.audit.models import AuditEntry
from danvan.orgs import counts
from danvan.orgs.models import Membership, Org, OrgStatus, Person, SubtreeCount
from tests.conftest import login, make_org, make_person


def _detail(pk):
    return reverse("orgs:detail", kwargs={"pk": pk})


def test_the_org_page_shows_people_sub_orgs_and_actions(world):
    body = login(world.admin).get(_detail(world.org_a.pk)).content.decode()
    assert "Chi bộ Phòng 1" in body and "Chi bộ Phòng 2" in body
    assert "Hợp nhất" in body and "Chia tách" in body and "Xuất Excel" in body
    body = login(world.secretary).get(_detail(world.cell1.pk)).content.decode()
    assert "Nguyễn Văn Một" in body and "Bí thư" in body
    assert "Hợp nhất" not in body  # a secretary does not change the tree
    assert "Thêm người" in body


def test_the_org_page_answers_who_was_here_on_a_past_date(world):
    client = login(world.admin)
    client.post(reverse("orgs:merge", kwargs={"pk": world.cell2.pk}), {"code": "A1", "on": "01/07/2024"})
    body = client.get(_detail(world.cell2.pk), {"on": "30/06/2024"}).content.decode()
    assert "Trần Thị Hai" in body
    assert "ngày 30 tháng 6 năm 2024" in body
    body = client.get(_detail(world.cell2.pk)).content.decode()
    assert "Trần Thị Hai" not in body.split("Lịch sử")[0]
    assert "Đã hợp nhất" in body


def test_creating_a_sub_org_through_the_form(world):
    client = login(world.admin)
    response = client.post(
        reverse("orgs:create_child", kwargs={"pk": world.org_b.pk}),
        {"name": "Chi bộ Phòng 4", "kind": "cell", "code": "", "short_name": "", "founded_on": "15/03/2021"},
    )
    org = Org.objects.get(name="Chi bộ Phòng 4")
    assert response["Location"] == _detail(org.pk)
    assert org.founded_on == dt.date(2021, 3, 15)
    assert org.code.startswith("ORG-")
    assert AuditEntry.objects.filter(action="org.create", object_id=str(org.pk), actor=world.admin).exists()


def test_a_duplicate_code_is_a_form_error_not_a_crash(world):
    client = login(world.admin)
    response = client.post(reverse("orgs:create_child", kwargs={"pk": world.org_b.pk}), {"name": "X", "kind": "cell", "code": "A1"})
    assert response.status_code == 200
    assert "Mã" in response.content.decode()
    assert not Org.objects.filter(name="X").exists()


def test_move_form_picks_the_new_parent_by_code(world):
    client = login(world.admin)
    response = client.post(reverse("orgs:move", kwargs={"pk": world.cell1.pk}), {"code": "B", "on": "01/07/2025"})
    assert response.status_code == 302
    world.cell1.refresh_from_db()
    assert Org.objects.get_parent(world.cell1) == world.org_b


def test_move_under_its_own_child_shows_the_rule(world):
    response = login(world.admin).post(reverse("orgs:move", kwargs={"pk": world.org_a.pk}), {"code": "A1", "on": "01/07/2025"})
    assert response.status_code == 200
    assert "Không thể chuyển một tổ chức về dưới chính nó" in response.content.decode()


def test_split_through_the_form(world):
    extra = make_person(world.cell1, "Đỗ Thị Bốn")
    client = login(world.admin)
    data = {"names": "Chi bộ 1A\nChi bộ 1B", "on": "01/01/2025", f"member_{world.person1.pk}": "0", f"member_{extra.pk}": "1"}
    response = client.post(reverse("orgs:split", kwargs={"pk": world.cell1.pk}), data)
    assert response.status_code == 302
    assert Membership.objects.get(person=extra, end__isnull=True).org.name == "Chi bộ 1B"


def test_dissolve_needs_the_confirmation(world):
    client = login(world.admin)
    client.post(reverse("orgs:dissolve", kwargs={"pk": world.cell2.pk}), {"on": "01/01/2025"})
    world.cell2.refresh_from_db()
    assert world.cell2.is_active
    client.post(reverse("orgs:dissolve", kwargs={"pk": world.cell2.pk}), {"on": "01/01/2025", "confirm": "on"})
    world.cell2.refresh_from_db()
    assert world.cell2.status == OrgStatus.DISSOLVED


def test_a_secretary_adds_and_edits_a_person(world):
    client = login(world.secretary)
    response = client.post(
        reverse("orgs:person_create", kwargs={"pk": world.cell1.pk}),
        {
            "full_name": "Bùi Thị Bảy",
            "gender": "female",
            "birth_date": "07/07/1987",
            "party_joined_on": "",
            "party_card_number": "",
            "phone": "",
            "email": "",
            "position": "member",
            "start": "01/09/2024",
        },
    )
    person = Person.objects.get(full_name="Bùi Thị Bảy")
    assert response["Location"] == reverse("orgs:person", kwargs={"pk": person.pk})
    assert person.birth_date == dt.date(1987, 7, 7)
    response = client.post(
        reverse("orgs:person_edit", kwargs={"pk": person.pk}),
        {
            "full_name": "Bùi Thị Bảy",
            "gender": "female",
            "birth_date": "07/07/1987",
            "party_joined_on": "",
            "party_card_number": "",
            "phone": "0987654321",
            "email": "",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="person.update").get()
    assert entry.changes == {"phone": ["", "0987654321"]}
    assert entry.actor == world.secretary


def test_a_party_date_before_birth_is_refused_in_vietnamese(world):
    client = login(world.secretary)
    response = client.post(
        reverse("orgs:person_create", kwargs={"pk": world.cell1.pk}),
        {"full_name": "Sai Ngày", "birth_date": "07/07/1987", "party_joined_on": "01/01/1980", "position": "member", "start": "01/09/2024"},
    )
    assert response.status_code == 200
    assert not Person.objects.filter(full_name="Sai Ngày").exists()


def test_ending_a_membership(world):
    membership = world.person1.memberships.get()
    client = login(world.secretary)
    client.post(reverse("orgs:membership_end", kwargs={"pk": membership.pk}), {"end": "31/12/2025"})
    membership.refresh_from_db()
    assert membership.end == dt.date(2025, 12, 31)


def test_tree_children_load_lazily(world):
    body = login(world.observer).get(reverse("orgs:children", kwargs={"pk": world.org_a.pk}), HTTP_HX_REQUEST="true").content.decode()
    assert "Chi bộ Phòng 1" in body and "Chi bộ Phòng 3" not in body


def test_the_org_page_makes_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    make_person(world.org_a, "Ủy viên đầu")
    client = login(world.admin)
    client.get(_detail(world.org_a.pk))  # warm the session
    with django_assert_max_num_queries(20) as small:
        client.get(_detail(world.org_a.pk))
    for i in range(15):
        cell = make_org(world.org_a, f"Chi bộ thêm {i}", "cell", f"X{i}")
        make_person(cell, f"Người thêm {i}")
        make_person(world.org_a, f"Ủy viên {i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(_detail(world.org_a.pk))


def test_the_tree_page_makes_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    client = login(world.observer)
    client.get(reverse("orgs:tree"))
    with django_assert_max_num_queries(12) as before:
        client.get(reverse("orgs:children", kwargs={"pk": world.org_a.pk}))
    for i in range(10):
        make_org(world.org_a, f"Chi bộ thêm {i}", "cell", f"X{i}")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("orgs:children", kwargs={"pk": world.org_a.pk}))


def test_home_lists_the_users_organizations(world):
    body = login(world.secretary).get(reverse("home")).content.decode()
    assert "Chi bộ Phòng 1" in body and "Đảng ủy Khối Thử nghiệm" not in body


def test_a_wide_subtrees_counts_come_from_the_worker_with_their_time(world, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    client = login(world.observer)
    page = client.get(_detail(world.org_a.pk)).content.decode()
    url = reverse("orgs:counts", kwargs={"pk": world.org_a.pk})
    assert f'hx-get="{url}?wide=1"' in page  # the page itself counts nothing
    with django_capture_on_commit_callbacks(execute=True):
        body = client.get(url, {"wide": "1"}).content.decode()
    assert "Đang đếm" in body and f'hx-get="{url}?wide=1&amp;try=1"' in body  # asked the worker; the fragment asks again
    assert [r.task.name for r in default_task_backend.results] == ["count_subtree"]
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url, {"wide": "1", "try": "1"})
    assert len(default_task_backend.results) == 1  # asked once, not at every poll
    counts.count_now(world.org_a.pk, "people")  # the worker
    body = client.get(url, {"wide": "1", "try": "2"}).content.decode()
    assert "<b>3</b>tổ chức (kể cả trực thuộc)" in body  # Cục A and its two cells
    assert "<b>2</b>đảng viên, cán bộ hiện tại" in body
    assert "đếm lúc" in body and "hx-get" not in body  # done: no more polling
    make_person(world.cell1, "Người mới")
    assert "<b>2</b>đảng viên" in client.get(url, {"wide": "1"}).content.decode()  # the kept count, with its time
    SubtreeCount.objects.update(counted_at=timezone.now() - counts.FRESH, asked_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        body = client.get(url, {"wide": "1"}).content.decode()
    assert "<b>2</b>đảng viên" in body and "đang đếm lại" in body and "hx-get" in body  # the old one shown while the worker counts
    assert len(default_task_backend.results) == 2
    home = client.get(reverse("home")).content.decode()
    assert reverse("orgs:counts", kwargs={"pk": world.root.pk}) in home


def test_polling_a_count_stops_after_a_minute_and_reads_any_try(world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = login(world.observer)
    url = reverse("orgs:counts", kwargs={"pk": world.org_a.pk})
    body = client.get(url, {"try": "20"}).content.decode()
    assert "hx-get" not in body and "tải lại trang" in body
    for bad in ("x", "-1", "１", "9" * 40, "9" * 5000, ""):  # 5,000 digits: more than Python turns into an int
        assert client.get(url, {"try": bad}).status_code == 200


def test_a_narrow_subtree_is_counted_when_asked(world):
    client = login(world.secretary)
    url = reverse("orgs:counts", kwargs={"pk": world.cell1.pk})
    make_person(world.cell1, "Người mới")
    body = client.get(url).content.decode()
    assert "<b>1</b>" in body and "hx-get" not in body and not SubtreeCount.objects.exists()


def test_the_people_list_pages_without_counting_everyone(world, django_assert_max_num_queries):
    for i in range(60):
        make_person(world.cell3, f"Người thứ {i:02d}")
    client = login(world.observer)
    url = reverse("orgs:people")
    client.get(url)
    with django_assert_max_num_queries(8) as captured:
        first = client.get(url).content.decode()
    assert not any("COUNT(" in q["sql"].upper() for q in captured.captured_queries)
    assert "Trang 1" in first and "page=2" in first and " / " not in first.split("Trang 1")[1][:20]
    second = client.get(url, {"page": 2}).content.decode()
    assert "page=1" in second and "page=3" not in second
    assert client.get(url, {"page": "x"}).status_code == 400


def test_wide_and_narrow_views_of_people_find_the_same_people(world):
    """A national or provincial view probes names (EXISTS), a narrow one lists its members first
    (IN): the same people either way."""
    from danvan import access
    from danvan.orgs.models import Membership

    for user in (world.observer, world.officer, world.secretary, world.outsider):
        expected = set(Membership.objects.filter(access.visible_q(user, "org__path")).values_list("person_id", flat=True))
        assert set(access.visible_people(user).values_list("pk", flat=True)) == expected
        for pk in expected:
            assert access.access_person(user, pk).pk == pk
    assert world.root.depth <= access.WIDE_DEPTH < world.cell1.depth  # both ways are exercised
