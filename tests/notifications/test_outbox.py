"""The outbox: written with the change, sent after commit, retried, never sent twice."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from portal.notifications.models import OutboxMessage
from portal.notifications.services import outbox_deliver, outbox_enqueue, outbox_sweep


def enqueue():
    return outbox_enqueue(
        recipient="somjai@example.org", subject="Hello", body="Your application", language="lo"
    )


@pytest.mark.django_db
def test_a_committed_message_is_sent_once(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue()
    assert [mail.to for mail in mailoutbox] == [["somjai@example.org"]]
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert outbox_deliver(message_id=message.pk) is False
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_sends_nothing(mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue()
        raise RuntimeError("the change failed")
    assert OutboxMessage.objects.count() == 0
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_failing_backend_is_retried_and_the_message_delivered_once(
    django_capture_on_commit_callbacks, mailoutbox, monkeypatch
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
        message = enqueue()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert "SMTP server is down" in message.last_error
    assert message.next_attempt_at > timezone.now()
    assert outbox_deliver(message_id=message.pk) is False  # not due yet

    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert outbox_sweep() == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 2
    assert len(mailoutbox) == 1
    outbox_sweep()
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_an_interrupted_send_is_requeued_by_the_sweep(mailoutbox):
    message = OutboxMessage.objects.create(
        recipient="somjai@example.org",
        subject="Hello",
        body="Your application",
        status=OutboxMessage.Status.SENDING,
        attempts=1,
        claimed_at=timezone.now() - timedelta(hours=1),
    )
    fresh = OutboxMessage.objects.create(
        recipient="other@example.org",
        subject="Hello",
        body="Being sent right now",
        status=OutboxMessage.Status.SENDING,
        attempts=1,
        claimed_at=timezone.now(),
    )
    call_command("outbox_sweep")
    message.refresh_from_db()
    fresh.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert fresh.status == OutboxMessage.Status.SENDING
    assert [mail.to for mail in mailoutbox] == [["somjai@example.org"]]


@pytest.mark.django_db
def test_a_message_that_keeps_failing_stops_after_the_last_attempt(monkeypatch):
    from django.core.mail import EmailMessage

    from portal.notifications import services

    monkeypatch.setattr(
        EmailMessage, "send", lambda self, **kw: (_ for _ in ()).throw(OSError("x"))
    )
    message = enqueue()
    for _attempt in range(services.MAX_ATTEMPTS):
        OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        outbox_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == services.MAX_ATTEMPTS
