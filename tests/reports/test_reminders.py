"""Reminders and escalation on working days: 3 and 1 working days before the deadline, a digest
the working day after, escalation after N working days; each once, whatever the runs."""

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from danvan import access
from danvan.accounts.models import Notification
from danvan.programs.selectors import calendar
from danvan.reports import reminders, services
from danvan.reports.models import CycleKind
from tests.reports.conftest import TEXT, report_of

D = dt.date
# 30/4 (Friday), 1/5 and the 3/5 that stands in for it are days off in 2027: three working days
# before Wednesday 5 May is Wednesday 28 April; the first working day after is Thursday 6 May, and
# five working days after is Wednesday 12 May.
DEADLINE = D(2027, 5, 5)


@pytest.fixture
def cycle(world, program):
    return services.cycle_open(
        actor=world.admin, org=world.root, kind=CycleKind.HALF_YEAR, title="Sơ kết 6 tháng", programs=[program],
        period_start=D(2026, 12, 15), period_end=D(2027, 4, 14), deadline=DEADLINE,
    )  # fmt: skip


def _run(day, settings):
    settings.DANVAN_REPORT_ESCALATE_AFTER = 5
    return reminders.run(today=day, cal=calendar(), recorders=access.recorders_of, base_url="https://danvan.example")


def test_notices_fire_once_on_the_right_working_days(cycle, world, settings):
    assert _run(D(2027, 4, 27), settings)["reminded"] == 0
    first = _run(D(2027, 4, 28), settings)
    assert first["reminded"] == 3  # the secretary of cell 1, the officer of Cục A, the root's administrator
    assert Notification.objects.filter(user=world.secretary, key__endswith=":before:3").count() == 1
    assert _run(D(2027, 4, 28), settings)["reminded"] == 0  # run again the same day: nothing twice
    assert _run(D(2027, 4, 29), settings)["reminded"] == 0
    services.report_submit(actor=world.secretary, report=report_of(cycle, world.cell1), text=TEXT, today=D(2027, 4, 30))
    assert _run(D(2027, 5, 4), settings)["reminded"] == 2  # cell 1 filed: only Cục A and the root hear again
    assert not Notification.objects.filter(user=world.secretary, key__endswith=":before:1").exists()
    assert _run(D(2027, 5, 5), settings) == {"reminded": 0, "digests": 0, "escalated": 0, "mailed": 0, "mail_failed": 0}
    late = _run(D(2027, 5, 6), settings)
    assert late["digests"] == 1
    digest = Notification.objects.get(user=world.admin, key=f"cycle:{cycle.pk}:late")
    assert "5 báo cáo" in digest.text or "5 report" in digest.text
    assert "Chi bộ Phòng 1" not in digest.text and "Đảng bộ Cục A" in digest.text
    assert _run(D(2027, 5, 11), settings)["escalated"] == 0
    escalated = _run(D(2027, 5, 12), settings)
    # Still late: Cục A, Cục B (to the root's administrator), Phòng 2 (to Cục A's officer), Phòng 3 (Cục B has no recorder).
    assert escalated["escalated"] == 3
    assert Notification.objects.filter(user=world.officer, key=f"report:{report_of(cycle, world.cell2).pk}:escalated").exists()
    assert _run(D(2027, 5, 13), settings)["escalated"] == 0


def test_new_notices_are_mailed_one_mail_per_person(cycle, world, settings):
    world.secretary.email = "bithu@example.vn"
    world.secretary.save()
    _run(D(2027, 4, 28), settings)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["bithu@example.vn"]
    assert "https://danvan.example/reports/" in mail.outbox[0].body
    _run(D(2027, 4, 28), settings)
    assert len(mail.outbox) == 1


def test_the_daily_command_runs_on_the_frozen_day(cycle, world, settings):
    settings.DANVAN_REPORT_ESCALATE_AFTER = 5
    with time_machine.travel(dt.datetime(2027, 4, 28, 8, 0, tzinfo=dt.UTC), tick=False):
        call_command("reports_remind", stdout=io.StringIO())
    assert Notification.objects.filter(key__endswith=":before:3").count() == 3


def test_the_top_bar_counts_unread_notices(cycle, world, settings):
    from django.test import TestCase
    from django.urls import reverse

    from danvan.accounts.services import notify
    from tests.conftest import login

    _run(D(2027, 4, 28), settings)
    client = login(world.secretary)
    page = client.get(reverse("accounts:notifications")).content.decode()
    assert "Sơ kết 6 tháng" in page and 'class="badge overdue">1<' in page
    # The count is kept until the user is told something or reads (once the write commits: a
    # test's transaction never does, so its callbacks are run here).
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("accounts:notifications"))
    assert 'class="badge overdue">' not in client.get(reverse("accounts:notifications")).content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        notify(user=world.secretary, key="test:new", text="Mới")
    assert 'class="badge overdue">1<' in client.get(reverse("home")).content.decode()
