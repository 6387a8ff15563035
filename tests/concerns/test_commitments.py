"""Commitments agreed at work sessions with mass organizations: carried to the next sessions
until done, listed open per subtree."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.activities.services import activity_record
from danvan.concerns import selectors, services
from danvan.orgs.services import org_create
from tests.conftest import login

D = dt.date


@pytest.fixture
def union(world):
    return org_create(actor=None, parent=world.cell1, name="Công đoàn Phòng 1", kind="trade_union", code="A1-CD", founded_on=D(2020, 1, 1))


def _session(world, day, title="Làm việc với BCH Công đoàn"):
    return activity_record(actor=world.secretary, org=world.cell1, kind="work_session", title=title, held_on=day, tasks=[])


def test_an_open_commitment_is_carried_over_until_done(world, union):
    first = _session(world, D(2026, 1, 10))
    kept = services.commitment_add(
        actor=world.secretary, activity=first, org=union, text="Tổ chức tham quan cho đoàn viên", due=D(2026, 6, 30)
    )
    done = services.commitment_add(actor=world.secretary, activity=first, org=union, text="Sửa phòng truyền thống")
    _session(world, D(2026, 4, 10), "Làm việc quý II")
    _session(world, D(2026, 7, 10), "Làm việc quý III")
    services.commitment_close(actor=world.secretary, commitment=done, result="Đã sửa xong", done_on=D(2026, 5, 1))
    still = list(selectors.open_commitments(world.root))
    assert [(c.pk, c.carried) for c in still] == [(kept.pk, 2)]
    with pytest.raises(ValidationError):
        services.commitment_close(actor=world.secretary, commitment=done, result="lại", done_on=D(2026, 5, 2))


def test_only_at_a_work_session_and_with_a_mass_organization(world, union):
    meeting = activity_record(actor=world.secretary, org=world.cell1, kind="press", title="Tin bài", held_on=D(2026, 1, 5), tasks=[])
    with pytest.raises(ValidationError):
        services.commitment_add(actor=world.secretary, activity=meeting, org=union, text="x")
    with pytest.raises(ValidationError):
        services.commitment_add(actor=world.secretary, activity=_session(world, D(2026, 1, 10)), org=world.cell2, text="x")


def test_the_pages(world, union):
    session = _session(world, D(2026, 1, 10))
    client = login(world.secretary)
    fragment = client.get(reverse("concerns:session_commitments", kwargs={"pk": session.pk}))
    assert fragment.status_code == 200 and "Công đoàn Phòng 1" in fragment.content.decode()
    client.post(
        reverse("concerns:commitment_add", kwargs={"pk": session.pk}), {"org": union.pk, "text": "Tổ chức tham quan", "due": "30/06/2026"}
    )
    commitment = session.commitments.get()
    page = login(world.observer).get(reverse("concerns:commitments", kwargs={"pk": world.root.pk}))
    assert [c.pk for c in page.context["page"]] == [commitment.pk]
    assert (
        login(world.observer)
        .post(reverse("concerns:commitment_close", kwargs={"pk": commitment.pk}), {"result": "x", "done_on": "01/07/2026"})
        .status_code
        == 403
    )
    client.post(reverse("concerns:commitment_close", kwargs={"pk": commitment.pk}), {"result": "Đã tổ chức", "done_on": "01/07/2026"})
    commitment.refresh_from_db()
    assert commitment.done_on == D(2026, 7, 1)


def test_a_commitment_posted_twice_is_added_once(world, union):
    session = _session(world, D(2026, 1, 10))
    url = reverse("concerns:commitment_add", kwargs={"pk": session.pk})
    data = {"org": union.pk, "text": "Tổ chức tham quan", "submission": "e" * 32}
    client = login(world.secretary)
    client.post(url, data)
    client.post(url, data)
    assert session.commitments.count() == 1
