"""Pseudo-random weights of counter cells, for reconcile's quick check. An obligation and every
counter row carry the weight of their cell (org and day; for subtree counters, day and shard),
computed here when the row is written; reconcile then compares sums of counts times weights
instead of every cell. The same arithmetic exists in SQL (`sql_*`) for rows made in bulk."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.db import connection

PRIME = 2147483629  # below 2^31: a product of two weights fits a 64-bit integer
EPOCH = dt.date(2000, 1, 1)
DAY_OFFSET = 40000  # keeps day numbers of any plausible date positive


@lru_cache(maxsize=1 << 16)  # days and shards repeat: a bulk load asks for the same few again and again
def mix(x: int) -> int:
    """A pseudo-random residue of a non-negative integer: a multiplication modulo the prime, then
    a product with its own high bits, which keeps it from being a polynomial modulo the prime
    (a patterned drift could cancel against a polynomial)."""
    t = (x * 48271 + 11) % PRIME
    return t * (t // 128 + 1) % PRIME


def day_number(day: dt.date) -> int:
    return (day - EPOCH).days + DAY_OFFSET


def org_weight(org_id: int, due: dt.date) -> int:
    return mix(org_id) * mix(day_number(due)) % PRIME


def node_weight(due: dt.date, shard: int) -> int:
    return mix(day_number(due)) * mix(shard + 7) % PRIME


def sql_day(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"({column} - DATE '2000-01-01' + {DAY_OFFSET})"
    return f"(CAST(julianday({column}) - 2451544.5 AS INTEGER) + {DAY_OFFSET})"


def sql_mix(expression: str) -> str:
    t = f"((CAST({expression} AS BIGINT) * 48271 + 11) % {PRIME})"
    return f"({t} * ({t} / 128 + 1) % {PRIME})"


def sql_org_weight(org_column: str, due_column: str) -> str:
    return f"({sql_mix(org_column)} * {sql_mix(sql_day(due_column))} % {PRIME})"


def sql_node_weight(due_column: str, shard_expression: str) -> str:
    return f"({sql_mix(sql_day(due_column))} * {sql_mix(f'{shard_expression} + 7')} % {PRIME})"
