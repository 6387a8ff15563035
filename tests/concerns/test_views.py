"""Concerns' pages: receive, follow up, rate; anonymity in the list, the page and Excel."""

import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from danvan.concerns.models import Concern, ConcernStatus
from tests.concerns.conftest import raise_concern
from tests.conftest import login

D = dt.date


def test_a_secretary_receives_a_concern_from_a_dialogue(world, category):
    client = login(world.secretary)
    url = reverse("concerns:new", kwargs={"pk": world.cell1.pk})
    assert client.get(url).status_code == 200
    data = {
        "channel": "dialogue", "raiser": "person", "person": world.person1.pk, "category": category.pk, "title": "Phòng nóng",
        "text": "Điều hòa hỏng", "received_on": "20/04/2026", "org": world.cell1.pk, "handler": world.person1.pk, "submission": "c" * 32,
    }  # fmt: skip
    first, second = client.post(url, data), client.post(url, data)
    concern = Concern.objects.get()
    assert first.status_code == second.status_code == 302 and concern.status == ConcernStatus.ASSIGNED and concern.due == D(2026, 5, 14)


def test_following_up_through_the_page(world, category):
    concern = raise_concern(world, category)
    act = reverse("concerns:act", kwargs={"pk": concern.pk})
    assert login(world.observer).post(act, {"action": "answer", "note": "x"}).status_code == 403
    secretary = login(world.secretary)
    secretary.post(act, {"action": "answer", "note": "Đã thay điều hòa."})
    secretary.post(act, {"action": "rate", "rating": "satisfied"})  # the raiser (the secretary is Nguyễn Văn Một)
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CLOSED and concern.rating == "satisfied"
    page = secretary.get(reverse("concerns:detail", kwargs={"pk": concern.pk})).content.decode()
    assert "Đã thay điều hòa." in page and "Hài lòng" in page


def test_a_refused_step_says_why(world, category):
    concern = raise_concern(world, category)
    response = login(world.secretary).post(
        reverse("concerns:act", kwargs={"pk": concern.pk}), {"action": "answer", "note": ""}, follow=True
    )
    assert "Hãy ghi nội dung trả lời." in response.content.decode()


def test_anonymous_in_the_list_the_page_and_excel(world, category):
    raise_concern(world, category, raiser="anonymous", title="Góp ý ẩn danh")
    raise_concern(world, category, raiser="citizen", citizen_name="Lê Thị Dân", title="Đường hỏng")
    client = login(world.observer)
    url = reverse("concerns:list", kwargs={"pk": world.root.pk})
    body = client.get(url).content.decode()
    assert "Ẩn danh" in body and "Lê Thị Dân" in body and "Nguyễn Văn Một" not in body
    sheet = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content)).active
    raisers = {row[1].value: row[3].value for row in sheet.iter_rows(min_row=2)}
    assert raisers == {"Góp ý ẩn danh": "Ẩn danh", "Đường hỏng": "Lê Thị Dân"}


def test_a_wide_orgs_list_pages_without_counting_every_concern(world, category, monkeypatch):
    from danvan.concerns import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for i in range(3):
        raise_concern(world, category, title=f"Kiến nghị {i}")
    client = login(world.observer)
    wide = client.get(reverse("concerns:list", kwargs={"pk": world.root.pk}))
    assert wide.context["page"].paginator is None and wide.context["page"].has_next()  # the figures above say how many
    assert "Trang 1" in wide.content.decode() and "Trang 1 /" not in wide.content.decode()
    narrow = client.get(reverse("concerns:list", kwargs={"pk": world.cell1.pk}))
    assert narrow.context["page"].paginator.count == 3


def test_the_list_counts_open_overdue_on_time_and_satisfaction(world, category):
    from danvan.concerns import services

    late = raise_concern(world, category, day=D(2026, 1, 5))
    answered = raise_concern(world, category, day=D(2026, 4, 20))
    services.concern_answer(actor=world.secretary, concern=answered, answer="Đã giải quyết", today=D(2026, 4, 22))
    services.concern_rate(actor=world.secretary, concern=answered, rating="partly")
    figures = login(world.observer).get(reverse("concerns:list", kwargs={"pk": world.root.pk})).context["figures"]
    assert figures["open"] == 1 and figures["overdue"] == 1 and figures["on_time_rate"] == 100 and figures["satisfaction"] == 0
    assert late.is_open


def test_the_report_section_counts_concerns(world, category):
    from danvan.concerns.report_section import collect

    raise_concern(world, category, day=D(2026, 4, 20))
    assert collect(world.cell1, D(2025, 12, 15), D(2026, 6, 14)) == {"received": 1, "still_open": 1}


def test_the_daily_escalation_tells_the_org_above(world, category, settings):
    import io as stdio

    import time_machine
    from django.core.management import call_command

    from danvan.accounts.models import Notification

    settings.DANVAN_CONCERN_ESCALATE_AFTER = 3
    raise_concern(world, category)  # due 14/5/2026
    with time_machine.travel(dt.datetime(2026, 5, 19, 3, 0, tzinfo=dt.UTC), tick=False):
        call_command("concerns_escalate", stdout=stdio.StringIO())
        call_command("concerns_escalate", stdout=stdio.StringIO())
    assert Notification.objects.filter(user=world.officer, key__startswith="concern:").count() == 1


def test_the_api_never_names_an_anonymous_raiser(world, category):
    from django.test import Client

    from danvan.accounts.services import token_create

    concern = raise_concern(world, category, raiser="anonymous")
    key = token_create(actor=None, user=world.observer, name="t")[1]
    body = Client().get(f"/api/concerns/{concern.pk}", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert body["raised_by"] in ("Ẩn danh", "Anonymous") and "person" not in str(body) and "Nguyễn" not in str(body)


def test_a_dialogue_lists_the_concerns_raised_there(world, category):
    from danvan.activities.services import activity_record

    dialogue = activity_record(
        actor=world.secretary, org=world.cell1, kind="dialogue", title="Đối thoại quý II", held_on=D(2026, 4, 20), tasks=[]
    )
    client = login(world.secretary)
    page = client.get(reverse("activities:detail", kwargs={"pk": dialogue.pk})).content.decode()
    assert "Chưa ghi nhận" in page or "None recorded" in page
    form = client.get(reverse("concerns:new", kwargs={"pk": world.cell1.pk}), {"activity": dialogue.pk}).context["form"]
    assert form.initial["channel"] == "dialogue" and form.initial["received_on"] == D(2026, 4, 20)
    raise_concern(world, category, activity=dialogue)
    assert "Phòng làm việc nóng" in client.get(reverse("activities:detail", kwargs={"pk": dialogue.pk})).content.decode()
    other = activity_record(actor=None, org=world.cell2, kind="dialogue", title="Đối thoại khác", held_on=D(2026, 4, 20), tasks=[])
    assert client.get(reverse("concerns:new", kwargs={"pk": world.cell1.pk}), {"activity": other.pk}).status_code == 404
