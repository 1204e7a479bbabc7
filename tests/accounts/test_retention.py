"""Expired one-time codes and links, closed invitations and expired sessions are deleted on
their schedules, each after its own time; what is still live stays."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from portal.accounts.models import CompanyInvitation, GuestCode, PhoneConfirmation
from portal.accounts.tasks import purge_invitations, purge_sessions
from portal.applications.models import CounterIntake
from portal.applications.tasks import purge_codes
from portal.core.scheduler import scheduled_tasks
from tests.factories import ApplicationFactory, CompanyFactory, UserFactory


def ago(**delta):
    return timezone.now() - datetime.timedelta(**delta)


def test_every_purge_is_scheduled():
    names = set(scheduled_tasks())
    assert {
        "cms.tasks.purge_personal_data",
        "portal.applications.tasks.purge_codes",
        "portal.applications.tasks.purge_orphan_files",
        "portal.accounts.tasks.purge_invitations",
        "portal.accounts.tasks.purge_sessions",
        "portal.notifications.tasks.purge_outbox",
    } <= names


@pytest.mark.django_db
def test_expired_codes_and_counter_links_go_after_their_time(settings):
    settings.CODE_RETENTION_DAYS = 1
    GuestCode.objects.create(email="old@example.org", code_hash="x", expires_at=ago(days=2))
    GuestCode.objects.create(email="new@example.org", code_hash="y", expires_at=ago(hours=2))
    PhoneConfirmation.objects.create(
        user=UserFactory(), phone="+8562055551234", code_hash="z", expires_at=ago(days=3)
    )
    officer = UserFactory()
    old_link = CounterIntake.objects.create(
        application=ApplicationFactory(),
        form_token="a",
        officer=officer,
        claim_email="noy@example.org",
        claim_token_hash="h1",
        claim_expires_at=ago(days=2),
    )
    live_link = CounterIntake.objects.create(
        application=ApplicationFactory(),
        form_token="b",
        officer=officer,
        claim_email="kham@example.org",
        claim_token_hash="h2",
        claim_expires_at=timezone.now() + datetime.timedelta(days=10),
    )
    purge_codes.enqueue()
    assert list(GuestCode.objects.values_list("email", flat=True)) == ["new@example.org"]
    assert not PhoneConfirmation.objects.exists()
    old_link.refresh_from_db()
    live_link.refresh_from_db()
    assert (old_link.claim_token_hash, old_link.claim_email) == ("", "")
    assert live_link.claim_token_hash == "h2"
    purge_codes.enqueue()  # again: nothing more
    assert GuestCode.objects.count() == 1


@pytest.mark.django_db
def test_closed_invitations_go_after_their_time_and_open_ones_stay(settings):
    settings.INVITATION_RETENTION_DAYS = 30
    company = CompanyFactory()

    def invitation(email, **fields):
        return CompanyInvitation.objects.create(
            company=company,
            email=email,
            token_hash=email,
            expires_at=fields.pop("expires_at", timezone.now() + datetime.timedelta(days=14)),
            **fields,
        )

    invitation("accepted-long-ago@example.org", accepted_at=ago(days=31))
    invitation("cancelled-long-ago@example.org", cancelled_at=ago(days=40))
    invitation("expired-long-ago@example.org", expires_at=ago(days=31))
    invitation("accepted-lately@example.org", accepted_at=ago(days=3))
    invitation("open@example.org")
    purge_invitations.enqueue()
    assert set(CompanyInvitation.objects.values_list("email", flat=True)) == {
        "accepted-lately@example.org",
        "open@example.org",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "engine", ["portal.accounts.sessions", "django.contrib.sessions.backends.db"]
)
def test_expired_sessions_go(settings, engine):
    settings.SESSION_ENGINE = engine
    settings.SESSION_RETENTION_DAYS = 0
    for expiry in (-3600, 3600):
        store = SessionStore()
        store["x"] = 1
        store.set_expiry(expiry)
        store.create()
    Session.objects.filter(expire_date__lt=timezone.now() + datetime.timedelta(minutes=1)).update(
        expire_date=ago(hours=1)
    )
    purge_sessions.enqueue()
    assert Session.objects.count() == 1
    assert Session.objects.get().expire_date > timezone.now()
