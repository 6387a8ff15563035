"""Reporting cycles and reports: who reports to whom, drafts and versions, filing, returning,
correcting, and figures that equal the records and stay as they were filed."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.activities.models import Activity
from danvan.audit.models import AuditEntry
from danvan.reports import figures, services
from danvan.reports.models import CycleKind, Report, ReportStatus, VersionEvent
from danvan.reports.periods import default_period
from tests.programs.conftest import Y
from tests.reports.conftest import TEXT, THEMATIC, meeting, report_of

END = dt.date(Y, 12, 31)


def test_a_cycle_gives_every_party_org_a_report_under_its_nearest_reporting_parent(cycle, world):
    reports = {r.org_id: r for r in Report.objects.filter(cycle=cycle)}
    assert set(reports) == {o.pk for o in (world.root, world.org_a, world.org_b, world.cell1, world.cell2, world.cell3)}
    assert cycle.reports_count == 6
    assert reports[world.cell1.pk].parent_id == reports[world.org_a.pk].pk
    assert reports[world.org_a.pk].parent_id == reports[world.root.pk].pk
    assert reports[world.root.pk].parent_id is None
    assert all(r.status == ReportStatus.NOT_STARTED for r in reports.values())
    assert AuditEntry.objects.filter(action="report.cycle_open", object_id=str(cycle.pk)).exists()


def test_cells_only_report_straight_to_the_committee(world, program):
    start, end = default_period(CycleKind.HALF_YEAR, Y)
    cycle = services.cycle_open(
        actor=world.admin, org=world.root, kind=CycleKind.HALF_YEAR, title="Sơ kết", programs=[program],
        period_start=start, period_end=end, deadline=end, kinds=["cell"],
    )  # fmt: skip
    top = report_of(cycle, world.root)
    assert {r.org_id for r in top.children.all()} == {world.cell1.pk, world.cell2.pk, world.cell3.pk}


def test_default_periods_follow_the_state_cut_off():
    assert default_period(CycleKind.HALF_YEAR, 2026) == (dt.date(2025, 12, 15), dt.date(2026, 6, 14))
    assert default_period(CycleKind.YEAR, 2026) == (dt.date(2025, 12, 15), dt.date(2026, 12, 14))
    assert default_period(CycleKind.QUARTER, 2026, 1) == (dt.date(2025, 12, 15), dt.date(2026, 3, 14))
    assert default_period(CycleKind.QUARTER, 2026, 3) == (dt.date(2026, 6, 15), dt.date(2026, 9, 14))


@pytest.mark.parametrize(
    "change, message",
    [
        ({"period_end": dt.date(2020, 1, 1)}, "đứng trước ngày bắt đầu"),
        ({"programs": []}, "ít nhất một chương trình"),
        ({"title": "  "}, "đặt tên"),
        ({"kinds": ["nonsense"]}, "loại tổ chức"),
    ],
)
def test_a_bad_cycle_is_refused_and_writes_nothing(world, program, change, message):
    values = dict(
        actor=world.admin, org=world.root, kind=CycleKind.YEAR, title="Tổng kết", programs=[program],
        period_start=dt.date(Y - 1, 12, 15), period_end=dt.date(Y, 12, 14), deadline=dt.date(Y, 12, 20),
    )  # fmt: skip
    with pytest.raises(ValidationError, match=message):
        services.cycle_open(**{**values, **change})
    assert not Report.objects.exists()


def test_a_program_not_sent_to_the_org_cannot_be_reported_on(world, program):
    with pytest.raises(ValidationError, match="chưa được gửi"):
        services.cycle_open(
            actor=world.outsider, org=world.outside, kind=CycleKind.YEAR, title="x", programs=[program],
            period_start=dt.date(Y - 1, 12, 15), period_end=dt.date(Y, 12, 14), deadline=dt.date(Y, 12, 20),
        )  # fmt: skip


def test_prefilled_figures_equal_the_records(cycle, world, program):
    own = figures.own(world.cell1, cycle, END)
    task = program.tasks.get(ref=THEMATIC)
    row = own["tasks"][str(task.pk)]
    activity = Activity.objects.get(org=world.cell1)
    assert row["activities"] == 1 and row["present"] == 1 and row["attendees"] == 1
    assert row["done"] >= 1 and row["done"] + row["overdue"] + row["waived"] + row["open"] == row["due"]
    assert [e["id"] for e in own["evidence"]] == [activity.pk]
    assert own["sections"]["activities"] == {"thematic_meeting": 1}
    from danvan.programs.models import Obligation

    due = Obligation.objects.filter(org=world.cell1, task__program=program, start__gte=cycle.period_start, start__lte=cycle.period_end)
    assert sum(r["due"] for r in own["tasks"].values()) == due.count()
    assert sum(r["done"] for r in own["tasks"].values()) == sum(1 for o in due if o.done >= o.required and not o.waived_reason)


def test_a_draft_saves_a_version_each_time_it_changes(cycle, world):
    report = report_of(cycle, world.cell1)
    services.report_save(actor=world.secretary, report=report, text={"results": "Một"})
    services.report_save(actor=world.secretary, report=report, text={"results": "Một"})  # nothing changed
    report = services.report_save(actor=world.secretary, report=report, text={"results": "Một hai"})
    assert report.status == ReportStatus.DRAFT and report.version == 2
    assert [v.text["results"] for v in report.versions.order_by("number")] == ["Một", "Một hai"]
    assert AuditEntry.objects.filter(action="report.save", object_id=str(report.pk)).count() == 2


def test_text_is_kept_in_nfc(cycle, world):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Đảng viên tham gia đầy đủ")
    report = services.report_save(actor=world.secretary, report=report_of(cycle, world.cell1), text={"results": decomposed})
    assert report.text["results"] == "Đảng viên tham gia đầy đủ"


def test_filing_needs_part_one_and_locks_the_report(cycle, world):
    report = report_of(cycle, world.cell1)
    with pytest.raises(ValidationError, match="phần I"):
        services.report_submit(actor=world.secretary, report=report, today=END)
    report = services.report_submit(actor=world.secretary, report=report, text=TEXT, today=END)
    assert report.status == ReportStatus.SUBMITTED and report.submitted_by == world.secretary
    with pytest.raises(ValidationError, match="điều chỉnh"):
        services.report_save(actor=world.secretary, report=report, text={"results": "đổi"})
    with pytest.raises(ValidationError, match="đã được nộp"):
        services.report_submit(actor=world.secretary, report=report, today=END)


def test_a_filed_snapshot_does_not_change_when_activities_change_later(cycle, world, program):
    report = services.report_submit(actor=world.secretary, report=report_of(cycle, world.cell1), text=TEXT, today=END)
    filed = report.figures
    meeting(world, world.cell1, world.person1, dt.date(Y, 9, 2), title="Lần hai", program=program)
    Activity.objects.filter(title="Lần hai").update(title="Đổi tên")
    report.refresh_from_db()
    assert report.figures == filed
    assert figures.own(world.cell1, cycle, END) != filed["own"]  # the live figures did move


def test_return_and_correct_are_versions_with_their_reason(cycle, world, program):
    report = services.report_submit(actor=world.secretary, report=report_of(cycle, world.cell1), text=TEXT, today=END)
    with pytest.raises(ValidationError, match="cần sửa"):
        services.report_return(actor=world.admin, report=report, comment=" ")
    report = services.report_return(actor=world.admin, report=report, comment="Bổ sung số liệu")
    assert report.status == ReportStatus.RETURNED and report.returned_comment == "Bổ sung số liệu"
    report = services.report_submit(actor=world.secretary, report=report, today=END)
    meeting(world, world.cell1, world.person1, dt.date(Y, 9, 2), title="Lần hai", program=program)
    with pytest.raises(ValidationError, match="lý do"):
        services.report_correct(actor=world.secretary, report=report, text=TEXT, reason="")
    report = services.report_correct(
        actor=world.secretary, report=report, text={**TEXT, "lessons": "Bài học"}, reason="Thêm buổi sinh hoạt", today=END
    )
    events = list(report.versions.order_by("number").values_list("event", "note"))
    assert events == [
        (VersionEvent.SUBMITTED, ""),
        (VersionEvent.RETURNED, "Bổ sung số liệu"),
        (VersionEvent.SUBMITTED, ""),
        (VersionEvent.CORRECTED, "Thêm buổi sinh hoạt"),
    ]
    actions = set(AuditEntry.objects.filter(object_id=str(report.pk)).values_list("action", flat=True))
    assert {"report.submit", "report.return", "report.correct"} <= actions


def _file(world, cycle, org, user=None):
    return services.report_submit(actor=user or world.admin, report=report_of(cycle, org), text=TEXT, today=END)


def test_consolidation_is_the_sum_of_the_filed_snapshots_over_three_levels(cycle, world, program):
    cell1 = _file(world, cycle, world.cell1)
    # cell2 held a meeting after cell1 filed; it files with it. cell3 never files.
    meeting(world, world.cell2, world.person2, dt.date(Y, 6, 1), program=program)
    cell2 = _file(world, cycle, world.cell2)
    # The live data moves after the cells filed: the consolidation must not see it.
    meeting(world, world.cell1, world.person1, dt.date(Y, 10, 1), title="Sau khi nộp", program=program)
    org_a = _file(world, cycle, world.org_a)
    root = _file(world, cycle, world.root)

    expected_a = figures.summed([org_a.figures["own"], cell1.figures["total"], cell2.figures["total"]])
    assert org_a.figures["total"]["tasks"] == expected_a["tasks"]
    assert org_a.figures["total"]["sections"] == expected_a["sections"]
    assert org_a.figures["total"]["orgs"] == {"reports": 3, "filed": 3}
    # The root: its own, org_a's total (three levels deep) and nothing from org_b's subtree, which did not file.
    expected_root = figures.summed([root.figures["own"], org_a.figures["total"]])
    assert root.figures["total"]["tasks"] == expected_root["tasks"]
    assert root.figures["total"]["orgs"] == {"reports": 6, "filed": 4}
    assert root.figures["missing"] == [report_of(cycle, world.org_b).pk]
    thematic = str(program.tasks.get(ref=THEMATIC).pk)
    assert root.figures["total"]["tasks"][thematic]["activities"] == 2  # not 3: the late meeting is not in cell1's filed report


def test_the_cycle_counts_follow_every_change_of_state(cycle, world):
    from django.db.models import Count

    from danvan.reports import selectors

    def grouped(org):
        rows = selectors.reports_under(cycle, org).values("status").annotate(n=Count("pk"))
        return {row["status"]: row["n"] for row in rows}

    def check():
        for org in (world.root, world.org_a, world.org_b):
            kept = {s: n for s, n in cycle.counts.filter(org_path=org.path).values_list("status", "n") if n}
            assert kept == grouped(org), org

    check()
    report = services.report_save(actor=world.secretary, report=report_of(cycle, world.cell1), text={"results": "Một"})
    check()
    report = services.report_submit(actor=world.secretary, report=report, today=END)
    services.report_submit(actor=world.admin, report=report_of(cycle, world.org_b), text=TEXT, today=END)
    check()
    report = services.report_return(actor=world.admin, report=report, comment="Sửa")
    check()
    services.report_submit(actor=world.secretary, report=report, today=END)
    services.report_save(actor=world.admin, report=report_of(cycle, world.root), text={"results": "Gốc"})
    check()
    counts = selectors.status_counts(cycle, world.root, END)
    assert counts["submitted"] == 2 and counts["draft"] == 1 and counts["total"] == 6 and counts["late"] == 4
    assert selectors.status_counts(cycle, world.cell1, END)["submitted"] == 1  # below the kept levels: counted
