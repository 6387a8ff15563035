"""Cadence → periods, for every cadence kind, across year ends and holidays."""

import datetime as dt

import pytest

from danvan.lib.workdays import Calendar
from danvan.programs.engine import deadline_bounds, task_periods
from danvan.programs.status import status_of

D = dt.date
CAL = Calendar()


def keys(cadence, year=2026, **kw):
    return [p.key for p in task_periods(cadence, year, CAL, **kw)]


def test_a_yearly_deadline_on_a_day_off_moves_to_the_next_working_day():
    (period,) = task_periods([{"per": "year"}], 2027, CAL)
    assert (period.start, period.end) == (D(2027, 1, 1), D(2027, 12, 31))
    assert period.due == D(2027, 12, 31)  # a Friday
    (period,) = task_periods([{"per": "year"}], 2028, CAL)
    assert period.due == D(2029, 1, 2)  # 31/12/2028 is a Sunday and 1/1/2029 a holiday


def test_one_to_two_times_a_year_is_done_at_one():
    (period,) = task_periods([{"per": "year", "min": 1, "max": 2}], 2026, CAL)
    assert (period.required, period.maximum) == (1, 2)


def test_a_fixed_day_each_year():
    (period,) = task_periods([{"per": "year", "on": "10-15"}], 2026, CAL)
    assert period.key == "2026-10-15" and period.due == D(2026, 10, 15)


def test_a_fixed_day_on_a_holiday_moves_to_the_next_working_day():
    (period,) = task_periods([{"per": "year", "on": "02-17"}], 2026, CAL)  # Tết 2026
    assert period.due == D(2026, 2, 23)


def test_half_years_quarters_months_weeks():
    assert keys([{"per": "half_year"}]) == ["2026-H1", "2026-H2"]
    assert keys([{"per": "quarter"}]) == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert len(keys([{"per": "month"}])) == 12
    assert len(keys([{"per": "week"}], 2026)) == 53 and len(keys([{"per": "week"}], 2027)) == 52
    q2 = task_periods([{"per": "quarter"}], 2026, CAL)[1]
    assert (q2.start, q2.end) == (D(2026, 4, 1), D(2026, 6, 30))


def test_periodic_uses_the_adopting_orgs_interval():
    assert keys([{"per": "periodic"}]) == ["2026-P3M1", "2026-P3M2", "2026-P3M3", "2026-P3M4"]
    assert keys([{"per": "periodic"}], interval_months=6) == ["2026-P6M1", "2026-P6M2"]
    assert len(keys([{"per": "periodic"}], interval_months=5)) == 4  # not a divisor of 12: quarterly


def test_continuous_is_assessed_each_reporting_period_unless_a_rhythm_is_given():
    assert keys([{"per": "continuous"}]) == ["2026-H1", "2026-H2"]
    assert keys([]) == ["2026-H1", "2026-H2"]
    assert keys([{"per": "continuous"}, {"per": "year"}]) == ["2026"]


def test_periodic_beside_a_rhythm_is_that_rhythm():
    # "định kỳ ít nhất 1 ngày mỗi tháng": monthly, not monthly and quarterly.
    assert keys([{"per": "periodic"}, {"per": "month"}]) == [f"2026-{m:02d}" for m in range(1, 13)]
    assert keys([{"per": "periodic"}, {"per": "continuous"}]) == ["2026-P3M1", "2026-P3M2", "2026-P3M3", "2026-P3M4"]


def test_once_with_a_deadline_and_across_years():
    (period,) = task_periods([{"per": "once"}], 2026, CAL, deadline="2026-Q1", valid_from=D(2025, 11, 13))
    assert period.due == D(2026, 3, 31) and period.start == D(2025, 11, 13)
    assert task_periods([{"per": "once"}], 2025, CAL, deadline="2026-Q1") == []
    (period,) = task_periods([{"per": "once"}], 2026, CAL, deadline="2026-03-30")
    assert period.due == D(2026, 3, 30)


def test_term_counts_in_the_year_the_program_ends():
    assert keys([{"per": "term"}], 2027, valid_from=D(2025, 10, 1), valid_to=D(2030, 9, 30)) == []
    (period,) = task_periods([{"per": "term"}], 2030, CAL, valid_from=D(2025, 10, 1), valid_to=D(2030, 9, 30))
    assert period.end == D(2030, 9, 30)


def test_several_rhythms_give_all_their_periods():
    assert keys([{"per": "year"}, {"per": "quarter"}, {"per": "month"}]).count("2026") == 1
    assert len(keys([{"per": "year"}, {"per": "quarter"}, {"per": "month"}])) == 17


@pytest.mark.parametrize(
    ("deadline", "bounds"),
    [
        ("2026-Q1", (D(2026, 1, 1), D(2026, 3, 31))),
        ("2026-H2", (D(2026, 7, 1), D(2026, 12, 31))),
        ("2026-02", (D(2026, 2, 1), D(2026, 2, 28))),
        ("2026", (D(2026, 1, 1), D(2026, 12, 31))),
        ("2026-03-30", (D(2026, 3, 30), D(2026, 3, 30))),
        ("soon", None),
    ],
)
def test_deadline_bounds(deadline, bounds):
    assert deadline_bounds(deadline) == bounds


def test_statuses():
    start, due = D(2026, 1, 1), D(2026, 6, 30)
    assert status_of(start=start, due=due, done=0, required=1, waived=False, today=D(2025, 12, 31)) == "upcoming"
    assert status_of(start=start, due=due, done=0, required=1, waived=False, today=D(2026, 3, 1)) == "due"
    assert status_of(start=start, due=due, done=0, required=1, waived=False, today=D(2026, 6, 30)) == "due"
    assert status_of(start=start, due=due, done=0, required=1, waived=False, today=D(2026, 7, 1)) == "overdue"
    assert status_of(start=start, due=due, done=1, required=1, waived=False, today=D(2026, 7, 1)) == "done"
    assert status_of(start=start, due=due, done=0, required=1, waived=True, today=D(2026, 7, 1)) == "waived"
