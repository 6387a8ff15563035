"""A synthetic country on the 2025 map, for load tests and benchmarks: 34 provinces, about 3,300
commune-level committees, 60,000 grassroots organizations with their cells, 5.5 million people,
the seed program cascaded everywhere and a year of activities. `scale` shrinks every count but the
provinces (scale 1 is the whole country). Everything is flagged demo. Rows are streamed with
`danvan.lib.bulk` (COPY on PostgreSQL) with ids and tree paths computed here, and the counters
are rebuilt in SQL at the end: the per-node services would take days at this size."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from danvan.activities.models import Activity, Attendance
from danvan.concerns import counters as concern_counters
from danvan.concerns.models import Category, Concern, ConcernStatus, Rating
from danvan.lib import bulk, weights
from danvan.lib.text import fold
from danvan.orgs.models import Membership, Org, OrgKind, Person, Position
from danvan.programs import engine
from danvan.programs.classify import tasks_from
from danvan.programs.models import Adoption, AdoptionStatus, Obligation, Program, Task
from danvan.programs.selectors import calendar
from danvan.rollup import counters

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
PROVINCES = 34
COMMUNES = 3300
GRASSROOTS = 60000
CELLS_PER_GRASSROOTS = 3
PEOPLE = 5_500_000
MEETING = "thematic_meeting"


def step(n: int) -> str:
    out = ""
    for _ in range(Org.steplen):
        n, r = divmod(n, 36)
        out = ALPHABET[r] + out
    return out


# People's names drawn as Vietnamese names are (the commonest family names most often), so that a
# list in name order interleaves the provinces as a real one does.
FAMILY = (
    ["Nguyễn"] * 8
    + ["Trần"] * 3
    + ["Lê"] * 2
    + ["Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
)
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Xuân", "Hồng", "Anh", "Công", "Kim", "Bảo"]
GIVEN = [
    "An", "Anh", "Bình", "Chi", "Cường", "Dũng", "Duy", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hòa", "Hùng", "Hương",
    "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Nhung", "Phong", "Phương", "Quân", "Quỳnh", "Sơn",
    "Tâm", "Thảo", "Thắng", "Thủy", "Trang", "Trung", "Tuấn", "Tùng", "Vân", "Việt", "Yến",
]  # fmt: skip


def _names(rng: random.Random):
    """Endless (full name, folded name) pairs."""
    folded = {}
    while True:
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        if name not in folded:
            folded[name] = fold(name)
        yield name, folded[name]


@dataclass
class Figures:
    orgs: int = 0
    people: int = 0
    obligations: int = 0
    activities: int = 0
    concerns: int = 0


@dataclass
class SynthOrg:
    id: int
    path: str
    kind: str


ORG_COLUMNS = ["id", "path", "depth", "numchild", "name", "name_folded", "code", "kind", "is_demo"]


def _tree(scale: float, first_id: int, root_path: str) -> tuple[list[tuple], list[SynthOrg]]:
    """Org rows in tree order (the order of the path index) and what later steps need of them."""
    communes = max(PROVINCES, round(COMMUNES * scale))
    grassroots = max(communes, round(GRASSROOTS * scale))
    rows: list[tuple] = []
    orgs: list[SynthOrg] = []

    def add(path, numchild, name, folded, kind):
        org_id = first_id + len(rows)
        rows.append((org_id, path, len(path) // Org.steplen, numchild, name, folded, f"SYN-{path}", kind, True))
        orgs.append(SynthOrg(org_id, path, kind))

    add(root_path, PROVINCES, "Ban Chấp hành Trung ương (mô phỏng)", "ban chap hanh trung uong mo phong", OrgKind.COMMITTEE)
    per_province = [communes // PROVINCES + (1 if i < communes % PROVINCES else 0) for i in range(PROVINCES)]
    commune_no = grassroots_no = 0
    for p in range(PROVINCES):
        p_path = root_path + step(p + 1)
        add(p_path, per_province[p], f"Đảng bộ tỉnh Mô phỏng {p + 1}", f"dang bo tinh mo phong {p + 1}", OrgKind.COMMITTEE)
        for c in range(per_province[p]):
            commune_no += 1
            c_path = p_path + step(c + 1)
            share = grassroots // communes + (1 if commune_no <= grassroots % communes else 0)
            add(c_path, share, f"Đảng ủy xã Mô phỏng {commune_no}", f"dang uy xa mo phong {commune_no}", OrgKind.COMMITTEE)
            for g in range(share):
                grassroots_no += 1
                g_path = c_path + step(g + 1)
                n = grassroots_no
                add(g_path, CELLS_PER_GRASSROOTS, f"Đảng bộ cơ sở Mô phỏng {n}", f"dang bo co so mo phong {n}", OrgKind.PARTY_ORG)
                for k in range(CELLS_PER_GRASSROOTS):
                    add(g_path + step(k + 1), 0, f"Chi bộ {k + 1} – cơ sở {n}", f"chi bo {k + 1} co so {n}", OrgKind.CELL)
    return rows, orgs


def build(*, scale: float, year: int, data: dict, seed: int = 2025, progress=print) -> Figures:
    rng = random.Random(seed)
    figures = Figures()
    grassroots = max(max(PROVINCES, round(COMMUNES * scale)), round(GRASSROOTS * scale))
    people_per_cell = max(3, round(PEOPLE * scale / (grassroots * CELLS_PER_GRASSROOTS)))
    today = timezone.localdate()
    with transaction.atomic():
        root_path = step(Org.objects.filter(depth=1).count() + 1)
        org_rows, orgs = _tree(scale, bulk.next_id(Org), root_path)
        figures.orgs = bulk.load(Org, ORG_COLUMNS, org_rows)
        del org_rows
        progress(f"orgs: {figures.orgs}")
        root = Org.objects.get(path=root_path)
        cells = [o for o in orgs if o.kind == OrgKind.CELL]

        # People: `people_per_cell` in each cell, the first of them its secretary.
        first_person, first_membership = bulk.next_id(Person), bulk.next_id(Membership)

        def person_id(cell_index: int, i: int) -> int:
            return first_person + cell_index * people_per_cell + i

        names = _names(rng)
        figures.people = bulk.load(
            Person,
            ["id", "full_name", "name_folded", "is_demo", "party_joined_on"],
            (
                (person_id(n, i), *next(names), True, dt.date(2000 + rng.randint(0, 20), 1, 1))
                for n, cell in enumerate(cells)
                for i in range(people_per_cell)
            ),
        )
        joined = dt.date(2020, 1, 1)
        bulk.load(
            Membership,
            ["id", "person_id", "org_id", "org_path", "start", "position"],
            (
                (
                    first_membership + n * people_per_cell + i,
                    person_id(n, i),
                    cell.id,
                    cell.path,
                    joined,
                    Position.SECRETARY if i == 0 else Position.MEMBER,
                )
                for n, cell in enumerate(cells)
                for i in range(people_per_cell)
            ),
        )
        progress(f"people: {figures.people}")

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
        first_adoption = bulk.next_id(Adoption)
        adoption_of = {o.id: first_adoption + n for n, o in enumerate(orgs)}
        bulk.load(
            Adoption,
            ["id", "program_id", "org_id", "org_path", "status", "adopted_at", "obligations_year"],
            ((adoption_of[o.id], program.pk, o.id, o.path, AdoptionStatus.ADOPTED, now, year) for o in orgs),
        )

        # A realistic year: most cells held their thematic meeting (with minutes and the secretary
        # present), and most obligations whose day has passed were met.
        meeting_task = next((t for t in tasks if t.activity_kind == MEETING), None)
        held = {n: dt.date(year, rng.randint(1, 10), rng.randint(1, 28)) for n in range(len(cells)) if meeting_task and rng.random() < 0.7}
        held_orgs = {cells[n].id for n in held}
        cal = calendar()
        periods = {
            t.pk: engine.task_periods(t.cadence, year, cal, deadline=t.deadline or None, valid_from=program.valid_from) for t in tasks
        }
        by_kind = {kind: [t for t in tasks if kind in t.actor_kinds] for kind in {o.kind for o in orgs}}

        def obligations():
            for org in orgs:
                for task in by_kind[org.kind]:
                    for period in periods[task.pk]:
                        if meeting_task and task.pk == meeting_task.pk:
                            done = 1 if org.id in held_orgs else 0
                        else:
                            done = period.required if period.due < today and rng.random() < 0.8 else 0
                        yield (
                            org.id,
                            org.path,
                            task.pk,
                            adoption_of[org.id],
                            period.key,
                            period.start,
                            period.end,
                            period.due,
                            period.required,
                            period.maximum,
                            done,
                            weights.org_weight(org.id, period.due),
                        )

        figures.obligations = bulk.load(
            Obligation,
            ["org_id", "org_path", "task_id", "adoption_id", "period_key", "start", "end", "due", "required", "maximum", "done", "weight"],
            obligations(),
        )
        progress(f"obligations: {figures.obligations}")

        first_activity = bulk.next_id(Activity)
        activity_ids = {n: first_activity + k for k, n in enumerate(held)}
        figures.activities = bulk.load(
            Activity,
            ["id", "org_id", "org_path", "kind", "title", "held_on", "minutes"],
            (
                (activity_ids[n], cells[n].id, cells[n].path, MEETING, "Sinh hoạt chuyên đề dân vận", day, "Biên bản (mô phỏng)")
                for n, day in held.items()
            ),
        )
        if meeting_task:
            bulk.load(Activity.tasks.through, ["activity_id", "task_id"], ((pk, meeting_task.pk) for pk in activity_ids.values()))
        bulk.load(Attendance, ["activity_id", "person_id", "status"], ((pk, person_id(n, 0), "present") for n, pk in activity_ids.items()))
        figures.concerns = _concerns(rng, cells, year, today, cal)
        bulk.sync_ids(Org, Person, Membership, Adoption, Activity)
        counters.rebuild()
        concern_counters.rebuild()
        bulk.analyze()
        progress(f"activities: {figures.activities}; concerns: {figures.concerns}; counters rebuilt")
    return figures


def _concerns(rng: random.Random, cells: list[SynthOrg], year: int, today: dt.date, cal) -> int:
    """A year of concerns: one in four cells received one from its staff; most are answered and
    rated, some still open (those past their day are overdue), answered by the cell."""
    categories = list(Category.objects.all())
    if not categories:
        return 0

    def rows():
        for cell in cells:
            if rng.random() >= 0.25:
                continue
            category = rng.choice(categories)
            received = dt.date(year, rng.randint(1, 11), rng.randint(1, 28))
            due = cal.add_working_days(received, category.days)
            fate = rng.random()
            answered = fate < 0.75 and received < today
            answered_on = min(today, cal.add_working_days(received, rng.randint(3, category.days + 5))) if answered else None
            rating = (Rating.SATISFIED if fate < 0.55 else Rating.PARTLY if fate < 0.65 else "") if answered else ""
            status = (
                ConcernStatus.CLOSED if rating == Rating.SATISFIED else ConcernStatus.ANSWERED if answered else ConcernStatus.IN_PROGRESS
            )
            yield (
                cell.id, cell.path, cell.id, cell.path, "dialogue", "anonymous", category.pk,
                f"Kiến nghị (mô phỏng) {cell.id}", "Nội dung kiến nghị (mô phỏng)", received, due, status,
                "Đã trả lời (mô phỏng)" if answered else "", answered_on, rating,
            )  # fmt: skip

    columns = ["org_id", "org_path", "origin_id", "origin_path", "channel", "raiser", "category_id", "title", "text"]
    return bulk.load(Concern, [*columns, "received_on", "due", "status", "answer", "answered_on", "rating"], rows())
