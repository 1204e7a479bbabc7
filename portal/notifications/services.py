"""Writing to the outbox and delivering from it: at least once, and never twice for one row.

A row is claimed by compare-and-set (pending -> sending) before its message goes out, so two
workers cannot both send it. A failed send goes back to pending with a later attempt time
(exponential backoff) until MAX_ATTEMPTS; a send interrupted half way (the worker died while
the row was "sending") is handed back by the sweep after CLAIM_TIMEOUT.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
CLAIM_TIMEOUT = timedelta(minutes=10)


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 6 * 3600))


def outbox_enqueue(
    *, recipient: str, subject: str, body: str, language: str, channel: str = "email"
) -> OutboxMessage:
    """Write a message; it is handed to the worker only if the surrounding transaction commits."""
    message = OutboxMessage.objects.create(
        channel=channel, recipient=recipient, subject=subject, body=body, language=language
    )
    transaction.on_commit(lambda: _schedule(message.pk))
    return message


def _schedule(message_id: int, *, run_after=None) -> None:
    from .tasks import deliver_outbox_message

    task = deliver_outbox_message
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(message_id=message_id)


def _send(message: OutboxMessage) -> None:
    if message.channel == OutboxMessage.Channel.EMAIL:
        EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.recipient],
        ).send()
    else:
        raise ValueError(f"No sender for the {message.channel} channel yet.")


def outbox_deliver(*, message_id: int) -> bool:
    """Send one message if it is due and nobody else is sending it; True if it went out."""
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=message_id, status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
    ).update(status=OutboxMessage.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        _send(message)
    except Exception as error:
        failed = message.attempts >= MAX_ATTEMPTS
        retry_at = now + _backoff(message.attempts)
        OutboxMessage.objects.filter(pk=message_id, status=OutboxMessage.Status.SENDING).update(
            status=OutboxMessage.Status.FAILED if failed else OutboxMessage.Status.PENDING,
            next_attempt_at=retry_at,
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        logger.warning(
            "Outbox message %s not sent (attempt %s): %s", message_id, message.attempts, error
        )
        if not failed:
            _schedule(message_id, run_after=retry_at)
        return False
    OutboxMessage.objects.filter(pk=message_id).update(
        status=OutboxMessage.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def outbox_sweep() -> int:
    """Hand back sends that were interrupted and queue every message now due; how many."""
    now = timezone.now()
    OutboxMessage.objects.filter(
        status=OutboxMessage.Status.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    ).update(status=OutboxMessage.Status.PENDING, next_attempt_at=now)
    due = list(
        OutboxMessage.objects.filter(
            status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
        ).values_list("pk", flat=True)
    )
    for message_id in due:
        _schedule(message_id)
    return len(due)
