"""The dashboard's figures are kept in the shared cache: for the country or a province a minute,
shown with the time they were counted; below that until a write is recorded in the org or under
it (a secretary sees at once what they just recorded), and a minute at most."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse

from danvan.programs import services
from danvan.programs.models import Obligation
from tests.conftest import login
from tests.kept import counted_anew_ahead
from tests.rollup.test_counters import Y, make_busy

NOW = dt.datetime(Y, 7, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def busy(world):
    with time_machine.travel(NOW, tick=False):
        return make_busy(world)


def _figures(client, org) -> str:
    """The dashboard below its year form (the page around it holds a per-request CSRF token)."""
    body = client.get(reverse("rollup:dashboard", kwargs={"pk": org.pk}) + f"?year={Y}").content.decode()
    return body[body.index('<div class="stats card">') : body.index("</main>")]


def _fresh(client, org) -> str:
    cache.clear()
    return _figures(client, org)


def _waive_one(world, org):
    """A write, committed (a test runs in a transaction that never commits: the callbacks run)."""
    obligation = Obligation.objects.filter(org=org, waived_reason="", done=0).first()
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.obligation_waive(actor=world.admin, obligation=obligation, reason="Mới thành lập")


def test_a_cells_dashboard_shows_at_once_what_was_just_recorded_in_it(busy, world):
    with time_machine.travel(NOW, tick=False):
        client = login(world.admin)
        kept = _figures(client, world.cell1)
        assert _figures(client, world.cell1) == kept
        _waive_one(world, world.cell1)
        shown = _figures(client, world.cell1)
        assert shown != kept
        assert shown == _fresh(client, world.cell1)


def test_the_countrys_dashboard_is_kept_a_minute_with_its_time(busy, world):
    with time_machine.travel(NOW, tick=False):
        client = login(world.admin)
        kept = _figures(client, world.root)
        assert "08:00" in kept or "15:00" in kept  # the time it was counted, in the server's time zone
        _waive_one(world, world.cell1)
        assert _figures(client, world.root) == kept  # a write somewhere in the country every second: not counted again for each
    with time_machine.travel(NOW + dt.timedelta(seconds=61), tick=False):
        shown = _figures(client, world.root)
        assert shown != kept
        assert shown == _fresh(client, world.root)


def test_a_write_elsewhere_leaves_a_cells_kept_figures(busy, world, django_assert_max_num_queries):
    with time_machine.travel(NOW, tick=False):
        client = login(world.admin)
        _figures(client, world.cell1)
        _waive_one(world, world.cell3)  # another province's cell
        with django_assert_max_num_queries(8):  # the session, user, grants, the org, the nav: no counter read
            _figures(client, world.cell1)


def test_kept_figures_are_kept_per_language(busy, world):
    with time_machine.travel(NOW, tick=False):
        client = login(world.admin)
        vietnamese = _figures(client, world.org_a)
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
        english = _figures(client, world.org_a)
    assert "việc phải làm" in vietnamese and "obligations" in english and "việc phải làm" not in english


def test_the_countrys_dashboard_is_drawn_anew_by_the_worker_before_its_minute_ends_in_the_viewers_language(busy, world):
    with time_machine.travel(NOW, tick=False):
        client = login(world.admin)
        client.post(reverse("set_language"), {"language": "en", "next": "/"})
    redrawn = counted_anew_ahead(lambda: _figures(client, world.root), lambda: _waive_one(world, world.cell1), NOW)
    assert "obligations" in redrawn
