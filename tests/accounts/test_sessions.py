"""What every signed-in request reads, its session and its person, is read with one plain
statement each (portal.accounts.sessions, portal.accounts.backends): who is signed in and when
it ends stay Django's."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.accounts.backends import AuthenticationBackend, ModelBackend
from portal.accounts.models import CompanyMembership, User
from portal.applications.selectors import application_draft_get, companies_for_applicant
from tests.factories import CompanyFactory

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


def test_the_signed_in_person_is_read_with_one_plain_statement(client, citizen):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(MY_APPLICATIONS).status_code == 200
    reads = [q["sql"] for q in queries if "accounts_user" in q["sql"].split(" WHERE")[0]]
    assert len(reads) == 1
    assert reads[0].startswith('SELECT * FROM "accounts_user" WHERE "id" = ')


def test_a_person_made_inactive_or_a_service_account_is_signed_out_at_once(client, citizen):
    User.objects.filter(pk=citizen.pk).update(is_active=False)
    assert client.get(MY_APPLICATIONS).status_code == 302
    User.objects.filter(pk=citizen.pk).update(is_active=True)
    assert client.get(MY_APPLICATIONS).status_code == 200
    User.objects.filter(pk=citizen.pk).update(is_service_account=True)
    assert client.get(MY_APPLICATIONS).status_code == 302


@pytest.mark.parametrize("backend", [ModelBackend, AuthenticationBackend])
def test_an_id_that_is_no_one_s_is_nobody(backend, citizen):
    assert backend().get_user(str(citizen.pk)) == citizen
    assert backend().get_user("not-a-number") is None
    assert backend().get_user(citizen.pk + 1000) is None


def test_the_companies_one_may_apply_for_are_one_s_own_by_name(citizen):
    mine = [CompanyFactory(name=name) for name in ("Mekong Trading", "Lao Coffee")]
    for company in mine:
        CompanyMembership.objects.create(company=company, user=citizen)
    CompanyFactory(name="Another's")
    assert [c.name for c in companies_for_applicant(user=citizen)] == [
        "Lao Coffee",
        "Mekong Trading",
    ]
    assert application_draft_get(applicant=citizen, service_page_ids=[]) is None
