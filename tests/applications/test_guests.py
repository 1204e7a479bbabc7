"""A service that allows guests: an email address proven by a code instead of an account."""

import re

import pytest
from django.utils.http import urlencode

from portal.accounts.models import User
from portal.applications.models import Application
from tests.factories import OfficerFactory, UserFactory
from tests.forms.steps import fill_all, submit, url


@pytest.fixture
def guest_service(service):
    service.allow_guests = True
    service.save_revision().publish()
    return service


def ask_for_code(client, email, next_url, capture):
    with capture(execute=True):
        return client.post("/en/accounts/guest/", {"email": email, "next": next_url})


def code_in(mail) -> str:
    return re.search(r"\b(\d{6})\b", mail.body).group(1)


@pytest.mark.django_db
def test_a_guest_proves_their_email_applies_and_gets_the_confirmation(
    client, guest_service, mailoutbox, django_capture_on_commit_callbacks
):
    start = client.get(url(guest_service, "step-1"))
    assert start["Location"] == "/en/accounts/guest/?" + urlencode(
        {"next": url(guest_service, "step-1")}
    )
    page = client.get(start["Location"]).content.decode()
    assert "Apply without an account" in page

    bad = client.post("/en/accounts/guest/", {"email": "not an email"})
    assert "such as name@example.com" in bad.content.decode()

    sent = ask_for_code(
        client, "Noy@Example.org", url(guest_service, "step-1"), django_capture_on_commit_callbacks
    )
    assert sent["Location"] == "/en/accounts/guest/code/"
    [mail] = mailoutbox
    assert mail.to == ["noy@example.org"]
    code = code_in(mail)

    wrong = client.post("/en/accounts/guest/code/", {"code": "000000" if code != "000000" else "1"})
    assert "The code is not right" in wrong.content.decode()
    right = client.post("/en/accounts/guest/code/", {"code": code})
    assert right["Location"] == url(guest_service, "step-1")

    guest = User.objects.get(email="noy@example.org")
    assert not guest.has_usable_password()
    fill_all(client, guest_service)
    submit(client, guest_service)
    application = Application.objects.get()
    assert application.applicant == guest
    assert application.status == Application.Status.SUBMITTED


@pytest.mark.django_db
def test_a_few_wrong_codes_use_the_code_up(
    client, guest_service, mailoutbox, django_capture_on_commit_callbacks
):
    ask_for_code(client, "noy@example.org", "/en/", django_capture_on_commit_callbacks)
    code = code_in(mailoutbox[0])
    wrong = "000000" if code != "000000" else "111111"
    for _attempt in range(5):
        client.post("/en/accounts/guest/code/", {"code": wrong})
    response = client.post("/en/accounts/guest/code/", {"code": code})
    assert response["Location"] == "/en/accounts/guest/"
    assert not User.objects.filter(email="noy@example.org").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("account", [UserFactory, OfficerFactory])
def test_an_address_with_a_full_account_is_told_to_sign_in_and_never_signed_in_by_code(
    client, guest_service, mailoutbox, django_capture_on_commit_callbacks, account
):
    owner = account(email="somchai@example.org")
    new = ask_for_code(client, "new@example.org", "/en/", django_capture_on_commit_callbacks)
    taken = ask_for_code(client, "somchai@example.org", "/en/", django_capture_on_commit_callbacks)
    assert new["Location"] == taken["Location"]  # the page does not tell who has an account
    reminder = mailoutbox[1]
    assert "already has an account" in reminder.body
    assert "/en/accounts/login/" in reminder.body
    assert not re.search(r"\b\d{6}\b", reminder.body)
    # Even someone who knew the session's code could not sign in as the owner.
    from portal.accounts.models import GuestCode
    from portal.applications import guests

    GuestCode.objects.filter(email="somchai@example.org").update(
        code_hash=guests._code_hash("somchai@example.org", "123456")
    )
    response = client.post("/en/accounts/guest/code/", {"code": "123456"})
    assert response.status_code == 302 and response["Location"] == "/en/accounts/guest/"
    assert "_auth_user_id" not in client.session
    assert owner.has_usable_password()


@pytest.mark.django_db
def test_codes_are_rate_limited_per_address(client, guest_service):
    for attempt in range(5):
        assert client.post("/en/accounts/guest/", {"email": f"p{attempt}@example.org"})["Location"]
    refused = client.post("/en/accounts/guest/", {"email": "p9@example.org"})
    assert refused.status_code == 200
    assert "Too many codes" in refused.content.decode()


@pytest.mark.django_db(transaction=True)
def test_wrong_codes_sent_at_once_still_count_one_by_one(guest_service):
    import threading

    from django.db import connection
    from django.test import Client

    from portal.accounts.models import GuestCode
    from portal.applications import guests

    first = Client()
    first.post("/en/accounts/guest/", {"email": "noy@example.org", "next": "/en/"})
    GuestCode.objects.update(code_hash=guests._code_hash("noy@example.org", "424242"))
    cookie = first.cookies["sessionid"].value
    barrier = threading.Barrier(12)

    def guess():
        try:
            client = Client()
            client.cookies["sessionid"] = cookie
            barrier.wait()
            client.post("/en/accounts/guest/code/", {"code": "000000"})
        finally:
            connection.close()

    threads = [threading.Thread(target=guess) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert GuestCode.objects.get().tries == guests.MAX_TRIES
    response = first.post("/en/accounts/guest/code/", {"code": "424242"})
    assert response["Location"] == "/en/accounts/guest/"
    assert "_auth_user_id" not in first.session


@pytest.mark.django_db(transaction=True)
def test_the_right_code_sent_twice_at_once_signs_in_once_and_tells_the_other(
    guest_service, monkeypatch
):
    """Two tabs (or a double click) send the right code at the same moment."""
    import threading

    from django.db import connection
    from django.test import Client

    from portal.accounts.models import GuestCode
    from portal.applications import guests

    first = Client()
    first.post("/en/accounts/guest/", {"email": "noy@example.org", "next": "/en/"})
    GuestCode.objects.update(code_hash=guests._code_hash("noy@example.org", "424242"))
    cookie = first.cookies["sessionid"].value
    both_checked = threading.Barrier(2, timeout=10)
    code_matches = guests.code_matches

    def code_matches_at_the_same_moment(**kwargs):
        matches = code_matches(**kwargs)
        both_checked.wait()  # both requests have found the code right before either goes on
        return matches

    monkeypatch.setattr(guests, "code_matches", code_matches_at_the_same_moment)
    responses, errors = [], []

    def send_the_code():
        try:
            client = Client()
            client.cookies["sessionid"] = cookie
            response = client.post("/en/accounts/guest/code/", {"code": "424242"})
            responses.append((response, "_auth_user_id" in client.session))
        except Exception as error:  # the test reports any, a 500 included
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send_the_code) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    signed_in = [response for response, signed in responses if signed]
    told = [response for response, signed in responses if not signed]
    assert [response["Location"] for response in signed_in] == ["/en/"]
    assert [response.status_code for response in told] == [200]
    assert "This code was used a moment ago" in told[0].content.decode()
    assert User.objects.filter(email="noy@example.org").count() == 1
    assert not GuestCode.objects.exists()


@pytest.mark.django_db
def test_an_account_made_for_the_address_while_the_code_is_checked_is_never_opened_by_it(
    client, guest_service, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    from portal.applications import guests

    ask_for_code(client, "noy@example.org", "/en/", django_capture_on_commit_callbacks)
    full_account = guests._full_account

    def sign_up_meanwhile(user):
        if user is None and not User.objects.filter(email="noy@example.org").exists():
            UserFactory(email="noy@example.org")  # signs up with a password at that moment
        return full_account(user)

    monkeypatch.setattr(guests, "_full_account", sign_up_meanwhile)
    response = client.post("/en/accounts/guest/code/", {"code": code_in(mailoutbox[0])})
    assert response["Location"] == "/en/accounts/guest/"
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(email="noy@example.org").count() == 1


@pytest.mark.django_db
def test_a_guest_cannot_use_a_service_that_wants_an_account(
    client, service, mailoutbox, django_capture_on_commit_callbacks
):
    other = service  # guests not allowed here
    ask_for_code(
        client, "noy@example.org", url(other, "step-1"), django_capture_on_commit_callbacks
    )
    response = client.post("/en/accounts/guest/code/", {"code": code_in(mailoutbox[0])})
    assert response["Location"] == url(other, "step-1")
    refused = client.get(url(other, "step-1"))
    assert refused["Location"] == "/en/accounts/login/?next=" + url(other, "step-1")
