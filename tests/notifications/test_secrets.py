"""Secrets in messages (the tracking PIN, one-time codes, invitation links) reach their reader
but are not kept: no outbox row holds one once its message is sent or given up, and finished
rows are deleted after ``OUTBOX_RETENTION_DAYS``."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.accounts.models import CompanyMembership
from portal.accounts.services import company_invite
from portal.notifications import services
from portal.notifications.models import OutboxMessage
from portal.notifications.services import outbox_deliver, outbox_purge
from tests.factories import CompanyFactory, UserFactory, company_member, submit_application


def stored_anywhere(secret: str) -> list[OutboxMessage]:
    """The outbox rows that hold ``secret`` in any of their columns."""
    return [
        message
        for message in OutboxMessage.objects.all()
        if any(secret in str(value) for value in vars(message).values())
    ]


@pytest.mark.django_db
def test_the_confirmation_tells_the_pin_and_no_outbox_row_keeps_it(
    service, mailoutbox, sms_outbox, django_capture_on_commit_callbacks
):
    applicant = UserFactory(email="somchai@example.org", phone="+8562055551234")
    with django_capture_on_commit_callbacks(execute=True):
        application = submit_application(service, applicant=applicant)
    pin = application.tracking_pin
    assert f"Tracking PIN: {pin}" in mailoutbox[-1].body
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count() == 2
    assert stored_anywhere(pin) == []
    kept = OutboxMessage.objects.get(channel=OutboxMessage.Channel.EMAIL)
    assert application.reference in kept.body  # the rest of the message is kept
    assert "Tracking PIN: [not kept]" in kept.body


@pytest.mark.django_db
def test_a_pin_waits_in_the_outbox_until_a_retry_sends_it(
    service, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.mail import EmailMessage

    real_send = EmailMessage.send
    calls = []

    def flaky_send(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionError("SMTP server is down")
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", flaky_send)
    with django_capture_on_commit_callbacks(execute=True):
        application = submit_application(service)
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.PENDING
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert outbox_deliver(message_id=message.pk) is True
    assert f"Tracking PIN: {application.tracking_pin}" in mailoutbox[-1].body
    assert stored_anywhere(application.tracking_pin) == []


@pytest.mark.django_db
def test_a_message_given_up_keeps_no_secret(service, monkeypatch):
    from django.core.mail import EmailMessage

    monkeypatch.setattr(
        EmailMessage, "send", lambda self, **kw: (_ for _ in ()).throw(OSError("refused"))
    )
    application = submit_application(service)
    message = OutboxMessage.objects.get()
    for _attempt in range(services.MAX_ATTEMPTS):
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        outbox_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert stored_anywhere(application.tracking_pin) == []


@pytest.mark.django_db
def test_a_guest_code_is_emailed_and_not_kept(
    client, service, mailoutbox, django_capture_on_commit_callbacks
):
    service.allow_guests = True
    service.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/guest/", {"email": "noy@example.org", "next": "/en/"})
    [mail] = mailoutbox
    code = re.search(r"\b(\d{6})\b", mail.body).group(1)
    assert code in mail.subject
    assert stored_anywhere(code) == []


@pytest.mark.django_db
def test_a_phone_code_is_texted_and_not_kept(
    client, citizen, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/my/account/",
            {"first_name": "Somchai", "last_name": "K", "phone": "020 5555 1234"},
        )
    code = re.search(r"\b(\d{6})\b", sms_outbox[-1]["text"]).group(1)
    assert stored_anywhere(code) == []


@pytest.mark.django_db
def test_an_invitation_link_is_emailed_and_not_kept(mailoutbox, django_capture_on_commit_callbacks):
    company = CompanyFactory()
    owner = company_member(company, role=CompanyMembership.Role.OWNER)
    with django_capture_on_commit_callbacks(execute=True):
        company_invite(company=company, inviter=owner, email="noy@example.org", language="en")
    token = re.search(r"/companies/join/([^\s/]+)/", mailoutbox[-1].body).group(1)
    assert len(token) > 20
    assert stored_anywhere(token) == []


def finished(days_ago: int, status=OutboxMessage.Status.SENT) -> OutboxMessage:
    message = OutboxMessage.objects.create(
        recipient="somjai@example.org", subject="Hello", body="News", status=status
    )
    OutboxMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return message


@pytest.mark.django_db
def test_old_sent_and_failed_messages_are_purged_recent_and_waiting_ones_kept(settings):
    settings.OUTBOX_RETENTION_DAYS = 30
    old_sent = finished(31)
    old_failed = finished(45, OutboxMessage.Status.FAILED)
    recent_sent = finished(29)
    recent_failed = finished(2, OutboxMessage.Status.FAILED)
    old_waiting = finished(40, OutboxMessage.Status.PENDING)
    old_sending = finished(40, OutboxMessage.Status.SENDING)

    assert outbox_purge() == 2
    left = set(OutboxMessage.objects.values_list("pk", flat=True))
    assert left == {recent_sent.pk, recent_failed.pk, old_waiting.pk, old_sending.pk}
    assert old_sent.pk not in left and old_failed.pk not in left

    settings.OUTBOX_RETENTION_DAYS = 1
    call_command("purge_outbox")
    left = set(OutboxMessage.objects.values_list("pk", flat=True))
    assert left == {old_waiting.pk, old_sending.pk}
