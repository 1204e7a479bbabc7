"""A new citizen's whole way through: sign up, verify the email, apply, track the application,
answer the office, and see the news by email and SMS."""

import re

import pytest
from django.contrib.auth.models import Group

from portal.applications.models import Application
from portal.applications.workflow import application_forward, application_return
from tests.conftest import make_pdf
from tests.factories import OfficeFactory, OfficerFactory
from tests.forms.steps import fill_all, submit


@pytest.mark.django_db
def test_sign_up_verify_apply_and_track(
    client, service, mailoutbox, sms_outbox, django_capture_on_commit_callbacks
):
    office = OfficeFactory(country="LA")
    service.office_links.create(office=office)
    service.save_revision().publish()

    # Sign up: nothing is open until the address is proven.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/accounts/signup/",
            {
                "email": "somjai@example.la",
                "password1": "a long and new passphrase",
                "password2": "a long and new passphrase",
            },
        )
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert client.get("/en/my/applications/").status_code == 302  # not signed in yet
    welcome = mailoutbox[-1]
    assert welcome.subject == "[Onedoor] Confirm your email address"
    assert "finish creating your account on Onedoor" in welcome.body
    assert "Hello from" not in welcome.body
    confirm = re.search(r"/en/accounts/confirm-email/[^\s]+/", welcome.body).group(0)
    assert client.post(confirm).status_code == 302  # signs in (ACCOUNT_LOGIN_ON_EMAIL_...)

    # A phone number on the profile, for text messages, confirmed by the code texted to it.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/my/account/", {"first_name": "Somjai", "last_name": "", "phone": "020 5555 1234"}
        )
    code = re.search(r"\b(\d{6})\b", sms_outbox[-1]["text"]).group(1)
    client.post("/en/my/account/phone/", {"code": code})

    # Apply.
    with django_capture_on_commit_callbacks(execute=True):
        fill_all(client, service)
        confirmation = client.get(submit(client, service)["Location"]).content.decode()
    application = Application.objects.get()
    assert application.applicant.email == "somjai@example.la"
    assert application.reference in confirmation
    pin = re.search(r"Tracking PIN: (\d{6})", mailoutbox[-1].body).group(1)
    assert application.reference in sms_outbox[-1]["text"]

    # Track: "My applications", sorted by what each needs.
    listing = client.get("/en/my/applications/").content.decode()
    assert "Fees to pay" in listing and application.reference in listing  # due at submission
    assert f"/en/my/applications/{application.reference}/pay/" in listing

    # The office asks for more: it is at the top of the list, with what was asked.
    registrar = OfficerFactory(offices=[office])
    registrar.groups.add(Group.objects.get(name="Registration officers"))
    with django_capture_on_commit_callbacks(execute=True):
        application = application_return(
            application=application,
            officer=registrar,
            expected_version=application.version,
            message="Upload a clearer scan of your identity card.",
        )
    listing = client.get("/en/my/applications/").content.decode()
    assert listing.index("Action needed") < listing.index(application.reference)
    assert "Upload a clearer scan of your identity card." in listing
    assert "clearer scan" in mailoutbox[-1].body
    assert "needs more information" in sms_outbox[-1]["text"]
    client.post(
        f"/en/my/applications/{application.reference}/answer/",
        {"message": "Here it is.", "document": make_pdf("clearer.pdf")},
    )

    # The office carries on; the timeline shows each stage with its date.
    application.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        application = application_forward(
            application=application, officer=registrar, expected_version=application.version
        )
    detail = client.get(f"/en/my/applications/{application.reference}/").content.decode()
    timeline = detail[detail.index("Progress") :]
    for shown in (
        "Submitted",
        "Returned for more information",
        "Information sent by the applicant",
        "Moved to the next stage",
        "Cashier",
    ):
        assert shown in timeline, shown
    assert "Pay now" in detail  # the fee is due at submission
    assert "clearer.pdf" in detail

    # And without signing in, with the reference code and PIN.
    client.logout()
    status = client.post("/en/track/", {"reference": application.reference, "pin": pin})
    assert "Cashier" in status.content.decode()
    assert "To pay" in status.content.decode()  # the fee the application waits for
