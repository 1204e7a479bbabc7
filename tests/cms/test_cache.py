"""Anonymous readers are served from the page cache; publishing shows the change at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OfficeFactory, UserFactory


@pytest.mark.django_db
def test_a_second_anonymous_read_costs_no_query(client, service_page):
    assert client.get(service_page.url)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(service_page.url)
    assert response["X-Page-Cache"] == "hit"
    assert service_page.title in response.content.decode()
    assert len(queries) == 0


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


@pytest.mark.django_db
def test_signed_in_readers_and_searches_are_never_cached(client, service_page):
    client.get(service_page.url)
    client.force_login(UserFactory())
    response = client.get(service_page.url)
    assert "X-Page-Cache" not in response
    assert "My applications" in response.content.decode()
    client.logout()
    assert "X-Page-Cache" not in client.get("/en/search/", {"q": "enterprise"})


@pytest.mark.django_db
def test_the_apply_redirect_is_not_cached(client, service_page):
    response = client.get(service_page.url + "apply/")
    assert response.status_code == 302
    assert "X-Page-Cache" not in response
