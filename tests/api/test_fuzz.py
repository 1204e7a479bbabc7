"""Property-based fuzzing of the whole API from its OpenAPI description (schemathesis): no
answer is a server error, and every answer matches the description (status, content type,
body). The number of examples per operation is bounded so that it runs in about a minute."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from portal.api.v1 import api
from portal.applications.services import NewDocument
from tests.api.conftest import make_client
from tests.conftest import make_pdf
from tests.factories import OfficeFactory, submit_application

# The description /api/schema/ serves (read here: the site's middleware needs the database,
# which is not open while tests are collected); requests go to the WSGI application.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
schema.app = get_wsgi_application()
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def connection_kept():
    """The test's database connection (and its transaction) lives through every request, as
    Django's test client keeps it: the WSGI handler would close it at each request's end."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_key(service_page, connection_kept):
    office = OfficeFactory()
    for _n in range(2):
        submit_application(
            service_page,
            office=office,
            documents=[NewDocument("identity_document", make_pdf(), "application/pdf")],
        )
    _client, key = make_client(office, groups=["Registration officers"])
    return key


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_description(case, api_key):
    case.call_and_validate(headers={"Authorization": f"Bearer {api_key}"}, checks=CHECKS)
