"""The registers in Chromium: the office issues the consolidated report with the next number of
its series, sends it to three orgs, one acknowledges, the office sees two pending and reminds
them; a received scan is entered with its fields read from it. Screenshots in test-results/."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from danvan.documents.models import Document, DocumentStatus
from danvan.registry import services
from danvan.registry.models import Incoming, Outgoing
from danvan.reports import services as report_services
from danvan.reports.models import CycleKind, Letterhead
from tests.browser import SHOTS, new_page, sign_in
from tests.reports.conftest import TEXT

pytestmark = pytest.mark.browser


def test_issue_distribute_acknowledge_remind_and_receive(world, program, live_server, browser):
    Letterhead.objects.create(
        org=world.root,
        code="ĐU",
        signer_name="Trần Đức Lai",
        recipients="- Đảng bộ Cục A\n- Đảng bộ Cục B\n- Chi bộ Phòng 1 (để thực hiện)",
    )
    services.term_create(actor=None, org=world.root, name="2025–2030", start=dt.date(2025, 1, 1))
    services.outgoing_issue(actor=None, org=world.root, type_code="BC", title="Báo cáo trước", issued_on=dt.date(2026, 1, 5))
    cycle = report_services.cycle_open(
        actor=world.admin, org=world.root, kind=CycleKind.HALF_YEAR, title="Sơ kết 6 tháng", programs=[program],
        period_start=dt.date(2025, 12, 15), period_end=dt.date(2026, 6, 14), deadline=dt.date(2026, 6, 21),
    )  # fmt: skip
    report = report_services.report_submit(actor=world.admin, report=cycle.reports.get(org=world.root), text=TEXT)

    office = new_page(browser)
    sign_in(office, live_server, "admin", device=TOTPDevice.objects.get(user=world.admin))
    office.goto(f"{live_server.url}/reports/{report.pk}/")
    office.click("button:has-text('Ban hành với số tiếp theo')")
    expect(office.locator("main")).to_contain_text("Số 02-BC/ĐU")  # the second report of the series
    office.screenshot(path=str(SHOTS / "registry-issued.png"), full_page=True)

    outgoing = Outgoing.objects.get(report=report)
    office.goto(f"{live_server.url}/outgoing/{outgoing.pk}/")
    for name in ("Đảng bộ Cục A", "Đảng bộ Cục B", "Chi bộ Phòng 1"):
        expect(office.locator(f"label:has-text('{name}') input")).to_be_checked()  # read from "Nơi nhận"
    expect(office.locator("label:has-text('Chi bộ Phòng 2') input")).not_to_be_checked()
    office.click("button:has-text('Gửi')")
    expect(office.locator(".messages")).to_contain_text("Đã gửi")

    cell = new_page(browser)
    sign_in(cell, live_server, "secretary")
    cell.goto(f"{live_server.url}/accounts/notifications/")
    cell.click("a:has-text('02-BC/ĐU')")
    cell.click("button:has-text('Xác nhận đã nhận')")
    expect(cell.locator("main")).to_contain_text("Đã xác nhận nhận lúc")

    office.goto(f"{live_server.url}/outgoing/{outgoing.pk}/")
    expect(office.locator("main")).to_contain_text("1/3 nơi đã xác nhận nhận")
    expect(office.locator("tbody .badge:has-text('chưa')")).to_have_count(2)
    office.click("button:has-text('Nhắc các nơi chưa xác nhận')")
    expect(office.locator(".messages")).to_contain_text("Đã nhắc")
    office.screenshot(path=str(SHOTS / "registry-distribution.png"), full_page=True)

    parsed = {
        "issuer": "BAN DÂN VẬN ĐẢNG ỦY KHỐI",
        "title": "Hướng dẫn sơ kết",
        "received": {"by": "Chi bộ Phòng 1", "serial": 7, "date": "2026-03-04"},
    }
    scan = Document(org=world.cell1, name="scan.pdf", size=3, sha256="2" * 64, status=DocumentStatus.TO_REVIEW, parsed=parsed)
    scan.number, scan.issued_on, scan.title = "12-HD/BDV", "2026-03-01", "Hướng dẫn sơ kết"
    scan.file.save("scan.pdf", ContentFile(b"PDF"), save=False)
    scan.save()
    cell.goto(f"{live_server.url}/documents/{scan.pk}/")
    cell.click("a:has-text('Vào sổ văn bản đến')")
    expect(cell.locator("#id_serial")).to_have_value("7")
    expect(cell.locator("#id_doc_number")).to_have_value("12-HD/BDV")
    expect(cell.locator("#id_received_on")).to_have_value("04/03/2026")
    cell.screenshot(path=str(SHOTS / "registry-receive.png"), full_page=True)
    cell.click("button:has-text('Vào sổ')")
    expect(cell.locator("h1")).to_contain_text("Số đến 7/2026")
    assert Incoming.objects.filter(org=world.cell1, serial=7, document=scan).exists()
