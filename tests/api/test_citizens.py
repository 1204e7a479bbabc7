"""The citizen's app: a signed-in person reads their own applications and timeline; the
status look-up by reference and PIN answers as the page does, within the page's limit."""

import json

import pytest
from django.test import Client

from tests.factories import UserFactory, submit_application


def track(client, reference, pin, **extra):
    return client.post(
        "/api/v1/track",
        json.dumps({"reference": reference, "pin": pin}),
        content_type="application/json",
        **extra,
    )


@pytest.mark.django_db
def test_a_signed_in_person_reads_their_own_applications_only(client, service_page, citizen):
    mine = submit_application(service_page, applicant=citizen)
    theirs = submit_application(service_page, applicant=UserFactory())
    listed = client.get("/api/v1/me/applications")
    assert listed.status_code == 200
    assert [row["reference"] for row in listed.json()["results"]] == [mine.reference]
    one = client.get(f"/api/v1/me/applications/{mine.reference}").json()
    assert one["timeline"][0]["kind"] == "submitted" and one["next_step"]
    assert client.get(f"/api/v1/me/applications/{theirs.reference}").status_code == 404
    assert Client().get("/api/v1/me/applications").status_code == 401


@pytest.mark.django_db
def test_the_look_up_gives_the_same_answer_for_a_wrong_reference_or_pin(client, service_page):
    submitted = submit_application(service_page)
    other = submit_application(service_page)
    found = track(client, submitted.reference.lower(), submitted.tracking_pin)
    assert found.status_code == 200
    assert found.json()["reference"] == submitted.reference
    assert "tracking_pin" not in found.content.decode()
    wrong_pin = "000000" if submitted.tracking_pin != "000000" else "111111"
    by_pin = track(client, submitted.reference, wrong_pin)
    by_reference = track(client, other.reference, submitted.tracking_pin)
    assert by_pin.status_code == by_reference.status_code == 404
    assert by_pin.content == by_reference.content
    malformed = track(client, "not a reference!", "1")
    assert malformed.status_code == 422 and malformed.json()["errors"][0]["field"] == "reference"


@pytest.mark.django_db
def test_the_look_up_shares_the_pages_limit(client, service_page):
    submitted = submit_application(service_page)
    for _try in range(5):
        assert track(client, submitted.reference, "000000").status_code == 404
    for _try in range(5):
        client.post("/en/track/", {"reference": submitted.reference, "pin": "000000"})
    limited = track(client, submitted.reference, submitted.tracking_pin)
    assert limited.status_code == 429 and limited["Retry-After"]
    assert limited["Content-Type"] == "application/problem+json"
    elsewhere = track(client, submitted.reference, submitted.tracking_pin, REMOTE_ADDR="10.0.0.2")
    assert elsewhere.status_code == 200
