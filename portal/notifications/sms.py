"""SMS senders: one small interface, a backend per way of sending, chosen by ``SMS_BACKEND``.

- ``console`` prints each text (the embedded default, like email);
- ``http`` posts it as JSON to an SMS provider's HTTP API (``SMS_HTTP_URL`` and friends);
- ``memory`` keeps it in ``sms_outbox`` (tests);
- a dotted path names a class of your own with the same ``send`` method.

A sender raises ``SmsNotSent`` when the provider did not take the text: the outbox tries again
later, unless the error is ``permanent`` (a number the provider will never accept). ``key`` is
the same on every attempt at one text: a provider that supports idempotency keys drops a copy.
``longest_send`` says how long one send can take at most: the outbox leaves a text this long
(and a margin) to the worker sending it before another may try.
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
    def send(self, *, to: str, text: str, key: str = "") -> None:
        """Hand the text to the provider, or raise ``SmsNotSent``. ``key`` identifies the text
        across attempts (for the provider's idempotency key, where it has one)."""

    @classmethod
    def longest_send(cls) -> float:
        """The most seconds one ``send`` can take. A sender of your own that can take longer
        than a minute says so here (and bounds each network step with a timeout)."""
        return 60


class ConsoleSmsSender(SmsSender):
    """Prints each text to standard output: development and demos."""

    _lock = threading.Lock()

    @classmethod
    def longest_send(cls) -> float:
        return 0

    def send(self, *, to: str, text: str, key: str = "") -> None:
        with self._lock:
            sys.stdout.write(f"SMS to {to}\n{text}\n{'-' * 40}\n")
            sys.stdout.flush()


sms_outbox: list[dict] = []


class MemorySmsSender(SmsSender):
    """Keeps each text in ``sms_outbox``, for tests."""

    @classmethod
    def longest_send(cls) -> float:
        return 0

    def send(self, *, to: str, text: str, key: str = "") -> None:
        sms_outbox.append({"to": to, "text": text})


RETRIED = {401, 403, 408, 429}
# The network steps of one request, each bounded by SMS_HTTP_TIMEOUT: connect, TLS handshake,
# sending the request, reading the answer.
HTTP_STEPS = 4


class HttpApiSmsSender(SmsSender):
    """Posts ``{"to", "from", "text"}`` as JSON to ``SMS_HTTP_URL``, with ``SMS_HTTP_TOKEN`` as
    a bearer token when set, and the text's ``key`` as the ``Idempotency-Key`` header. Any 2xx
    answer means the provider took the text; 5xx, 401, 403, 408 and 429 (or no answer) are
    tried again later; other 4xx answers are permanent."""

    @classmethod
    def longest_send(cls) -> float:
        return HTTP_STEPS * settings.SMS_HTTP_TIMEOUT

    def __init__(self, *, url: str = "", token: str = "", sender: str = "", timeout: float = 0):
        self.url = url or settings.SMS_HTTP_URL
        self.token = token or settings.SMS_HTTP_TOKEN
        self.sender = sender or settings.SMS_HTTP_SENDER
        self.timeout = timeout or settings.SMS_HTTP_TIMEOUT
        if not self.url:
            raise SmsNotSent("SMS_HTTP_URL is not set.", permanent=True)

    def send(self, *, to: str, text: str, key: str = "") -> None:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if key:
            headers["Idempotency-Key"] = key
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


def sms_sender_class() -> type[SmsSender]:
    """The class of the sender ``SMS_BACKEND`` names."""
    name = settings.SMS_BACKEND
    return BACKENDS.get(name) or import_string(name)


def sms_sender() -> SmsSender:
    """The sender ``SMS_BACKEND`` names."""
    return sms_sender_class()()
