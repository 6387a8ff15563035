"""Recording activities: what counts towards an obligation, and who may be in one."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.activities.models import Activity
from danvan.activities.services import activity_record
from danvan.programs import services
from danvan.programs.models import ActivityKind, Adoption, Obligation
from tests.programs.conftest import Y, cascade_and_adopt

D = dt.date


def _task(program, ref):
    return program.tasks.get(ref=ref)


def test_a_meeting_counts_only_with_minutes_and_attendance(program, world):
    cascade_and_adopt(program, world)
    task = _task(program, "II.1.3")
    kwargs = {
        "actor": world.secretary,
        "org": world.cell1,
        "kind": ActivityKind.THEMATIC_MEETING,
        "title": "Sinh hoạt chuyên đề về công tác dân vận",
        "held_on": D(Y, 5, 19),
        "tasks": [task],
    }
    activity_record(**kwargs)  # no minutes, no attendance
    obligation = Obligation.objects.get(org=world.cell1, task=task, end__year=Y)
    assert obligation.done == 0 and obligation.status_on(D(Y, 12, 31)) == "due"
    activity_record(**kwargs, minutes="Chi bộ đã thảo luận ...", attendance={world.person1.pk: "present"})
    obligation.refresh_from_db()
    assert obligation.done == 1 and obligation.status_on(D(Y + 1, 1, 5)) == "done"


def test_the_wrong_kind_or_period_does_not_fulfil(program, world):
    cascade_and_adopt(program, world)
    task = _task(program, "II.1.3")
    activity_record(
        actor=world.secretary,
        org=world.cell1,
        kind=ActivityKind.PRESS,
        title="Tin bài",
        held_on=D(Y, 5, 1),
        tasks=[task],
        minutes="x",
        attendance={world.person1.pk: "present"},
    )
    activity_record(
        actor=world.secretary,
        org=world.cell1,
        kind=ActivityKind.THEMATIC_MEETING,
        title="Năm trước",
        held_on=D(Y - 1, 5, 1),
        tasks=[task],
        minutes="x",
        attendance={world.person1.pk: "present"},
    )
    obligation = Obligation.objects.get(org=world.cell1, task=task, end__year=Y)
    assert obligation.done == 0 and obligation.status_on(D(Y + 1, 1, 5)) == "overdue"


def test_activities_before_adoption_count(program, world):
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1])
    task = _task(program, "II.1.3")
    activity_record(
        actor=world.secretary,
        org=world.cell1,
        kind=ActivityKind.THEMATIC_MEETING,
        title="Sớm",
        held_on=D(Y, 3, 3),
        tasks=[task],
        minutes="Biên bản",
        attendance={world.person1.pk: "present"},
    )
    services.adoption_adopt(actor=world.secretary, adoption=Adoption.objects.get(org=world.cell1), year=Y)
    assert Obligation.objects.get(org=world.cell1, task=task, end__year=Y).done == 1


def test_attendance_only_of_members(program, world):
    with pytest.raises(ValidationError, match="không thuộc Chi bộ Phòng 1"):
        activity_record(
            actor=world.secretary,
            org=world.cell1,
            kind=ActivityKind.THEMATIC_MEETING,
            title="x",
            held_on=D(Y, 3, 3),
            tasks=[],
            minutes="x",
            attendance={world.person2.pk: "present"},
        )


def test_the_chair_must_be_a_member_and_the_tasks_the_orgs_own(program, world):
    cascade_and_adopt(program, world)
    meeting = _task(program, "II.1.3")
    common = {"actor": world.secretary, "org": world.cell1, "kind": ActivityKind.THEMATIC_MEETING, "title": "Họp", "held_on": D(Y, 5, 5)}
    with pytest.raises(ValidationError, match="chủ trì"):
        activity_record(**common, tasks=[meeting], chair=world.person2)
    other = services.program_create_by_hand(actor=world.admin, org=world.outside, title="Ngoài", valid_from=D(Y, 1, 1))
    foreign = services.task_save(actor=world.admin, program=other, ref="1", text="Việc khác", cadence=[{"per": "year"}])
    with pytest.raises(ValidationError, match="không phải nhiệm vụ"):
        activity_record(**common, tasks=[meeting, foreign])
    assert not Activity.objects.filter(org=world.cell1).exists()
    activity_record(**common, tasks=[meeting], chair=world.person1)
