"""Any body posted to the concerns API gets a saved row or a clear refusal, never a 500."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.accounts.services import token_create
from danvan.concerns.models import Category
from tests.fuzz import posts_never_fail

values = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.text(max_size=60), st.lists(st.integers(), max_size=3)
)
bodies = st.fixed_dictionaries(
    {},
    optional={
        "channel": st.one_of(st.sampled_from(["dialogue", "reception", "writing"]), values),
        "raiser": st.one_of(st.sampled_from(["person", "citizen", "anonymous"]), values),
        "person_id": values,
        "citizen_name": values,
        "category_id": values,
        "title": values,
        "text": values,
        "received_on": st.one_of(st.sampled_from(["2026-04-20", "2026-02-30", "20/04/2026"]), values),
        "answering_org_id": values,
    },
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_any_body_is_saved_or_refused_with_a_reason(world, body):
    key = token_create(actor=None, user=world.secretary, name="t")[1]
    body = {**body}
    if body.get("category_id") == 1:
        body["category_id"] = Category.objects.first().pk
    response = Client().post(
        f"/api/orgs/{world.cell1.pk}/concerns", data=json.dumps(body), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code in (201, 400, 404, 422), response.content
    assert response.json()["detail"] if response.status_code != 201 else response.json()["id"]


# Every web form of concerns, democracy and the mass organizations, posted with anything at all.
FIELDS = [
    "channel", "raiser", "person", "citizen_name", "category", "title", "text", "received_on", "org", "action", "handler",
    "to_org", "note", "rating", "owner", "due", "result", "done_on", "item", "form", "disclosed_on", "posted_days",
    "term_start", "term_end", "conference", "role", "reported_on", "resolution", "recommendation", "on", "members",
]  # fmt: skip


@pytest.fixture
def targets(world):
    from tests.house.test_access_scoping import _program_objects

    o = _program_objects(world)
    return [
        reverse("concerns:new", kwargs={"pk": world.cell1.pk}),
        reverse("concerns:act", kwargs={"pk": o["concern"].pk}),
        reverse("concerns:commitment_add", kwargs={"pk": o["commitment"].activity_id}),
        reverse("concerns:commitment_close", kwargs={"pk": o["commitment"].pk}),
        reverse("concerns:disclosures", kwargs={"pk": world.cell1.pk}),
        reverse("concerns:board_elect", kwargs={"pk": world.cell1.pk}),
        reverse("concerns:board_member_add", kwargs={"pk": o["board"].pk}),
        reverse("concerns:board_report_add", kwargs={"pk": o["board"].pk}),
        reverse("concerns:conference", kwargs={"pk": o["conference_activity"].pk}),
        reverse("concerns:finding_add", kwargs={"pk": o["supervision"].pk}),
        reverse("concerns:finding_close", kwargs={"pk": o["finding"].pk}),
        reverse("concerns:mass", kwargs={"pk": o["commitment"].org_id}),
        reverse("concerns:disclosure_edit", kwargs={"pk": o["disclosure"].pk}),
        reverse("concerns:commitment_edit", kwargs={"pk": o["commitment"].pk}),
        reverse("concerns:finding_edit", kwargs={"pk": o["finding"].pk}),
        reverse("concerns:board_member_edit", kwargs={"pk": o["board_member"].pk}),
    ]


test_any_form_post_is_saved_or_refused_never_a_500 = posts_never_fail(FIELDS, allowed=(200, 302, 400))
