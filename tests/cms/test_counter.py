"""Counter intake: a walk-in application registered by an officer, with a printed slip."""

import re

import pytest
from django.contrib.auth.models import Permission

from cms.models import ServicePageOffice
from portal.applications.models import Application, Event
from tests.conftest import make_pdf
from tests.factories import OfficeFactory, OfficerFactory


@pytest.fixture
def office(db):
    return OfficeFactory()


@pytest.fixture
def clerk(office):
    user = OfficerFactory(offices=[office])
    user.user_permissions.add(Permission.objects.get(codename="register_at_counter"))
    return user


@pytest.mark.django_db
def test_a_walk_in_application_gets_a_slip_whose_pin_and_qr_work(
    client, service_page, office, clerk
):
    ServicePageOffice.objects.create(page=service_page, office=office)
    client.force_login(clerk)
    assert service_page.title in client.get("/admin/counter/").content.decode()
    url = f"/admin/counter/{service_page.pk}/"
    form = client.get(url).content.decode()
    assert 'name="form-full_name"' in form and 'type="file"' in form

    refused = client.post(
        url,
        {"citizen-full_name": "", "citizen-phone": "020 55", "form-full_name": "Noy Sisouk"},
    )
    assert refused.status_code == 200
    assert 'value="Noy Sisouk"' in refused.content.decode()
    assert "Enter a phone number that exists" in refused.content.decode()
    assert not Application.objects.exists()

    response = client.post(
        url,
        {
            "citizen-full_name": "Noy Sisouk",
            "citizen-phone": "020 5555 1234",
            "citizen-language": "lo",
            "form-full_name": "Noy Sisouk",
            "form-identity_document": make_pdf("scan.pdf"),
        },
    )
    application = Application.objects.get()
    assert response["Location"] == f"/admin/counter/slips/{application.pk}/"
    assert application.channel == Application.Channel.COUNTER
    assert application.stage.name == "Registration"
    assert application.documents.get().original_name == "scan.pdf"
    assert not application.applicant.has_usable_password()
    # The office is in Laos: the number is read as a Lao one; messages go in Lao.
    assert application.applicant.phone == "+8562055551234"
    assert application.language == "lo"
    assert Event.objects.get(kind=Event.Kind.SUBMITTED).actor == clerk

    slip = client.get(response["Location"]).content.decode()
    pin = re.search(r'<strong class="onedoor-reference">(\d{6})</strong>', slip).group(1)
    assert application.reference in slip and "<svg" in slip
    assert f"/en/track/?reference={application.reference}" in slip
    assert "Shown only on the first print" in client.get(response["Location"]).content.decode()

    client.logout()
    status = client.post("/en/track/", {"reference": application.reference, "pin": pin})
    assert service_page.title in status.content.decode()


@pytest.mark.django_db
def test_only_officers_with_the_counter_permission_and_the_office(client, service_page, office):
    ServicePageOffice.objects.create(page=service_page, office=office)
    client.force_login(OfficerFactory(offices=[office]))
    assert client.get("/admin/counter/")["Location"] == "/admin/"
    elsewhere = OfficerFactory(offices=[OfficeFactory()])
    elsewhere.user_permissions.add(Permission.objects.get(codename="register_at_counter"))
    client.force_login(elsewhere)
    response = client.post(
        f"/admin/counter/{service_page.pk}/",
        {"citizen-full_name": "Noy", "form-full_name": "Noy", "form-identity_document": make_pdf()},
    )
    assert "You do not serve the office" in response.content.decode()
    assert not Application.objects.exists()
