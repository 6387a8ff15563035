"""The yearly program of inspection and supervision, read from its document: every task is an
inspection the committee carries out; an inspection concluded for a task meets it, so the
inspections page shows the program planned against done."""

import datetime as dt
from pathlib import Path

import time_machine
from django.urls import reverse

from danvan.inspections import selectors, services
from danvan.orgs.models import OrgKind
from danvan.parsing import parse_text
from danvan.programs import services as programs
from danvan.programs.models import ActivityKind, Adoption, Obligation
from tests.conftest import login

D = dt.date
TEXT = (Path(__file__).parent.parent / "fixtures" / "inspections" / "chuong-trinh-kiem-tra-giam-sat-2026.txt").read_text()


def _program(world):
    data = parse_text(TEXT).to_dict()
    with time_machine.travel(dt.datetime(2026, 1, 12, 3, tzinfo=dt.UTC), tick=False):
        program = programs.program_create(actor=world.admin, org=world.root, data=data, valid_from=D(2026, 1, 1))
        programs.adoption_adopt(actor=world.admin, adoption=Adoption.objects.get(program=program, org=world.root))
    return program


def test_an_inspection_program_is_read_as_the_committees_inspections(world):
    program = _program(world)
    tasks = list(program.tasks.order_by("position"))
    assert {t.activity_kind for t in tasks} == {ActivityKind.INSPECTION}
    assert all(t.actor_kinds == [OrgKind.COMMITTEE, OrgKind.PARTY_ORG] for t in tasks)  # "các chi bộ" are inspected, not acting
    first = tasks[0]
    assert first.text.startswith("Kiểm tra việc lãnh đạo") and first.deadline == "2026-Q2"
    assert Obligation.objects.filter(org=world.root, task=first).count() == 1


def test_an_inspection_concluded_for_its_task_meets_it_planned_against_done(world):
    program = _program(world)
    first = program.tasks.order_by("position").first()
    planned = selectors.program_of(world.root, 2026, D(2026, 7, 15))
    assert planned["planned"] >= 2 and planned["done"] == 0
    inspection = services.inspection_plan(
        actor=world.admin, org=world.root, kind="inspection", title="Kiểm tra công tác dân vận tại Đảng bộ Cục A",
        scope="Lãnh đạo, chỉ đạo công tác dân vận", subjects=[world.org_a], starts_on=D(2026, 5, 4), ends_on=D(2026, 5, 15), task=first,
    )  # fmt: skip
    services.inspection_conclude(actor=world.admin, inspection=inspection, findings="Tốt", conclusion="Tốt", concluded_on=D(2026, 5, 20))
    inspection.refresh_from_db()
    assert inspection.activity.kind == ActivityKind.INSPECTION and list(inspection.activity.tasks.all()) == [first]
    assert Obligation.objects.get(org=world.root, task=first).done == 1
    after = selectors.program_of(world.root, 2026, D(2026, 7, 15))
    assert after["done"] == 1 and after["planned"] == planned["planned"]
    page = login(world.admin).get(reverse("inspections:list", kwargs={"pk": world.root.pk}), {"year": 2026}).content.decode()
    assert "Kiểm tra việc lãnh đạo" in page and f"1 trong {after['planned']}" not in page  # the table of the program is shown
    form_page = login(world.admin).get(reverse("inspections:plan", kwargs={"pk": world.root.pk}))
    assert any(value == first.pk for value, _label in form_page.context["form"].fields["task"].choices)


def test_the_years_inspections_in_excel(world):
    import io

    from openpyxl import load_workbook

    inspection = services.inspection_plan(
        actor=world.officer, org=world.org_a, kind="thematic", title="=cmd|' /C calc'!A0", scope="Dân vận",
        subjects=[world.cell1], starts_on=D(2026, 5, 4), ends_on=D(2026, 5, 15),
    )  # fmt: skip
    services.inspection_conclude(actor=world.officer, inspection=inspection, findings="Tốt", conclusion="Tốt", concluded_on=D(2026, 5, 20))
    services.recommendation_add(actor=world.officer, inspection=inspection, org=world.cell1, text="Niêm yết", due=D(2026, 6, 30))
    response = login(world.officer).get(reverse("inspections:list", kwargs={"pk": world.org_a.pk}), {"year": 2026, "format": "xlsx"})
    wb = load_workbook(io.BytesIO(response.content))
    first, second = wb.worksheets
    assert first.cell(2, 2).value == "=cmd|' /C calc'!A0" and first.cell(2, 2).data_type == "s"  # text, never a formula
    assert second.cell(2, 3).value == "Niêm yết" and second.cell(2, 2).value == "Chi bộ Phòng 1"
