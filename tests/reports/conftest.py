import datetime as dt

import pytest

from danvan.activities.services import activity_record
from danvan.programs.models import ActivityKind
from danvan.reports import services
from danvan.reports.models import CycleKind, Report
from danvan.reports.periods import default_period
from tests.programs.conftest import Y, cascade_and_adopt

THEMATIC = "II.1.3"  # the seed's thematic cell meeting on dân vận, 1–2 times a year


def meeting(world, org, person, day, title="Sinh hoạt chuyên đề về công tác dân vận", program=None, present=True):
    task = program.tasks.get(ref=THEMATIC)
    return activity_record(
        actor=world.admin,
        org=org,
        kind=ActivityKind.THEMATIC_MEETING,
        title=title,
        held_on=day,
        tasks=[task],
        minutes="Chi bộ đã thảo luận.",
        attendance={person.pk: "present" if present else "absent"},
    )


@pytest.fixture
def cycle(world, program):
    """The year-end cycle of year Y, opened by the root committee; cell1 held its thematic meeting."""
    cascade_and_adopt(program, world)
    from danvan.programs import services as program_services
    from danvan.programs.models import Adoption

    cell2 = Adoption.objects.get(program=program, org=world.cell2)
    program_services.adoption_adopt(actor=world.admin, adoption=cell2, choices={}, year=Y)
    meeting(world, world.cell1, world.person1, dt.date(Y, 5, 19), program=program)
    start, end = default_period(CycleKind.YEAR, Y)
    return services.cycle_open(
        actor=world.admin,
        org=world.root,
        kind=CycleKind.YEAR,
        title=f"Báo cáo tổng kết công tác dân vận năm {Y}",
        programs=[program],
        period_start=start,
        period_end=end,
        deadline=dt.date(Y, 12, 20),
    )


def report_of(cycle, org) -> Report:
    return Report.objects.get(cycle=cycle, org=org)


TEXT = {"results": "Chi bộ đã tổ chức sinh hoạt chuyên đề về công tác dân vận.", "strengths": "Đảng viên tham gia đầy đủ."}
