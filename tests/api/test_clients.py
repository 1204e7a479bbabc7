"""A registered client's key: it works until it is changed or revoked, each call is on the
audit trail and counted against the client's limit, and the client sees its offices only."""

import pytest

from portal.api.services import api_client_revoke, api_client_rotate
from portal.audit.models import AuditRecord
from tests.api.conftest import bearer, make_client


def problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["detail"]
    return body


@pytest.mark.django_db
def test_no_key_or_a_wrong_key_gets_401_as_a_problem(client, application_a):
    problem(client.get("/api/v1/applications"), 401)
    wrong = client.get("/api/v1/applications", **bearer("odk_12345678_not-the-key"))
    assert "Authorization: Bearer" in problem(wrong, 401)["detail"]
    assert wrong["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.django_db
def test_a_key_works_until_rotated_or_revoked(client, office_a, application_a):
    api_client, key = make_client(office_a)
    assert api_client.key_hash not in key and key.startswith(f"odk_{api_client.key_prefix}_")
    assert api_client.last_used_at is None
    listed = client.get("/api/v1/applications", **bearer(key))
    assert listed.status_code == 200
    assert [row["reference"] for row in listed.json()["results"]] == [application_a.reference]
    api_client.refresh_from_db()
    assert api_client.last_used_at is not None

    new_key = api_client_rotate(client=api_client)
    problem(client.get("/api/v1/applications", **bearer(key)), 401)
    assert client.get("/api/v1/applications", **bearer(new_key)).status_code == 200

    api_client_revoke(client=api_client)
    problem(client.get("/api/v1/applications", **bearer(new_key)), 401)


@pytest.mark.django_db
def test_every_call_is_on_the_audit_trail(client, office_a, application_a):
    api_client, key = make_client(office_a)
    client.get("/api/v1/applications?status=submitted", **bearer(key))
    client.get(f"/api/v1/applications/{application_a.reference}", **bearer(key))
    calls = AuditRecord.objects.filter(action=AuditRecord.Action.API_CALL).order_by("id")
    assert [record.detail for record in calls] == [
        "GET /api/v1/applications?status=submitted",
        f"GET /api/v1/applications/{application_a.reference}",
    ]
    assert {record.user_id for record in calls} == {api_client.user_id}
    assert calls[0].object_reference == "Tax branch system"
    opened = AuditRecord.objects.get(action=AuditRecord.Action.APPLICATION_OPENED)
    assert opened.application_id == application_a.pk


@pytest.mark.django_db
def test_calls_beyond_the_clients_limit_get_429(client, office_a, application_a):
    _api_client, key = make_client(office_a, rate_limit=3)
    for _call in range(3):
        assert client.get("/api/v1/applications", **bearer(key)).status_code == 200
    limited = client.get("/api/v1/applications", **bearer(key))
    problem(limited, 429)
    assert limited["Retry-After"] == "60"
    _other_api_client, other_key = make_client(office_a, name="Statistics office")
    assert client.get("/api/v1/applications", **bearer(other_key)).status_code == 200


@pytest.mark.django_db
def test_a_client_of_office_a_gets_404_for_office_bs_application(
    client, office_a, application_a, application_b
):
    _api_client, key = make_client(office_a)
    listed = client.get("/api/v1/applications", **bearer(key)).json()["results"]
    assert [row["reference"] for row in listed] == [application_a.reference]
    refused = client.get(f"/api/v1/applications/{application_b.reference}", **bearer(key))
    problem(refused, 404)
    missing = client.get("/api/v1/applications/NOPE-0000-X", **bearer(key))
    assert missing.json() == refused.json()
    assert AuditRecord.objects.filter(
        action=AuditRecord.Action.ACCESS_REFUSED, object_reference=application_b.reference
    ).exists()
    events = client.get(f"/api/v1/applications/{application_b.reference}/events", **bearer(key))
    problem(events, 404)


@pytest.mark.django_db
def test_without_the_read_scope_applications_are_refused(client, office_a, application_a):
    _api_client, key = make_client(office_a, scopes=[])
    body = problem(client.get("/api/v1/applications", **bearer(key)), 403)
    assert "applications:read" in body["detail"]
    # The public catalogue needs no scope (nor a key).
    assert client.get("/api/v1/services", **bearer(key)).status_code == 200
