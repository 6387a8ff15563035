"""User journeys in Debian's Chromium driven by Playwright; screenshots go to test-results/."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
# As root on a closed network: no sandbox, and none of Chromium's calls home.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parent.parent / "test-results"


@pytest.fixture(scope="module")
def browser():
    # Sync Playwright keeps an event loop in this thread, so Django's ORM would refuse the test's own queries.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make install` (it installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def _page(browser, **kwargs):
    # A Vietnamese browser: Accept-Language decides the interface language.
    context = browser.new_context(locale="vi-VN", **kwargs)
    return context.new_page()


def test_vietnamese_glyphs_have_a_font():
    if not shutil.which("fc-match"):
        pytest.fail("fontconfig is missing")
    # ư, ơ and ệ (U+1EC7) must come from Liberation Sans itself, not a fallback font.
    found = subprocess.run(["fc-match", "--format=%{family}", "Liberation Sans:charset=1b0 1a1 1ec7"], capture_output=True, text=True)
    assert "Liberation Sans" in found.stdout


def test_an_administrator_signs_in_with_two_factor_and_browses_the_tree(world, live_server, browser):
    SHOTS.mkdir(exist_ok=True)
    device = TOTPDevice.objects.get(user=world.admin)
    page = _page(browser)
    page.goto(f"{live_server.url}/orgs/")
    assert "Đăng nhập" in page.content()
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/two-factor/verify/**")
    page.fill("#id_token", f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}")
    page.click("button[type=submit]")
    page.wait_for_url("**/orgs/")
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
    SHOTS.mkdir(exist_ok=True)
    page = _page(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "secretary")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
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

    SHOTS.mkdir(exist_ok=True)
    page = _page(browser, viewport={"width": 1400, "height": 1000})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "secretary")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
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
