"""Reminders and escalation of reports, run once a day (`danvan reports_remind`):

- 3 and 1 working days before a cycle's deadline, those who record for each org that has not
  filed (its secretary, officers and administrators) are reminded;
- on the first working day after the deadline, the office of the committee that opened the cycle
  gets one digest of who is late;
- after `DANVAN_REPORT_ESCALATE_AFTER` working days, each report still not filed is escalated to
  those who record for the committee that consolidates it (the nearest reporting org above).

Each notice is an in-app notification keyed by what it is about, so that however often the
command runs nobody hears the same thing twice; the new ones also go by e-mail, one mail per
person per run. A notice due on a day the command did not run is sent at its next run, until
the moment it is about has passed."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections import defaultdict
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from danvan.accounts.services import notify
from danvan.lib.workdays import Calendar
from danvan.programs.reminders import address_of
from danvan.reports.models import Cycle, Report, ReportStatus

log = logging.getLogger(__name__)
BEFORE = (3, 1)  # working days before the deadline

# org ids -> {org id: [users who record there]}; the command passes the access helpers' answer.
Recorders = Callable[[list[int]], dict[int, list]]


def open_cycles(today: dt.date, cal: Calendar):
    """Cycles whose deadline is near or whose late reports may still need a notice."""
    horizon = cal.minus_working_days(today, settings.DANVAN_REPORT_ESCALATE_AFTER + 1)
    return Cycle.objects.filter(deadline__gte=horizon, deadline__lte=today + dt.timedelta(days=31)).order_by("deadline", "pk")


def _unfiled(cycle: Cycle):
    return Report.objects.filter(cycle=cycle).exclude(status=ReportStatus.SUBMITTED).select_related("org", "parent__org")


def run(*, today: dt.date, cal: Calendar, recorders: Recorders, base_url: str) -> dict[str, int]:
    """Make today's notices and mail the new ones. Counts what was made and mailed."""
    made: dict = defaultdict(list)  # user -> new notifications
    counts = {"reminded": 0, "digests": 0, "escalated": 0, "mailed": 0, "mail_failed": 0}
    with translation.override(settings.LANGUAGE_CODE):
        for cycle in open_cycles(today, cal):
            deadline = cal.on_or_after(cycle.deadline)
            cycle_url = reverse("reports:cycle", kwargs={"pk": cycle.pk})
            for days in BEFORE:
                if cal.minus_working_days(deadline, days) <= today <= deadline:
                    counts["reminded"] += _remind(cycle, days, recorders, made)
            if today > deadline:
                counts["digests"] += _digest(cycle, recorders, cycle_url, made)
            if today >= cal.add_working_days(deadline, settings.DANVAN_REPORT_ESCALATE_AFTER):
                counts["escalated"] += _escalate(cycle, recorders, made)
        mailed, failed = _mail(made, today, base_url.rstrip("/"))
    counts["mailed"], counts["mail_failed"] = mailed, failed
    return counts


def _keep(made, user, key: str, text: str, url: str) -> int:
    notice = notify(user=user, key=key, text=text, url=url)
    if notice is None:
        return 0
    made[user].append(notice)
    return 1


def _remind(cycle: Cycle, days: int, recorders: Recorders, made) -> int:
    reports = list(_unfiled(cycle))
    people = recorders([r.org_id for r in reports])
    sent = 0
    for report in reports:
        url = reverse("reports:report", kwargs={"pk": report.pk})
        text = _("%(org)s: the report “%(cycle)s” is due on %(deadline)s, in %(n)s working day(s).") % {
            "org": report.org.name,
            "cycle": cycle.title,
            "deadline": cycle.deadline.strftime("%d/%m/%Y"),
            "n": days,
        }
        for user in people.get(report.org_id, []):
            sent += _keep(made, user, f"report:{report.pk}:before:{days}", text, url)
    return sent


def _digest(cycle: Cycle, recorders: Recorders, cycle_url: str, made) -> int:
    late = list(_unfiled(cycle).order_by("org_path").values_list("org__name", flat=True)[:21])
    if not late:
        return 0
    total = _unfiled(cycle).count()
    names = ", ".join(late[:20]) + ("…" if total > 20 else "")
    text = _("“%(cycle)s”: %(n)s report(s) not filed by the deadline of %(deadline)s: %(names)s.") % {
        "cycle": cycle.title,
        "n": total,
        "deadline": cycle.deadline.strftime("%d/%m/%Y"),
        "names": names,
    }
    return sum(
        _keep(made, user, f"cycle:{cycle.pk}:late", text, cycle_url + "?status=late")
        for user in recorders([cycle.org_id]).get(cycle.org_id, [])
    )


def _escalate(cycle: Cycle, recorders: Recorders, made) -> int:
    reports = [r for r in _unfiled(cycle) if r.parent is not None]
    people = recorders(sorted({r.parent.org_id for r in reports}))
    sent = 0
    for report in reports:
        url = reverse("reports:report", kwargs={"pk": report.pk})
        text = _("%(org)s has still not filed “%(cycle)s”, %(n)s working days after the deadline of %(deadline)s.") % {
            "org": report.org.name,
            "cycle": cycle.title,
            "n": settings.DANVAN_REPORT_ESCALATE_AFTER,
            "deadline": cycle.deadline.strftime("%d/%m/%Y"),
        }
        for user in people.get(report.parent.org_id, []):
            sent += _keep(made, user, f"report:{report.pk}:escalated", text, url)
    return sent


def _mail(made, today: dt.date, base_url: str) -> tuple[int, int]:
    """One mail per person with what is new for them today (Django's mail backend: the console
    unless SMTP is configured). A refused mail is logged; the notices stay in the app."""
    mailed = failed = 0
    with get_connection() as connection:
        for user, notices in made.items():
            address = address_of(user)
            if not address:
                continue
            lines = [f"- {n.text}\n  {base_url}{n.url}" for n in notices]
            subject = _("danvan: %(n)s notice(s) about reports, %(day)s") % {"n": len(notices), "day": today.strftime("%d/%m/%Y")}
            message = EmailMessage(subject, "\n".join(lines), to=[address], connection=connection)
            try:
                message.send()
            except (OSError, smtplib.SMTPException):
                log.exception("report notices to user %s not mailed", user.pk)
                failed += 1
                continue
            mailed += 1
    return mailed, failed
