"""Checks at start-up: every sender bounds its network steps with a timeout, so the outbox's
lease (derived from them) outlasts every send and a message still being sent is never handed to
a second worker."""

from django.conf import settings
from django.core.checks import Error, register


@register()
def check_send_timeouts(app_configs, **kwargs):
    from .services import _mailer_timeout

    errors = []
    if _mailer_timeout() is None:
        errors.append(_no_timeout("E001", "the mail server (MAILERS['default'])", "EMAIL_TIMEOUT"))
    if settings.SMS_BACKEND == "http" and settings.SMS_HTTP_TIMEOUT <= 0:
        errors.append(_no_timeout("E002", "the SMS provider", "SMS_HTTP_TIMEOUT"))
    return errors


def _no_timeout(number: str, what: str, variable: str) -> Error:
    return Error(
        f"Sending to {what} has no timeout: a send could outlast the outbox's lease and be "
        "sent twice.",
        hint=f"Set {variable} to a number of seconds above 0.",
        id=f"notifications.{number}",
    )
