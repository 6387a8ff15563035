"""SQLite never refreshes its planner's statistics by itself: the worker does, every few hours."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from danvan.jobs import upkeep


def _analyzed() -> set[str]:
    with connection.cursor() as cursor:
        try:
            cursor.execute("SELECT tbl FROM sqlite_stat1")
        except Exception:  # noqa: BLE001 - the table is made by the first ANALYZE
            return set()
        return {row[0] for row in cursor.fetchall()}


def test_the_worker_keeps_sqlite_statistics_every_few_hours(world):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's autovacuum analyzes tables as they change")
    now = timezone.now()
    assert upkeep.statistics_kept(None, now) == now  # when the worker starts
    assert {"orgs_org", "accounts_rolegrant"} <= _analyzed()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM sqlite_stat1")
    assert upkeep.statistics_kept(now, now + dt.timedelta(hours=1)) == now
    assert _analyzed() == set()
    later = now + upkeep.STATISTICS_EVERY
    assert upkeep.statistics_kept(now, later) == later
    assert "orgs_org" in _analyzed()
