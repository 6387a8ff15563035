"""User journeys in Debian's Chromium driven by Playwright; screenshots go to test-results/."""

import re
import shutil
import subprocess

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser import PHONE, SHOTS, new_page, sign_in

pytestmark = pytest.mark.browser


def test_vietnamese_glyphs_have_a_font():
    if not shutil.which("fc-match"):
        pytest.fail("fontconfig is missing")
    # ư, ơ and ệ (U+1EC7) must come from Liberation Sans itself, not a fallback font.
    found = subprocess.run(["fc-match", "--format=%{family}", "Liberation Sans:charset=1b0 1a1 1ec7"], capture_output=True, text=True)
    assert "Liberation Sans" in found.stdout


def test_an_administrator_signs_in_with_two_factor_and_browses_the_tree(world, live_server, browser):
    device = TOTPDevice.objects.get(user=world.admin)
    page = new_page(browser)
    page.goto(f"{live_server.url}/orgs/")
    assert "Đăng nhập" in page.content()
    sign_in(page, live_server, "admin", device=device)
    page.goto(f"{live_server.url}/orgs/")
    assert page.locator("h1").inner_text() == "Cây tổ chức"
    # Open the root, then Đảng bộ Cục A: children come in through htmx.
    page.click("summary:has-text('Đảng ủy Khối Thử nghiệm')")
    page.wait_for_selector("text=Đảng bộ Cục A")
    page.click("summary:has-text('Đảng bộ Cục A')")
    page.wait_for_selector("text=Chi bộ Phòng 2")
    page.screenshot(path=str(SHOTS / "tree.png"), full_page=True)
    # Search without diacritics.
    page.fill("input[name=q]", "chi bo phong 2")
    expect(page.locator("#tree-body li")).to_have_count(1)
    page.click("#tree-body a:has-text('Chi bộ Phòng 2')")
    page.wait_for_selector("h1:has-text('Chi bộ Phòng 2')")
    assert "Trần Thị Hai" in page.content()
    page.screenshot(path=str(SHOTS / "org.png"), full_page=True)


def test_a_secretary_on_a_phone_sees_only_their_cell(world, live_server, browser):
    page = new_page(browser, **PHONE)
    sign_in(page, live_server, "secretary")
    page.wait_for_selector("h1:has-text('Tổ chức của bạn')")
    assert "Chi bộ Phòng 1" in page.content()
    assert "Đảng bộ Cục B" not in page.content()
    page.click("a:has-text('Chi bộ Phòng 1')")
    page.wait_for_selector("text=Nguyễn Văn Một")
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SHOTS / "phone-cell.png"), full_page=True)


def test_a_secretary_uploads_the_seed_and_reviews_the_reading(world, live_server, browser):
    from tests.parsing.conftest import SEED

    page = new_page(browser, viewport={"width": 1400, "height": 1000})
    sign_in(page, live_server, "secretary")
    page.click("a:has-text('Chi bộ Phòng 1')")
    page.click("a:has-text('Tải văn bản lên')")
    page.set_input_files("input[type=file]", str(SEED))
    page.click("button:has-text('Tải lên và đọc')")
    page.wait_for_selector("h2:has-text('Kết quả đọc văn bản')")
    assert page.input_value("#id_number") == "754-CT/ĐU"
    assert page.input_value("#id_date") == "28/08/2013"
    assert page.input_value("#id_signature_name") == "Trần Đức Lai"
    assert page.input_value("#id_tasks-2-cadence") == "1-2 lần/năm"
    page.screenshot(path=str(SHOTS / "document-review.png"), full_page=False)
    page.fill("#id_superior", "Đảng ủy Khối các cơ quan Trung ương")
    page.click("button:has-text('Lưu kết quả rà soát')")
    page.wait_for_selector("text=Đã lưu kết quả rà soát.")
    assert page.input_value("#id_superior") == "Đảng ủy Khối các cơ quan Trung ương"


def test_the_program_journey_on_the_demo_data(db, live_server, browser):
    """The office loads the seed, makes the program and sends it down; a cell secretary holds the
    thematic meeting; the office's matrix shows that cell green and its sibling cells not."""
    from danvan.accounts.models import User
    from danvan.demo.loader import DEMO_PASSWORD, ROOT_CODE, load_demo
    from danvan.orgs.models import Org
    from tests.parsing.conftest import SEED

    load_demo()
    device = TOTPDevice.objects.create(user=User.objects.get(username="demo-admin"), name="phone", confirmed=True)
    root = Org.objects.get(code=ROOT_CODE)
    center = Org.objects.get(code=f"{ROOT_CODE}-TTTT")

    office = new_page(browser, viewport={"width": 1400, "height": 1000})
    sign_in(office, live_server, "demo-admin", DEMO_PASSWORD, device=device)
    office.goto(f"{live_server.url}/orgs/{root.pk}/")
    office.click("a:has-text('Tải văn bản lên')")
    office.set_input_files("input[type=file]", str(SEED))
    office.click("button:has-text('Tải lên và đọc')")
    office.click("button:has-text('Lưu kết quả rà soát')")
    office.click("button:has-text('Tạo chương trình từ văn bản này')")
    office.wait_for_selector("text=Đã tạo chương trình gồm 19 nhiệm vụ.")
    program_url = office.url
    office.click("form:has-text('Từ Đảng ủy Bộ Thông tin và Truyền thông') button:has-text('Gửi')")
    office.wait_for_selector("text=Đã gửi đến")
    office.screenshot(path=str(SHOTS / "program.png"))

    secretary = new_page(browser, **PHONE)
    sign_in(secretary, live_server, "demo-bithu", DEMO_PASSWORD)
    secretary.wait_for_selector("text=chờ tiếp nhận")  # the home page says what waits
    secretary.click(".cards a:has-text('Chi bộ Phòng Tin học')")
    secretary.click("a:has-text('Việc cần làm')")
    secretary.click("a:has-text('hãy tiếp nhận')")
    secretary.click("button:has-text('Tiếp nhận')")
    secretary.wait_for_selector("text=Đã tiếp nhận.")
    secretary.click("tr:has-text('II.1.3') a:has-text('Ghi nhận')")
    assert secretary.input_value("#id_title") == ""
    meeting_box = secretary.get_by_label(re.compile(r"II\.1\.3 · Tổ chức sinh hoạt chi bộ chuyên đề"))
    meeting_box.check()  # the link preselects it; checking again is harmless and keeps the journey explicit
    expect(meeting_box).to_be_checked()
    secretary.fill("#id_title", "Sinh hoạt chi bộ chuyên đề về công tác dân vận")
    secretary.fill("#id_minutes", "Chi bộ quán triệt Nghị quyết 25-NQ/TW, phân công nhiệm vụ dân vận cho từng đảng viên.")
    secretary.click("button:has-text('Lưu')")
    secretary.wait_for_selector("text=Đã ghi nhận.")
    assert "có mặt" in secretary.content()
    secretary.screenshot(path=str(SHOTS / "activity-phone.png"), full_page=True)

    office.goto(f"{program_url}matrix/?org={center.pk}")
    meeting_column = 2  # II.1.3 is the third task
    green = office.locator("tr:has(th:has-text('Chi bộ Phòng Tin học')) td").nth(meeting_column)
    expect(green).to_have_class("cell done")
    for sibling in ("Chi bộ Phòng Thông tin điện tử", "Chi bộ Phòng Hành chính – Tổng hợp"):
        cell = office.locator(f"tr:has(th:has-text('{sibling}')) td").nth(meeting_column)
        assert cell.get_attribute("class") in ("cell due", "cell overdue")
    office.screenshot(path=str(SHOTS / "matrix.png"), full_page=True)

    # Drill down: the green cell lists the cell's obligation, whose page shows the meeting as evidence.
    green.locator("a").click()
    office.wait_for_url(re.compile(r"/obligations/\?"))
    office.screenshot(path=str(SHOTS / "obligations.png"), full_page=True)
    office.locator("tbody tr:has-text('Chi bộ Phòng Tin học') a:has(.badge)").click()
    office.wait_for_selector("text=Minh chứng")
    expect(office.locator("table:below(:text('Minh chứng'))").first).to_contain_text("Sinh hoạt chi bộ chuyên đề về công tác dân vận")
    office.screenshot(path=str(SHOTS / "evidence.png"), full_page=True)
