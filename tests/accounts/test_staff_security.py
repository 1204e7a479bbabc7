"""Staff reach the admin only with two-step verification, through a throttled sign-in, and
sessions end after idle time and after an absolute time."""

import pytest

from tests.factories import OfficerFactory, UserFactory, totp_code


@pytest.mark.django_db
def test_staff_without_mfa_are_sent_to_set_it_up_and_kept_out_of_the_admin(client):
    client.force_login(OfficerFactory(mfa=False))
    for url in ("/admin/", "/admin/applications/", "/admin/cashier/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/2fa/" in response["Location"], url
    client.force_login(OfficerFactory())
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_admin_signs_in_through_allauth_with_the_second_factor(client):
    officer = OfficerFactory(email="officer@example.org")
    assert (
        client.get("/admin/login/?next=/admin/")["Location"]
        == "/en/accounts/login/?next=%2Fadmin%2F"
    )
    assert client.get("/admin/")["Location"] == "/en/accounts/login/?next=/admin/"
    response = client.post(
        "/en/accounts/login/",
        {"login": officer.email, "password": "correct horse battery", "next": "/admin/"},
    )
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302  # not yet: the code is asked first
    done = client.post("/en/accounts/2fa/authenticate/", {"code": totp_code()})
    assert done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_failed_sign_ins_are_throttled_for_the_account(client):
    user = UserFactory(email="somchai@example.org")
    for _attempt in range(5):
        client.post("/en/accounts/login/", {"login": user.email, "password": "wrong"})
    blocked = client.post(
        "/en/accounts/login/", {"login": user.email, "password": "correct horse battery"}
    )
    assert "_auth_user_id" not in client.session
    assert blocked.status_code == 200  # the sign-in page again, with the reason
    assert "Too many failed login attempts" in blocked.content.decode()


@pytest.mark.django_db
def test_signing_in_rotates_the_session_and_signing_out_ends_it(client):
    from django.contrib.sessions.models import Session

    user = UserFactory()
    anonymous = client.session  # a visitor's session, from before signing in
    anonymous["seen"] = True
    anonymous.save()
    before = client.cookies["sessionid"].value
    client.post("/en/accounts/login/", {"login": user.email, "password": "correct horse battery"})
    after = client.cookies["sessionid"].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert Session.objects.filter(session_key=after).exists()
    client.post("/en/accounts/logout/")
    assert not Session.objects.filter(session_key=after).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "age"), [("last_seen", 31 * 60), ("auth_at", 13 * 3600)])
def test_sessions_end_after_idle_time_and_after_an_absolute_time(client, session_clock, key, age):
    client.force_login(OfficerFactory())
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[key] = session_clock() - age
    session.save()
    response = client.get("/admin/")
    assert response["Location"] == "/en/accounts/login/?next=/admin/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_session_in_use_stays_open_and_an_idle_one_closes(client, session_clock):
    client.force_login(OfficerFactory())
    for _visit in range(3):  # an hour and a half in all, never 30 minutes idle
        assert client.get("/admin/").status_code == 200
        session_clock.advance(29 * 60)
    assert client.get("/admin/").status_code == 200
    session_clock.advance(31 * 60)
    assert client.get("/admin/")["Location"] == "/en/accounts/login/?next=/admin/"
