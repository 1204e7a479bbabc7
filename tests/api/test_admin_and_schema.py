"""The admin registers a client and sees its key once; rotates and revokes it. The OpenAPI
description and its documentation page are served, from here."""

import re

import pytest
from django.test import Client

from portal.api.models import ApiClient
from tests.api.conftest import bearer


@pytest.mark.django_db
def test_an_admin_creates_a_client_and_sees_its_key_once(client, admin_user, office_a):
    client.force_login(admin_user)
    assert client.get("/admin/api-clients/").status_code == 200
    created = client.post(
        "/admin/api-clients/add/",
        {
            "name": "Licence registry",
            "scopes": ["applications:read"],
            "offices": [office_a.pk],
            "rate_limit": 60,
        },
    )
    assert created.status_code == 200
    (key,) = re.findall(r"odk_[0-9a-f]{8}_[\w-]+", created.content.decode())
    api_client = ApiClient.objects.get(name="Licence registry")
    assert key not in api_client.key_hash and list(api_client.offices.all()) == [office_a]
    assert key not in client.get(f"/admin/api-clients/{api_client.pk}/").content.decode()
    assert Client().get("/api/v1/applications", **bearer(key)).status_code == 200
    assert "Never" not in client.get("/admin/api-clients/").content.decode()

    rotated = client.post(f"/admin/api-clients/{api_client.pk}/rotate/")
    (new_key,) = re.findall(r"odk_[0-9a-f]{8}_[\w-]+", rotated.content.decode())
    assert new_key != key
    assert Client().get("/api/v1/applications", **bearer(key)).status_code == 401
    assert client.post(f"/admin/api-clients/{api_client.pk}/revoke/").status_code == 302
    assert Client().get("/api/v1/applications", **bearer(new_key)).status_code == 401

    duplicate = client.post(
        "/admin/api-clients/add/", {"name": "Licence registry", "rate_limit": 60}
    )
    assert "Another client has this name." in duplicate.content.decode()


@pytest.mark.django_db
def test_officers_without_the_permission_cannot_manage_clients(client, office_a):
    from tests.factories import OfficerFactory

    client.force_login(OfficerFactory(offices=[office_a]))
    # The admin answers a refusal by sending the officer back to its dashboard.
    assert client.get("/admin/api-clients/")["Location"] == "/admin/"
    refused = client.post("/admin/api-clients/add/", {"name": "x", "rate_limit": 1})
    assert refused["Location"] == "/admin/"
    assert not ApiClient.objects.exists()


@pytest.mark.django_db
def test_the_openapi_description_and_its_page(client):
    schema = client.get("/api/schema/").json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/applications/{reference}/actions/{action}" in schema["paths"]
    refused = schema["paths"]["/api/v1/applications"]["get"]["responses"]["404"]
    assert list(refused["content"]) == ["application/problem+json"]
    page = client.get("/api/docs/").content.decode()
    assert "/api/schema/" in page and "swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
