"""Hypothesis posts anything to the forms of members' tasks, the press and inspections: a saved
row or a refusal, never a 500."""

import pytest
from django.urls import reverse

from tests.fuzz import posts_never_fail

FIELDS = [
    "people", "common", "text", "place", "with_whom", "action", "assessment", "note", "title", "outlet", "published_on", "kind",
    "link", "scope", "subjects", "starts_on", "ends_on", "decision", "decided_on", "team_head", "team", "findings", "conclusion",
    "concluded_on", "org", "due", "accepted", "back", "year", "task", "issued_on", "signer", "position",
]  # fmt: skip


@pytest.fixture
def targets(world):
    from tests.house.test_access_scoping import _program_objects

    o = _program_objects(world)
    return [
        reverse("members:tasks", kwargs={"pk": world.cell1.pk}),
        reverse("members:task", kwargs={"pk": o["member_task"].pk}),
        reverse("press:items", kwargs={"pk": world.cell1.pk}),
        reverse("inspections:plan", kwargs={"pk": world.cell1.pk}),
        reverse("inspections:conclude", kwargs={"pk": o["inspection"].pk}),
        reverse("inspections:recommend", kwargs={"pk": o["inspection"].pk}),
        reverse("inspections:report", kwargs={"pk": o["recommendation"].pk}),
        reverse("inspections:verify", kwargs={"pk": o["recommendation"].pk}),
        reverse("inspections:notice_issue", kwargs={"pk": o["inspection"].pk}),
    ]


test_any_form_post_is_saved_or_refused_never_a_500 = posts_never_fail(FIELDS)
