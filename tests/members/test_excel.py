"""A cell's tasks from an Excel sheet (all or nothing, mistakes named by row and column), and
the coverage of the party members above the cell."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from danvan.audit.models import AuditEntry
from danvan.members import selectors
from danvan.members.models import MemberTask
from danvan.orgs.models import Person
from tests.conftest import login, make_person

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(rows, header=("Đảng viên", "Số thẻ đảng viên", "Nhiệm vụ", "Nơi thực hiện", "Cùng với")) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("nhiem-vu.xlsx", out.getvalue(), content_type=XLSX)


def test_the_cells_sheet_comes_back_filled_in(world, members):
    people, _outsider = members
    client = login(world.secretary)
    url = reverse("members:tasks", kwargs={"pk": world.cell1.pk})
    template = load_workbook(io.BytesIO(client.get(url, {"year": 2026, "format": "template"}).content)).active
    assert [c.value for c in template[1]] == ["Đảng viên", "Số thẻ đảng viên", "Nhiệm vụ", "Nơi thực hiện", "Cùng với"]
    assert sorted(r[0] for r in template.iter_rows(min_row=2, values_only=True)) == sorted(p.full_name for p in people)
    sheet = _sheet([
        ("Nguyễn Văn Một", "001", "Tuyên truyền chuyển đổi số", "Nơi làm việc", ""),
        ("le van ba", "", "Vận động hộ gia đình", "Nơi cư trú", "Tổ dân phố 5"),
        ("Phạm Thị Bốn", "", "", "", ""),  # no task in the sheet: left as it is
    ])  # fmt: skip
    response = client.post(reverse("members:tasks_import", kwargs={"pk": world.cell1.pk}) + "?year=2026", {"file": sheet})
    assert response.status_code == 302, [(e.row, e.column, e.message) for e in response.context["errors"]]
    tasks = {t.person.full_name: (t.text, t.place, t.with_whom) for t in MemberTask.objects.filter(year=2026)}
    assert tasks == {
        "Nguyễn Văn Một": ("Tuyên truyền chuyển đổi số", "workplace", ""),
        "Lê Văn Ba": ("Vận động hộ gia đình", "residence", "Tổ dân phố 5"),
    }
    assert AuditEntry.objects.filter(action="member_task.import").count() == 1


def test_a_sheet_with_a_mistake_gives_nothing_and_names_each_one(world, members):
    make_person(world.cell1, "Lê Văn Ba", party_joined_on=members[0][0].party_joined_on)  # a second Lê Văn Ba
    client = login(world.secretary)
    sheet = _sheet([
        ("Nguyễn Văn Một", "", "Tuyên truyền", "Ở nhà trên trời", ""),  # not a place
        ("Lê Văn Ba", "", "Vận động", "", ""),  # two of them
        ("Người Lạ", "", "Vận động", "", ""),  # not in the cell
        ("Đỗ Văn Năm", "", "Vận động", "", ""),  # in the cell but not a party member
        ("Nguyễn Văn Một", "", "Lần nữa", "", ""),  # twice
        ('=HYPERLINK("http://x")', "999", "Vận động", "", ""),  # a card nobody has
    ])  # fmt: skip
    response = client.post(reverse("members:tasks_import", kwargs={"pk": world.cell1.pk}) + "?year=2026", {"file": sheet})
    assert response.status_code == 200 and not MemberTask.objects.exists()
    rows = sorted((e.row, e.column) for e in response.context["errors"])
    assert rows == [(2, "Nơi thực hiện"), (3, "Đảng viên"), (4, "Đảng viên"), (5, "Đảng viên"), (6, "Đảng viên"), (7, "Số thẻ đảng viên")]
    bad = client.post(reverse("members:tasks_import", kwargs={"pk": world.cell1.pk}), {"file": SimpleUploadedFile("x.xlsx", b"not excel")})
    assert bad.status_code == 200 and "Excel" in bad.content.decode()
    no_task_column = _sheet([("Nguyễn Văn Một",)], header=("Đảng viên",))
    response = client.post(reverse("members:tasks_import", kwargs={"pk": world.cell1.pk}), {"file": no_task_column})
    assert response.status_code == 200 and "Nhiệm vụ" in response.content.decode()
    assert login(world.observer).post(reverse("members:tasks_import", kwargs={"pk": world.cell1.pk}), {}).status_code == 403


def test_coverage_above_the_cell(world, members, django_capture_on_commit_callbacks):
    from danvan.members.services import tasks_assign

    people, _outsider = members
    Person.objects.filter(pk=world.person2.pk).update(party_joined_on=people[0].party_joined_on)  # Chi bộ Phòng 2's one member
    import datetime as dt

    tasks_assign(actor=world.secretary, org=world.cell1, year=2026, person_ids=[p.pk for p in people[:2]], text="Tuyên truyền",
                 place="workplace", today=dt.date(2026, 3, 2))  # fmt: skip
    found = selectors.coverage(world.org_a, 2026, selectors.party_members_below(world.org_a))
    assert (found["total"]["members"], found["total"]["assigned_pct"]) == (4, 50)  # 2 of the 4 party members of Đảng bộ Cục A
    assert [(r["org"], r["members"], r["assigned_pct"]) for r in found["below"]] == [(world.cell1, 3, 67)]
    url = reverse("members:coverage", kwargs={"pk": world.org_a.pk})
    with django_capture_on_commit_callbacks(execute=True):  # a wide org's party members: counted by the worker (here at once)
        assert "Đang đếm" in login(world.officer).get(url, {"year": 2026}).content.decode()
    page = login(world.officer).get(url, {"year": 2026}).content.decode()
    assert "50%" in page and "67%" in page and "hx-get" not in page


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

cells = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=True),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(cells, cells, cells, cells, cells), max_size=6), junk=st.binary(max_size=64))
def test_any_sheet_gives_its_tasks_or_names_its_mistakes(world, members, rows, junk):
    client = login(world.secretary)
    url = reverse("members:tasks_import", kwargs={"pk": world.cell1.pk})
    response = client.post(url, {"file": _sheet(rows)})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["errors"]
    assert client.post(url, {"file": SimpleUploadedFile("x.xlsx", junk)}).status_code in (200, 302)  # an empty file: back with why
