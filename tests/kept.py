"""The check every figure kept with `ahead` passes (`danvan.lib.kept.kept_a_while`)."""

import datetime as dt

import time_machine
from django.core.cache import cache
from django.test import TestCase

NOW = dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC)


def counted_anew_ahead(view, write, now: dt.datetime = NOW) -> str:
    """`view()` (a page's kept part, as text) is kept; after `write()`, fifty seconds on, the kept
    one is still served at once while the worker is asked once to count it anew; the next view
    shows the worker's, changed by the write and equal to what a viewer would count. Returns it.
    (A signed-in client's session must have been made near `now`.)"""
    cache.clear()
    with time_machine.travel(now, tick=False):
        kept = view()
        write()
    with time_machine.travel(now + dt.timedelta(seconds=50), tick=False):
        with TestCase.captureOnCommitCallbacks(execute=True) as asked:
            assert view() == kept  # served at once: the viewer does not wait for the count
        assert len(asked) == 1
        counted = view()
        assert counted != kept
        cache.clear()
        assert view() == counted
    return counted
