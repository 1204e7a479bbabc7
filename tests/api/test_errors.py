"""Every error under /api/ is problem+json, whoever makes it: an address no endpoint has, a
method an endpoint does not take, and an error of ours (500), never an HTML page."""

import pytest

from tests.api.conftest import bearer, make_client
from tests.api.test_clients import problem


@pytest.mark.django_db
def test_an_unknown_address_under_api_is_a_problem(client, office_a):
    problem(client.get("/api/v1/nothing-here"), 404)
    problem(client.get("/api/v2/applications"), 404)
    _api_client, key = make_client(office_a)
    problem(client.get("/api/v1/applications/A/B/C", **bearer(key)), 404)


@pytest.mark.django_db
def test_a_method_an_endpoint_does_not_take_is_a_problem(client, office_a):
    _api_client, key = make_client(office_a)
    refused = client.delete("/api/v1/applications", **bearer(key))
    problem(refused, 405)
    assert refused["Allow"] == "GET"


@pytest.mark.django_db
def test_a_server_error_is_a_problem_without_the_traceback(client, monkeypatch, settings):
    settings.DEBUG = False

    def broken(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("portal.api.catalogue.fee_schedule", broken)
    client.raise_request_exception = False
    answer = client.get("/api/v1/services")
    body = problem(answer, 500)
    assert "secret internals" not in answer.content.decode()
    assert "Traceback" not in body["detail"]
