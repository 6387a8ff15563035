"""Members' tasks on the pages: the cell gives many members a task at once (once, however many
times the form is sent), a member sees it in "my tasks", acknowledges and reports on it; the
orgs above see the figures; Excel."""

import datetime as dt
import io

import time_machine
from django.urls import reverse

from danvan.members.models import CommonTask, MemberTask
from tests.conftest import login, make_org, make_person, make_user


def _key(page) -> str:
    return page.content.decode().split('name="submission" value="')[1].split('"')[0]


def test_the_cell_gives_its_members_a_common_task_in_one_go(world, members):
    people, outsider = members
    client = login(world.secretary)
    url = reverse("members:tasks", kwargs={"pk": world.cell1.pk}) + "?year=2026"
    page = client.get(url)
    text = page.content.decode()
    assert "3 đảng viên chưa có nhiệm vụ" in text and "Đỗ Văn Năm" not in text  # party members only
    common = CommonTask.objects.first()
    body = {"people": [p.pk for p in people[:2]], "common": common.pk, "place": "residence", "with_whom": "Tổ dân phố 5"}
    body["submission"] = _key(page)
    for _ in range(2):
        assert client.post(url, body).status_code == 302
    assert MemberTask.objects.filter(year=2026, text=common.text).count() == 2
    page = client.get(url).content.decode()
    assert "1 đảng viên chưa có nhiệm vụ" in page
    refused = client.post(url, {"people": [outsider.pk], "text": "x", "place": "workplace", "submission": _key(client.get(url))})
    assert refused.status_code == 200 and MemberTask.objects.count() == 2  # the form says why
    assert login(world.observer).post(url, body).status_code == 403


def test_a_member_acknowledges_and_reports_on_a_phone_sized_page(world, members):
    people, _ = members
    client = login(world.secretary)
    url = reverse("members:tasks", kwargs={"pk": world.cell1.pk}) + "?year=2026"
    body = {"people": [people[1].pk], "text": "Giúp đỡ hộ nghèo ở tổ dân phố", "place": "residence"}
    client.post(url, {**body, "submission": _key(client.get(url))})
    task = MemberTask.objects.get()
    member = login(make_user("ba", world.cell1, "member", people[1]))
    with time_machine.travel(dt.datetime(2026, 3, 1, 3, tzinfo=dt.UTC), tick=False):
        mine = member.get(reverse("programs:my_tasks")).content.decode()
        assert "Nhiệm vụ dân vận năm 2026 của đồng chí" in mine
        member.post(reverse("members:task", kwargs={"pk": task.pk}), {"action": "acknowledge"})
        assert member.post(reverse("members:task", kwargs={"pk": task.pk}), {"action": "assess", "assessment": "well"}).status_code == 403
    with time_machine.travel(dt.datetime(2026, 12, 1, 3, tzinfo=dt.UTC), tick=False):
        member.post(reverse("members:task", kwargs={"pk": task.pk}), {"action": "report", "text": "Đã giúp 2 hộ thoát nghèo."})
        client.post(reverse("members:task", kwargs={"pk": task.pk}), {"action": "assess", "assessment": "well", "note": "Tốt"})
    task.refresh_from_db()
    assert task.acknowledged_on == dt.date(2026, 3, 1) and task.self_report == "Đã giúp 2 hộ thoát nghèo." and task.assessment == "well"
    rollup = login(world.officer).get(reverse("members:tasks", kwargs={"pk": world.org_a.pk}) + "?year=2026").content.decode()
    assert "Chi bộ Phòng 1" in rollup
    from openpyxl import load_workbook

    xlsx = client.get(url + "&format=xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[1][1] == "Lê Văn Ba" and rows[1][7] == "Hoàn thành tốt nhiệm vụ"


def test_the_in_charge_page(world, settings):
    from danvan.orgs import counts
    from danvan.orgs.models import OrgKind, Position

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    agencies = [make_org(world.org_a, f"Vụ {i}", OrgKind.AGENCY, f"V{i}") for i in range(3)]
    make_person(agencies[0], "Phó Vụ trưởng", position=Position.DEPUTY_HEAD_DANVAN)
    client = login(world.observer)
    page = client.get(reverse("members:in_charge", kwargs={"pk": world.root.pk})).content.decode()
    assert "Đảng ủy Khối Thử nghiệm" in page and "Vụ 1" in page and "Vụ 2" in page and "Vụ 0" not in page
    assert "Chưa đếm xong" in page  # the whole tree's agencies are counted by the worker, the page is not held
    counts.count_now(world.root.pk, "without_in_charge")
    page = client.get(reverse("members:in_charge", kwargs={"pk": world.root.pk})).content.decode()
    assert "3 nơi" in page and "đếm lúc" in page  # the root committee and two agencies
    narrow = make_org(world.cell1, "Tổ công tác", OrgKind.AGENCY, "TCT")
    page = client.get(reverse("members:in_charge", kwargs={"pk": narrow.pk})).content.decode()
    assert "1 cơ quan" in page  # a narrow subtree counted at each view
