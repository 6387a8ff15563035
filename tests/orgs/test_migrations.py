"""Migrations that copy data: the rows a running committee already has come out right."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("orgs", "0008_org_words")]
AFTER = [("orgs", "0009_membership_org_path")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_memberships_already_there_get_their_orgs_path():
    apps = _migrate(BEFORE)
    try:
        Org, Person, Membership = (apps.get_model("orgs", name) for name in ("Org", "Person", "Membership"))
        root = Org.objects.create(path="0001", depth=1, numchild=1, name="Đảng ủy", name_folded="dang uy", code="DU", kind="committee")
        cell = Org.objects.create(path="00010001", depth=2, numchild=0, name="Chi bộ 1", name_folded="chi bo 1", code="CB1", kind="cell")
        person = Person.objects.create(full_name="Nguyễn Văn Một", name_folded="nguyen van mot")
        for org in (root, cell):
            Membership.objects.create(person=person, org=org, start=dt.date(2020, 1, 1))
        apps = _migrate(AFTER)
        Membership = apps.get_model("orgs", "Membership")
        assert sorted(Membership.objects.values_list("org_path", flat=True)) == ["0001", "00010001"]
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
