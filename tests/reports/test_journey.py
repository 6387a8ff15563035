"""The half-year, end to end in Chromium: the office opens the cycle; two cells file (one from a
phone), the third does not; the committee's report shows the summed figures and the missing
cell, and comes down as Word and as PDF. Screenshots in test-results/report-*.png."""

import datetime as dt
import subprocess

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from danvan.accounts.models import Role
from danvan.programs import services as program_services
from danvan.programs.models import Adoption
from danvan.reports.models import Cycle, Report, ReportStatus
from tests.browser import PHONE, SHOTS, new_page, sign_in
from tests.conftest import make_user
from tests.programs.conftest import Y
from tests.reports.conftest import meeting

pytestmark = pytest.mark.browser


def _file(page, live_server, text):
    page.goto(f"{live_server.url}/reports/")
    page.click("table a:has-text('Sơ kết')")
    expect(page.locator("h2:has-text('Số liệu')")).to_be_visible()
    page.fill("#id_results", text)
    expect(page.locator("#save-state")).to_contain_text("Đã lưu", timeout=10_000)  # saved as typed
    page.click("button:has-text('Nộp báo cáo')")
    expect(page.locator(".messages")).to_contain_text("Đã nộp báo cáo")


def test_a_half_year_from_opening_to_the_pdf(world, program, live_server, browser, tmp_path):
    program_services.program_cascade(
        actor=world.admin, program=program, from_org=world.root, targets=[world.cell1, world.cell2, world.cell3]
    )
    for adoption in Adoption.objects.filter(program=program):
        program_services.adoption_adopt(actor=world.admin, adoption=adoption, choices={}, year=Y)
    meeting(world, world.cell1, world.person1, dt.date(Y, 3, 10), program=program)
    meeting(world, world.cell2, world.person2, dt.date(Y, 4, 2), program=program)
    make_user("bithu2", world.cell2, Role.SECRETARY)

    office = new_page(browser)
    sign_in(office, live_server, "admin", device=TOTPDevice.objects.get(user=world.admin))
    office.goto(f"{live_server.url}/orgs/{world.root.pk}/reports/new/")
    office.fill("#id_year", str(Y))
    office.uncheck("input[name=kinds][value=party_org]")  # the cells report straight to the committee
    office.click("button:has-text('Mở kỳ báo cáo')")
    expect(office.locator("h1")).to_contain_text(f"6 tháng đầu năm {Y}")
    cycle = Cycle.objects.get()
    assert (cycle.period_start, cycle.period_end) == (dt.date(Y - 1, 12, 15), dt.date(Y, 6, 14))
    office.screenshot(path=str(SHOTS / "report-cycle.png"), full_page=True)

    desk = new_page(browser)
    sign_in(desk, live_server, "secretary")
    desk.goto(f"{live_server.url}/reports/")
    desk.click("table a:has-text('Sơ kết')")
    expect(desk.locator("table").first).to_contain_text("II.1.3")
    desk.screenshot(path=str(SHOTS / "report-prefilled.png"), full_page=True)
    _file(desk, live_server, "Chi bộ đã sinh hoạt chuyên đề về công tác dân vận.")

    phone = new_page(browser, **PHONE)
    sign_in(phone, live_server, "bithu2")
    _file(phone, live_server, "Chi bộ Phòng 2 đã sinh hoạt chuyên đề.")
    phone.screenshot(path=str(SHOTS / "report-phone-filed.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    top = Report.objects.get(cycle=cycle, org=world.root)
    assert set(Report.objects.filter(cycle=cycle, status=ReportStatus.SUBMITTED).values_list("org__code", flat=True)) == {"A1", "A2"}
    office.goto(f"{live_server.url}/reports/{top.pk}/")
    thematic = office.locator("tbody tr:has(td:text-is('II.1.3'))").first
    expect(thematic.locator("td").nth(7)).to_have_text("2")  # the two cells' meetings, summed from what they filed
    expect(office.locator(".side-by-side")).to_contain_text("Chi bộ Phòng 3")
    expect(office.locator(".side-by-side .card:has-text('Chi bộ Phòng 3')")).to_contain_text("Chưa nộp")
    expect(office.locator(".side-by-side")).to_contain_text("Chi bộ Phòng 2 đã sinh hoạt chuyên đề.")

    with office.expect_download() as word:
        office.click("a:has-text('Tải bản Word')")
    assert word.value.suggested_filename.endswith(".docx")
    assert open(word.value.path(), "rb").read(2) == b"PK"
    office.click("button:has-text('Tạo tệp PDF')")
    link = office.locator("a:has-text('Tải PDF')")
    expect(link).to_be_visible(timeout=60_000)
    with office.expect_download() as pdf:
        link.click()
    saved = tmp_path / "report.pdf"
    pdf.value.save_as(saved)
    text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True, check=True).stdout.decode()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Chi bộ Phòng 3" in text  # the missing cell is named
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(saved), str(SHOTS / "report-pdf-page1")], check=True
    )
    assert (SHOTS / "report-pdf-page1.png").exists()
