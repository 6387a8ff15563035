"""Any body posted to the concerns API gets a saved row or a clear refusal, never a 500."""

import json

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.accounts.services import token_create
from danvan.concerns.models import Category

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
