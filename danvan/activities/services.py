import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from danvan.activities.fulfilment import recount_locked
from danvan.activities.models import Activity, ActivityFile, Attendance, AttendanceStatus
from danvan.audit.services import audit_record
from danvan.lib.text import nfc
from danvan.lib.uploads import MAX_FILE_BYTES, check_size
from danvan.orgs.models import Membership, Org
from danvan.programs.models import Obligation, Task


@transaction.atomic
def activity_record(
    *,
    actor,
    org: Org,
    kind: str,
    title: str,
    held_on: dt.date,
    tasks: list[Task],
    minutes: str = "",
    chair=None,
    outsiders: int = 0,
    attendance: dict[int, str] | None = None,
    files: list | None = None,
) -> Activity:
    """Record an activity with its attendance; the obligations it fulfils are recounted in the
    same transaction, so the org's status changes the moment it is saved. The chair and the
    attendees must be members of the org on the day; the tasks must be ones the org carries out."""
    attendance = attendance or {}
    members = set(Membership.objects.on(held_on).filter(org=org).values_list("person_id", flat=True))
    strangers = set(attendance) - members
    if strangers:
        raise ValidationError(_("Attendance lists someone who was not a member of %(org)s on that day.") % {"org": org.name})
    if chair is not None and chair.pk not in members:
        raise ValidationError(_("The chair was not a member of %(org)s on that day.") % {"org": org.name})
    task_ids = {t.pk for t in tasks}
    owed = set(Obligation.objects.filter(org=org, task_id__in=task_ids).values_list("task_id", flat=True).distinct())
    if task_ids - owed:
        raise ValidationError(_("A task is not one this organization has to carry out."))
    if any(status not in AttendanceStatus.values for status in attendance.values()):
        raise ValidationError(_("Unknown attendance status."))
    activity = Activity(
        org=org,
        org_path=org.path,
        kind=kind,
        title=nfc(title),
        held_on=held_on,
        chair=chair,
        minutes=minutes.strip(),
        outsiders=outsiders,
        created_by=actor,
    )
    activity.full_clean()
    activity.save()
    activity.tasks.set(tasks)
    Attendance.objects.bulk_create([Attendance(activity=activity, person_id=p, status=s) for p, s in attendance.items()])
    touched = Obligation.objects.filter(org=org, task__in=tasks, start__lte=held_on, end__gte=held_on)
    recount_locked(touched)
    _keep(actor, activity, files or [])  # last: nothing after it can fail and leave stored files behind
    present = sum(1 for s in attendance.values() if s == AttendanceStatus.PRESENT)
    audit_record(
        actor=actor,
        action="activity.record",
        obj=activity,
        org=org,
        changes={
            "kind": [None, kind],
            "held_on": [None, held_on.isoformat()],
            "present": [None, present],
            "files": [None, [f.name for f in files or []]],
        },
    )
    return activity


def _keep(actor, activity: Activity, files: list) -> list[ActivityFile]:
    check_size(*files, limit=MAX_FILE_BYTES)
    kept = []
    for upload in files:
        name = nfc(Path(upload.name).name)[:255] or "tep"
        row = ActivityFile(activity=activity, name=name, size=upload.size, uploaded_by=actor if _is_user(actor) else None)
        row.file.save(name, upload, save=False)
        row.save()
        kept.append(row)
    return kept


def _is_user(actor) -> bool:
    return bool(getattr(actor, "is_authenticated", False))


@transaction.atomic
def activity_attach(*, actor, activity: Activity, files: list) -> list[ActivityFile]:
    """Add files to an activity recorded earlier (the signed minutes often come a few days later)."""
    if not files:
        raise ValidationError(_("Choose at least one file."))
    kept = _keep(actor, activity, files)
    audit_record(actor=actor, action="activity.attach", obj=activity, org=activity.org, changes={"files": [None, [k.name for k in kept]]})
    return kept


@transaction.atomic
def activity_remove(*, actor, activity: Activity) -> None:
    """Remove an activity recorded by mistake (or whose record is being written again): the
    obligations it met are recounted in the same transaction, its stored files are deleted once
    the removal is committed. An activity that carries records of its own (commitments agreed
    there, findings, a conference resolution) is refused: those go first."""
    activity = Activity.objects.select_for_update(of=("self",)).select_related("org").get(pk=activity.pk)
    touched = list(
        Obligation.objects.filter(
            org_id=activity.org_id, task__in=activity.tasks.all(), start__lte=activity.held_on, end__gte=activity.held_on
        ).values_list("pk", flat=True)
    )
    stored = [f.file for f in activity.files.all()]
    changes = {"kind": [activity.kind, None], "held_on": [activity.held_on.isoformat(), None], "title": [activity.title, None]}
    audit_record(actor=actor, action="activity.remove", obj=activity, org=activity.org, changes=changes)
    try:
        with transaction.atomic():
            activity.delete()
    except ProtectedError:
        raise ValidationError(_("This activity has records of its own (commitments, findings, a resolution): remove them first.")) from None
    recount_locked(Obligation.objects.filter(pk__in=touched))
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in stored if f.name])
