"""Tree changes keep history: who was where on a past date stays answerable."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from danvan.audit.models import AuditEntry
from danvan.orgs import selectors, services
from danvan.orgs.models import Membership, Org, OrgKind, OrgStatus
from tests.conftest import make_person

D = dt.date


def _members_on(org, day):
    return {m.person.full_name for m in selectors.org_members(org, on=day)}


def test_a_merge_keeps_past_membership_queryable(world):
    services.org_merge(actor=world.admin, sources=[world.cell2], target=world.cell1, on=D(2024, 7, 1))
    assert _members_on(world.cell2, D(2024, 6, 30)) == {"Trần Thị Hai"}
    assert _members_on(world.cell2, D(2024, 7, 1)) == set()
    assert _members_on(world.cell1, D(2024, 7, 1)) == {"Nguyễn Văn Một", "Trần Thị Hai"}
    assert _members_on(world.cell1, D(2024, 6, 30)) == {"Nguyễn Văn Một"}
    world.cell2.refresh_from_db()
    assert world.cell2.status == OrgStatus.MERGED
    assert world.cell2.successor_id == world.cell1.pk
    assert world.cell2.ended_on == D(2024, 7, 1)


def test_a_merge_moves_sub_organizations_to_the_target(world):
    services.org_merge(actor=world.admin, sources=[world.org_b], target=world.org_a, on=D(2024, 1, 1))
    world.cell3.refresh_from_db()
    assert Org.objects.get_parent(world.cell3).pk == world.org_a.pk
    assert selectors.org_parent_on(world.cell3, D(2023, 12, 31)).pk == world.org_b.pk


def test_a_move_keeps_the_old_parent_on_record(world):
    services.org_move(actor=world.admin, org=world.cell1, new_parent=world.org_b, on=D(2025, 7, 1))
    world.cell1.refresh_from_db()
    assert world.cell1.path.startswith(world.org_b.path)
    assert selectors.org_parent_on(world.cell1, D(2025, 6, 30)).pk == world.org_a.pk
    assert selectors.org_parent_on(world.cell1, D(2025, 7, 1)).pk == world.org_b.pk
    # The member moved with the cell: the subtree counts follow the tree.
    assert selectors.subtree_counts(world.org_b)["people"] == 2
    assert AuditEntry.objects.filter(action="org.move", object_id=str(world.cell1.pk)).exists()


def test_moving_an_org_under_its_own_descendant_is_refused(world):
    with pytest.raises(ValidationError, match="dưới chính nó"):
        services.org_move(actor=world.admin, org=world.org_a, new_parent=world.cell1, on=D(2025, 1, 1))


def test_a_rename_keeps_the_old_name_for_past_dates(world):
    services.org_update(actor=world.admin, org=world.cell1, name="Chi bộ Phòng Một", kind=OrgKind.CELL, code="A1", on=D(2025, 3, 1))
    world.cell1.refresh_from_db()
    assert selectors.org_name_on(world.cell1, D(2025, 2, 28)) == "Chi bộ Phòng 1"
    assert selectors.org_name_on(world.cell1, D(2025, 3, 1)) == "Chi bộ Phòng Một"
    entry = AuditEntry.objects.get(action="org.update")
    assert entry.changes["name"] == ["Chi bộ Phòng 1", "Chi bộ Phòng Một"]
    assert entry.actor == world.admin


def test_a_split_sends_each_member_where_they_were_assigned(world):
    extra = make_person(world.cell1, "Đỗ Thị Bốn")
    parts = [{"name": "Chi bộ Phòng 1A"}, {"name": "Chi bộ Phòng 1B"}]
    new = services.org_split(actor=world.admin, org=world.cell1, parts=parts, assignments={extra.pk: 1}, on=D(2025, 1, 1))
    assert [o.name for o in new] == ["Chi bộ Phòng 1A", "Chi bộ Phòng 1B"]
    assert _members_on(new[0], D(2025, 1, 1)) == {"Nguyễn Văn Một"}
    assert _members_on(new[1], D(2025, 1, 1)) == {"Đỗ Thị Bốn"}
    assert _members_on(world.cell1, D(2024, 12, 31)) == {"Nguyễn Văn Một", "Đỗ Thị Bốn"}
    assert all(Org.objects.get_parent(o).pk == world.org_a.pk for o in new)
    world.cell1.refresh_from_db()
    assert world.cell1.status == OrgStatus.SPLIT


def test_dissolving_needs_sub_organizations_gone_first(world):
    with pytest.raises(ValidationError, match="tổ chức trực thuộc trước"):
        services.org_dissolve(actor=world.admin, org=world.org_a, on=D(2025, 1, 1))
    services.org_dissolve(actor=world.admin, org=world.cell2, on=D(2025, 1, 1))
    assert _members_on(world.cell2, D(2024, 12, 31)) == {"Trần Thị Hai"}
    assert not Membership.objects.filter(org=world.cell2, end__isnull=True).exists()


def test_an_ended_org_takes_no_new_members(world):
    services.org_dissolve(actor=world.admin, org=world.cell2, on=D(2025, 1, 1))
    world.cell2.refresh_from_db()
    with pytest.raises(ValidationError, match="không còn hoạt động"):
        make_person(world.cell2, "Vũ Văn Năm")


def test_a_failed_merge_writes_nothing(world):
    before = (Org.objects.count(), Membership.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError, match="vào tổ chức trực thuộc của chính nó"):
        services.org_merge(actor=world.admin, sources=[world.org_a], target=world.cell1, on=D(2025, 1, 1))
    assert (Org.objects.count(), Membership.objects.count(), AuditEntry.objects.count()) == before
    world.org_a.refresh_from_db()
    assert world.org_a.is_active


def test_membership_end_cannot_precede_its_start(world):
    membership = world.person1.memberships.get()
    with pytest.raises(ValidationError, match="Ngày kết thúc không được trước ngày bắt đầu"):
        services.membership_end(actor=world.admin, membership=membership, end=D(2000, 1, 1))


def test_names_are_stored_in_nfc(world):
    decomposed = "Chi bo\u0302\u0323 Mới"  # "bộ" typed with combining marks
    org = services.org_create(actor=world.admin, parent=world.org_a, name=decomposed, kind=OrgKind.CELL)
    assert org.name == "Chi bộ Mới"
    assert org.name_folded == "chi bo moi"


def test_subtree_filter_is_a_range_not_a_like(world):
    sql = str(Org.objects.filter(world.org_a.subtree_filter()).query)
    assert "LIKE" not in sql.upper()
    assert {o.code for o in Org.objects.filter(world.org_a.subtree_filter())} == {"A", "A1", "A2"}


def test_a_membership_without_its_orgs_path_is_refused(world):
    person = make_person(world.cell1, "Đỗ Thị Bốn")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(person=person, org=world.cell2, start=D(2024, 1, 1))


def _paths_astray() -> list:
    return [(m.pk, m.org_path, m.org.path) for m in Membership.objects.select_related("org") if m.org_path != m.org.path]


def test_every_membership_carries_its_orgs_path_through_every_change(world):
    """The people list and the subtree counts read a membership's own copy of its org's path: it
    must be the org's path after each way people join and orgs change."""
    person = services.person_create(actor=world.admin, org=world.cell1, full_name="Đỗ Thị Bốn")
    services.membership_add(actor=world.admin, person=person, org=world.cell3, position="member", start=D(2024, 1, 1))
    services.org_move(actor=world.admin, org=world.cell1, new_parent=world.org_b, on=D(2024, 3, 1))
    services.org_merge(actor=world.admin, sources=[world.org_b], target=world.org_a, on=D(2024, 6, 1))
    services.org_split(
        actor=world.admin,
        org=world.cell3,
        parts=[{"name": "Chi bộ 3A"}, {"name": "Chi bộ 3B"}],
        assignments={person.pk: 1},
        on=D(2025, 1, 1),
    )
    assert Membership.objects.filter(org__in=Org.objects.filter(name__startswith="Chi bộ 3")).exclude(end__isnull=False).exists()
    assert Membership.objects.count() > 4
    assert _paths_astray() == []
    # Seen from the org it moved under: the people list of org_a's subtree finds the moved member.
    assert Membership.objects.filter(world.org_a.subtree_filter("org_path"), person=person).count() == 3
