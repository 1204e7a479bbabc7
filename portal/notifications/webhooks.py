"""Sending a webhook: an HTTP POST of a JSON body, signed so that its receiver can tell it came
from us and was not replayed later.

Headers: ``Onedoor-Delivery`` (the delivery's id, the same on every attempt), ``Onedoor-
Timestamp`` (Unix seconds when this attempt was signed) and ``Onedoor-Signature``
(``v1=`` and the hex HMAC-SHA256 of ``"<timestamp>.<body>"`` with the subscription's secret).
Any 2xx answer is a delivery; anything else (another status, no answer within
``WEBHOOK_TIMEOUT``) is an error the outbox retries with backoff. Redirects are not followed.

Unless ``DEBUG`` is on, an address must be ``https://``, without a user name or password, and
its host must be on the internet: a host that resolves to a loopback, private, link-local or
otherwise reserved address is refused, when the subscription is saved and again when each
delivery connects (the address connected to is the one checked, so a name that resolves
elsewhere later, DNS rebinding, reaches nothing inside). No proxy from the environment is used.
"""

import hashlib
import hmac
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from http import client as http_client
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class WebhookNotDelivered(Exception):
    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


def webhook_signature(*, secret: str, timestamp: str, body: str) -> str:
    """``v1=`` and the HMAC-SHA256 of ``"<timestamp>.<body>"``, as the receiver computes it."""
    digest = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256)
    return f"v1={digest.hexdigest()}"


def address_public(address: str) -> bool:
    """Whether an IP address is on the internet (not loopback, private, link-local, shared,
    multicast or reserved; an IPv4 address written as IPv6 is judged as IPv4)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _resolved(host: str, port: int) -> list[tuple]:
    return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)


def webhook_address_problem(url: str) -> str | None:
    """Why a webhook may not be sent to ``url``, or None. A host that cannot be resolved now
    passes (it is checked again at each delivery)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or (scheme == "http" and not settings.DEBUG):
        return _("Give an https:// address.")
    if parts.username is not None or parts.password is not None:
        return _("Give the address without a user name or password.")
    try:
        host, port = parts.hostname, parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        return _("Give the address without a user name or password.")
    if not host:
        return _("Give an https:// address.")
    if settings.DEBUG:
        return None
    try:
        found = [info[4][0] for info in _resolved(host, port)]
    except (OSError, UnicodeError):
        return None
    if not all(address_public(address) for address in found):
        return _("This address is on a private or local network: give one on the internet.")
    return None


class _PublicOnly:
    """A connection that connects only to an address on the internet (unless DEBUG)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = self._connect_public

    @staticmethod
    def _connect_public(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
        host, port = address
        infos = _resolved(host, port)
        if not settings.DEBUG and not all(address_public(info[4][0]) for info in infos):
            raise WebhookNotDelivered(
                f"{host} resolves to a private or local address: not sent.", permanent=True
            )
        error = OSError(f"No address for {host}")
        for family, kind, protocol, _name, sockaddr in infos:
            sock = socket.socket(family, kind, protocol)
            try:
                if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                    sock.settimeout(timeout)
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)
                return sock
            except OSError as failed:
                sock.close()
                error = failed
        raise error


class _HTTPConnection(_PublicOnly, http_client.HTTPConnection):
    """A plain connection (DEBUG only) that connects to public addresses only."""


class _HTTPSConnection(_PublicOnly, http_client.HTTPSConnection):
    """A TLS connection that connects to public addresses only."""


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_HTTPSConnection, req, context=self._context)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(
    urllib.request.ProxyHandler({}), _HTTPHandler, _HTTPSHandler, _NoRedirects
)


def webhook_post(*, url: str, body: str, secret: str, delivery_id: str) -> int:
    """POST ``body`` to ``url`` signed with ``secret``; the status of a 2xx answer, else
    ``WebhookNotDelivered``."""
    refused = webhook_address_problem(url)
    if refused:
        raise WebhookNotDelivered(f"{refused} ({url[:100]})", permanent=True)
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
