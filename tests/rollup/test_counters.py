"""Counters kept with every write; reconcile finds tampering and nothing otherwise."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from danvan.activities.services import activity_record
from danvan.orgs.models import Org
from danvan.parsing import parse_file
from danvan.programs import services
from danvan.programs.models import Adoption, Obligation
from danvan.rollup.models import ObligationCounter
from danvan.rollup.reconcile import reconcile
from tests.conftest import login, make_org
from tests.parsing.conftest import SEED

Y = timezone.localdate().year + 1


@pytest.fixture
def busy(world):
    return make_busy(world)


def make_busy(world):
    """A program sent everywhere, adopted by one cell, one meeting held, one obligation waived."""
    program = services.program_create(actor=world.admin, org=world.root, data=parse_file(SEED).to_dict(), valid_from=dt.date(Y, 1, 1))
    services.program_cascade(
        actor=world.admin, program=program, from_org=world.root, targets=[world.org_a, world.org_b, world.cell1, world.cell2, world.cell3]
    )
    for adoption in Adoption.objects.filter(program=program):
        services.obligations_generate(adoption=adoption, year=Y)
    meeting = program.tasks.get(ref="II.1.3")
    services.adoption_adopt(
        actor=world.secretary, adoption=Adoption.objects.get(org=world.cell1), year=Y, choices={meeting.pk: {"min_per_period": 2}}
    )
    for day in (3, 4):
        activity_record(
            actor=world.secretary,
            org=world.cell1,
            kind="thematic_meeting",
            title="Chuyên đề",
            held_on=dt.date(Y, 5, day),
            tasks=[meeting],
            minutes="Biên bản",
            attendance={world.person1.pk: "present"},
        )
    services.obligation_waive(actor=world.admin, obligation=Obligation.objects.filter(org=world.cell2).first(), reason="Mới thành lập")
    return program


def test_counters_agree_with_the_rows_after_every_kind_of_write(busy, world):
    assert reconcile() == []
    cell1 = ObligationCounter.objects.filter(org=world.cell1, due__year=Y)
    assert sum(c.done for c in cell1) == Obligation.objects.filter(org=world.cell1, done__gte=2, end__year=Y).count() >= 1
    assert sum(c.waived for c in ObligationCounter.objects.filter(org=world.cell2)) == 1


def test_reconcile_finds_tampering_and_repairs_it(busy, world, capsys):
    counter = ObligationCounter.objects.filter(org=world.cell3).first()
    ObligationCounter.objects.filter(pk=counter.pk).update(done=counter.done + 5)
    Obligation.objects.filter(org=world.cell2, waived_reason="").update(done=9)  # rows changed behind the services' back
    drift = reconcile()
    assert {d.org_id for d in drift if d.org_id} == {world.cell3.pk, world.cell2.pk}
    assert any("subtree" in d.due for d in drift)  # the subtree sums above cell 2 no longer match its rows
    with pytest.raises(SystemExit):
        call_command("reconcile")
    assert "drift:" in capsys.readouterr().out
    call_command("reconcile", "--fix")
    assert reconcile() == []


def test_the_dashboard_reads_counters_with_a_fixed_number_of_queries(busy, world, django_assert_max_num_queries):
    client = login(world.admin)
    url = reverse("rollup:dashboard", kwargs={"pk": world.root.pk}) + f"?year={Y}"
    body = client.get(url).content.decode()
    assert "Đảng bộ Cục A" in body and "Đảng bộ Cục B" in body
    cache.clear()  # counted, not the figures kept a minute (tests/rollup/test_dashboard.py)
    with django_assert_max_num_queries(20) as before:
        client.get(url)
    for i in range(6):
        make_org(world.org_a, f"Chi bộ thêm {i}", "cell", f"X{i}")
    cache.clear()
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(url)


def test_subtree_figures_are_sums_of_their_rows(busy, world):
    from danvan.rollup.selectors import dashboard

    today = dt.date(Y, 7, 1)
    whole = dashboard(world.root, Y, today)
    rows = {r["org"].code: r for r in whole["rows"]}
    own = dashboard(world.org_a, Y, today)["totals"]
    assert rows["A"]["total"] == own["total"] and rows["A"]["overdue"] == own["overdue"]
    assert whole["totals"]["total"] == Obligation.objects.filter(end__year=Y).count()
    assert sum(m["total"] for m in whole["chart"]) == whole["totals"]["total"]


def _raw(org, today):
    """The figures of an org's subtree straight from the obligation rows."""
    rows = Obligation.objects.filter(org.subtree_filter("org_path"), due__year=Y)
    open_ = [o for o in rows if not o.waived_reason and o.done < o.required]
    return {
        "total": rows.count(),
        "done": sum(1 for o in rows if not o.waived_reason and o.done >= o.required),
        "waived": sum(1 for o in rows if o.waived_reason),
        "overdue": sum(1 for o in open_ if o.due < today),
    }


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_dashboards_agree_with_the_rows_whatever_levels_keep_subtree_counters(depth, world, monkeypatch):
    """Subtree counters are kept for the top levels only; deeper nodes sum their org counters."""
    from danvan.rollup.models import SubtreeCounter
    from danvan.rollup.selectors import dashboard

    monkeypatch.setattr(SubtreeCounter, "DEPTH", depth)
    make_busy(world)
    assert {len(p) // 4 for p in SubtreeCounter.objects.values_list("node_path", flat=True)} <= set(range(1, depth + 1))
    assert reconcile() == [] and reconcile(exact=True) == []
    today = dt.date(Y, 7, 1)
    for org in (world.root, world.org_a, world.cell1, world.cell3):
        board = dashboard(org, Y, today)
        assert {k: board["totals"][k] for k in ("total", "done", "waived", "overdue")} == _raw(org, today), (depth, org.name)
        for row in board["rows"]:
            assert row["total"] == _raw(row["org"], today)["total"]


def test_reconcile_sees_counts_moved_between_days_or_shards(busy, world):
    """Moves that leave every total equal: only the split over days (or shards) is wrong."""
    from danvan.rollup.models import SubtreeCounter

    first, second = ObligationCounter.objects.filter(org=world.cell3, total__gt=0).order_by("due")[:2]
    ObligationCounter.objects.filter(pk=first.pk).update(total=first.total - 1)
    ObligationCounter.objects.filter(pk=second.pk).update(total=second.total + 1)
    drift = reconcile()
    assert {(d.org_id, d.due) for d in drift if d.org_id} == {
        (world.cell3.pk, first.due.isoformat()),
        (world.cell3.pk, second.due.isoformat()),
    }
    reconcile(fix=True)
    assert reconcile() == []

    row = SubtreeCounter.objects.filter(node_path=world.root.path, total__gt=0).first()
    SubtreeCounter.objects.filter(pk=row.pk).update(total=row.total - 1)
    other, _ = SubtreeCounter.objects.get_or_create(node_path=row.node_path, due=row.due, shard=(row.shard + 1) % SubtreeCounter.SHARDS)
    SubtreeCounter.objects.filter(pk=other.pk).update(total=other.total + 1)
    assert len(reconcile()) == 2 and len(reconcile(exact=True)) == 2


def test_rebuild_makes_the_counters_the_writes_kept(busy, world):
    from danvan.rollup import counters
    from danvan.rollup.models import SubtreeCounter

    def state():
        return (
            set(ObligationCounter.objects.filter(total__gt=0).values_list("org_id", "org_path", "due", "total", "done", "waived")),
            set(SubtreeCounter.objects.filter(total__gt=0).values_list("node_path", "due", "shard", "total", "done", "waived")),
        )

    kept = state()
    counters.rebuild()
    assert state() == kept


@pytest.mark.parametrize("which", ["cell1", "org_a"])
def test_moving_an_org_takes_its_rows_and_counters_along(busy, world, which):
    """A cell (or all of Cục A, one level deeper) moved under Cục B: its obligations, activities
    and counters follow it, so Cục A's officer no longer sees them, Cục B's figures include
    them, and nothing drifts."""
    from danvan.activities.models import Activity
    from danvan.orgs.services import org_move

    today = dt.date(Y, 7, 1)
    before_root = _raw(world.root, today)
    moved = org_move(actor=world.admin, org=getattr(world, which), new_parent=world.org_b)
    if which == "org_a":
        moved = Org.objects.get(pk=world.cell1.pk)
    world.org_a.refresh_from_db()
    world.org_b.refresh_from_db()
    assert moved.path.startswith(world.org_b.path)
    assert set(Obligation.objects.filter(org=moved).values_list("org_path", flat=True)) == {moved.path}
    assert set(Activity.objects.filter(org=moved).values_list("org_path", flat=True)) == {moved.path}
    if which == "cell1":
        assert not Obligation.objects.filter(world.org_a.subtree_filter("org_path"), org=moved).exists()
    assert reconcile() == [] and reconcile(exact=True) == []
    from danvan.rollup.selectors import dashboard

    for org in (world.root, world.org_a, world.org_b, moved):
        board = dashboard(org, Y, today)["totals"]
        assert {k: board[k] for k in ("total", "done", "waived", "overdue")} == _raw(org, today)
    assert _raw(world.root, today) == before_root
    from django.http import Http404

    from danvan.access import Cap, access_obligation

    obligation = Obligation.objects.filter(org=moved).first()
    if which == "cell1":
        with pytest.raises(Http404):  # Cục A's officer: the moved cell's obligations are no longer theirs
            access_obligation(world.officer, obligation.pk, Cap.VIEW)
    else:
        assert access_obligation(world.officer, obligation.pk, Cap.VIEW) == obligation  # Cục A moved whole, with its officer


def test_the_dashboard_compares_the_years(world):
    """Two years of the same program: one line per year with its own rate."""
    from danvan.rollup.selectors import dashboard

    program = services.program_create(actor=world.admin, org=world.root, data=parse_file(SEED).to_dict(), valid_from=dt.date(Y, 1, 1))
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1, world.cell2])
    for adoption in Adoption.objects.filter(program=program):
        for year in (Y, Y + 1):
            services.obligations_generate(adoption=adoption, year=year)
    services.obligation_waive(actor=world.admin, obligation=Obligation.objects.filter(org=world.cell2, due__year=Y).first(), reason="Mới")
    board = dashboard(world.org_a, Y + 1, dt.date(Y + 2, 1, 15))
    by_year = {y["year"]: y for y in board["years"]}
    assert {Y, Y + 1} <= set(by_year) and [y["year"] for y in board["years"]] == sorted(by_year)
    first, second = by_year[Y], by_year[Y + 1]
    assert first["total"] == Obligation.objects.filter(org__in=[world.cell1, world.cell2], due__year=Y).count()
    assert first["rate"] > second["rate"] == 0 and second["current"] and not first["current"]
    body = login(world.admin).get(reverse("rollup:dashboard", kwargs={"pk": world.org_a.pk}) + f"?year={Y + 1}").content.decode()
    assert "Từng năm" in body


@pytest.mark.parametrize(
    "pattern",
    [
        "one_off",  # a lost update
        "moved_between_orgs",  # the same day, counted on the sibling
        "grid",  # +1 -1 / -1 +1 over two orgs and two days: every row and column total unchanged
        "curvature",  # +1 -2 +1 over three days of one org: the count and the day-weighted sum unchanged
        "done_for_waived",  # one waived counted as done instead
    ],
)
def test_the_quick_check_sees_patterned_drift(busy, world, pattern):
    """Drifts built to leave simple sums equal are still seen by the quick check itself
    (`reconcile` only itemises what the quick check flags)."""
    from django.db import connection, transaction

    from danvan.rollup import reconcile as reconcile_module

    def cells(org, n):
        return list(ObligationCounter.objects.filter(org=org, total__gt=0).order_by("due")[:n])

    def add(row, total=0, done=0, waived=0):
        ObligationCounter.objects.filter(pk=row.pk).update(total=row.total + total, done=row.done + done, waived=row.waived + waived)

    a = cells(world.cell1, 3)
    if pattern == "one_off":
        add(a[0], total=-1)
    elif pattern == "moved_between_orgs":
        same_day = ObligationCounter.objects.get(org=world.cell3, due=a[0].due)
        add(a[0], total=-1)
        add(same_day, total=1)
    elif pattern == "grid":
        add(a[0], total=1), add(a[1], total=-1)
        add(ObligationCounter.objects.get(org=world.cell3, due=a[0].due), total=-1)
        add(ObligationCounter.objects.get(org=world.cell3, due=a[1].due), total=1)
    elif pattern == "curvature":
        add(a[0], total=1), add(a[1], total=-2), add(a[2], total=1)
    else:
        waived = ObligationCounter.objects.filter(waived__gt=0).first()
        add(waived, done=1, waived=-1)
    with transaction.atomic(), connection.cursor() as cursor:
        assert reconcile_module.checksums_agree(cursor) != (True, True)
    assert reconcile()  # and the itemising pass names it


def test_weights_are_the_same_in_python_and_in_sql(db):
    """Rows written one by one get their weights in Python, rows made in bulk in SQL."""
    from django.db import connection

    from danvan.lib import weights

    days = [dt.date(2000, 1, 1), dt.date(2013, 8, 28), dt.date(Y, 2, 29) if Y % 4 == 0 else dt.date(Y, 12, 31), dt.date(2099, 6, 30)]
    with connection.cursor() as cursor:
        for org_id in (1, 7, 12345, 9_999_999):
            for day in days:
                expressions = f"{weights.sql_org_weight('o', 'd')}, {weights.sql_node_weight('d', 'o % 8')}".replace("%", "%%")
                day_type = "DATE" if connection.vendor == "postgresql" else "TEXT"  # SQLite keeps days as text
                cursor.execute(
                    f"SELECT {expressions} FROM (SELECT CAST(%s AS BIGINT) AS o, CAST(%s AS {day_type}) AS d) AS x", [org_id, day]
                )
                assert cursor.fetchone() == (weights.org_weight(org_id, day), weights.node_weight(day, org_id % 8)), (org_id, day)


def _matrix_from_rows(program, org, year, today, levels):
    """The matrix as the obligation rows say it, node by node (the reference)."""
    from danvan.orgs.models import Org, OrgStatus
    from danvan.programs.status import status_expression

    nodes = [org, *Org.objects.filter(org.subtree_filter(), depth__gt=org.depth, depth__lte=org.depth + levels, status=OrgStatus.ACTIVE)]
    expected = {}
    for node in nodes:
        rows = Obligation.objects.filter(task__program=program, start__year=year, task__added_by__isnull=True)
        rows = rows.filter(org_path=node.path) if node.pk == org.pk else rows.filter(node.subtree_filter("org_path"))
        for row in rows.annotate(s=status_expression(today)).values("task_id", "s"):
            counts = expected.setdefault((node.path, row["task_id"]), {})
            counts[row["s"]] = counts.get(row["s"], 0) + 1
    return expected


@pytest.mark.parametrize("day", [dt.date(Y, 1, 2), dt.date(Y, 7, 1), dt.date(Y, 12, 31)])
def test_the_matrix_from_per_task_counters_equals_the_rows(busy, world, day, monkeypatch):
    from danvan.rollup import selectors
    from danvan.rollup.models import SubtreeCounter

    program = Obligation.objects.filter(org=world.cell1).first().task.program
    for depth in (1, 2):  # the counted levels as they are, and so few that the deeper rows read obligations
        monkeypatch.setattr(SubtreeCounter, "DEPTH", depth)
        from danvan.rollup import counters

        with transaction.atomic():
            counters.rebuild()
        for org in (world.root, world.org_a, world.cell1):
            for levels in (1, 2, 3):
                got = selectors.matrix(program, org, Y, day, levels=levels)
                cells = {(row["org"].path, c["task"].pk): c["counts"] for row in got["rows"] for c in row["cells"] if c["counts"]}
                assert cells == _matrix_from_rows(program, org, Y, day, levels), (depth, org.name, levels)


def test_a_national_matrix_reads_counters_not_obligations_and_does_not_grow(busy, world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.rollup import selectors
    from tests.conftest import make_org

    program = Obligation.objects.filter(org=world.cell1).first().task.program

    def read():
        with CaptureQueriesContext(connection) as queries:
            rows = selectors.matrix(program, world.root, Y, dt.date(Y, 7, 1), levels=1)["rows"]
        return len(queries.captured_queries), len(rows), " ".join(q["sql"] for q in queries.captured_queries)

    before = read()
    assert '"programs_obligation"' not in before[2]  # the counters' tables only
    cells = [make_org(world.org_a, f"Chi bộ mới {i}", "cell", f"N{i}") for i in range(40)]
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=cells)
    after = read()
    assert after[:2] == before[:2]
    assert reconcile() == []


def test_a_wide_matrix_is_kept_a_minute_with_its_time_and_a_narrow_one_is_counted_each_time(busy, world):
    from django.core.cache import cache

    program = Obligation.objects.filter(org=world.cell1).first().task.program
    client = login(world.admin)

    def page(org):
        body = client.get(reverse("rollup:matrix", kwargs={"pk": program.pk}), {"org": org.pk, "year": Y}).content.decode()
        return body[body.index('<table class="matrix">') :]

    wide, narrow = page(world.org_a), page(world.cell1)
    assert "đếm lúc" in wide and "đếm lúc" not in narrow
    open_one = Obligation.objects.filter(org=world.cell1, start__year=Y, waived_reason="", done=0).first()
    services.obligation_waive(actor=world.admin, obligation=open_one, reason="Sáp nhập")
    assert page(world.org_a) == wide  # the kept table, for a minute
    assert page(world.cell1) != narrow  # the cell's own counted again
    cache.clear()  # a minute later
    assert page(world.org_a) != wide


def test_a_wide_matrix_is_counted_anew_by_the_worker_before_its_minute_ends(busy, world):
    from tests.kept import counted_anew_ahead

    program = Obligation.objects.filter(org=world.cell1).first().task.program
    now = dt.datetime(Y, 7, 1, 8, 0, tzinfo=dt.UTC)
    with time_machine.travel(now, tick=False):
        client = login(world.admin)

    def page():
        url = reverse("rollup:matrix", kwargs={"pk": program.pk})
        body = client.get(url, {"org": world.org_a.pk, "year": Y, "levels": 2}).content.decode()
        return body[body.index('<table class="matrix">') :]

    def write():
        open_one = Obligation.objects.filter(org=world.cell1, start__year=Y, waived_reason="", done=0).first()
        services.obligation_waive(actor=world.admin, obligation=open_one, reason="Sáp nhập")

    counted_anew_ahead(page, write, now)


@pytest.mark.parametrize("status", ["", "done", "overdue", "due", "upcoming", "waived"])
def test_the_obligation_list_counts_from_the_counters_what_it_lists(busy, world, status):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.programs.selectors import obligations_in
    from danvan.rollup.selectors import obligations_count

    program = Obligation.objects.filter(org=world.cell1).first().task.program
    day = dt.date(Y, 7, 1)
    for org in (world.root, world.org_a):
        for task in (None, program.tasks.get(ref="II.1.3")):
            listed = obligations_in(program, org, Y, day, task_id=task.pk if task else None, status=status).count()
            with CaptureQueriesContext(connection) as queries:
                counted = obligations_count(program, org, Y, day, task_id=task.pk if task else None, status=status)
            assert counted == listed, (org.name, task, status)
            assert not any('"programs_obligation"' in q["sql"] for q in queries.captured_queries)
