"""Correcting and removing what was recorded by mistake — a disclosure (its activity and the
obligations it met follow), a commitment, a supervision finding (the open-item counters follow),
a board member — each audited, each on its own page for who records there."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.activities.models import Activity
from danvan.activities.services import activity_record
from danvan.audit.models import AuditEntry
from danvan.concerns import democracy, services
from danvan.concerns.models import BoardMember, Commitment, Disclosure, DisclosureItem, Finding
from danvan.orgs.services import org_create
from danvan.programs.models import Obligation
from danvan.rollup import open_items
from danvan.rollup.reconcile import reconcile as reconcile_obligations
from tests.conftest import login

D = dt.date
PLAN = "Kế hoạch công tác năm của cơ quan, đơn vị"


def _quarters(unit, task) -> dict[str, int]:
    return {o.period_key: o.done for o in Obligation.objects.filter(org=unit, task=task)}


def test_a_disclosure_moved_to_another_quarter_takes_its_activity_along(world, unit, quarterly_disclosure):
    task = quarterly_disclosure
    item = DisclosureItem.objects.get(name=PLAN)
    kept = services.disclosure_record(
        actor=world.admin, org=unit, item=item, form="conference", disclosed_on=D(2026, 2, 10), proof=SimpleUploadedFile("a.jpg", b"JPEG")
    )
    first = kept.activity_id
    assert _quarters(unit, task)["2026-Q1"] == 1
    with pytest.raises(ValidationError):  # posted, but for how long?
        services.disclosure_update(actor=world.admin, disclosure=kept, form="posted", disclosed_on=D(2026, 5, 4))
    assert _quarters(unit, task)["2026-Q1"] == 1 and Activity.objects.filter(pk=first).exists()  # nothing written
    services.disclosure_update(
        actor=world.admin, disclosure=kept, form="posted", disclosed_on=D(2026, 5, 4), posted_days=15, note="Bảng tin"
    )
    kept.refresh_from_db()
    assert (kept.form, kept.posted_days, kept.disclosed_on, kept.note) == ("posted", 15, D(2026, 5, 4), "Bảng tin")
    assert not Activity.objects.filter(pk=first).exists() and kept.activity.held_on == D(2026, 5, 4)
    assert _quarters(unit, task) == {"2026-Q1": 0, "2026-Q2": 1, "2026-Q3": 0, "2026-Q4": 0}
    assert kept.proof  # the proof stays unless another is given
    entry = AuditEntry.objects.filter(action="disclosure.update").get()
    assert entry.changes["disclosed_on"] == ["2026-02-10", "2026-05-04"] and entry.changes["form"] == ["conference", "posted"]
    assert reconcile_obligations() == []


def test_a_disclosure_removed_leaves_its_quarter_behind_and_its_proof_deleted(
    world, unit, quarterly_disclosure, django_capture_on_commit_callbacks
):
    task = quarterly_disclosure
    kept = services.disclosure_record(
        actor=world.admin, org=unit, item=DisclosureItem.objects.get(name=PLAN), form="intranet", disclosed_on=D(2026, 2, 10),
        proof=SimpleUploadedFile("a.jpg", b"JPEG"),
    )  # fmt: skip
    stored = kept.proof.path
    with django_capture_on_commit_callbacks(execute=True):
        services.disclosure_remove(actor=world.admin, disclosure=kept)
    assert not Disclosure.objects.exists() and not Activity.objects.filter(org=unit).exists()
    assert _quarters(unit, task)["2026-Q1"] == 0
    import os

    assert not os.path.exists(stored)
    assert {"disclosure.remove", "activity.remove"} <= set(AuditEntry.objects.values_list("action", flat=True))
    assert reconcile_obligations() == []


def test_the_disclosure_correction_page(world, unit):
    kept = services.disclosure_record(
        actor=world.admin, org=unit, item=DisclosureItem.objects.get(name=PLAN), form="intranet", disclosed_on=D(2026, 2, 10)
    )
    client = login(world.admin)
    url = reverse("concerns:disclosure_edit", kwargs={"pk": kept.pk})
    page = client.get(url)
    assert page.status_code == 200 and "10/02/2026" in page.content.decode()
    refused = client.post(url, {"form": "posted", "disclosed_on": "31/02/2026", "note": "giữ lại chữ này"})
    assert refused.status_code == 200 and "giữ lại chữ này" in refused.content.decode()  # what was typed is shown again
    saved = client.post(url, {"form": "writing", "disclosed_on": "12/02/2026", "note": ""})
    assert saved.status_code == 302 and saved["Location"].endswith("?year=2026")
    assert Disclosure.objects.get().form == "writing"
    remove = reverse("concerns:disclosure_remove", kwargs={"pk": kept.pk})
    assert client.post(remove, {}).status_code == 302 and Disclosure.objects.exists()  # the box is not ticked
    assert client.post(remove, {"confirm": "on"}).status_code == 302 and not Disclosure.objects.exists()
    assert login(world.observer).get(url).status_code in (403, 404)


@pytest.fixture
def union(world):
    return org_create(actor=None, parent=world.cell1, name="Công đoàn Phòng 1", kind="trade_union", code="A1-CD", founded_on=D(2020, 1, 1))


def test_a_commitment_corrected_moves_in_the_counters_and_removed_leaves_them(world, union):
    session = activity_record(
        actor=world.secretary, org=world.cell1, kind="work_session", title="Làm việc", held_on=D(2026, 1, 10), tasks=[]
    )
    kept = services.commitment_add(actor=world.secretary, activity=session, org=union, text="Tham quan", due=D(2026, 3, 1))
    late = {"commitment": {"open": 1, "overdue": 1}}
    assert open_items.figures(world.root.path, D(2026, 4, 1), ["commitment"]) == late
    with pytest.raises(ValidationError):
        services.commitment_update(actor=world.secretary, commitment=kept, text="  ", due=D(2026, 6, 1))
    services.commitment_update(actor=world.secretary, commitment=kept, text="Tham quan Cần Giờ", owner=world.person1, due=D(2026, 6, 1))
    kept.refresh_from_db()
    assert (kept.text, kept.owner, kept.due) == ("Tham quan Cần Giờ", world.person1, D(2026, 6, 1))
    assert open_items.figures(world.root.path, D(2026, 4, 1), ["commitment"]) == {"commitment": {"open": 1, "overdue": 0}}
    assert open_items.reconcile() == []
    services.commitment_remove(actor=world.secretary, commitment=kept)
    assert not Commitment.objects.exists() and open_items.reconcile() == []
    assert open_items.figures(world.root.path, D(2026, 4, 1), ["commitment"]) == {"commitment": {"open": 0, "overdue": 0}}
    assert list(AuditEntry.objects.filter(action__startswith="commitment.").values_list("action", flat=True).order_by("pk")) == [
        "commitment.add",
        "commitment.update",
        "commitment.remove",
    ]


def test_the_commitment_correction_page(world, union):
    session = activity_record(
        actor=world.secretary, org=world.cell1, kind="work_session", title="Làm việc", held_on=D(2026, 1, 10), tasks=[]
    )
    kept = services.commitment_add(actor=world.secretary, activity=session, org=union, text="Tham quan")
    client = login(world.secretary)
    url = reverse("concerns:commitment_edit", kwargs={"pk": kept.pk})
    assert client.get(url).status_code == 200
    assert client.post(url, {"text": "Tham quan Huế", "owner": world.person1.pk, "due": "30/06/2026"}).status_code == 302
    kept.refresh_from_db()
    assert kept.text == "Tham quan Huế" and kept.owner == world.person1
    assert client.post(url, {"text": "x", "owner": 999999}).status_code == 200  # someone who may not own it: the form again
    remove = reverse("concerns:commitment_remove", kwargs={"pk": kept.pk})
    assert client.post(remove, {"confirm": "on"})["Location"] == reverse("activities:detail", kwargs={"pk": session.pk})
    assert not Commitment.objects.exists()


def test_a_finding_corrected_and_removed(world, agency):
    office, union = agency
    supervision = activity_record(
        actor=world.officer, org=union, kind="democracy_supervision", title="Giám sát", held_on=D(2026, 1, 20), tasks=[]
    )
    kept = democracy.finding_add(actor=world.officer, activity=supervision, text="Chưa niêm yết", due=D(2026, 2, 1))
    assert open_items.figures(office.path, D(2026, 3, 1), ["finding"]) == {"finding": {"open": 1, "overdue": 1}}
    democracy.finding_update(actor=world.officer, finding=kept, text="Chưa niêm yết kết quả thi đua", recommendation="Niêm yết", due=None)
    assert open_items.figures(office.path, D(2026, 3, 1), ["finding"]) == {"finding": {"open": 1, "overdue": 0}}
    democracy.finding_close(actor=world.officer, finding=kept, result="Đã niêm yết", done_on=D(2026, 3, 2))
    democracy.finding_update(actor=world.officer, finding=kept, text="Chưa niêm yết kết quả", due=D(2026, 1, 1))  # done: counts nowhere
    assert open_items.reconcile() == []
    client = login(world.officer)
    url = reverse("concerns:finding_edit", kwargs={"pk": kept.pk})
    assert "Chưa niêm yết kết quả" in client.get(url).content.decode()
    assert client.post(reverse("concerns:finding_remove", kwargs={"pk": kept.pk}), {"confirm": "on"}).status_code == 302
    assert not Finding.objects.exists() and open_items.reconcile() == []
    assert AuditEntry.objects.filter(action="finding.remove").exists()


def test_a_board_member_changes_role_or_leaves_the_board(world, agency):
    office, _ = agency
    board = democracy.board_elect(actor=world.officer, org=office, term_start=D(2026, 1, 20), term_end=D(2028, 1, 19))
    head = democracy.board_member_add(actor=world.officer, board=board, person=world.person1, role="head")
    other = democracy.board_member_add(actor=world.officer, board=board, person=world.person2, role="member")
    with pytest.raises(ValidationError):
        democracy.board_member_update(actor=world.officer, member=other, role="head")  # one head
    client = login(world.officer)
    client.post(reverse("concerns:board_member_remove", kwargs={"pk": head.pk}), {"confirm": "on"})
    assert client.post(reverse("concerns:board_member_edit", kwargs={"pk": other.pk}), {"role": "head"}).status_code == 302
    assert list(BoardMember.objects.values_list("person", "role")) == [(world.person2.pk, "head")]
    changes = [e.changes["member"] for e in AuditEntry.objects.filter(action="board.member").order_by("pk")]
    assert changes[-2:] == [["Nguyễn Văn Một (head)", None], ["Trần Thị Hai (member)", "Trần Thị Hai (head)"]]
    page = client.get(reverse("concerns:democracy", kwargs={"pk": office.pk})).content.decode()
    assert reverse("concerns:board_member_edit", kwargs={"pk": other.pk}) in page
    assert (
        login(world.observer).post(reverse("concerns:board_member_remove", kwargs={"pk": other.pk}), {"confirm": "on"}).status_code == 403
    )


def test_a_boards_term_is_corrected_under_the_election_rules(world, agency):
    office, _ = agency
    board = democracy.board_elect(actor=world.officer, org=office, term_start=D(2026, 1, 20), term_end=D(2028, 1, 19))
    earlier = democracy.board_elect(actor=world.officer, org=office, term_start=D(2023, 1, 20), term_end=D(2025, 1, 19))
    client = login(world.officer)
    url = reverse("concerns:board_edit", kwargs={"pk": board.pk})
    assert url in client.get(reverse("concerns:democracy", kwargs={"pk": office.pk})).content.decode()
    overlapping = client.post(url, {"term_start": "01/01/2025", "term_end": "31/12/2027"})
    assert overlapping.status_code == 200 and "nhiệm kỳ" in overlapping.content.decode()  # the earlier board's term
    assert client.post(url, {"term_start": "20/02/2026", "term_end": "19/02/2028"}).status_code == 302
    board.refresh_from_db()
    assert (board.term_start, board.term_end) == (D(2026, 2, 20), D(2028, 2, 19))
    assert AuditEntry.objects.get(action="board.update").changes["term"] == ["2026-01-20–2028-01-19", "2026-02-20–2028-02-19"]
    with pytest.raises(ValidationError):
        democracy.board_update(actor=world.officer, board=earlier, term_start=D(2025, 1, 1), term_end=D(2024, 1, 1))
    assert login(world.observer).post(url, {"term_start": "20/01/2026", "term_end": "19/01/2028"}).status_code == 403


def test_an_activity_with_records_of_its_own_is_not_removed(world, union):
    from danvan.activities.services import activity_remove

    session = activity_record(
        actor=world.secretary, org=world.cell1, kind="work_session", title="Làm việc", held_on=D(2026, 1, 10), tasks=[]
    )
    services.commitment_add(actor=world.secretary, activity=session, org=union, text="Tham quan")
    with pytest.raises(ValidationError):
        activity_remove(actor=world.secretary, activity=session)
    assert Activity.objects.filter(pk=session.pk).exists() and not AuditEntry.objects.filter(action="activity.remove").exists()
