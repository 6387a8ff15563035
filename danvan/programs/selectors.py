"""Reads of the programs stage: an org's to-do, a person's tasks, the obligations behind a matrix
cell, and what the services need to know (the calendar of working days, who a task applies to)."""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, F, Func, Q, Value, When
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from danvan.lib.text import search_terms
from danvan.lib.workdays import Calendar
from danvan.orgs.models import PARTY_KINDS, Org, OrgStatus, subtree_q
from danvan.programs.models import AdoptedTask, Adoption, AdoptionStatus, Obligation, Program, ProgramStatus, Task, WorkdayAdjustment
from danvan.programs.status import status_expression


def calendar() -> Calendar:
    return Calendar({a.day: a.is_working for a in WorkdayAdjustment.objects.all()})


def obligations_pending(program: Program, year: int) -> tuple[int, int]:
    """(orgs whose obligations for `year` are made, orgs the program was sent to)."""
    counts = Adoption.objects.filter(program=program).aggregate(sent=Count("id"), made=Count("id", filter=Q(obligations_year__gte=year)))
    return counts["made"], counts["sent"]  # one pass over the program's adoptions, not two


def programs_in_force(year: int):
    """Active programs whose validity covers some of `year`."""
    return Program.objects.filter(status=ProgramStatus.ACTIVE, valid_from__year__lte=year).filter(
        Q(valid_to__isnull=True) | Q(valid_to__year__gte=year)
    )


def applies_to(task: Task, org: Org) -> bool:
    return org.kind in (task.actor_kinds or PARTY_KINDS)


def obligations_in(program: Program, org: Org, year: int, today: dt.date, *, task_id: int | None = None, status: str = ""):
    """The obligations behind a matrix cell: in `org`'s subtree, for one task or all, by status; in
    the tree's order, then the task's place in the program, then due, then the key (a stable order
    for paging).

    The program is its tasks' keys, and a task's place a value written in the query, so that a
    page's keys (`values_list("pk")`) are chosen over the obligations alone, walking the subtree's
    part of the (org path, due) index to the page: joined to the tasks, SQLite read the country's
    obligations task by task through (task, org path) and sorted them all (20 s). The key of the
    task is written `+task_id`, a term no index serves, so neither engine is tempted back to
    that index."""
    tasks = dict(program.tasks.filter(**({"pk": task_id} if task_id else {})).order_by().values_list("pk", "position"))
    position = Case(*(When(task_id=pk, then=Value(n)) for pk, n in tasks.items()), default=Value(0))
    found = (
        Obligation.objects.alias(task_key=Func(F("task_id"), template="+%(expressions)s", output_field=models.IntegerField()))
        .filter(org.subtree_filter("org_path"), task_key__in=list(tasks), start__year=year)
        .annotate(state=status_expression(today), position=position)
        .select_related("org", "task")
    )
    if status:
        found = found.filter(state=status)
    return found.order_by("org_path", "position", "due", "pk")


def obligations_by_pk(keys: list[int], today: dt.date) -> list[Obligation]:
    """The obligations with these keys (a page of `obligations_in`, chosen over the obligations
    alone), with their org and task, in the order of `keys`: joined for a page's fifty rows
    rather than for the thousands of a subtree before they are sorted — which PostgreSQL does when
    it takes a narrow subtree for a single row."""
    found = Obligation.objects.filter(pk__in=keys).annotate(state=status_expression(today)).select_related("org", "task").in_bulk()
    return [found[key] for key in keys if key in found]


def todo(org: Org, year: int, today: dt.date):
    return (
        Obligation.objects.filter(org=org, start__year=year)
        .annotate(state=status_expression(today))
        .select_related("task", "task__program")
        .order_by("due", "task__position")
    )


def my_obligations(person, orgs_q: Q, year: int, today: dt.date):
    """A person's tasks: obligations of the tasks they answer for, in orgs the user may see."""
    mine = AdoptedTask.objects.filter(responsible=person).values("adoption_id", "task_id")
    pairs = Q(pk__in=[])
    for row in mine:
        pairs |= Q(adoption_id=row["adoption_id"], task_id=row["task_id"])
    return (
        Obligation.objects.filter(pairs)
        .filter(orgs_q, start__year=year)
        .annotate(state=status_expression(today))
        .select_related("org", "task", "task__program")
        .order_by("due")
    )


CASCADE_SCOPES = [
    ("subtree", _("Every organization under it, at every level")),
    ("all", _("All sub-organizations directly under it")),
    ("kind", _("All organizations of one kind in its subtree")),
    ("list", _("The organizations whose codes I list")),
    ("ids", _("The organizations whose ids I list")),
]


def cascade_targets(
    *, from_org: Org, scope: str, kind: str = "", codes: list[str] | tuple = (), org_ids: list[int] | tuple = ()
) -> list[Org]:
    """The active orgs under `from_org` a program is sent to: its whole subtree, its children,
    one kind of org, or a list of codes or ids. The web form and the API both choose here; an
    unknown code or id is refused with the list of them."""
    subtree = Org.objects.filter(from_org.subtree_filter(), status=OrgStatus.ACTIVE).exclude(pk=from_org.pk)
    if scope == "subtree":
        return list(subtree.order_by("path"))
    if scope == "all":
        return list(subtree.filter(depth=from_org.depth + 1).order_by("path"))
    if scope == "kind":
        return list(subtree.filter(kind=kind).order_by("path"))
    if scope == "list":
        wanted = {c for c in codes if c}
        targets = list(subtree.filter(code__in=wanted).order_by("path"))
        missing = wanted - {t.code for t in targets}
    elif scope == "ids":
        wanted = set(org_ids)
        targets = list(subtree.filter(pk__in=wanted).order_by("path"))
        missing = wanted - {t.pk for t in targets}
    else:
        raise ValidationError(_("Choose where to send the program."))
    if missing:
        raise ValidationError(
            _("No organization under %(org)s has the code(s): %(codes)s")
            % {"org": from_org.name, "codes": ", ".join(sorted(map(str, missing)))}
        )
    return targets


def task_ids(program: Program) -> list[int]:
    return list(program.tasks.values_list("pk", flat=True))


def program_tasks(program: Program) -> list[Task]:
    """The program's own tasks (not those an org added for itself), in order."""
    return list(program.tasks.filter(added_by__isnull=True).order_by("position"))


def adoption_tasks(adoption: Adoption) -> list[Task]:
    """The tasks an adopting org carries: the program's that apply to its kind, and its own."""
    tasks = adoption.program.tasks.filter(Q(added_by__isnull=True) | Q(added_by=adoption.org)).order_by("position")
    return [t for t in tasks if applies_to(t, adoption.org)]


def adoptions_seen(program: Program, scope: Q):
    """The program's adoptions in the orgs of `scope` (a filter on `org_path`)."""
    return program.adoptions.filter(scope).select_related("org").order_by("org_path", "id")


def adoption_summary(program: Program, scope: Q) -> list[dict]:
    """How the program stands in the orgs of `scope`, level by level of the tree: received,
    adopted, not adopted yet. One aggregate over the program's adoptions, whatever their number."""
    level = Length("org_path") / Value(Org.steplen)
    rows = program.adoptions.filter(scope).annotate(level=level).values("level", "status").annotate(n=Count("id")).order_by()
    levels: dict[int, dict] = {}
    for row in rows:
        line = levels.setdefault(row["level"], {"level": row["level"], "received": 0, "adopted": 0, "sent": 0})
        line["received"] += row["n"]
        line["adopted" if row["status"] == AdoptionStatus.ADOPTED else "sent"] += row["n"]
    return [levels[k] for k in sorted(levels)]


def adoption_summary_of(program_id: int, paths: list[str]) -> list[dict]:
    """The same picture, counted by the worker for the subtrees at `paths`."""
    scope = reduce(or_, (subtree_q(path, "org_path") for path in paths))
    return adoption_summary(Program.objects.get(pk=program_id), scope)


def adoptions_filtered(program: Program, scope: Q, *, status: str = "", kind: str = "", level: int | None = None, query: str = ""):
    """The program's adoptions in `scope`, filtered like the program page's list (by status,
    kind of org, level in the tree, and words of the org's name, diacritics ignored), in tree order."""
    found = program.adoptions.filter(scope).select_related("org")
    if status:
        found = found.filter(status=status)
    if kind:
        found = found.filter(org__kind=kind)
    if level:
        found = found.annotate(level=Length("org_path") / Value(Org.steplen)).filter(level=level)
    for term in search_terms(query):
        found = found.filter(Q(org__name_folded__startswith=term) | Q(org__name_folded__contains=f" {term}") | Q(org__code__iexact=term))
    return found.order_by("org_path", "id")


def cascade_sources(program: Program, paths: list[str]):
    """Where a user may send the program on from: the orgs of their grants that adopted it and
    have orgs under them (bounded by their grants, not by the size of the tree)."""
    return (
        program.adoptions.filter(org_path__in=paths, status=AdoptionStatus.ADOPTED, org__numchild__gt=0)
        .select_related("org")
        .order_by("org_path")
    )


# What else waits in an org, from the stages after this one (the registry's received documents
# past their handling deadline): functions (org, today) -> [{"text", "url"}], registered by
# those stages when the apps are ready, shown on the org's to-do list and dashboard.
todo_extras: list = []


def extra_todo(org: Org, today: dt.date) -> list[dict]:
    return [item for reader in todo_extras for item in reader(org, today)]


# The same for one person's own list ("Nhiệm vụ của tôi"): functions (person, today) -> [{"text", "url"}].
person_extras: list = []


def extra_for_person(person, today: dt.date) -> list[dict]:
    return [item for reader in person_extras for item in reader(person, today)] if person else []


def pending_adoptions(org: Org):
    """Programs sent to `org` and not adopted yet."""
    return Adoption.objects.filter(org=org, status=AdoptionStatus.SENT).select_related("program")


def org_obligations(org: Org, year: int):
    return Obligation.objects.filter(org=org, start__year=year).select_related("task").order_by("due", "task__position", "id")


def org_tasks(org: Org):
    """Tasks the org holds obligations for: those an activity of the org can serve."""
    return Task.objects.filter(obligations__org=org).distinct().select_related("program").order_by("program", "position")


def programs_from(document):
    return Program.objects.filter(document=document).order_by("pk")


def program_numbered(org: Org, number: str) -> Program | None:
    """A program of `org` with this number already (numbers repeat across terms: the user confirms)."""
    number = (number or "").strip()
    return Program.objects.filter(org=org, number=number).order_by("-valid_from").first() if number else None


REMINDER_DAYS = 7
REMINDER_ROWS = 20


def pending_work(org_paths: list[str], today: dt.date) -> dict:
    """What waits for the people who record in these orgs (the orgs themselves, not their
    subtrees: a secretary's own cell): programs sent and not adopted, obligations falling due in
    the next days, and those overdue — a few rows of each, the most urgent first."""
    if not org_paths:
        return {"waiting": [], "due_soon": [], "overdue": []}
    here = Q(org_path__in=org_paths)
    open_ = Obligation.objects.filter(here, waived_reason="").filter(done__lt=models.F("required")).select_related("org", "task")
    return {
        "waiting": list(
            Adoption.objects.filter(here, status=AdoptionStatus.SENT).select_related("program", "org").order_by("sent_at")[:REMINDER_ROWS]
        ),
        "due_soon": list(open_.filter(due__gte=today, due__lte=today + dt.timedelta(days=REMINDER_DAYS)).order_by("due")[:REMINDER_ROWS]),
        "overdue": list(open_.filter(due__lt=today).order_by("due")[:REMINDER_ROWS]),
    }
