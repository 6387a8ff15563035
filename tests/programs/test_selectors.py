import pytest
from django.core.exceptions import ValidationError

from danvan.orgs.models import OrgKind
from danvan.programs.selectors import cascade_targets


def _codes(orgs):
    return [o.code for o in orgs]


def test_every_level_of_the_subtree(world):
    assert _codes(cascade_targets(from_org=world.root, scope="subtree")) == ["A", "A1", "A2", "B", "B3"]


def test_the_orgs_directly_under(world):
    assert _codes(cascade_targets(from_org=world.root, scope="all")) == ["A", "B"]


def test_one_kind_of_org(world):
    assert _codes(cascade_targets(from_org=world.root, scope="kind", kind=OrgKind.CELL)) == ["A1", "A2", "B3"]
    assert _codes(cascade_targets(from_org=world.org_a, scope="kind", kind=OrgKind.CELL)) == ["A1", "A2"]


def test_a_list_of_codes_or_ids(world):
    assert _codes(cascade_targets(from_org=world.root, scope="list", codes=["B3", "A1"])) == ["A1", "B3"]
    assert _codes(cascade_targets(from_org=world.root, scope="ids", org_ids=[world.cell2.pk])) == ["A2"]


def test_codes_and_ids_outside_the_subtree_are_refused_by_name(world):
    with pytest.raises(ValidationError, match="OUT1"):
        cascade_targets(from_org=world.root, scope="list", codes=["A1", "OUT1"])
    with pytest.raises(ValidationError, match=str(world.outside_cell.pk)):
        cascade_targets(from_org=world.org_a, scope="ids", org_ids=[world.cell1.pk, world.outside_cell.pk])
    with pytest.raises(ValidationError, match="B3"):  # a sibling branch is not under Cục A
        cascade_targets(from_org=world.org_a, scope="list", codes=["B3"])


def test_ended_orgs_are_never_targets(world):
    from danvan.orgs import services

    services.org_dissolve(actor=world.admin, org=world.cell2, on=world.cell2.founded_on.replace(year=2025))
    assert "A2" not in _codes(cascade_targets(from_org=world.root, scope="subtree"))
