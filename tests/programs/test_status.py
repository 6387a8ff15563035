"""The obligation status is defined once (`danvan.programs.status`) in two forms: the SQL form and
the Python form agree on a grid of dates, counts and waivers, on the database under test."""

import datetime as dt
import itertools

from danvan.programs.models import Obligation
from danvan.programs.status import ObligationStatus, status_expression, status_of
from tests.programs.conftest import cascade_and_adopt

START, DUE = dt.date(2030, 3, 1), dt.date(2030, 6, 30)
DAYS = [dt.date(2030, 2, 28), START, dt.date(2030, 4, 15), DUE, dt.date(2030, 7, 1)]


def test_sql_and_python_agree_on_a_grid(program, world):
    cascade_and_adopt(program, world)
    obligation = Obligation.objects.filter(org=world.cell1).first()
    Obligation.objects.filter(pk=obligation.pk).update(start=START, due=DUE)
    seen = set()
    for done, required, waived, today in itertools.product([0, 1, 2], [1, 2], [False, True], DAYS):
        Obligation.objects.filter(pk=obligation.pk).update(done=done, required=required, waived_reason="miễn" if waived else "")
        in_sql = Obligation.objects.filter(pk=obligation.pk).annotate(s=status_expression(today)).values_list("s", flat=True).get()
        in_python = status_of(start=START, due=DUE, done=done, required=required, waived=waived, today=today)
        assert in_sql == in_python, (done, required, waived, today)
        seen.add(in_python)
    assert seen == set(ObligationStatus.values)  # the grid reaches every status


def test_the_rules_in_order():
    def status(**kw):
        return status_of(**{"start": START, "due": DUE, "done": 0, "required": 1, "waived": False, **kw})

    assert status(today=dt.date(2030, 2, 1)) == "upcoming"
    assert status(today=START) == "due"
    assert status(today=DUE) == "due"  # due on its last day, overdue the day after
    assert status(today=dt.date(2030, 7, 1)) == "overdue"
    assert status(today=dt.date(2030, 7, 1), done=1) == "done"
    assert status(today=dt.date(2030, 7, 1), done=1, waived=True) == "waived"  # a waiver wins over done
