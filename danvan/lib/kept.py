"""Work pages ask for again and again, kept in the shared cache: figures a committee office opens
over and over (a province's or the country's matrix and adoption picture, a dashboard), counted
once and kept a while, shown with the time they were counted — or, for an org low in the tree,
until a write is recorded in it or below it; and files made from given inputs (a draft report's
`.docx`), kept under a digest of those inputs, so a change to any of them makes a new one."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable
from typing import TypeVar

from diskcache import DjangoCache
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

T = TypeVar("T")


class SharedCache(DjangoCache):
    """The cache every server process of the machine shares (settings.CACHES): diskcache's SQLite
    files, kept open from one request to the next (Django closes its caches as each request ends;
    reopening the files and setting their pragmas was half a millisecond of every request)."""

    def close(self, **kwargs):
        pass


AHEAD = 0.75  # of a kept value's life: past it, the first viewer asks the worker to make it anew


def kept_a_while(
    key: str, seconds: int, make: Callable[[], T], mark: str | None = None, ahead: tuple[Callable[..., T], list] | None = None
) -> tuple[T, dt.datetime]:
    """`make()` and the time it was made, from the cache if it was made less than `seconds` ago —
    and, with a `mark`, since the last `written` to that mark. With `ahead` (a module-level
    function and JSON-ready arguments with which it makes the same value), the first viewer past
    `AHEAD` of the value's life asks the worker to make it anew (`danvan.lib.tasks.remake`): while
    a worker runs, a figure viewed all day is counted in the background and no viewer waits for it."""
    if mark is not None:
        key = f"{key}:{cache.get(_MARK + mark, '-')}"
    found = cache.get(key)
    if found is None:
        found = (make(), timezone.now())
        cache.set(key, found, seconds)
    elif ahead is not None and _ageing(found[1], seconds) and cache.add(f"{key}:ahead", 1, seconds * (1 - AHEAD)):
        function, args = ahead
        name = f"{function.__module__}.{function.__qualname__}"
        # Robust: a queue that cannot be written to is logged and the viewer still gets the kept
        # figures; the first viewer after they expire counts them.
        transaction.on_commit(lambda: _ask_remake(name, args, key, seconds), robust=True)
    return found


def _ageing(made_at: dt.datetime, seconds: int) -> bool:
    return timezone.now() - made_at > dt.timedelta(seconds=seconds * AHEAD)


def _ask_remake(function: str, args: list, key: str, seconds: int) -> None:
    from danvan.lib.tasks import remake

    remake.enqueue(function, args, key, seconds)


def remake_now(function: str, args: list, key: str, seconds: int) -> None:
    """Make a kept value anew with `function(*args)` and keep it (run by the worker), unless it
    was made anew meanwhile (a queue that waited for a stopped worker costs nothing)."""
    found = cache.get(key)
    if not function.startswith("danvan.") or (found is not None and not _ageing(found[1], seconds)):
        return
    try:
        value = import_string(function)(*args)
    except ObjectDoesNotExist:
        return  # the org or program was deleted since
    cache.set(key, (value, timezone.now()), seconds)


_MARK = "danvan:written:"


def written(marks: Iterable[str]) -> None:
    """Once the current transaction commits (at once outside one), what was kept under any of
    these marks is made again when next asked for. Each write gives the marks a new value, so a
    page made while a write commits is kept under the value before it."""
    value = uuid.uuid4().hex
    keys = [_MARK + mark for mark in marks]
    transaction.on_commit(lambda: cache.set_many(dict.fromkeys(keys, value), None))


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
