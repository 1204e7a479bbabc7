"""Personal pages are never stored by a browser or a proxy (``Cache-Control: no-store``): the
back button on a shared computer, after the person left, shows nothing of them. The pages that
show a tracking PIN once are the first of them. Public pages for anonymous readers stay
cacheable."""

import re

import pytest
from django.contrib.auth.models import Permission

from cms.models import ServicePageOffice
from portal.applications.models import Application
from tests.conftest import make_pdf
from tests.factories import OfficeFactory, OfficerFactory, submit_application
from tests.forms.steps import fill_all, submit, url


def never_stored(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_the_confirmation_that_shows_the_tracking_pin_once_is_never_stored(
    client, service, citizen
):
    fill_all(client, service)
    confirmation = client.get(submit(client, service)["Location"])
    assert confirmation.status_code == 200
    assert "Tracking PIN" in confirmation.content.decode()
    assert never_stored(confirmation)
    assert "private" in confirmation["Cache-Control"]


@pytest.mark.django_db
def test_the_counter_slip_that_shows_the_tracking_pin_once_is_never_stored(client, service_page):
    office = OfficeFactory()
    ServicePageOffice.objects.create(page=service_page, office=office)
    clerk = OfficerFactory(offices=[office])
    clerk.user_permissions.add(Permission.objects.get(codename="register_at_counter"))
    client.force_login(clerk)
    form_url = f"/admin/counter/{service_page.pk}/"
    token = re.search(
        r'name="counter-token" value="([^"]+)"', client.get(form_url).content.decode()
    ).group(1)
    registered = client.post(
        form_url,
        {
            "counter-token": token,
            "citizen-full_name": "Noy Sisouk",
            "citizen-phone": "020 5555 1234",
            "citizen-language": "en",
            "form-full_name": "Noy Sisouk",
            "form-identity_document": make_pdf("passport-scan.pdf"),
        },
    )
    assert registered["Location"] == f"/admin/counter/slips/{Application.objects.get().pk}/"
    slip = client.get(registered["Location"])
    assert re.search(r'<strong class="onedoor-reference">\d{6}</strong>', slip.content.decode())
    assert never_stored(slip)


@pytest.mark.django_db
def test_every_page_a_signed_in_person_reads_is_never_stored(client, service, citizen):
    application = submit_application(service, applicant=citizen)
    pages = [
        "/en/my/applications/",
        f"/en/my/applications/{application.reference}/",
        url(service, "step-1"),  # the form, with what they typed
        "/en/my/account/",
        "/en/my/companies/",
        "/en/accounts/email/",  # allauth's pages: addresses, two-step verification
        "/en/accounts/2fa/",
        "/en/accounts/password/change/",
        service.url,  # a public page, with their name in the header
        "/en/fees/",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert never_stored(response), page


@pytest.mark.django_db
def test_public_pages_stay_cacheable_for_anonymous_readers(client, service_page):
    for _read in range(2):
        response = client.get(service_page.url)
        assert response.status_code == 200
        assert not never_stored(response)
    assert response["X-Page-Cache"] == "hit"
