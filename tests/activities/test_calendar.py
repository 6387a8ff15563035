import datetime as dt

import time_machine
from django.db.models import F
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from danvan.accounts.services import token_create
from danvan.parsing import parse_file
from danvan.programs import services
from danvan.programs.models import Adoption, Obligation
from tests.conftest import login
from tests.parsing.conftest import SEED


def _program(world):
    program = services.program_create(actor=world.admin, org=world.root, data=parse_file(SEED).to_dict())
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1])
    meeting = program.tasks.get(ref="II.1.3")
    services.adoption_adopt(
        actor=world.secretary, adoption=Adoption.objects.get(org=world.cell1), choices={meeting.pk: {"responsible_id": world.person1.pk}}
    )
    return program


def test_my_tasks_lists_what_the_person_answers_for(world):
    _program(world)
    body = login(world.secretary).get(reverse("programs:my_tasks")).content.decode()
    assert "II.1.3" in body and "Chi bộ Phòng 1" in body
    assert "II.1.3" not in login(world.sibling_member).get(reverse("programs:my_tasks")).content.decode()


@time_machine.travel(dt.datetime(2030, 10, 1, 9, 0, tzinfo=dt.UTC), tick=False)
def test_the_calendar_shows_what_falls_due_in_its_window(world):
    """On 1 October the year's thematic meeting (due at the year's end) is inside the 120-day window."""
    _program(world)
    response = login(world.secretary).get(reverse("activities:calendar"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "II.1.3" in body and "ngày 31 tháng 12 năm 2030" in body


@time_machine.travel(dt.datetime(2030, 10, 1, 9, 0, tzinfo=dt.UTC), tick=False)
def test_those_who_oversee_see_figures_per_day_not_every_obligation(world, django_assert_max_num_queries):
    """An observer of the whole committee records nowhere: one line a day per subtree, from the
    counters, however many orgs owe something that day."""
    _program(world)
    client = login(world.observer)
    client.get(reverse("activities:calendar"))
    with django_assert_max_num_queries(10):
        body = client.get(reverse("activities:calendar")).content.decode()
    year_end = Obligation.objects.filter(due=dt.date(2030, 12, 31), waived_reason="", done__lt=F("required")).count()
    assert year_end and f"{year_end} việc chưa xong ở Đảng ủy Khối Thử nghiệm" in body and "ngày 31 tháng 12 năm 2030" in body
    assert "II.1.3" not in body  # not itemised


@time_machine.travel(dt.datetime(2030, 3, 1, 9, 0, tzinfo=dt.UTC), tick=False)
def test_the_calendar_leaves_out_what_falls_due_beyond_its_window(world):
    _program(world)
    body = login(world.secretary).get(reverse("activities:calendar")).content.decode()
    assert "ngày 31 tháng 12 năm 2030" not in body and "II.1.3" not in body


def test_the_ical_feed_needs_a_token_and_is_scoped(world):
    _program(world)
    assert Client().get(reverse("activities:calendar_feed")).status_code == 404
    _token, key = token_create(actor=None, user=world.secretary, name="phone", scope="calendar")
    response = Client().get(reverse("activities:calendar_feed"), {"token": key})
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert any("II.1.3" in s and "Chi bộ Phòng 1" in s for s in summaries)
    _token, outsider_key = token_create(actor=None, user=world.outsider, name="phone", scope="calendar")
    outsider = Calendar.from_ical(Client().get(reverse("activities:calendar_feed"), {"token": outsider_key}).content)
    assert not list(outsider.walk("VEVENT"))


def test_the_feed_takes_only_a_calendar_token_and_a_calendar_token_opens_nothing_else(world):
    _program(world)
    _token, api_key = token_create(actor=None, user=world.secretary, name="script")
    assert Client().get(reverse("activities:calendar_feed"), {"token": api_key}).status_code == 404  # a read-write key in an address: no
    _token, feed_key = token_create(actor=None, user=world.secretary, name="phone", scope="calendar")
    assert Client().get("/api/programs", HTTP_AUTHORIZATION=f"Bearer {feed_key}").status_code == 401


def test_the_calendar_page_makes_and_revokes_its_subscription_link(world):
    from danvan.accounts.models import ApiToken

    client = login(world.secretary)
    body = client.post(reverse("activities:calendar"), {"action": "subscribe"}).content.decode()
    token = ApiToken.objects.get(user=world.secretary, scope="calendar")
    assert "webcal://" in body and token.prefix in body
    assert token.expires_at is None  # a feed works until revoked
    client.post(reverse("activities:calendar"), {"revoke": str(token.pk)})
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert client.post(reverse("activities:calendar"), {"revoke": "x"}).status_code == 400


def test_the_calendar_reads_the_counters_and_counts_the_same_without_them(world):
    from danvan.activities import selectors
    from danvan.rollup import selectors as rollup_selectors

    _program(world)
    assert selectors.open_per_day_readers == [rollup_selectors.open_per_day]
    start, end = dt.date(2000, 1, 1), dt.date(2100, 1, 1)
    from_counters = selectors.open_per_day(world.root, start, end)
    readers = list(selectors.open_per_day_readers)
    selectors.open_per_day_readers.clear()
    try:
        assert selectors.open_per_day(world.root, start, end) == from_counters != {}
    finally:
        selectors.open_per_day_readers.extend(readers)
