"""Programs: made from a reviewed document, cascaded down the tree, adopted, and turned into
obligations per org per period. Every write is one transaction with an audit row."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record, diff, snapshot
from danvan.lib.text import fold, nfc
from danvan.lib.workdays import Calendar
from danvan.orgs.models import PARTY_KINDS, Org, OrgKind, OrgStatus
from danvan.programs import counters, engine, weights
from danvan.programs.models import (
    MEETING_KINDS,
    ActivityKind,
    AdoptedTask,
    Adoption,
    AdoptionStatus,
    Obligation,
    Program,
    ProgramStatus,
    Task,
    WorkdayAdjustment,
)

MASS = [OrgKind.TRADE_UNION, OrgKind.YOUTH_UNION, OrgKind.VETERANS, OrgKind.WOMEN, OrgKind.MASS_OTHER]
PARTY = [OrgKind.COMMITTEE, OrgKind.PARTY_ORG, OrgKind.CELL]
# Who the parser says acts → which kinds of org hold the obligation.
ACTOR_KINDS = {
    "cap uy cac cap": PARTY,
    "cap uy": PARTY,
    "cac dang bo, chi bo truc thuoc": [OrgKind.PARTY_ORG, OrgKind.CELL],
    "chi bo": [OrgKind.CELL],
    "to chuc co so dang": [OrgKind.PARTY_ORG, OrgKind.CELL],
    "uy ban kiem tra cac cap": [OrgKind.COMMITTEE, OrgKind.PARTY_ORG],
    "uy ban kiem tra": [OrgKind.COMMITTEE, OrgKind.PARTY_ORG],
    "ban chap hanh cac doan the": PARTY,
    "ban chap hanh cong doan": [OrgKind.TRADE_UNION],
    "cong doan": [OrgKind.TRADE_UNION],
    "doan thanh nien": [OrgKind.YOUTH_UNION],
    "cac doan the": MASS,
    "hoi cuu chien binh": [OrgKind.VETERANS],
    "ban nu cong": [OrgKind.WOMEN],
    "hoi lien hiep phu nu": [OrgKind.WOMEN],
    "lanh dao co quan, don vi": [OrgKind.AGENCY],
    "thu truong co quan, don vi": [OrgKind.AGENCY],
    "cac co quan, don vi": [OrgKind.AGENCY],
    "nguoi dung dau": [OrgKind.AGENCY],
    "cac co quan bao chi": [OrgKind.AGENCY],
    "ban chi dao thuc hien quy che dan chu": [OrgKind.AGENCY],
    "cac ban cua dang uy": [OrgKind.COMMITTEE],
    "van phong dang uy": [OrgKind.COMMITTEE],
    "ban thuong vu": [OrgKind.COMMITTEE],
}
# What kind of activity fulfils a task, from its words; the first match wins.
ACTIVITY_WORDS = [
    (r"sinh hoat (chi bo )?chuyen de", ActivityKind.THEMATIC_MEETING),
    (r"lam viec voi ban chap hanh|lam viec voi .{0,30}doan the", ActivityKind.WORK_SESSION),
    (r"tuyen duong|khen thuong|thi dua|dan van kheo", ActivityKind.COMMENDATION),
    (r"toa dam|bao cao chuyen de", ActivityKind.SEMINAR),
    (r"tap huan|boi duong nghiep vu", ActivityKind.TRAINING),
    (r"doi thoai|tiep dan", ActivityKind.DIALOGUE),
    (r"kiem tra, giam sat|kiem tra giam sat|kiem tra, don doc", ActivityKind.INSPECTION),
    (r"hoc tap|quan triet|pho bien", ActivityKind.STUDY_SESSION),
    (r"quy che dan chu|cong khai", ActivityKind.DISCLOSURE),
    (r"tuyen truyen|bao chi|chuyen trang|chuyen muc", ActivityKind.PRESS),
    (r"chuong trinh, ke hoach|ke hoach cong tac", ActivityKind.PLANNING),
    (r"phan cong", ActivityKind.ASSIGNMENT),
    (r"bao cao", ActivityKind.REPORT),
]


def actor_kinds(actors: list[str]) -> list[str]:
    kinds: list[str] = []
    for actor in actors:
        for kind in ACTOR_KINDS.get(fold(actor), []):
            if kind not in kinds:
                kinds.append(kind)
    return kinds or list(PARTY)


def activity_kind(text: str) -> str:
    folded = fold(text)
    for pattern, kind in ACTIVITY_WORDS:
        if re.search(pattern, folded):
            return kind
    return ActivityKind.OTHER


def calendar() -> Calendar:
    return Calendar({a.day: a.is_working for a in WorkdayAdjustment.objects.all()})


def _iso(value: str | None) -> dt.date | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return None


def tasks_from(program: Program, data: dict) -> list[Task]:
    """Unsaved Task rows for a program, from a ParsedDocument's tasks."""
    return [
        Task(
            program=program,
            ref=t["ref"],
            position=i,
            text=t["text"],
            actors=t["actors"],
            actor_kinds=actor_kinds(t["actors"]),
            cadence=t["cadence"],
            deadline=t["deadline"] or "",
            lead=t["lead"] or "",
            support=t["support"],
            activity_kind=activity_kind(t["text"]),
        )
        for i, t in enumerate(data["tasks"])
    ]


@transaction.atomic
def program_create(
    *, actor, org: Org, data: dict, document=None, valid_from: dt.date | None = None, valid_to: dt.date | None = None
) -> Program:
    """Make a program and its tasks from a (reviewed) ParsedDocument; the issuing org adopts it."""
    if not data.get("tasks"):
        raise ValidationError(_("The document has no tasks: add them in the review before making a program."))
    issued = _iso(data.get("date"))
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
def program_cascade(*, actor, program: Program, from_org: Org, targets: list[Org]) -> list[Adoption]:
    """Send the program to orgs under `from_org`, which must have adopted it itself."""
    if not Adoption.objects.filter(program=program, org=from_org, status=AdoptionStatus.ADOPTED).exists():
        raise ValidationError(_("“%(org)s” must adopt the program before sending it on.") % {"org": from_org.name})
    created = []
    for org in targets:
        if org.pk == from_org.pk or not org.path.startswith(from_org.path):
            raise ValidationError(_("“%(org)s” is not under “%(from)s”.") % {"org": org.name, "from": from_org.name})
        if org.status != OrgStatus.ACTIVE:
            continue
        adoption, made = Adoption.objects.get_or_create(program=program, org=org, defaults={"org_path": org.path, "sent_by": from_org})
        if made:
            created.append(adoption)
    audit_record(actor=actor, action="program.cascade", obj=program, org=from_org, changes={"sent_to": [None, len(created)]})
    # The orgs owe the program from the day it is sent, adopted or not; adopting names who answers.
    # A few orgs get their obligations at once; a large cascade makes them in the background.
    year = timezone.localdate().year
    if len(created) <= INLINE_CASCADE:
        for adoption in created:
            obligations_generate(adoption=adoption, year=year)
    else:
        transaction.on_commit(lambda: _enqueue_generation(program.pk, year))
    return created


INLINE_CASCADE = 200


def _enqueue_generation(program_id: int, year: int, remake: list[int] | tuple = ()) -> None:
    from danvan.programs.tasks import generate_obligations

    generate_obligations.enqueue(program_id, year, list(remake))


def obligations_pending(program: Program, year: int) -> tuple[int, int]:
    """(orgs whose obligations for `year` are made, orgs the program was sent to)."""
    adoptions = Adoption.objects.filter(program=program)
    return adoptions.filter(obligations_year__gte=year).count(), adoptions.count()


GENERATION_BATCH = 500


def generate_pending(program_id: int, year: int, remake: list[int] | tuple = ()) -> int:
    """Make the obligations of every adoption still without them, a batch of orgs per
    transaction, so the worker can stop and resume and the progress bar moves. `remake` names
    tasks whose terms changed: in each batch their obligations from `year` on where nothing is
    recorded are dropped first, then made again. Returns how many orgs it did."""
    done = 0
    while True:
        with transaction.atomic():
            batch = list(
                Adoption.objects.filter(program_id=program_id)
                .exclude(obligations_year__gte=year)
                .select_related("org", "program")
                .select_for_update(skip_locked=True, of=("self",))  # two workers take different batches
                .order_by("org_path")[:GENERATION_BATCH]
            )
            if not batch:
                return done
            if remake:
                stale = Obligation.objects.filter(
                    task_id__in=remake, org_id__in=[a.org_id for a in batch], start__year__gte=year, done=0, waived_reason=""
                )
                counters.removed(list(stale.only("org_id", "org_path", "due", "done", "required", "waived_reason")))
                stale.delete()
            obligations_generate_many(batch, year)
            # The latest year made, also for a past or coming year (which the generation leaves alone).
            Adoption.objects.filter(pk__in=[a.pk for a in batch]).update(obligations_year=year)
        done += len(batch)


def programs_in_force(year: int):
    """Active programs whose validity covers some of `year`."""
    return Program.objects.filter(status=ProgramStatus.ACTIVE, valid_from__year__lte=year).filter(
        Q(valid_to__isnull=True) | Q(valid_to__year__gte=year)
    )


def _looser(deadline: str, sent: str) -> bool:
    """Whether `deadline` ends later than the `sent` one."""
    mine, theirs = engine.deadline_bounds(deadline), engine.deadline_bounds(sent)
    return bool(mine and theirs and mine[1] > theirs[1])


@transaction.atomic
def adoption_adopt(*, actor, adoption: Adoption, choices: dict[int, dict] | None = None, year: int | None = None) -> Adoption:
    """Adopt a program in an org: who answers for each task, tighter deadlines or a stricter
    minimum where wanted (never looser), then the obligations of the current year."""
    adoption = Adoption.objects.select_for_update().select_related("org", "program").get(pk=adoption.pk)
    choices = choices or {}
    tasks = {t.pk: t for t in adoption.program.tasks.filter(Q(added_by__isnull=True) | Q(added_by=adoption.org))}
    for task_id, choice in choices.items():
        task = tasks.get(task_id)
        if task is None:
            raise ValidationError(_("A task that is not part of this program was given."))
        deadline = (choice.get("deadline") or "").strip()
        if deadline and engine.deadline_bounds(deadline) is None:
            raise ValidationError(_("Task %(ref)s: “%(value)s” is not a deadline.") % {"ref": task.ref, "value": deadline})
        if deadline and task.deadline and _looser(deadline, task.deadline):
            raise ValidationError(
                _("Task %(ref)s: the deadline may be brought forward, not pushed back (sent: %(sent)s).")
                % {"ref": task.ref, "sent": task.deadline}
            )
        minimum = choice.get("min_per_period")
        sent_min = max((c.get("min") or 1) for c in task.cadence) if task.cadence else 1
        if minimum is not None and minimum < sent_min:
            raise ValidationError(_("Task %(ref)s: at least %(n)s times per period were asked for.") % {"ref": task.ref, "n": sent_min})
        AdoptedTask.objects.update_or_create(
            adoption=adoption,
            task=task,
            defaults={
                "responsible": choice.get("responsible"),
                "deadline": deadline,
                "min_per_period": minimum,
                "interval_months": choice.get("interval_months"),
            },
        )
        if deadline or minimum is not None or choice.get("interval_months"):
            # Re-make this task's periods on the org's own terms, where nothing is recorded yet.
            stale = Obligation.objects.filter(adoption=adoption, task=task, done=0, waived_reason="")
            counters.removed(list(stale))
            stale.delete()
    first = adoption.status != AdoptionStatus.ADOPTED
    if first:
        adoption.status = AdoptionStatus.ADOPTED
        adoption.adopted_at = timezone.now()
        adoption.adopted_by = actor if getattr(actor, "is_authenticated", False) else None
        adoption.save(update_fields=["status", "adopted_at", "adopted_by"])
    audit_record(
        actor=actor,
        action="adoption.adopt" if first else "adoption.update",
        obj=adoption,
        org=adoption.org,
        changes={
            "status": [AdoptionStatus.SENT if first else AdoptionStatus.ADOPTED, AdoptionStatus.ADOPTED],
            "tasks_set": [None, len(choices)],
        },
    )
    obligations_generate(adoption=adoption, year=year or timezone.localdate().year)
    return adoption


def applies_to(task: Task, org: Org) -> bool:
    return org.kind in (task.actor_kinds or PARTY_KINDS)


@transaction.atomic
def obligations_generate(*, adoption: Adoption, year: int, cal: Calendar | None = None) -> int:
    """Create the year's obligations of an adopted program for its org. Idempotent: rows that
    exist (with what was recorded on them) are left as they are."""
    return obligations_generate_many([adoption], year, cal)


@transaction.atomic
def obligations_generate_many(adoptions: list[Adoption], year: int, cal: Calendar | None = None) -> int:
    """`obligations_generate` for many orgs of one program at once: a few queries for the batch,
    periods worked out once per distinct set of terms, rows and counters written in bulk."""
    from danvan.activities.models import Activity

    if not adoptions:
        return 0
    cal = cal or calendar()
    program = adoptions[0].program
    orgs = {a.org_id: a.org for a in adoptions}
    tasks = list(program.tasks.filter(Q(added_by__isnull=True) | Q(added_by_id__in=list(orgs))))
    overrides = {(a.adoption_id, a.task_id): a for a in AdoptedTask.objects.filter(adoption__in=adoptions)}
    existing = set(Obligation.objects.filter(org_id__in=list(orgs), task__program=program).values_list("org_id", "task_id", "period_key"))
    periods_for: dict[tuple, list] = {}
    rows = []
    for adoption in adoptions:
        org = orgs[adoption.org_id]
        received = timezone.localtime(adoption.sent_at).date() if adoption.sent_at else timezone.localdate()
        for task in tasks:
            if (task.added_by_id and task.added_by_id != org.pk) or not applies_to(task, org):
                continue
            own = overrides.get((adoption.pk, task.pk))
            deadline = (own.deadline if own and own.deadline else task.deadline) or None
            interval = own.interval_months if own else None
            terms = (task.pk, deadline, interval)
            if terms not in periods_for:
                periods_for[terms] = engine.task_periods(
                    task.cadence,
                    year,
                    cal,
                    interval_months=interval,
                    deadline=deadline,
                    valid_from=program.valid_from,
                    valid_to=program.valid_to,
                )
            for period in periods_for[terms]:
                if (org.pk, task.pk, period.key) in existing or (program.valid_to and period.start > program.valid_to):
                    continue
                if period.end < received:
                    continue  # an org owes nothing for periods that ended before the program reached it
                required = max(period.required, own.min_per_period or 0) if own else period.required
                rows.append(
                    Obligation(
                        org=org,
                        org_path=org.path,
                        task=task,
                        adoption=adoption,
                        period_key=period.key,
                        start=period.start,
                        end=period.end,
                        due=period.due,
                        required=required,
                        maximum=period.maximum,
                        weight=weights.org_weight(org.pk, period.due),
                    )
                )
    Obligation.objects.bulk_create(rows, batch_size=2000)
    counters.added(rows)
    if year == timezone.localdate().year:
        Adoption.objects.filter(pk__in=[a.pk for a in adoptions]).exclude(obligations_year__gte=year).update(obligations_year=year)
    # Activities recorded before the adoption count too.
    active = set(Activity.objects.filter(org_id__in=list(orgs), held_on__year=year).values_list("org_id", flat=True).distinct())
    if active:
        for obligation in Obligation.objects.filter(org_id__in=active, task__program=program, start__year=year).select_related("task"):
            recount(obligation)
    return len(rows)


def fulfilling_activities(obligation: Obligation):
    from danvan.activities.models import Activity

    activities = Activity.objects.filter(
        org_id=obligation.org_id, tasks=obligation.task_id, held_on__gte=obligation.start, held_on__lte=obligation.end
    )
    kind = obligation.task.activity_kind
    if kind != ActivityKind.OTHER:
        activities = activities.filter(kind=kind)
    if kind in MEETING_KINDS:
        # A meeting counts once it has minutes and attendance.
        activities = activities.exclude(minutes="").filter(attendance__isnull=False).distinct()
    return activities


def recount(obligation: Obligation) -> None:
    done = fulfilling_activities(obligation).count()
    if obligation.maximum:
        done = min(done, obligation.maximum)
    if done != obligation.done:
        before = counters.state(obligation)
        obligation.done = done
        obligation.save(update_fields=["done"])
        counters.changed(obligation, before)


@transaction.atomic
def obligation_waive(*, actor, obligation: Obligation, reason: str) -> Obligation:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for waiving this obligation."))
    obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
    before = counters.state(obligation)
    obligation.waived_reason = reason
    obligation.waived_by = actor
    obligation.save(update_fields=["waived_reason", "waived_by"])
    counters.changed(obligation, before)
    audit_record(actor=actor, action="obligation.waive", obj=obligation, org=obligation.org, changes={"waived": [None, reason]})

    return obligation


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
    task = Task.objects.create(
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
    for name in ("number", "doc_type", "issued_on", "valid_to"):
        value = fields.get(name)
        setattr(program, name, nfc(value).strip() if isinstance(value, str) else value)
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
    if adoptions.count() <= INLINE_CASCADE:
        generate_pending(program.pk, year, remake)
    else:
        transaction.on_commit(lambda: _enqueue_generation(program.pk, year, remake))


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
    task.save()
    audit_record(actor=actor, action="task.create" if creating else "task.update", obj=task, org=program.org, changes=changes)
    if creating or {"cadence", "deadline", "actor_kinds"} & set(changes):
        _remake(program, [task])
    return task
