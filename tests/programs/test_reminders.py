"""Reminder e-mails: once a day, to whoever records for an org where something waits."""

import datetime as dt

import time_machine
from django.core import mail
from django.core.management import call_command

from danvan.accounts.models import User
from danvan.programs.models import ReminderSent
from tests.programs.conftest import Y, cascade_and_adopt


def _mail_on(settings):
    settings.EMAIL_HOST = "smtp.example.vn"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DANVAN_BASE_URL = "https://danvan.example.vn"


def test_nothing_is_sent_until_mail_is_configured(program, world, settings, capsys):
    cascade_and_adopt(program, world)
    User.objects.filter(pk=world.secretary.pk).update(email="bithu@example.vn")
    settings.EMAIL_HOST = ""
    call_command("remind")
    assert "not configured" in capsys.readouterr().out
    assert not mail.outbox


def test_a_secretary_hears_what_is_overdue_once_a_day(program, world, settings, capsys):
    _mail_on(settings)
    cascade_and_adopt(program, world)
    User.objects.filter(pk__in=[world.secretary.pk, world.observer.pk]).update(email="x@example.vn")
    with time_machine.travel(dt.datetime(Y, 7, 2, 8, 0, tzinfo=dt.UTC), tick=False):
        call_command("remind")
        call_command("remind")  # run twice the same day: one mail
    assert [m.to for m in mail.outbox] == [["x@example.vn"]]  # the observer records nowhere
    message = mail.outbox[0]
    assert message.subject.startswith("danvan:") and "quá hạn" in message.subject
    assert f"ngày 2 tháng 7 năm {Y}" in message.body
    assert "Quá hạn:" in message.body and "Chi bộ Phòng 1" in message.body
    assert "https://danvan.example.vn/obligations/" in message.body
    assert "Chi bộ Phòng 2" not in message.body  # not the secretary's cell
    assert ReminderSent.objects.get().user == world.secretary
    assert "Reminders sent: 1" in capsys.readouterr().out
    with time_machine.travel(dt.datetime(Y, 7, 3, 8, 0, tzinfo=dt.UTC), tick=False):
        call_command("remind")
    assert len(mail.outbox) == 2  # the next day, again


def test_a_program_waiting_to_be_adopted_is_in_the_mail(program, world, settings):
    from danvan.programs import services

    _mail_on(settings)
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1])
    User.objects.filter(pk=world.secretary.pk).update(email="bithu@example.vn")
    call_command("remind")
    body = mail.outbox[0].body
    assert "Chương trình được gửi đến, chờ tiếp nhận:" in body and "/adoptions/" in body


def test_a_failed_send_is_tried_again(program, world, settings, monkeypatch):
    _mail_on(settings)
    cascade_and_adopt(program, world)
    User.objects.filter(pk=world.secretary.pk).update(email="bithu@example.vn")

    def refuse(self, fail_silently=False):
        raise OSError("the mail server is down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with time_machine.travel(dt.datetime(Y, 7, 2, 8, 0, tzinfo=dt.UTC), tick=False):
        call_command("remind")
        assert not ReminderSent.objects.exists()
        monkeypatch.undo()
        _mail_on(settings)
        call_command("remind")
    assert len(mail.outbox) == 1
