"""In Chromium: a cell registers a "Dân vận khéo" model in its committee's campaign, reports
progress with a photo (on a phone), and nominates it; a three-person council scores it; the
committee's office issues the decision; the certificate opens as a PDF. Screenshots in test-results/."""

import datetime as dt
import io
import subprocess

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from danvan.accounts.models import Role
from danvan.emulation import services
from danvan.emulation.models import Nomination, Practice
from danvan.registry.services import term_create
from tests.browser import PHONE, SHOTS, new_page, sign_in
from tests.conftest import make_person, make_user
from tests.emulation.conftest import PRACTICE

pytestmark = pytest.mark.browser


def test_a_model_from_registration_to_certificate(world, live_server, browser, tmp_path):
    today = timezone.localdate()
    year_end = dt.date(today.year, 12, 31)
    campaign = services.campaign_create(
        actor=world.admin, org=world.root, year=today.year, title=f"“Dân vận khéo” năm {today.year}", register_until=year_end,
        review_by=year_end, criteria=[{"name": "Thiết thực", "max": 50}, {"name": "Nhân rộng", "max": 50}],
    )  # fmt: skip
    term_create(actor=world.admin, org=world.root, name="2025–2030", start=dt.date(2025, 1, 1))
    judges = [make_person(world.root, name) for name in ("Hoàng Văn Chủ", "Vũ Thị Ủy", "Đặng Văn Viên")]
    for i, person in enumerate(judges):
        services.council_appoint(actor=world.admin, campaign=campaign, person=person, role="chair" if i == 0 else "member")
        make_user(f"judge{i}", world.root, Role.OBSERVER, person)
    make_user("office", world.root, Role.OFFICER)

    cell = new_page(browser)
    sign_in(cell, live_server, "secretary")
    cell.goto(f"{live_server.url}/orgs/{world.cell1.pk}/dan-van-kheo/")
    cell.click("a:has-text('Đăng ký mô hình')")
    cell.select_option("#id_campaign", str(campaign.pk))
    for name in ("name", "problem", "goals", "method", "area", "forces", "outputs", "sustain"):
        cell.fill(f"#id_{name}", PRACTICE[name])
    cell.select_option("#id_field", "administration")
    cell.fill("#id_starts_on", today.strftime("%d/%m/%Y"))
    cell.fill("#id_ends_on", year_end.strftime("%d/%m/%Y"))
    cell.click("button:has-text('Đăng ký mô hình')")
    expect(cell.locator("h1")).to_contain_text(PRACTICE["name"])
    practice = Practice.objects.get()

    phone = new_page(browser, **PHONE)
    sign_in(phone, live_server, "secretary")
    phone.goto(f"{live_server.url}/models/{practice.pk}/")
    phone.click("summary:has-text('Báo cáo tiến độ')")
    phone.fill("#id_text", "Đã hướng dẫn 120 hộ nộp hồ sơ trực tuyến.")
    photo = tmp_path / "huong-dan.jpg"
    Image.new("RGB", (800, 600), "#1f5f99").save(photo, "JPEG")
    phone.set_input_files("#id_files", str(photo))
    phone.click("form[action$='/progress/'] button")
    expect(phone.locator("main img")).to_have_count(1)
    phone.screenshot(path=str(SHOTS / "dan-van-kheo-progress-phone.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    phone.click("summary:has-text('Đề nghị khen thưởng mô hình này')")
    phone.fill("#id_achievements", "120 hộ nộp hồ sơ trực tuyến; được nhân dân đồng tình.")
    phone.click("form[action$='/nominate/'] button")
    nomination = Nomination.objects.get()

    for i, points in enumerate([(45, 40), (40, 40), (42, 38)]):
        judge = new_page(browser)
        sign_in(judge, live_server, f"judge{i}")
        judge.goto(f"{live_server.url}/nominations/{nomination.pk}/")
        judge.fill("#id_c0", str(points[0]))
        judge.fill("#id_c1", str(points[1]))
        judge.fill("#id_comment", "Thiết thực, hiệu quả")
        judge.click("button:has-text('Lưu điểm')")
        expect(judge.locator("main")).to_contain_text("Đã lưu")
        judge.context.close()
    office = new_page(browser)
    sign_in(office, live_server, "office")
    office.goto(f"{live_server.url}/nominations/{nomination.pk}/")
    expect(office.locator("main")).to_contain_text("Điểm trung bình: 81,7/100")
    office.screenshot(path=str(SHOTS / "dan-van-kheo-scores.png"), full_page=True)
    office.goto(f"{live_server.url}/campaigns/{campaign.pk}/")
    office.click("summary:has-text('Ban hành quyết định khen thưởng')")
    office.check(f"input[name=nominations][value='{nomination.pk}']")
    office.fill("#id_issued_on", today.strftime("%d/%m/%Y"))
    office.fill("#id_signer", "Hoàng Văn Chủ")
    office.fill("#id_signer_position", "Bí thư")
    office.click("button:has-text('Ban hành quyết định')")
    expect(office.locator("main")).to_contain_text("01-QĐ/ROOT")
    office.screenshot(path=str(SHOTS / "dan-van-kheo-decision.png"), full_page=True)

    pdf = cell.request.get(f"{live_server.url}/nominations/{nomination.pk}/certificate.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    (tmp_path / "giay-khen.pdf").write_bytes(pdf.body())
    (SHOTS / "dan-van-kheo-certificate.pdf").write_bytes(pdf.body())
    text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "giay-khen.pdf"), "-"], capture_output=True, text=True).stdout.split())
    assert "GIẤY KHEN" in text and "Chi bộ Phòng 1" in text and "Quyết định số 01-QĐ/ROOT" in text
    assert io.BytesIO(pdf.body()).read(4) == b"%PDF"
