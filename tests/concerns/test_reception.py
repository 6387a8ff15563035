"""The head's periodic reception of citizens and dialogue with staff are a program like any other:
a plan read from its text gives each cell a monthly obligation to receive citizens, a reception
recorded (with the concerns gathered there) meets that month's, and the months without one are
behind — "who has not received citizens this month" is the matrix of that program."""

import datetime as dt

import time_machine

from danvan.activities.services import activity_record
from danvan.parsing import parse_text
from danvan.programs import services
from danvan.programs.models import ActivityKind, Adoption, Obligation
from danvan.rollup import selectors as rollup
from tests.concerns.conftest import raise_concern

PLAN = """ĐẢNG BỘ KHỐI THỬ NGHIỆM
ĐẢNG ỦY
*
Số 12-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 5 tháng 1 năm 2026
KẾ HOẠCH
tiếp công dân và đối thoại năm 2026
I. NỘI DUNG
1. Bí thư các chi bộ tiếp công dân định kỳ ít nhất 1 ngày mỗi tháng.
2. Thủ trưởng cơ quan, đơn vị đối thoại với cán bộ, công chức, viên chức mỗi năm một lần.
"""


def test_a_monthly_reception_is_owed_met_by_a_reception_and_behind_without_one(world, category):
    data = parse_text(PLAN).to_dict()
    reception = data["tasks"][0]
    assert {"per": "month", "min": None, "max": None, "on": None} in reception["cadence"]
    with time_machine.travel(dt.datetime(2026, 1, 6, 3, tzinfo=dt.UTC), tick=False):
        program = services.program_create(actor=world.admin, org=world.root, data=data, valid_from=dt.date(2026, 1, 1))
        task = program.tasks.get(ref=reception["ref"])
        assert task.activity_kind == ActivityKind.DIALOGUE
        services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1, world.cell2])
        for org in (world.cell1, world.cell2):
            services.adoption_adopt(actor=world.admin, adoption=Adoption.objects.get(program=program, org=org))
    owed = Obligation.objects.filter(task=task, org=world.cell1)
    assert sorted(o.period_key for o in owed) == [f"2026-{m:02d}" for m in range(1, 13)]  # "định kỳ mỗi tháng": monthly only
    # Cell 1 receives citizens in March and records what was raised there; cell 2 does not.
    held = activity_record(
        actor=world.secretary, org=world.cell1, kind=ActivityKind.DIALOGUE, title="Tiếp công dân tháng 3", held_on=dt.date(2026, 3, 10),
        tasks=[task], minutes="Biên bản tiếp công dân", attendance={world.person1.pk: "present"},
    )  # fmt: skip
    raise_concern(
        world, category, raiser="citizen", citizen_name="Lê Văn Dân", channel="reception", activity=held, day=dt.date(2026, 3, 10)
    )
    march = {o.org_id: o for o in Obligation.objects.filter(task=task, start__year=2026, start__month=3)}
    assert march[world.cell1.pk].done >= 1 and march[world.cell2.pk].done == 0
    assert held.concerns.get().citizen_name == "Lê Văn Dân"
    # On 20 April the plan's matrix shows who has not received citizens: three months behind in
    # cell 2 (January to March), two in cell 1, which held March's.
    matrix = rollup.matrix(program, world.org_a, 2026, dt.date(2026, 4, 20))
    reception_cells = {row["org"].pk: next(c for c in row["cells"] if c["task"].pk == task.pk)["counts"] for row in matrix["rows"]}
    assert reception_cells[world.cell2.pk].get("overdue") == 3 and not reception_cells[world.cell2.pk].get("done")
    assert reception_cells[world.cell1.pk].get("overdue") == 2 and reception_cells[world.cell1.pk].get("done") == 1
    behind = rollup.matrix(program, world.org_a, 2026, dt.date(2026, 4, 20), behind_only=True)
    assert {row["org"].pk for row in behind["rows"] if not row["own"]} == {world.cell1.pk, world.cell2.pk}
