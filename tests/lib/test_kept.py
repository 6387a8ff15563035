"""Kept figures: made once and kept a while; with `ahead`, made anew by the worker before they
expire, so that a viewer of a figure viewed all day never waits for its recount."""

import datetime as dt

import time_machine
from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone

from danvan.lib import kept
from danvan.lib.text import fold

NOW = dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC)
AHEAD = (fold, ["Đảng bộ"])  # a module-level function of the project, and JSON arguments


def _view(key: str, seconds: int = 60, ahead=AHEAD):
    """One viewer's read; what it asks of the worker runs as the request ends (tests run tasks at once)."""
    with TestCase.captureOnCommitCallbacks(execute=True) as asked:
        found = kept.kept_a_while(key, seconds, lambda: "made by the viewer", ahead=ahead)
    return found, len(asked)


def test_a_fresh_value_is_served_and_nothing_is_asked(db):
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        assert _view("k") == (("made by the viewer", NOW), 0)
    with time_machine.travel(NOW + dt.timedelta(seconds=44), tick=False):
        assert _view("k") == (("made by the viewer", NOW), 0)


def test_past_three_quarters_of_its_life_the_kept_value_is_served_and_the_worker_makes_it_anew_once(db):
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        _view("k")
    later = NOW + dt.timedelta(seconds=46)
    with time_machine.travel(later, tick=False):
        assert _view("k") == (("made by the viewer", NOW), 1)  # the viewer does not wait for it
        assert cache.get("k") == ("dang bo", later)  # the worker's, kept for a new minute
        assert _view("k") == (("dang bo", later), 0)
    with time_machine.travel(later + dt.timedelta(seconds=59), tick=False):
        assert _view("k")[0] == ("dang bo", later)  # not expired: made at `later`


def test_many_viewers_past_it_ask_the_worker_once(db):
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        _view("k")
    with time_machine.travel(NOW + dt.timedelta(seconds=50), tick=False):
        with TestCase.captureOnCommitCallbacks() as asked:  # a worker that has not run yet
            for _ in range(5):
                kept.kept_a_while("k", 60, lambda: "made by the viewer", ahead=AHEAD)
        assert len(asked) == 1


def test_without_ahead_the_value_is_made_by_the_first_viewer_after_it_expires(db):
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        _view("k", ahead=None)
    with time_machine.travel(NOW + dt.timedelta(seconds=50), tick=False):
        assert _view("k", ahead=None) == (("made by the viewer", NOW), 0)
    with time_machine.travel(NOW + dt.timedelta(seconds=61), tick=False):
        assert _view("k", ahead=None)[0][1] == NOW + dt.timedelta(seconds=61)


def test_a_queued_remake_of_a_value_made_anew_meanwhile_costs_nothing(db):
    made = timezone.now()
    cache.set("k", ("fresh", made), 60)
    kept.remake_now("danvan.lib.text.fold", ["Đ"], "k", 60)
    assert cache.get("k") == ("fresh", made)


def test_only_the_projects_functions_are_run_and_a_deleted_object_is_skipped(db):
    cache.clear()
    kept.remake_now("os.getcwd", [], "k", 60)
    assert cache.get("k") is None
    kept.remake_now("danvan.rollup.figures.matrix_of", [0, 0, 2026, "2026-07-01", {}], "k", 60)  # no such program
    assert cache.get("k") is None


def test_a_queue_that_cannot_be_written_to_leaves_the_viewer_with_the_kept_value(db, monkeypatch):
    from django.db import OperationalError

    def locked(*args):
        raise OperationalError("database is locked")  # the task's row could not be written

    monkeypatch.setattr(kept, "_ask_remake", locked)
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        _view("k")
    with time_machine.travel(NOW + dt.timedelta(seconds=50), tick=False):
        assert _view("k") == (("made by the viewer", NOW), 1)
