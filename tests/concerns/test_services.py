"""Concerns followed to resolution: deadlines on working days, referral and its history, return,
answer, rating, reopening within the window, escalation up the tree, and anonymity kept."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from danvan.audit.models import AuditEntry
from danvan.concerns import services
from danvan.concerns.models import ConcernEvent, ConcernStatus, EventKind
from tests.concerns.conftest import CAL, raise_concern

D = dt.date


def test_the_deadline_counts_working_days_over_a_holiday(world, category):
    # Received Monday 20 April 2026: 26–27/4 (Hùng Vương, observed), 30/4 and 1/5 are days off.
    concern = raise_concern(world, category)
    assert concern.due == D(2026, 5, 14) and concern.status == ConcernStatus.RECEIVED
    assert list(concern.events.values_list("kind", flat=True)) == [EventKind.RECEIVED]


def test_the_whole_road_refer_return_answer_rate(world, category):
    concern = raise_concern(world, category)
    concern = services.concern_assign(actor=world.secretary, concern=concern, handler=world.person1)
    concern = services.concern_refer(
        actor=world.secretary, concern=concern, to_org=world.org_a, note="Thuộc thẩm quyền Cục", today=D(2026, 5, 4), cal=CAL
    )
    assert concern.org == world.org_a and concern.status == ConcernStatus.RECEIVED and concern.handler is None
    assert concern.due == D(2026, 5, 25)  # 15 working days from the referral
    concern = services.concern_return(
        actor=world.officer, concern=concern, reason="Chi bộ tự giải quyết được", today=D(2026, 5, 5), cal=CAL
    )
    assert concern.org == world.cell1
    with pytest.raises(ValidationError):
        services.concern_return(actor=world.secretary, concern=concern, reason="x", today=D(2026, 5, 5), cal=CAL)  # not referred here
    concern = services.concern_answer(actor=world.secretary, concern=concern, answer="Đã thay điều hòa.", today=D(2026, 5, 8))
    concern = services.concern_rate(actor=world.secretary, concern=concern, rating="satisfied")
    assert concern.status == ConcernStatus.CLOSED
    kinds = list(concern.events.values_list("kind", flat=True))
    assert kinds == ["received", "assigned", "referred", "returned", "answered", "rated"]
    referral = concern.events.get(kind="referred")
    assert (referral.from_org, referral.to_org) == (world.cell1, world.org_a)


def test_reopening_only_within_the_window(world, category, settings):
    settings.DANVAN_CONCERN_REOPEN_DAYS = 10
    concern = raise_concern(world, category)
    concern = services.concern_answer(actor=world.secretary, concern=concern, answer="Đã sửa.", today=D(2026, 5, 4))
    concern = services.concern_rate(actor=world.secretary, concern=concern, rating="not")
    assert concern.status == ConcernStatus.ANSWERED and concern.rating == "not"
    with pytest.raises(ValidationError, match="10"):
        services.concern_reopen(actor=world.secretary, concern=concern, reason="Vẫn nóng", today=D(2026, 5, 15), cal=CAL)
    concern = services.concern_reopen(actor=world.secretary, concern=concern, reason="Vẫn nóng", today=D(2026, 5, 14), cal=CAL)
    assert concern.status == ConcernStatus.IN_PROGRESS and concern.rating == ""


def test_overdue_concerns_go_up_the_tree_one_level_at_a_time(world, category, settings):
    settings.DANVAN_CONCERN_ESCALATE_AFTER = 3
    concern = raise_concern(world, category)  # due 14/5/2026
    told = []

    def run(day):
        return services.escalate_overdue(today=day, cal=CAL, notify_org=lambda org, c: told.append(org))

    assert run(D(2026, 5, 18)) == 0  # two working days overdue
    assert run(D(2026, 5, 19)) == 1 and told == [world.org_a]
    assert run(D(2026, 5, 20)) == 0
    assert run(D(2026, 5, 22)) == 1 and told == [world.org_a, world.root]
    assert run(D(2026, 5, 28)) == 0  # the top of the tree
    concern.refresh_from_db()
    assert concern.escalated_to == world.root


def test_anonymous_stays_anonymous_in_the_record_the_events_and_the_audit(world, category):
    concern = raise_concern(world, category, raiser="anonymous", person=world.person1, citizen_name="Tên lộ")
    assert concern.person is None and concern.citizen_name == "" and concern.raised_by_text() in ("Ẩn danh", "Anonymous")
    services.concern_answer(actor=world.secretary, concern=concern, answer="Đã xem xét.", today=D(2026, 5, 4))
    assert not ConcernEvent.objects.filter(concern=concern, actor__isnull=False).exists()
    entries = AuditEntry.objects.filter(object_type="concerns.concern", object_id=str(concern.pk))
    assert entries.exists() and not entries.filter(actor__isnull=False).exists()
    assert not any("Nguyễn Văn Một" in str(e.changes) or "Tên lộ" in str(e.changes) for e in entries)


def test_bad_input_is_refused_and_writes_nothing(world, category):
    from danvan.concerns.models import Concern

    for kwargs in ({"title": " "}, {"raiser": "citizen"}, {"org": world.outside_cell}, {"channel": "pigeon"}):
        with pytest.raises(ValidationError):
            raise_concern(world, category, **kwargs)
    assert not Concern.objects.exists()
