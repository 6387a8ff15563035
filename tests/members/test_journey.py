"""In Chromium: a cell's secretary gives three members the same dân vận task in one go, and one
member, on a phone, acknowledges it and files the year-end self-report. Screenshots in test-results/."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.members.models import CommonTask, MemberTask
from tests.browser import PHONE, SHOTS, new_page, sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.browser


def test_a_cell_assigns_tasks_in_bulk_and_a_member_reports_on_a_phone(world, members, live_server, browser, settings):
    settings.DANVAN_MEMBER_REPORT_FROM, settings.DANVAN_MEMBER_REPORT_UNTIL = (1, 1), (12, 31)  # the window is open today
    people, _outsider = members
    make_user("ba", world.cell1, "member", people[1])
    year = timezone.localdate().year  # the page's default year
    common = CommonTask.objects.first()
    cell = new_page(browser)
    sign_in(cell, live_server, "secretary")
    cell.goto(f"{live_server.url}/orgs/{world.cell1.pk}/member-tasks/?year={year}")
    expect(cell.locator("main")).to_contain_text("3 đảng viên chưa có nhiệm vụ")
    expect(cell.locator("input[name=people]:checked")).to_have_count(3)  # those without a task, ticked
    cell.select_option("#id_common", str(common.pk))
    cell.select_option("#id_place", "residence")
    cell.fill("#id_with_whom", "Tổ dân phố số 5")
    cell.click("button:has-text('Giao nhiệm vụ')")
    expect(cell.locator("main")).to_contain_text("Đã giao nhiệm vụ cho 3 đảng viên")
    cell.screenshot(path=str(SHOTS / "member-tasks-bulk.png"), full_page=True)
    assert MemberTask.objects.filter(year=year, text=common.text, place="residence").count() == 3

    phone = new_page(browser, **PHONE)
    sign_in(phone, live_server, "ba")
    phone.goto(f"{live_server.url}/my-tasks/")
    phone.click(f"a:has-text('Nhiệm vụ dân vận năm {year}')")
    phone.click("button:has-text('Tôi nhận nhiệm vụ')")
    expect(phone.locator("main")).to_contain_text("Đã nhận ngày")
    phone.fill("#id_text", "Đã vận động 5 hộ gia đình sử dụng dịch vụ công trực tuyến.")
    phone.click("button:has-text('Nộp báo cáo')")
    expect(phone.locator("main")).to_contain_text("Đã vận động 5 hộ gia đình")
    phone.screenshot(path=str(SHOTS / "member-task-self-report-phone.png"), full_page=True)
    task = MemberTask.objects.get(person=people[1])
    assert task.acknowledged_on is not None and task.self_reported_on is not None
