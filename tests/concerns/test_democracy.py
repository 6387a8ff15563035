"""Grassroots democracy at work in an agency (the staff conference's resolution, the people's
inspection board, the trade union's supervision findings) and the mass organizations (executive
committee over time, members by date): the rules, the audit, the pages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.activities.services import activity_record
from danvan.audit.models import AuditEntry
from danvan.concerns import democracy
from danvan.concerns.models import BoardMember, Finding, InspectionBoard, MemberCount
from tests.conftest import login

D = dt.date


CONFERENCE_DAY = D(2026, 1, 20)


def held(world, org, kind, day=CONFERENCE_DAY, title="Hội nghị cán bộ, công chức năm 2026"):
    return activity_record(actor=world.officer, org=org, kind=kind, title=title, held_on=day, tasks=[])


def test_a_conference_resolution_elects_a_board_with_members_and_reports(world, agency):
    office, _ = agency
    conference = held(world, office, "staff_conference")
    with pytest.raises(ValidationError):
        democracy.conference_record(actor=world.officer, activity=held(world, office, "dialogue", title="Đối thoại"), resolution="x")
    with pytest.raises(ValidationError):
        democracy.conference_record(actor=world.officer, activity=conference, resolution="  ")
    kept = democracy.conference_record(
        actor=world.officer,
        activity=conference,
        resolution="Thông qua quy chế dân chủ; bầu Ban Thanh tra nhân dân.",
        resolution_file=SimpleUploadedFile("nghị quyết.pdf", b"%PDF-1.4"),
    )
    again = democracy.conference_record(actor=world.officer, activity=conference, resolution="Nghị quyết (sửa)")
    assert again.pk == kept.pk and again.resolution == "Nghị quyết (sửa)" and again.resolution_file
    with pytest.raises(ValidationError):
        democracy.board_elect(actor=world.officer, org=office, term_start=D(2026, 1, 20), term_end=D(2026, 1, 1))
    board = democracy.board_elect(actor=world.officer, org=office, term_start=D(2026, 1, 20), term_end=D(2028, 1, 19), conference=kept)
    with pytest.raises(ValidationError):  # terms do not overlap
        democracy.board_elect(actor=world.officer, org=office, term_start=D(2027, 1, 1), term_end=D(2029, 1, 1))
    democracy.board_member_add(actor=world.officer, board=board, person=world.person1, role="head")
    with pytest.raises(ValidationError):
        democracy.board_member_add(actor=world.officer, board=board, person=world.person2, role="head")  # one head
    with pytest.raises(ValidationError):
        democracy.board_member_add(actor=world.officer, board=board, person=world.person1, role="member")  # once
    democracy.board_member_add(actor=world.officer, board=board, person=world.person2, role="member")
    democracy.board_report_add(
        actor=world.officer, board=board, reported_on=D(2026, 6, 30), text="Giám sát việc công khai tài chính: đúng quy định."
    )
    assert BoardMember.objects.filter(board=board).count() == 2 and board.reports.count() == 1
    actions = set(AuditEntry.objects.filter(org_path=office.path).values_list("action", flat=True))
    assert {"conference.resolution", "board.elect", "board.member", "board.report"} <= actions
    page = login(world.officer).get(reverse("concerns:democracy", kwargs={"pk": office.pk}))
    text = page.content.decode()
    assert page.status_code == 200 and "Nguyễn Văn Một" in text and "công khai tài chính" in text and "Hội nghị cán bộ" in text


def test_supervision_findings_reach_the_agency_and_are_closed_once(world, agency):
    office, union = agency
    supervision = held(world, union, "democracy_supervision", title="Giám sát thực hiện quy chế dân chủ")
    with pytest.raises(ValidationError):
        democracy.finding_add(actor=world.officer, activity=held(world, union, "other", title="Khác"), text="x")
    finding = democracy.finding_add(
        actor=world.officer,
        activity=supervision,
        text="Chưa công khai kết quả thi đua",
        recommendation="Niêm yết 30 ngày",
        due=D(2026, 3, 1),
    )
    assert finding.org == office  # the union's agency, not the union
    democracy.finding_close(actor=world.officer, finding=finding, result="Đã niêm yết", done_on=D(2026, 2, 20))
    with pytest.raises(ValidationError):
        democracy.finding_close(actor=world.officer, finding=finding, result="Lại", done_on=D(2026, 2, 21))
    assert Finding.objects.get().done_on == D(2026, 2, 20)
    client = login(world.officer)
    section = client.get(reverse("concerns:findings", kwargs={"pk": supervision.pk})).content.decode()
    assert "Chưa công khai kết quả thi đua" in section and "Niêm yết 30 ngày" in section


def test_a_finding_posted_twice_is_recorded_once(world, agency):
    _, union = agency
    supervision = held(world, union, "democracy_supervision", title="Giám sát")
    client = login(world.officer)
    url = reverse("concerns:finding_add", kwargs={"pk": supervision.pk})
    page = client.get(reverse("concerns:findings", kwargs={"pk": supervision.pk})).content.decode()
    key = page.split('name="submission" value="')[1].split('"')[0]
    for _ in range(2):
        assert client.post(url, {"text": "Chưa họp định kỳ", "submission": key}).status_code == 302
    assert Finding.objects.count() == 1


def test_the_mass_page_shows_the_executive_committee_over_time_and_members_by_date(world, agency):
    office, union = agency
    democracy.member_count_record(actor=world.officer, org=union, on=D(2026, 1, 1), members=40)
    democracy.member_count_record(actor=world.officer, org=union, on=D(2026, 6, 30), members=42, note="Báo cáo 6 tháng")
    democracy.member_count_record(actor=world.officer, org=union, on=D(2026, 6, 30), members=43, note="Sửa")  # the same day: replaced
    with pytest.raises(ValidationError):
        democracy.member_count_record(actor=world.officer, org=office, on=D(2026, 6, 30), members=5)
    assert list(MemberCount.objects.values_list("members", flat=True)) == [43, 40]
    client = login(world.officer)
    page = client.get(reverse("concerns:mass", kwargs={"pk": union.pk})).content.decode()
    assert page.index("Nguyễn Văn Một") < page.index("Trần Thị Hai")  # the current chair first, the former after
    assert "43" in page and "Sửa" in page
    listing = client.get(reverse("concerns:mass", kwargs={"pk": world.org_a.pk})).content.decode()
    assert "Công đoàn Văn phòng" in listing and "43" in listing
    assert client.post(reverse("concerns:mass", kwargs={"pk": world.org_a.pk}), {"on": "01/07/2026", "members": "3"}).status_code == 403


def test_a_board_is_elected_from_the_page(world, agency):
    office, _ = agency
    client = login(world.officer)
    page = client.get(reverse("concerns:democracy", kwargs={"pk": office.pk})).content.decode()
    key = page.split('name="submission" value="')[1].split('"')[0]
    url = reverse("concerns:board_elect", kwargs={"pk": office.pk})
    answer = client.post(url, {"term_start": "01/02/2026", "term_end": "31/01/2026", "submission": key}, follow=True)
    assert "kết thúc sau" in answer.content.decode() and not InspectionBoard.objects.exists()
    client.post(url, {"term_start": "01/02/2026", "term_end": "31/01/2028", "submission": key})
    assert InspectionBoard.objects.get().term_end == D(2028, 1, 31)


def test_commitments_and_the_checklist_in_excel(world, agency):
    import io

    from openpyxl import load_workbook

    from danvan.concerns import services
    from danvan.concerns.models import DisclosureItem

    office, union = agency
    session = held(world, world.org_a, "work_session", title="Làm việc với BCH Công đoàn")
    services.commitment_add(actor=world.officer, activity=session, org=union, text='=HYPERLINK("http://x")', due=D(2026, 3, 1))
    item = DisclosureItem.objects.first()
    services.disclosure_record(actor=world.officer, org=office, item=item, form="intranet", disclosed_on=D(2026, 2, 1))
    client = login(world.officer)
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("concerns:commitments", kwargs={"pk": world.org_a.pk}) + "?format=xlsx").content)
    ).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Công đoàn Văn phòng" and rows[1][1] == '=HYPERLINK("http://x")'
    assert sheet.cell(row=2, column=2).data_type == "s"  # text, never a formula
    url = reverse("concerns:disclosures", kwargs={"pk": office.pk}) + "?year=2026&format=xlsx"
    rows = list(load_workbook(io.BytesIO(client.get(url).content)).active.iter_rows(values_only=True))
    assert rows[1][0] == item.name and rows[1][1] == "Trên mạng nội bộ"
    assert sum(1 for r in rows[1:] if r[1] == "chưa công khai") == DisclosureItem.objects.count() - 1


def test_the_report_section_counts_democracy_and_the_mass_organizations(world, agency):
    from danvan.concerns import services
    from danvan.concerns.models import DisclosureItem
    from danvan.concerns.report_section import collect_democracy

    office, union = agency
    held(world, office, "staff_conference")
    services.disclosure_record(
        actor=world.officer, org=office, item=DisclosureItem.objects.first(), form="writing", disclosed_on=D(2026, 2, 1)
    )
    finding = democracy.finding_add(
        actor=world.officer, activity=held(world, union, "democracy_supervision", title="Giám sát"), text="Chậm công khai"
    )
    democracy.finding_close(actor=world.officer, finding=finding, result="Đã công khai", done_on=D(2026, 3, 1))
    session = held(world, office, "work_session", title="Làm việc với BCH Công đoàn")
    services.commitment_add(actor=world.officer, activity=session, org=union, text="Tổ chức hội thao")
    figures = collect_democracy(office, D(2025, 12, 15), D(2026, 6, 14))
    assert figures == {"disclosed": 1, "conferences": 1, "findings": 1, "findings_done": 1, "work_sessions": 1, "commitments": 1}
    assert collect_democracy(office, D(2026, 6, 15), D(2026, 12, 14)) == {}
    # A finding of one period dealt with in the next counts in each for what happened in it.
    later = democracy.finding_add(
        actor=world.officer, activity=held(world, union, "democracy_supervision", title="Giám sát lần 2"), text="Chưa niêm yết"
    )
    democracy.finding_close(actor=world.officer, finding=later, result="Đã niêm yết", done_on=D(2026, 8, 1))
    assert collect_democracy(office, D(2025, 12, 15), D(2026, 6, 14))["findings"] == 2
    assert collect_democracy(office, D(2025, 12, 15), D(2026, 6, 14))["findings_done"] == 1
    assert collect_democracy(office, D(2026, 6, 15), D(2026, 12, 14)) == {"findings_done": 1}


def test_the_democracy_page_in_excel(world, agency):
    import io

    from openpyxl import load_workbook

    office, union = agency
    conference = democracy.conference_record(actor=world.officer, activity=held(world, office, "staff_conference"), resolution="=1+1")
    board = democracy.board_elect(
        actor=world.officer, org=office, term_start=D(2026, 1, 20), term_end=D(2028, 1, 19), conference=conference
    )
    democracy.board_member_add(actor=world.officer, board=board, person=world.person1, role="head")
    democracy.finding_add(
        actor=world.officer, activity=held(world, union, "democracy_supervision", title="Giám sát"), text="Chậm công khai"
    )
    response = login(world.officer).get(reverse("concerns:democracy", kwargs={"pk": office.pk}) + "?format=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 4
    sheets = [list(ws.iter_rows(values_only=True)) for ws in book.worksheets]
    assert sheets[0][1][2] == "=1+1" and book.worksheets[0].cell(row=2, column=3).data_type == "s"
    assert sheets[1][1][2] == "Nguyễn Văn Một" and sheets[3][1][0] == "Chậm công khai"
