"""Sending a webhook: an HTTP POST of a JSON body, signed so that its receiver can tell it came
from us and was not replayed later.

Headers: ``Onedoor-Delivery`` (the delivery's id, the same on every attempt), ``Onedoor-
Timestamp`` (Unix seconds when this attempt was signed) and ``Onedoor-Signature``
(``v1=`` and the hex HMAC-SHA256 of ``"<timestamp>.<body>"`` with the subscription's secret).
Any 2xx answer is a delivery; anything else (another status, no answer within
``WEBHOOK_TIMEOUT``) is an error the outbox retries with backoff. Redirects are not followed.
"""

import hashlib
import hmac
import time
import urllib.error
import urllib.request

from django.conf import settings


class WebhookNotDelivered(Exception):
    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


def webhook_signature(*, secret: str, timestamp: str, body: str) -> str:
    """``v1=`` and the HMAC-SHA256 of ``"<timestamp>.<body>"``, as the receiver computes it."""
    digest = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256)
    return f"v1={digest.hexdigest()}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def webhook_post(*, url: str, body: str, secret: str, delivery_id: str) -> int:
    """POST ``body`` to ``url`` signed with ``secret``; the status of a 2xx answer, else
    ``WebhookNotDelivered``."""
    if not url.lower().startswith(("https://", "http://")):
        raise WebhookNotDelivered(f"Not an http(s) address: {url[:100]}", permanent=True)
    if not secret:
        raise WebhookNotDelivered("No signing secret.", permanent=True)
    timestamp = str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310 (http and https only, checked above)
        url,
        data=body.encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Onedoor-Webhooks/1",
            "Onedoor-Delivery": delivery_id,
            "Onedoor-Timestamp": timestamp,
            "Onedoor-Signature": webhook_signature(secret=secret, timestamp=timestamp, body=body),
        },
    )
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        raise WebhookNotDelivered(f"HTTP {error.code} from the receiver") from None
    except (urllib.error.URLError, OSError) as error:
        raise WebhookNotDelivered(f"No answer: {error}") from None
    if not 200 <= status < 300:
        raise WebhookNotDelivered(f"HTTP {status} from the receiver")
    return status
