"""The outbox: written with the change, sent after commit, retried; a copy is recognisable."""

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


def test_the_lease_outlasts_the_longest_send(settings):
    """A worker still sending when the sweep hands its row back would send it twice: the lease
    is longer than every network step of a send at its timeout, with a margin."""
    from portal.notifications.services import outbox_lease, outbox_longest_send

    smtp = "django.core.mail.backends.smtp.EmailBackend"
    for email_timeout, sms_timeout in [(20, 10), (120, 10), (5, 300), (600, 600)]:
        settings.MAILERS = {
            "default": {"BACKEND": smtp, "OPTIONS": {"host": "smtp.example.gov", "timeout": 0}}
        }
        settings.MAILERS["default"]["OPTIONS"]["timeout"] = email_timeout
        settings.SMS_BACKEND = "http"
        settings.SMS_HTTP_URL = "https://sms.example.gov/messages"
        settings.SMS_HTTP_TIMEOUT = sms_timeout
        longest = outbox_longest_send()
        # At least every step of an SMTP conversation (connect, greeting, EHLO, STARTTLS, EHLO,
        # AUTH, MAIL, RCPT, DATA, the message, QUIT) and of an HTTP request at its timeout.
        assert longest >= timedelta(seconds=11 * email_timeout)
        assert longest >= timedelta(seconds=3 * sms_timeout)
        assert outbox_lease() >= longest + timedelta(minutes=1)


def test_a_mail_server_without_a_timeout_stops_the_start(settings):
    from portal.notifications.checks import check_send_timeouts

    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "smtp.example.gov"},
        }
    }
    [error] = check_send_timeouts(app_configs=None)
    assert error.id == "notifications.E001"
    settings.MAILERS["default"]["OPTIONS"]["timeout"] = 20
    assert check_send_timeouts(app_configs=None) == []
    settings.SMS_HTTP_TIMEOUT = 0
    settings.SMS_BACKEND = "http"
    [error] = check_send_timeouts(app_configs=None)
    assert error.id == "notifications.E002"


@pytest.mark.django_db
def test_a_send_that_outlives_its_lease_is_not_marked_over_the_next_one(
    mailoutbox, caplog, monkeypatch
):
    """The sweep handed the row to another worker, which sent it: the late worker's success
    changes nothing and is logged as a possible duplicate, which carries the same Message-ID."""
    from django.core.mail import EmailMessage

    message = enqueue()
    real_send = EmailMessage.send
    calls = []

    def send_outliving_its_lease(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            # Meanwhile the sweep handed the row back and another worker sent it.
            OutboxMessage.objects.filter(pk=message.pk).update(
                status=OutboxMessage.Status.PENDING, next_attempt_at=timezone.now()
            )
            assert outbox_deliver(message_id=message.pk) is True
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", send_outliving_its_lease)
    outbox_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 2
    assert "may have been sent twice" in caplog.text
    assert len(mailoutbox) == 2
    assert mailoutbox[0].extra_headers["Message-ID"] == mailoutbox[1].extra_headers["Message-ID"]


@pytest.mark.django_db
def test_an_email_has_a_message_id_of_its_outbox_row(mailoutbox, monkeypatch):
    from django.core.mail import EmailMessage

    real_send = EmailMessage.send
    calls = []

    def flaky_send(self, *args, **kwargs):
        calls.append(self.message()["Message-ID"])
        if len(calls) == 1:
            raise ConnectionError("SMTP server is down")
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", flaky_send)
    first, second = enqueue(), enqueue()
    outbox_deliver(message_id=first.pk)
    OutboxMessage.objects.filter(pk=first.pk).update(next_attempt_at=timezone.now())
    outbox_deliver(message_id=first.pk)
    outbox_deliver(message_id=second.pk)
    assert calls[0] == calls[1]  # the retry is recognisably the same message
    assert calls[2] != calls[0]
    assert calls[0].startswith("<") and calls[0].endswith("@onedoor.localhost>")
    first.refresh_from_db()
    assert str(first.key) in calls[0]
