"""schemathesis against the API, in-process through WSGI: generated requests for every operation
(a few hundred per operation with FUZZ_EXAMPLES, a few dozen by default in CI) must never get a
server error, and every response must match the OpenAPI document."""

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

from danvan.accounts.services import token_create
from danvan.activities.services import activity_record
from danvan.parsing import parse_file
from danvan.programs import services
from danvan.programs.models import Adoption
from tests.parsing.conftest import SEED

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def bearer(world):
    """A secretary's token, with a program, an adoption and an activity in their cell to hit."""
    program = services.program_create(actor=world.admin, org=world.root, data=parse_file(SEED).to_dict())
    services.program_cascade(actor=world.admin, program=program, from_org=world.root, targets=[world.cell1])
    services.adoption_adopt(actor=world.secretary, adoption=Adoption.objects.get(org=world.cell1))
    activity_record(actor=world.secretary, org=world.cell1, kind="press", title="Tin", held_on=program.valid_from, tasks=[])
    return {"Authorization": f"Bearer {token_create(actor=None, user=world.secretary, name='fuzz')[1]}"}


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_the_api_never_fails_and_keeps_its_contract(case, bearer):
    case.call_and_validate(
        headers=bearer, checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    )
