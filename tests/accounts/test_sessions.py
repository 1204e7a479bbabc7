"""Sessions kept in the database are read with one plain statement (portal.accounts.sessions):
what a signed-in reader sees and when their session ends stay Django's."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db

MY_APPLICATIONS = "/en/my/applications/"


def test_the_portal_keeps_sessions_with_this_store():
    assert settings.SESSION_ENGINE == "portal.accounts.sessions"


def test_a_signed_in_reader_is_known_by_one_read_of_their_session(client, citizen):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(MY_APPLICATIONS)
    assert response.status_code == 200
    read = [
        q["sql"] for q in queries if "django_session" in q["sql"] and q["sql"].startswith("SELECT")
    ]
    assert len(read) == 1
    assert read[0].startswith("SELECT session_data FROM")


def test_an_expired_session_signs_its_reader_out_and_is_not_used_again(client, citizen):
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=old_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(MY_APPLICATIONS)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    # The page that asks to sign in gives a new session, not the expired one back.
    client.get(response["Location"])
    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != old_key


@pytest.mark.parametrize("cookie", ["not-a-session-of-ours-at-all", "short", "x" * 40])
def test_a_session_key_that_is_not_stored_is_a_signed_out_reader(client, cookie):
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    response = client.get(MY_APPLICATIONS)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_signing_out_ends_the_session_on_the_server(client, citizen):
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/en/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies[settings.SESSION_COOKIE_NAME] = key  # the old cookie, replayed
    assert client.get(MY_APPLICATIONS).status_code == 302
