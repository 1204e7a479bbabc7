"""Writing to the outbox and delivering from it: at least once, and twice only when a worker
is lost between the provider's acceptance and the row's "sent".

``notification_send`` is how the rest of the portal tells someone something: it renders the
message in the reader's language, as an email and (when they have a phone number and the
message has a text version) an SMS, and writes both to the outbox.

A row is claimed by compare-and-set (pending -> sending) before its message goes out, so two
workers cannot both send it. A failed send goes back to pending with a later attempt time
(exponential backoff) until MAX_ATTEMPTS; a send interrupted half way (the worker died while
the row was "sending") is handed back by the sweep once its lease (``outbox_lease``) is over.
The lease is derived from the senders' timeouts, so a worker that is still sending is never
overtaken. A worker lost after the provider took the message and before the row says "sent"
makes the sweep send it again: the copy carries the same Message-ID (email) or Idempotency-Key
(SMS), so mail programs and providers that honour the key recognise it.

Secrets a message tells (a tracking PIN, a one-time code, an invitation link) are kept apart
from its text and erased once it is sent or given up: the outbox keeps no secret for longer
than it takes to deliver. Finished rows are deleted after ``OUTBOX_RETENTION_DAYS``.
"""

import logging
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.db.models import F
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from .models import OutboxMessage
from .sms import SmsNotSent, sms_sender, sms_sender_class
from .webhooks import webhook_post

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# The network steps of one email over SMTP, each bounded by the mailer's timeout: connect,
# greeting, EHLO, STARTTLS, EHLO again, AUTH (two exchanges), MAIL, RCPT, DATA, the message, QUIT.
SMTP_STEPS = 12
# The lease is at least this long (a crashed worker's messages wait this long at most)...
MIN_LEASE = timedelta(minutes=10)
# ...and at least this much longer than the longest send.
LEASE_MARGIN = timedelta(minutes=2)
# What a secret reads as in the kept copy of a message.
SECRET_MASK = "[not kept]"  # noqa: S105 (a mask, not a password)


def _placeholder(name: str) -> str:
    return f"\u27e6secret:{name}\u27e7"


def _fill(text: str, values: dict) -> str:
    for name, value in values.items():
        text = text.replace(_placeholder(name), str(value))
    return text


def _mailer_timeout() -> float | None:
    """The default mailer's timeout in seconds: 0 for a mailer that talks to no server, None
    for an SMTP server without a usable timeout (the start-up check refuses that)."""
    mailer = settings.MAILERS.get("default", {})
    backend = import_string(mailer.get("BACKEND", "django.core.mail.backends.smtp.EmailBackend"))
    if not issubclass(backend, SmtpBackend):
        return 0
    timeout = mailer.get("OPTIONS", {}).get("timeout")
    return timeout if timeout and timeout > 0 else None


def outbox_longest_send() -> timedelta:
    """The longest one send can take when every network step waits its full timeout (the start
    refuses senders without one: see ``checks``)."""
    email = (_mailer_timeout() or 0) * SMTP_STEPS
    sms = sms_sender_class().longest_send() if sms_enabled() else 0
    return timedelta(seconds=max(email, sms, settings.WEBHOOK_TIMEOUT))


def outbox_lease() -> timedelta:
    """How long a claimed row belongs to its worker before the sweep hands it to another."""
    return max(MIN_LEASE, outbox_longest_send() + LEASE_MARGIN)


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 6 * 3600))


def outbox_enqueue(
    *,
    recipient: str,
    subject: str,
    body: str,
    language: str,
    channel: str = "email",
    secret_values: dict | None = None,
) -> OutboxMessage:
    """Write a message; it is handed to the worker only if the surrounding transaction commits.
    ``secret_values`` fill the subject's and body's placeholders when it is sent, and are
    erased after."""
    message = OutboxMessage.objects.create(
        channel=channel,
        recipient=recipient,
        subject=subject,
        body=body,
        language=language,
        secret_values=secret_values or {},
    )
    transaction.on_commit(lambda: _schedule(message.pk))
    return message


def deliverable_email(address: str) -> bool:
    """Whether mail to this address can arrive: not empty, and not under the reserved
    ``.invalid`` top-level domain (walk-in applicants without an email get such an address)."""
    return bool(address) and not address.lower().endswith(".invalid")


def sms_enabled() -> bool:
    return settings.SMS_BACKEND != "off"


def notification_send(
    *,
    template: str,
    context: dict,
    language: str,
    email: str = "",
    phone: str = "",
    secrets: dict | None = None,
) -> list[OutboxMessage]:
    """Tell someone something, in ``language``: an email from
    ``notifications/email/<template>_subject.txt`` and ``<template>.txt``, and an SMS from
    ``notifications/sms/<template>.txt`` when that exists and a phone number is given. Both are
    written to the outbox, so they leave only if the surrounding transaction commits.

    ``secrets`` are context values the reader must get but the outbox must not keep (a PIN, a
    code, a link with a token): the templates see them like the rest of the context."""
    messages = []
    secrets = secrets or {}
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        **context,
        **{name: _placeholder(name) for name in secrets},
    }
    with translation.override(language):
        if deliverable_email(email):
            subject = render_to_string(f"notifications/email/{template}_subject.txt", context)
            body = render_to_string(f"notifications/email/{template}.txt", context)
            messages.append(
                outbox_enqueue(
                    recipient=email,
                    subject=" ".join(subject.split()),
                    body=body,
                    language=language,
                    secret_values=_used(secrets, subject + body),
                )
            )
        if phone and sms_enabled():
            try:
                text = render_to_string(f"notifications/sms/{template}.txt", context)
            except TemplateDoesNotExist:
                text = ""
            if text.strip():
                messages.append(
                    outbox_enqueue(
                        recipient=phone,
                        subject="",
                        body=" ".join(text.split()),
                        language=language,
                        channel=OutboxMessage.Channel.SMS,
                        secret_values=_used(secrets, text),
                    )
                )
    return messages


def _used(secrets: dict, text: str) -> dict:
    """The secrets a rendered message shows (a text version may leave the link out)."""
    return {name: value for name, value in secrets.items() if _placeholder(name) in text}


def _schedule(message_id: int, *, run_after=None) -> None:
    from .tasks import deliver_outbox_message

    task = deliver_outbox_message
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(message_id=message_id)


def _message_id(message: OutboxMessage) -> str:
    """The email's Message-ID: the same on every attempt, so a copy is recognisably one."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or DNS_NAME.get_fqdn()
    return f"<outbox-{message.key}@{domain}>"


def _send(message: OutboxMessage) -> None:
    body = _fill(message.body, message.secret_values)
    if message.channel == OutboxMessage.Channel.EMAIL:
        EmailMessage(
            subject=_fill(message.subject, message.secret_values),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.recipient],
            headers={"Message-ID": _message_id(message)},
        ).send()
    elif message.channel == OutboxMessage.Channel.SMS:
        sms_sender().send(to=message.recipient, text=body, key=f"onedoor-outbox-{message.key}")
    elif message.channel == OutboxMessage.Channel.WEBHOOK:
        webhook_post(
            url=message.recipient,
            # As written: its only secret signs it, and is never put into the body.
            body=message.body,
            secret=message.secret_values.get("signing_secret", ""),
            delivery_id=str(message.key),
        )
    else:
        raise SmsNotSent(f"No sender for the {message.channel} channel.", permanent=True)


def _forget_secrets(message: OutboxMessage) -> dict:
    """The fields that erase the message's secrets, leaving a mask where each was."""
    if not message.secret_values:
        return {}
    masked = dict.fromkeys(message.secret_values, SECRET_MASK)
    return {
        "subject": _fill(message.subject, masked),
        "body": _fill(message.body, masked),
        "secret_values": {},
    }


def outbox_deliver(*, message_id: int) -> bool:
    """Send one message if it is due and nobody else is sending it; True if it went out."""
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=message_id, status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
    ).update(status=OutboxMessage.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    # Still ours only if nobody claimed it since (the sweep hands it back after the lease).
    ours = OutboxMessage.objects.filter(
        pk=message_id, status=OutboxMessage.Status.SENDING, attempts=message.attempts
    )
    try:
        _send(message)
    except Exception as error:
        failed = message.attempts >= MAX_ATTEMPTS or getattr(error, "permanent", False)
        retry_at = now + _backoff(message.attempts)
        ours.update(
            status=OutboxMessage.Status.FAILED if failed else OutboxMessage.Status.PENDING,
            next_attempt_at=retry_at,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            **(_forget_secrets(message) if failed else {}),
        )
        logger.warning(
            "Outbox message %s not sent (attempt %s): %s", message_id, message.attempts, error
        )
        if not failed:
            _schedule(message_id, run_after=retry_at)
        return False
    marked = ours.update(
        status=OutboxMessage.Status.SENT,
        sent_at=timezone.now(),
        last_error="",
        **_forget_secrets(message),
    )
    if not marked:
        logger.warning(
            "Outbox message %s was sent after its lease ran out and may have been sent twice.",
            message_id,
        )
    return True


def outbox_sweep() -> int:
    """Hand back sends that were interrupted and queue every message now due; how many."""
    now = timezone.now()
    OutboxMessage.objects.filter(
        status=OutboxMessage.Status.SENDING, claimed_at__lt=now - outbox_lease()
    ).update(status=OutboxMessage.Status.PENDING, next_attempt_at=now)
    due = list(
        OutboxMessage.objects.filter(
            status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
        ).values_list("pk", flat=True)
    )
    for message_id in due:
        _schedule(message_id)
    return len(due)


def outbox_purge(*, now=None) -> int:
    """Delete the messages sent or given up more than ``OUTBOX_RETENTION_DAYS`` days after they
    were written; how many. Messages still waiting are kept whatever their age."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    deleted, _by_model = OutboxMessage.objects.filter(
        status__in=[OutboxMessage.Status.SENT, OutboxMessage.Status.FAILED],
        created_at__lt=cutoff,
    ).delete()
    return deleted
