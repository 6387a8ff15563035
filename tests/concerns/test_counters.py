"""The concerns' indicators rolled up the tree: after every write path the counters equal what
the rows say, at every node; `reconcile` finds drift and repairs it; the pages read them."""

import datetime as dt

from django.core.management import call_command

from danvan.concerns import counters, selectors, services
from danvan.concerns.models import Concern, ConcernCounter, OpenConcernCounter
from danvan.orgs.services import org_move
from tests.concerns.conftest import CAL, raise_concern

D = dt.date


def assert_counted():
    assert counters.stored() == counters.expected()
    assert counters.reconcile() == []


def test_every_write_path_keeps_the_counters(world, category):
    concern = raise_concern(world, category)
    assert_counted()
    figures = selectors.figures(world.root, D(2026, 4, 21))
    assert (figures["total"], figures["open"], figures["overdue"]) == (1, 1, 0)
    assert selectors.figures(world.root, D(2026, 6, 1))["overdue"] == 1  # due 14/5
    concern = services.concern_assign(actor=world.secretary, concern=concern, handler=world.person1)
    concern = services.concern_start(actor=world.secretary, concern=concern)
    assert_counted()
    concern = services.concern_refer(actor=world.secretary, concern=concern, to_org=world.org_a, note="Cục", today=D(2026, 5, 4), cal=CAL)
    assert_counted()
    assert selectors.figures(world.cell1, D(2026, 5, 4))["open"] == 0
    assert selectors.figures(world.org_a, D(2026, 5, 4))["open"] == 1
    concern = services.concern_return(actor=world.officer, concern=concern, reason="Chi bộ", today=D(2026, 5, 5), cal=CAL)
    assert_counted()
    concern = services.concern_answer(actor=world.secretary, concern=concern, answer="Đã sửa.", today=D(2026, 5, 8))
    assert_counted()
    concern = services.concern_rate(actor=world.secretary, concern=concern, rating="not")
    assert_counted()
    concern = services.concern_reopen(actor=world.secretary, concern=concern, reason="Vẫn nóng", today=D(2026, 5, 12), cal=CAL)
    assert_counted()
    concern = services.concern_answer(actor=world.secretary, concern=concern, answer="Đã thay máy.", today=D(2026, 6, 30))
    concern = services.concern_close(actor=world.secretary, concern=concern)
    assert_counted()
    figures = selectors.figures(world.root, D(2026, 7, 1), year=2026)
    assert (figures["total"], figures["answered"], figures["on_time"], figures["open"]) == (1, 1, 0, 0)  # answered after its new due day
    assert OpenConcernCounter.objects.count() == 0  # nothing open: no row left behind


def test_the_figures_by_category_and_by_org_below(world, category):
    from danvan.concerns.models import Category

    other = Category.objects.get(name="Khác")
    raise_concern(world, category)
    raise_concern(world, other, origin=world.cell2, raiser="anonymous")
    answered = raise_concern(world, other)
    services.concern_answer(actor=world.secretary, concern=answered, answer="Xong.", today=D(2026, 4, 22))
    by_category = {row["category"].name: row for row in selectors.figures(world.root, D(2026, 4, 22))["by_category"]}
    assert by_category["Khác"]["total"] == 2 and by_category["Khác"]["open"] == 1 and by_category["Khác"]["on_time_rate"] == 100
    assert by_category["Điều kiện làm việc"]["total"] == 1
    rows, count = selectors.figures_by_org(world.org_a, D(2026, 4, 22))
    assert count == 2 and [(r["org"], r["open"], r["total"]) for r in rows] == [(world.cell1, 1, 2), (world.cell2, 1, 1)]
    assert selectors.figures_by_org(world.root, D(2026, 4, 22))[0][0]["org"] == world.org_a
    assert selectors.figures(world.root, D(2026, 4, 22), year=2025)["total"] == 0
    whole = selectors.figures(world.root, D(2026, 4, 22))  # summed over both categories' rows
    assert (whole["total"], whole["open"], whole["answered"]) == (3, 2, 1)


def test_an_org_that_moves_takes_its_concerns_along(world, category):
    raise_concern(world, category)
    org_move(actor=world.admin, org=world.cell1, new_parent=world.org_b)
    assert_counted()
    assert selectors.figures(world.org_a, D(2026, 4, 21))["total"] == 0
    assert selectors.figures(world.org_b, D(2026, 4, 21))["open"] == 1
    assert selectors.figures(world.root, D(2026, 4, 21))["open"] == 1


def test_reconcile_finds_drift_and_repairs_it(world, category, capsys):
    concern = raise_concern(world, category)
    Concern.objects.filter(pk=concern.pk).update(due=D(2026, 1, 5))  # written behind the services' back
    ConcernCounter.objects.filter(node_path=world.root.path).update(total=7)
    drift = counters.reconcile()
    assert any("stored (7," in line for line in drift) and any("open concerns" in line for line in drift)
    try:
        call_command("reconcile")
    except SystemExit as stop:
        assert stop.code == 1
    assert "stored (7," in capsys.readouterr().out
    call_command("reconcile", "--fix")
    assert_counted()
    assert selectors.figures(world.root, D(2026, 4, 21))["overdue"] == 1


def test_open_commitments_and_findings_are_counted_up_the_tree(world):
    from danvan.activities.services import activity_record
    from danvan.concerns import democracy
    from danvan.orgs.services import org_create
    from danvan.rollup import open_items

    union = org_create(actor=None, parent=world.cell1, name="Công đoàn Phòng 1", kind="trade_union", code="A1-CD", founded_on=D(2020, 1, 1))
    session = activity_record(
        actor=world.secretary, org=world.cell1, kind="work_session", title="Làm việc", held_on=D(2026, 3, 2), tasks=[]
    )
    first = services.commitment_add(actor=world.secretary, activity=session, org=union, text="Hội thao", due=D(2026, 4, 30))
    services.commitment_add(actor=world.secretary, activity=session, org=union, text="Phát triển đoàn viên")  # no due day
    supervision = activity_record(
        actor=world.secretary, org=union, kind="democracy_supervision", title="Giám sát", held_on=D(2026, 3, 5), tasks=[]
    )
    finding = democracy.finding_add(actor=world.secretary, activity=supervision, text="Chưa niêm yết", due=D(2026, 3, 20))
    assert open_items.reconcile() == []
    assert open_items.figures(world.root.path, D(2026, 5, 1), ["commitment", "finding"]) == {
        "commitment": {"open": 2, "overdue": 1},
        "finding": {"open": 1, "overdue": 1},
    }
    services.commitment_close(actor=world.secretary, commitment=first, result="Đã tổ chức", done_on=D(2026, 4, 20))
    democracy.finding_close(actor=world.secretary, finding=finding, result="Đã niêm yết", done_on=D(2026, 3, 18))
    assert open_items.reconcile() == []
    org_move(actor=world.admin, org=world.cell1, new_parent=world.org_b)
    assert open_items.reconcile() == []
    assert open_items.figures(world.org_b.path, D(2026, 5, 1), ["commitment"])["commitment"] == {"open": 1, "overdue": 0}
    from danvan.rollup.models import OpenItemCounter

    OpenItemCounter.objects.filter(node_path=world.root.path).update(open=5)
    assert open_items.reconcile() and open_items.reconcile(fix=True) and open_items.reconcile() == []
    todo = [i["text"] for i in selectors.follow_up_items(world.org_b, D(2026, 5, 1))]
    assert todo == ["1 việc đã thống nhất với đoàn thể chưa thực hiện xong, 0 quá hạn"]


def test_a_moved_org_takes_the_concerns_it_received_out_of_sight_of_its_old_parent(world, category):
    from django.urls import reverse

    from tests.conftest import login

    concern = raise_concern(world, category)  # received and answered by cell 1, under Cục A
    assert login(world.officer).get(reverse("concerns:detail", kwargs={"pk": concern.pk})).status_code == 200
    org_move(actor=world.admin, org=world.cell1, new_parent=world.org_b)
    concern.refresh_from_db()
    world.cell1.refresh_from_db()
    assert concern.origin_path == world.cell1.path  # the received-by path follows the org too
    assert login(world.officer).get(reverse("concerns:detail", kwargs={"pk": concern.pk})).status_code == 404
