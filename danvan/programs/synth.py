"""A synthetic country on the 2025 map, for load tests and benchmarks: 34 provinces, about 3,300
commune-level committees, 60,000 grassroots organizations with their cells, 5.5 million people,
the seed program cascaded everywhere and a year of activities. `scale` shrinks every count but the
provinces (scale 1 is the whole country). Everything is flagged demo. Rows go in with bulk inserts
and computed tree paths: the per-node services would take days at this size."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from danvan.activities.models import Activity, Attendance
from danvan.orgs.models import Membership, Org, OrgKind, Person, Position
from danvan.programs import counters, engine
from danvan.programs.models import Adoption, AdoptionStatus, Obligation, Program, Task
from danvan.programs.services import calendar, tasks_from

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
PROVINCES = 34
COMMUNES = 3300
GRASSROOTS = 60000
CELLS_PER_GRASSROOTS = 3
PEOPLE = 5_500_000
BATCH = 5000


def step(n: int) -> str:
    out = ""
    for _ in range(Org.steplen):
        n, r = divmod(n, 36)
        out = ALPHABET[r] + out
    return out


@dataclass
class Figures:
    orgs: int = 0
    people: int = 0
    obligations: int = 0
    activities: int = 0


def _bulk(model, rows):
    for i in range(0, len(rows), BATCH):
        model.objects.bulk_create(rows[i : i + BATCH], batch_size=BATCH)


def build(*, scale: float, year: int, data: dict, seed: int = 2025, progress=print) -> Figures:
    rng = random.Random(seed)
    figures = Figures()
    communes = max(PROVINCES, round(COMMUNES * scale))
    grassroots = max(communes, round(GRASSROOTS * scale))
    people_per_cell = max(3, round(PEOPLE * scale / (grassroots * CELLS_PER_GRASSROOTS)))
    with transaction.atomic():
        root_path = step(Org.objects.filter(depth=1).count() + 1)
        root = Org(
            path=root_path,
            depth=1,
            numchild=PROVINCES,
            name="Ban Chấp hành Trung ương (mô phỏng)",
            name_folded="ban chap hanh trung uong mo phong",
            code=f"SYN-{root_path}",
            kind=OrgKind.COMMITTEE,
            is_demo=True,
        )
        orgs = [root]
        cells: list[Org] = []
        per_province = [communes // PROVINCES + (1 if i < communes % PROVINCES else 0) for i in range(PROVINCES)]
        commune_no = grassroots_no = 0
        for p in range(PROVINCES):
            p_path = root_path + step(p + 1)
            orgs.append(
                Org(
                    path=p_path,
                    depth=2,
                    numchild=per_province[p],
                    name=f"Đảng bộ tỉnh Mô phỏng {p + 1}",
                    name_folded=f"dang bo tinh mo phong {p + 1}",
                    code=f"SYN-{p_path}",
                    kind=OrgKind.COMMITTEE,
                    is_demo=True,
                )
            )
            for c in range(per_province[p]):
                commune_no += 1
                c_path = p_path + step(c + 1)
                share = grassroots // communes + (1 if commune_no <= grassroots % communes else 0)
                orgs.append(
                    Org(
                        path=c_path,
                        depth=3,
                        numchild=share,
                        name=f"Đảng ủy xã Mô phỏng {commune_no}",
                        name_folded=f"dang uy xa mo phong {commune_no}",
                        code=f"SYN-{c_path}",
                        kind=OrgKind.COMMITTEE,
                        is_demo=True,
                    )
                )
                for g in range(share):
                    grassroots_no += 1
                    g_path = c_path + step(g + 1)
                    orgs.append(
                        Org(
                            path=g_path,
                            depth=4,
                            numchild=CELLS_PER_GRASSROOTS,
                            name=f"Đảng bộ cơ sở Mô phỏng {grassroots_no}",
                            name_folded=f"dang bo co so mo phong {grassroots_no}",
                            code=f"SYN-{g_path}",
                            kind=OrgKind.PARTY_ORG,
                            is_demo=True,
                        )
                    )
                    for k in range(CELLS_PER_GRASSROOTS):
                        cell_path = g_path + step(k + 1)
                        cell = Org(
                            path=cell_path,
                            depth=5,
                            numchild=0,
                            name=f"Chi bộ {k + 1} – cơ sở {grassroots_no}",
                            name_folded=f"chi bo {k + 1} co so {grassroots_no}",
                            code=f"SYN-{cell_path}",
                            kind=OrgKind.CELL,
                            is_demo=True,
                        )
                        orgs.append(cell)
                        cells.append(cell)
        _bulk(Org, orgs)
        figures.orgs = len(orgs)
        progress(f"orgs: {len(orgs)}")
        by_path = dict(Org.objects.filter(root.subtree_filter()).values_list("path", "id"))
        for org in orgs:
            org.pk = by_path[org.path]

        people, memberships = [], []
        for cell in cells:
            for i in range(people_per_cell):
                people.append(
                    Person(
                        full_name=f"Đảng viên {cell.pk}-{i}",
                        name_folded=f"dang vien {cell.pk}-{i}",
                        is_demo=True,
                        party_joined_on=dt.date(2000 + rng.randint(0, 20), 1, 1),
                    )
                )
        _bulk(Person, people)
        if not connection.features.can_return_rows_from_bulk_insert:
            first = Person.objects.order_by("-pk").values_list("pk", flat=True)[len(people) - 1]
            for offset, person in enumerate(people):
                person.pk = first + offset
        index = 0
        for cell in cells:
            for i in range(people_per_cell):
                memberships.append(
                    Membership(
                        person_id=people[index].pk,
                        org_id=cell.pk,
                        start=dt.date(2020, 1, 1),
                        position=Position.SECRETARY if i == 0 else Position.MEMBER,
                    )
                )
                index += 1
        _bulk(Membership, memberships)
        figures.people = len(people)
        progress(f"people: {len(people)}")

        program = Program.objects.create(
            org=root,
            number=data.get("number") or "",
            doc_type=data.get("type") or "",
            title=data.get("title") or "",
            valid_from=dt.date(year, 1, 1),
        )
        Task.objects.bulk_create(tasks_from(program, data))
        tasks = list(program.tasks.order_by("position"))
        now = timezone.now()
        adoptions = [Adoption(program=program, org_id=o.pk, org_path=o.path, status=AdoptionStatus.ADOPTED, adopted_at=now) for o in orgs]
        _bulk(Adoption, adoptions)
        adoption_ids = dict(Adoption.objects.filter(program=program).values_list("org_id", "id"))
        cal = calendar()
        periods = {
            t.pk: engine.task_periods(t.cadence, year, cal, deadline=t.deadline or None, valid_from=program.valid_from) for t in tasks
        }
        meeting_tasks = [t for t in tasks if t.activity_kind == "thematic_meeting"]
        obligations = []
        activities = []
        for org in orgs:
            for task in tasks:
                if org.kind not in task.actor_kinds:
                    continue
                for period in periods[task.pk]:
                    # A realistic year: most obligations whose day has passed were met, some not.
                    done = period.required if period.due < timezone.localdate() and rng.random() < 0.8 else 0
                    obligations.append(
                        Obligation(
                            org_id=org.pk,
                            org_path=org.path,
                            task_id=task.pk,
                            adoption_id=adoption_ids[org.pk],
                            period_key=period.key,
                            start=period.start,
                            end=period.end,
                            due=period.due,
                            required=period.required,
                            maximum=period.maximum,
                            done=done,
                        )
                    )
            if org.kind == OrgKind.CELL and meeting_tasks and rng.random() < 0.7:
                activities.append(
                    Activity(
                        org_id=org.pk,
                        org_path=org.path,
                        kind="thematic_meeting",
                        title="Sinh hoạt chuyên đề dân vận",
                        held_on=dt.date(year, rng.randint(1, 10), rng.randint(1, 28)),
                        minutes="Biên bản (mô phỏng)",
                    )
                )
        _bulk(Obligation, obligations)
        figures.obligations = len(obligations)
        progress(f"obligations: {len(obligations)}")
        _bulk(Activity, activities)
        figures.activities = len(activities)
        saved = Activity.objects.filter(root.subtree_filter("org_path"), kind="thematic_meeting").values_list("pk", "org_id")
        secretaries = dict(
            Membership.objects.filter(root.subtree_filter("org__path"), position=Position.SECRETARY).values_list("org_id", "person_id")
        )
        through = Activity.tasks.through
        _bulk(through, [through(activity_id=pk, task_id=meeting_tasks[0].pk) for pk, _ in saved])
        _bulk(
            Attendance,
            [Attendance(activity_id=pk, person_id=secretaries[org_id], status="present") for pk, org_id in saved if org_id in secretaries],
        )
        held = {org_id for _, org_id in saved}
        Obligation.objects.filter(task=meeting_tasks[0], org_id__in=held).update(done=1)
        Obligation.objects.filter(task=meeting_tasks[0]).exclude(org_id__in=held).update(done=0)
        counters.reconcile(fix=True)
        progress(f"activities: {len(activities)}; counters rebuilt")
    return figures
