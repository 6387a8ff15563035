"""Programs made from a reviewed document or typed in, their particulars and tasks edited with
history, and tasks an adopting org adds for itself."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record, diff, snapshot
from danvan.lib.text import nfc
from danvan.orgs.models import PARTY_KINDS, Org, OrgKind
from danvan.programs import engine
from danvan.programs.classify import activity_kind, iso_date, tasks_from
from danvan.programs.models import Adoption, Program, Task
from danvan.programs.services import obligations as generation
from danvan.programs.services.cascade import adoption_adopt
from danvan.programs.services.obligations import enqueue_generation, generate_pending, obligations_generate


@transaction.atomic
def program_create(
    *, actor, org: Org, data: dict, document=None, valid_from: dt.date | None = None, valid_to: dt.date | None = None
) -> Program:
    """Make a program and its tasks from a (reviewed) ParsedDocument; the issuing org adopts it."""
    if not data.get("tasks"):
        raise ValidationError(_("The document has no tasks: add them in the review before making a program."))
    issued = iso_date(data.get("date"))
    program = Program(
        org=org,
        document=document,
        number=data.get("number") or "",
        doc_type=data.get("type") or "",
        title=data.get("title") or data.get("number") or "",
        issued_on=issued,
        valid_from=valid_from or issued or timezone.localdate(),
        valid_to=valid_to,
        created_by=actor,
    )
    program.full_clean()
    program.save()
    Task.objects.bulk_create(tasks_from(program, data))
    audit_record(
        actor=actor,
        action="program.create",
        obj=program,
        org=org,
        changes={"number": [None, program.number], "tasks": [None, len(data["tasks"])]},
    )
    adoption = Adoption.objects.create(program=program, org=org, org_path=org.path, sent_by=None)
    adoption_adopt(actor=actor, adoption=adoption)
    return program


@transaction.atomic
def task_add_own(*, actor, adoption: Adoption, ref: str, text: str, cadence: list[dict], deadline: str = "") -> Task:
    """An adopting org adds a task of its own to the program, for itself and its subtree."""
    text = text.strip()
    ref = ref.strip()
    if not text or not ref:
        raise ValidationError(_("Give the task a reference and a text."))
    if deadline and engine.deadline_bounds(deadline) is None:
        raise ValidationError(_("“%(value)s” is not a deadline.") % {"value": deadline})
    program = adoption.program
    if program.tasks.filter(Q(added_by__isnull=True) | Q(added_by=adoption.org), ref=ref).exists():
        raise ValidationError(_("The program already has a task %(ref)s.") % {"ref": ref})
    position = (program.tasks.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    task = Task(
        program=program,
        added_by=adoption.org,
        ref=ref,
        position=position,
        text=text,
        actors=[],
        actor_kinds=[adoption.org.kind],
        cadence=cadence,
        deadline=deadline,
        activity_kind=activity_kind(text),
    )
    task.full_clean()
    task.save()
    audit_record(actor=actor, action="task.add_own", obj=task, org=adoption.org, changes={"ref": [None, ref], "text": [None, text]})
    obligations_generate(adoption=adoption, year=timezone.localdate().year)
    return task


PROGRAM_FIELDS = ["number", "doc_type", "title", "issued_on", "valid_from", "valid_to", "status"]
TASK_FIELDS = ["ref", "text", "actor_kinds", "cadence", "deadline", "lead", "activity_kind"]


def _check_program(program: Program) -> None:
    if program.valid_to and program.valid_to < program.valid_from:
        raise ValidationError(_("The program cannot end before it comes into force."))


@transaction.atomic
def program_create_by_hand(*, actor, org: Org, title: str, valid_from: dt.date, **fields) -> Program:
    """A program typed in rather than read from a document; its tasks are added one by one.
    The issuing org adopts it at once, like one made from a document."""
    program = Program(org=org, title=nfc(title).strip(), valid_from=valid_from, created_by=actor)
    for name in ("number", "doc_type"):
        setattr(program, name, nfc(fields.get(name) or "").strip())
    for name in ("issued_on", "valid_to"):
        setattr(program, name, fields.get(name))
    if not program.title:
        raise ValidationError(_("Give the program a title."))
    _check_program(program)
    program.full_clean()
    program.save()
    audit_record(actor=actor, action="program.create", obj=program, org=org, changes=diff({}, snapshot(program, PROGRAM_FIELDS)))
    adoption = Adoption.objects.create(program=program, org=org, org_path=org.path, sent_by=None)
    adoption_adopt(actor=actor, adoption=adoption)
    return program


@transaction.atomic
def program_update(*, actor, program: Program, **fields) -> Program:
    """Edit a program's particulars; the audit trail keeps each old value. A changed period of
    validity re-makes what is not recorded yet."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    before = snapshot(program, PROGRAM_FIELDS)
    for name, value in fields.items():
        if name not in PROGRAM_FIELDS:
            raise ValueError(name)
        setattr(program, name, nfc(value).strip() if isinstance(value, str) else value)
    _check_program(program)
    program.full_clean()
    changes = diff(before, snapshot(program, PROGRAM_FIELDS))
    if not changes:
        return program
    program.save(update_fields=list(changes))
    audit_record(actor=actor, action="program.update", obj=program, org=program.org, changes=changes)
    if {"valid_from", "valid_to"} & set(changes):
        _remake(program, program.tasks.all())
    return program


def _remake(program: Program, tasks) -> None:
    """After the terms of tasks changed: from this year on, drop their obligations where nothing
    is recorded and make them again on the new terms, at once for a few orgs, in the background
    for many (past years, met or missed, stay as they were)."""
    year = timezone.localdate().year
    remake = [t.pk for t in tasks]
    adoptions = Adoption.objects.filter(program=program)
    adoptions.update(obligations_year=None)
    if adoptions.count() <= generation.INLINE_CASCADE:
        generate_pending(program_id=program.pk, year=year, remake=remake)
    else:
        transaction.on_commit(lambda: enqueue_generation(program_id=program.pk, year=year, remake=remake))


@transaction.atomic
def task_save(
    *,
    actor,
    program: Program,
    task: Task | None = None,
    ref: str,
    text: str,
    cadence: list[dict],
    deadline: str = "",
    actor_kinds: list[str] | None = None,
    lead: str = "",
    fulfilled_by: str = "",
) -> Task:
    """Add a task to a program by hand, or edit one. A change of who acts, how often or by when
    re-makes the obligations not recorded yet, in every org that has the program."""
    ref, text, deadline = nfc(ref).strip(), nfc(text).strip(), deadline.strip()
    if not ref or not text:
        raise ValidationError(_("Give the task a reference and a text."))
    if deadline and engine.deadline_bounds(deadline) is None:
        raise ValidationError(_("“%(value)s” is not a deadline.") % {"value": deadline})
    unknown = set(actor_kinds or []) - set(OrgKind.values)
    if unknown:
        raise ValidationError(_("Unknown kind of organization: %(kinds)s") % {"kinds": ", ".join(sorted(unknown))})
    clash = program.tasks.filter(added_by__isnull=True, ref=ref)
    if task is not None:
        clash = clash.exclude(pk=task.pk)
    if clash.exists():
        raise ValidationError(_("The program already has a task %(ref)s.") % {"ref": ref})
    creating = task is None
    if creating:
        position = (program.tasks.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        task = Task(program=program, position=position)
    else:
        task = Task.objects.select_for_update().get(pk=task.pk, program=program)
    before = {} if creating else snapshot(task, TASK_FIELDS)
    task.ref, task.text, task.cadence, task.deadline, task.lead = ref, text, cadence, deadline, nfc(lead).strip()
    task.actor_kinds = sorted(actor_kinds or PARTY_KINDS)
    task.activity_kind = fulfilled_by or activity_kind(text)
    task.full_clean()
    changes = diff(before, snapshot(task, TASK_FIELDS))
    if not changes:
        return task
    task.save(update_fields=None if creating else list(changes))
    audit_record(actor=actor, action="task.create" if creating else "task.update", obj=task, org=program.org, changes=changes)
    if creating or {"cadence", "deadline", "actor_kinds"} & set(changes):
        _remake(program, [task])
    return task
