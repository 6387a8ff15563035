"""Grassroots democracy: the unit's checklist of disclosures for a year, a missing item behind
(on the checklist and the unit's to-do list) until it is disclosed with its proof."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.concerns import selectors, services
from danvan.concerns.models import DisclosureItem
from tests.conftest import login

D = dt.date


def test_a_missing_item_is_behind_until_disclosed_with_its_proof(world, unit):
    items = list(DisclosureItem.objects.all())
    assert selectors.missing_disclosures(unit, 2026) == len(items) == 10
    plan = DisclosureItem.objects.get(name="Kế hoạch công tác năm của cơ quan, đơn vị")
    with pytest.raises(ValidationError):
        services.disclosure_record(actor=world.admin, org=unit, item=plan, form="posted", disclosed_on=D(2026, 1, 15))  # how many days?
    services.disclosure_record(
        actor=world.admin, org=unit, item=plan, form="posted", disclosed_on=D(2026, 1, 15), posted_days=30,
        proof=SimpleUploadedFile("thong-bao.jpg", b"JPEG"),
    )  # fmt: skip
    rows = {r["item"].name: r["disclosures"] for r in selectors.checklist(unit, 2026)}
    assert len(rows[plan.name]) == 1 and rows[plan.name][0].posted_days == 30
    assert selectors.missing_disclosures(unit, 2026) == 9 and selectors.missing_disclosures(unit, 2025) == 10


def test_the_checklist_page_and_the_to_do(world, unit):
    client = login(world.admin)
    url = reverse("concerns:disclosures", kwargs={"pk": unit.pk})
    page = client.get(url, {"year": 2026})
    assert page.status_code == 200 and page.context["missing"] == 10
    plan = DisclosureItem.objects.get(name="Kế hoạch công tác năm của cơ quan, đơn vị")
    response = client.post(
        url,
        {
            "item": plan.pk,
            "form": "posted",
            "disclosed_on": "15/01/2026",
            "posted_days": "30",
            "proof": SimpleUploadedFile("a.jpg", b"JPEG"),
        },
    )
    assert response.status_code == 302
    page = client.get(url, {"year": 2026})
    assert page.context["missing"] == 9
    disclosure = next(d for r in page.context["rows"] for d in r["disclosures"])
    assert client.get(reverse("concerns:disclosure_proof", kwargs={"pk": disclosure.pk})).status_code == 200
    assert login(world.observer).post(url, {"item": plan.pk}).status_code == 403
    todo = login(world.observer).get(reverse("programs:todo", kwargs={"pk": unit.pk})).content.decode()
    assert "chưa công khai" in todo


def test_a_disclosure_posted_twice_is_recorded_once(world, unit):
    from danvan.concerns.models import Disclosure

    plan = DisclosureItem.objects.get(name="Kế hoạch công tác năm của cơ quan, đơn vị")
    url = reverse("concerns:disclosures", kwargs={"pk": unit.pk})
    data = {"item": plan.pk, "form": "conference", "disclosed_on": "15/01/2026", "submission": "d" * 32}
    client = login(world.admin)
    assert client.post(url, data).status_code == client.post(url, data).status_code == 302
    assert Disclosure.objects.count() == 1


def test_a_disclosure_meets_the_units_disclosure_task_in_its_program(world, unit, quarterly_disclosure):
    from danvan.programs.models import ActivityKind, Obligation
    from danvan.rollup import selectors as rollup

    task = quarterly_disclosure
    program = task.program
    assert task.activity_kind == ActivityKind.DISCLOSURE and task.actor_kinds == ["agency"]
    item = DisclosureItem.objects.get(name="Kế hoạch công tác năm của cơ quan, đơn vị")
    disclosure = services.disclosure_record(actor=world.admin, org=unit, item=item, form="intranet", disclosed_on=D(2026, 2, 10))
    assert disclosure.activity.kind == ActivityKind.DISCLOSURE and disclosure.activity.tasks.get() == task
    quarters = {o.period_key: o.done for o in Obligation.objects.filter(org=unit, task=task)}
    assert quarters["2026-Q1"] == 1 and quarters["2026-Q2"] == 0
    matrix = rollup.matrix(program, world.org_a, 2026, D(2026, 7, 15))
    row = next(r for r in matrix["rows"] if r["org"] == unit)
    assert row["cells"][0]["counts"] == {"done": 1, "overdue": 1, "due": 1, "upcoming": 1}  # Q1 disclosed, Q2 behind, Q3 and Q4 to come
