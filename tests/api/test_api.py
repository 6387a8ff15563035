"""The HTTP API: an OpenAPI document that validates, token authentication, the same scoping as
the views. The table names every operation; a new one without a row fails the first test."""

import datetime as dt
import json
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone
from openapi_spec_validator import validate

from danvan.accounts.services import token_create
from danvan.api.api import api
from danvan.documents.models import Document, DocumentStatus
from danvan.parsing import parse_file
from danvan.programs import services
from danvan.programs.models import Adoption, Obligation, Program
from tests.parsing.conftest import SEED


@dataclass(frozen=True)
class Op:
    method: str
    path: str  # with {placeholders} filled from the objects below
    allowed: str
    denied: str | None
    body: dict | None = None
    ok: int = 200


OPS = {
    "list_programs": Op("get", "/api/programs", "observer", None),
    "create_program": Op("post", "/api/programs", "admin", "observer", {"document_id": "{document}"}, 201),
    "get_program": Op("get", "/api/programs/{program}", "observer", None),
    "get_task": Op("get", "/api/tasks/{task}", "observer", None),
    "cascade": Op("post", "/api/programs/{program}/cascade", "admin", "observer", {"from_org_id": "{root}", "org_ids": ["{cell2}"]}),
    "list_adoptions": Op("get", "/api/programs/{program}/adoptions", "observer", None),
    "get_adoption": Op("get", "/api/adoptions/{adoption}", "observer", None),
    "adopt": Op("post", "/api/adoptions/{adoption}/adopt", "secretary", "observer", {"tasks": []}),
    "list_obligations": Op("get", "/api/orgs/{cell1}/obligations", "observer", None),
    "waive": Op("post", "/api/obligations/{obligation}/waive", "admin", "secretary", {"reason": "Miễn"}),
    "create_activity": Op(
        "post",
        "/api/activities",
        "secretary",
        "observer",
        {"org_id": "{cell1}", "kind": "press", "title": "Tin bài", "held_on": "{today}"},
        201,
    ),
    "get_activity": Op("get", "/api/activities/{activity}", "observer", None),
    "list_activities": Op("get", "/api/orgs/{cell1}/activities", "observer", None),
    "list_cycles": Op("get", "/api/cycles", "observer", None),
    "open_cycle": Op(
        "post",
        "/api/orgs/{cell1}/cycles",
        "secretary",
        "observer",
        {
            "kind": "year",
            "title": "Tổng kết",
            "program_ids": ["{program}"],
            "period_start": "{today}",
            "period_end": "{today}",
            "deadline": "{today}",
        },
        201,
    ),
    "get_cycle": Op("get", "/api/cycles/{cycle}", "observer", None),
    "list_reports": Op("get", "/api/cycles/{cycle}/reports", "observer", None),
    "get_report": Op("get", "/api/reports/{report}", "observer", None),
    "save_report": Op("put", "/api/reports/{report}/text", "secretary", "observer", {"results": "Đã họp"}),
    "submit_report": Op("post", "/api/reports/{draft}/submit", "secretary", "observer"),
    "return_report": Op("post", "/api/reports/{filed}/return", "officer", "secretary", {"comment": "Bổ sung"}),
    "correct_report": Op("post", "/api/reports/{filed}/correct", "secretary", "observer", {"text": {"results": "Sửa"}, "reason": "Sai số"}),
    "list_versions": Op("get", "/api/reports/{report}/versions", "observer", None),
    "list_outgoing": Op("get", "/api/orgs/{cell1}/outgoing", "observer", None),
    "issue_outgoing": Op(
        "post",
        "/api/orgs/{cell1}/outgoing",
        "secretary",
        "observer",
        {"type_code": "TB", "title": "Thông báo", "issued_on": "{today}"},
        201,
    ),
    "get_outgoing": Op("get", "/api/outgoing/{outgoing}", "observer", None),
    "cancel_outgoing": Op("post", "/api/outgoing/{outgoing}/cancel", "secretary", "observer", {"reason": "Nhầm"}),
    "distribute": Op("post", "/api/outgoing/{sent}/distribute", "officer", "observer", {"org_ids": ["{cell2}"]}),
    "list_distribution": Op("get", "/api/outgoing/{sent}/distribution", "observer", None),
    "list_incoming": Op("get", "/api/orgs/{cell1}/incoming", "observer", None),
    "register_incoming": Op(
        "post",
        "/api/orgs/{cell1}/incoming",
        "secretary",
        "observer",
        {"received_on": "{today}", "sender": "Đảng ủy Khối", "title": "Công văn"},
        201,
    ),
    "get_incoming": Op("get", "/api/incoming/{incoming}", "observer", None),
    "acknowledge": Op("post", "/api/incoming/{incoming}/acknowledge", "secretary", "observer", {"read": True}),
    "list_concerns": Op("get", "/api/orgs/{cell1}/concerns", "observer", None),
    "receive_concern": Op(
        "post",
        "/api/orgs/{cell1}/concerns",
        "secretary",
        "observer",
        {
            "channel": "dialogue",
            "raiser": "anonymous",
            "category_id": "{category}",
            "title": "Phòng nóng",
            "text": "Điều hòa hỏng",
            "received_on": "{today}",
        },
        201,
    ),
    "get_concern": Op("get", "/api/concerns/{concern}", "observer", None),
    "act_on_concern": Op("post", "/api/concerns/{concern}/act", "secretary", "observer", {"action": "answer", "note": "Đã sửa"}),
    "concern_figures": Op("get", "/api/orgs/{cell1}/concerns/figures", "observer", None),
    "list_commitments": Op("get", "/api/orgs/{cell1}/commitments", "observer", None),
    "add_commitment": Op(
        "post", "/api/activities/{session}/commitments", "secretary", "observer", {"org_id": "{union}", "text": "Tham quan"}, 201
    ),
    "close_commitment": Op(
        "post", "/api/commitments/{commitment}/close", "secretary", "observer", {"result": "Đã đi", "done_on": "{today}"}
    ),
    "disclosure_checklist": Op("get", "/api/orgs/{cell1}/disclosures", "observer", None),
    "record_disclosure": Op(
        "post",
        "/api/orgs/{cell1}/disclosures",
        "secretary",
        "observer",
        {"item_id": "{item}", "form": "intranet", "disclosed_on": "{today}"},
        201,
    ),
    "list_findings": Op("get", "/api/orgs/{cell1}/findings", "observer", None),
    "add_finding": Op("post", "/api/activities/{supervision}/findings", "secretary", "observer", {"text": "Chưa niêm yết"}, 201),
    "close_finding": Op("post", "/api/findings/{finding}/close", "secretary", "observer", {"result": "Đã niêm yết", "done_on": "{today}"}),
    "list_member_counts": Op("get", "/api/orgs/{union}/member-counts", "observer", None),
    "list_inspections": Op("get", "/api/orgs/{cell1}/inspections", "observer", None),
    "plan_inspection": Op(
        "post",
        "/api/orgs/{cell1}/inspections",
        "secretary",
        "observer",
        {
            "kind": "thematic",
            "title": "Giám sát",
            "scope": "Dân vận",
            "subject_ids": ["{union}"],
            "starts_on": "{today}",
            "ends_on": "{today}",
        },
        201,
    ),  # fmt: skip
    "get_inspection": Op("get", "/api/inspections/{inspection}", "observer", None),
    "conclude_inspection": Op(
        "post",
        "/api/inspections/{inspection}/conclude",
        "secretary",
        "observer",
        {"findings": "Tốt", "conclusion": "Tốt", "concluded_on": "{today}"},
    ),
    "add_recommendation": Op(
        "post", "/api/inspections/{inspection}/recommendations", "secretary", "observer", {"org_id": "{union}", "text": "Sửa"}, 201
    ),
    "report_recommendation": Op("post", "/api/recommendations/{recommendation}/report", "secretary", "observer", {"text": "Đã sửa"}),
    "verify_recommendation": Op("post", "/api/recommendations/{recommendation}/verify", "secretary", "observer", {"accepted": True}, 400),
    "list_boards": Op("get", "/api/orgs/{cell1}/boards", "observer", None),
    "elect_board": Op(
        "post", "/api/orgs/{cell1}/boards", "secretary", "observer", {"term_start": "2026-01-20", "term_end": "2028-01-19"}, 201
    ),
    "update_commitment": Op("put", "/api/commitments/{commitment}", "secretary", "observer", {"text": "Tham quan Huế", "due": "{today}"}),
    "remove_commitment": Op("delete", "/api/commitments/{commitment}", "secretary", "observer", None, 204),
    "update_disclosure": Op(
        "put", "/api/disclosures/{disclosure}", "secretary", "observer", {"form": "writing", "disclosed_on": "{today}"}
    ),
    "remove_disclosure": Op("delete", "/api/disclosures/{disclosure}", "secretary", "observer", None, 204),
    "update_finding": Op("put", "/api/findings/{finding}", "secretary", "observer", {"text": "Chưa niêm yết đủ 30 ngày"}),
    "remove_finding": Op("delete", "/api/findings/{finding}", "secretary", "observer", None, 204),
    "update_board_member": Op("put", "/api/board-members/{board_member}", "secretary", "observer", {"role": "deputy"}),
    "remove_board_member": Op("delete", "/api/board-members/{board_member}", "secretary", "observer", None, 204),
    "list_campaigns": Op("get", "/api/orgs/{cell1}/campaigns", "observer", None),
    "list_practices": Op("get", "/api/campaigns/{campaign}/models", "observer", None),
    "register_practice": Op(
        "post",
        "/api/campaigns/{campaign}/models",
        "secretary",
        "observer",
        {
            "org_id": "{cell1}",
            "name": "Mô hình",
            "field": "culture",
            "problem": "Vấn đề",
            "goals": "Mục tiêu",
            "method": "Cách làm",
            "area": "Tổ 5",
            "forces": "Chi bộ",
            "starts_on": "{today}",
            "ends_on": "{today}",
            "outputs": "Kết quả",
            "sustain": "Duy trì",
        },
        201,
    ),  # fmt: skip
    "list_nominations": Op("get", "/api/campaigns/{campaign}/nominations", "observer", None),
    "score_nomination": Op("post", "/api/nominations/{nomination}/score", "secretary", "observer", {"conflict": True}, 400),
    "update_board": Op("put", "/api/boards/{board}", "secretary", "observer", {"term_start": "2025-12-01", "term_end": "2027-11-30"}),
    "add_board_member": Op("post", "/api/boards/{board}/members", "secretary", "observer", {"person_id": "{person1}", "role": "head"}),
    "list_press": Op("get", "/api/orgs/{cell1}/press", "observer", None),
    "record_press": Op(
        "post",
        "/api/orgs/{cell1}/press",
        "secretary",
        "observer",
        {"title": "Tin dân vận", "outlet": "Bản tin", "published_on": "{today}"},
        201,
    ),
    "list_member_tasks": Op("get", "/api/orgs/{cell1}/member-tasks", "observer", None),
    "member_task_figures": Op("get", "/api/orgs/{cell1}/member-tasks/figures", "observer", None),
    "assign_member_tasks": Op(
        "post",
        "/api/orgs/{cell1}/member-tasks",
        "secretary",
        "observer",
        {"year": 2026, "person_ids": ["{person1}"], "text": "Tuyên truyền"},
    ),
    "get_member_task": Op("get", "/api/member-tasks/{member_task}", "observer", None),
    "acknowledge_member_task": Op("post", "/api/member-tasks/{member_task}/acknowledge", "secretary", "observer"),
    "self_report_member_task": Op("post", "/api/member-tasks/{member_task}/self-report", "secretary", "observer", {"text": "Đã làm"}),
    "assess_member_task": Op("post", "/api/member-tasks/{member_task}/assess", "secretary", "observer", {"assessment": "well"}),
    "record_member_count": Op("post", "/api/orgs/{union}/member-counts", "secretary", "observer", {"on": "{today}", "members": 12}, 201),
}


@pytest.fixture
def objects(world, settings):
    data = parse_file(SEED).to_dict()
    program = services.program_create(actor=world.admin, org=world.root, data=data)
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1])
    adoption = Adoption.objects.get(org=world.cell1)
    document = Document.objects.create(
        org=world.root, name="754.txt", sha256="0" * 64, status=DocumentStatus.REVIEWED, parsed=data, reviewed=data
    )
    from danvan.activities.services import activity_record

    activity = activity_record(actor=world.secretary, org=world.cell1, kind="press", title="Tin", held_on=timezone.localdate(), tasks=[])
    from danvan.reports import services as report_services

    today = timezone.localdate()
    period = {"period_start": today.replace(month=1, day=1), "period_end": today, "deadline": today}
    cycle = report_services.cycle_open(actor=world.admin, org=world.org_a, kind="year", title="Tổng kết", programs=[program], **period)
    draft = report_services.report_save(actor=world.secretary, report=cycle.reports.get(org=world.cell1), text={"results": "Đã họp"})
    other = report_services.cycle_open(actor=world.admin, org=world.org_a, kind="year", title="Tổng kết 2", programs=[program], **period)
    filed = report_services.report_submit(actor=world.secretary, report=other.reports.get(org=world.cell1), text={"results": "Đã họp"})
    from danvan import access
    from danvan.registry import services as registry

    for org in (world.cell1, world.org_a):
        registry.term_create(actor=None, org=org, name="2025–2030", start=today.replace(month=1, day=1))
    outgoing = registry.outgoing_issue(actor=world.secretary, org=world.cell1, type_code="TB", title="Thông báo", issued_on=today)
    sent = registry.outgoing_issue(actor=None, org=world.org_a, type_code="CV", title="Công văn", issued_on=today)
    incoming = registry.distribute(actor=None, outgoing=sent, orgs=[world.cell1], recorders=access.recorders_of)[0].incoming
    from danvan.concerns import services as concerns
    from danvan.concerns.models import Category
    from danvan.lib.workdays import Calendar

    category = Category.objects.first()
    concern = concerns.concern_receive(
        actor=world.secretary, origin=world.cell1, channel="dialogue", raiser="anonymous", category=category,
        title="Phòng nóng", text="Điều hòa hỏng", received_on=today, cal=Calendar(),
    )  # fmt: skip
    from danvan.concerns import democracy
    from danvan.concerns.models import DisclosureItem
    from danvan.orgs.services import org_create

    union = org_create(actor=None, parent=world.cell1, name="Công đoàn Phòng 1", kind="trade_union", code="A1-CD", founded_on=today)
    session = activity_record(
        actor=world.secretary, org=world.cell1, kind="work_session", title="Làm việc với BCH", held_on=today, tasks=[]
    )
    commitment = concerns.commitment_add(actor=world.secretary, activity=session, org=union, text="Tổ chức tham quan")
    supervision = activity_record(
        actor=world.secretary, org=world.cell1, kind="democracy_supervision", title="Giám sát", held_on=today, tasks=[]
    )
    finding = democracy.finding_add(actor=world.secretary, activity=supervision, text="Chưa công khai")
    from danvan.members.services import tasks_assign
    from danvan.orgs.models import Person

    Person.objects.filter(pk=world.person1.pk).update(party_joined_on=dt.date(2005, 5, 19))
    # Members report and cells assess all year round here, so the calls succeed on any day.
    settings.DANVAN_MEMBER_REPORT_FROM, settings.DANVAN_MEMBER_REPORT_UNTIL = (1, 1), (12, 31)
    tasks_assign(
        actor=world.secretary,
        org=world.cell1,
        year=today.year,
        person_ids=[world.person1.pk],
        text="Tuyên truyền",
        place="workplace",
        today=today,
    )
    board = democracy.board_elect(actor=world.secretary, org=world.cell1, term_start=dt.date(2023, 1, 1), term_end=dt.date(2025, 12, 31))
    earlier = democracy.board_elect(actor=world.secretary, org=world.cell1, term_start=dt.date(2020, 1, 1), term_end=dt.date(2022, 12, 31))
    board_member = democracy.board_member_add(actor=world.secretary, board=earlier, person=world.person1, role="member")
    disclosure = concerns.disclosure_record(
        actor=world.secretary, org=world.cell1, item=DisclosureItem.objects.first(), form="intranet", disclosed_on=today
    )
    from danvan.inspections import services as inspections

    inspection = inspections.inspection_plan(
        actor=world.secretary, org=world.cell1, kind="inspection", title="Kiểm tra", scope="Dân vận", subjects=[union],
        starts_on=today, ends_on=today,
    )  # fmt: skip
    recommendation = inspections.recommendation_add(actor=world.secretary, inspection=inspection, org=union, text="Khắc phục")
    return Objects(world, {
        "inspection": inspection.pk,
        "recommendation": recommendation.pk,
        "board": board.pk,
        "board_member": board_member.pk,
        "disclosure": disclosure.pk,
        "member_task": world.person1.member_tasks.get().pk,
        "person1": world.person1.pk,
        "union": union.pk,
        "session": session.pk,
        "commitment": commitment.pk,
        "supervision": supervision.pk,
        "finding": finding.pk,
        "item": DisclosureItem.objects.first().pk,
        "category": category.pk,
        "concern": concern.pk,
        "outgoing": outgoing.pk,
        "sent": sent.pk,
        "incoming": incoming.pk,
        "cycle": cycle.pk,
        "report": draft.pk,
        "draft": draft.pk,
        "filed": filed.pk,
        "program": program.pk,
        "task": program.tasks.first().pk,
        "adoption": adoption.pk,
        "document": document.pk,
        "obligation": Obligation.objects.filter(org=world.cell1).first().pk,
        "activity": activity.pk,
        "root": world.root.pk,
        "cell1": world.cell1.pk,
        "cell2": world.cell2.pk,
        "today": timezone.localdate().isoformat(),
    })  # fmt: skip


class Objects(dict):
    """The ids an operation's path and body name; the "Dân vận khéo" ones are made only for the
    operations that name them (a commended campaign is a dozen writes)."""

    def __init__(self, world, ids: dict):
        super().__init__(ids)
        self.world = world

    def __missing__(self, key):
        if key not in ("campaign", "nomination"):
            raise KeyError(key)
        from tests.house.test_access_scoping import _emulation_objects

        made = _emulation_objects(self.world)
        self.update(campaign=made["campaign"].pk, nomination=made["nomination"].pk)
        return self[key]


def _fill(value, objects):
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return objects[value[1:-1]]
    if isinstance(value, dict):
        return {k: _fill(v, objects) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, objects) for v in value]
    return value


def _call(user, op: Op, objects, token: str | None = None):
    client = Client()
    headers = {}
    if user is not None or token:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token or token_create(actor=None, user=user, name='test')[1]}"
    path = op.path.format_map(objects)
    if op.method == "get":
        return client.get(path, **headers)
    if op.method == "delete":
        return client.delete(path, **headers)
    if op.method == "put":
        return client.put(path, data=json.dumps(_fill(op.body or {}, objects)), content_type="application/json", **headers)
    return client.post(path, data=json.dumps(_fill(op.body or {}, objects)), content_type="application/json", **headers)


def test_every_operation_has_a_row():
    names = {
        op.view_func.__name__ for _, router in api._routers for path_view in router.path_operations.values() for op in path_view.operations
    }
    assert names == set(OPS), f"operations without a scoping row: {sorted(names - set(OPS))}"


def test_the_openapi_document_validates(db):
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    validate(response.json())
    assert "/api/programs" in response.json()["paths"]


def test_the_docs_page_uses_no_cdn(db):
    body = Client().get("/api/docs").content.decode()
    assert "cdn." not in body and "unpkg" not in body


@pytest.mark.parametrize("name", sorted(OPS))
def test_without_a_token_it_is_401(objects, name):
    assert _call(None, OPS[name], objects).status_code == 401


@pytest.mark.parametrize("name", sorted(OPS))
def test_a_bad_token_is_401(objects, name):
    assert _call(None, OPS[name], objects, token="dv_not-a-token").status_code == 401


@pytest.mark.parametrize("name", sorted(n for n in OPS if "{" in OPS[n].path or OPS[n].body))
def test_outsiders_get_404(objects, world, name):
    response = _call(world.outsider, OPS[name], objects)
    assert response.status_code == 404, response.content


@pytest.mark.parametrize("name", sorted(OPS))
def test_missing_rights_get_403(objects, world, name):
    op = OPS[name]
    if op.denied is None:
        pytest.skip("every role that sees the object may use it")
    assert _call(getattr(world, op.denied), op, objects).status_code == 403


@pytest.mark.parametrize("name", sorted(OPS))
def test_entitled_users_get_through(objects, world, name):
    op = OPS[name]
    response = _call(getattr(world, op.allowed), op, objects)
    assert response.status_code == op.ok, response.content


def test_lists_show_nothing_from_outside(objects, world):
    response = _call(world.outsider, OPS["list_programs"], objects)
    assert response.status_code == 200 and response.json() == {"items": [], "count": 0}


def test_lists_come_in_pages(objects, world):
    op = OPS["list_obligations"]
    everything = _call(world.observer, op, objects).json()
    assert everything["count"] == len(everything["items"]) > 3
    first = _call(world.observer, Op(op.method, op.path + "?limit=2", "observer", None), objects).json()
    second = _call(world.observer, Op(op.method, op.path + "?limit=2&offset=2", "observer", None), objects).json()
    assert first["count"] == everything["count"] and [o["id"] for o in first["items"] + second["items"]] == [
        o["id"] for o in everything["items"][:4]
    ]
    assert _call(world.observer, Op(op.method, op.path + "?limit=5000", "observer", None), objects).status_code == 422


def test_a_rule_broken_through_the_api_is_400_with_the_reason(objects, world):
    op = Op("post", "/api/obligations/{obligation}/waive", "admin", None, {"reason": "  "})
    response = _call(world.admin, op, objects)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_recording_through_the_api_updates_the_obligation(objects, world):
    program = Program.objects.get(pk=objects["program"])
    meeting = program.tasks.get(ref="II.1.3")
    op = Op(
        "post",
        "/api/activities",
        "secretary",
        None,
        {
            "org_id": objects["cell1"],
            "kind": "thematic_meeting",
            "title": "Chuyên đề",
            "held_on": objects["today"],
            "minutes": "Biên bản",
            "task_ids": [meeting.pk],
            "attendance": [{"person_id": world.person1.pk, "status": "present"}],
        },
        201,
    )
    response = _call(world.secretary, op, objects)
    assert response.status_code == 201 and response.json()["present"] == 1
    assert Obligation.objects.get(org=world.cell1, task=meeting, end__year=timezone.localdate().year).done == 1


def test_a_user_makes_and_revokes_a_token(world):
    from django.urls import reverse

    from tests.conftest import login

    client = login(world.secretary)
    body = client.post(reverse("accounts:tokens"), {"name": "báo cáo"}).content.decode()
    import re

    key = re.search(r"dv_[\w-]+", body).group(0)
    assert Client().get("/api/programs", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    token = world.secretary.api_tokens.get()
    client.post(reverse("accounts:tokens"), {"revoke": token.pk})
    assert Client().get("/api/programs", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    assert login(world.observer).post(reverse("accounts:tokens"), {"revoke": token.pk}).status_code == 404


def test_a_task_an_org_added_for_itself_is_seen_only_in_that_orgs_subtree(world):
    """Chi bộ Phòng 1 adds a task of its own; the sibling cell and a disjoint subtree do not see it
    (by the API, or named in the obligations page of their own org), Cục A above it does."""
    from django.urls import reverse

    from tests.conftest import login

    program = services.program_create(actor=world.admin, org=world.root, data=parse_file(SEED).to_dict())
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.org_a, world.cell1, world.cell2])
    own = services.task_add_own(
        actor=world.secretary, adoption=Adoption.objects.get(org=world.cell1), ref="R.1", text="Việc riêng của Phòng 1", cadence=[]
    )
    get_own = Op("get", f"/api/tasks/{own.pk}", "", None)
    assert _call(world.sibling_member, get_own, {}).status_code == 404
    assert _call(world.outsider, get_own, {}).status_code == 404
    assert _call(world.officer, get_own, {}).status_code == 200  # Cục A's officer: the cell is in their subtree
    assert _call(world.secretary, get_own, {}).status_code == 200
    page = reverse("rollup:obligations", kwargs={"pk": program.pk})
    response = login(world.sibling_member).get(page, {"org": world.cell2.pk, "task": own.pk})
    assert response.status_code == 404 and "Việc riêng" not in response.content.decode()


BAD = [
    ("get", "/api/orgs/{cell1}/obligations?year=0", None),
    ("get", "/api/orgs/{cell1}/obligations?year=-1", None),
    ("get", "/api/orgs/{cell1}/obligations?year=99999", None),
    ("get", "/api/orgs/{cell1}/activities?year=99999", None),
    ("get", "/api/programs?offset=99999999999999999999999", None),
    ("get", "/api/programs?limit=0", None),
    ("post", "/api/activities", {"org_id": "{cell1}", "kind": "press", "title": "x", "held_on": "{today}", "task_ids": [1e20]}),
    ("post", "/api/activities", {"org_id": "{cell1}", "kind": "press", "title": "\ud800 lẻ loi", "held_on": "{today}"}),
    ("post", "/api/activities", {"org_id": "{cell1}", "kind": "press", "title": "x", "held_on": "{today}", "outsiders": -5}),
    ("post", "/api/activities", {"org_id": "{cell1}", "kind": "nope", "title": "x", "held_on": "{today}"}),
    ("post", "/api/adoptions/{adoption}/adopt", [{"task_id": 1}]),
    ("post", "/api/adoptions/{adoption}/adopt", {"tasks": [{"task_id": 1, "interval_months": -3}]}),
    ("post", "/api/adoptions/{adoption}/adopt", {"tasks": [{"task_id": 1, "min_per_period": 10**9}]}),
    ("post", "/api/programs/{program}/cascade", {"from_org_id": "{root}", "org_ids": [2**70]}),
]


@pytest.mark.parametrize("method, path, body", BAD)
def test_bad_input_is_a_4xx_with_a_message_never_a_500(world, objects, method, path, body):
    user = world.admin if "cascade" in path else world.secretary
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token_create(actor=None, user=user, name='t')[1]}"}
    path = path.format_map(objects)
    if method == "get":
        response = Client().get(path, **headers)
    else:
        raw = json.dumps(_fill(body, objects), ensure_ascii=True)  # keeps a lone surrogate as \\ud800
        response = Client().post(path, data=raw, content_type="application/json", **headers)
    assert response.status_code in (400, 422), (response.status_code, response.content[:300])
    assert response.json()["detail"]


def test_every_operation_documents_its_errors(db):
    document = api.get_openapi_schema()
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            assert {"401", "403", "404", "422"} <= {str(code) for code in operation["responses"]}, (method, path)
