"""The dashboard's figures mean what they say, on a fixed date grid."""

import datetime as dt

import time_machine

from danvan.programs import services
from danvan.programs.models import Adoption, Obligation
from danvan.rollup.selectors import dashboard, matrix

TODAY = dt.date(2030, 3, 10)


def _world_program(world):
    """A quarterly task for cells, sent on 2 January 2030 to every org under the root."""
    with time_machine.travel(dt.datetime(2030, 1, 2, 9, tzinfo=dt.UTC), tick=False):
        program = services.program_create_by_hand(actor=world.admin, org=world.root, title="Kế hoạch", valid_from=dt.date(2030, 1, 1))
        services.task_save(
            actor=world.admin, program=program, ref="1", text="Sinh hoạt hằng quý", cadence=[{"per": "quarter"}], actor_kinds=["cell"]
        )
        targets = [world.org_a, world.org_b, world.cell1, world.cell2, world.cell3]
        services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=targets)
    return program


def test_nothing_due_yet_is_no_rate_not_a_hundred_percent(world):
    _world_program(world)
    early = Obligation.objects.filter(org=world.cell1).order_by("due").first()
    Obligation.objects.filter(pk=early.pk).update(done=1)  # done ahead of time; nothing has come due
    from danvan.rollup.counters import rebuild

    rebuild()
    board = dashboard(world.root, 2030, TODAY)
    assert board["totals"]["rate"] is None and board["totals"]["done"] == 1


def test_the_slowest_come_first_and_orgs_not_adopted_before_all(world):
    program = _world_program(world)
    with time_machine.travel(dt.datetime(2030, 1, 3, 9, tzinfo=dt.UTC), tick=False):
        services.adoption_adopt(actor=world.admin, adoption=Adoption.objects.get(program=program, org=world.org_a), year=2030)
    q1 = Obligation.objects.filter(period_key="2030-Q1")
    Obligation.objects.filter(pk__in=q1.filter(org=world.cell1).values("pk")).update(done=1)  # Cục A: one of two cells met Q1
    Obligation.objects.filter(pk__in=q1.filter(org=world.cell3).values("pk")).update(done=1)  # Cục B: its only cell met Q1
    from danvan.rollup.counters import rebuild

    rebuild()
    rows = dashboard(world.root, 2030, dt.date(2030, 7, 10))["rows"]
    # Cục B has not adopted: first of all, although it is the one with the better rate.
    assert [r["org"].code for r in rows] == ["B", "A"]
    assert rows[0]["not_adopted"] and not rows[1]["not_adopted"]
    board = dashboard(world.org_a, 2030, dt.date(2030, 7, 10))
    assert [r["org"].code for r in board["rows"]] == ["A2", "A1"]  # two overdue before one
    assert board["totals"]["rate"] == 25  # 1 met of the 4 come due (Q1 and Q2 of two cells)


def test_only_behind_includes_orgs_that_have_not_adopted(world):
    program = _world_program(world)
    shown = matrix(program, world.root, 2030, TODAY, levels=1, behind_only=True)
    assert {r["org"].code for r in shown["rows"] if not r["own"]} == {"A", "B"}  # nothing overdue yet, neither adopted
