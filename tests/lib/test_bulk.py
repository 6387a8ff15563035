"""The bulk loader: explicit ids, defaults for the columns not given, sequences moved past them."""

import datetime as dt

import pytest

from danvan.lib import bulk
from danvan.orgs.models import Person
from danvan.programs.models import Task


def test_rows_go_in_with_their_ids_and_the_defaults(db):
    first = bulk.next_id(Person)
    rows = [(first + i, f"Đảng viên {i}", f"dang vien {i}", dt.date(2001, 1, 1)) for i in range(3)]
    assert bulk.load(Person, ["id", "full_name", "name_folded", "party_joined_on"], iter(rows)) == 3
    bulk.sync_ids(Person)
    loaded = Person.objects.get(pk=first + 1)
    assert loaded.full_name == "Đảng viên 1" and loaded.gender == "" and loaded.is_demo is False and loaded.created_at is not None
    later = Person.objects.create(full_name="Người sau", name_folded="nguoi sau")
    assert later.pk > first + 2  # the id sequence moved past the loaded rows


def test_unknown_columns_and_json_defaults_are_refused(db):
    with pytest.raises(ValueError, match="no column"):
        bulk.load(Person, ["id", "nickname"], [])
    with pytest.raises(ValueError, match="JSON"):
        bulk.load(Task, ["program_id", "ref", "text"], [])
