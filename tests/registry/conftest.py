import datetime as dt

import pytest

from danvan.registry import services


@pytest.fixture
def term(world):
    """The root committee's term 2025–2030."""
    return services.term_create(actor=world.admin, org=world.root, name="2025–2030", start=dt.date(2025, 10, 1), end=dt.date(2030, 9, 30))
