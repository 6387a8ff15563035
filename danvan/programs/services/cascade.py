"""Sending a program down the tree, and adopting it in an org."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.orgs.models import Membership, Org, OrgStatus
from danvan.programs import changes, engine
from danvan.programs.models import AdoptedTask, Adoption, AdoptionStatus, Obligation, Program
from danvan.programs.services import obligations as generation
from danvan.programs.services.obligations import enqueue_generation, obligations_generate


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
    if len(created) <= generation.INLINE_CASCADE:
        for adoption in created:
            obligations_generate(adoption=adoption, year=year)
    else:
        transaction.on_commit(lambda: enqueue_generation(program_id=program.pk, year=year))
    return created


MAX_PER_PERIOD = 100
MAX_INTERVAL_MONTHS = 60


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
    members = set(Membership.objects.filter(org=adoption.org, end__isnull=True).values_list("person_id", flat=True))
    for task_id, choice in choices.items():
        task = tasks.get(task_id)
        if task is None:
            raise ValidationError(_("A task that is not part of this program was given."))
        responsible_id = choice.get("responsible_id")
        if responsible_id is not None and responsible_id not in members:
            raise ValidationError(_("Task %(ref)s: choose the responsible person among the members.") % {"ref": task.ref})
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
        if minimum is not None and minimum > MAX_PER_PERIOD:
            raise ValidationError(_("Task %(ref)s: at most %(n)s times per period.") % {"ref": task.ref, "n": MAX_PER_PERIOD})
        interval = choice.get("interval_months")
        if interval is not None and not 1 <= interval <= MAX_INTERVAL_MONTHS:
            raise ValidationError(
                _("Task %(ref)s: the interval is from 1 to %(high)s months.") % {"ref": task.ref, "high": MAX_INTERVAL_MONTHS}
            )
        AdoptedTask.objects.update_or_create(
            adoption=adoption,
            task=task,
            defaults={
                "responsible_id": responsible_id,
                "deadline": deadline,
                "min_per_period": minimum,
                "interval_months": interval,
            },
        )
        if deadline or minimum is not None or interval:
            # Re-make this task's periods on the org's own terms, where nothing is recorded yet.
            stale = Obligation.objects.filter(adoption=adoption, task=task, done=0, waived_reason="")
            changes.removed(list(stale))
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
