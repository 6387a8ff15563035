"""Figures a committee office opens again and again (a province's or the country's matrix and
adoption picture): counted once and kept a while in the cache, shown with the time they were
counted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils import timezone

T = TypeVar("T")


def kept_a_while(key: str, seconds: int, make: Callable[[], T]) -> tuple[T, dt.datetime]:
    """`make()` and the time it was made, from the cache if it was made less than `seconds` ago."""
    found = cache.get(key)
    if found is None:
        found = (make(), timezone.now())
        cache.set(key, found, seconds)
    return found
