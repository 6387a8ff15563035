"""The registers: numbers per issuer, type and term, never twice and never skipped; incoming
numbers per year; distribution with acknowledgement; a report issued with its number."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import transaction
from docx import Document

from danvan import access
from danvan.accounts.models import Notification
from danvan.audit.models import AuditEntry
from danvan.registry import selectors, services
from danvan.registry.models import Incoming, Outgoing, OutgoingStatus, Series

D = dt.date


def _issue(world, type_code="BC", day=None, **kwargs):
    return services.outgoing_issue(
        actor=world.admin, org=world.root, type_code=type_code, title="Báo cáo sơ kết", issued_on=day or D(2026, 3, 2), **kwargs
    )


def test_numbers_run_per_type_and_read_as_the_party_writes_them(world, term):
    first, second = _issue(world), _issue(world)
    letter = _issue(world, "CV")
    assert (first.serial, second.serial, letter.serial) == (1, 2, 1)
    assert first.number == "01-BC/ROOT" and letter.number == "01-CV/ROOT"
    assert AuditEntry.objects.filter(action="registry.issue").count() == 3


def test_the_issuer_code_comes_from_the_letterhead(world, term):
    from danvan.reports.models import Letterhead

    Letterhead.objects.create(org=world.root, code="ĐU")
    assert _issue(world).number == "01-BC/ĐU"


def test_a_new_term_starts_again_at_one(world, term):
    _issue(world)
    _issue(world)
    services.term_create(actor=world.admin, org=world.root, name="2030–2035", start=D(2030, 10, 1))
    assert _issue(world, day=D(2030, 10, 5)).serial == 1
    assert _issue(world, day=D(2030, 9, 29)).serial == 3  # a document dated in the old term takes the old series


def test_no_term_no_number(world):
    with pytest.raises(ValidationError, match="nhiệm kỳ"):
        _issue(world)
    assert not Series.objects.exists()


def test_overlapping_terms_are_refused(world, term):
    with pytest.raises(ValidationError, match="trùng"):
        services.term_create(actor=world.admin, org=world.root, name="x", start=D(2028, 1, 1))


def test_a_failed_issue_gives_its_number_back(world, term):
    """An issuance that fails after taking its number rolls the counter back with it: the next
    document gets that number, so none is skipped (the number is not consumed)."""
    _issue(world)
    with pytest.raises(RuntimeError), transaction.atomic():
        _issue(world)
        raise RuntimeError("the server fell over after numbering")
    assert _issue(world).serial == 2
    assert sorted(Outgoing.objects.values_list("serial", flat=True)) == [1, 2]


def test_a_cancelled_number_stays_and_is_not_reused(world, term):
    first = _issue(world)
    services.outgoing_cancel(actor=world.admin, outgoing=first, reason="Ban hành nhầm")
    assert _issue(world).serial == 2
    first.refresh_from_db()
    assert first.status == OutgoingStatus.CANCELLED and first.cancel_reason == "Ban hành nhầm"
    with pytest.raises(ValidationError):
        services.outgoing_cancel(actor=world.admin, outgoing=first, reason="lại")


def test_incoming_numbers_restart_on_the_first_of_january(world):
    kwargs = {"actor": world.admin, "org": world.cell1, "sender": "Đảng ủy Khối", "title": "Công văn"}
    assert services.incoming_register(received_on=D(2026, 12, 31), **kwargs).serial == 1
    assert services.incoming_register(received_on=D(2026, 12, 31), **kwargs).serial == 2
    assert services.incoming_register(received_on=D(2027, 1, 1), **kwargs).serial == 1


def test_the_stamp_number_is_taken_when_free(world):
    kwargs = {"actor": world.admin, "org": world.cell1, "sender": "Đảng ủy Khối", "title": "Chương trình", "received_on": D(2013, 8, 30)}
    assert services.incoming_register(serial=940, **kwargs).serial == 940
    assert services.incoming_register(**kwargs).serial == 941  # the register goes on after it
    with pytest.raises(ValidationError, match="940"):
        services.incoming_register(serial=940, **kwargs)


def test_the_handling_deadline_counts_working_days(world):
    # Received on Wednesday 29 April 2026: 30/4 and 1/5 are holidays, then a weekend.
    incoming = services.incoming_register(
        actor=world.admin, org=world.cell1, sender="Đảng ủy Khối", title="Công văn", received_on=D(2026, 4, 29), handle_days=2
    )
    assert incoming.handle_by == D(2026, 5, 5)
    assert list(selectors.overdue_incoming([world.cell1.path], D(2026, 5, 6))) == [incoming]


def test_distribution_registers_it_with_each_org_and_follows_acknowledgement(world, term):
    outgoing = _issue(world, recipients="- Đảng bộ Cục A\n- Chi bộ Phòng 3 (để thực hiện)\n- Lưu VPĐU")
    assert {o.pk for o in selectors.recipient_orgs(outgoing)} == {world.org_a.pk, world.cell3.pk}
    services.incoming_register(actor=world.admin, org=world.cell1, sender="x", title="y", received_on=D.today())
    made = services.distribute(
        actor=world.admin, outgoing=outgoing, orgs=[world.org_a, world.cell1, world.cell3], recorders=access.recorders_of, ask_read=True
    )
    assert len(made) == 3
    cell1 = Incoming.objects.get(org=world.cell1, outgoing=outgoing)
    assert cell1.serial == 2 and cell1.doc_number == outgoing.number and cell1.sender == world.root.name
    assert Notification.objects.filter(user=world.secretary, key__startswith="distribution:").count() == 1
    assert (
        services.distribute(actor=world.admin, outgoing=outgoing, orgs=[world.cell1], recorders=access.recorders_of) == []
    )  # once per org
    services.acknowledge(actor=world.secretary, distribution=cell1.distribution)
    assert selectors.distribution_counts(outgoing) == {"total": 3, "acknowledged": 1, "read": 0}
    assert (
        services.remind_pending(actor=world.admin, outgoing=outgoing, recorders=access.recorders_of) == 2
    )  # the officer of Cục A, the secretary (still to read)
    assert services.remind_pending(actor=world.admin, outgoing=outgoing, recorders=access.recorders_of) == 0  # once a day
    services.acknowledge(actor=world.secretary, distribution=cell1.distribution, read=True)
    assert selectors.distribution_counts(outgoing)["read"] == 1


def test_only_orgs_under_the_issuer_receive(world, term):
    with pytest.raises(ValidationError):
        services.distribute(actor=world.admin, outgoing=_issue(world), orgs=[world.outside_cell], recorders=access.recorders_of)


def test_distribution_across_new_years_eve_starts_the_new_register(world, term):
    outgoing = _issue(world)
    with time_machine.travel(dt.datetime(2026, 12, 31, 16, 0, tzinfo=dt.UTC), tick=False):  # 23:00 in Hà Nội
        services.distribute(actor=world.admin, outgoing=outgoing, orgs=[world.cell1], recorders=access.recorders_of)
    second = _issue(world)
    with time_machine.travel(dt.datetime(2026, 12, 31, 17, 30, tzinfo=dt.UTC), tick=False):  # 00:30 on 1 January
        services.distribute(actor=world.admin, outgoing=second, orgs=[world.cell1], recorders=access.recorders_of)
    assert list(Incoming.objects.filter(org=world.cell1).order_by("pk").values_list("year", "serial")) == [(2026, 1), (2027, 1)]


def test_an_issued_report_carries_its_number(world, program):
    from danvan.reports import services as report_services
    from danvan.reports.models import CycleKind, Letterhead
    from danvan.reports.render import docx_bytes
    from tests.reports.conftest import TEXT

    Letterhead.objects.create(org=world.root, code="ĐU", signer_name="Trần Đức Lai")
    services.term_create(actor=world.admin, org=world.root, name="2025–2030", start=D(2025, 1, 1))
    cycle = report_services.cycle_open(
        actor=world.admin, org=world.root, kind=CycleKind.YEAR, title="Tổng kết", programs=[program],
        period_start=D(2025, 12, 15), period_end=D(2026, 12, 14), deadline=D(2026, 12, 20),
    )  # fmt: skip
    report = cycle.reports.get(org=world.root)
    with pytest.raises(ValidationError):
        services.report_issue(actor=world.admin, report=report)
    report = report_services.report_submit(actor=world.admin, report=report, text=TEXT)
    report_services.docx_of(report)  # kept before the number existed
    outgoing = services.report_issue(actor=world.admin, report=report)
    assert outgoing.number == "01-BC/ĐU" and outgoing.signer == "Trần Đức Lai"
    text = [
        p.text
        for t in Document(io.BytesIO(report_services.docx_of(report))).tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
    ]
    assert "Số 01-BC/ĐU" in text
    with pytest.raises(ValidationError):
        services.report_issue(actor=world.admin, report=report)
    assert docx_bytes  # the live renderer agrees


def test_a_plan_issued_for_a_task_is_its_evidence(world):
    from django.utils import timezone

    from danvan.programs import services as program_services
    from danvan.programs.models import Obligation

    year = timezone.localdate().year
    program = program_services.program_create_by_hand(actor=None, org=world.root, title="Kế hoạch thử", valid_from=D(year, 1, 1))
    task = program_services.task_save(
        actor=None, program=program, ref="1", text="Các chi bộ xây dựng kế hoạch thực hiện", cadence=[{"per": "year"}],
        actor_kinds=["cell"], fulfilled_by="planning",
    )  # fmt: skip
    program_services.program_cascade(actor=None, program=program, from_org=world.root, targets=[world.cell1])
    services.term_create(actor=None, org=world.cell1, name="2025–2030", start=D(2025, 1, 1))
    plan = services.outgoing_issue(
        actor=world.secretary, org=world.cell1, type_code="KH", title="Kế hoạch thực hiện", issued_on=timezone.localdate(), tasks=[task]
    )
    assert plan.activity is not None and plan.program == program and plan.activity.title.startswith(plan.number)
    assert Obligation.objects.get(org=world.cell1, task=task).done == 1
