"""Making the obligations: per org, per task, per period, from the tasks' cadences — one org at a
time when a program is adopted, a batch of orgs per transaction when it is sent to thousands —
and waiving one. Every change to obligation rows is told to `changes` in the same transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.lib import weights
from danvan.lib.workdays import Calendar
from danvan.programs import changes, engine
from danvan.programs.models import AdoptedTask, Adoption, Obligation, Program
from danvan.programs.selectors import applies_to, calendar
from danvan.programs.status import contribution

INLINE_CASCADE = 200


def enqueue_generation(*, program_id: int, year: int, remake: list[int] | tuple = ()) -> None:
    from danvan.programs.tasks import generate_obligations  # the task module imports this one

    Program.objects.filter(pk=program_id).update(generating_year=year)  # the page shows the progress bar
    generate_obligations.enqueue(program_id, year, list(remake))


GENERATION_BATCH = 500


def generate_pending(*, program_id: int, year: int, remake: list[int] | tuple = ()) -> int:
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
                Program.objects.filter(pk=program_id, generating_year=year).update(generating_year=None)
                return done
            if remake:
                stale = Obligation.objects.filter(
                    task_id__in=remake, org_id__in=[a.org_id for a in batch], start__year__gte=year, done=0, waived_reason=""
                )
                changes.removed(list(stale.only("org_id", "org_path", "due", "done", "required", "waived_reason")))
                stale.delete()
            obligations_generate_many(adoptions=batch, year=year)
            # The latest year made, also for a past or coming year (which the generation leaves alone).
            Adoption.objects.filter(pk__in=[a.pk for a in batch]).update(obligations_year=year)
        done += len(batch)


@transaction.atomic
def obligations_generate(*, adoption: Adoption, year: int, cal: Calendar | None = None) -> int:
    """Create the year's obligations of an adopted program for its org. Idempotent: rows that
    exist (with what was recorded on them) are left as they are."""
    return obligations_generate_many(adoptions=[adoption], year=year, cal=cal)


@transaction.atomic
def obligations_generate_many(*, adoptions: list[Adoption], year: int, cal: Calendar | None = None) -> int:
    """`obligations_generate` for many orgs of one program at once: a few queries for the batch,
    periods worked out once per distinct set of terms, rows and counters written in bulk."""
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
    changes.added(rows)  # the counters, and activities recorded before the obligation existed
    if year == timezone.localdate().year:
        Adoption.objects.filter(pk__in=[a.pk for a in adoptions]).exclude(obligations_year__gte=year).update(obligations_year=year)
    return len(rows)


@transaction.atomic
def obligation_waive(*, actor, obligation: Obligation, reason: str) -> Obligation:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for waiving this obligation."))
    obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
    before = contribution(obligation)
    obligation.waived_reason = reason
    obligation.waived_by = actor
    obligation.save(update_fields=["waived_reason", "waived_by"])
    changes.changed(obligation, before)
    audit_record(actor=actor, action="obligation.waive", obj=obligation, org=obligation.org, changes={"waived": [None, reason]})

    return obligation
