"""Reading through the API: the catalogue in each language, applications page by page and
since a time, one application with its answers labelled as its form was, its events, its
documents through the same checks as the admin, and the public statistics."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from portal.applications.models import Application, Event
from portal.applications.services import NewDocument
from portal.applications.workflow import application_note
from portal.audit.models import AuditRecord
from tests.api.conftest import bearer, make_client
from tests.conftest import make_pdf
from tests.factories import OfficerFactory, submit_application, translate_service


@pytest.mark.django_db
def test_the_catalogue_is_public_and_in_each_language(client, service_page, office_a):
    service_page.office_links.create(office=office_a)
    service_page.required_documents = [
        {
            "type": "document",
            "value": {
                "name": "Identity card",
                "original_or_copy": "copy",
                "copies": 1,
                "mandatory": True,
                "accepted_types": ["pdf"],
                "note": "",
            },
        }
    ]
    service_page.save_revision().publish()
    translate_service(service_page, "lo", "ການຈົດທະບຽນວິສາຫະກິດ")
    english = client.get("/api/v1/services")
    assert english.status_code == 200 and english["Content-Type"].startswith("application/json")
    (service,) = english.json()["results"]
    assert service["title"] == "Enterprise registration"
    assert service["service_standard_days"] == 10
    assert service["fee"]["currency"] == "LAK" and service["fee"]["lines"][0]["amount"] == 5_000_000
    assert service["required_documents"][0]["name"] == "Identity card"
    assert [office["name"] for office in service["offices"]] == ["Xaysetha District"]
    (lao,) = client.get("/api/v1/services?language=lo").json()["results"]
    assert lao["title"] == "ການຈົດທະບຽນວິສາຫະກິດ" and lao["language"] == "lo"
    assert lao["key"] == service["key"]
    wrong = client.get("/api/v1/services?language=fr")
    assert wrong.status_code == 422 and wrong["Content-Type"] == "application/problem+json"
    assert wrong.json()["errors"][0]["field"] == "language"


@pytest.mark.django_db
def test_pages_follow_a_stable_cursor_and_updated_since(client, service_page, office_a):
    applications = [submit_application(service_page, office=office_a) for _n in range(5)]
    base = timezone.now() - datetime.timedelta(days=1)
    for minutes, application in enumerate(applications):
        Application.objects.filter(pk=application.pk).update(
            updated_at=base + datetime.timedelta(minutes=minutes)
        )
    _api_client, key = make_client(office_a)
    seen, cursor = [], None
    while True:
        query = "?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(f"/api/v1/applications{query}", **bearer(key)).json()
        seen += [row["reference"] for row in page["results"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [application.reference for application in applications]

    since = (base + datetime.timedelta(minutes=3)).isoformat().replace("+00:00", "Z")
    recent = client.get("/api/v1/applications", {"updated_since": since}, **bearer(key)).json()
    assert [row["reference"] for row in recent["results"]] == [
        application.reference for application in applications[3:]
    ]

    too_many = client.get("/api/v1/applications?limit=500", **bearer(key))
    assert too_many.status_code == 422
    assert too_many.json()["errors"][0]["field"] == "limit"
    forged = client.get("/api/v1/applications?cursor=bm9wZQ", **bearer(key))
    assert forged.status_code == 422 and forged.json()["detail"].startswith("cursor:")


@pytest.mark.django_db
def test_one_application_with_labelled_answers_and_never_a_pin_or_a_note(
    client, service_page, office_a
):
    application = submit_application(
        service_page,
        office=office_a,
        answers={"full_name": "Somchai Phommavong"},
        documents=[NewDocument("identity_document", make_pdf("card.pdf"), "application/pdf")],
    )
    Application.objects.filter(pk=application.pk).update(status=Application.Status.IN_REVIEW)
    _api_client, key = make_client(office_a)
    officer = OfficerFactory(offices=[office_a])
    officer.groups.add(Group.objects.get(name="Registration officers"))
    application_note(application=application, officer=officer, note="Call the tax office first.")
    response = client.get(f"/api/v1/applications/{application.reference}", **bearer(key))
    assert response.status_code == 200
    body = response.json()
    assert body["answers"] == [
        {
            "step": "About you",
            "name": "full_name",
            "label": "Full name",
            "value": "Somchai Phommavong",
            "text": "Somchai Phommavong",
        }
    ]
    (document,) = body["documents"]
    assert document["label"] == "Identity document" and document["original_name"] == "card.pdf"
    assert body["version"] == Application.objects.get(pk=application.pk).version
    text = response.content.decode()
    assert application.tracking_pin_hash not in text
    assert "tracking_pin" not in text and "Call the tax office" not in text

    events = client.get(f"/api/v1/applications/{application.reference}/events", **bearer(key))
    kinds = [event["kind"] for event in events.json()["results"]]
    assert kinds == [Event.Kind.SUBMITTED, Event.Kind.NOTE]
    assert "Call the tax office" not in events.content.decode()

    download = client.get(document["download"], **bearer(key))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert AuditRecord.objects.filter(
        action=AuditRecord.Action.DOCUMENT_DOWNLOADED, application_id=application.pk
    ).exists()


@pytest.mark.django_db
def test_documents_need_their_scope_and_the_office(client, service_page, office_a, office_b):
    application = submit_application(
        service_page,
        office=office_b,
        documents=[NewDocument("identity_document", make_pdf("card.pdf"), "application/pdf")],
    )
    document = application.documents.get()
    _other_office, key = make_client(office_a)
    refused = client.get(f"/api/v1/documents/{document.pk}", **bearer(key))
    assert refused.status_code == 404
    assert client.get("/api/v1/documents/not-a-uuid", **bearer(key)).status_code == 404
    _no_scope, key_b = make_client(office_b, scopes=["applications:read"], name="Registry")
    assert client.get(f"/api/v1/documents/{document.pk}", **bearer(key_b)).status_code == 403


@pytest.mark.django_db
def test_the_public_statistics_need_no_key(client, home_page):
    response = client.get("/api/v1/statistics")
    assert response.status_code == 200
    body = response.json()
    assert {row["table"] for row in body["results"]} == {"per_month"}
    assert len(body["results"]) == 12
    assert "withheld" in body and "received" in body["columns"]
    unknown = client.get("/api/v1/statistics?office=7f1c1e9a-0000-4000-8000-000000000000")
    assert unknown.status_code == 404
