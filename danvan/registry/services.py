"""Writes on the registers: terms, issuing and cancelling outgoing numbers, registering what
was received, distributing an issued document and its acknowledgements. One transaction each,
audited. A number is taken by incrementing its counter row in the issuing transaction: the
row lock (PostgreSQL) or the write lock SQLite's IMMEDIATE transaction takes at BEGIN holds the
next issuer back until this one commits, and a rollback gives the number back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.services import notify
from danvan.activities.services import activity_record
from danvan.audit.services import audit_record
from danvan.lib.text import nfc
from danvan.lib.uploads import check_size
from danvan.lib.workdays import Calendar
from danvan.orgs.models import Org
from danvan.programs.models import ActivityKind
from danvan.registry import selectors
from danvan.registry.models import (
    TYPE_CODES,
    Distribution,
    Incoming,
    IncomingCounter,
    Outgoing,
    OutgoingStatus,
    Series,
    Term,
    Urgency,
)
from danvan.reports.models import Rendering, Report, ReportStatus
from danvan.reports.render import letterhead_of

Recorders = Callable[[list[int]], dict[int, list]]


def _take(model: type[Model], **key) -> int:
    """The next serial of the counter row `key` (made at 0 when missing), taken in this transaction."""
    model.objects.get_or_create(**key)
    model.objects.filter(**key).update(last_serial=F("last_serial") + 1)
    return model.objects.filter(**key).values_list("last_serial", flat=True).get()


@transaction.atomic
def term_create(*, actor, org: Org, name: str, start: dt.date, end: dt.date | None = None) -> Term:
    name = nfc(name or "")
    if not name:
        raise ValidationError(_("Name the term, e.g. 2025–2030."))
    if end and end < start:
        raise ValidationError(_("The term ends before it starts."))
    overlapping = Term.objects.filter(org=org, start__lte=end or dt.date.max).exclude(end__lt=start)
    if overlapping.exists():
        raise ValidationError(_("This term overlaps the term %(name)s.") % {"name": overlapping.first().name})
    term = Term.objects.create(org=org, name=name, start=start, end=end)
    audit_record(actor=actor, action="registry.term", obj=term, org=org, changes={"term": [None, f"{start}/{end or ''}"]})
    return term


def issuer_code(org: Org) -> str:
    return letterhead_of(org).code or org.code


@transaction.atomic
def outgoing_issue(
    *,
    actor,
    org: Org,
    type_code: str,
    title: str,
    issued_on: dt.date,
    signer: str = "",
    recipients: str = "",
    file=None,
    report: Report | None = None,
    program=None,
    tasks: list | None = None,
) -> Outgoing:
    """Issue a document: the next number of its series (issuer, type, term), kept in the register.
    With `tasks` (of the org's programs), the document is also recorded as the activity that
    carries them out — an org's own plan for a program is the evidence of "make your plan"."""
    title = nfc(title or "")
    if type_code not in dict(TYPE_CODES):
        raise ValidationError(_("Unknown document type."))
    if not title:
        raise ValidationError(_("Give the document's title."))
    check_size(file)
    term = selectors.term_on(org, issued_on)
    if term is None:
        raise ValidationError(
            _("%(org)s has no term that covers %(day)s: set its terms first.") % {"org": org.name, "day": issued_on.strftime("%d/%m/%Y")}
        )
    series, _made = Series.objects.get_or_create(org=org, term=term, type_code=type_code)
    serial = _take(Series, pk=series.pk)
    outgoing = Outgoing(
        org=org,
        org_path=org.path,
        series=series,
        serial=serial,
        number=f"{serial:02d}-{type_code}/{issuer_code(org)}",
        type_code=type_code,
        title=title,
        issued_on=issued_on,
        signer=nfc(signer or ""),
        recipients=(recipients or "").strip(),
        report=report,
        program=program,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    outgoing.save()
    if tasks:
        outgoing.activity = activity_record(
            actor=actor,
            org=org,
            kind=ActivityKind.PLANNING,
            title=f"{outgoing.number}: {title}"[:300],
            held_on=issued_on,
            tasks=tasks,
            minutes=_("Issued as number %(number)s.") % {"number": outgoing.number},
        )
        outgoing.program = outgoing.program or tasks[0].program
        outgoing.save(update_fields=["activity", "program"])
    if file is not None:  # last: nothing after it can fail and leave a stored file behind
        outgoing.file.save(nfc(Path(file.name).name)[:200] or "van-ban", file, save=False)
        outgoing.save(update_fields=["file"])
    audit_record(actor=actor, action="registry.issue", obj=outgoing, org=org, changes={"number": [None, outgoing.number]})
    return outgoing


@transaction.atomic
def outgoing_cancel(*, actor, outgoing: Outgoing, reason: str) -> Outgoing:
    """Cancel an issued number: it stays in the register, marked, with the reason, never reused."""
    reason = nfc(reason or "")
    if not reason:
        raise ValidationError(_("Give the reason for cancelling this number."))
    outgoing = Outgoing.objects.select_for_update().get(pk=outgoing.pk)
    if outgoing.status == OutgoingStatus.CANCELLED:
        raise ValidationError(_("This number is cancelled already."))
    outgoing.status, outgoing.cancel_reason = OutgoingStatus.CANCELLED, reason
    outgoing.save(update_fields=["status", "cancel_reason"])
    audit_record(actor=actor, action="registry.cancel", obj=outgoing, org=outgoing.org, changes={"reason": [None, reason]})
    return outgoing


@transaction.atomic
def report_issue(*, actor, report: Report, signer: str = "", issued_on: dt.date | None = None) -> Outgoing:
    """Issue a filed report with the next number of its committee's BC series; its Word and PDF
    files are made again, with the number."""
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a filed report is issued."))
    if Outgoing.objects.filter(report=report, status=OutgoingStatus.ISSUED).exists():
        raise ValidationError(_("This report has been issued already."))
    letterhead = letterhead_of(report.org)
    outgoing = outgoing_issue(
        actor=actor,
        org=report.org,
        type_code="BC",
        title=report.cycle.title,
        issued_on=issued_on or timezone.localdate(),
        signer=signer or letterhead.signer_name,
        recipients=letterhead.recipients,
        report=report,
        program=report.cycle.programs.order_by("pk").first(),
    )
    Rendering.objects.filter(report=report).delete()  # the kept files carry no number yet
    return outgoing


@transaction.atomic
def incoming_register(
    *,
    actor,
    org: Org,
    received_on: dt.date,
    sender: str,
    title: str,
    doc_number: str = "",
    doc_date: dt.date | None = None,
    doc_type: str = "",
    urgency: str = Urgency.NORMAL,
    handler=None,
    handle_days: int | None = None,
    cal: Calendar | None = None,
    document=None,
    outgoing: Outgoing | None = None,
    serial: int | None = None,
) -> Incoming:
    """Enter a received document in the org's register for the year: the next serial, or the one
    on its incoming stamp when that serial is free. `handle_days` working days to handle it."""
    title, sender = nfc(title or ""), nfc(sender or "")
    if not title or not sender:
        raise ValidationError(_("Give the sender and the title of the document."))
    if urgency not in Urgency.values:
        raise ValidationError(_("Unknown urgency."))
    year = received_on.year
    if serial:
        if Incoming.objects.filter(org=org, year=year, serial=serial).exists():
            raise ValidationError(_("Incoming number %(n)s of %(year)s is taken already.") % {"n": serial, "year": year})
        counter, _made = IncomingCounter.objects.get_or_create(org=org, year=year)
        IncomingCounter.objects.filter(pk=counter.pk, last_serial__lt=serial).update(last_serial=serial)
    else:
        serial = _take(IncomingCounter, org=org, year=year)
    handle_by = None
    if handle_days:
        handle_by = (cal or Calendar()).add_working_days(received_on, handle_days)
    incoming = Incoming.objects.create(
        org=org,
        org_path=org.path,
        year=year,
        serial=serial,
        received_on=received_on,
        sender=sender[:255],
        doc_number=(doc_number or "")[:64],
        doc_date=doc_date,
        doc_type=(doc_type or "")[:64],
        title=title,
        urgency=urgency,
        handler=handler,
        handle_by=handle_by,
        document=document,
        outgoing=outgoing,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(actor=actor, action="registry.receive", obj=incoming, org=org, changes={"serial": [None, f"{serial}/{year}"]})
    return incoming


@transaction.atomic
def incoming_handle(
    *, actor, incoming: Incoming, handler=None, handle_by: dt.date | None = None, result: str = "", handled_on: dt.date | None = None
) -> Incoming:
    incoming = Incoming.objects.select_for_update().get(pk=incoming.pk)
    before = {
        "handler": str(incoming.handler or ""),
        "handle_by": str(incoming.handle_by or ""),
        "handled_on": str(incoming.handled_on or ""),
    }
    incoming.handler, incoming.handle_by, incoming.result, incoming.handled_on = handler, handle_by, nfc(result or ""), handled_on
    incoming.save(update_fields=["handler", "handle_by", "result", "handled_on"])
    after = {"handler": str(handler or ""), "handle_by": str(handle_by or ""), "handled_on": str(handled_on or "")}
    audit_record(
        actor=actor,
        action="registry.handle",
        obj=incoming,
        org=incoming.org,
        changes={k: [before[k], v] for k, v in after.items() if before[k] != v},
    )
    return incoming


def _tell(recorders: Recorders, distributions: list[Distribution], key: str, text: Callable[[Distribution], str]) -> int:
    people = recorders([d.org_id for d in distributions])
    told = 0
    for d in distributions:
        url = reverse("registry:incoming_detail", kwargs={"pk": d.incoming_id})
        for user in people.get(d.org_id, []):
            told += notify(user=user, key=key.format(pk=d.pk), text=text(d), url=url) is not None
    return told


@transaction.atomic
def distribute(*, actor, outgoing: Outgoing, orgs: list[Org], recorders: Recorders, ask_read: bool = False) -> list[Distribution]:
    """Send an issued document to orgs: each gets it in its incoming register with its own serial,
    and those who record there are told. An org that has it already is left as it is."""
    if outgoing.status != OutgoingStatus.ISSUED:
        raise ValidationError(_("A cancelled number is not sent."))
    if not orgs:
        raise ValidationError(_("Choose the organizations to send it to."))
    if any(not org.path.startswith(outgoing.org.path) or org.pk == outgoing.org_id for org in orgs):
        raise ValidationError(_("A document is sent to organizations under its issuer."))
    already = set(outgoing.distribution.values_list("org_id", flat=True))
    made = []
    today = timezone.localdate()
    for org in orgs:
        if org.pk in already:
            continue
        incoming = incoming_register(
            actor=actor,
            org=org,
            received_on=today,
            sender=outgoing.org.name,
            title=outgoing.title,
            doc_number=outgoing.number,
            doc_date=outgoing.issued_on,
            doc_type=outgoing.get_type_code_display(),
            outgoing=outgoing,
        )
        made.append(Distribution.objects.create(outgoing=outgoing, org=org, org_path=org.path, incoming=incoming, ask_read=ask_read))
    _tell(
        recorders,
        made,
        "distribution:{pk}",
        lambda d: (
            _("%(sender)s sent you %(number)s: %(title)s")
            % {"sender": outgoing.org.name, "number": outgoing.number, "title": outgoing.title}
        ),
    )
    audit_record(
        actor=actor,
        action="registry.distribute",
        obj=outgoing,
        org=outgoing.org,
        changes={"orgs": [None, [o.name for o in orgs if o.pk not in already]]},
    )
    return made


@transaction.atomic
def acknowledge(*, actor, distribution: Distribution, read: bool = False) -> Distribution:
    """The receiving org has the document (opened it); with `read`, has read it too."""
    distribution = Distribution.objects.select_for_update().get(pk=distribution.pk)
    now = timezone.now()
    changed = {}
    if distribution.acknowledged_at is None:
        distribution.acknowledged_at, distribution.acknowledged_by = now, actor
        changed["acknowledged"] = [None, now.isoformat()]
    if read and distribution.read_at is None:
        distribution.read_at, distribution.read_by = now, actor
        changed["read"] = [None, now.isoformat()]
    if changed:
        distribution.save(update_fields=["acknowledged_at", "acknowledged_by", "read_at", "read_by"])
        audit_record(actor=actor, action="registry.acknowledge", obj=distribution.outgoing, org=distribution.org, changes=changed)
    return distribution


@transaction.atomic
def remind_pending(*, actor, outgoing: Outgoing, recorders: Recorders) -> int:
    """Remind the orgs that have not acknowledged (or, where asked, not confirmed reading); once a day."""
    pending = [d for d in outgoing.distribution.select_related("org") if d.acknowledged_at is None or (d.ask_read and d.read_at is None)]
    if not pending:
        return 0
    today = timezone.localdate().isoformat()
    told = _tell(
        recorders,
        pending,
        "distribution:{pk}:remind:" + today,
        lambda d: (
            _("Reminder: %(sender)s is waiting for you to acknowledge %(number)s: %(title)s")
            % {"sender": outgoing.org.name, "number": outgoing.number, "title": outgoing.title}
        ),
    )
    Distribution.objects.filter(pk__in=[d.pk for d in pending]).update(reminded_at=timezone.now())
    audit_record(actor=actor, action="registry.remind", obj=outgoing, org=outgoing.org, changes={"orgs": [None, len(pending)]})
    return told
