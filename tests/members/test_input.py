"""Hypothesis posts anything to the forms of members' tasks, the press and inspections: a saved
row or a refusal, never a 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import login

values = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["", "0", "-1", "1", "9" * 30, "31/02/2026", "2026-04-20", "20/04/2026", "=cmd|' /C calc'!A0", "²", "yes", "no"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
FIELDS = [
    "people", "common", "text", "place", "with_whom", "action", "assessment", "note", "title", "outlet", "published_on", "kind",
    "link", "scope", "subjects", "starts_on", "ends_on", "decision", "decided_on", "team_head", "team", "findings", "conclusion",
    "concluded_on", "org", "due", "accepted", "back", "year",
]  # fmt: skip
bodies = st.dictionaries(st.sampled_from(FIELDS), values, max_size=12)


@pytest.fixture
def targets(world):
    from tests.house.test_access_scoping import _program_objects

    o = _program_objects(world)
    return [
        reverse("members:tasks", kwargs={"pk": world.cell1.pk}),
        reverse("members:task", kwargs={"pk": o["member_task"].pk}),
        reverse("press:items", kwargs={"pk": world.cell1.pk}),
        reverse("inspections:list", kwargs={"pk": world.cell1.pk}),
        reverse("inspections:conclude", kwargs={"pk": o["inspection"].pk}),
        reverse("inspections:recommend", kwargs={"pk": o["inspection"].pk}),
        reverse("inspections:report", kwargs={"pk": o["recommendation"].pk}),
        reverse("inspections:verify", kwargs={"pk": o["recommendation"].pk}),
    ]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies, which=st.integers(min_value=0, max_value=7))
def test_any_form_post_is_saved_or_refused_never_a_500(world, targets, body, which):
    response = login(world.secretary).post(targets[which], body)
    assert response.status_code in (200, 302, 400, 403), (targets[which], body, response.status_code)
