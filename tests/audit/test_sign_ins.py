"""Every sign-in, failed sign-in and sign-out is on record, for citizens and staff, with who,
when and from which address."""

import datetime

import pytest
from django.utils import timezone

from portal.audit.models import AuditRecord
from tests.factories import OfficerFactory, UserFactory, totp_code

Action = AuditRecord.Action


def records(action):
    return list(AuditRecord.objects.filter(action=action).order_by("id"))


@pytest.mark.django_db
def test_a_citizen_signing_in_and_out_is_recorded_with_the_address(client):
    user = UserFactory(email="somchai@example.org")

    client.post(
        "/en/accounts/login/",
        {"login": user.email, "password": "correct horse battery"},
        REMOTE_ADDR="203.0.113.7",
    )
    client.post("/en/accounts/logout/", REMOTE_ADDR="203.0.113.7")

    (signed_in,) = records(Action.SIGNED_IN)
    assert signed_in.user_id == user.pk and signed_in.user_email == "somchai@example.org"
    assert signed_in.address == "203.0.113.7"
    assert timezone.now() - signed_in.at < datetime.timedelta(minutes=1)
    assert signed_in.at.utcoffset() == datetime.timedelta(0)
    (signed_out,) = records(Action.SIGNED_OUT)
    assert signed_out.user_id == user.pk


@pytest.mark.django_db
def test_a_wrong_password_and_an_unknown_address_are_recorded_as_failed(client):
    user = UserFactory(email="somchai@example.org")

    client.post("/en/accounts/login/", {"login": user.email, "password": "wrong"})
    client.post("/en/accounts/login/", {"login": "nobody@example.org", "password": "x"})

    failed = records(Action.SIGN_IN_FAILED)
    assert [record.user_email for record in failed] == ["somchai@example.org", "nobody@example.org"]
    assert all("wrong" not in record.detail for record in failed)  # no password is kept
    assert not records(Action.SIGNED_IN)


@pytest.mark.django_db
def test_staff_failing_the_second_step_is_recorded_then_signing_in(client):
    officer = OfficerFactory(email="officer@example.org")
    client.post(
        "/en/accounts/login/",
        {"login": officer.email, "password": "correct horse battery", "next": "/admin/"},
    )
    assert not records(Action.SIGNED_IN)  # the second step is still to come

    client.post("/en/accounts/2fa/authenticate/", {"code": "000000"})
    client.post("/en/accounts/2fa/authenticate/", {"code": totp_code()})

    (failed,) = records(Action.SIGN_IN_FAILED)
    assert failed.user_id == officer.pk and failed.detail == "two-step verification"
    (signed_in,) = records(Action.SIGNED_IN)
    assert signed_in.user_email == "officer@example.org"


@pytest.mark.django_db
def test_behind_the_load_balancer_the_address_it_saw_is_kept(client, settings):
    settings.BEHIND_PROXY = True
    client.post(
        "/en/accounts/login/",
        {"login": "nobody@example.org", "password": "x"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9",
    )
    (failed,) = records(Action.SIGN_IN_FAILED)
    assert failed.address == "203.0.113.9"


@pytest.mark.django_db
def test_an_address_that_is_not_one_is_not_kept(client, settings):
    settings.BEHIND_PROXY = True
    client.post(
        "/en/accounts/login/",
        {"login": "nobody@example.org", "password": "x"},
        HTTP_X_FORWARDED_FOR="not-an-address",
    )
    (failed,) = records(Action.SIGN_IN_FAILED)
    assert failed.address is None


@pytest.mark.django_db
def test_a_guest_typing_a_wrong_code_is_recorded_then_signing_in(
    client, service, mailoutbox, django_capture_on_commit_callbacks
):
    import re

    service.allow_guests = True
    service.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/guest/", {"email": "noy@example.org", "next": "/en/"})
    code = re.search(r"\b(\d{6})\b", mailoutbox[0].body).group(1)

    client.post("/en/accounts/guest/code/", {"code": "000000" if code != "000000" else "111111"})
    client.post("/en/accounts/guest/code/", {"code": code})

    (failed,) = records(Action.SIGN_IN_FAILED)
    assert (failed.user_email, failed.detail) == ("noy@example.org", "guest code")
    (signed_in,) = records(Action.SIGNED_IN)
    assert signed_in.user_email == "noy@example.org"
