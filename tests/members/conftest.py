import datetime as dt

import pytest

from danvan.orgs.models import Person
from tests.conftest import make_person


@pytest.fixture
def members(world):
    """Cell 1's party members: its secretary (Nguyễn Văn Một) and two more; a non-member staffer."""
    Person.objects.filter(pk=world.person1.pk).update(party_joined_on=dt.date(2005, 5, 19))
    world.person1.refresh_from_db()
    three = make_person(world.cell1, "Lê Văn Ba", party_joined_on=dt.date(2010, 3, 3))
    four = make_person(world.cell1, "Phạm Thị Bốn", party_joined_on=dt.date(2012, 9, 2))
    outsider = make_person(world.cell1, "Đỗ Văn Năm")  # not a party member
    return [world.person1, three, four], outsider
