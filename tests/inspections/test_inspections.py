"""Inspection and supervision: planned over orgs below the inspecting body, concluded once, its
recommendations carried out at the inspected org, reported on, verified or sent back, closed;
open ones counted up the tree; who may see and do what."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.audit.models import AuditEntry
from danvan.inspections import selectors, services
from danvan.inspections.models import Recommendation
from danvan.rollup import open_items
from tests.conftest import login

D = dt.date


@pytest.fixture
def inspection(world):
    return services.inspection_plan(
        actor=world.officer, org=world.org_a, kind="thematic", title="Giám sát chuyên đề công tác dân vận năm 2026",
        scope="Việc thực hiện Quy chế dân chủ ở cơ sở", subjects=[world.cell1, world.cell2], starts_on=D(2026, 9, 1),
        ends_on=D(2026, 9, 30), decision="15-QĐ/ĐU", decided_on=D(2026, 8, 20), team="Đồng chí A, đồng chí B",
    )  # fmt: skip


def test_an_inspection_is_planned_over_orgs_below_and_concluded_once(world, inspection):
    with pytest.raises(ValidationError):
        services.inspection_plan(
            actor=world.officer, org=world.org_a, kind="inspection", title="x", scope="y", subjects=[world.org_b],
            starts_on=D(2026, 9, 1), ends_on=D(2026, 9, 2),
        )  # fmt: skip
    with pytest.raises(ValidationError):
        services.inspection_conclude(
            actor=world.officer, inspection=inspection, findings="", conclusion="Kết luận", concluded_on=D(2026, 10, 5)
        )
    services.inspection_conclude(
        actor=world.officer, inspection=inspection, findings="Chi bộ 2 chưa công khai", conclusion="Cơ bản tốt", concluded_on=D(2026, 10, 5)
    )
    with pytest.raises(ValidationError):
        services.inspection_conclude(actor=world.officer, inspection=inspection, findings="x", conclusion="y", concluded_on=D(2026, 10, 6))
    figures = selectors.year_figures(world.org_a, 2026, D(2026, 10, 6))
    assert (figures["total"], figures["concluded"]) == (1, 1)
    assert {"inspection.plan", "inspection.conclude"} <= set(AuditEntry.objects.values_list("action", flat=True))


def test_a_recommendation_is_followed_to_closure_with_verification(world, inspection):
    with pytest.raises(ValidationError):  # only to an org inspected
        services.recommendation_add(actor=world.officer, inspection=inspection, org=world.org_b, text="x")
    rec = services.recommendation_add(
        actor=world.officer, inspection=inspection, org=world.cell2, text="Niêm yết công khai kết quả thi đua", due=D(2026, 11, 30)
    )
    assert open_items.figures(world.root.path, D(2026, 12, 1), ["recommendation"])["recommendation"] == {"open": 1, "overdue": 1}
    with pytest.raises(ValidationError):  # nothing reported yet
        services.recommendation_verify(actor=world.officer, recommendation=rec, accepted=True, note="", today=D(2026, 12, 1))
    rec = services.recommendation_report(actor=world.sibling_member, recommendation=rec, text="Đã niêm yết 30 ngày", today=D(2026, 11, 20))
    with pytest.raises(ValidationError):  # sent back needs a reason
        services.recommendation_verify(actor=world.officer, recommendation=rec, accepted=False, note="", today=D(2026, 11, 25))
    rec = services.recommendation_verify(
        actor=world.officer, recommendation=rec, accepted=False, note="Thiếu biên bản niêm yết", today=D(2026, 11, 25)
    )
    assert rec.status == "open" and open_items.reconcile() == []
    rec = services.recommendation_report(actor=world.sibling_member, recommendation=rec, text="Bổ sung biên bản", today=D(2026, 11, 27))
    rec = services.recommendation_verify(actor=world.officer, recommendation=rec, accepted=True, note="", today=D(2026, 11, 28))
    assert rec.status == "closed" and rec.closed_on == D(2026, 11, 28)
    assert open_items.figures(world.root.path, D(2026, 12, 1), ["recommendation"])["recommendation"] == {"open": 0, "overdue": 0}
    assert open_items.reconcile() == []
    with pytest.raises(ValidationError):
        services.recommendation_report(actor=world.sibling_member, recommendation=rec, text="Lại", today=D(2026, 12, 2))


def test_the_pages_who_sees_and_who_does(world, inspection):
    rec = services.recommendation_add(
        actor=world.officer, inspection=inspection, org=world.cell2, text="Tổ chức đối thoại", due=D(2026, 11, 30)
    )
    officer = login(world.officer)
    page = officer.get(reverse("inspections:detail", kwargs={"pk": inspection.pk})).content.decode()
    assert "Tổ chức đối thoại" in page and "Kết luận" in page
    # An inspected cell's member sees the inspection and the recommendations to it; cell 1 (inspected too) cannot act for cell 2.
    member = login(world.sibling_member)
    assert member.get(reverse("inspections:detail", kwargs={"pk": inspection.pk})).status_code == 200
    listing = member.get(reverse("inspections:recommendations", kwargs={"pk": world.cell2.pk})).content.decode()
    assert "Tổ chức đối thoại" in listing
    secretary = login(world.secretary)
    assert (
        secretary.post(reverse("inspections:report", kwargs={"pk": rec.pk}), {"text": "x"}).status_code == 404
    )  # cell 1 does not see cell 2's
    assert login(world.outsider).get(reverse("inspections:detail", kwargs={"pk": inspection.pk})).status_code == 404
    assert secretary.post(reverse("inspections:conclude", kwargs={"pk": inspection.pk}), {}).status_code == 403
    todo = officer.get(reverse("programs:todo", kwargs={"pk": world.cell2.pk})).content.decode()
    assert "1 kiến nghị sau kiểm tra, giám sát cần thực hiện" in todo
    assert Recommendation.objects.get().status == "open"


def test_the_planning_form_lists_the_orgs_right_below_and_finds_any_other_below(world):
    from danvan.inspections.models import Inspection

    client = login(world.admin)
    url = reverse("inspections:plan", kwargs={"pk": world.root.pk})
    page = client.get(url).content.decode()
    assert "Đảng bộ Cục A" in page and "Đảng bộ Cục B" in page and "Chi bộ Phòng 3" not in page  # boxes for the level right below
    found = client.get(reverse("inspections:subjects", kwargs={"pk": world.root.pk}), {"q": "phong 3"}).content.decode()
    assert f'value="{world.cell3.pk}"' in found and "Chi bộ Phòng 1" not in found
    elsewhere = client.get(reverse("inspections:subjects", kwargs={"pk": world.org_a.pk}), {"q": "chi bo"}).content.decode()
    assert "Chi bộ Phòng 3" not in elsewhere and "Chi bộ Ngoài" not in elsewhere  # only below the inspecting body
    form = {
        "kind": "inspection", "title": "Kiểm tra công tác dân vận", "scope": "Dân vận", "starts_on": "04/05/2026",
        "ends_on": "15/05/2026", "subjects": [str(world.org_a.pk), str(world.cell3.pk)],
    }  # fmt: skip
    refused = client.post(url, {**form, "ends_on": "01/05/2026"})
    assert refused.status_code == 200 and not Inspection.objects.exists()
    assert f'value="{world.cell3.pk}" checked' in refused.content.decode()  # the org found by the search stays ticked
    outside = client.post(url, {**form, "subjects": [*form["subjects"], str(world.outside_cell.pk), "9" * 30, "²"]})
    assert outside.status_code == 200 and "Chi bộ Ngoài" not in outside.content.decode() and not Inspection.objects.exists()
    assert client.post(url, form).status_code == 302
    assert set(Inspection.objects.get().subjects.all()) == {world.org_a, world.cell3}


def test_the_report_section_counts_each_step_in_the_period_it_happened(world, inspection):
    from danvan.inspections.report_section import collect

    services.inspection_conclude(
        actor=world.officer, inspection=inspection, findings="Chậm công khai", conclusion="Khá", concluded_on=D(2026, 10, 5)
    )
    rec = services.recommendation_add(
        actor=world.officer, inspection=inspection, org=world.cell2, text="Niêm yết công khai", due=D(2026, 11, 30)
    )
    rec = services.recommendation_report(actor=world.sibling_member, recommendation=rec, text="Đã niêm yết", today=D(2026, 11, 20))
    services.recommendation_verify(actor=world.officer, recommendation=rec, accepted=True, note="", today=D(2026, 11, 28))
    summer, autumn = (D(2026, 6, 15), D(2026, 9, 30)), (D(2026, 10, 1), D(2026, 12, 31))
    assert collect(world.org_a, *summer) == {"held": 1}
    assert collect(world.org_a, *autumn) == {"concluded": 1}
    assert collect(world.cell2, *summer) == {}
    assert collect(world.cell2, *autumn) == {"received": 1, "carried_out": 1}
    assert collect(world.cell2, D(2026, 11, 1), D(2026, 12, 31)) == {"carried_out": 1}
