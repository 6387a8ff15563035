"""Work pages ask for again and again, kept in the shared cache: figures a committee office opens
over and over (a province's or the country's matrix and adoption picture), counted once and kept a
while, shown with the time they were counted; and files made from given inputs (a draft report's
`.docx`), kept under a digest of those inputs, so a change to any of them makes a new one."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
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


def made_from(kind: str, inputs, make: Callable[[], T], seconds: int = 3600) -> T:
    """`make()`, kept under a digest of `inputs` (anything JSON can write; dates and lazy texts as
    text): what the same inputs made before is returned without making it again."""
    digest = hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()
    key = f"{kind}:{digest}"
    found = cache.get(key)
    if found is None:
        found = make()
        cache.set(key, found, seconds)
    return found
