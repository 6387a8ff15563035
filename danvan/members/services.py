"""Writes on members' tasks, one transaction and one audit row each; the counters move with them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.lib.text import nfc, nfc_lines
from danvan.members import counters
from danvan.members.models import Assessment, MemberTask, Place
from danvan.orgs.models import Membership, Org


def report_window(year: int) -> tuple[dt.date, dt.date]:
    """When members report on the year's task and cells assess them: from DANVAN_MEMBER_REPORT_FROM
    of the year to DANVAN_MEMBER_REPORT_UNTIL of the next ("MM-DD" each)."""
    return dt.date(year, *settings.DANVAN_MEMBER_REPORT_FROM), dt.date(year + 1, *settings.DANVAN_MEMBER_REPORT_UNTIL)


@transaction.atomic
def tasks_assign(
    *, actor, org: Org, year: int, person_ids: list[int], text: str, place: str, with_whom: str = "", today: dt.date
) -> tuple[int, int]:
    """Give each chosen party member of the cell `org` the year's task (a member who has one gets
    the new text, to acknowledge again). Returns (given, changed)."""
    text, with_whom = nfc_lines(text or ""), nfc(with_whom or "")
    if not text:
        raise ValidationError(_("Write the task, or choose a common one."))
    if place not in Place.values:
        raise ValidationError(_("Choose where the task is carried out."))
    if not person_ids:
        raise ValidationError(_("Choose the members."))
    members = {
        m.person_id: m.person
        for m in Membership.objects.filter(
            org=org, end__isnull=True, person_id__in=person_ids, person__party_joined_on__isnull=False
        ).select_related("person")
    }
    if set(person_ids) - set(members):
        raise ValidationError(_("Tasks are given to the cell's own party members."))
    existing = {t.person_id: t for t in MemberTask.objects.select_for_update().filter(org=org, year=year, person_id__in=person_ids)}
    given = changed = 0
    for person_id in person_ids:
        task = existing.get(person_id)
        if task is None:
            task = MemberTask.objects.create(
                person_id=person_id, org=org, org_path=org.path, year=year, text=text, place=place, with_whom=with_whom,
                assigned_on=today, assigned_by=actor if getattr(actor, "is_authenticated", False) else None,
            )  # fmt: skip
            counters.move(None, counters.contribution(task))
            given += 1
        elif (task.text, task.place, task.with_whom) != (text, place, with_whom):
            before = counters.contribution(task)
            task.text, task.place, task.with_whom, task.assigned_on, task.acknowledged_on = text, place, with_whom, today, None
            task.save(update_fields=["text", "place", "with_whom", "assigned_on", "acknowledged_on"])
            counters.move(before, counters.contribution(task))
            changed += 1
    changes = {"year": [None, year], "task": [None, text[:200]], "members": [None, len(person_ids)], "given": [None, given]}
    audit_record(actor=actor, action="member_task.assign", obj=org, org=org, changes={**changes, "changed": [None, changed]})
    return given, changed


def _own(actor, task: MemberTask) -> None:
    if getattr(actor, "person_id", None) != task.person_id:
        raise PermissionDenied


def _locked(task: MemberTask) -> tuple[MemberTask, tuple]:
    locked = MemberTask.objects.select_for_update().select_related("person", "org").get(pk=task.pk)
    return locked, counters.contribution(locked)


def _save(task: MemberTask, before: tuple, fields: list[str], actor, action: str, changes: dict) -> MemberTask:
    task.save(update_fields=fields)
    counters.move(before, counters.contribution(task))
    audit_record(actor=actor, action=action, obj=task, org=task.org, changes=changes)
    return task


@transaction.atomic
def task_acknowledge(*, actor, task: MemberTask, today: dt.date) -> MemberTask:
    """The member says they have taken the task on."""
    task, before = _locked(task)
    _own(actor, task)
    if task.acknowledged_on is not None:
        return task
    task.acknowledged_on = today
    return _save(task, before, ["acknowledged_on"], actor, "member_task.acknowledge", {"acknowledged_on": [None, today.isoformat()]})


@transaction.atomic
def task_self_report(*, actor, task: MemberTask, text: str, today: dt.date) -> MemberTask:
    """The member's own account of the year's task, within the reporting window."""
    task, before = _locked(task)
    _own(actor, task)
    opens, closes = report_window(task.year)
    if not opens <= today <= closes:
        raise ValidationError(
            _("Members report on their task from %(a)s to %(b)s.") % {"a": opens.strftime("%d/%m/%Y"), "b": closes.strftime("%d/%m/%Y")}
        )
    if task.assessment:
        raise ValidationError(_("The cell has assessed this task already."))
    text = nfc_lines(text or "")
    if not text:
        raise ValidationError(_("Write what you did."))
    previous = task.self_report
    task.self_report, task.self_reported_on = text, today
    if task.acknowledged_on is None:
        task.acknowledged_on = today
    return _save(
        task,
        before,
        ["self_report", "self_reported_on", "acknowledged_on"],
        actor,
        "member_task.self_report",
        {"self_report": [previous, text]},
    )


@transaction.atomic
def task_assess(*, actor, task: MemberTask, assessment: str, note: str = "", today: dt.date) -> MemberTask:
    """The cell's assessment of the year's task (it feeds the member's annual quality rating)."""
    task, before = _locked(task)
    if assessment not in Assessment.values:
        raise ValidationError(_("Choose the assessment."))
    opens, _closes = report_window(task.year)
    if today < opens:
        raise ValidationError(_("The year's tasks are assessed from %(a)s.") % {"a": opens.strftime("%d/%m/%Y")})
    previous = task.assessment
    task.assessment, task.assessment_note, task.assessed_on = assessment, nfc(note or ""), today
    return _save(
        task,
        before,
        ["assessment", "assessment_note", "assessed_on"],
        actor,
        "member_task.assess",
        {"assessment": [previous or None, assessment]},
    )
