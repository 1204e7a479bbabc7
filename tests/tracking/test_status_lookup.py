"""Anyone with the reference code and the tracking PIN sees the status, without an account."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import submit_application


@pytest.fixture
def submitted(service_page):
    return submit_application(service_page)


def look_up(client, reference, pin, **extra):
    return client.post("/en/track/", {"reference": reference, "pin": pin}, **extra)


@pytest.mark.django_db
def test_the_right_reference_and_pin_show_the_status_and_timeline(client, submitted):
    typed = submitted.reference.lower().replace("-", " ")
    html = look_up(client, typed, submitted.tracking_pin).content.decode()
    assert "Enterprise registration" in html
    assert "Submitted" in html
    assert submitted.reference in html


@pytest.mark.django_db
def test_a_wrong_reference_and_a_wrong_pin_get_exactly_the_same_answer(client, submitted):
    other = submit_application(submitted.service_page.specific, answers={})
    wrong_pin = "000000" if submitted.tracking_pin != "000000" else "111111"
    by_wrong_pin = look_up(client, submitted.reference, wrong_pin)
    by_wrong_reference = look_up(client, other.reference, submitted.tracking_pin)
    assert by_wrong_pin.status_code == by_wrong_reference.status_code == 200

    def without_token(response):
        html = response.content.decode()
        html = html.replace(submitted.reference, "REF").replace(other.reference, "REF")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert without_token(by_wrong_pin) == without_token(by_wrong_reference)
    assert "could not find an application" in by_wrong_pin.content.decode()
    assert "Enterprise registration" not in by_wrong_pin.content.decode()


@pytest.mark.django_db
def test_the_look_up_is_rate_limited_per_address(client, submitted):
    for _attempt in range(10):
        assert look_up(client, submitted.reference, "000000").status_code == 200
    limited = look_up(client, submitted.reference, submitted.tracking_pin)
    assert limited.status_code == 429
    assert "Too many attempts" in limited.content.decode()
    assert "Enterprise registration" not in limited.content.decode()
    other_address = look_up(
        client, submitted.reference, submitted.tracking_pin, REMOTE_ADDR="10.0.0.2"
    )
    assert other_address.status_code == 200


@pytest.mark.django_db
def test_the_number_of_tries_is_the_portals_setting(client, submitted, settings):
    settings.TRACKING_LOOKUP_LIMIT = 3
    settings.TRACKING_LOOKUP_WINDOW = 60
    for _attempt in range(3):
        assert look_up(client, submitted.reference, "000000").status_code == 200
    limited = look_up(client, submitted.reference, submitted.tracking_pin)
    assert (limited.status_code, limited["Retry-After"]) == (429, "60")


@pytest.mark.django_db
def test_a_malformed_reference_gets_a_message_next_to_the_field(client, submitted):
    html = look_up(client, "hello", "123456").content.decode()
    assert "Enter the reference code as it is written" in html
    assert 'id="id_reference-error"' in html
    assert 'value="hello"' in html
    assert "123456" not in html  # the PIN is not sent back


@pytest.mark.django_db
def test_behind_a_load_balancer_the_limit_counts_the_client_not_the_balancer(
    client, submitted, settings
):
    settings.BEHIND_PROXY = True
    for _attempt in range(10):
        look_up(client, submitted.reference, "000000", HTTP_X_FORWARDED_FOR="203.0.113.7")
    blocked = look_up(client, submitted.reference, "000000", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert blocked.status_code == 429
    other = look_up(client, submitted.reference, "000000", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["C-\x00", "c-7kq2\x00", "ລົງ", "%00"])
def test_a_verification_code_that_cannot_be_one_is_not_found(client, code):
    response = client.get("/en/verify/", {"code": code})
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_empty_form_comes_from_the_page_cache_with_each_readers_own_token(submitted):
    Client().get("/en/track/")
    reader = Client(enforce_csrf_checks=True)
    with CaptureQueriesContext(connection) as queries:
        page = reader.get("/en/track/")
    assert page["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert "no-store" in page["Cache-Control"]  # the view's never_cache is kept
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]

    found = reader.post(
        "/en/track/",
        {
            "reference": submitted.reference,
            "pin": submitted.tracking_pin,
            "csrfmiddlewaretoken": token,
        },
    )

    assert found.status_code == 200
    assert "Enterprise registration" in found.content.decode()
    with_reference = reader.get("/en/track/", {"reference": submitted.reference})
    assert "X-Page-Cache" not in with_reference
    assert submitted.reference in with_reference.content.decode()


@pytest.mark.django_db
def test_the_look_up_takes_the_same_queries_however_long_the_timeline(client, submitted):
    from portal.applications.models import Event
    from portal.tracking.views import LOOKUP_ANSWERS

    def queries_of_look_up() -> int:
        LOOKUP_ANSWERS.clear()  # the answer made anew, not the one kept in memory
        with CaptureQueriesContext(connection) as queries:
            assert look_up(client, submitted.reference, submitted.tracking_pin).status_code == 200
        return len(queries)

    queries_of_look_up()  # the first attempt starts the address's count
    few = queries_of_look_up()
    stage = submitted.stage
    for _ in range(10):
        Event.objects.create(
            application=submitted,
            kind=Event.Kind.FORWARDED,
            from_stage=stage,
            to_stage=stage,
            visible_to_applicant=True,
            message="Checked.",
        )
    assert queries_of_look_up() == few
    # The attempt counted, the application found by its reference and PIN (its id and version
    # only), then with its stage, its service's title in the reader's language, its fee
    # settled, its payments, its result, its timeline.
    assert few == 8


@pytest.mark.django_db
def test_a_look_up_again_is_answered_from_memory_and_shows_each_change_at_once(
    client, service_page
):
    from portal.applications.workflow import application_issue, certificate_revoke
    from tests.applications.test_workflow import walk_to_issuance
    from tests.factories import OfficeFactory
    from tests.review.test_results import officer

    office = OfficeFactory()
    application = submit_application(service_page, office=office)
    pin = application.tracking_pin
    first = look_up(client, application.reference, pin).content.decode()
    assert "Registration" in first and "Approved" not in first

    with CaptureQueriesContext(connection) as queries:
        again = look_up(client, application.reference, pin).content.decode()
    assert again == first
    assert len(queries) == 2  # the attempt counted, the application and its PIN

    # Moved through every stage, its fee paid: shown at the next look-up.
    application = walk_to_issuance(application, office)
    moved = look_up(client, application.reference, pin).content.decode()
    assert "Approved" in moved and "Paid" in moved

    # A result issued, then revoked: each shows at once.
    certificate = application_issue(
        application=application,
        officer=officer("Registration officers", office),
        expected_version=application.version,
    )
    assert "Your result is ready" in look_up(client, application.reference, pin).content.decode()
    certificate_revoke(
        certificate=certificate,
        officer=officer("Office chiefs", office, "assign_application"),
        reason="Wrong holder name",
    )
    revoked = look_up(client, application.reference, pin).content.decode()
    assert "Result revoked" in revoked and "Wrong holder name" in revoked
