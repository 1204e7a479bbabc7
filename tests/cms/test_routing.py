"""Pages are found from the page tree kept in memory, and an editor's change of address, of
what is published or of the tree shows at the next request, as with Wagtail's own routing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import SectorPageFactory, ServicePageFactory, UserFactory
from tests.forms.steps import url


def queries_of(client, path) -> tuple[int, int]:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    return status, len(queries)


@pytest.mark.django_db
def test_a_form_step_takes_the_same_queries_however_deep_and_wide_the_catalogue(
    client, service, session_clock
):
    client.force_login(UserFactory())
    status, few = queries_of(client, url(service, "step-1"))
    assert status == 200
    sector = service.get_parent()
    for number in range(5):
        deeper = SectorPageFactory(parent=sector, slug=f"group-{number}")
        ServicePageFactory(parent=deeper, slug=f"service-{number}")

    assert queries_of(client, url(service, "step-1")) == (200, few)
    # The session, the user, the draft, the companies: no query walks the tree, nor reads the
    # page (kept in memory until a page changes), nor looks for view restrictions no page has,
    # nor for the service's other languages.
    assert few == 4


@pytest.mark.django_db
def test_a_page_kept_in_memory_is_each_requests_own_and_republishing_replaces_it(
    client, service, session_clock
):
    client.force_login(UserFactory())
    first = client.get(url(service, "step-1"))
    second = client.get(url(service, "step-1"))
    page_of = lambda response: response.context["page"]  # noqa: E731
    assert page_of(first).pk == page_of(second).pk
    assert page_of(first) is not page_of(second)

    service.title = "Enterprise registration, new rules"
    service.save_revision().publish()
    assert "new rules" in client.get(url(service, "step-1")).content.decode()


@pytest.mark.django_db
def test_an_address_changed_by_publishing_is_followed_at_once(client, service_page):
    assert client.get(service_page.url).status_code == 200
    service_page.slug = "business-registration"
    service_page.save_revision().publish()

    assert client.get("/en/business/business-registration/").status_code == 200
    assert client.get("/en/business/enterprise-registration/").status_code == 404


@pytest.mark.django_db
def test_an_unpublished_page_is_gone_at_once_and_a_new_one_is_there(client, service_page):
    client.force_login(UserFactory())
    assert client.get(service_page.url).status_code == 200
    service_page.unpublish()
    assert client.get(service_page.url).status_code == 404

    ServicePageFactory(parent=service_page.get_parent(), slug="tax-registration")
    assert client.get("/en/business/tax-registration/").status_code == 200


@pytest.mark.django_db
def test_a_moved_page_answers_at_its_new_address(client, service_page, home_page):
    client.get(service_page.url)
    other = SectorPageFactory(parent=home_page, slug="tax")
    service_page.move(other, pos="last-child")

    assert client.get("/en/tax/enterprise-registration/").status_code == 200
    old = client.get("/en/business/enterprise-registration/")  # Wagtail's redirect, made on moving
    assert (old.status_code, old["Location"]) == (301, "/en/tax/enterprise-registration/")


@pytest.mark.django_db
def test_the_home_pages_own_views_come_before_its_children(client, service_page, home_page):
    SectorPageFactory(parent=home_page, slug="fees", title="A sector called fees")
    page = client.get("/en/fees/").content.decode()
    assert "Enterprise registration" in page  # the fee schedule, not the sector
    assert client.get("/en/no-such-page/").status_code == 404


@pytest.mark.django_db
def test_a_page_made_private_is_private_at_once(client, service_page):
    from wagtail.models import PageViewRestriction

    assert client.get(service_page.url).status_code == 200
    PageViewRestriction.objects.create(
        page=service_page.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get(service_page.url)

    assert response.status_code == 302
    assert "login" in response["Location"]
