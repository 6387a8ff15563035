"""A staff member's concern in Chromium: raised at a dialogue, assigned, referred to the party
organization above, escalated when overdue, answered and rated. Screenshots in test-results/."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from danvan.concerns.models import Concern
from tests.browser import SHOTS, new_page, sign_in

pytestmark = pytest.mark.browser


def test_a_concern_from_the_dialogue_to_its_rating(world, live_server, browser, settings):
    settings.DANVAN_CONCERN_ESCALATE_AFTER = 1
    cell = new_page(browser)
    sign_in(cell, live_server, "secretary")
    cell.goto(f"{live_server.url}/orgs/{world.cell1.pk}/concerns/new/")
    cell.select_option("#id_channel", "dialogue")
    cell.check("input[name=raiser][value=person]")
    cell.select_option("#id_person", str(world.person1.pk))
    cell.select_option("#id_category", label="Điều kiện làm việc")
    cell.fill("#id_title", "Phòng làm việc nóng")
    cell.fill("#id_text", "Điều hòa hỏng đã hai tháng.")
    cell.fill("#id_received_on", "02/01/2026")  # long ago: it is overdue by now
    cell.click("button:has-text('Tiếp nhận')")
    expect(cell.locator("h1")).to_have_text("Phòng làm việc nóng")
    concern = Concern.objects.get()
    cell.select_option("#handler", str(world.person1.pk))
    cell.click("button:has-text('Giao xử lý')")
    expect(cell.locator(".history")).to_contain_text("Đã giao xử lý")
    cell.select_option("#to_org", label="Đảng bộ Cục A")
    cell.fill("#refer-note", "Thuộc thẩm quyền Cục")
    cell.click("button:has-text('Chuyển')")
    expect(cell.locator(".history")).to_contain_text("Đảng bộ Cục A")
    cell.screenshot(path=str(SHOTS / "concern-referred.png"), full_page=True)

    Concern.objects.filter(pk=concern.pk).update(due=dt.date(2026, 1, 5))  # long overdue at Cục A
    call_command("concerns_escalate", stdout=io.StringIO())
    office = new_page(browser)
    sign_in(office, live_server, "admin", device=TOTPDevice.objects.get(user=world.admin))
    office.goto(f"{live_server.url}/accounts/notifications/")
    office.click("a:has-text('Phòng làm việc nóng')")
    expect(office.locator("main")).to_contain_text("đã báo cáo lên Đảng ủy Khối Thử nghiệm")
    office.fill("#answer", "Đã thay điều hòa mới.")
    office.click("form:has(#answer) button")
    expect(office.locator("main")).to_contain_text("Đã thay điều hòa mới.")

    cell.goto(f"{live_server.url}/concerns/{concern.pk}/")
    cell.check("input[name=rating][value=satisfied]")
    cell.click("button:has-text('Đánh giá câu trả lời')")
    expect(cell.locator(".history")).to_contain_text("Đánh giá")
    cell.screenshot(path=str(SHOTS / "concern-rated.png"), full_page=True)
    concern.refresh_from_db()
    assert concern.status == "closed" and concern.rating == "satisfied" and concern.escalated_to == world.root


def test_an_agency_discloses_on_a_phone_and_records_its_inspection_board(world, live_server, browser, tmp_path):
    from danvan.concerns.models import Disclosure, DisclosureItem, InspectionBoard
    from danvan.orgs.models import Membership, OrgKind, Position
    from danvan.orgs.services import org_create
    from tests.browser import PHONE

    office = org_create(
        actor=None, parent=world.org_a, name="Văn phòng Cục A", kind=OrgKind.AGENCY, code="A-VP", founded_on=dt.date(2020, 1, 1)
    )
    Membership.objects.create(person=world.person2, org=office, org_path=office.path, position=Position.STAFF, start=dt.date(2020, 1, 1))
    photo = tmp_path / "thông báo niêm yết.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0JPEG")
    item = DisclosureItem.objects.get(name="Kế hoạch công tác năm của cơ quan, đơn vị")
    phone = new_page(browser, **PHONE)
    sign_in(phone, live_server, "officer")
    year = timezone.localdate().year
    phone.goto(f"{live_server.url}/orgs/{office.pk}/disclosures/?year={year}")
    expect(phone.locator("main")).to_contain_text(f"{DisclosureItem.objects.count()} nội dung chưa công khai")
    phone.select_option("#id_item", str(item.pk))
    phone.select_option("#id_form", "posted")
    phone.fill("#id_disclosed_on", f"05/01/{year}")
    phone.fill("#id_posted_days", "30")
    phone.set_input_files("#id_proof", str(photo))
    phone.click("button:has-text('Lưu')")
    expect(phone.locator("main")).to_contain_text(f"{DisclosureItem.objects.count() - 1} nội dung chưa công khai")
    expect(phone.locator("tr.done")).to_contain_text("Niêm yết tại trụ sở")
    phone.screenshot(path=str(SHOTS / "disclosure-checklist-phone.png"), full_page=True)
    assert Disclosure.objects.get().proof.name.endswith(".jpg")

    phone.goto(f"{live_server.url}/orgs/{office.pk}/democracy/")
    phone.fill("#id_term_start", f"20/01/{year}")
    phone.fill("#id_term_end", f"19/01/{year + 2}")
    phone.click("form[action$='/boards/new/'] button")
    expect(phone.locator("main")).to_contain_text("đương nhiệm")
    phone.click("summary:has-text('Thêm thành viên')")
    phone.select_option("#id_person", str(world.person2.pk))
    phone.select_option("#id_role", "head")
    phone.click("form[action*='/members/add/'] button")
    expect(phone.locator("main")).to_contain_text("Trần Thị Hai · Trưởng ban")
    phone.screenshot(path=str(SHOTS / "inspection-board-phone.png"), full_page=True)
    assert InspectionBoard.objects.get().members.get().role == "head"
