"""Which activities fulfil an obligation, and why one does not count yet: the activities stage's
rule, applied when an activity is recorded and when obligations are made (an activity held before
its obligation existed counts once it does)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from danvan.activities.models import MEETING_KINDS, Activity
from danvan.programs import changes
from danvan.programs.models import ActivityKind, Obligation
from danvan.programs.status import contribution


def recorded_for(obligation: Obligation):
    """Activities of the obligation's org, for its task, held in its period: the candidates."""
    return Activity.objects.filter(
        org_id=obligation.org_id, tasks=obligation.task_id, held_on__gte=obligation.start, held_on__lte=obligation.end
    )


def fulfilling_activities(obligation: Obligation):
    activities = recorded_for(obligation)
    kind = obligation.task.activity_kind
    if kind != ActivityKind.OTHER:
        activities = activities.filter(kind=kind)
    if kind in MEETING_KINDS:
        activities = activities.exclude(minutes="").filter(attendance__isnull=False).distinct()
    return activities


def recount_locked(obligations) -> None:
    """Recount obligations (a queryset) after locking their rows, in id order. Two activities
    recorded at once for the same obligation would otherwise both count from the same old
    `done` and both move the counters (a lost update PostgreSQL allows under READ COMMITTED;
    SQLite's IMMEDIATE transactions serialize writers anyway): the second now waits, then counts
    what the first committed."""
    for obligation in obligations.select_for_update(of=("self",)).select_related("task").order_by("pk"):
        recount(obligation)


def recount(obligation: Obligation) -> None:
    """Count the obligation's fulfilling activities again and tell the counters if it changed.
    The caller holds the obligation's row lock (`recount_locked`)."""
    done = fulfilling_activities(obligation).count()
    if obligation.maximum:
        done = min(done, obligation.maximum)
    if done != obligation.done:
        before = contribution(obligation)
        obligation.done = done
        obligation.save(update_fields=["done"])
        changes.changed(obligation, before)


@dataclass
class Evidence:
    counting: list = field(default_factory=list)
    # (activity, [reasons it does not count]) for the others recorded for the task in the period
    not_counting: list[tuple] = field(default_factory=list)


def reasons_not_counting(activity: Activity, obligation: Obligation, *, has_attendance: bool) -> list[str]:
    """Why `activity` does not fulfil `obligation` (empty when it does)."""
    kind = obligation.task.activity_kind
    reasons = []
    if kind != ActivityKind.OTHER and activity.kind != kind:
        reasons.append(_("the task asks for: %(kind)s") % {"kind": ActivityKind(kind).label})
    if kind in MEETING_KINDS:
        if not activity.minutes:
            reasons.append(_("no minutes"))
        if not has_attendance:
            reasons.append(_("no attendance"))
    return [str(r) for r in reasons]


def evidence(obligation: Obligation) -> Evidence:
    """The activities that count for an obligation, and those recorded for it that do not, with why."""
    found = Evidence()
    counting = set(fulfilling_activities(obligation).values_list("pk", flat=True))
    rows = recorded_for(obligation).annotate(n_files=Count("files", distinct=True), n_attendance=Count("attendance", distinct=True))
    for activity in rows.order_by("held_on", "pk"):
        if activity.pk in counting:
            found.counting.append(activity)
        else:
            found.not_counting.append((activity, reasons_not_counting(activity, obligation, has_attendance=activity.n_attendance > 0)))
    return found


def added(obligations: list[Obligation]) -> None:
    """New obligations: count the activities already recorded in their orgs and periods."""
    orgs = {o.org_id for o in obligations}
    years = {o.start.year for o in obligations} | {o.end.year for o in obligations}
    active = set(Activity.objects.filter(org_id__in=orgs, held_on__year__in=years).values_list("org_id", flat=True).distinct())
    if not active:
        return
    keys = {(o.org_id, o.task_id, o.period_key) for o in obligations if o.org_id in active}
    candidates = Obligation.objects.filter(org_id__in=active, task_id__in={k[1] for k in keys}, start__year__in=years)
    wanted = [
        pk for pk, org, task, period in candidates.values_list("pk", "org_id", "task_id", "period_key") if (org, task, period) in keys
    ]
    recount_locked(Obligation.objects.filter(pk__in=wanted))
