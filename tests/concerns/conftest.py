import datetime as dt

import pytest

from danvan.concerns import services
from danvan.concerns.models import Category
from danvan.lib.workdays import Calendar

CAL = Calendar()


@pytest.fixture
def category(world):
    return Category.objects.get(name="Điều kiện làm việc")  # 15 working days (the world makes the defaults)


def raise_concern(world, category, *, raiser="person", day=dt.date(2026, 4, 20), **kwargs):
    values = {
        "actor": world.secretary,
        "origin": world.cell1,
        "channel": "dialogue",
        "raiser": raiser,
        "category": category,
        "title": "Phòng làm việc nóng",
        "text": "Điều hòa hỏng đã hai tháng.",
        "received_on": day,
        "cal": CAL,
        "person": world.person1 if raiser == "person" else None,
    }
    return services.concern_receive(**{**values, **kwargs})
