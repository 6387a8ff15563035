import datetime as dt
import io

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from danvan.audit.models import AuditEntry
from danvan.orgs.excel import export_workbook, import_workbook
from danvan.orgs.models import Membership, Org, Person
from tests.conftest import login, make_person

ORG_HEADER = ["Mã", "Tên", "Tên viết tắt", "Loại", "Mã cấp trên", "Ngày thành lập"]
PEOPLE_HEADER = [
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Ngày vào Đảng",
    "Số thẻ đảng viên",
    "Điện thoại",
    "Thư điện tử",
    "Mã tổ chức",
    "Chức vụ",
    "Từ ngày",
]


def workbook(orgs=(), people=(), *, org_header=ORG_HEADER, people_header=PEOPLE_HEADER) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổ chức"
    ws.append(org_header)
    for row in orgs:
        ws.append(list(row))
    ws = wb.create_sheet("Nhân sự")
    ws.append(people_header)
    for row in people:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "import.xlsx"
    return buffer


def counts():
    return Org.objects.count(), Person.objects.count(), Membership.objects.count(), AuditEntry.objects.count()


def test_a_good_file_creates_orgs_and_people(world):
    f = workbook(
        orgs=[("A9", "Chi bộ Phòng 9", "", "Chi bộ", "A", "01/02/2020")],
        people=[
            ("Hoàng Thị Chín", "Nữ", "05/08/1990", "03/02/2015", "009", "0912345678", "", "A9", "Bí thư", "01/03/2020"),
            ("Ngô Văn Mười", "nam", None, None, "", "", "", "A9", "", None),
        ],
    )
    result = import_workbook(actor=world.admin, root=world.root, file=f)
    assert result.ok, result.errors
    cell = Org.objects.get(code="A9")
    assert Org.objects.get_parent(cell).code == "A"
    assert cell.founded_on == dt.date(2020, 2, 1)
    chin = Person.objects.get(party_card_number="009")
    assert chin.birth_date == dt.date(1990, 8, 5)  # day first: 05/08 is 5 August
    assert chin.memberships.get().position == "secretary"
    assert (result.orgs_created, result.people_created) == (1, 2)
    entry = AuditEntry.objects.get(action="org.import")  # written by the import, in its transaction
    assert entry.changes["people_created"] == [None, 2] and entry.org_path == world.root.path


def test_one_bad_row_writes_nothing_and_names_each_problem(world):
    before = counts()
    f = workbook(
        orgs=[("A9", "Chi bộ Phòng 9", "", "Chi bộ", "A", None), ("A10", "", "", "Không rõ", "ZZ", None)],
        people=[
            ("Hoàng Thị Chín", "Nữ", "31/02/1990", None, "", "", "", "A9", "", None),
            ("Ngô Văn Mười", "", None, None, "", "", "", "OUT1", "", None),
        ],
    )
    result = import_workbook(actor=world.admin, root=world.root, file=f)
    assert not result.ok
    assert counts() == before
    where = {(e.sheet, e.row, e.column) for e in result.errors}
    assert ("Tổ chức", 3, "Tên") in where
    assert ("Tổ chức", 3, "Loại") in where
    assert ("Tổ chức", 3, "Mã cấp trên") in where
    assert ("Nhân sự", 2, "Ngày sinh") in where
    assert ("Nhân sự", 3, "Mã tổ chức") in where  # OUT1 is outside the root's subtree
    messages = " ".join(e.message for e in result.errors)
    assert "Ngày 31/02/1990 không có: tháng 2/1990 chỉ có 28 ngày" in messages


def test_export_then_import_round_trips(world):
    data = export_workbook(world.root)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Tổ chức", "Nhân sự"]
    before = counts()[:3]
    result = import_workbook(actor=world.admin, root=world.root, file=io.BytesIO(data))
    assert result.ok, result.errors
    assert (result.orgs_created, result.orgs_updated, result.people_created, result.people_updated) == (0, 0, 0, 0)
    assert counts()[:3] == before


def test_a_file_that_is_not_excel_is_refused_clearly(world):
    result = import_workbook(actor=world.admin, root=world.root, file=io.BytesIO(b"not a zip"))
    assert not result.ok
    assert "Excel" in result.errors[0].message


def test_a_missing_required_column_is_reported(world):
    f = workbook(people=[("Ai đó",)], people_header=["Họ và tên"])
    result = import_workbook(actor=world.admin, root=world.root, file=f)
    assert any("Mã tổ chức" in e.message for e in result.errors)


def test_headers_in_english_are_read_too(world):
    f = workbook(
        people=[("Lý Thị Mười Một", "Female", "01/01/1991", None, "", "", "", "A1", "Member", None)],
        people_header=[
            "Full name",
            "Gender",
            "Date of birth",
            "Date of joining the Party",
            "Party card number",
            "Phone",
            "Email",
            "Organization code",
            "Position",
            "From",
        ],
    )
    result = import_workbook(actor=world.admin, root=world.root, file=f)
    assert result.ok, result.errors


def test_a_secretary_may_not_import_organizations(world):
    client = login(world.secretary)
    f = workbook(orgs=[("A19", "Chi bộ X", "", "Chi bộ", "A1", None)])
    response = client.post(reverse("orgs:import", kwargs={"pk": world.cell1.pk}), {"file": f})
    assert response.status_code == 422
    assert not Org.objects.filter(code="A19").exists()
    assert "Chỉ quản trị cấp ủy" in response.content.decode()


def test_the_import_page_shows_row_errors_in_vietnamese(world):
    client = login(world.secretary)
    f = workbook(people=[("", "", None, None, "", "", "", "A1", "", None)])
    response = client.post(reverse("orgs:import", kwargs={"pk": world.cell1.pk}), {"file": f})
    body = response.content.decode()
    assert response.status_code == 422
    assert "Chưa nhập dòng nào" in body and "Phải có họ và tên." in body


def test_the_export_view_downloads_xlsx(world):
    response = login(world.observer).get(reverse("orgs:export", kwargs={"pk": world.org_a.pk}))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content))
    names = [row[0] for row in wb["Nhân sự"].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["Nguyễn Văn Một", "Trần Thị Hai"]


cell = st.one_of(
    st.none(),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=20),
    st.integers(-10, 10**6),
    st.dates(),
    st.floats(allow_nan=False, allow_infinity=False),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cell, min_size=10, max_size=10), min_size=1, max_size=4))
def test_any_cell_values_give_errors_or_a_clean_import_never_a_crash(world, rows):
    before = counts()
    result = import_workbook(actor=world.admin, root=world.root, file=workbook(people=rows))
    if not result.ok:
        assert counts() == before


def test_an_import_never_touches_a_person_outside_the_importers_subtree(world):
    """A former member of the secretary's cell, now in Cục B: the secretary's import of a row with
    that card number writes nothing and says the card belongs outside their scope (the person's
    edit page answers 403 to the same user)."""
    from danvan.orgs import services

    moved = make_person(world.cell1, "Đỗ Văn Cũ", party_card_number="777", phone="0900000000")
    services.membership_end(actor=world.admin, membership=moved.memberships.get(), end=dt.date(2024, 1, 1))
    services.membership_add(actor=world.admin, person=moved, org=world.cell3, position="member", start=dt.date(2024, 1, 2))
    before = counts()
    f = workbook(people=[("Kẻ Mạo Danh", "Nam", None, None, "777", "0999999999", "x@example.org", "A1", "", None)])
    result = import_workbook(actor=world.secretary, root=world.cell1, file=f)
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(2, "Số thẻ đảng viên")]
    assert "ngoài phạm vi của bạn" in result.errors[0].message
    assert counts() == before
    moved.refresh_from_db()
    assert (moved.full_name, moved.phone) == ("Đỗ Văn Cũ", "0900000000")
    assert login(world.secretary).get(reverse("orgs:person_edit", kwargs={"pk": moved.pk})).status_code in (403, 404)


def test_an_import_updates_a_current_member_of_the_subtree_by_card(world):
    f = workbook(people=[("Nguyễn Văn Một", "Nam", None, None, "001", "0911111111", "", "A1", "Bí thư", None)])
    result = import_workbook(actor=world.secretary, root=world.cell1, file=f)
    assert result.ok, result.errors
    assert Person.objects.get(party_card_number="001").phone == "0911111111"


HOSTILE = ['=HYPERLINK("http://example.org/x","Bấm vào đây")', "=cmd|' /C calc'!A0", "+1+2", "-2+3", "@SUM(1,1)"]


def test_text_that_looks_like_a_formula_is_exported_as_text(world):
    import zipfile

    from danvan.orgs import services

    for index, name in enumerate(HOSTILE):
        services.org_create(actor=None, parent=world.org_a, name=name, kind="cell", code=f"H{index}", founded_on=dt.date(2020, 1, 1))
    make_person(world.cell1, "=1+1 Nguyễn", phone="+84912345678")
    data = export_workbook(world.root)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in sheet or "<f " in sheet for sheet in sheets)  # no formula anywhere
    wb = load_workbook(io.BytesIO(data))
    names = {cell.value for cell in wb["Tổ chức"]["B"]}
    assert set(HOSTILE) <= names
    people = {cell.value for cell in wb["Nhân sự"]["A"]}
    assert "=1+1 Nguyễn" in people
    assert all(cell.data_type == "s" for cell in wb["Tổ chức"]["B"])
