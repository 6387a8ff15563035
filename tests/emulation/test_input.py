"""Any body posted to a "Dân vận khéo" form or API operation gets a saved row or a clear refusal, never a 500."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.accounts.services import token_create
from tests.fuzz import posts_never_fail

FIELDS = [
    "year", "title", "register_until", "review_by", "day", "criteria", "campaign", "name", "field", "problem", "goals", "method",
    "area", "forces", "resources", "starts_on", "ends_on", "outputs", "sustain", "reported_on", "text", "activity", "review",
    "reviewed_on", "replicated", "replicated_where", "achievements", "person", "role", "c0", "c1", "c2", "c3", "comment",
    "conflict", "nominations", "issued_on", "signer", "signer_position",
]  # fmt: skip


@pytest.fixture
def targets(world):
    from tests.house.test_access_scoping import _emulation_objects

    o = _emulation_objects(world)
    campaign, practice, nomination = o["campaign"], o["practice"], o["nomination"]
    return [
        reverse("emulation:org", kwargs={"pk": world.cell1.pk}),
        reverse("emulation:practice_new", kwargs={"pk": world.cell1.pk}),
        reverse("emulation:nominate_person", kwargs={"pk": world.cell1.pk}),
        reverse("emulation:campaign_edit", kwargs={"pk": campaign.pk}),
        reverse("emulation:council_add", kwargs={"pk": campaign.pk}),
        reverse("emulation:commend", kwargs={"pk": campaign.pk}),
        reverse("emulation:practice_edit", kwargs={"pk": practice.pk}),
        reverse("emulation:progress_add", kwargs={"pk": practice.pk}),
        reverse("emulation:review", kwargs={"pk": practice.pk}),
        reverse("emulation:nominate_practice", kwargs={"pk": practice.pk}),
        reverse("emulation:score", kwargs={"pk": nomination.pk}),
    ]


test_any_form_post_is_saved_or_refused_never_a_500 = posts_never_fail(
    FIELDS, extra=("culture", "chair", "Tiêu chí | 50", "a | 0\nb | 101"), allowed=(200, 302, 400)
)


values = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.text(max_size=40))
practice_bodies = st.fixed_dictionaries(
    {},
    optional={k: st.one_of(values, st.sampled_from(["2026-04-20", "culture", "x"])) for k in
              ["org_id", "name", "field", "problem", "goals", "method", "area", "forces", "starts_on", "ends_on", "outputs", "sustain"]},
)  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=practice_bodies)
def test_any_model_body_is_registered_or_refused_with_a_reason(world, targets, body):
    from danvan.emulation.models import Campaign

    key = token_create(actor=None, user=world.secretary, name="t")[1]
    body = {**body, **({"org_id": world.cell1.pk} if body.get("org_id") is True else {})}
    response = Client().post(
        f"/api/campaigns/{Campaign.objects.get().pk}/models", data=json.dumps(body), content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )  # fmt: skip
    assert response.status_code in (201, 400, 404, 422), response.content
