"""Every view, refused from outside the user's subtree (404, as if missing) and for missing
rights (403). The table must name every URL of the project: adding a view without a row here
fails `test_every_view_has_a_scoping_row`."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from danvan.accounts.models import RoleGrant
from tests.conftest import login


@dataclass(frozen=True)
class Case:
    target: str  # how to find the object in the world: "org:cell1", "person:person1", "membership", "grant"
    allowed: str  # a persona who may use the view
    denied: str | None  # a persona inside the subtree without the right (403), if any role lacks it
    method: str = "get"


CASES = {
    "orgs:detail": Case("org:cell1", "secretary", None),
    "orgs:children": Case("org:org_a", "officer", None),
    "orgs:counts": Case("org:org_a", "observer", None),
    "orgs:export": Case("org:cell1", "observer", None),
    "orgs:create_child": Case("org:cell1", "admin", "secretary"),
    "orgs:edit": Case("org:cell1", "admin", "secretary"),
    "orgs:move": Case("org:cell1", "admin", "officer"),
    "orgs:merge": Case("org:cell1", "admin", "observer"),
    "orgs:split": Case("org:cell1", "admin", "secretary"),
    "orgs:dissolve": Case("org:cell1", "admin", "secretary"),
    "orgs:import": Case("org:cell1", "secretary", "observer"),
    "orgs:person_create": Case("org:cell1", "secretary", "officer"),
    "orgs:person": Case("person:person1", "observer", None),
    "orgs:person_edit": Case("person:person1", "secretary", "observer"),
    "orgs:membership_add": Case("person:person1", "secretary", "officer"),
    "orgs:membership_end": Case("membership", "secretary", "observer"),
    "accounts:roles": Case("org:cell1", "admin", "secretary"),
    "accounts:role_revoke": Case("grant", "admin", "secretary", method="post"),
    "accounts:account_create": Case("person:person2", "admin", "officer"),
    "documents:upload": Case("org:cell1", "secretary", "observer"),
    "documents:detail": Case("document", "observer", None),
    "documents:progress": Case("document", "observer", None),
    "documents:download": Case("document", "observer", None),
    "documents:review": Case("document", "secretary", "observer", method="post"),
    "documents:retry": Case("document", "secretary", "observer", method="post"),
    "programs:detail": Case("program", "observer", None),
    "rollup:matrix": Case("program", "observer", None),
    "programs:new": Case("org:root", "admin", "observer"),
    "programs:edit": Case("program", "admin", "observer"),
    "programs:task_new": Case("program", "admin", "observer"),
    "programs:task_edit": Case("task", "admin", "observer"),
    "rollup:obligations": Case("program", "observer", None),
    "activities:obligation": Case("obligation", "observer", None),
    "programs:generation": Case("program", "observer", None),
    "programs:from_document": Case("document", "admin", "secretary", method="post"),
    "programs:adoption": Case("adoption", "secretary", None),
    "programs:cascade": Case("root_adoption", "admin", "observer", method="post"),
    "programs:todo": Case("org:cell1", "observer", None),
    "rollup:dashboard": Case("org:org_a", "observer", None),
    "programs:waive": Case("obligation", "admin", "secretary", method="post"),
    "activities:create": Case("org:cell1", "secretary", "observer"),
    "activities:list": Case("org:cell1", "observer", None),
    "activities:detail": Case("activity", "observer", None),
    "activities:attach": Case("activity", "secretary", "observer", method="post"),
    "activities:file": Case("activity_file", "observer", None),
    "reports:cycle_new": Case("org:cell1", "secretary", "observer"),
    "reports:letterhead": Case("org:cell1", "admin", "secretary"),
    "reports:cycle": Case("cycle", "observer", None),
    "reports:report": Case("report", "observer", None),
    "reports:consolidation": Case("report", "observer", None),
    "reports:save": Case("report", "secretary", "observer", method="post"),
    "reports:submit": Case("report", "secretary", "observer", method="post"),
    "reports:return": Case("report", "officer", "secretary", method="post"),
    "reports:correct": Case("report", "secretary", "observer", method="post"),
    "reports:docx": Case("report", "observer", None),
    "reports:pdf": Case("report", "observer", None),
    "reports:version": Case("report_version", "observer", None),
    "registry:outgoing": Case("org:cell1", "observer", None),
    "registry:issue": Case("org:cell1", "secretary", "observer"),
    "registry:incoming": Case("org:cell1", "observer", None),
    "registry:receive": Case("org:cell1", "secretary", "observer"),
    "registry:terms": Case("org:cell1", "admin", "secretary"),
    "registry:outgoing_detail": Case("outgoing", "observer", None),
    "registry:outgoing_file": Case("outgoing", "observer", None),
    "registry:distribute": Case("outgoing", "secretary", "observer", method="post"),
    "registry:remind": Case("outgoing", "secretary", "observer", method="post"),
    "registry:cancel": Case("outgoing", "secretary", "observer", method="post"),
    "registry:incoming_detail": Case("incoming", "observer", None),
    "registry:acknowledge": Case("incoming", "secretary", "observer", method="post"),
    "registry:report_issue": Case("report", "secretary", "observer", method="post"),
    "concerns:list": Case("org:cell1", "observer", None),
    "concerns:new": Case("org:cell1", "secretary", "observer"),
    "concerns:detail": Case("concern", "observer", None),
    "concerns:act": Case("concern", "secretary", "observer", method="post"),
    "concerns:commitments": Case("org:cell1", "observer", None),
    "concerns:session_commitments": Case("activity", "observer", None),
    "concerns:commitment_add": Case("activity", "secretary", "observer", method="post"),
    "concerns:commitment_close": Case("commitment", "secretary", "observer", method="post"),
    "concerns:disclosures": Case("org:cell1", "observer", None),
    "concerns:disclosure_proof": Case("disclosure", "observer", None),
    "concerns:democracy": Case("org:cell1", "observer", None),
    "concerns:board_elect": Case("org:cell1", "secretary", "observer", method="post"),
    "concerns:board_member_add": Case("board", "secretary", "observer", method="post"),
    "concerns:board_report_add": Case("board", "secretary", "observer", method="post"),
    "concerns:board_report_file": Case("board_report", "observer", None),
    "concerns:conference": Case("conference_activity", "observer", None),
    "concerns:conference_file": Case("conference", "observer", None),
    "concerns:findings": Case("supervision", "observer", None),
    "concerns:finding_add": Case("supervision", "secretary", "observer", method="post"),
    "concerns:finding_close": Case("finding", "secretary", "observer", method="post"),
    "inspections:plan": Case("org:cell1", "secretary", "observer"),
    "inspections:subjects": Case("org:cell1", "secretary", "observer"),
    "inspections:notice_issue": Case("inspection", "secretary", "observer", method="post"),
    "inspections:notice": Case("inspection", "observer", None),
    "emulation:org": Case("org:cell1", "observer", None),
    "emulation:practice_new": Case("org:cell1", "secretary", "observer"),
    "emulation:nominate_person": Case("org:cell1", "secretary", "observer", method="post"),
    "emulation:campaign": Case("campaign", "observer", None),
    "emulation:campaign_edit": Case("campaign", "secretary", "observer"),
    "emulation:council_add": Case("campaign", "secretary", "observer", method="post"),
    "emulation:commend": Case("campaign", "secretary", "observer", method="post"),
    "emulation:practice": Case("practice", "observer", None),
    "emulation:practice_edit": Case("practice", "secretary", "observer"),
    "emulation:progress_add": Case("practice", "secretary", "observer", method="post"),
    "emulation:review": Case("practice", "secretary", "observer", method="post"),
    "emulation:nominate_practice": Case("practice", "secretary", "observer", method="post"),
    "emulation:nomination": Case("nomination", "observer", None),
    "emulation:score": Case("nomination", "secretary", "observer", method="post"),
    "emulation:certificate": Case("nomination", "observer", None),
    "emulation:evidence": Case("evidence", "observer", None),
    "concerns:disclosure_edit": Case("disclosure", "secretary", "observer"),
    "concerns:disclosure_remove": Case("disclosure", "secretary", "observer", method="post"),
    "concerns:commitment_edit": Case("commitment", "secretary", "observer"),
    "concerns:commitment_remove": Case("commitment", "secretary", "observer", method="post"),
    "concerns:finding_edit": Case("finding", "secretary", "observer"),
    "concerns:finding_remove": Case("finding", "secretary", "observer", method="post"),
    "concerns:board_edit": Case("board", "secretary", "observer"),
    "concerns:board_member_edit": Case("board_member", "secretary", "observer", method="post"),
    "concerns:board_member_remove": Case("board_member", "secretary", "observer", method="post"),
    "concerns:mass": Case("org:cell1", "observer", None),
    "members:tasks": Case("org:cell1", "observer", None),
    "members:task": Case("member_task", "observer", None),
    "members:in_charge": Case("org:cell1", "observer", None),
    "members:tasks_import": Case("org:cell1", "secretary", "observer", method="post"),
    "members:coverage": Case("org:cell1", "observer", None),
    "press:items": Case("org:cell1", "observer", None),
    "press:file": Case("press_item", "observer", None),
    "inspections:list": Case("org:cell1", "observer", None),
    "inspections:recommendations": Case("org:cell1", "observer", None),
    "inspections:detail": Case("inspection", "observer", None),
    "inspections:conclude": Case("inspection", "secretary", "observer", method="post"),
    "inspections:recommend": Case("inspection", "secretary", "observer", method="post"),
    "inspections:report": Case("recommendation", "secretary", "observer", method="post"),
    "inspections:verify": Case("recommendation", "secretary", "observer", method="post"),
}

# Views with no object in the URL: they list what the user may see (tested below for leaks).
LISTS = {
    "home",
    "orgs:tree",
    "orgs:pick",
    "orgs:people",
    "audit",
    "documents:list",
    "programs:list",
    "programs:my_tasks",
    "programs:pending",
    "activities:calendar",
    "reports:cycles",
    "registry:search",
}
# Views open to anyone or about the signed-in user only.
OPEN = {
    "healthz",
    "set_language",
    "accounts:login",
    "accounts:logout",
    "accounts:totp_setup",
    "accounts:totp_verify",
    "accounts:password_change",
    "accounts:tokens",
    "accounts:notifications",
    "activities:calendar_feed",  # no session: an API token in the address, tested in tests/programs/test_calendar.py,
}


def _names(resolver=None, namespace=None):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in ("admin", "api"):
                continue  # Django's admin; the API has its own table in test_api.py
            ns = pattern.namespace or namespace
            yield from _names(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_view_has_a_scoping_row():
    names = set(_names())
    missing = names - set(CASES) - LISTS - OPEN
    assert not missing, f"views without a scoping test: {sorted(missing)}"


def _url(world, name, case: Case) -> str:
    kind, _, attr = case.target.partition(":")
    if kind in ("org", "person"):
        pk = getattr(world, attr).pk
    elif kind == "membership":
        pk = world.person1.memberships.get().pk
    elif kind == "document":
        pk = _document(world).pk
    elif kind in (
        "program",
        "adoption",
        "root_adoption",
        "obligation",
        "activity",
        "activity_file",
        "task",
        "cycle",
        "report",
        "report_version",
        "outgoing",
        "incoming",
        "concern",
        "commitment",
        "disclosure",
        "board",
        "board_report",
        "board_member",
        "conference",
        "conference_activity",
        "supervision",
        "finding",
        "member_task",
        "press_item",
        "inspection",
        "recommendation",
    ):
        pk = _program_objects(world)[kind].pk
    elif kind in ("campaign", "practice", "nomination", "evidence"):
        pk = _emulation_objects(world)[kind].pk
    else:
        pk = RoleGrant.objects.get(user=world.secretary).pk
    return reverse(name, kwargs={"pk": pk})


def _document(world):
    from django.core.files.base import ContentFile

    from danvan.documents.models import Document, DocumentStatus
    from danvan.parsing import parse_text

    document = Document(
        org=world.cell1, name="tb.txt", size=10, sha256="0" * 64, status=DocumentStatus.TO_REVIEW, parsed=parse_text("THÔNG BÁO").to_dict()
    )
    document.file.save("tb.txt", ContentFile(b"THONG BAO"), save=False)
    document.save()
    return document


def _program_objects(world) -> dict:

    from danvan.activities.services import activity_record
    from danvan.parsing import parse_file
    from danvan.programs import services
    from danvan.programs.models import Adoption, Obligation
    from tests.parsing.conftest import SEED

    program = services.program_create(actor=world.admin, org=world.root, data=parse_file(SEED).to_dict())
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1])
    adoption = services.adoption_adopt(actor=world.secretary, adoption=Adoption.objects.get(org=world.cell1))
    from django.core.files.uploadedfile import SimpleUploadedFile

    activity = activity_record(
        actor=world.secretary,
        org=world.cell1,
        kind="press",
        title="Tin bài",
        held_on=timezone.localdate(),
        tasks=[],
        files=[SimpleUploadedFile("ảnh.jpg", b"JPEG")],
    )
    # A cycle of the cell's own (nobody beside it sees it), and the cell's report in a cycle of
    # its party organization (consolidated there: the officer above may send it back).
    from danvan.reports import services as report_services

    period = {
        "period_start": timezone.localdate().replace(month=1, day=1),
        "period_end": timezone.localdate(),
        "deadline": timezone.localdate(),
    }
    cycle = report_services.cycle_open(actor=world.secretary, org=world.cell1, kind="year", title="Tổng kết", programs=[program], **period)
    wide = report_services.cycle_open(actor=world.admin, org=world.org_a, kind="year", title="Tổng kết A", programs=[program], **period)
    report = report_services.report_save(actor=world.secretary, report=wide.reports.get(org=world.cell1), text={"results": "Đã làm"})
    # The cell's own outgoing document (with its file), and one its party organization sent it.
    from danvan import access
    from danvan.registry import services as registry

    for org in (world.cell1, world.org_a):
        registry.term_create(actor=None, org=org, name="2025–2030", start=timezone.localdate().replace(month=1, day=1))
    outgoing = registry.outgoing_issue(
        actor=world.secretary, org=world.cell1, type_code="TB", title="Thông báo", issued_on=timezone.localdate(),
        file=SimpleUploadedFile("thong-bao.pdf", b"%PDF-1.4"),
    )  # fmt: skip
    sent = registry.outgoing_issue(actor=None, org=world.org_a, type_code="CV", title="Công văn", issued_on=timezone.localdate())
    received = registry.distribute(actor=None, outgoing=sent, orgs=[world.cell1], recorders=access.recorders_of)[0].incoming
    from danvan.concerns import services as concerns
    from danvan.concerns.models import Category
    from danvan.lib.workdays import Calendar

    concern = concerns.concern_receive(
        actor=world.secretary, origin=world.cell1, channel="dialogue", raiser="anonymous", category=Category.objects.first(),
        title="Phòng nóng", text="Điều hòa hỏng", received_on=timezone.localdate(), cal=Calendar(),
    )  # fmt: skip
    # A work session of the cell with its trade union's executive committee, and a commitment made there.
    from danvan.activities.services import activity_record as record
    from danvan.orgs.services import org_create

    union = org_create(
        actor=None, parent=world.cell1, name="Công đoàn Phòng 1", kind="trade_union", code="A1-CD", founded_on=timezone.localdate()
    )
    session = record(
        actor=world.secretary,
        org=world.cell1,
        kind="work_session",
        title="Làm việc với BCH Công đoàn",
        held_on=timezone.localdate(),
        tasks=[],
    )
    commitment = concerns.commitment_add(actor=world.secretary, activity=session, org=union, text="Tổ chức tham quan")
    from danvan.concerns.models import DisclosureItem

    item = DisclosureItem.objects.get_or_create(name="Kế hoạch công tác năm của cơ quan, đơn vị")[0]
    disclosure = concerns.disclosure_record(
        actor=world.secretary, org=world.cell1, item=item, form="posted", disclosed_on=timezone.localdate(), posted_days=30,
        proof=SimpleUploadedFile("thong-bao.jpg", b"JPEG"),
    )  # fmt: skip
    # The staff conference with its resolution, the board it elected with a report, and a supervision's finding.
    from danvan.concerns import democracy

    held = record(
        actor=world.secretary, org=world.cell1, kind="staff_conference", title="Hội nghị CBCCVC", held_on=timezone.localdate(), tasks=[]
    )
    conference = democracy.conference_record(
        actor=world.secretary, activity=held, resolution="Nghị quyết", resolution_file=SimpleUploadedFile("nq.pdf", b"%PDF-1.4")
    )
    board = democracy.board_elect(
        actor=world.secretary,
        org=world.cell1,
        term_start=timezone.localdate(),
        term_end=timezone.localdate().replace(year=timezone.localdate().year + 2),
        conference=conference,
    )
    board_member = democracy.board_member_add(actor=world.secretary, board=board, person=world.person1, role="head")
    board_report = democracy.board_report_add(
        actor=world.secretary, board=board, reported_on=timezone.localdate(), text="Báo cáo", file=SimpleUploadedFile("bc.pdf", b"%PDF-1.4")
    )
    supervision = record(
        actor=world.secretary, org=world.cell1, kind="democracy_supervision", title="Giám sát", held_on=timezone.localdate(), tasks=[]
    )
    finding = democracy.finding_add(actor=world.secretary, activity=supervision, text="Chưa niêm yết")
    # The secretary's own dân vận task for the year.
    from danvan.members.services import tasks_assign
    from danvan.orgs.models import Person

    Person.objects.filter(pk=world.person1.pk).update(party_joined_on=dt.date(2005, 5, 19))
    tasks_assign(
        actor=world.secretary,
        org=world.cell1,
        year=timezone.localdate().year,
        person_ids=[world.person1.pk],
        text="Tuyên truyền",
        place="workplace",
        today=timezone.localdate(),
    )
    member_task = world.person1.member_tasks.get()
    from danvan.press.services import press_record

    press_item = press_record(
        actor=world.secretary,
        org=world.cell1,
        title="Tin dân vận",
        outlet="Bản tin",
        published_on=timezone.localdate(),
        kind="article",
        file=SimpleUploadedFile("tin.pdf", b"%PDF-1.4"),
    )
    # The cell inspects the trade union under it; its recommendation goes to the union.
    from danvan.inspections import services as inspections

    inspection = inspections.inspection_plan(
        actor=world.secretary, org=world.cell1, kind="inspection", title="Kiểm tra", scope="Dân vận", subjects=[union],
        starts_on=timezone.localdate(), ends_on=timezone.localdate(),
    )  # fmt: skip
    recommendation = inspections.recommendation_add(actor=world.secretary, inspection=inspection, org=union, text="Khắc phục")
    inspections.inspection_conclude(
        actor=world.secretary, inspection=inspection, findings="Tốt", conclusion="Tốt", concluded_on=timezone.localdate()
    )
    return {
        "inspection": inspection,
        "recommendation": recommendation,
        "press_item": press_item,
        "member_task": member_task,
        "board": board,
        "board_report": board_report,
        "board_member": board_member,
        "conference": conference,
        "conference_activity": held,
        "supervision": supervision,
        "finding": finding,
        "disclosure": disclosure,
        "commitment": commitment,
        "concern": concern,
        "outgoing": outgoing,
        "incoming": received,
        "cycle": cycle,
        "report": report,
        "report_version": report.versions.get(),
        "program": program,
        "adoption": adoption,
        "root_adoption": Adoption.objects.get(org=world.root),
        "obligation": Obligation.objects.filter(org=world.cell1).first(),
        "activity": activity,
        "activity_file": activity.files.get(),
        "task": program.tasks.first(),
    }


def _emulation_objects(world) -> dict:
    """The cell's own "Dân vận khéo" campaign: a model with a photo, nominated, scored by the
    secretary on the council and commended by a decision in the cell's register."""
    from danvan.emulation import services as emulation
    from tests.emulation.conftest import PRACTICE
    from tests.emulation.test_services import _jpeg

    today = timezone.localdate()
    year_end = dt.date(today.year, 12, 31)
    campaign = emulation.campaign_create(
        actor=world.secretary, org=world.cell1, year=today.year, title="Dân vận khéo", register_until=year_end, review_by=year_end
    )
    practice = emulation.practice_register(
        actor=world.secretary, campaign=campaign, org=world.cell1, today=today, **{**PRACTICE, "starts_on": today, "ends_on": year_end}
    )
    progress = emulation.progress_add(actor=world.secretary, practice=practice, reported_on=today, text="Đã làm", files=[_jpeg()])
    nomination = emulation.nominate(actor=world.secretary, campaign=campaign, practice=practice, achievements="Tốt")
    from tests.conftest import make_person

    chair = make_person(world.root, "Hoàng Văn Chủ")  # of the committee above: not of the cell it scores
    member = emulation.council_appoint(actor=world.secretary, campaign=campaign, person=chair, role="chair")
    emulation.council_appoint(actor=world.secretary, campaign=campaign, person=world.person1)
    emulation.score(actor=None, member=member, nomination=nomination, points=[20, 20, 20, 15])
    from danvan.registry.selectors import term_on
    from danvan.registry.services import term_create

    if term_on(world.cell1, today) is None:
        term_create(actor=world.secretary, org=world.cell1, name="2025–2030", start=dt.date(2025, 1, 1))
    emulation.commend(actor=world.secretary, campaign=campaign, nominations=[nomination], issued_on=today, signer="Nguyễn Văn Một",
                      signer_position="Bí thư")  # fmt: skip
    return {"campaign": campaign, "practice": practice, "nomination": nomination, "evidence": progress.evidence.get()}


def _request(client, case, url):
    return client.post(url) if case.method == "post" else client.get(url)


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_view_is_scoped(world, name):
    """One world per view, five people at its door: an outsider and a member of the sibling cell
    Chi bộ Phòng 2 find nothing there (404, as if missing: every object of Chi bộ Phòng 1 and above
    is outside their subtree); an anonymous visitor is sent to the login page; a user inside the
    subtree without the right is refused (403); the one who may use it gets through."""
    case = CASES[name]
    url = _url(world, name, case)
    assert _request(login(world.outsider), case, url).status_code == 404, "an outsider"
    if case.target != "person:person2":  # the sibling's own person is inside their subtree
        assert _request(login(world.sibling_member), case, url).status_code == 404, "a member of the sibling cell"
    anonymous = _request(login.__globals__["Client"](), case, url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login")), "an anonymous visitor"
    if case.denied is not None:
        assert _request(login(getattr(world, case.denied)), case, url).status_code == 403, case.denied
    response = _request(login(getattr(world, case.allowed)), case, url)  # last: a post may write
    if case.method == "post":
        assert response.status_code in (302, 400)  # done, or an empty form refused on its merits
    else:
        assert response.status_code == 200


def test_missing_objects_answer_like_forbidden_ones(world):
    client = login(world.outsider)
    assert client.get(reverse("orgs:detail", kwargs={"pk": 999999})).status_code == 404
    assert client.get(reverse("orgs:detail", kwargs={"pk": world.cell1.pk})).status_code == 404


def test_it_rejects_members_of_other_cells(world):
    client = login(world.sibling_member)
    assert client.get(reverse("orgs:detail", kwargs={"pk": world.cell2.pk})).status_code == 200
    assert client.get(reverse("orgs:detail", kwargs={"pk": world.cell1.pk})).status_code == 404
    assert client.get(reverse("orgs:person", kwargs={"pk": world.person1.pk})).status_code == 404


def test_write_views_refuse_get_only_methods(world):
    client = login(world.admin)
    grant = RoleGrant.objects.get(user=world.secretary)
    assert client.get(reverse("accounts:role_revoke", kwargs={"pk": grant.pk})).status_code == 405
    assert client.post(reverse("orgs:detail", kwargs={"pk": world.cell1.pk})).status_code == 405


def _outside_objects(world):
    """The outsider's own program, sent to their cell, with a task Phạm Ngoài answers for."""
    from danvan.programs import services
    from danvan.programs.models import Adoption

    program = services.program_create_by_hand(
        actor=world.outsider,
        org=world.outside,
        title="Kế hoạch Ngoài",
        number="9-KH/NGOAI",
        valid_from=timezone.localdate().replace(month=1, day=1),
    )
    task = services.task_save(
        actor=world.outsider, program=program, ref="1", text="Việc của Ngoài", cadence=[{"per": "month"}], actor_kinds=["cell"]
    )
    services.program_cascade(actor=world.outsider, program=program, from_org=world.outside, targets=[world.outside_cell])
    adoption = Adoption.objects.get(program=program, org=world.outside_cell)
    services.adoption_adopt(actor=world.outsider, adoption=adoption, choices={task.pk: {"responsible_id": world.outsider_person.pk}})
    return program


# What each list shows the outsider of their own data: the list is not simply empty.
OWN = {
    "programs:list": "9-KH/NGOAI",
    "programs:my_tasks": "Việc của Ngoài",
    "activities:calendar": "việc chưa xong ở Đảng ủy Ngoài",  # a figure for the subtree it oversees
    "orgs:tree": "Đảng ủy Ngoài",
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_lists_show_nothing_from_outside(world, name):
    """Data on both sides of the boundary: the world's program, obligations, activity and files,
    and the outsider's own; the outsider's lists show theirs and nothing of the world's."""
    _program_objects(world)
    _outside_objects(world)
    client = login(world.outsider)
    params = {"q": "chi bo", "code": "chi bo"}
    response = client.get(reverse(name), params if name != "orgs:tree" else {})
    assert response.status_code == 200
    body = response.content.decode()
    for foreign in ("Chi bộ Phòng 1", "Nguyễn Văn Một", "Đảng ủy Khối Thử nghiệm", "754-CT/ĐU", "Tin bài"):
        assert foreign not in body
    if name in OWN:
        assert OWN[name] in body


def test_audit_trail_needs_an_administrator(world):
    assert login(world.observer).get(reverse("audit")).status_code == 403
    assert login(world.admin).get(reverse("audit")).status_code == 200


def test_audit_trail_shows_only_the_admins_subtree(world):
    body = login(world.outsider).get(reverse("audit")).content.decode()
    assert "Chi bộ Ngoài" in body
    assert "Chi bộ Phòng 1" not in body


def test_moving_under_an_org_outside_the_subtree_is_refused(world):
    client = login(world.admin)
    response = client.post(reverse("orgs:move", kwargs={"pk": world.cell1.pk}), {"code": "OUT", "on": "01/01/2024"})
    assert response.status_code == 200
    world.cell1.refresh_from_db()
    assert world.cell1.path.startswith(world.org_a.path)
