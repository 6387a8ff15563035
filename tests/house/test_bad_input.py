"""Bad values in the address answer 400 with the reason, never 500."""

import pytest
from django.urls import reverse

from tests.conftest import login


@pytest.fixture
def pages(world, program):
    from danvan.programs import services

    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1])
    return {
        "rollup:matrix": reverse("rollup:matrix", kwargs={"pk": program.pk}),
        "rollup:obligations": reverse("rollup:obligations", kwargs={"pk": program.pk}),
        "programs:todo": reverse("programs:todo", kwargs={"pk": world.cell1.pk}),
        "rollup:dashboard": reverse("rollup:dashboard", kwargs={"pk": world.root.pk}),
    }


@pytest.mark.parametrize("name", ["rollup:matrix", "rollup:obligations", "programs:todo", "rollup:dashboard"])
@pytest.mark.parametrize("year", ["0", "-1", "99999", "abc", "²", "1" * 30])
def test_a_bad_year_is_a_400_with_its_reason(world, pages, name, year):
    response = login(world.admin).get(pages[name], {"year": year})
    assert response.status_code == 400
    assert "Năm" in response.content.decode()  # the field's label with the form's message


@pytest.mark.parametrize("params", [{"task": "²"}, {"task": "9" * 40}, {"status": "nope"}, {"page": "0"}, {"org": "x"}])
def test_other_bad_parameters_are_400(world, pages, params):
    assert login(world.admin).get(pages["rollup:obligations"], params).status_code == 400


def test_the_activity_form_ignores_strange_task_ids(world):
    response = login(world.secretary).get(reverse("activities:create", kwargs={"pk": world.cell1.pk}), {"task": ["²", "9" * 40]})
    assert response.status_code == 200
