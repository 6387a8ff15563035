import datetime as dt

from django.core.management import call_command

from danvan.demo.loader import ROOT_CODE, load_demo
from danvan.demo.program import NOT_ADOPTED, load_demo_program
from danvan.documents.models import DocumentStatus
from danvan.orgs.models import PARTY_KINDS, Org
from danvan.programs.models import AdoptionStatus, Obligation, Program


def test_the_seed_program_is_loaded_once_and_sent_to_every_demo_party_org(db, django_capture_on_commit_callbacks):
    load_demo()
    with django_capture_on_commit_callbacks(execute=True):
        program = load_demo_program()
    assert program is not None
    assert program.number == "754-CT/ĐU" and program.tasks.count() == 19
    assert program.document.status == DocumentStatus.REVIEWED
    party = Org.objects.filter(kind__in=PARTY_KINDS).count()
    assert program.adoptions.count() == party
    waiting = set(program.adoptions.filter(status=AdoptionStatus.SENT).values_list("org__code", flat=True))
    assert waiting == set(NOT_ADOPTED)
    # Every org that received it owes the current year's obligations, adopted or not.
    assert Obligation.objects.filter(task__program=program).values("org").distinct().count() == party
    assert load_demo_program() is None
    assert Program.objects.count() == 1


def test_nothing_is_loaded_without_the_demo_tree(db):
    assert load_demo_program() is None
    assert not Program.objects.exists()


def test_the_demo_command_says_it_loaded_the_program(db, capsys):
    call_command("demo")
    assert "754-CT/ĐU" in capsys.readouterr().out
    assert Org.objects.get(code=ROOT_CODE).programs.count() == 1


def test_the_demo_opens_a_reporting_cycle_once(db, capsys):
    from danvan.reports.models import Cycle

    call_command("demo")
    cycle = Cycle.objects.get()
    assert cycle.org.code == ROOT_CODE and cycle.reports_count == Org.objects.filter(kind__in=PARTY_KINDS).count()
    assert "Sơ kết" in cycle.title or "Tổng kết" in cycle.title
    call_command("demo")
    assert Cycle.objects.count() == 1


def test_the_demo_committee_can_number_what_it_issues(db):
    import datetime as dt

    from danvan.registry.services import outgoing_issue

    call_command("demo")
    root = Org.objects.get(code=ROOT_CODE)
    assert outgoing_issue(actor=None, org=root, type_code="TB", title="Thông báo", issued_on=dt.date(2026, 3, 2)).number == "01-TB/ĐU"
    call_command("demo")  # idempotent


def test_the_demo_has_concerns_once(db):
    from danvan.concerns.models import Concern

    call_command("demo")
    assert Concern.objects.count() == 5 and Concern.objects.filter(raiser="anonymous", person__isnull=True).count() == 1
    assert Concern.objects.filter(events__kind="referred").exists() and Concern.objects.filter(rating="satisfied").exists()
    call_command("demo")
    assert Concern.objects.count() == 5


def test_the_demo_has_a_year_of_grassroots_democracy_once(db):
    from danvan.concerns.models import BoardMember, Commitment, Disclosure, DisclosureItem, Finding, InspectionBoard, MemberCount
    from danvan.concerns.selectors import missing_disclosures
    from danvan.orgs.models import OrgKind

    call_command("demo")
    agencies = Org.objects.filter(kind=OrgKind.AGENCY, is_demo=True)
    assert InspectionBoard.objects.count() == agencies.count() > 0 and BoardMember.objects.filter(role="head").count() == agencies.count()
    assert all(missing_disclosures(a, Disclosure.objects.filter(org=a).first().year) == 2 for a in agencies)
    assert DisclosureItem.objects.count() > 2
    assert Finding.objects.filter(done_on__isnull=True).exists() and Finding.objects.filter(done_on__isnull=False).exists()
    assert Commitment.objects.filter(done_on__isnull=True).exists() and MemberCount.objects.exists()
    boards = InspectionBoard.objects.count()
    call_command("demo")
    assert InspectionBoard.objects.count() == boards


def test_the_demo_cells_give_their_members_tasks_once(db):
    from django.utils import timezone

    from danvan.members import counters
    from danvan.members.models import MemberTask

    call_command("demo")
    year = timezone.localdate().year
    assert MemberTask.objects.filter(year=year).count() > 10
    assert (
        MemberTask.objects.filter(acknowledged_on__isnull=False).exists()
        and MemberTask.objects.filter(acknowledged_on__isnull=True).exists()
    )
    assert counters.reconcile() == []
    count = MemberTask.objects.count()
    call_command("demo")
    assert MemberTask.objects.count() == count


def test_the_demo_has_press_items_once(db):
    from danvan.press.models import PressItem

    call_command("demo")
    call_command("demo")
    assert PressItem.objects.count() == 3 and all("dữ liệu mẫu" in t for t in PressItem.objects.values_list("title", flat=True))


def test_the_demo_has_a_supervision_followed_up_once(db):
    from danvan.inspections.models import Inspection, Recommendation
    from danvan.rollup import open_items

    call_command("demo")
    call_command("demo")
    assert Inspection.objects.count() == 1 and Inspection.objects.get().status == "concluded"
    assert sorted(Recommendation.objects.values_list("status", flat=True)) == ["closed", "open", "reported"]
    assert open_items.reconcile() == []


def test_the_demo_has_a_dan_van_kheo_campaign_once(db):
    import time_machine

    from danvan.emulation.counters import COUNTER
    from danvan.emulation.models import Campaign, Nomination, Practice

    with time_machine.travel(dt.datetime(2026, 12, 1, 3, tzinfo=dt.UTC), tick=False):
        call_command("demo")
        call_command("demo")
    campaign = Campaign.objects.get()
    assert "dữ liệu mẫu" in campaign.title and campaign.decision is not None and campaign.decision.number.endswith("-QĐ/ĐU")
    assert Practice.objects.count() == 3 and Practice.objects.filter(replicated=True).count() == 1
    assert list(Nomination.objects.values_list("status", flat=True).order_by("pk")) == ["commended", "not_commended"]
    assert COUNTER.reconcile() == []
