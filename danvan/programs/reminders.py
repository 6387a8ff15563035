"""Reminder e-mails: once a day, each person who records for an org hears what waits there —
programs to adopt, obligations due within a week and those overdue (the same list the home page
shows). Sent only when mail is configured; a day's reminder goes once however often it runs."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from danvan.programs.models import ReminderSent
from danvan.programs.selectors import pending_work

log = logging.getLogger(__name__)


def mail_configured() -> bool:
    return bool(getattr(settings, "EMAIL_HOST", "")) and settings.EMAIL_BACKEND != "django.core.mail.backends.dummy.EmailBackend"


def address_of(user) -> str:
    person = getattr(user, "person", None)
    return user.email or (person.email if person is not None else "") or ""


def message_for(user, work: dict, *, today: dt.date, base_url: str) -> EmailMessage | None:
    """The day's reminder for one user, or None when nothing waits."""
    if not (work["waiting"] or work["due_soon"] or work["overdue"]):
        return None
    context = {"user": user, "today": today, "base_url": base_url.rstrip("/"), **work}
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("programs/reminder_subject.txt", context).split())
        body = render_to_string("programs/reminder.txt", context)
    return EmailMessage(subject, body, to=[address_of(user)])


def send_reminders(recipients: Iterable[tuple[object, list[str]]], *, today: dt.date, base_url: str) -> dict[str, int]:
    """Send each (user, recording org paths) their reminder for `today`. Counts what was sent,
    skipped (nothing waits, no address, sent already today) and failed (the mail server refused:
    logged, and tried again at the next run)."""
    sent = skipped = failed = 0
    with get_connection() as connection:
        for user, paths in recipients:
            if not address_of(user) or not paths:
                skipped += 1
                continue
            message = message_for(user, pending_work(paths, today), today=today, base_url=base_url)
            if message is None:
                skipped += 1
                continue
            # Claim the day first (two runs at once send one mail), then send outside any
            # transaction: a slow mail server holds no lock. A refused send gives the claim back.
            try:
                with transaction.atomic():
                    claim = ReminderSent.objects.create(user=user, sent_on=today)
            except IntegrityError:
                skipped += 1
                continue
            try:
                message.connection = connection
                message.send()
            except (OSError, smtplib.SMTPException):
                log.exception("reminder to user %s not sent", getattr(user, "pk", None))
                claim.delete()
                failed += 1
                continue
            sent += 1
    return {"sent": sent, "skipped": skipped, "failed": failed}
