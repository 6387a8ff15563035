import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.activities.models import Activity, Attendance, AttendanceStatus
from danvan.audit.services import audit_record
from danvan.lib.text import nfc
from danvan.orgs.models import Membership, Org
from danvan.programs.models import Obligation, Task
from danvan.programs.services import recount


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
) -> Activity:
    """Record an activity with its attendance; the obligations it fulfils are recounted in the
    same transaction, so the org's status changes the moment it is saved."""
    attendance = attendance or {}
    members = set(Membership.objects.on(held_on).filter(org=org).values_list("person_id", flat=True))
    strangers = set(attendance) - members
    if strangers:
        raise ValidationError(_("Attendance lists someone who was not a member of %(org)s on that day.") % {"org": org.name})
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
    for obligation in Obligation.objects.filter(org=org, task__in=tasks, start__lte=held_on, end__gte=held_on).select_related("task"):
        recount(obligation)
    present = sum(1 for s in attendance.values() if s == AttendanceStatus.PRESENT)
    audit_record(
        actor=actor,
        action="activity.record",
        obj=activity,
        org=org,
        changes={"kind": [None, kind], "held_on": [None, held_on.isoformat()], "present": [None, present]},
    )
    return activity
