"""Loading many rows at once: tuples streamed to the database (COPY on PostgreSQL, executemany in
chunks on SQLite) without building a model instance per row, with ids handed out here so that the
caller can refer to the rows it just wrote without reading them back. For synthetic countries and
other loads of millions of rows; everyday writes go through the services."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from django.db import connection, models
from django.utils import timezone

CHUNK = 20_000


def next_id(model: type[models.Model]) -> int:
    """The first id after every row of the table (ids below it may be taken)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")  # noqa: S608 - table name from the model
        return int(cursor.fetchone()[0])


def _plain(value):
    """Choices are str and int subclasses; the drivers want the plain types."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    return value


def load(model: type[models.Model], columns: list[str], rows: Iterable[tuple]) -> int:
    """Write `rows` (tuples in the order of `columns`, attribute names such as `org_id`) into the
    model's table; every other column gets the field's default (`auto_now` fields: now). Runs in
    the caller's transaction. Returns the number of rows."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    unknown = [c for c in columns if c not in fields]
    if unknown:
        raise ValueError(f"{model.__name__} has no column {unknown}")
    now = timezone.now()
    rest = [f for name, f in fields.items() if name not in columns and not f.primary_key]
    for field in rest:
        if isinstance(field, models.JSONField):
            raise ValueError(f"{model.__name__}.{field.name}: JSON columns must be given")
    defaults = tuple(now if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) else _plain(f.get_default()) for f in rest)
    names = [str(fields[c].column) for c in columns] + [str(f.column) for f in rest]
    quoted = ", ".join(connection.ops.quote_name(n) for n in names)
    table = connection.ops.quote_name(model._meta.db_table)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row + defaults)
                    count += 1
        else:
            marks = ", ".join(["%s"] * len(names))
            sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"  # noqa: S608 - names from the model
            iterator = iter(rows)
            while chunk := [row + defaults for row in itertools.islice(iterator, CHUNK)]:
                cursor.executemany(sql, chunk)
                count += len(chunk)
    return count


def sync_ids(*models_: type[models.Model]) -> None:
    """After ids were given explicitly, move PostgreSQL's id sequences past them (SQLite's
    AUTOINCREMENT follows by itself)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models_:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)",  # noqa: S608
                [table],
            )


def analyze() -> None:
    """Refresh the planner's statistics after a large load."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
