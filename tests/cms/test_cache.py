"""Readers signed out and signed in are served from the page cache, each kind its own copy with
the reader's own CSRF token; publishing shows the change at once."""

import re

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import OfficeFactory, UserFactory
from tests.forms.steps import post_step, url


@pytest.mark.django_db
def test_a_second_anonymous_read_costs_no_query(client, service_page):
    assert client.get(service_page.url)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(service_page.url)
    assert response["X-Page-Cache"] == "hit"
    assert service_page.title in response.content.decode()
    assert len(queries) == 0


@pytest.mark.django_db
def test_a_long_address_is_kept_under_a_key_every_cache_takes(client, service_page):
    # A key longer than 250 characters warns (CacheKeyWarning, an error in the tests).
    long = f"{service_page.url}?sort={'x' * 300}"
    assert client.get(long)["X-Page-Cache"] == "miss"
    assert client.get(long)["X-Page-Cache"] == "hit"
    assert client.get(f"/en/{'a' * 300}/").status_code == 404


@pytest.mark.django_db
def test_publishing_shows_the_change_at_once(client, service_page):
    client.get(service_page.url)
    client.get("/en/fees/")
    service_page.title = "Enterprise registration, new rules"
    service_page.save_revision().publish()
    assert "new rules" in client.get(service_page.url).content.decode()
    assert "new rules" in client.get("/en/fees/").content.decode()


@pytest.mark.django_db
def test_an_edited_office_shows_at_once(client, service_page):
    from cms.models import ServicePageOffice

    office = OfficeFactory(phone="+856 21 000 001")
    ServicePageOffice.objects.create(page=service_page, office=office)
    client.get(service_page.url)
    office.phone = "+856 21 000 999"
    office.save()
    assert "+856 21 000 999" in client.get(service_page.url).content.decode()


def _token(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


@pytest.mark.django_db
def test_a_signed_in_reader_is_served_the_signed_in_page_with_their_own_token(
    service_page, session_clock
):
    anonymous = Client()
    assert "Sign in" in anonymous.get(service_page.url).content.decode()

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(UserFactory(email="first@example.org"))
    second.force_login(UserFactory(email="second@example.org"))
    assert first.get(service_page.url)["X-Page-Cache"] == "miss"
    second.get("/en/track/")  # the session's first request notes when it was last seen
    with CaptureQueriesContext(connection) as queries:
        page = second.get(service_page.url)

    assert page["X-Page-Cache"] == "hit"
    # The session, nothing of the page, nor the reader's row: the page is every signed-in
    # reader's.
    assert [query["sql"].split(" FROM ")[1].split()[0] for query in queries] == ['"django_session"']
    text = page.content.decode()
    assert "My applications" in text and "Sign in" not in text
    assert "no-store" in page["Cache-Control"]
    assert "\x00" not in text
    sign_out = re.search(r'<form method="post" action="([^"]+)">', text)[1]
    signed_out = second.post(sign_out, {"csrfmiddlewaretoken": _token(page)})
    assert signed_out.status_code == 302
    assert "_auth_user_id" not in second.session
    assert "Sign in" in anonymous.get(service_page.url).content.decode()


@pytest.mark.django_db
def test_a_sign_in_that_no_longer_holds_never_leaves_a_signed_out_page_for_signed_in_readers(
    service_page, session_clock
):
    """A password changed elsewhere ends the other sessions: the view answers that reader
    signed out, and that page is not kept for the readers who are signed in."""
    stale, signed_in = Client(), Client()
    user = UserFactory()
    stale.force_login(user)
    signed_in.force_login(UserFactory())
    user.set_password("a-new-password-set-elsewhere")
    user.save()
    answered = stale.get(service_page.url)
    assert (
        "Sign in" in answered.content.decode()
        and "My applications" not in answered.content.decode()
    )
    assert not answered.has_header("X-Page-Cache")  # not kept
    page = signed_in.get(service_page.url)
    assert "My applications" in page.content.decode() and "Sign in" not in page.content.decode()


@pytest.mark.django_db
def test_a_reader_with_a_message_waiting_gets_a_fresh_page_that_shows_it(client, service_page):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage

    client.force_login(UserFactory())
    client.get(service_page.url)
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(constants.SUCCESS, "Your details were saved.")
    carrier = HttpResponse()
    storage.update(carrier)
    client.cookies["messages"] = carrier.cookies["messages"].value

    response = client.get(service_page.url)

    assert "X-Page-Cache" not in response
    assert "Your details were saved." in response.content.decode()


@pytest.mark.django_db
def test_a_private_page_is_never_kept_for_the_next_reader(client, service_page):
    PageViewRestriction.objects.create(
        page=service_page, restriction_type=PageViewRestriction.LOGIN
    )
    client.force_login(UserFactory())
    client.get(service_page.url)
    assert "X-Page-Cache" not in client.get(service_page.url)


@pytest.mark.django_db
def test_an_applicants_form_step_is_never_kept_for_the_next_applicant(service):
    first, second = Client(), Client()
    first.force_login(UserFactory(email="first@example.org"))
    second.force_login(UserFactory(email="second@example.org"))
    saved = post_step(
        first, service, "step-1", {"full_name": "Somchai Phommachanh", "business_type": "company"}
    )
    assert saved.status_code == 302
    assert "Somchai Phommachanh" in first.get(url(service, "step-1")).content.decode()

    page = second.get(url(service, "step-1"))

    assert "X-Page-Cache" not in page
    assert "Somchai Phommachanh" not in page.content.decode()


@pytest.mark.django_db
def test_searches_are_never_cached(client, service_page):
    client.get("/en/search/", {"q": "enterprise"})
    assert "X-Page-Cache" not in client.get("/en/search/", {"q": "enterprise"})


@pytest.mark.django_db
def test_the_apply_redirect_is_not_cached(client, service_page):
    response = client.get(service_page.url + "apply/")
    assert response.status_code == 302
    assert "X-Page-Cache" not in response


@pytest.mark.django_db
def test_a_reader_from_a_shared_link_is_served_the_kept_page(client, service_page):
    """Facebook adds its click id to every link shared there, campaigns add their tags: the
    page is the same, so it is served from the cache; it is kept only from an address without
    them, so no reader is given links that carry another's click id."""
    shared = f"{service_page.url}?fbclid=IwAR0-first-reader&utm_source=facebook"
    first = client.get(shared)
    assert first.status_code == 200
    assert "X-Page-Cache" not in first  # made for this address, not kept
    assert client.get(service_page.url)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        again = client.get(f"{service_page.url}?fbclid=IwAR0-another-reader")
    assert again["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert "fbclid" not in again.content.decode()
    # A parameter a page reads still counts: the sorted page is kept under its own address.
    assert client.get(f"{service_page.url}?sort=name")["X-Page-Cache"] == "miss"
    assert client.get(f"{service_page.url}?fbclid=x&sort=name")["X-Page-Cache"] == "hit"
    assert client.get(f"{service_page.url}?fbclid=x&sort=title").get("X-Page-Cache") is None
