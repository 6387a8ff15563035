"""Members' tasks: given in bulk by the cell, acknowledged and reported on by the member within
the window, assessed by the cell; the counters equal the rows after every write and move."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.audit.models import AuditEntry
from danvan.members import counters, selectors, services
from danvan.members.models import MemberTask
from danvan.orgs.services import org_move
from tests.conftest import make_user

D = dt.date
TASK = "Tuyên truyền, vận động gia đình và nhân dân nơi cư trú thực hiện chủ trương của Đảng"


def assert_counted():
    assert counters.stored() == counters.expected() and counters.reconcile() == []


def test_bulk_assignment_gives_each_member_one_task_a_year(world, members):
    people, outsider = members
    given, changed = services.tasks_assign(
        actor=world.secretary, org=world.cell1, year=2026, person_ids=[p.pk for p in people], text=TASK, place="residence",
        with_whom="Tổ dân phố số 5", today=D(2026, 2, 1),
    )  # fmt: skip
    assert (given, changed) == (3, 0) and MemberTask.objects.filter(year=2026).count() == 3
    assert_counted()
    with pytest.raises(ValidationError):
        services.tasks_assign(
            actor=world.secretary, org=world.cell1, year=2026, person_ids=[outsider.pk], text=TASK, place="workplace", today=D(2026, 2, 1)
        )
    with pytest.raises(ValidationError):  # a member of another cell
        services.tasks_assign(
            actor=world.secretary,
            org=world.cell1,
            year=2026,
            person_ids=[world.person2.pk],
            text=TASK,
            place="workplace",
            today=D(2026, 2, 1),
        )
    services.task_acknowledge(
        actor=make_user("ba", world.cell1, "member", people[1]), task=MemberTask.objects.get(person=people[1]), today=D(2026, 2, 2)
    )
    # The same again changes nothing; a new text is a change, to acknowledge again.
    assert services.tasks_assign(
        actor=world.secretary,
        org=world.cell1,
        year=2026,
        person_ids=[people[1].pk],
        text=TASK,
        place="residence",
        with_whom="Tổ dân phố số 5",
        today=D(2026, 3, 1),
    ) == (0, 0)
    assert services.tasks_assign(
        actor=world.secretary,
        org=world.cell1,
        year=2026,
        person_ids=[people[1].pk],
        text="Giúp đỡ hộ nghèo",
        place="residence",
        today=D(2026, 3, 1),
    ) == (0, 1)
    assert MemberTask.objects.get(person=people[1]).acknowledged_on is None
    assert_counted()
    assert AuditEntry.objects.filter(action="member_task.assign").count() == 3
    assert selectors.figures(world.root, 2026)["assigned"] == 3


def test_the_member_acknowledges_and_reports_within_the_window_the_cell_assesses(world, members, settings):
    settings.DANVAN_MEMBER_REPORT_FROM, settings.DANVAN_MEMBER_REPORT_UNTIL = (11, 15), (1, 31)
    people, _ = members
    services.tasks_assign(
        actor=world.secretary,
        org=world.cell1,
        year=2026,
        person_ids=[p.pk for p in people],
        text=TASK,
        place="workplace",
        today=D(2026, 2, 1),
    )
    ba = make_user("ba", world.cell1, "member", people[1])
    task = MemberTask.objects.get(person=people[1])
    with pytest.raises(PermissionDenied):  # only the member acknowledges their own task
        services.task_acknowledge(actor=world.secretary, task=task, today=D(2026, 2, 2))
    services.task_acknowledge(actor=ba, task=task, today=D(2026, 2, 2))
    with pytest.raises(ValidationError, match="15/11/2026"):
        services.task_self_report(actor=ba, task=task, text="Đã vận động 5 hộ", today=D(2026, 11, 14))
    with pytest.raises(ValidationError):
        services.task_self_report(actor=ba, task=task, text="Muộn", today=D(2027, 2, 1))
    services.task_self_report(actor=ba, task=task, text="Đã vận động 5 hộ tham gia dịch vụ công trực tuyến.", today=D(2026, 12, 1))
    with pytest.raises(ValidationError):
        services.task_assess(actor=world.secretary, task=task, assessment="well", today=D(2026, 11, 1))  # before the window
    services.task_assess(actor=world.secretary, task=task, assessment="well", note="Tích cực", today=D(2026, 12, 10))
    with pytest.raises(ValidationError):  # assessed: the report stays as it was
        services.task_self_report(actor=ba, task=task, text="Sửa", today=D(2026, 12, 11))
    figures = selectors.figures(world.org_a, 2026)
    assert (figures["assigned"], figures["acknowledged"], figures["reported"], figures["assessed"], figures["well"]) == (3, 1, 1, 1, 1)
    assert_counted()


def test_tasks_follow_their_cell_when_it_moves_and_reconcile_repairs_drift(world, members):
    from danvan.members.models import MemberTaskCounter

    people, _ = members
    services.tasks_assign(
        actor=world.secretary,
        org=world.cell1,
        year=2026,
        person_ids=[p.pk for p in people],
        text=TASK,
        place="workplace",
        today=D(2026, 2, 1),
    )
    org_move(actor=world.admin, org=world.cell1, new_parent=world.org_b)
    assert_counted()
    assert selectors.figures(world.org_a, 2026)["assigned"] == 0 and selectors.figures(world.org_b, 2026)["assigned"] == 3
    MemberTaskCounter.objects.filter(node_path=world.root.path).update(assigned=9)
    assert counters.reconcile()[0].endswith("stored (9, 0, 0, 0, 0, 0, 0), actual (3, 0, 0, 0, 0, 0, 0)")
    counters.reconcile(fix=True)
    assert_counted()


def test_people_in_charge_and_those_without(world):
    from danvan.orgs.models import Membership, OrgKind, Position
    from danvan.orgs.services import org_create

    office = org_create(actor=None, parent=world.org_a, name="Văn phòng Cục A", kind=OrgKind.AGENCY, code="A-VP", founded_on=D(2020, 1, 1))
    missing = {o.pk for o in selectors.without_one_in_charge(world.root)}
    assert {world.root.pk, office.pk} <= missing
    Membership.objects.create(
        person=world.person2, org=office, org_path=office.path, position=Position.DEPUTY_HEAD_DANVAN, start=D(2024, 1, 1)
    )
    assert office.pk not in {o.pk for o in selectors.without_one_in_charge(world.root)}
    assert [m.person for m in selectors.in_charge(office)] == [world.person2]
