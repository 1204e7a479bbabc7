"""Acting through the API as an officer would: the stage's actions through the workflow's own
functions, compare-and-set on the version (409 with the current one), the same required
fields, idempotent retries with an Idempotency-Key, and another office's opinion on a
referral."""

import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from portal.applications.models import Application, Event, Referral
from portal.applications.workflow import application_claim, application_refer
from tests.api.conftest import at_stage, bearer, make_client
from tests.factories import OfficeFactory, OfficerFactory


def act(client, key, reference, action, body, **headers):
    return client.post(
        f"/api/v1/applications/{reference}/actions/{action}",
        json.dumps(body),
        content_type="application/json",
        **bearer(key),
        **headers,
    )


@pytest.fixture
def registration_client(office_a):
    return make_client(office_a, groups=["Registration officers"])


@pytest.mark.django_db
def test_forward_moves_it_like_an_officer_and_the_version_goes_up(
    client, application_a, registration_client
):
    api_client, key = registration_client
    before = client.get(f"/api/v1/applications/{application_a.reference}", **bearer(key)).json()
    assert "forward" in before["actions"] and before["stage"]["name"] == "Registration"
    moved = act(client, key, application_a.reference, "forward", {"version": before["version"]})
    assert moved.status_code == 200, moved.content
    body = moved.json()
    assert body["version"] == before["version"] + 1 and body["stage"]["name"] == "Cashier"
    event = Event.objects.get(application=application_a, kind=Event.Kind.FORWARDED)
    assert event.actor == api_client.user


@pytest.mark.django_db
def test_a_write_with_a_key_needs_no_csrf_token(application_a, registration_client):
    _api_client, key = registration_client
    browserless = Client(enforce_csrf_checks=True)
    body = {"version": application_a.version}
    moved = act(browserless, key, application_a.reference, "forward", body)
    assert moved.status_code == 200


@pytest.mark.django_db
def test_a_stale_version_gets_409_with_the_current_one(
    client, application_a, registration_client, office_a
):
    _api_client, key = registration_client
    version = application_a.version
    officer = OfficerFactory(offices=[office_a])
    officer.groups.add(Group.objects.get(name="Registration officers"))
    application_claim(application=application_a, officer=officer, expected_version=version)
    stale = act(client, key, application_a.reference, "forward", {"version": version})
    assert stale.status_code == 409
    assert stale["Content-Type"] == "application/problem+json"
    assert stale.json()["current_version"] == version + 1
    assert not Event.objects.filter(application=application_a, kind=Event.Kind.FORWARDED).exists()


@pytest.mark.django_db
def test_a_write_retried_with_its_idempotency_key_acts_once(
    client, application_a, registration_client
):
    _api_client, key = registration_client
    body = {"version": application_a.version, "message": "On its way."}
    first = act(client, key, application_a.reference, "forward", body, HTTP_IDEMPOTENCY_KEY="k-1")
    again = act(client, key, application_a.reference, "forward", body, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert Event.objects.filter(application=application_a, kind=Event.Kind.FORWARDED).count() == 1
    other = act(
        client, key, application_a.reference, "forward", {"version": 99}, HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert other.status_code == 422 and "Idempotency-Key" in other.json()["detail"]
    # Without a key, the same write sent again meets the version it changed.
    assert act(client, key, application_a.reference, "forward", body).status_code == 409


@pytest.mark.django_db
def test_required_fields_and_unknown_actions_are_named(client, application_a, office_a):
    _api_client, key = make_client(office_a, groups=["Registration officers"])
    application = at_stage(application_a, "Registration")
    no_message = act(client, key, application.reference, "return", {"version": application.version})
    assert no_message.status_code == 422
    assert no_message.json()["errors"][0]["field"] == "message"
    assert no_message.json()["detail"].startswith("message:")
    no_version = act(client, key, application.reference, "forward", {})
    assert no_version.status_code == 422 and no_version.json()["errors"][0]["field"] == "version"
    not_json = client.post(
        f"/api/v1/applications/{application.reference}/actions/forward",
        "{nope",
        content_type="application/json",
        **bearer(key),
    )
    assert not_json.status_code in (400, 422)
    assert not_json["Content-Type"] == "application/problem+json"
    unknown = act(client, key, application.reference, "explode", {"version": 1})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "action"
    not_now = act(client, key, application.reference, "approve", {"version": application.version})
    assert not_now.status_code == 409 and "not possible now" in not_now.json()["detail"]
    assert Application.objects.get(pk=application.pk).version == application.version


@pytest.mark.django_db
def test_without_the_write_scope_nothing_is_done(client, application_a, office_a):
    _api_client, key = make_client(
        office_a, scopes=["applications:read"], groups=["Registration officers"]
    )
    refused = act(client, key, application_a.reference, "forward", {"version": 1})
    assert refused.status_code == 403 and "applications:write" in refused.json()["detail"]


@pytest.mark.django_db
def test_another_agency_gives_its_opinion_on_a_referral(client, application_a, office_a):
    tax_branch = OfficeFactory(name="Tax branch")
    application = at_stage(application_a, "Technical review")
    technician = OfficerFactory(offices=[office_a])
    technician.groups.add(Group.objects.get(name="Technical officers"))
    application_refer(
        application=application,
        officer=technician,
        expected_version=application.version,
        office=tax_branch,
        note="Is the tax registration in order?",
    )
    application.refresh_from_db()
    _api_client, key = make_client(tax_branch, name="Tax branch system")
    seen = client.get(f"/api/v1/applications/{application.reference}", **bearer(key)).json()
    assert seen["referred_to_id"] == tax_branch.pk and "receive_back" in seen["actions"]
    empty = act(client, key, application.reference, "receive_back", {"version": seen["version"]})
    assert empty.status_code == 422 and empty.json()["errors"][0]["field"] == "note"
    back = act(
        client,
        key,
        application.reference,
        "receive_back",
        {"version": seen["version"], "note": "Registered, no tax owed: no objection."},
    )
    assert back.status_code == 200, back.content
    assert back.json()["referred_to_id"] is None
    referral = Referral.objects.get(application=application)
    assert referral.opinion == "Registered, no tax owed: no objection."
    assert "no objection" not in back.content.decode()
    # Back at the referring office: the tax branch still reads it (as its officers do) and
    # can do nothing more to it.
    after = client.get(f"/api/v1/applications/{application.reference}", **bearer(key)).json()
    assert after["actions"] == []


@pytest.mark.django_db
def test_the_result_is_issued_once_with_its_code_and_a_retry_gets_the_same_answer(
    client, service_page, office_a
):
    from portal.applications.models import Certificate
    from tests.applications.test_workflow import walk_to_issuance
    from tests.factories import submit_application

    approved = walk_to_issuance(submit_application(service_page, office=office_a), office_a)
    _api_client, key = make_client(office_a, groups=["Registration officers"])
    before = client.get(f"/api/v1/applications/{approved.reference}", **bearer(key)).json()
    assert "issue" in before["actions"] and before["result"] is None
    body = {"version": before["version"], "valid_until": "2999-12-31", "message": "Collect it"}
    issued = act(client, key, approved.reference, "issue", body, HTTP_IDEMPOTENCY_KEY="r-1")
    assert issued.status_code == 200, issued.content
    result = issued.json()["result"]
    certificate = Certificate.objects.get(application=approved)
    assert result["code"] == certificate.code and result["valid_until"] == "2999-12-31"
    assert result["verify"].endswith(f"/verify/{certificate.code}/")
    again = act(client, key, approved.reference, "issue", body, HTTP_IDEMPOTENCY_KEY="r-1")
    assert again.json() == issued.json() and again["Idempotent-Replayed"] == "true"
    stale = act(client, key, approved.reference, "issue", body)
    assert stale.status_code == 409
    assert Certificate.objects.filter(application=approved).count() == 1
    assert Event.objects.filter(application=approved, kind=Event.Kind.ISSUED).count() == 1
