"""Upkeep the worker does beside its jobs: SQLite's planner statistics.

PostgreSQL's autovacuum analyzes a table as it changes; SQLite never does by itself, and a table
without statistics beside tables with them is planned badly: the reporting cycles list read the
whole org table (243,000 rows, 24 ms) to join it to one cycle. So the worker analyzes the
database when it starts and every few hours, reading a sample of each index (SQLite advises 100
to 1,000 rows: 0.07 s for the 5 GB synthetic country)."""

from __future__ import annotations

import datetime as dt

from django.db import connection

from danvan.lib import bulk

STATISTICS_EVERY = dt.timedelta(hours=6)
SAMPLE_ROWS = 1000


def statistics_kept(last: dt.datetime | None, now: dt.datetime) -> dt.datetime | None:
    """On SQLite, the planner's statistics made afresh if they were last made `STATISTICS_EVERY`
    ago or never by this worker; returns when they were last made."""
    if connection.vendor != "sqlite" or (last is not None and now - last < STATISTICS_EVERY):
        return last
    bulk.analyze(sample_rows=SAMPLE_ROWS)
    return now
