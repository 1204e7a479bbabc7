"""SMS senders: one small interface, a backend per way of sending, chosen by ``SMS_BACKEND``.

- ``console`` prints each text (the embedded default, like email);
- ``http`` posts it as JSON to an SMS provider's HTTP API (``SMS_HTTP_URL`` and friends);
- ``memory`` keeps it in ``sms_outbox`` (tests);
- a dotted path names a class of your own with the same ``send`` method.

A sender raises ``SmsNotSent`` when the provider did not take the text: the outbox tries again
later, unless the error is ``permanent`` (a number the provider will never accept).
"""

import json
import logging
import sys
import threading
from abc import ABC, abstractmethod

import requests
from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsNotSent(Exception):
    """The provider did not take the text. ``permanent``: trying again cannot help."""

    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


class SmsSender(ABC):
    """Sends one text to one phone number (E.164, such as +8562055551234)."""

    @abstractmethod
    def send(self, *, to: str, text: str) -> None:
        """Hand the text to the provider, or raise ``SmsNotSent``."""


class ConsoleSmsSender(SmsSender):
    """Prints each text to standard output: development and demos."""

    _lock = threading.Lock()

    def send(self, *, to: str, text: str) -> None:
        with self._lock:
            sys.stdout.write(f"SMS to {to}\n{text}\n{'-' * 40}\n")
            sys.stdout.flush()


sms_outbox: list[dict] = []


class MemorySmsSender(SmsSender):
    """Keeps each text in ``sms_outbox``, for tests."""

    def send(self, *, to: str, text: str) -> None:
        sms_outbox.append({"to": to, "text": text})


RETRIED = {401, 403, 408, 429}


class HttpApiSmsSender(SmsSender):
    """Posts ``{"to", "from", "text"}`` as JSON to ``SMS_HTTP_URL``, with ``SMS_HTTP_TOKEN`` as
    a bearer token when set. Any 2xx answer means the provider took the text; 5xx, 401, 403,
    408 and 429 (or no answer) are tried again later; other 4xx answers are permanent."""

    def __init__(self, *, url: str = "", token: str = "", sender: str = "", timeout: float = 0):
        self.url = url or settings.SMS_HTTP_URL
        self.token = token or settings.SMS_HTTP_TOKEN
        self.sender = sender or settings.SMS_HTTP_SENDER
        self.timeout = timeout or settings.SMS_HTTP_TIMEOUT
        if not self.url:
            raise SmsNotSent("SMS_HTTP_URL is not set.", permanent=True)

    def send(self, *, to: str, text: str) -> None:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        payload = {"to": to, "from": self.sender, "text": text}
        try:
            response = requests.post(
                self.url,
                data=json.dumps(payload, ensure_ascii=False).encode(),
                headers=headers,
                timeout=self.timeout,
            )
        except requests.RequestException as error:
            # The class only: the message may carry the provider's address and its query.
            raise SmsNotSent(f"No answer from the SMS provider ({type(error).__name__}).") from None
        if 200 <= response.status_code < 300:
            return
        # A refused credential is fixed by the operator, then the texts go: keep trying.
        permanent = 400 <= response.status_code < 500 and response.status_code not in RETRIED
        raise SmsNotSent(
            f"The SMS provider answered {response.status_code} {response.reason}.",
            permanent=permanent,
        )


BACKENDS = {
    "console": ConsoleSmsSender,
    "http": HttpApiSmsSender,
    "memory": MemorySmsSender,
}


def sms_sender() -> SmsSender:
    """The sender ``SMS_BACKEND`` names."""
    name = settings.SMS_BACKEND
    sender_class = BACKENDS.get(name) or import_string(name)
    return sender_class()
