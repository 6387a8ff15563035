"""Typed environment readers refuse bad values with the variable's name."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from danvan.lib.env import env_month_day


def test_a_day_of_the_year(monkeypatch):
    assert env_month_day("DANVAN_X", (11, 15)) == (11, 15)
    monkeypatch.setenv("DANVAN_X", " 12-01 ")
    assert env_month_day("DANVAN_X", (11, 15)) == (12, 1)


@pytest.mark.parametrize("raw", ["13-01", "02-29", "1115", "abc", "11-15-2026"])
def test_a_bad_day_of_the_year_is_refused_by_name(monkeypatch, raw):
    monkeypatch.setenv("DANVAN_X", raw)
    with pytest.raises(ImproperlyConfigured, match="DANVAN_X"):
        env_month_day("DANVAN_X", (11, 15))
