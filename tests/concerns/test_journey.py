"""A staff member's concern in Chromium: raised at a dialogue, assigned, referred to the party
organization above, escalated when overdue, answered and rated. Screenshots in test-results/."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
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
