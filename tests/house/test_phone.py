"""A cell secretary on a 390×844 phone: compact top bar, lists as cards, nothing wider than the
screen, and a matrix whose org column and task header stay put while it scrolls."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from danvan.demo.loader import DEMO_PASSWORD, ROOT_CODE, load_demo
from danvan.demo.program import load_demo_program
from danvan.orgs.models import Org
from danvan.programs.models import Obligation
from tests.browser import PHONE, SHOTS, new_page, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    load_demo()
    with django_capture_on_commit_callbacks(execute=True):
        program = load_demo_program()
    return program


def _fits(page, name):
    page.screenshot(path=str(SHOTS / f"phone-{name}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{name}: the page is {width} px wide on a 390 px screen"


def test_a_secretary_works_from_a_phone(demo, live_server, browser):
    cell = Org.objects.get(code=f"{ROOT_CODE}-TTTT-CB1")
    page = new_page(browser, **PHONE)
    sign_in(page, live_server, "demo-bithu", DEMO_PASSWORD)
    page.wait_for_selector("text=chờ tiếp nhận")
    # The top bar is one line: the name and a menu button; the menu opens on a tap.
    assert page.locator("header.top").bounding_box()["height"] <= 64
    expect(page.locator("nav.main")).to_be_hidden()
    page.click(".menu-button:has-text('Trình đơn')")
    expect(page.locator("nav.main a:has-text('Nhiệm vụ của tôi')")).to_be_visible()
    _fits(page, "home")

    obligation = Obligation.objects.filter(org=cell).order_by("pk").first()
    pages = {
        "todo": reverse("programs:todo", args=[cell.pk]),
        "my-tasks": reverse("programs:my_tasks"),
        "org": reverse("orgs:detail", args=[cell.pk]),
        "record": reverse("activities:create", args=[cell.pk]),
        "calendar": reverse("activities:calendar"),
        "programs": reverse("programs:list"),
        "program": reverse("programs:detail", args=[demo.pk]),
        "obligation": reverse("activities:obligation", args=[obligation.pk]),
        "documents": reverse("documents:list"),
        "people": reverse("orgs:people"),
    }
    for name, url in pages.items():
        page.goto(live_server.url + url)
        _fits(page, name)

    # The to-do list is a stack of cards: the task takes the card's width, its due date is labelled.
    page.goto(live_server.url + pages["todo"])
    first = page.locator(".table-wrap tbody tr").first
    assert first.locator("td").first.bounding_box()["width"] >= 300
    expect(first.locator("td[data-label='Đến hạn']")).to_be_visible()


def test_the_matrix_keeps_its_org_column_and_task_header_on_a_phone(demo, live_server, browser):
    root = Org.objects.get(code=ROOT_CODE)
    page = new_page(browser, **PHONE)
    sign_in(page, live_server, "demo-quansat", DEMO_PASSWORD)
    page.goto(f"{live_server.url}{reverse('rollup:matrix', args=[demo.pk])}?org={root.pk}&levels=2")
    _fits(page, "matrix")
    box = page.locator(".matrix-wrap")
    row_head = page.locator("table.matrix tbody th[scope=row]").nth(3)
    cell = page.locator("table.matrix tbody tr").nth(3).locator("td").nth(5)
    task_head = page.locator("table.matrix thead th").nth(5)
    before = (row_head.bounding_box(), cell.bounding_box(), task_head.bounding_box())

    box.evaluate("e => { e.scrollLeft = 250; }")
    after = (row_head.bounding_box(), cell.bounding_box())
    assert abs(after[0]["x"] - before[0]["x"]) < 1, "the org column scrolled away"
    assert after[1]["x"] < before[1]["x"] - 100, "the tasks did not scroll sideways"

    box.evaluate("e => { e.scrollTop = 150; }")
    assert abs(task_head.bounding_box()["y"] - before[2]["y"]) < 1, "the task header scrolled away"
    assert row_head.bounding_box()["y"] < before[0]["y"] - 100, "the orgs did not scroll up"
    page.screenshot(path=str(SHOTS / "phone-matrix-scrolled.png"))


def test_a_form_sent_back_keeps_the_minutes_file_and_says_what_is_wrong(demo, live_server, browser, tmp_path):
    cell = Org.objects.get(code=f"{ROOT_CODE}-TTTT-CB1")
    minutes = tmp_path / "bienban.pdf"
    minutes.write_bytes(b"%PDF-1.4 signed minutes")
    page = new_page(browser, **PHONE)
    sign_in(page, live_server, "demo-bithu", DEMO_PASSWORD)
    page.goto(live_server.url + reverse("activities:create", args=[cell.pk]))
    # The form is longer than the screen, its save button is not: it stays at the bottom.
    assert page.evaluate("document.documentElement.scrollHeight") > 844
    assert page.locator(".savebar button").bounding_box()["y"] < 844
    page.fill("#id_title", "Sinh hoạt chi bộ chuyên đề")
    page.fill("#id_held_on", "31/02/2026")
    page.set_input_files("#id_files", str(minutes))
    page.click(".savebar button")
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("Ngày 31/02/2026 không có: tháng 2/2026 chỉ có 28 ngày.")
    expect(page.locator("ul.staged")).to_contain_text("đã đính kèm: bienban.pdf")
    assert page.input_value("#id_title") == "Sinh hoạt chi bộ chuyên đề"
    _fits(page, "form-error")
    summary.locator("a").first.click()
    expect(page.locator("#id_held_on")).to_be_focused()
    page.fill("#id_held_on", "28/8/26")
    page.click(".savebar button")
    page.wait_for_selector("text=Đã ghi nhận.")
    expect(page.locator("main")).to_contain_text("bienban.pdf")
    expect(page.locator("main")).to_contain_text("ngày 28 tháng 8 năm 2026")


def test_a_double_click_on_save_records_one_activity(demo, live_server, browser):
    from danvan.activities.models import Activity

    cell = Org.objects.get(code=f"{ROOT_CODE}-TTTT-CB1")
    page = new_page(browser, **PHONE)
    sign_in(page, live_server, "demo-bithu", DEMO_PASSWORD)
    page.goto(live_server.url + reverse("activities:create", args=[cell.pk]))
    page.fill("#id_title", "Học tập chuyên đề — bấm hai lần")
    page.dblclick(".savebar button")
    page.wait_for_selector("text=Đã ghi nhận.")
    page.screenshot(path=str(SHOTS / "phone-double-click.png"))
    assert Activity.objects.filter(title="Học tập chuyên đề — bấm hai lần").count() == 1
