"""Counter rows moved by adding to them: one INSERT ... ON CONFLICT DO UPDATE per row (atomic on
both engines), sent in one batch. The counters of obligations and of concerns share it."""

from __future__ import annotations

from django.db import connection


def add_to(table: str, columns: list[str], rows: list[tuple], *, keys: list[str], added: list[str]) -> None:
    """For each row (values in the order of `columns`): add its `added` values to the row of
    `table` at its `keys`, creating that row when missing; its other columns are written only
    when it is created."""
    if not rows:
        return
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET " + ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in added)
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
