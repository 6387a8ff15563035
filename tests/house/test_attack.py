"""The attack, kept as a test: every id-bearing page of the URL map and every operation of the
OpenAPI document, tried on every kind of object of one cell (Chi bộ Phòng 1) by users placed
where they must not see it — the secretary of the sibling cell, the administrator and an officer
of a disjoint subtree, a former member — and anonymously. Each try must answer as if the object
did not exist (404; 302 to the login page, or 401 for the API, when anonymous). The counts are
printed (tried / leaked); the administrator of the cell's parent gets through, so the test can fail."""

import json
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts.models import ApiToken, Role, RoleGrant
from danvan.accounts.services import role_revoke, token_create
from danvan.api.api import api
from danvan.orgs import services as org_services
from danvan.programs import services
from danvan.programs.models import Adoption
from tests.conftest import login, make_person, make_user
from tests.house.test_access_scoping import CASES, _document, _emulation_objects, _program_objects


@pytest.fixture
def arena(world):
    objects = {**_program_objects(world), **_emulation_objects(world)}
    objects["document"] = _document(world)
    objects["own_task"] = services.task_add_own(
        actor=world.secretary, adoption=Adoption.objects.get(org=world.cell1), ref="R.1", text="Việc riêng", cadence=[{"per": "year"}]
    )
    objects["token"], _key = token_create(actor=None, user=world.secretary, name="của bí thư")
    former_person = make_person(world.cell1, "Hà Văn Cũ")
    former = make_user("former", world.cell1, Role.MEMBER, former_person)
    role_revoke(actor=None, grant=RoleGrant.objects.get(user=former))
    org_services.membership_end(actor=None, membership=former_person.memberships.get(), end=former_person.memberships.get().start)
    parent_admin = make_user("parent_admin", world.org_a, Role.COMMITTEE_ADMIN)
    TOTPDevice.objects.create(user=parent_admin, name="t", confirmed=True)
    placements = {
        "sibling_secretary": make_user("sibling_secretary", world.cell2, Role.SECRETARY),
        "disjoint_admin": world.outsider,
        "disjoint_officer": make_user("disjoint_officer", world.outside, Role.OFFICER),
        "former_member": former,
    }
    return world, objects, placements, parent_admin


def _id_routes():
    """(name, method) of every page whose address carries an object id."""

    def walk(resolver, namespace=None):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in ("admin", "api"):
                    continue
                yield from walk(pattern, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name and "pk" in pattern.pattern.converters:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return sorted(set(walk(get_resolver())))


def _targets(world, objects, name) -> list[int]:
    """Every object of the kind the page takes, in Chi bộ Phòng 1 or above it."""
    kind, _, attr = CASES[name].target.partition(":")
    if kind == "org":
        return [world.cell1.pk, world.org_a.pk, world.root.pk]
    if kind == "person":
        return [world.person1.pk]
    if kind == "membership":
        return [world.person1.memberships.get().pk]
    if kind == "grant":
        return [RoleGrant.objects.get(user=world.secretary).pk]
    if kind == "task":
        return [objects["task"].pk, objects["own_task"].pk]
    return [objects[kind].pk]


def _report(capsys, family, tried, leaked):
    with capsys.disabled():
        print(f"\n[attack] {family}: tried {tried}, leaked {len(leaked)}")


def test_no_page_shows_or_changes_anything_outside_the_users_subtree(arena, capsys):
    world, objects, placements, parent_admin = arena
    tried, leaked = 0, []
    routes = _id_routes()
    assert set(routes) <= set(CASES), "an id-bearing page without its row in the scoping table"
    for label, user in placements.items():
        client = login(user)
        for name in routes:
            for pk in _targets(world, objects, name):
                url = reverse(name, kwargs={"pk": pk})
                for method in ("get", "post"):
                    status = getattr(client, method)(url).status_code
                    tried += 1
                    if status not in (404, 405):
                        leaked.append((label, name, pk, method, status))
        for page in ("audit", "programs:list", "documents:list", "orgs:people"):  # lists, filtered by the cell
            body = client.get(reverse(page), {"org": world.cell1.pk}).content.decode()
            tried += 1
            if "Chi bộ Phòng 1" in body or "Nguyễn Văn Một" in body:
                leaked.append((label, page, "list"))
        tried += 1
        if client.post(reverse("accounts:tokens"), {"revoke": str(objects["token"].pk)}).status_code != 404:
            leaked.append((label, "accounts:tokens", "revoke another user's token"))
    anonymous = Client()
    for name in routes:
        for pk in _targets(world, objects, name):
            response = anonymous.get(reverse(name, kwargs={"pk": pk}))
            tried += 1
            if response.status_code != 302 or not response["Location"].startswith(reverse("accounts:login")):
                leaked.append(("anonymous", name, pk, response.status_code))
    _report(capsys, "web pages", tried, leaked)
    assert not leaked, leaked[:20]
    assert ApiToken.objects.filter(pk=objects["token"].pk).exists()
    # The control: the parent's administrator reaches the cell's objects.
    reached = login(parent_admin).get(reverse("activities:detail", kwargs={"pk": objects["activity"].pk}))
    assert reached.status_code == 200


PARAMS = {
    "program_id": ["program"],
    "task_id": ["task", "own_task"],
    "adoption_id": ["adoption"],
    "obligation_id": ["obligation"],
    "activity_id": ["activity"],
    "org_id": ["cell1"],
    "cycle_id": ["cycle"],
    "report_id": ["report"],
    "outgoing_id": ["outgoing"],
    "incoming_id": ["incoming"],
    "concern_id": ["concern"],
    "commitment_id": ["commitment"],
    "finding_id": ["finding"],
    "member_task_id": ["member_task"],
    "board_id": ["board"],
    "inspection_id": ["inspection"],
    "recommendation_id": ["recommendation"],
    "disclosure_id": ["disclosure"],
    "member_id": ["board_member"],
    "campaign_id": ["campaign"],
    "nomination_id": ["nomination"],
}


def _bodies(world) -> dict:
    """Bodies that would be accepted if the object were the user's: a refusal is then about scope."""
    return {
        "/api/programs/{program_id}/cascade": {"from_org_id": world.root.pk, "org_ids": [world.cell2.pk]},
        "/api/adoptions/{adoption_id}/adopt": {"tasks": []},
        "/api/obligations/{obligation_id}/waive": {"reason": "Miễn"},
        "/api/reports/{report_id}/text": {"results": "Đã làm"},
        "/api/outgoing/{outgoing_id}/cancel": {"reason": "Nhầm"},
        "/api/outgoing/{outgoing_id}/distribute": {"org_ids": [world.cell2.pk]},
        "/api/incoming/{incoming_id}/acknowledge": {"read": True},
        "/api/concerns/{concern_id}/act": {"action": "answer", "note": "Đã sửa"},
        "/api/orgs/{org_id}/concerns": {
            "channel": "dialogue",
            "raiser": "anonymous",
            "category_id": 1,
            "title": "Phòng nóng",
            "text": "Điều hòa hỏng",
            "received_on": "2026-03-02",
        },  # fmt: skip
        "/api/commitments/{commitment_id}/close": {"result": "Đã làm", "done_on": "2026-03-02"},
        "/api/commitments/{commitment_id}": {"text": "Tham quan"},
        "/api/disclosures/{disclosure_id}": {"form": "intranet", "disclosed_on": "2026-03-02"},
        "/api/findings/{finding_id}": {"text": "Chưa niêm yết"},
        "/api/board-members/{member_id}": {"role": "deputy"},
        "/api/nominations/{nomination_id}/score": {"conflict": True},
        "/api/campaigns/{campaign_id}/models": {
            "org_id": world.cell1.pk,
            "name": "Mô hình",
            "field": "culture",
            "problem": "x",
            "goals": "x",
            "method": "x",
            "area": "x",
            "forces": "x",
            "starts_on": "2026-03-02",
            "ends_on": "2026-03-03",
            "outputs": "x",
            "sustain": "x",
        },  # fmt: skip
        "/api/findings/{finding_id}/close": {"result": "Đã làm", "done_on": "2026-03-02"},
        "/api/activities/{activity_id}/findings": {"text": "Chưa niêm yết"},
        "/api/activities/{activity_id}/commitments": {"org_id": world.cell1.pk, "text": "Tham quan"},
        "/api/orgs/{org_id}/disclosures": {"item_id": 1, "form": "intranet", "disclosed_on": "2026-03-02"},
        "/api/orgs/{org_id}/member-counts": {"on": "2026-03-02", "members": 12},
        "/api/orgs/{org_id}/inspections": {
            "kind": "inspection",
            "title": "Kiểm tra",
            "scope": "Dân vận",
            "subject_ids": [world.cell1.pk],
            "starts_on": "2026-03-02",
            "ends_on": "2026-03-03",
        },  # fmt: skip
        "/api/inspections/{inspection_id}/conclude": {"findings": "Tốt", "conclusion": "Tốt", "concluded_on": "2026-03-02"},
        "/api/inspections/{inspection_id}/recommendations": {"org_id": world.cell1.pk, "text": "Sửa"},
        "/api/recommendations/{recommendation_id}/report": {"text": "Đã sửa"},
        "/api/recommendations/{recommendation_id}/verify": {"accepted": True},
        "/api/orgs/{org_id}/boards": {"term_start": "2031-01-01", "term_end": "2032-01-01"},
        "/api/boards/{board_id}": {"term_start": "2031-01-01", "term_end": "2032-01-01"},
        "/api/boards/{board_id}/members": {"person_id": world.person1.pk, "role": "member"},
        "/api/orgs/{org_id}/press": {"title": "Tin", "outlet": "Bản tin", "published_on": "2026-03-02"},
        "/api/orgs/{org_id}/member-tasks": {"year": 2026, "person_ids": [world.person1.pk], "text": "Tuyên truyền"},
        "/api/member-tasks/{member_task_id}/self-report": {"text": "Đã làm"},
        "/api/member-tasks/{member_task_id}/assess": {"assessment": "well"},
        "/api/orgs/{org_id}/outgoing": {"type_code": "TB", "title": "Thông báo", "issued_on": "2026-03-02"},
        "/api/orgs/{org_id}/incoming": {"received_on": "2026-03-02", "sender": "Đảng ủy Khối", "title": "Công văn"},
        "/api/reports/{report_id}/return": {"comment": "Bổ sung"},
        "/api/reports/{report_id}/correct": {"text": {"results": "Sửa"}, "reason": "Sai"},
        "/api/orgs/{org_id}/cycles": {
            "kind": "year",
            "title": "Tổng kết",
            "program_ids": [world.cell1.adoptions.get().program_id],
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "deadline": "2026-07-01",
        },
    }


def _operations():
    for path, methods in api.get_openapi_schema()["paths"].items():
        for method in methods:
            params = re.findall(r"{(\w+)}", path)
            if params:
                yield path, method, params


def test_no_api_operation_reaches_an_object_outside_the_tokens_subtree(arena, capsys):
    world, objects, placements, _parent_admin = arena
    ids = {
        **{k: v.pk for k, v in objects.items() if hasattr(v, "pk")},
        "cell1": world.cell1.pk,
        "root": world.root.pk,
        "cell2": world.cell2.pk,
    }
    tried, leaked = 0, []
    bodies = _bodies(world)
    operations = list(_operations())
    assert {p for p, _m, params in operations for p in params} <= set(PARAMS), "a path parameter the attack does not fill"
    for label, user in [*placements.items(), ("anonymous", None)]:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token_create(actor=None, user=user, name='attack')[1]}"} if user else {}
        for path, method, params in operations:
            for kinds in zip(*(PARAMS[p] for p in params), strict=False):
                url = path.format(**{p: ids[k] for p, k in zip(params, kinds, strict=True)})
                body = json.dumps(bodies.get(path, {})) if method != "get" else None
                response = Client().generic(method.upper(), url, data=body, content_type="application/json", **headers)
                tried += 1
                if response.status_code != (401 if user is None else 404):
                    leaked.append((label, method, url, response.status_code))
    _report(capsys, "API operations", tried, leaked)
    assert not leaked, leaked[:20]
