"""The reports' pages: open a cycle, write and file, return, correct, compare, download."""

import datetime as dt

import pytest
from django.test import TestCase
from django.urls import reverse

from danvan.reports.models import Cycle, Report, ReportStatus
from tests.conftest import login
from tests.programs.conftest import Y
from tests.reports.conftest import TEXT, meeting, report_of


def test_the_office_opens_a_half_year_cycle_with_the_usual_cut_off(world, program):
    client = login(world.admin)
    page = client.get(reverse("reports:cycle_new", kwargs={"pk": world.root.pk}))
    assert page.status_code == 200
    response = client.post(
        reverse("reports:cycle_new", kwargs={"pk": world.root.pk}),
        {"kind": "half_year", "year": Y, "programs": [program.pk], "kinds": ["committee", "party_org", "cell"], "submission": "a" * 32},
    )
    cycle = Cycle.objects.get()
    assert response.status_code == 302 and response.url == reverse("reports:cycle", kwargs={"pk": cycle.pk})
    assert (cycle.period_start, cycle.period_end, cycle.deadline) == (dt.date(Y - 1, 12, 15), dt.date(Y, 6, 14), dt.date(Y, 6, 21))
    assert "6 tháng" in cycle.title or "Half-year" in cycle.title
    again = client.post(
        reverse("reports:cycle_new", kwargs={"pk": world.root.pk}),
        {"kind": "half_year", "year": Y, "programs": [program.pk], "kinds": ["cell"], "submission": "a" * 32},
    )
    assert again.status_code == 302 and Cycle.objects.count() == 1  # posted twice, one cycle


def test_the_cycle_page_counts_who_filed_and_lists_them(cycle, world):
    from danvan.reports import services

    services.report_submit(actor=world.secretary, report=report_of(cycle, world.cell1), text=TEXT, today=dt.date(Y, 12, 31))
    page = login(world.observer).get(reverse("reports:cycle", kwargs={"pk": cycle.pk}))
    assert page.status_code == 200
    counts = page.context["counts"]
    assert counts["total"] == 6 and counts["submitted"] == 1 and counts["not_started"] == 5
    late = login(world.observer).get(reverse("reports:cycle", kwargs={"pk": cycle.pk}), {"status": "late", "q": "phong 2"})
    assert late.status_code == 200
    # The deadline is in year Y (ahead): nobody is late yet.
    assert list(late.context["page"]) == []
    named = login(world.observer).get(reverse("reports:cycle", kwargs={"pk": cycle.pk}), {"q": "phong 2"})
    assert [r.org for r in named.context["page"]] == [world.cell2]


def test_the_cycle_page_says_when_each_report_was_filed_in_local_time_and_whether_late(cycle, world):
    from django.utils import timezone

    from danvan.reports import services

    report = report_of(cycle, world.cell1)
    services.report_submit(actor=world.secretary, report=report, text=TEXT, today=dt.date(Y, 12, 31))
    url, link = reverse("reports:cycle", kwargs={"pk": cycle.pk}), f'href="{reverse("reports:report", kwargs={"pk": report.pk})}"'

    def row() -> str:
        return login(world.observer).get(url).content.decode().split(link, 1)[1].split("</tr>", 1)[0]

    # Filed at 01:00 on the day after the deadline in Hà Nội: 18:00 on the deadline in UTC.
    filed = dt.datetime.combine(cycle.deadline, dt.time(18, 0), tzinfo=dt.UTC)
    Report.objects.filter(pk=report.pk).update(submitted_at=filed)
    shown = row()
    assert '<span class="badge done">Đã nộp</span>' in shown
    assert timezone.localtime(filed).strftime("%d/%m/%Y %H:%M") in shown and "(sau hạn)" in shown
    Report.objects.filter(pk=report.pk).update(submitted_at=filed - dt.timedelta(hours=2))  # 23:00 on the deadline
    assert "(sau hạn)" not in row()


def test_a_cell_sees_only_its_part_of_the_cycle(cycle, world):
    page = login(world.secretary).get(reverse("reports:cycle", kwargs={"pk": cycle.pk}))
    assert page.status_code == 200
    assert page.context["org"] == world.cell1 and page.context["counts"]["total"] == 1


def test_typing_saves_a_version_and_filing_locks(cycle, world):
    client = login(world.secretary)
    report = report_of(cycle, world.cell1)
    saved = client.post(
        reverse("reports:save", kwargs={"pk": report.pk}), {"results": "Đã họp", "lessons": ""}, headers={"HX-Request": "true"}
    )
    assert saved.status_code == 200 and "version 1" in saved.content.decode() or "bản 1" in saved.content.decode()
    refused = client.post(reverse("reports:submit", kwargs={"pk": report.pk}), {"results": ""})
    assert refused.status_code == 400
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT
    assert refused.context["form"].errors  # the message is on the page, the text kept in the form
    filed = client.post(reverse("reports:submit", kwargs={"pk": report.pk}), {"results": "Đã họp chuyên đề"})
    assert filed.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.figures["own"]["tasks"]
    page = client.get(reverse("reports:report", kwargs={"pk": report.pk}))
    assert page.status_code == 200 and "Đã họp chuyên đề" in page.content.decode()


def test_the_committee_returns_and_the_cell_corrects(cycle, world):
    from danvan.reports import services

    report = services.report_submit(actor=world.secretary, report=report_of(cycle, world.cell1), text=TEXT, today=dt.date(Y, 12, 31))
    assert login(world.secretary).post(reverse("reports:return", kwargs={"pk": report.pk}), {"comment": "x"}).status_code == 403
    login(world.officer).post(reverse("reports:return", kwargs={"pk": report.pk}), {"comment": "Bổ sung"})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    client = login(world.secretary)
    client.post(reverse("reports:submit", kwargs={"pk": report.pk}), {**TEXT})
    response = client.post(
        reverse("reports:correct", kwargs={"pk": report.pk}), {**TEXT, "results": "Đã họp hai lần", "reason": "Sửa số lần"}
    )
    assert response.status_code == 302
    last = report.versions.order_by("-number").first()
    diff = client.get(reverse("reports:version", kwargs={"pk": last.pk}))
    assert diff.status_code == 200
    html = diff.content.decode()
    assert "<ins>" in html and "hai lần" in html and "Sửa số lần" in html


def test_the_report_downloads_as_word(cycle, world):
    report = report_of(cycle, world.cell1)
    response = login(world.observer).get(reverse("reports:docx", kwargs={"pk": report.pk}))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
    assert "BaoCao_A1_" in response["Content-Disposition"]


def test_a_drafts_figures_are_kept_until_something_is_recorded_below_it(cycle, world, program, django_assert_max_num_queries):
    """A draft's figures are counted from the records (some twenty queries): kept, and counted
    again once a write is recorded in its org or below it."""
    report = report_of(cycle, world.cell1)
    client = login(world.secretary)
    url = reverse("reports:report", kwargs={"pk": report.pk})
    client.get(url)
    with django_assert_max_num_queries(20):
        assert "Sinh hoạt chuyên đề" in client.get(url).content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        meeting(world, world.cell1, world.person1, dt.date(Y, 9, 9), title="Buổi đối thoại tháng Chín", program=program)
    assert "Buổi đối thoại tháng Chín" in client.get(url).content.decode()


@pytest.mark.parametrize("name", ["reports:cycles", "reports:report", "reports:cycle"])
def test_the_pages_render(cycle, world, name):
    kwargs = {} if name == "reports:cycles" else {"pk": report_of(cycle, world.root).pk if name == "reports:report" else cycle.pk}
    assert login(world.admin).get(reverse(name, kwargs=kwargs)).status_code == 200


def test_a_letterhead_with_a_broken_template_is_refused(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world.admin)
    response = client.post(
        reverse("reports:letterhead", kwargs={"pk": world.root.pk}),
        {"superior": "ĐẢNG ỦY KHỐI", "issuer": "ĐẢNG ỦY", "template": SimpleUploadedFile("t.docx", b"no")},
    )
    assert response.status_code == 200 and response.context["form"].errors
    from danvan.reports.models import Letterhead

    assert not Letterhead.objects.exists()


def test_a_wide_report_is_summed_in_the_background_with_its_progress(cycle, world, monkeypatch):
    from danvan.reports import services

    monkeypatch.setattr(services, "CONSOLIDATE_INLINE", 1)  # the root has two reports below it: wide
    services.report_submit(actor=world.secretary, report=report_of(cycle, world.org_a), text=TEXT, today=dt.date(Y, 12, 31))
    top = report_of(cycle, world.root)
    client = login(world.admin)
    page = client.get(reverse("reports:report", kwargs={"pk": top.pk}))
    assert page.context["wide"] and page.context["figures"] is None  # nothing summed yet: no figures made up on the spot
    assert "Tổng hợp số liệu" in page.content.decode()
    assert login(world.observer).post(reverse("reports:consolidation", kwargs={"pk": top.pk})).status_code == 403
    started = client.post(reverse("reports:consolidation", kwargs={"pk": top.pk}), headers={"HX-Request": "true"})
    assert started.status_code == 200  # the worker ran it at once here (the test backend)
    top.refresh_from_db()
    assert not top.consolidating and top.progress_done == top.progress_total == 2
    assert top.consolidated["total"]["orgs"] == {"reports": 6, "filed": 2}
    polled = client.get(reverse("reports:consolidation", kwargs={"pk": top.pk}), headers={"HX-Request": "true", "X-Polling": "1"})
    assert polled["HX-Refresh"] == "true"
    page = client.get(reverse("reports:report", kwargs={"pk": top.pk}))
    assert page.context["figures"] == top.consolidated and not page.context["stale"]
    services.report_submit(actor=world.admin, report=report_of(cycle, world.org_b), text=TEXT, today=dt.date(Y, 12, 31))
    assert client.get(reverse("reports:report", kwargs={"pk": top.pk})).context["stale"]
