"""In Chromium: the party organization concludes its supervision of a cell and gives it a
recommendation; the cell's secretary reports what it did; the party organization sends it back
once, then verifies and closes it. Screenshots in test-results/."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.accounts.models import Role
from danvan.inspections import services
from danvan.inspections.models import Recommendation
from tests.browser import PHONE, SHOTS, new_page, sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.browser


def test_a_recommendation_is_followed_to_closure(world, live_server, browser):
    make_user("sec2", world.cell2, Role.SECRETARY)
    today = timezone.localdate()
    inspection = services.inspection_plan(
        actor=world.officer, org=world.org_a, kind="thematic", title="Giám sát chuyên đề công tác dân vận",
        scope="Quy chế dân chủ ở cơ sở", subjects=[world.cell2], starts_on=today - dt.timedelta(days=20),
        ends_on=today - dt.timedelta(days=10),
    )  # fmt: skip
    office = new_page(browser)
    sign_in(office, live_server, "officer")
    office.goto(f"{live_server.url}/inspections/{inspection.pk}/")
    office.fill("#id_findings", "Chi bộ chưa niêm yết kết quả thi đua.")
    office.fill("#id_conclusion", "Cơ bản tốt; cần công khai kết quả thi đua.")
    office.click("form[action$='/conclude/'] button")
    expect(office.locator("main")).to_contain_text("Cơ bản tốt")
    office.fill("form[action$='/recommend/'] #id_text", "Niêm yết công khai kết quả thi đua tại trụ sở.")
    office.fill("form[action$='/recommend/'] #id_due", (today + dt.timedelta(days=30)).strftime("%d/%m/%Y"))
    office.click("form[action$='/recommend/'] button")
    expect(office.locator("table")).to_contain_text("Cần thực hiện")

    cell = new_page(browser, **PHONE)
    sign_in(cell, live_server, "sec2")
    cell.goto(f"{live_server.url}/orgs/{world.cell2.pk}/recommendations/")
    cell.click("summary:has-text('Ghi kết quả thực hiện')")
    cell.fill("#id_text", "Đã niêm yết tại bảng tin cơ quan.")
    cell.click("button:has-text('Báo cáo')")
    expect(cell.locator("main")).to_contain_text("Đã báo cáo, chờ kiểm tra")

    office.reload()
    office.check("input[name=accepted][value=no]")
    office.fill("form[action$='/verify/'] #id_note", "Thiếu biên bản niêm yết.")
    office.click("button:has-text('Lưu kết quả kiểm tra')")
    expect(office.locator("table")).to_contain_text("Cần thực hiện")

    cell.reload()
    expect(cell.locator("main")).to_contain_text("Thiếu biên bản niêm yết.")
    cell.click("summary:has-text('Ghi kết quả thực hiện')")
    cell.fill("#id_text", "Bổ sung biên bản niêm yết 30 ngày.")
    cell.click("button:has-text('Báo cáo')")
    cell.screenshot(path=str(SHOTS / "recommendation-reported-phone.png"), full_page=True)

    office.reload()
    office.check("input[name=accepted][value=yes]")
    office.click("button:has-text('Lưu kết quả kiểm tra')")
    expect(office.locator("table")).to_contain_text("Đã kiểm tra, kết thúc")
    office.screenshot(path=str(SHOTS / "recommendation-closed.png"), full_page=True)
    assert Recommendation.objects.get().status == "closed"


def test_the_planning_form_finds_an_org_further_below_and_enter_does_not_send_it(world, live_server, browser):
    from danvan.inspections.models import Inspection

    make_user("office", world.root, Role.OFFICER)
    page = new_page(browser)
    sign_in(page, live_server, "office")
    page.goto(f"{live_server.url}/orgs/{world.root.pk}/inspections/new/")
    expect(page.locator("[data-pick]")).to_contain_text("Đảng bộ Cục B")
    page.fill("#id_title", "Kiểm tra công tác dân vận")
    page.fill("#id_scope", "Dân vận")
    page.fill("#id_starts_on", "04/05/2026")
    page.fill("#id_ends_on", "15/05/2026")
    search = page.locator("#subjects-search")
    search.fill("phong 3")
    search.press("Enter")  # looks it up; the planning form, filled in but for its subjects, is not sent
    found = page.locator("#subjects-found label", has_text="Chi bộ Phòng 3")
    expect(found).to_be_visible()
    expect(page.locator("#error-summary")).to_have_count(0)  # the form was not sent (it would come back with its errors)
    assert not Inspection.objects.exists()
    found.locator("input").check()
    expect(page.locator("[data-pick-chosen]")).to_contain_text("Chi bộ Phòng 3")  # kept when the next search replaces the finds
    search.fill("phong 1")
    expect(page.locator("#subjects-found")).to_contain_text("Chi bộ Phòng 1")
    page.locator("[data-pick] label", has_text="Đảng bộ Cục A").locator("input").check()
    page.screenshot(path=str(SHOTS / "inspection-plan-picker.png"), full_page=True)
    page.click(".savebar button")
    page.wait_for_url("**/inspections/*/")
    assert set(Inspection.objects.get().subjects.all()) == {world.org_a, world.cell3}
